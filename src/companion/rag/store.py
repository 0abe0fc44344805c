"""The Chroma collection that holds chunk vectors: embedded on disk, or a `chroma run` server."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import chromadb
import httpx
import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import NotFoundError

from companion.config import Settings
from companion.errors import DependencyUnavailable

COLLECTION_PREFIX = "companion"
# Longest wait for one answer of a Chroma server; its client would otherwise wait forever.
SERVER_TIMEOUT_SECONDS = 30.0


class StoreUnavailable(DependencyUnavailable):
    """The Chroma index cannot be reached or opened."""

    def __init__(self, message: str) -> None:
        super().__init__("chroma", message)


def store_location(settings: Settings) -> str:
    """Where the index lives, for messages: the server URL or the embedded directory."""
    if settings.chroma_url:
        return f"Chroma server at {settings.chroma_url}"
    return f"embedded Chroma index in {settings.chroma_path}"


def build_chroma_client(settings: Settings, timeout: float = SERVER_TIMEOUT_SECONDS) -> ClientAPI:
    """A Chroma client: `HttpClient` when a server URL is set, else `PersistentClient`.

    A `PersistentClient` directory must not be shared by several processes; several API
    workers need the server mode. Each request to a server waits at most `timeout` seconds.
    """
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        try:
            client = chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        except Exception as error:  # the client checks the server when it is built
            raise StoreUnavailable(f"{store_location(settings)} is not reachable: {error}") from error
        # chromadb builds its httpx session without a timeout and offers no setting for one
        session = getattr(getattr(client, "_server", None), "_session", None)
        if isinstance(session, httpx.Client):
            session.timeout = httpx.Timeout(timeout, connect=min(timeout, 5.0))
        return client
    settings.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


def collection_name(model_id: str) -> str:
    """One collection per embedding model, so that vectors of two models never mix."""
    name = re.sub(r"[^a-zA-Z0-9._-]+", "-", f"{COLLECTION_PREFIX}-{model_id}").strip("-._")
    return name[:63]


class ChunkStore:
    """Chunk vectors, texts and metadata in one Chroma collection.

    Every operation that cannot reach a Chroma server raises `StoreUnavailable`, and the next
    one asks the server again, so the store recovers by itself when the server is back.
    """

    def __init__(self, client: ClientAPI, model_id: str, location: str = "Chroma index") -> None:
        self.client = client
        self.name = collection_name(model_id)
        self.location = location
        self._collection: Collection | None = None

    @contextlib.contextmanager
    def _reachable(self) -> Iterator[None]:
        """Turn a server that cannot be reached, or a collection gone from it, into StoreUnavailable."""
        try:
            yield
        except httpx.TransportError as error:  # refused, reset, timed out
            self._collection = None
            raise StoreUnavailable(
                f"{self.location} is not reachable: {error or type(error).__name__}"
            ) from error
        except NotFoundError as error:  # the server lost the collection (e.g. restarted empty)
            self._collection = None
            raise StoreUnavailable(f"{self.location} has no collection {self.name}: {error}") from error

    @property
    def collection(self) -> Collection:
        if self._collection is None:
            with self._reachable():
                self._collection = self.client.get_or_create_collection(
                    self.name, embedding_function=None, metadata={"hnsw:space": "cosine"}
                )
        return self._collection

    def hashes(self) -> dict[str, str]:
        """Chunk id -> content hash of everything stored."""
        with self._reachable():
            stored = self.collection.get(include=["metadatas"])
        return {
            chunk_id: str((meta or {}).get("hash", ""))
            for chunk_id, meta in zip(stored["ids"], stored["metadatas"] or [], strict=True)
        }

    def upsert(
        self, ids: list[str], vectors: list[list[float]], texts: list[str], metadatas: list[dict[str, Any]]
    ) -> None:
        with self._reachable():
            batch = self.client.get_max_batch_size()
            for start in range(0, len(ids), batch):
                end = start + batch
                self.collection.upsert(
                    ids=ids[start:end],
                    embeddings=np.asarray(vectors[start:end], dtype=np.float32),
                    documents=texts[start:end],
                    metadatas=metadatas[start:end],  # type: ignore[arg-type]
                )

    def delete(self, ids: list[str]) -> None:
        if ids:
            with self._reachable():
                self.collection.delete(ids=ids)

    def count(self) -> int:
        with self._reachable():
            return self.collection.count()

    def reset(self) -> None:
        """Drop the collection and start empty."""
        with contextlib.suppress(Exception):  # a missing collection is already empty
            self.client.delete_collection(self.name)
        self._collection = None

    def query(self, vector: list[float], n: int, where: dict[str, Any] | None) -> list[tuple[str, float]]:
        """Nearest chunk ids with cosine similarity (1 - distance), best first."""
        n = min(n, max(self.count(), 1))
        with self._reachable():
            result = self.collection.query(
                query_embeddings=np.asarray([vector], dtype=np.float32),
                n_results=n,
                where=where or None,
                include=["distances"],
            )
        distances = (result["distances"] or [[]])[0]
        return [(chunk_id, 1.0 - float(d)) for chunk_id, d in zip(result["ids"][0], distances, strict=True)]

    def vectors(self, ids: list[str]) -> dict[str, list[float]]:
        if not ids:
            return {}
        with self._reachable():
            stored = self.collection.get(ids=ids, include=["embeddings"])
        embeddings = stored["embeddings"]
        if embeddings is None:
            return {}
        return {chunk_id: list(vector) for chunk_id, vector in zip(stored["ids"], embeddings, strict=True)}

    def heartbeat(self) -> None:
        """Raise StoreUnavailable when the store cannot answer."""
        try:
            with self._reachable():
                self.client.heartbeat()
                self.collection.count()
        except StoreUnavailable:
            raise
        except Exception as error:
            self._collection = None
            raise StoreUnavailable(f"{self.location} is not usable: {error}") from error

    def close(self) -> None:
        """Release the client (an embedded index's database is closed with its last client)."""
        close = getattr(self.client, "close", None)
        if callable(close):
            close()
