"""`companion people …` and `companion pairs …`: the programme's people and pairs from the shell.

They open only the database, except `pairs stalled`, which also reads the knowledge base's
outreach steps (no model is loaded).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from companion.cli.context import console, open_services
from companion.pairs import PeopleError, PersonIn, Viewer, WorkspaceError
from companion.pairs.schemas import PairIn

people_app = typer.Typer(help="Add and list the people in the programme.", no_args_is_help=True)
pairs_app = typer.Typer(help="Create and list pairs; find the stalled ones.", no_args_is_help=True)
# The command line is the operator's: it sees every pair, as an admin does (no notes, no reflections).
OPERATOR = Viewer(key_id=0, person_id=None, role="admin")


def _fail(message: str) -> typer.Exit:
    console.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(1)


@people_app.command("add")
def add_person(
    name: Annotated[str, typer.Option(help="Full name.")],
    email: Annotated[str, typer.Option(help="E-mail address (unique).")],
    role: Annotated[str, typer.Option(help="mentor, mentee or admin.")],
    timezone: Annotated[str, typer.Option(help="IANA time zone, e.g. Europe/London.")] = "UTC",
) -> None:
    """Add one person."""
    try:
        person = PersonIn(name=name, email=email, role=role, timezone=timezone)  # type: ignore[arg-type]
    except ValueError as error:
        raise _fail(str(error)) from error
    with open_services() as services:
        try:
            added = services.people.add(person)
        except PeopleError as error:
            raise _fail(str(error)) from error
    console.print(f"added {added.role} {added.name} <{added.email}> as person {added.id}")


@people_app.command("import")
def import_roster(path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)]) -> None:
    """Add everyone in a roster CSV (name, email, role, optional timezone): all, or nobody."""
    with open_services() as services:
        try:
            added = services.people.import_roster(path.read_text(encoding="utf-8-sig"))
        except PeopleError as error:
            for problem in error.problems:
                console.print(f"  {problem}", highlight=False)
            raise _fail(str(error)) from error
    console.print(f"added {len(added)} people from {path}")


@people_app.command("list")
def list_people() -> None:
    """Everyone, by name."""
    with open_services() as services:
        people = services.people.all()
    table = Table("id", "name", "email", "role", "timezone")
    for person in people:
        table.add_row(str(person.id), person.name, person.email, person.role, person.timezone)
    console.print(table)


@pairs_app.command("add")
def add_pair(
    mentor: Annotated[str, typer.Option(help="The mentor's e-mail.")],
    mentee: Annotated[str, typer.Option(help="The mentee's e-mail.")],
    started: Annotated[str | None, typer.Option(help="Start date, YYYY-MM-DD.")] = None,
    sessions: Annotated[int | None, typer.Option(help="Planned number of sessions.")] = None,
    every_days: Annotated[int | None, typer.Option(help="Days between sessions.")] = None,
    name: Annotated[str | None, typer.Option(help="The programme's name for the pair.")] = None,
) -> None:
    """Pair a mentor with a mentee."""
    with open_services() as services:
        found = {email: services.people.by_email(email) for email in (mentor, mentee)}
        missing = [email for email, person in found.items() if person is None]
        if missing:
            raise _fail(f"nobody has the e-mail {', '.join(missing)}; add them with `companion people add`")
        try:
            pair = services.workspace.pairs.create(
                PairIn(
                    mentor_id=found[mentor].id,  # type: ignore[union-attr]
                    mentee_id=found[mentee].id,  # type: ignore[union-attr]
                    name=name,
                    started_on=date.fromisoformat(started) if started else None,
                    planned_sessions=sessions,
                    rhythm_days=every_days,
                )
            )
        except (WorkspaceError, ValueError) as error:
            raise _fail(str(error)) from error
    console.print(f"created pair {pair.id} ({pair.name})")


@pairs_app.command("list")
def list_pairs() -> None:
    """Every pair with its cadence: sessions held, last session, days since."""
    with open_services() as services:
        pairs = services.workspace.pairs_of(OPERATOR)
    table = Table("id", "name", "mentor", "mentee", "held", "last session", "days since", "stalled")
    for pair in pairs:
        table.add_row(
            str(pair.id),
            pair.name,
            pair.mentor.name if pair.mentor else "",
            pair.mentee.name if pair.mentee else "",
            f"{pair.sessions_held}" + (f" of {pair.planned_sessions}" if pair.planned_sessions else ""),
            str(pair.last_session_on or "never"),
            "" if pair.days_since_session is None else str(pair.days_since_session),
            "yes" if pair.stalled else "",
        )
    console.print(table)


@pairs_app.command("stalled")
def stalled() -> None:
    """Pairs with no session for the stalled threshold, longest first, each with its next step
    from the knowledge base. Exits 0 with a line saying so when there are none."""
    with open_services() as services:
        found = services.workspace.stalled(OPERATOR)
    if not found:
        console.print("no stalled pairs")
        return
    for item in found:
        pair = item.pair
        who = " & ".join(person.name for person in (pair.mentor, pair.mentee) if person) or pair.name
        since = "the start, no session yet"
        if pair.last_session_on:
            since = f"the last session ({pair.last_session_on})"
        console.print(
            f"[bold]{escape(who)}[/bold] (pair {pair.id}): {pair.days_since_session} days since {since}, "
            f"{item.band}",
            highlight=False,
        )
        console.print(f"  next step: {escape(item.next_step)}  ({item.citation})", highlight=False)
