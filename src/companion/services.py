"""The long-lived services, built once per process (by the app's lifespan or the CLI)."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

from chromadb.api.shared_system_client import SharedSystemClient

from companion.auth import KeyStore
from companion.config import Settings
from companion.db import Database, DatabaseUnavailable
from companion.feedback.repository import ProgrammeRepository
from companion.feedback.service import FeedbackService
from companion.feedback.theme_namer import ThemeNamer
from companion.guidance.classifier import ChallengeClassifier, load_examples, playbook_anchors
from companion.guidance.llm import LLMProvider
from companion.guidance.service import GuidanceService
from companion.kb import Corpus, load_corpus
from companion.rag.chunking import Chunk, chunk_corpus
from companion.rag.embeddings import Embedder, build_embedder, build_themes_embedder
from companion.rag.indexer import IndexReport, sync_index
from companion.rag.retriever import HybridRetriever
from companion.rag.store import ChunkStore, StoreUnavailable, build_chroma_client, store_location

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Check:
    """One readiness check: its name, whether it passed, and what it found."""

    name: str
    ok: bool
    detail: str


@dataclass
class Services:
    settings: Settings
    corpus: Corpus
    chunks: list[Chunk]
    embedder: Embedder
    themes_embedder: Embedder
    store: ChunkStore
    retriever: HybridRetriever
    index_report: IndexReport
    guidance: GuidanceService
    database: Database
    feedback: FeedbackService
    keys: KeyStore

    def readiness(self) -> list[Check]:
        return [self._check_data_dir(), self._check_knowledge(), self._check_index(), self._check_database()]

    def _check_database(self) -> Check:
        try:
            revision = self.database.revision()
        except DatabaseUnavailable as error:
            return Check("database", False, str(error))
        if revision is None:
            return Check("database", False, f"{self.database.shown_url} has no schema")
        return Check("database", True, f"{self.database.backend} at schema revision {revision}")

    def _check_data_dir(self) -> Check:
        try:
            self.settings.data_dir.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.settings.data_dir):
                pass
        except OSError as error:
            return Check("data_dir", False, f"not writable: {error.strerror}")
        return Check("data_dir", True, "writable")

    def _check_knowledge(self) -> Check:
        if not self.corpus.articles:
            return Check("knowledge", False, f"no articles in {self.settings.knowledge_dir}")
        return Check("knowledge", True, f"{len(self.corpus.articles)} articles")

    def _check_index(self) -> Check:
        try:
            self.store.heartbeat()
            count = self.store.count()
        except StoreUnavailable as error:
            return Check("chroma", False, str(error))
        if count < len(self.chunks):
            return Check("chroma", False, f"index holds {count} of {len(self.chunks)} chunks")
        return Check("chroma", True, f"{count} chunks in {self.store.name}")

    def close(self) -> None:
        """Release what the services hold (clients, connections)."""
        self.store.close()
        self.database.close()


def open_store(settings: Settings, embedder: Embedder) -> ChunkStore:
    """Open the Chroma collection; an embedded index that cannot be opened is rebuilt from scratch."""
    location = store_location(settings)
    try:
        store = ChunkStore(build_chroma_client(settings), embedder.model_id, location)
        store.heartbeat()
        return store
    except Exception as error:
        if settings.chroma_url:  # a server is never wiped: say what is wrong
            if isinstance(error, StoreUnavailable):
                raise
            raise StoreUnavailable(f"{location} is not usable: {error}") from error
        log.warning("the index in %s cannot be opened (%s); rebuilding it", settings.chroma_path, error)
        SharedSystemClient.clear_system_cache()  # forget the broken database this process opened
        shutil.rmtree(settings.chroma_path, ignore_errors=True)
        return ChunkStore(build_chroma_client(settings), embedder.model_id, location)


def build_llm(settings: Settings) -> LLMProvider | None:
    """The LLM provider when one is configured (COMPANION_PROVIDER=openai), else None."""
    return LLMProvider(settings) if settings.provider == "openai" else None


def build_services(
    settings: Settings, rebuild: bool = False, progress: Callable[[int, int], None] | None = None
) -> Services:
    """Load the knowledge base, bring the index up to date (embedding only what changed), and
    build the retriever."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    corpus = load_corpus(settings.knowledge_dir)
    chunks = chunk_corpus(corpus)
    embedder = build_embedder(settings)
    store = open_store(settings, embedder)
    report = sync_index(chunks, store, embedder, rebuild=rebuild, progress=progress)
    if report.changed:
        log.info(
            "index %s: %d added, %d updated, %d removed, %d unchanged",
            store.name,
            report.added,
            report.updated,
            report.removed,
            report.unchanged,
        )
    retriever = HybridRetriever(chunks, store, embedder)
    classifier = ChallengeClassifier(embedder, load_examples() + playbook_anchors(chunks))
    llm = build_llm(settings)
    database = Database(settings.effective_database_url)
    database.migrate()
    themes_embedder = build_themes_embedder(settings, embedder)
    feedback = FeedbackService(
        ProgrammeRepository(database),
        retriever,
        themes_embedder,
        ThemeNamer(llm, settings.llm_max_retries) if llm else None,
        settings.max_import_rows,
    )
    return Services(
        settings=settings,
        corpus=corpus,
        chunks=chunks,
        embedder=embedder,
        themes_embedder=themes_embedder,
        store=store,
        retriever=retriever,
        index_report=report,
        guidance=GuidanceService(retriever, classifier, llm, settings.llm_max_retries),
        database=database,
        feedback=feedback,
        keys=KeyStore(database),
    )
