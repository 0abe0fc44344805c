"""Incremental indexing: embed only what changed, delete what is gone, report the four counts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from companion.rag.chunking import Chunk
from companion.rag.embeddings import Embedder
from companion.rag.store import ChunkStore

EMBED_BATCH = 64


@dataclass(frozen=True)
class IndexReport:
    added: int
    updated: int
    removed: int
    unchanged: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def plan_sync(chunks: list[Chunk], stored: dict[str, str]) -> tuple[list[Chunk], list[Chunk], list[str], int]:
    """(new chunks, changed chunks, ids to remove, unchanged count) against the stored hashes."""
    new = [chunk for chunk in chunks if chunk.id not in stored]
    changed = [chunk for chunk in chunks if chunk.id in stored and stored[chunk.id] != chunk.content_hash]
    current = {chunk.id for chunk in chunks}
    removed = sorted(chunk_id for chunk_id in stored if chunk_id not in current)
    unchanged = len(chunks) - len(new) - len(changed)
    return new, changed, removed, unchanged


def sync_index(
    chunks: list[Chunk],
    store: ChunkStore,
    embedder: Embedder,
    rebuild: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> IndexReport:
    """Bring the store in line with `chunks`; with `rebuild`, start from an empty collection."""
    if rebuild:
        store.reset()
    new, changed, removed, unchanged = plan_sync(chunks, store.hashes())
    to_embed = new + changed
    for start in range(0, len(to_embed), EMBED_BATCH):
        batch = to_embed[start : start + EMBED_BATCH]
        vectors = embedder.embed([chunk.embedding_text for chunk in batch]).tolist()
        store.upsert(
            ids=[chunk.id for chunk in batch],
            vectors=vectors,
            texts=[chunk.text for chunk in batch],
            metadatas=[chunk.metadata() for chunk in batch],
        )
        if progress:
            progress(min(start + EMBED_BATCH, len(to_embed)), len(to_embed))
    store.delete(removed)
    return IndexReport(added=len(new), updated=len(changed), removed=len(removed), unchanged=unchanged)
