"""Turn an LLM draft into an answer of the public schema, or say why it is not acceptable."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from companion.citations import cite
from companion.guidance.classifier import Classification
from companion.guidance.composer.minutes import allocate
from companion.guidance.composer.reflections import STAGE_LABELS
from companion.guidance.planner.topics import TopicMatch
from companion.guidance.schemas import (
    Agenda,
    AgendaRequest,
    Coaching,
    Likelihood,
    ReflectionPrompt,
    Reflections,
    Segment,
    Starter,
    Starters,
)
from companion.llm import InvalidAnswer, check_texts
from companion.rag.chunking import Chunk

T = TypeVar("T")


def _cited(ids: list[str], passages: dict[str, Chunk]) -> list[Chunk]:
    return [passages[chunk_id] for chunk_id in dict.fromkeys(ids) if chunk_id in passages]


def agenda_from(
    draft: Any,
    request: AgendaRequest,
    passages: dict[str, Chunk],
    match: TopicMatch | None = None,
    plan: Agenda | None = None,
) -> Agenda:
    """The draft as an agenda. With the offline `plan` as its skeleton, the plan's minutes (fitted
    to the length and stage rules) are kept whenever the draft has its number of segments;
    otherwise the draft's minutes are rescaled to the time available."""
    spare = plan.spare_minutes if plan else 0
    if plan and len(draft.segments) == len(plan.segments):
        minutes = [segment.minutes for segment in plan.segments]
    else:
        planned = [max(segment.minutes, 1) for segment in draft.segments]
        minutes = allocate(planned, request.minutes - spare, minimum=1)
    segments = [
        Segment(
            title=segment.title.strip(),
            minutes=minute,
            activities=[line.strip() for line in segment.activities if line.strip()],
            citations=[chunk_id for chunk_id in dict.fromkeys(segment.citations) if chunk_id in passages],
        )
        for segment, minute in zip(draft.segments, minutes, strict=True)
    ]
    texts = [draft.title, *draft.objectives, *(a for s in segments for a in s.activities), *draft.starters]
    check_texts(texts)
    chunks = _cited([chunk_id for segment in segments for chunk_id in segment.citations], passages)
    if not chunks:
        raise InvalidAnswer("no segment cites a retrieved passage")
    module = match.module if match else None
    return Agenda(
        title=draft.title.strip(),
        minutes=request.minutes,
        spare_minutes=spare,
        coverage="covered" if module else "not_covered",
        module=module.article_id if module else None,
        module_title=module.title if module else None,
        coverage_note=plan.coverage_note if plan else None,
        objectives=draft.objectives,
        segments=segments,
        starters=draft.starters,
        follow_ups=draft.follow_ups,
        citations=cite(chunks),
    )


def starters_from(draft: Any, count: int, passages: dict[str, Chunk]) -> Starters:
    starters = [
        Starter(
            text=item.text.strip(),
            purpose=item.purpose,
            citations=[c for c in item.citations if c in passages],
        )
        for item in draft.starters[:count]
    ]
    # every starter shown cites a passage it came from; one that cites none is dropped
    starters = _distinct([starter for starter in starters if starter.citations], lambda starter: starter.text)
    if len(starters) < (count + 1) // 2:
        raise InvalidAnswer(f"{len(starters)} starters for the {count} asked for")
    check_texts([starter.text for starter in starters])
    chunks = _cited([c for starter in starters for c in starter.citations], passages)
    if not chunks:
        raise InvalidAnswer("no starter cites a retrieved passage")
    return Starters(starters=starters, citations=cite(chunks))


def _distinct(items: list[T], text: Callable[[T], str]) -> list[T]:
    """The items without repeats (case and spacing aside): a list that says one thing twice
    keeps it once, and then must still have enough items."""
    seen: set[str] = set()
    kept = []
    for item in items:
        key = " ".join(text(item).lower().split())
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def likelihood(classification: Classification) -> Likelihood:
    """'likely' for a clear reading of one situation, 'possibly' otherwise (words people see)."""
    return "likely" if classification.confidence >= 0.5 and classification.also is None else "possibly"


def coaching_from(draft: Any, classification: Classification, passages: dict[str, Chunk]) -> Coaching:
    check_texts([draft.diagnosis, *draft.strategies, *draft.scripts, *draft.escalate_when])
    chunks = _cited(draft.citations, passages)
    if not chunks:
        raise InvalidAnswer("the coaching cites no retrieved passage")
    return Coaching(
        challenge=classification.label,  # type: ignore[arg-type]  # one of LABELS, the Literal's values
        also=classification.also,  # type: ignore[arg-type]
        likelihood=likelihood(classification),
        confidence=classification.confidence,
        diagnosis=draft.diagnosis.strip(),
        strategies=draft.strategies,
        scripts=draft.scripts,
        escalate_when=draft.escalate_when,
        citations=cite(chunks),
    )


def reflections_from(draft: Any, count: int, passages: dict[str, Chunk]) -> Reflections:
    prompts = []
    for item in draft.prompts[:count]:
        cited = [c for c in item.citations if c in passages]
        framework = passages[cited[0]].tags.get("framework", "") if cited else ""
        prompts.append(
            ReflectionPrompt(
                text=item.text.strip(),
                stage=item.stage,
                stage_label=STAGE_LABELS.get(item.stage, item.stage.replace("-", " ").capitalize()),
                framework=framework,
                citations=cited,
            )
        )
    prompts = _distinct(prompts, lambda prompt: prompt.text)
    if len(prompts) < (count + 1) // 2:
        raise InvalidAnswer(f"{len(prompts)} prompts for the {count} asked for")
    check_texts([prompt.text for prompt in prompts])
    chunks = _cited([c for prompt in prompts for c in prompt.citations], passages)
    if not chunks:
        raise InvalidAnswer("no prompt cites a retrieved passage")
    return Reflections(prompts=prompts, citations=cite(chunks))
