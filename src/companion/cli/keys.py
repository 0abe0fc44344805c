"""`companion keys create|list|revoke`: API keys from the shell (opens only the database)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from companion.auth.keys import ROLES, KeyRequestError
from companion.cli.context import open_services

keys_app = typer.Typer(help="Create, list and revoke API keys.", no_args_is_help=True)
console = Console(stderr=True)


@keys_app.command()
def create(
    role: Annotated[str, typer.Option(help=f"One of: {', '.join(ROLES)}.")],
    name: Annotated[str | None, typer.Option(help="A name to tell keys apart.")] = None,
    person: Annotated[
        str | None, typer.Option(help="The e-mail of the person the key belongs to (`companion people`).")
    ] = None,
) -> None:
    """Create a key. It is printed once, alone on the last line, and stored only as a hash."""
    with open_services() as services:
        try:
            person_id = None
            if person is not None:
                found = services.people.by_email(person)
                if found is None:
                    raise KeyRequestError(f"person: nobody has the e-mail {person!r}")
                person_id = found.id
            info, secret = services.keys.create(role, name, person_id)
        except KeyRequestError as error:
            console.print(f"[red]error:[/red] {error}", highlight=False)
            raise typer.Exit(1) from error
    console.print(
        f"created {info.role} key {info.name!r} ({info.prefix}…); keep it now, it is not shown again:"
    )
    typer.echo(secret)


@keys_app.command("list")
def list_keys() -> None:
    """The keys: name, role, prefix, created, revoked. Never the keys themselves."""
    with open_services() as services:
        keys = services.keys.list()
    table = Table("name", "role", "prefix", "created", "revoked")
    for info in keys:
        table.add_row(
            info.name,
            info.role,
            info.prefix,
            info.created_at.strftime("%Y-%m-%d %H:%M"),
            info.revoked_at.strftime("%Y-%m-%d %H:%M") if info.revoked_at else "",
        )
    Console().print(table)


@keys_app.command()
def revoke(name: Annotated[str, typer.Argument(help="The key's name.")]) -> None:
    """Revoke a key; it fails at once on every request."""
    with open_services() as services:
        try:
            services.keys.revoke(name)
        except KeyRequestError as error:
            console.print(f"[red]error:[/red] {error}", highlight=False)
            raise typer.Exit(1) from error
    console.print(f"revoked {name!r}")
