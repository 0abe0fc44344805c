"""The `companion` command. Human output with Rich; `--json` where machines read it."""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Callable
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from companion import __version__
from companion.auth.cli import keys_app
from companion.config import Settings, get_settings, settings_table
from companion.errors import DependencyUnavailable
from companion.evaluation.cli import evaluate
from companion.feedback.cli import feedback_app
from companion.guidance import cli as guidance_cli
from companion.kb.cli import kb_app
from companion.rag import cli as rag_cli

app = typer.Typer(
    name="companion",
    help="An AI-assisted companion for reverse-mentoring programmes.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()


def exits_when_unavailable(command: Callable[..., Any]) -> Callable[..., Any]:
    """Run a command; a dependency that is down (e.g. the Chroma server) is one line and exit 1."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DependencyUnavailable as error:
            console.print(f"[red]error:[/red] {error}", highlight=False)
            raise typer.Exit(1) from error

    return run


app.add_typer(kb_app, name="kb")
app.add_typer(feedback_app, name="feedback")
app.add_typer(keys_app, name="keys")
app.command("index")(exits_when_unavailable(rag_cli.index))
app.command("search")(exits_when_unavailable(rag_cli.search))
app.command("eval")(evaluate)
for command in (guidance_cli.agenda, guidance_cli.starters, guidance_cli.coach, guidance_cli.reflect):
    app.command()(exits_when_unavailable(command))


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


def serving_problem(settings: Settings, workers: int) -> str | None:
    """Why the settings cannot be served by `workers` processes, or None when they can.

    An embedded Chroma index (PersistentClient) must not be shared by several processes, and
    several processes writing one SQLite file risk `database is locked` under load: with more
    than one worker, the index must be a Chroma server and the database PostgreSQL."""
    if workers <= 1:
        return None
    problems = []
    if not settings.chroma_url:
        problems.append("set COMPANION_CHROMA_URL to a Chroma server (`chroma run`)")
    if settings.effective_database_url.startswith("sqlite"):
        problems.append("set COMPANION_DATABASE_URL to a PostgreSQL database")
    if not problems:
        return None
    return f"--workers {workers} needs shared services: " + "; ".join(problems) + "."


def log_config(level: str) -> dict[str, Any]:
    """uvicorn's logging, plus companion's own loggers (one JSON line per request)."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["plain"] = {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    config["handlers"]["companion"] = {
        "class": "logging.StreamHandler",
        "formatter": "plain",
        "stream": "ext://sys.stderr",
    }
    config["loggers"]["companion"] = {"handlers": ["companion"], "level": level.upper(), "propagate": False}
    return config


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes.")] = 1,
) -> None:
    """Serve the API and the web UI."""
    import uvicorn

    settings = get_settings()
    problem = serving_problem(settings, workers)
    if problem:
        console.print(f"[red]error:[/red] {problem}", highlight=False)
        raise typer.Exit(2)
    host = host or settings.host
    port = port or settings.port
    console.print(f"companion {__version__} serving on http://{host}:{port}/ with {workers} worker(s)")
    uvicorn.run(
        "companion.api.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=settings.log_level,
        log_config=log_config(settings.log_level),
        access_log=False,  # companion.requests logs each request without query strings
    )
