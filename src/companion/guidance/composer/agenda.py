"""Offline agendas: the session guide's phases, timed to the minute, filled from the topic module."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from companion.citations import cite
from companion.guidance.passages import Passages
from companion.guidance.schemas import Agenda, AgendaRequest, Segment
from companion.kb.vocabulary import Heading
from companion.prompts.loader import phrases
from companion.rag.chunking import Chunk
from companion.rag.embeddings import Embedder
from companion.text import list_items, plain, sentence_case

from .minutes import allocate

PHASE = re.compile(r"^\s*\d+\.\s+\*\*(?P<name>.+?)\*\*\s*\((?P<share>\d+)%\)\s*[—–-]+\s*(?P<text>.+)$")
# What each slot of an agenda is for; phases are matched to slots by meaning, not by name.
SLOTS = {
    "practice": "hands-on practice: the mentee works through a real task on their own device",
    "discussion": "discussion in both directions: each shares how they see the topic",
    "review": "follow-up on last time: what the mentee tried since the previous session",
    "goals": "goals: what the mentee wants to be able to do",
}
SLOT_MATCH = 0.35


@dataclass
class Phase:
    name: str
    share: int
    activities: list[str]
    chunk: Chunk
    extra: list[str] = field(default_factory=list)
    cited: list[Chunk] = field(default_factory=list)


def parse_phases(chunk: Chunk) -> list[Phase]:
    phases = []
    for line in chunk.text.splitlines():
        match = PHASE.match(line)
        if match:
            activities = [
                sentence_case(plain(part).rstrip(".")) + "."
                for part in match.group("text").split(";")
                if part.strip()
            ]
            phases.append(Phase(plain(match.group("name")), int(match.group("share")), activities, chunk))
    return phases


def section_items(chunks: list[Chunk], heading: str) -> list[tuple[str, Chunk]]:
    return [
        (plain(item), chunk)
        for chunk in chunks
        if chunk.heading == heading
        for item in list_items(chunk.text)
    ]


def best_matches(
    embedder: Embedder, query: str, candidates: list[tuple[str, Chunk]], n: int
) -> list[tuple[str, Chunk]]:
    """The `n` candidate lines most similar to the query, in their original order."""
    if len(candidates) <= n:
        return candidates
    vectors = embedder.embed([query] + [text for text, _ in candidates])
    scores = vectors[1:] @ vectors[0]
    keep = sorted(np.argsort(-scores)[:n])
    return [candidates[index] for index in keep]


def assign_slots(embedder: Embedder, phases: list[Phase]) -> dict[str, Phase]:
    """Which phase plays which slot (practice, discussion, review, goals), by similarity."""
    names = list(SLOTS)
    vectors = embedder.embed(
        [SLOTS[name] for name in names] + [f"{p.name}: {' '.join(p.activities)}" for p in phases]
    )
    similarity = vectors[len(names) :] @ vectors[: len(names)].T  # phases x slots
    slots: dict[str, Phase] = {}
    for column, name in enumerate(names):
        row = int(np.argmax(similarity[:, column]))
        if similarity[row, column] >= SLOT_MATCH:
            slots[name] = phases[row]
    return slots


def compose_agenda(
    request: AgendaRequest, passages: Passages, embedder: Embedder, starters: list[str]
) -> Agenda:
    say = phrases()
    guide = passages.groups.get("guide", [])
    topic_chunks = passages.groups.get("topic", [])
    flow = next((chunk for chunk in guide if chunk.heading == Heading.SUGGESTED_FLOW), None)
    if flow is None:
        raise ValueError("the session guide has no 'Suggested flow' passage")
    phases = parse_phases(flow)
    slots = assign_slots(embedder, phases)
    focus = " ".join([request.topic, *request.goals, *request.talking_points])

    practice = slots.get("practice") or max(phases, key=lambda phase: phase.share)
    steps = section_items(topic_chunks, Heading.PRACTICE_ACTIVITY)
    chosen_steps = best_matches(embedder, focus, steps, 3) if steps else []
    if steps and request.stage != "closing":
        practice.extra.append(say.practice_lead(request.topic))
        practice.extra += [text for text, _ in chosen_steps]
        practice.cited.append(steps[0][1])
    discussion = slots.get("discussion") or practice
    discussion.extra += [say.talking_point(point) for point in request.talking_points]
    if request.mentee_role:
        discussion.extra.append(say.role_question(request.mentee_role))
    review = slots.get("review") or phases[0]
    for previous in request.previous_sessions[-3:]:
        review.extra.append(say.previous_session(previous.topic, previous.notes))
    if request.goals and request.stage == "first" and "goals" in slots:
        slots["goals"].extra.append(say.goals_to_shape(request.goals))

    minutes = allocate([phase.share for phase in phases], request.minutes)
    segments = [
        Segment(
            title=phase.name,
            minutes=minute,
            activities=phase.activities + phase.extra,
            citations=[phase.chunk.id, *(chunk.id for chunk in phase.cited)],
        )
        for phase, minute in zip(phases, minutes, strict=True)
    ]

    objective_lines = section_items(topic_chunks, Heading.LEARNING_OBJECTIVES)
    chosen_objectives = best_matches(embedder, focus, objective_lines, 3)
    objectives = [say.goal_objective(goal) for goal in request.goals]
    objectives += [text for text, _ in chosen_objectives]
    if request.mentee_role:
        objectives.append(say.role_objective(request.mentee_role, request.topic))
    if not objectives:
        objectives = [phase.name for phase in phases[:3]]

    follow_up_lines = section_items(topic_chunks, Heading.FOLLOW_UPS) + section_items(
        guide, Heading.AFTER_THE_SESSION
    )
    follow_ups = [text for text, _ in best_matches(embedder, focus, follow_up_lines, 4)]

    used = {chunk.id: text for text, chunk in [*chosen_steps[:1], *chosen_objectives]}
    chosen_follow_ups = [(text, chunk) for text, chunk in follow_up_lines if text in follow_ups]
    used.update({chunk.id: text for text, chunk in chosen_follow_ups})
    cited_chunks = [flow, *(chunk for phase in phases for chunk in phase.cited)]
    cited_chunks += [chunk for _, chunk in chosen_objectives + chosen_follow_ups]
    cited_chunks += passages.groups.get("starters", [])
    return Agenda(
        title=say.agenda_title(
            request.topic, request.session_number, request.total_sessions, request.mentee_role
        ),
        minutes=request.minutes,
        objectives=objectives,
        segments=segments,
        starters=starters,
        follow_ups=follow_ups,
        citations=cite(cited_chunks, used),
    )
