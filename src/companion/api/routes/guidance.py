"""The guidance routes: agendas, starters, coaching, reflections (shared API.md)."""

from __future__ import annotations

from fastapi import APIRouter

from companion.api.auth import AnyKey
from companion.api.responses import KEYED
from companion.guidance.schemas import (
    Agenda,
    AgendaRequest,
    Coaching,
    CoachingRequest,
    ReflectionRequest,
    Reflections,
    Starters,
    StartersRequest,
)
from companion.server.deps import GuidanceDep

router = APIRouter(prefix="/v1", tags=["guidance"], responses=KEYED)


@router.post("/agendas", response_model=Agenda, summary="Plan a timed session agenda")
def plan_agenda(request: AgendaRequest, guidance: GuidanceDep, _: AnyKey) -> Agenda:
    return guidance.agenda(request)


@router.post("/starters", response_model=Starters, summary="Conversation starters for a topic")
def suggest_starters(request: StartersRequest, guidance: GuidanceDep, _: AnyKey) -> Starters:
    return guidance.starters(request)


@router.post("/coaching", response_model=Coaching, summary="Coaching for a challenge in your own words")
def coach(request: CoachingRequest, guidance: GuidanceDep, _: AnyKey) -> Coaching:
    return guidance.coach(request)


@router.post("/reflections", response_model=Reflections, summary="Reflection prompts after a session")
def reflect(request: ReflectionRequest, guidance: GuidanceDep, _: AnyKey) -> Reflections:
    return guidance.reflect(request)
