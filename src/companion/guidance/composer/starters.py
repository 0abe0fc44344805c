"""Offline conversation starters: topical items from the starters collections, varied in purpose
and never near-duplicates."""

from __future__ import annotations

import re

import numpy as np

from companion.citations import cite
from companion.guidance.schemas import Starter, Starters, StartersRequest
from companion.rag.chunking import Chunk
from companion.rag.embeddings import Embedder

NEAR_DUPLICATE = 0.85  # cosine similarity above which two starters say the same thing
# The order a conversation takes: warm up, go deeper, swap viewpoints, then challenge.
ARC = ("icebreaker", "deepen", "reverse-the-lens", "challenge-assumption")


def pick_starters(candidates: list[Chunk], count: int, embedder: Embedder) -> list[Chunk]:
    """Up to `count` candidates (best first), taking purposes in turn and skipping near-duplicates."""
    if not candidates:
        return []
    vectors = embedder.embed([chunk.text for chunk in candidates])
    by_purpose: dict[str, list[int]] = {}
    for index, chunk in enumerate(candidates):
        by_purpose.setdefault(chunk.tags.get("purpose", ""), []).append(index)
    queues = list(by_purpose.values())  # each queue keeps the retrieval order
    chosen: list[int] = []
    while len(chosen) < count and any(queues):
        for queue in queues:
            while queue:
                index = queue.pop(0)
                if all(float(vectors[index] @ vectors[other]) < NEAR_DUPLICATE for other in chosen):
                    chosen.append(index)
                    break
            if len(chosen) == count:
                break
    return [candidates[index] for index in chosen]


CLOSED = re.compile(r"^(do|does|did|is|are|was|were|have|has|can|could|would|will|shall|should)\b", re.I)
OPENING = re.compile(r"\b(why|how|what|which|where|when|who)\b", re.I)


def is_closed(question: str) -> bool:
    """A yes/no question that asks nothing more ('Do you use Teams?'), unlike 'Do you use Teams,
    and what for?'."""
    return bool(CLOSED.match(question.strip())) and not OPENING.search(question)


def compose_starters(request: StartersRequest, candidates: list[Chunk], embedder: Embedder) -> Starters:
    """Open questions first; never one already shown (`exclude`) or a near-copy of one; in the
    order a conversation takes (ARC)."""
    candidates = without_shown(candidates, request.exclude, embedder)
    candidates = sorted(candidates, key=lambda chunk: is_closed(chunk.text))  # stable: open ones first
    chosen = pick_starters(candidates, request.count, embedder)
    chosen.sort(key=lambda chunk: ARC.index(chunk.tags["purpose"]) if chunk.tags.get("purpose") in ARC else 9)
    return Starters(
        starters=[
            Starter(text=chunk.text, purpose=chunk.tags["purpose"], citations=[chunk.id]) for chunk in chosen
        ],
        citations=cite(chosen),
    )


def without_shown(candidates: list[Chunk], shown: list[str], embedder: Embedder) -> list[Chunk]:
    if not shown or not candidates:
        return candidates
    vectors = embedder.embed([chunk.text for chunk in candidates] + shown)
    similarity = vectors[: len(candidates)] @ vectors[len(candidates) :].T
    return [
        chunk for chunk, row in zip(candidates, similarity, strict=True) if float(row.max()) < NEAR_DUPLICATE
    ]


def is_duplicate_free(texts: list[str], embedder: Embedder) -> bool:
    vectors = embedder.embed(texts)
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, 0)
    return bool((similarity < NEAR_DUPLICATE).all())
