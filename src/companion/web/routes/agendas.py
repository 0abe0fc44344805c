"""Saved agendas: each has its own address, to reopen, edit and regenerate, share with the pair,
print exactly as saved, and put in a calendar."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from companion.pairs import PairWorkspace, WorkspaceError
from companion.pairs.schemas import PairDetail, PlanIn, SavedAgendaOut
from companion.rag.retriever import HybridRetriever
from companion.server.deps import RetrieverDep, WorkspaceDep
from companion.web.auth import PostedForm, SignedIn, User
from companion.web.forms import text_values, validate
from companion.web.pages import PageError, render
from companion.web.routes.common import page_router
from companion.web.routes.mentor import timings
from companion.web.routes.pairs import PLAN_FIELDS, page_errors, plan_input, see_other, viewer_of
from companion.web.sources import source_links

router = page_router()


def local_start(saved: SavedAgendaOut) -> tuple[str, str]:
    """The start as date and time in the reader's zone, for the page and the edit form."""
    if saved.starts_at is None:
        return "", ""
    local = saved.starts_at.astimezone(ZoneInfo(saved.timezone))
    return local.date().isoformat(), local.strftime("%H:%M")


def agenda_context(
    user: User, saved: SavedAgendaOut, retriever: HybridRetriever, pair: PairDetail | None = None
) -> dict[str, Any]:
    """A saved plan for the page. A pair's plan is headed with the pair's names, read the same by
    mentor and mentee ("Session 2 of 6 with Dana Reid"), rather than the planner's "your mentee"."""
    day, time = local_start(saved)
    context = {
        "user": user,
        "csrf": user.csrf,
        "saved": saved,
        "agenda": saved.agenda,
        "request_data": saved.request,
        "rows": list(zip(saved.agenda.segments, timings(saved.agenda), strict=True)),
        "sources": source_links(saved.agenda.citations, retriever.by_id),
        "starts": (day, time),
    }
    if pair is not None and pair.mentor and pair.mentee:
        plan = saved.request
        total = f" of {plan.total_sessions}" if plan.total_sessions else ""
        context["heading"] = f"Session {plan.session_number}{total}: “{plan.topic}”"
        role = f", {plan.mentee_role}" if plan.mentee_role else ""
        context["people"] = f"{pair.mentor.name} (mentor) and {pair.mentee.name} (mentee{role})"
    return context


def saved_plan(
    user: User, workspace: PairWorkspace, agenda_id: int
) -> tuple[SavedAgendaOut, PairDetail | None]:
    with page_errors():
        saved = workspace.records.agenda(viewer_of(user), agenda_id)
        pair = workspace.detail(viewer_of(user), saved.pair_id) if saved.pair_id else None
    return saved, pair


@router.get("/agendas/{agenda_id}")
def agenda_page(
    request: Request, agenda_id: int, user: SignedIn, workspace: WorkspaceDep, retriever: RetrieverDep
) -> Response:
    saved, pair = saved_plan(user, workspace, agenda_id)
    return render(request, "saved_agenda.html", agenda_context(user, saved, retriever, pair))


@router.get("/agendas/{agenda_id}/print")
def print_view(
    request: Request, agenda_id: int, user: SignedIn, workspace: WorkspaceDep, retriever: RetrieverDep
) -> Response:
    """The saved agenda as a one-page run sheet: what was saved, never regenerated."""
    saved, pair = saved_plan(user, workspace, agenda_id)
    context = agenda_context(user, saved, retriever, pair)
    if saved.starts_at is not None:
        local = saved.starts_at.astimezone(ZoneInfo(saved.timezone))
        context["when"] = f"{local:%A %-d %B %Y}, {local:%H:%M} ({saved.timezone})"
    return render(request, "agenda_print.html", context)


@router.get("/agendas/{agenda_id}/calendar.ics")
def calendar_file(agenda_id: int, user: SignedIn, workspace: WorkspaceDep) -> Response:
    with page_errors():
        try:
            body = workspace.calendar_file(viewer_of(user), agenda_id)
        except ValueError as error:
            raise PageError(409, "No date yet", "Edit the plan and give it a date first.") from error
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="session-{agenda_id}.ics"'},
    )


@router.post("/agendas/{agenda_id}/share")
def share(agenda_id: int, user: SignedIn, form: PostedForm, workspace: WorkspaceDep) -> Response:
    shared = text_values(form, "shared")["shared"] == "1"
    with page_errors():
        try:
            workspace.records.share_agenda(viewer_of(user), agenda_id, shared)
        except WorkspaceError as error:
            raise PageError(
                422, "Cannot share this plan", f"{str(error)[:1].upper()}{str(error)[1:]}."
            ) from error
    return see_other(f"/agendas/{agenda_id}")


def _edit_values(saved: SavedAgendaOut) -> dict[str, str]:
    day, time = local_start(saved)
    return {
        "topic": saved.request.topic,
        "minutes": str(saved.request.minutes),
        "date": day,
        "time": time,
        "mentee_role": saved.request.mentee_role or "",
        "talking_points": "\n".join(saved.request.talking_points),
    }


@router.get("/agendas/{agenda_id}/edit")
def edit_form(request: Request, agenda_id: int, user: SignedIn, workspace: WorkspaceDep) -> Response:
    with page_errors():
        saved = workspace.records.agenda(viewer_of(user), agenda_id)
    if not saved.mine:
        raise PageError(403, "Not yours to change", "Only the person who planned this session can edit it.")
    context = {"user": user, "csrf": user.csrf, "saved": saved, "values": _edit_values(saved), "errors": {}}
    return render(request, "agenda_edit.html", context)


@router.post("/agendas/{agenda_id}/edit")
async def edit(
    request: Request, agenda_id: int, user: SignedIn, form: PostedForm, workspace: WorkspaceDep
) -> Response:
    values = text_values(form, *PLAN_FIELDS)
    plan, errors = validate(PlanIn, plan_input(values))
    if plan is None:
        with page_errors():
            saved = workspace.records.agenda(viewer_of(user), agenda_id)
        errors = {("date" if name == "starts_at" else name): message for name, message in errors.items()}
        context = {"user": user, "csrf": user.csrf, "saved": saved, "values": values, "errors": errors}
        return render(request, "agenda_edit.html", context, status=422)
    with page_errors():
        await run_in_threadpool(workspace.replan, viewer_of(user), agenda_id, plan)
    return see_other(f"/agendas/{agenda_id}")
