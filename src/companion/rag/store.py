"""The Chroma collection that holds chunk vectors: embedded on disk, or a `chroma run` server."""

from __future__ import annotations

import contextlib
import re
from typing import Any
from urllib.parse import urlparse

import chromadb
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.config import Settings as ChromaSettings

from companion.config import Settings

COLLECTION_PREFIX = "companion"


class StoreUnavailable(RuntimeError):
    """The Chroma index cannot be reached or opened."""


def build_chroma_client(settings: Settings) -> ClientAPI:
    """A Chroma client: `HttpClient` when a server URL is set, else `PersistentClient`.

    A `PersistentClient` directory must not be shared by several processes; several API
    workers need the server mode.
    """
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        try:
            return chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        except Exception as error:  # the client checks the server when it is built
            raise StoreUnavailable(
                f"Chroma server at {settings.chroma_url} is not reachable: {error}"
            ) from error
    settings.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


def collection_name(model_id: str) -> str:
    """One collection per embedding model, so that vectors of two models never mix."""
    name = re.sub(r"[^a-zA-Z0-9._-]+", "-", f"{COLLECTION_PREFIX}-{model_id}").strip("-._")
    return name[:63]


class ChunkStore:
    """Chunk vectors, texts and metadata in one Chroma collection."""

    def __init__(self, client: ClientAPI, model_id: str) -> None:
        self.client = client
        self.name = collection_name(model_id)
        self._collection: Collection | None = None

    @property
    def collection(self) -> Collection:
        if self._collection is None:
            self._collection = self.client.get_or_create_collection(
                self.name, embedding_function=None, metadata={"hnsw:space": "cosine"}
            )
        return self._collection

    def hashes(self) -> dict[str, str]:
        """Chunk id -> content hash of everything stored."""
        stored = self.collection.get(include=["metadatas"])
        return {
            chunk_id: str((meta or {}).get("hash", ""))
            for chunk_id, meta in zip(stored["ids"], stored["metadatas"] or [], strict=True)
        }

    def upsert(
        self, ids: list[str], vectors: list[list[float]], texts: list[str], metadatas: list[dict[str, Any]]
    ) -> None:
        batch = self.client.get_max_batch_size()
        for start in range(0, len(ids), batch):
            end = start + batch
            self.collection.upsert(
                ids=ids[start:end],
                embeddings=vectors[start:end],
                documents=texts[start:end],
                metadatas=metadatas[start:end],  # type: ignore[arg-type]
            )

    def delete(self, ids: list[str]) -> None:
        if ids:
            self.collection.delete(ids=ids)

    def count(self) -> int:
        return self.collection.count()

    def reset(self) -> None:
        """Drop the collection and start empty."""
        with contextlib.suppress(Exception):  # a missing collection is already empty
            self.client.delete_collection(self.name)
        self._collection = None

    def query(self, vector: list[float], n: int, where: dict[str, Any] | None) -> list[tuple[str, float]]:
        """Nearest chunk ids with cosine similarity (1 - distance), best first."""
        n = min(n, max(self.count(), 1))
        result = self.collection.query(
            query_embeddings=[vector], n_results=n, where=where or None, include=["distances"]
        )
        distances = (result["distances"] or [[]])[0]
        return [(chunk_id, 1.0 - float(d)) for chunk_id, d in zip(result["ids"][0], distances, strict=True)]

    def vectors(self, ids: list[str]) -> dict[str, list[float]]:
        if not ids:
            return {}
        stored = self.collection.get(ids=ids, include=["embeddings"])
        embeddings = stored["embeddings"]
        if embeddings is None:
            return {}
        return {chunk_id: list(vector) for chunk_id, vector in zip(stored["ids"], embeddings, strict=True)}

    def heartbeat(self) -> None:
        """Raise StoreUnavailable when the store cannot answer."""
        try:
            self.client.heartbeat()
            self.collection.count()
        except Exception as error:
            self._collection = None
            raise StoreUnavailable(f"Chroma index is not usable: {error}") from error
