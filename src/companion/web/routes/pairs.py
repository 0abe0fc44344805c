"""A pair's workspace in the browser: goals, sessions, action items, plans and reflections.

Every form posts, then redirects to a page (post, redirect, get), so that reloading or going back
never sends a form twice. A form with a mistake is shown again with what was typed and the error
by its field (422), and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from companion.pairs import Forbidden, NotFound, PairWorkspace, Viewer, WorkspaceError
from companion.pairs.schemas import GoalIn, PlanIn, ReflectionIn, SessionRecordIn
from companion.server.deps import WorkspaceDep
from companion.web.auth import PostedForm, SignedIn, User
from companion.web.forms import lines, text_values, validate
from companion.web.pages import PageError, render
from companion.web.routes.common import page_router

router = page_router()
PLAN_FIELDS = ("topic", "minutes", "date", "time", "mentee_role", "talking_points")
SESSION_FIELDS = ("held_on", "topic", "minutes", "notes", "actions")
OWNERS = {"mentor": "mentor", "mentee": "mentee", "both": "both", "me": None}
# What a form did, said on the page it redirects to (?saved=...), by the section it changed.
SAVED = {
    "goal": "Goal added.",
    "goal-status": "Goal updated.",
    "session": "Session recorded.",
    "action": "Action item updated.",
    "reflection": "Reflection saved.",
}


def viewer_of(user: User) -> Viewer:
    return Viewer(user.key.id, user.key.person_id, user.role)


@contextmanager
def page_errors() -> Iterator[None]:
    """The workspace's access errors as pages; what the user can fix is handled by each form."""
    try:
        yield
    except NotFound as error:
        raise PageError(404, "Not found", "There is no such page among your pairs.") from error
    except Forbidden as error:
        raise PageError(403, "Not yours to change", f"{str(error)[:1].upper()}{str(error)[1:]}.") from error


def see_other(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def plan_input(values: dict[str, str]) -> dict[str, Any]:
    """The plan from the form: a date and an optional time make the start; blank fields left out."""
    data: dict[str, Any] = {
        name: values[name].strip() for name in ("topic", "minutes", "mentee_role") if values[name].strip()
    }
    data["talking_points"] = lines(values["talking_points"])
    if values["date"].strip():
        data["starts_at"] = f"{values['date'].strip()}T{values['time'].strip() or '09:00'}"
    return data


def action_lines(text: str, side: str) -> list[dict[str, str]]:
    """Action items, one per line; "mentor:", "mentee:" or "both:" at the start names the owner,
    else it is the writer's own."""
    items = []
    for line in lines(text):
        owner, _, rest = line.partition(":")
        if rest.strip() and owner.strip().lower() in OWNERS:
            items.append({"text": rest.strip(), "owner": OWNERS[owner.strip().lower()] or side})
        else:
            items.append({"text": line, "owner": side})
    return items


def workspace_page(
    request: Request,
    user: User,
    workspace: PairWorkspace,
    pair_id: int,
    extra: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    viewer = viewer_of(user)
    with page_errors():
        pair = workspace.detail(viewer, pair_id)
        prompts = workspace.prompts_for(viewer, pair_id, None) if pair.side != "admin" else []
    context: dict[str, Any] = {
        "user": user,
        "csrf": user.csrf,
        "pair": pair,
        "prompts": prompts,
        "plan_values": {"minutes": "60"},
        "session_values": {},
        "errors": {},
        "saved": request.query_params.get("saved") if request.query_params.get("saved") in SAVED else None,
        "saved_messages": SAVED,
    } | (extra or {})
    return render(request, "pair.html", context, status=status)


def refused(
    request: Request,
    user: User,
    workspace: PairWorkspace,
    pair_id: int,
    form: str,
    values: dict,
    errors: dict,
) -> Response:
    """The workspace again, the failed form keeping what was typed, with its errors."""
    return workspace_page(
        request,
        user,
        workspace,
        pair_id,
        {f"{form}_values": values, "errors": errors, "failed": form},
        status=422,
    )


@router.get("/pairs")
def pairs(request: Request, user: SignedIn, workspace: WorkspaceDep) -> Response:
    viewer = viewer_of(user)
    context: dict[str, Any] = {"user": user, "csrf": user.csrf, "pairs": workspace.pairs_of(viewer)}
    if user.is_admin:
        context |= {
            "stalled": workspace.stalled(viewer),
            "stalled_days": workspace.pairs.stalled_days,
            "people": workspace.people.all(),
        }
    return render(request, "pairs.html", context)


@router.get("/pairs/{pair_id}")
def pair_page(request: Request, pair_id: int, user: SignedIn, workspace: WorkspaceDep) -> Response:
    return workspace_page(request, user, workspace, pair_id)


@router.post("/pairs/{pair_id}/goals")
def add_goal(
    request: Request, pair_id: int, user: SignedIn, form: PostedForm, workspace: WorkspaceDep
) -> Response:
    values = text_values(form, "goal")
    goal, errors = validate(GoalIn, {"text": values["goal"]})
    if goal is None:
        return refused(request, user, workspace, pair_id, "goal", values, {"goal": errors.get("text", "")})
    with page_errors():
        try:
            workspace.pairs.add_goal(viewer_of(user), pair_id, goal)
        except WorkspaceError as error:
            return refused(request, user, workspace, pair_id, "goal", values, {"goal": str(error)})
    return see_other(f"/pairs/{pair_id}?saved=goal#goals")


@router.post("/pairs/{pair_id}/goals/{goal_id}")
def goal_status(
    pair_id: int, goal_id: int, user: SignedIn, form: PostedForm, workspace: WorkspaceDep
) -> Response:
    status = text_values(form, "status")["status"]
    if status not in ("open", "in-progress", "achieved", "dropped"):
        raise PageError(422, "Unknown status", "Choose open, in progress, achieved or dropped.")
    with page_errors():
        try:
            workspace.pairs.set_goal_status(viewer_of(user), pair_id, goal_id, status)
        except WorkspaceError as error:
            raise PageError(404, "No such goal", str(error)) from error
    return see_other(f"/pairs/{pair_id}?saved=goal-status#goals")


@router.post("/pairs/{pair_id}/sessions")
def record_session(
    request: Request, pair_id: int, user: SignedIn, form: PostedForm, workspace: WorkspaceDep
) -> Response:
    values = text_values(form, *SESSION_FIELDS)
    data: dict[str, Any] = {
        name: values[name].strip() for name in ("held_on", "topic", "minutes") if values[name].strip()
    }
    data["notes"] = values["notes"].strip() or None
    data["actions"] = action_lines(values["actions"], user.role if user.role != "admin" else "mentee")
    meeting, errors = validate(SessionRecordIn, data)
    if meeting is None:
        return refused(request, user, workspace, pair_id, "session", values, errors)
    with page_errors():
        try:
            workspace.pairs.record_session(viewer_of(user), pair_id, meeting)
        except WorkspaceError as error:
            field = "held_on" if "held_on" in str(error) or "date" in str(error) else "topic"
            return refused(request, user, workspace, pair_id, "session", values, {field: _sentence(error)})
    return see_other(f"/pairs/{pair_id}?saved=session#sessions")


@router.post("/pairs/{pair_id}/actions/{action_id}")
def action_done(
    pair_id: int, action_id: int, user: SignedIn, form: PostedForm, workspace: WorkspaceDep
) -> Response:
    done = text_values(form, "done")["done"] == "1"
    with page_errors():
        try:
            workspace.pairs.set_action_done(viewer_of(user), pair_id, action_id, done)
        except WorkspaceError as error:
            raise PageError(404, "No such action item", str(error)) from error
    return see_other(f"/pairs/{pair_id}?saved=action#actions")


@router.post("/pairs/{pair_id}/plan")
async def plan(
    request: Request, pair_id: int, user: SignedIn, form: PostedForm, workspace: WorkspaceDep
) -> Response:
    values = text_values(form, *PLAN_FIELDS)
    plan_request, errors = validate(PlanIn, plan_input(values))
    if plan_request is None:
        errors = {("date" if name == "starts_at" else name): message for name, message in errors.items()}
        return refused(request, user, workspace, pair_id, "plan", values, errors)
    with page_errors():
        saved = await run_in_threadpool(workspace.plan, viewer_of(user), pair_id, plan_request)
    return see_other(f"/agendas/{saved.id}")


@router.post("/pairs/{pair_id}/reflections")
async def reflect(
    request: Request, pair_id: int, user: SignedIn, form: PostedForm, workspace: WorkspaceDep
) -> Response:
    values = text_values(form, "text", "session_id", "shared")
    data: dict[str, Any] = {"text": values["text"], "shared": values["shared"] == "1"}
    if values["session_id"].strip():
        data["session_id"] = values["session_id"].strip()
    reflection, errors = validate(ReflectionIn, data)
    if reflection is None:
        return refused(
            request, user, workspace, pair_id, "reflection", values, {"text": errors.get("text", "")}
        )
    with page_errors():
        try:
            await run_in_threadpool(workspace.reflect, viewer_of(user), pair_id, reflection)
        except WorkspaceError as error:
            return refused(
                request, user, workspace, pair_id, "reflection", values, {"text": _sentence(error)}
            )
    return see_other(f"/pairs/{pair_id}?saved=reflection#reflections")


def _sentence(error: Exception) -> str:
    text = str(error).split(": ", 1)[-1]
    return f"{text[:1].upper()}{text[1:]}."
