"""The `companion` command: its groups and commands, one module each in this package."""

from __future__ import annotations

import json
import threading
from typing import Annotated, Any

import typer
from rich.table import Table
from typer.core import TyperGroup

from companion import __version__
from companion.cli import feedback, guidance, kb, keys, pairs, search, serve
from companion.cli.context import console, open_services
from companion.cli.evaluate import evaluate
from companion.config import get_settings, settings_table
from companion.errors import DependencyUnavailable


class CompanionGroup(TyperGroup):
    """Every command, in every group: a dependency that is down (the Chroma server, the
    database) is one line on the console and exit status 1, never a traceback."""

    def invoke(self, ctx: Any) -> Any:  # typer's own (vendored) click Context
        try:
            return super().invoke(ctx)
        except DependencyUnavailable as error:
            console.print(f"[red]error:[/red] {error}", highlight=False)
            raise typer.Exit(1) from error


app = typer.Typer(
    name="companion",
    cls=CompanionGroup,
    help="An AI-assisted companion for reverse-mentoring programmes.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(kb.kb_app, name="kb")
app.add_typer(feedback.feedback_app, name="feedback")
app.add_typer(keys.keys_app, name="keys")
app.add_typer(pairs.people_app, name="people")
app.add_typer(pairs.pairs_app, name="pairs")
app.command("index")(search.index)
app.command("search")(search.search)
app.command("eval")(evaluate)
for command in (guidance.agenda, guidance.starters, guidance.coach, guidance.reflect):
    app.command()(command)
app.command()(serve.serve)


def _version(value: bool) -> None:
    if value:
        console.print(f"companion {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """companion: session plans, coaching, reflection and feedback themes for reverse mentoring."""


@app.command()
def worker() -> None:
    """Run background jobs until stopped with Ctrl-C.

    The jobs read imported feedback for its themes. Run this beside servers started with
    COMPANION_BACKGROUND_JOBS=false, or as extra workers sharing a PostgreSQL database."""
    with open_services() as services:
        services.jobs.start(resume_all_running=False)
        console.print("worker started; Ctrl-C stops it after the current batch")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            console.print("stopping")


@app.command()
def config(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print the README's settings table.")] = False,
) -> None:
    """Show the effective settings, secrets masked."""
    if markdown:
        print(settings_table())
        return
    shown = get_settings().shown()
    if as_json:
        print(json.dumps(shown, indent=2, default=str))
        return
    table = Table("setting", "value", title="companion settings")
    for name, value in shown.items():
        table.add_row(f"COMPANION_{name.upper()}", "" if value is None else str(value))
    console.print(table)
