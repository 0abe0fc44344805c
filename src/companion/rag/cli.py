"""`companion index` and `companion search`."""

from __future__ import annotations

import json
import time
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from companion.config import get_settings
from companion.rag.retriever import Filters, Method
from companion.services import build_services

console = Console()


def index(
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Start from an empty index.")] = False,
) -> None:
    """Index knowledge/ in Chroma: add new, update changed, remove deleted, skip unchanged chunks."""
    settings = get_settings()
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("embedding", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        started = time.perf_counter()
        services = build_services(settings, rebuild=rebuild, progress=advance)
    report = services.index_report
    console.print(
        f"added {report.added}, updated {report.updated}, removed {report.removed}, "
        f"unchanged {report.unchanged} ({services.store.count()} chunks in {services.store.name}, "
        f"{time.perf_counter() - started:.1f} s)"
    )


def search(
    query: Annotated[str, typer.Argument(help="What to look for, in your own words.")],
    k: Annotated[int, typer.Option("--k", min=1, max=50, help="How many results.")] = 5,
    method: Annotated[str, typer.Option(help="hybrid, dense or bm25.")] = "hybrid",
    kind: Annotated[list[str] | None, typer.Option(help="Only these article kinds.")] = None,
    audience: Annotated[str | None, typer.Option(help="mentor, mentee or admin.")] = None,
    topic: Annotated[str | None, typer.Option(help="Only articles with this topic.")] = None,
    challenge: Annotated[str | None, typer.Option(help="Only articles about this challenge.")] = None,
    diverse: Annotated[bool, typer.Option(help="Re-rank for variety (MMR).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Search the knowledge base."""
    if method not in ("hybrid", "dense", "bm25"):
        raise typer.BadParameter("method must be hybrid, dense or bm25", param_hint="--method")
    services = build_services(get_settings())
    filters = Filters(kinds=tuple(kind or ()), audience=audience, topic=topic, challenge=challenge)
    started = time.perf_counter()
    method_name: Method = method  # type: ignore[assignment]
    hits = services.retriever.search(query, k=k, filters=filters, method=method_name, diverse=diverse)
    elapsed_ms = (time.perf_counter() - started) * 1000
    results = [
        {
            "id": hit.chunk.id,
            "title": hit.chunk.title,
            "source": hit.chunk.source,
            "heading": hit.chunk.heading,
            "text": hit.chunk.text,
            "score": round(hit.score, 6),
        }
        for hit in hits
    ]
    if as_json:
        print(json.dumps({"results": results, "elapsed_ms": round(elapsed_ms, 1)}, indent=2))
        return
    table = Table("#", "score", "passage", title=f"{len(results)} results in {elapsed_ms:.0f} ms")
    for number, result in enumerate(results, start=1):
        snippet = result["text"][:220].replace("\n", " ")
        table.add_row(
            str(number),
            f"{result['score']:.4f}",
            f"[bold]{result['title']}[/bold] › {result['heading']}\n{snippet}\n[dim]{result['source']}[/dim]",
        )
    console.print(table)
