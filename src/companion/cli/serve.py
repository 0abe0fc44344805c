"""`companion serve`: the API and the web UI under uvicorn."""

from __future__ import annotations

import copy
from typing import Annotated, Any

import typer

from companion import __version__
from companion.cli.context import console
from companion.config import Settings, get_settings


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
        "companion.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        timeout_worker_healthcheck=settings.worker_healthcheck_seconds,
        log_level=settings.log_level,
        log_config=log_config(settings.log_level),
        access_log=False,  # companion.requests logs each request without query strings
    )
