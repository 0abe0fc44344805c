"""`companion kb check|stats`."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from companion.cli.context import console
from companion.config import get_settings
from companion.kb.check import check_corpus, check_local_corpus
from companion.kb.loader import load_corpus
from companion.kb.stats import corpus_stats
from companion.programme.settings import ProgrammeError, load_programme

kb_app = typer.Typer(help="Check and count the knowledge base.", no_args_is_help=True)


@kb_app.command("check")
def check() -> None:
    """Validate the knowledge base, and the organisation's own articles and programme settings
    when they are configured; exit 1 with one line per problem."""
    settings = get_settings()
    root = settings.knowledge_dir
    corpus = load_corpus(root)
    lines = [str(problem) for problem in check_corpus(corpus)]
    summary = [f"{len(corpus.articles)} articles, {len(corpus.sources)} sources"]
    if settings.local_knowledge_dir is not None:
        local_root = settings.local_knowledge_dir.expanduser()
        if not local_root.is_dir():
            lines.append(f"{local_root}: COMPANION_LOCAL_KNOWLEDGE_DIR is not a folder")
        else:
            local = load_corpus(local_root, local=True)
            lines += [str(problem) for problem in check_local_corpus(local, corpus)]
            summary.append(f"{len(local.articles)} local articles")
    if settings.programme_file is not None or settings.effective_programme_file.is_file():
        try:
            programme = load_programme(settings.effective_programme_file)
            summary.append(f"programme settings of {programme.name}")
        except ProgrammeError as error:
            lines += [f"{error.path}:{line}: {message}" for line, message in error.problems]
    for line in lines:
        console.print(line, markup=False, highlight=False)
    if lines:
        console.print(f"[red]{len(lines)} problem(s)[/red]")
        raise typer.Exit(1)
    console.print(f"[green]ok[/green]: {', '.join(summary)}")


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
