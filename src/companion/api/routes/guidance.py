"""The guidance routes: agendas, starters, coaching, reflections (shared API.md)."""

from __future__ import annotations

from fastapi import APIRouter

from companion.api.auth import AnyKey
from companion.api.deps import ServicesDep
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

router = APIRouter(prefix="/v1", tags=["guidance"], responses=KEYED)


@router.post("/agendas", response_model=Agenda, summary="Plan a timed session agenda")
def plan_agenda(request: AgendaRequest, services: ServicesDep, _: AnyKey) -> Agenda:
    return services.guidance.agenda(request)


@router.post("/starters", response_model=Starters, summary="Conversation starters for a topic")
def suggest_starters(request: StartersRequest, services: ServicesDep, _: AnyKey) -> Starters:
    return services.guidance.starters(request)


@router.post("/coaching", response_model=Coaching, summary="Coaching for a challenge in your own words")
def coach(request: CoachingRequest, services: ServicesDep, _: AnyKey) -> Coaching:
    return services.guidance.coach(request)


@router.post("/reflections", response_model=Reflections, summary="Reflection prompts after a session")
def reflect(request: ReflectionRequest, services: ServicesDep, _: AnyKey) -> Reflections:
    return services.guidance.reflect(request)
