"""`companion index` and `companion search`."""

from __future__ import annotations

import json
import time
from typing import Annotated, Any, cast

import typer
from rich.progress import Progress
from rich.table import Table

from companion.cli.context import console, open_services
from companion.rag.retriever import Filters, Method


def index(
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Start from an empty index.")] = False,
) -> None:
    """Index knowledge/ in Chroma: add new, update changed, remove deleted, skip unchanged chunks."""
    with open_services() as services, Progress(console=console, transient=True) as progress:
        task = progress.add_task("embedding", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        started = time.perf_counter()
        report = services.sync_index(rebuild=rebuild, progress=advance)
        progress.stop()
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
    filters = Filters(kinds=tuple(kind or ()), audience=audience, topic=topic, challenge=challenge)
    with open_services() as services:
        retriever = services.retriever
        started = time.perf_counter()
        hits = retriever.search(query, k=k, filters=filters, method=cast(Method, method), diverse=diverse)
        elapsed_ms = (time.perf_counter() - started) * 1000
    results: list[dict[str, Any]] = [
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
