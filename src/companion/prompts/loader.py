"""One Jinja2 environment for every template: StrictUndefined, no autoescape (plain text out)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined


@lru_cache
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("companion", "prompts"),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(name: str, **values: Any) -> str:
    """Render a template file; a missing value is an error, never an empty string."""
    return environment().get_template(name).render(**values).strip()


def phrases() -> Any:
    """The composer's phrase macros (prompts/composer/phrases.j2), as a module of callables."""
    return environment().get_template("composer/phrases.j2").module
