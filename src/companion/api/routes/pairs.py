"""Pairs and their workspace: goals, sessions with action items, saved agendas, reflections.

Object-level access: a mentor or mentee reaches only their own pairs (any other is a 404); an
admin sees every pair's cadence and shared items, writes nothing inside a pair (403) and never
reads a reflection.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import APIRouter, Path, Response, status
from fastapi.concurrency import run_in_threadpool

from companion.api.auth import AdminCaller, Caller
from companion.api.responses import CONFLICT, KEYED, NOT_FOUND
from companion.pairs import Conflict, Forbidden, NotFound, WorkspaceError
from companion.pairs.schemas import (
    ActionOut,
    ActionUpdate,
    GoalIn,
    GoalOut,
    GoalUpdate,
    PairDetail,
    PairIn,
    PairOut,
    PlanIn,
    ReflectionIn,
    ReflectionOut,
    SavedAgendaOut,
    SessionOut,
    SessionRecordIn,
    ShareIn,
    StalledPair,
)
from companion.server.deps import WorkspaceDep
from companion.server.errors import ApiError

router = APIRouter(prefix="/v1", tags=["people and pairs"], responses=KEYED | NOT_FOUND | CONFLICT)
PairId = Annotated[int, Path(ge=1, le=2**31 - 1)]
ItemId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@contextmanager
def workspace_errors() -> Iterator[None]:
    """The workspace's errors as API errors: 404, 403, 409, 422."""
    try:
        yield
    except NotFound as error:
        raise ApiError(404, "not_found", str(error)) from error
    except Forbidden as error:
        raise ApiError(403, "forbidden", str(error)) from error
    except Conflict as error:
        raise ApiError(409, "conflict", str(error)) from error
    except WorkspaceError as error:
        raise ApiError(422, "invalid_request", str(error)) from error


@router.post("/pairs", response_model=PairOut, status_code=status.HTTP_201_CREATED, summary="Create a pair")
def create_pair(pair: PairIn, workspace: WorkspaceDep, _: AdminCaller) -> PairOut:
    with workspace_errors():
        return workspace.pairs.create(pair)


@router.get("/pairs", response_model=list[PairOut], summary="Your pairs (every pair for an admin)")
def list_pairs(workspace: WorkspaceDep, viewer: Caller) -> list[PairOut]:
    return workspace.pairs_of(viewer)


@router.get(
    "/pairs/stalled",
    response_model=list[StalledPair],
    summary="Pairs with no session for the stalled threshold, each with its next step",
)
def stalled_pairs(workspace: WorkspaceDep, viewer: AdminCaller) -> list[StalledPair]:
    return workspace.stalled(viewer)


@router.get("/pairs/{pair_id}", response_model=PairDetail, summary="A pair's workspace, as you may see it")
def pair_detail(pair_id: PairId, workspace: WorkspaceDep, viewer: Caller) -> PairDetail:
    with workspace_errors():
        return workspace.detail(viewer, pair_id)


@router.post(
    "/pairs/{pair_id}/goals",
    response_model=GoalOut,
    status_code=status.HTTP_201_CREATED,
    summary="Add a goal",
)
def add_goal(pair_id: PairId, goal: GoalIn, workspace: WorkspaceDep, viewer: Caller) -> GoalOut:
    with workspace_errors():
        return workspace.pairs.add_goal(viewer, pair_id, goal)


@router.patch("/pairs/{pair_id}/goals/{goal_id}", response_model=GoalOut, summary="Change a goal's status")
def update_goal(
    pair_id: PairId, goal_id: ItemId, update: GoalUpdate, workspace: WorkspaceDep, viewer: Caller
) -> GoalOut:
    with workspace_errors():
        return workspace.pairs.set_goal_status(viewer, pair_id, goal_id, update.status)


@router.post(
    "/pairs/{pair_id}/sessions",
    response_model=SessionOut,
    status_code=status.HTTP_201_CREATED,
    summary="Record a session held, with its notes and action items",
)
def record_session(
    pair_id: PairId, meeting: SessionRecordIn, workspace: WorkspaceDep, viewer: Caller
) -> SessionOut:
    with workspace_errors():
        return workspace.pairs.record_session(viewer, pair_id, meeting)


@router.patch(
    "/pairs/{pair_id}/actions/{action_id}",
    response_model=ActionOut,
    summary="Mark an action item done or open",
)
def update_action(
    pair_id: PairId, action_id: ItemId, update: ActionUpdate, workspace: WorkspaceDep, viewer: Caller
) -> ActionOut:
    with workspace_errors():
        return workspace.pairs.set_action_done(viewer, pair_id, action_id, update.done)


@router.post(
    "/pairs/{pair_id}/agendas",
    response_model=SavedAgendaOut,
    status_code=status.HTTP_201_CREATED,
    summary="Plan the pair's next session from its record, and save it",
)
async def plan_for_pair(
    pair_id: PairId, plan: PlanIn, workspace: WorkspaceDep, viewer: Caller
) -> SavedAgendaOut:
    with workspace_errors():
        return await run_in_threadpool(workspace.plan, viewer, pair_id, plan)


@router.get(
    "/pairs/{pair_id}/reflections",
    response_model=list[ReflectionOut],
    summary="Your reflections on this pair's sessions, and those shared with you",
)
def list_reflections(pair_id: PairId, workspace: WorkspaceDep, viewer: Caller) -> list[ReflectionOut]:
    if viewer.is_admin:
        raise ApiError(
            403, "forbidden", "reflections belong to the pair; admins see cadence and shared agendas"
        )
    with workspace_errors():
        return workspace.records.reflections(viewer, pair_id)


@router.post(
    "/pairs/{pair_id}/reflections",
    response_model=ReflectionOut,
    status_code=status.HTTP_201_CREATED,
    summary="Write a reflection (private unless shared); prompts come from the session's notes",
)
async def add_reflection(
    pair_id: PairId, reflection: ReflectionIn, workspace: WorkspaceDep, viewer: Caller
) -> ReflectionOut:
    with workspace_errors():
        return await run_in_threadpool(workspace.reflect, viewer, pair_id, reflection)


@router.get("/agendas/{agenda_id}", response_model=SavedAgendaOut, summary="A saved agenda, exactly as saved")
def saved_agenda(agenda_id: ItemId, workspace: WorkspaceDep, viewer: Caller) -> SavedAgendaOut:
    with workspace_errors():
        return workspace.records.agenda(viewer, agenda_id)


@router.put(
    "/agendas/{agenda_id}",
    response_model=SavedAgendaOut,
    summary="Regenerate a saved agenda from edited inputs (its planner only)",
)
async def replan(agenda_id: ItemId, plan: PlanIn, workspace: WorkspaceDep, viewer: Caller) -> SavedAgendaOut:
    with workspace_errors():
        return await run_in_threadpool(workspace.replan, viewer, agenda_id, plan)


@router.post(
    "/agendas/{agenda_id}/share",
    response_model=SavedAgendaOut,
    summary="Share a saved agenda with the pair (or stop sharing it)",
)
def share(agenda_id: ItemId, share: ShareIn, workspace: WorkspaceDep, viewer: Caller) -> SavedAgendaOut:
    with workspace_errors():
        return workspace.records.share_agenda(viewer, agenda_id, share.shared)


@router.get(
    "/agendas/{agenda_id}/calendar.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}, "description": "An iCalendar file"}},
    summary="The planned session as a calendar event, its outline in the description",
)
def calendar_file(agenda_id: ItemId, workspace: WorkspaceDep, viewer: Caller) -> Response:
    with workspace_errors():
        try:
            body = workspace.calendar_file(viewer, agenda_id)
        except ValueError as error:
            raise ApiError(409, "no_start_time", str(error)) from error
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="session-{agenda_id}.ics"'},
    )
