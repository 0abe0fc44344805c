"""`companion feedback import|summary|session`: the admin's programme data from the shell."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import MofNCompleteColumn, Progress
from rich.table import Table

from companion.cli.context import console, open_services
from companion.feedback.export import rejected_csv as to_rejected_csv
from companion.feedback.parsing import ImportFileError
from companion.feedback.schemas import SessionIn, Summary

feedback_app = typer.Typer(help="Import programme feedback and read its themes.", no_args_is_help=True)


@feedback_app.command("import")
def import_file(
    path: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="A .csv or .jsonl survey export.")
    ],
    rejected_csv: Annotated[
        Path | None,
        typer.Option("--rejected", dir_okay=False, help="Write the rejected rows here as CSV, to fix them."),
    ] = None,
) -> None:
    """Import a survey export; rows already stored are skipped, invalid rows are listed."""
    with open_services() as services:
        try:
            report = services.feedback.import_file(path.name, path.read_bytes())
        except ImportFileError as error:
            console.print(f"[red]error:[/red] {path}: {error}", highlight=False)
            raise typer.Exit(1) from error
        console.print(
            f"imported {report.imported}, duplicates {report.duplicates}, rejected {len(report.rejected)}"
        )
        for rejected in report.rejected:
            console.print(f"  line {rejected.line}: {rejected.error}", highlight=False)
        if rejected_csv is not None:
            rejected_csv.write_text(to_rejected_csv(report.rejected), encoding="utf-8")
            console.print(f"rejected rows written to {rejected_csv}", highlight=False)
        # The themes model reads the new answers here, with a progress bar, so that the next
        # summary is quick (the server does the same as a background job).
        with Progress(*Progress.get_default_columns(), MofNCompleteColumn(), console=console) as bar:
            task = bar.add_task("Reading the answers for the themes", total=None)
            services.feedback.embed_missing(lambda done, total: bar.update(task, completed=done, total=total))


@feedback_app.command()
def session(
    pair: Annotated[str, typer.Option(help="The pair's id.")],
    held_on: Annotated[str, typer.Option("--date", help="YYYY-MM-DD.")],
    topic: Annotated[str, typer.Option(help="What the session was about.")],
) -> None:
    """Record a meeting of a pair (for the meeting KPIs)."""
    try:
        meeting = SessionIn(pair_id=pair, held_on=date.fromisoformat(held_on), topic=topic)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error
    with open_services() as services:
        recorded = services.feedback.add_session(meeting)
    console.print("recorded" if recorded else "already recorded")


@feedback_app.command()
def sessions(
    path: Annotated[
        Path,
        typer.Argument(exists=True, dir_okay=False, help="A .csv or .jsonl of pair, date, topic, minutes."),
    ],
) -> None:
    """Import the pairs' meetings (for the meeting KPIs); meetings already recorded are skipped."""
    with open_services() as services:
        try:
            report = services.feedback.import_sessions(path.name, path.read_bytes())
        except ImportFileError as error:
            console.print(f"[red]error:[/red] {path}: {error}", highlight=False)
            raise typer.Exit(1) from error
    console.print(
        f"recorded {report.imported}, already recorded {report.duplicates}, rejected {len(report.rejected)}"
    )
    for rejected in report.rejected:
        console.print(f"  line {rejected.line}: {rejected.error}", highlight=False)


@feedback_app.command()
def summary(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Themes of the stored feedback, with KPIs and recommendations."""
    with open_services() as services:
        result = services.feedback.summary()
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
        return
    show(result)


def show(result: Summary) -> None:
    console.print(result.executive_summary, highlight=False)
    table = Table("Theme", "Entries", "Share", "Sentiment", "Trend", "Recommendation", show_lines=True)
    for theme in result.themes:
        table.add_row(
            theme.label,
            str(theme.count),
            f"{theme.share:.0%}",
            f"{theme.sentiment.label} ({theme.sentiment.average_rating or '-'}★)",
            theme.trend.direction,
            theme.recommendation,
        )
    console.print(table)
    kpis = result.kpis
    console.print(
        f"entries {kpis.entries} · average rating {kpis.average_rating or '-'} · pairs {kpis.pairs} "
        f"({kpis.pairs_with_feedback} with feedback) · "
        + (
            f"sessions {kpis.sessions} · "
            f"sessions per pair per month {kpis.sessions_per_pair_per_month or '-'} · "
            f"pairs with no session in 45 days {kpis.pairs_without_recent_session}"
            if kpis.session_data
            else "no session data yet (companion feedback sessions FILE imports them)"
        ),
        highlight=False,
    )
    for change in kpis.changes:
        shown = "-" if change.change is None else f"{change.change:+g}"
        console.print(
            f"{change.name}, {change.month}: {_figure(change.value)} "
            f"(month before: {_figure(change.previous)}, change {shown})",
            highlight=False,
        )


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"
