"""What every command shares: one console, and the services opened for one command and closed after it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console

from companion.config import get_settings
from companion.services import Services

console = Console()


@contextmanager
def open_services() -> Iterator[Services]:
    """The services of one command. Nothing is built until the command uses it (`keys` opens
    only the database, `feedback session` never loads a model), and all is closed at the end."""
    services = Services(get_settings())
    try:
        yield services
    finally:
        services.close()
