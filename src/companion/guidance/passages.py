"""What the service retrieves for each kind of request: the passages both providers work from."""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.guidance.planner.topics import TopicMatch
from companion.rag.chunking import Chunk
from companion.rag.retriever import Filters, HybridRetriever, rank_articles

TOPIC_MATCH = 0.30  # cosine similarity above which a request's topic is taken to be a topic module's


@dataclass
class Passages:
    """Retrieved passages, grouped by the role they play in an answer."""

    groups: dict[str, list[Chunk]] = field(default_factory=dict)
    topic_article: str | None = None  # the topic module the request is about, if any
    topic: str | None = None  # that module's topic tag
    match: TopicMatch | None = None  # agendas: the module the topic matched, or none (not covered)

    def all(self) -> list[Chunk]:
        seen: dict[str, Chunk] = {}
        for chunks in self.groups.values():
            for chunk in chunks:
                seen.setdefault(chunk.id, chunk)
        return list(seen.values())

    def ids(self) -> set[str]:
        return {chunk.id for chunk in self.all()}


def article_chunks(retriever: HybridRetriever, article_id: str) -> list[Chunk]:
    return [chunk for chunk in retriever.chunks if chunk.article_id == article_id]


def match_topic(retriever: HybridRetriever, text: str) -> tuple[str | None, str | None]:
    """The topic module (article id, topic tag) that `text` is about, or (None, None)."""
    hits = retriever.search(text, k=10, filters=Filters(kinds=("topic",)), method="dense")
    if not hits or hits[0].score < TOPIC_MATCH:
        return None, None
    best = rank_articles(hits)[0][0]
    chunk = next(hit.chunk for hit in hits if hit.chunk.article_id == best)
    return best, chunk.topics[0]
