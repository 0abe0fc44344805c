"""`companion kb check|stats`."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from companion.cli.context import console
from companion.config import get_settings
from companion.kb.check import check_corpus
from companion.kb.loader import load_corpus
from companion.kb.stats import corpus_stats

kb_app = typer.Typer(help="Check and count the knowledge base.", no_args_is_help=True)


@kb_app.command("check")
def check() -> None:
    """Validate the knowledge base; exit 1 with one line per problem."""
    root = get_settings().knowledge_dir
    corpus = load_corpus(root)
    problems = check_corpus(corpus)
    for problem in problems:
        console.print(str(problem), markup=False, highlight=False)
    if problems:
        console.print(f"[red]{len(problems)} problem(s)[/red] in {root}")
        raise typer.Exit(1)
    console.print(f"[green]ok[/green]: {len(corpus.articles)} articles, {len(corpus.sources)} sources")


@kb_app.command("stats")
def stats(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Articles, words, starters and prompts per tag."""
    figures = corpus_stats(load_corpus(get_settings().knowledge_dir))
    if as_json:
        print(json.dumps(figures, indent=2))
        return
    console.print(
        f"{figures['articles']} articles, {figures['words']} words, "
        f"{figures['starters']} starters, {figures['prompts']} reflection prompts"
    )
    for title, counts in figures["by"].items():
        table = Table("value", "count", title=title)
        for value, count in counts.items():
            table.add_row(value, str(count))
        console.print(table)
