"""What the service retrieves for each kind of request: the passages both providers work from."""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.guidance.planner.topics import TopicMatch
from companion.rag.chunking import Chunk
from companion.rag.retriever import HybridRetriever


@dataclass
class Passages:
    """Retrieved passages, grouped by the role they play in an answer."""

    groups: dict[str, list[Chunk]] = field(default_factory=dict)
    topic_article: str | None = None  # the topic module the request is about, if any
    topic: str | None = None  # that module's topic tag
    match: TopicMatch | None = None  # agendas: the module the topic matched, or none (not covered)
    subject: bool = False  # starters: the topic is a subject to talk about, not a skill to practise
    issue: bool = False  # starters: the topic is how the pair's sessions go ("we keep cancelling")
    conversation: bool = False  # agendas: a subject no module covers, talked through and rehearsed
    listening: bool = False  # ... and one to understand rather than to say: listened to, not rehearsed
    named_skill: str | None = None  # starters: at a first meeting, the skill the topic names ("LinkedIn")

    def all(self) -> list[Chunk]:
        seen: dict[str, Chunk] = {}
        for chunks in self.groups.values():
            for chunk in chunks:
                seen.setdefault(chunk.id, chunk)
        return list(seen.values())

    def by_id(self) -> dict[str, Chunk]:
        return {chunk.id: chunk for chunk in self.all()}

    def ids(self) -> set[str]:
        return {chunk.id for chunk in self.all()}


def article_chunks(retriever: HybridRetriever, article_id: str) -> list[Chunk]:
    return [chunk for chunk in retriever.chunks if chunk.article_id == article_id]
