"""Mentors plan a session outside a pair (saved, then shown at its own address) and ask for more
conversation starters. Plans for a pair are made from the pair's page (routes/pairs.py)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from companion.guidance.schemas import Agenda, AgendaRequest, StartersRequest
from companion.pairs import Viewer
from companion.server.deps import GuidanceDep, RetrieverDep, WorkspaceDep
from companion.web.auth import Planner, PostedForm
from companion.web.forms import lines, text_values, validate
from companion.web.pages import render
from companion.web.routes.common import page_router
from companion.web.sources import source_links

router = page_router()
AGENDA_FIELDS = (
    "topic",
    "minutes",
    "session_number",
    "total_sessions",
    "mentee_role",
    "goals",
    "talking_points",
)
AGENDA_DEFAULTS = {"minutes": "60", "session_number": "1"}
STARTER_FIELDS = ("topic", "count", "audience")
STARTER_DEFAULTS = {"count": "5"}


def agenda_input(values: dict[str, str]) -> dict[str, Any]:
    """The agenda request from the form: blank fields left out (defaults apply), lists by line."""
    data: dict[str, Any] = {
        name: values[name].strip()
        for name in ("topic", "minutes", "session_number", "total_sessions", "mentee_role")
        if values[name].strip()
    }
    data["goals"] = lines(values["goals"])
    data["talking_points"] = lines(values["talking_points"])
    return data


def timings(agenda: Agenda) -> list[tuple[int, int]]:
    """Each segment's start and end, in minutes from the start of the session."""
    spans, start = [], 0
    for segment in agenda.segments:
        spans.append((start, start + segment.minutes))
        start += segment.minutes
    return spans


@router.get("/plan")
def plan_form(request: Request, user: Planner) -> Response:
    return render(request, "plan.html", {"user": user, "csrf": user.csrf, "values": AGENDA_DEFAULTS})


@router.post("/plan")
async def plan(request: Request, user: Planner, form: PostedForm, workspace: WorkspaceDep) -> Response:
    """The agenda is saved for its planner and shown at its own address (post, redirect, get)."""
    values = text_values(form, *AGENDA_FIELDS)
    agenda_request, errors = validate(AgendaRequest, agenda_input(values))
    if agenda_request is None:
        context = {"user": user, "csrf": user.csrf, "values": values, "errors": errors}
        return render(request, "plan.html", context, status=422)
    viewer = Viewer(user.key.id, user.key.person_id, user.role)
    saved = await run_in_threadpool(workspace.plan_alone, viewer, agenda_request)
    return RedirectResponse(f"/agendas/{saved.id}", status_code=303)


@router.get("/starters")
def starters_form(request: Request, user: Planner) -> Response:
    return render(request, "starters.html", {"user": user, "csrf": user.csrf, "values": STARTER_DEFAULTS})


@router.post("/starters")
async def starters(
    request: Request, user: Planner, form: PostedForm, guidance: GuidanceDep, retriever: RetrieverDep
) -> Response:
    values = text_values(form, *STARTER_FIELDS)
    context: dict[str, Any] = {"user": user, "csrf": user.csrf, "values": values}
    data: dict[str, Any] = {name: values[name].strip() for name in STARTER_FIELDS if values[name].strip()}
    data["exclude"] = [text for text in form.getlist("exclude") if isinstance(text, str)][:50]
    starters_request, errors = validate(StartersRequest, data)
    if starters_request is None:
        return render(request, "starters.html", {**context, "errors": errors}, status=422)
    answer = await run_in_threadpool(guidance.starters, starters_request)
    shown = [*starters_request.exclude, *(starter.text for starter in answer.starters)][-50:]
    context |= {"answer": answer, "shown": shown, "sources": source_links(answer.citations, retriever.by_id)}
    return render(request, "starters.html", context)
