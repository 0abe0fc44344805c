"""The guidance service: retrieve passages, ask a provider, validate and cite, fall back."""

from __future__ import annotations

import logging
from typing import TypeVar

from companion.guidance.citations import referenced_ids
from companion.guidance.classifier import ChallengeClassifier, Classification
from companion.guidance.composer.agenda import compose_agenda
from companion.guidance.composer.coaching import compose_coaching
from companion.guidance.composer.reflections import compose_reflections
from companion.guidance.composer.starters import compose_starters
from companion.guidance.passages import Passages, article_chunks, match_topic
from companion.guidance.schemas import (
    Agenda,
    AgendaRequest,
    Answer,
    Coaching,
    CoachingRequest,
    ReflectionRequest,
    Reflections,
    Starters,
    StartersRequest,
)
from companion.rag.chunking import Chunk
from companion.rag.retriever import Filters, HybridRetriever

log = logging.getLogger(__name__)
AnswerT = TypeVar("AnswerT", bound=Answer)

GUIDES = {"first": "first-meeting", "middle": "typical-session", "closing": "closing-session"}
STARTER_STAGES = {
    "first": ("first", "early", "any"),
    "middle": ("middle", "early", "any"),
    "closing": ("closing", "any"),
}
PLAYBOOKS = {
    "resistance": "playbook-resistance",
    "communication": "playbook-communication",
    "time": "playbook-time",
}
OUTSIDE_SCOPE_CONTEXT = "what-is-reverse-mentoring"


class GuidanceService:
    """Answers the four kinds of guidance request from the knowledge base."""

    def __init__(self, retriever: HybridRetriever, classifier: ChallengeClassifier) -> None:
        self.retriever = retriever
        self.embedder = retriever.embedder
        self.classifier = classifier

    # -- retrieval: the passages every provider works from ------------------------------------

    def agenda_passages(self, request: AgendaRequest) -> Passages:
        topic_article, topic = match_topic(self.retriever, " ".join([request.topic, *request.goals]))
        passages = Passages(topic_article=topic_article, topic=topic)
        passages.groups["guide"] = article_chunks(self.retriever, GUIDES[request.stage])
        passages.groups["topic"] = article_chunks(self.retriever, topic_article) if topic_article else []
        starters = self._starter_candidates(request.topic, topic, STARTER_STAGES[request.stage], None, 12)
        passages.groups["starter_candidates"] = starters
        return passages

    def starters_passages(self, request: StartersRequest) -> Passages:
        topic_article, topic = match_topic(self.retriever, request.topic)
        passages = Passages(topic_article=topic_article, topic=topic)
        passages.groups["starter_candidates"] = self._starter_candidates(
            request.topic, topic, None, request.audience, max(20, request.count * 5)
        )
        return passages

    def reflection_passages(self, request: ReflectionRequest) -> Passages:
        query = f"{request.topic}. {request.notes or ''}"
        hits = self.retriever.search(query, k=200, filters=Filters(kinds=("reflection",)), candidates=200)
        return Passages(groups={"prompts": [hit.chunk for hit in hits if hit.chunk.is_item]})

    def coaching_passages(self, label: str) -> Passages:
        article = PLAYBOOKS.get(label, OUTSIDE_SCOPE_CONTEXT)
        chunks = article_chunks(self.retriever, article)
        if label not in PLAYBOOKS:
            chunks = [chunk for chunk in chunks if chunk.heading == "Summary"]
        return Passages(groups={"playbook": chunks})

    def _starter_candidates(
        self, text: str, topic: str | None, stages: tuple[str, ...] | None, audience: str | None, n: int
    ) -> list[Chunk]:
        filters = Filters(kinds=("starters",), topic=topic, audience=audience)
        hits = self.retriever.search(text, k=max(n * 3, 30), filters=filters, candidates=max(n * 3, 30))
        items = [hit.chunk for hit in hits if hit.chunk.is_item]
        if stages:
            preferred = [chunk for chunk in items if chunk.tags.get("stage") in stages]
            items = preferred + [chunk for chunk in items if chunk not in preferred]
        return items[:n]

    # -- the four kinds ---------------------------------------------------------------------------

    def agenda(self, request: AgendaRequest) -> Agenda:
        passages = self.agenda_passages(request)
        starter_request = StartersRequest(topic=request.topic, count=3)
        starters = compose_starters(starter_request, passages.groups["starter_candidates"], self.embedder)
        chosen_starters = [
            chunk for chunk in passages.groups["starter_candidates"] if chunk.id in referenced_ids(starters)
        ]
        passages.groups["starters"] = chosen_starters
        answer = compose_agenda(
            request, passages, self.embedder, [starter.text for starter in starters.starters]
        )
        return validated(answer, passages)

    def starters(self, request: StartersRequest) -> Starters:
        passages = self.starters_passages(request)
        return validated(
            compose_starters(request, passages.groups["starter_candidates"], self.embedder), passages
        )

    def coach(self, request: CoachingRequest) -> Coaching:
        classification = self.classify(request.situation)
        passages = self.coaching_passages(classification.label)
        answer = compose_coaching(request, classification, passages.groups["playbook"], self.embedder)
        return validated(answer, passages)

    def reflect(self, request: ReflectionRequest) -> Reflections:
        passages = self.reflection_passages(request)
        return validated(compose_reflections(request, passages.groups["prompts"], self.embedder), passages)

    def classify(self, situation: str) -> Classification:
        return self.classifier.classify(situation)


def validated(answer: AnswerT, passages: Passages) -> AnswerT:
    """Drop citations of passages that were not retrieved, and body references to dropped ids."""
    retrieved = passages.ids()
    answer.citations = [citation for citation in answer.citations if citation.id in retrieved]
    listed = {citation.id for citation in answer.citations}
    missing = referenced_ids(answer) - listed
    if missing:
        log.warning("removing %d citation(s) not among the retrieved passages", len(missing))
        for value in answer.__dict__.values():
            if isinstance(value, list):
                for element in value:
                    if hasattr(element, "citations"):
                        element.citations = [cid for cid in element.citations if cid in listed]
    return answer
