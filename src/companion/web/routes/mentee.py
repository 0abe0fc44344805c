"""Mentees reflect on a session and get coaching for a challenge (mentors may use both too)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from companion.guidance.schemas import CoachingRequest, ReflectionRequest
from companion.server.deps import GuidanceDep, RetrieverDep
from companion.web.auth import PostedForm, Reflector, SignedIn
from companion.web.forms import text_values, validate
from companion.web.pages import render
from companion.web.routes.common import page_router
from companion.web.sources import source_links

router = page_router()
CHALLENGES = {
    "resistance": "Resistance or reluctance",
    "communication": "Communication",
    "time": "Lack of time",
    "pairing-fit": "A pair that does not fit",
    "expectations": "Mismatched expectations or boundaries",
    "generational-bias": "Generational stereotypes",
    "disclosure": "A confidential disclosure",
    "safeguarding": "A safeguarding concern",
    "out-of-scope": "Outside what the companion covers",
}


def own_role(user_role: str) -> str | None:
    """Guidance is written for a mentor or a mentee; None for an admin (the services' default)."""
    return user_role if user_role in ("mentor", "mentee") else None


@router.get("/reflect")
def reflect_form(request: Request, user: Reflector) -> Response:
    return render(request, "reflect.html", {"user": user, "csrf": user.csrf})


@router.post("/reflect")
async def reflect(
    request: Request, user: Reflector, form: PostedForm, guidance: GuidanceDep, retriever: RetrieverDep
) -> Response:
    values = text_values(form, "topic", "notes")
    context: dict[str, Any] = {"user": user, "csrf": user.csrf, "values": values}
    data: dict[str, Any] = {"topic": values["topic"], "role": own_role(user.role) or "mentee"}
    if values["notes"].strip():
        data["notes"] = values["notes"]
    reflection_request, errors = validate(ReflectionRequest, data)
    if reflection_request is None:
        return render(request, "reflect.html", {**context, "errors": errors}, status=422)
    answer = await run_in_threadpool(guidance.reflect, reflection_request)
    context |= {"answer": answer, "sources": source_links(answer.citations, retriever.by_id)}
    return render(request, "reflect.html", context)


@router.get("/coach")
def coach_form(request: Request, user: SignedIn) -> Response:
    return render(request, "coach.html", {"user": user, "csrf": user.csrf})


@router.post("/coach")
async def coach(
    request: Request, user: SignedIn, form: PostedForm, guidance: GuidanceDep, retriever: RetrieverDep
) -> Response:
    values = text_values(form, "situation")
    context: dict[str, Any] = {"user": user, "csrf": user.csrf, "values": values}
    # a programme manager (admin) asks as the programme team, about a pair or the cohort
    data = {"situation": values["situation"], "role": own_role(user.role) or "programme"}
    coaching_request, errors = validate(CoachingRequest, data)
    if coaching_request is None:
        return render(request, "coach.html", {**context, "errors": errors}, status=422)
    answer = await run_in_threadpool(guidance.coach, coaching_request)
    context |= {
        "answer": answer,
        "challenge": CHALLENGES.get(answer.challenge, answer.challenge),
        "also": CHALLENGES.get(answer.also or "", answer.also),
        "sources": source_links(answer.citations, retriever.by_id),
        "programme": coaching_request.role == "programme",  # the team does not "involve the team"
    }
    return render(request, "coach.html", context)
