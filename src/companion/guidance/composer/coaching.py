"""Offline challenge coaching: diagnosis, strategies, scripts and escalation from the playbook of
the challenge the classifier found, each line picked for the situation described."""

from __future__ import annotations

import re

from companion.citations import cite
from companion.guidance.classifier import Classification
from companion.guidance.schemas import Coaching, CoachingRequest
from companion.kb.vocabulary import Heading
from companion.prompts.loader import phrases
from companion.rag.chunking import Chunk
from companion.rag.embeddings import Embedder
from companion.text import list_items, plain

from .agenda import best_matches

SPEAKER = re.compile(r"^\*\*(?P<who>Mentor|Mentee)\b[^*]*\*\*\s*")


def sentences(text: str, n: int) -> str:
    parts = re.split(r"(?<=[.!?])\s+", plain(text).strip())
    return " ".join(parts[:n])


def compose_coaching(
    request: CoachingRequest, classification: Classification, playbook: list[Chunk], embedder: Embedder
) -> Coaching:
    if classification.label == "other" or not playbook:
        return compose_other(classification, playbook)
    situation = request.situation
    role = request.role or "mentor"

    def section(heading: str) -> list[tuple[str, Chunk]]:
        return [
            (item, chunk) for chunk in playbook if chunk.heading == heading for item in list_items(chunk.text)
        ]

    overview = next((chunk for chunk in playbook if chunk.heading == Heading.OVERVIEW), playbook[0])
    causes = best_matches(embedder, situation, section(Heading.LIKELY_CAUSES), 2)
    diagnosis = sentences(overview.text, 2)
    if causes:
        diagnosis += " Likely here: " + " ".join(plain(text) for text, _ in causes)

    strategies = best_matches(embedder, situation, section(Heading.strategies_for(role)), 4)
    scripts_all = section(Heading.WORDS_TO_SAY)
    own = [(text, chunk) for text, chunk in scripts_all if _speaker(text) in (role, None)]
    scripts = best_matches(embedder, situation, own or scripts_all, 3)
    escalation = best_matches(embedder, situation, section(Heading.ESCALATION), 3)

    cited = [overview, *(chunk for _, chunk in causes + strategies + scripts + escalation)]
    return Coaching(
        challenge=classification.label,  # type: ignore[arg-type]
        confidence=classification.confidence,
        diagnosis=diagnosis,
        strategies=[plain(text) for text, _ in strategies],
        scripts=[plain(text) for text, _ in scripts],
        escalate_when=[plain(text) for text, _ in escalation],
        citations=cite(cited),
    )


def _speaker(item: str) -> str | None:
    match = SPEAKER.match(item)
    return match.group("who").lower() if match else None


def compose_other(classification: Classification, context: list[Chunk]) -> Coaching:
    say = phrases()
    return Coaching(
        challenge="other",
        confidence=classification.confidence,
        diagnosis=say.other_diagnosis(),
        strategies=[say.other_strategy_plan()],
        scripts=[],
        escalate_when=[],
        citations=cite(context[:1]),
    )
