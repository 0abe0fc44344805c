"""`companion agenda | starters | coach | reflect`: JSON for machines, Rich for people."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

import typer
from pydantic import BaseModel, ValidationError
from rich.markup import escape
from rich.panel import Panel

from companion.cli.context import console, open_services
from companion.guidance.schemas import (
    Agenda,
    AgendaRequest,
    Answer,
    Coaching,
    CoachingRequest,
    ReflectionRequest,
    Reflections,
    Starters,
    StartersRequest,
)

RequestT = TypeVar("RequestT", bound=BaseModel)
AnswerT = TypeVar("AnswerT", bound=Answer)
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _request(model: type[RequestT], **values: object) -> RequestT:
    try:
        return model.model_validate({key: value for key, value in values.items() if value is not None})
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in detail['loc'])}: {detail['msg']}" for detail in error.errors()
        )
        raise typer.BadParameter(problems) from error


def _emit(answer: AnswerT, as_json: bool, render: Callable[[AnswerT], None]) -> None:
    if as_json:
        print(answer.model_dump_json(indent=2))
        return
    render(answer)
    console.print("[bold]Sources[/bold]")
    for citation in answer.citations:
        console.print(f"  [dim]{citation.id}[/dim] {escape(citation.title)} ([cyan]{citation.source}[/cyan])")
    if answer.degraded:
        console.print(f"[yellow]degraded: {escape(answer.degraded_reason or '')}[/yellow]")
    if answer.grounding is not None:
        check = answer.grounding
        console.print(
            f"[dim]written by {escape(answer.provider)}; {check.supported} of {check.checked} lines "
            f"supported by their sources, {len(check.dropped)} removed[/dim]"
        )


def agenda(
    topic: Annotated[str, typer.Argument(help="What the session is about.")],
    minutes: Annotated[int, typer.Option(help="Length of the session in minutes.")] = 60,
    session_number: Annotated[int, typer.Option("--session", help="Which session this is (1 = first).")] = 1,
    total_sessions: Annotated[int | None, typer.Option("--of", help="How many sessions are planned.")] = None,
    mentee_role: Annotated[str | None, typer.Option("--mentee-role", help="e.g. 'finance director'.")] = None,
    goal: Annotated[
        list[str] | None, typer.Option("--goal", help="A goal of the mentee (repeatable).")
    ] = None,
    point: Annotated[list[str] | None, typer.Option("--point", help="A talking point (repeatable).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Plan a timed session agenda."""
    request = _request(
        AgendaRequest,
        topic=topic,
        minutes=minutes,
        session_number=session_number,
        total_sessions=total_sessions,
        mentee_role=mentee_role,
        goals=goal or [],
        talking_points=point or [],
    )
    with open_services() as services:
        answer = services.guidance.agenda(request)

    def render(plan: Agenda) -> None:
        console.print(Panel(escape(plan.title), subtitle=f"{plan.minutes} minutes"))
        if plan.coverage == "not_covered":
            console.print(f"[yellow]{escape(plan.coverage_note or 'No module covers this topic.')}[/yellow]")
        elif plan.module_title:
            console.print(f"[dim]Module: {escape(plan.module_title)}[/dim]")
        console.print("[bold]Objectives[/bold]")
        for objective in plan.objectives:
            console.print(f"  • {escape(objective)}")
        for segment in plan.segments:
            console.print(f"[bold]{segment.minutes:>3} min  {escape(segment.title)}[/bold]")
            for activity in segment.activities:
                console.print(f"         - {escape(activity)}")
        if plan.spare_minutes:
            console.print(f"[bold]{plan.spare_minutes:>3} min  kept spare[/bold]")
        console.print("[bold]Conversation starters[/bold]")
        for starter in plan.starters:
            console.print(f"  • {escape(starter)}")
        console.print("[bold]Follow-ups[/bold]")
        for follow_up in plan.follow_ups:
            console.print(f"  • {escape(follow_up)}")

    _emit(answer, as_json, render)


def starters(
    topic: Annotated[str, typer.Argument(help="The topic of the conversation.")],
    count: Annotated[int, typer.Option(help="How many starters.")] = 5,
    audience: Annotated[str | None, typer.Option(help="mentor or mentee.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Conversation starters for a topic, varied in purpose."""
    request = _request(StartersRequest, topic=topic, count=count, audience=audience)
    with open_services() as services:
        answer = services.guidance.starters(request)

    def render(found: Starters) -> None:
        for starter in found.starters:
            purpose = starter.purpose.replace("-", " ").capitalize()
            console.print(f"[magenta]{purpose:>20}[/magenta]  {escape(starter.text)}")

    _emit(answer, as_json, render)


def coach(
    situation: Annotated[str, typer.Argument(help="What is happening, in your own words.")],
    role: Annotated[
        str | None, typer.Option(help="mentor, mentee or programme (the programme team): who is asking.")
    ] = None,
    challenge: Annotated[str | None, typer.Option(help="Optional: what you think it is.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Coaching for a challenge: diagnosis, strategies, words to say, when to escalate."""
    request = _request(CoachingRequest, situation=situation, role=role, challenge=challenge)
    with open_services() as services:
        answer = services.guidance.coach(request)

    def render(found: Coaching) -> None:
        reading = "safety first" if found.safety else found.likelihood
        title = f"{found.challenge} ({reading})" + (f", possibly also {found.also}" if found.also else "")
        console.print(Panel(escape(found.diagnosis), title=escape(title)))
        for heading, lines in (
            ("What to do now", found.act_now),
            ("What confidentiality covers, and what it does not", found.confidentiality),
            ("Support for you", found.support),
            ("Strategies", found.strategies),
            ("Words to say", found.scripts),
            # (the programme team does not "involve the programme team")
            (
                "Who to contact"
                if found.safety or request.role == "programme"
                else "Involve the programme team when",
                found.escalate_when,
            ),
        ):
            if lines:
                console.print(f"[bold]{heading}[/bold]")
                for line in lines:
                    console.print(f"  • {escape(line)}")

    _emit(answer, as_json, render)


def reflect(
    topic: Annotated[str, typer.Argument(help="What the session was about.")],
    notes: Annotated[str | None, typer.Option(help="Notes from the session.")] = None,
    count: Annotated[int, typer.Option(help="How many prompts.")] = 6,
    role: Annotated[
        str | None, typer.Option(help="mentee or mentor; read from the notes when not given.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Reflection prompts after a session, each with its framework stage."""
    request = _request(ReflectionRequest, topic=topic, notes=notes, count=count, role=role)
    with open_services() as services:
        answer = services.guidance.reflect(request)

    def render(found: Reflections) -> None:
        if found.title:
            console.print(f"[bold]{escape(found.title)}[/bold]")
        for prompt in found.prompts:
            console.print(
                f"[cyan]{escape(prompt.stage_label or prompt.stage)}[/cyan]\n  {escape(prompt.text)}"
            )

    _emit(answer, as_json, render)
