"""The long-lived services of one process, each built the first time it is needed.

The app's lifespan and the CLI make one `Services` and close it at the end. Nothing is built up
front: `companion keys create` opens only the database, `companion kb check` nothing at all, and
the server answers `/healthz` while the index is being built in the background
(`start_indexing`), with `/readyz` saying how far it has got.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from chromadb.api.shared_system_client import SharedSystemClient

from companion.auth import KeyStore, RevokedSessions
from companion.config import Settings
from companion.db import Database, DatabaseUnavailable
from companion.errors import DependencyUnavailable
from companion.feedback.repository import ProgrammeRepository
from companion.feedback.service import FeedbackService
from companion.feedback.theme_namer import ThemeNamer
from companion.guidance.classifier import ChallengeClassifier, load_examples, playbook_anchors
from companion.guidance.service import GuidanceService
from companion.jobs import JobRunner, JobStore
from companion.jobs.queue import build_queue
from companion.kb import Corpus, load_corpus
from companion.kb.check import check_local_corpus
from companion.kb.defaults import load_defaults
from companion.llm import LLMProvider
from companion.pairs import PairWorkspace, PeopleStore
from companion.pairs.records import RecordStore
from companion.pairs.store import PairStore
from companion.programme.settings import Programme, ProgrammeError, load_programme, parse_programme
from companion.rag.chunking import Chunk, chunk_corpus
from companion.rag.embeddings import Embedder, MPNetOnnxEmbeddings, build_embedder, build_themes_embedder
from companion.rag.indexer import IndexReport, sync_index
from companion.rag.retriever import HybridRetriever
from companion.rag.store import ChunkStore, StoreUnavailable, build_chroma_client, store_location
from companion.usage import GuidanceUsage

log = logging.getLogger(__name__)
T = TypeVar("T")
Progress = Callable[[int, int], None]
# How long a request that needs the index waits for the background build before a 503.
INDEX_WAIT_SECONDS = 30.0


@dataclass(frozen=True)
class Check:
    """One readiness check: its name, whether it passed, and what it found."""

    name: str
    ok: bool
    detail: str


class IndexNotReady(DependencyUnavailable):
    """The knowledge index is still being built (or its build failed): routes that search answer 503."""

    def __init__(self, message: str) -> None:
        super().__init__("chroma", message)


@dataclass
class IndexState:
    """How far the background build of the index has got."""

    done: int = 0
    total: int = 0
    running: bool = False
    error: str | None = None

    def describe(self) -> str:
        if self.error:
            return f"indexing failed: {self.error}"
        if self.total:
            return f"indexing {100 * self.done // self.total} % ({self.done} of {self.total} chunks)"
        return "indexing: loading the knowledge base and the embedding model"


class Services:
    """Every long-lived object of the process, made once, on first use, under one lock."""

    def __init__(self, settings: Settings) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
        self.settings = settings
        self._locks_lock = threading.Lock()
        self._locks: dict[str, threading.RLock] = {}
        self._built: dict[str, object] = {}
        self.index_report: IndexReport | None = None
        self.index_state = IndexState()
        self._index_thread: threading.Thread | None = None
        self._index_lock = threading.Lock()

    def _once(self, name: str, build: Callable[[], T]) -> T:
        """The object called `name`, built by `build` the first time (one lock per object, so that
        opening the database never waits for the index to be built)."""
        with self._locks_lock:
            lock = self._locks.setdefault(name, threading.RLock())
        with lock:
            if name not in self._built:
                self._built[name] = build()
            return self._built[name]  # type: ignore[return-value]  # stored by the same name above

    # -- knowledge and search -------------------------------------------------------------------

    @property
    def corpus(self) -> Corpus:
        return self._once("corpus", lambda: load_corpus(self.settings.knowledge_dir))

    @property
    def local_corpus(self) -> Corpus | None:
        """The organisation's own articles (COMPANION_LOCAL_KNOWLEDGE_DIR), checked as the built-in
        corpus is; None when not configured. A broken article stops the service with its problems."""
        return self._once("local_corpus", lambda: load_local_corpus(self.settings, self.corpus))

    @property
    def programme(self) -> Programme | None:
        """The organisation's programme settings (COMPANION_PROGRAMME_FILE), or None when not set."""
        return self._once("programme", lambda: load_programme_settings(self.settings))

    @property
    def knowledge(self) -> Corpus:
        """The built-in corpus and the organisation's own articles together (what people browse)."""

        def build() -> Corpus:
            local = self.local_corpus
            if local is None:
                return self.corpus
            return Corpus(
                root=self.corpus.root,
                articles=self.corpus.articles + local.articles,
                sources={**self.corpus.sources, **local.sources},
                problems=[],
            )

        return self._once("knowledge", build)

    def save_programme(self, text: str) -> Programme:
        """Validate the programme settings and write them to COMPANION_PROGRAMME_FILE, or to
        programme.yaml in the data directory (whole or not at all); answers use them from the next
        request. Raises ProgrammeError on a problem, leaving the file as it was."""
        path = self.settings.effective_programme_file
        programme = parse_programme(text, path)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
        with self._locks_lock:
            self._built["programme"] = programme
        if "guidance" in self._built:
            self.guidance.programme = programme
        return programme

    def check_organisation(self) -> None:
        """Fail now, with every problem named, if the organisation's settings or articles are broken."""
        _ = self.programme, self.local_corpus

    @property
    def chunks(self) -> list[Chunk]:
        def build() -> list[Chunk]:
            local = self.local_corpus
            return chunk_corpus(self.corpus) + (chunk_corpus(local) if local else [])

        return self._once("chunks", build)

    @property
    def embedder(self) -> Embedder:
        return self._once("embedder", lambda: build_embedder(self.settings))

    @property
    def themes_embedder(self) -> Embedder:
        """all-mpnet-base-v2 for reading feedback, int8 by default (README, "Programme feedback")."""
        return self._once("themes_embedder", lambda: build_themes_embedder(self.settings, self.embedder))

    @property
    def meaning_embedder(self) -> Embedder:
        """all-mpnet-base-v2 at fp32 for the coaching classifier, which reads one message at a time:
        the themes embedder itself unless that one is int8 (one model, one memory of vectors)."""

        def build() -> Embedder:
            themes = self.themes_embedder
            if not (isinstance(themes, MPNetOnnxEmbeddings) and themes.precision == "int8"):
                return themes
            return build_themes_embedder(self.settings, self.embedder, precision="fp32")

        return self._once("meaning_embedder", build)

    @property
    def store(self) -> ChunkStore:
        return self._once("store", lambda: open_store(self.settings, self.embedder))

    def sync_index(self, rebuild: bool = False, progress: Progress | None = None) -> IndexReport:
        """Bring the index up to date with knowledge/ (embedding only what changed)."""
        with self._index_lock:
            self.settings.data_dir.mkdir(parents=True, exist_ok=True)
            report = sync_index(self.chunks, self.store, self.embedder, rebuild=rebuild, progress=progress)
            if report.changed:
                log.info(
                    "index %s: %d added, %d updated, %d removed, %d unchanged",
                    self.store.name,
                    report.added,
                    report.updated,
                    report.removed,
                    report.unchanged,
                )
            self.index_report = report
            return report

    def start_indexing(self) -> None:
        """Build the index, then the coaching classifier, in a background thread; `/healthz`
        answers meanwhile."""

        def advance(done: int, total: int) -> None:
            self.index_state.done, self.index_state.total = done, total

        def run() -> None:
            try:
                self.sync_index(progress=advance)
            except Exception as error:  # reported by /readyz and by every route that searches
                log.exception("building the index failed")
                self.index_state.error = str(error)
                return
            finally:
                self.index_state.running = False
            if not self.settings.warm_up_coaching:
                return
            try:  # then the coaching classifier, so that the first coaching request does not wait
                _ = self.classifier
            except Exception:  # the request that needs it will say what is wrong
                log.exception("preparing the coaching classifier failed")

        self.index_state.running = True
        self._index_thread = threading.Thread(target=run, name="companion-index", daemon=True)
        self._index_thread.start()

    @property
    def index_ready(self) -> bool:
        return self.index_report is not None

    @property
    def retriever(self) -> HybridRetriever:
        """The hybrid retriever over an index brought up to date first: at once in the CLI; in the
        server, a request waits up to INDEX_WAIT_SECONDS for the background build, then gets
        IndexNotReady (503 with Retry-After)."""
        if self.index_report is None:
            thread = self._index_thread
            if thread is not None and thread.is_alive():
                thread.join(timeout=INDEX_WAIT_SECONDS)
        if self.index_report is None:
            if self.index_state.running or self.index_state.error:
                raise IndexNotReady(f"the knowledge index is not ready: {self.index_state.describe()}")
            self.sync_index()
        return self._once("retriever", lambda: HybridRetriever(self.chunks, self.store, self.embedder))

    # -- guidance and programme data ------------------------------------------------------------

    @property
    def llm(self) -> LLMProvider | None:
        """The LLM provider when one is configured (COMPANION_PROVIDER=openai), else None."""
        return self._once("llm", lambda: build_llm(self.settings))

    @property
    def classifier(self) -> ChallengeClassifier:
        """The coaching classifier; its anchors' vectors are kept beside the models (a cache keyed
        by model and texts, so every data directory on the machine shares it)."""

        def build() -> ChallengeClassifier:
            anchors = load_examples() + playbook_anchors(self.chunks)
            return ChallengeClassifier(self.meaning_embedder, anchors, self.settings.models_dir / "cache")

        return self._once("classifier", build)

    @property
    def guidance(self) -> GuidanceService:
        def build() -> GuidanceService:
            return GuidanceService(
                self.retriever,
                lambda: self.classifier,
                self.llm,
                self.settings.llm_max_retries,
                defaults=load_defaults(self.settings.knowledge_dir),
                programme=self.programme,
                record=self.usage.record if self.local_corpus is not None else None,
                grounding_threshold=self.settings.grounding_threshold,
            )

        return self._once("guidance", build)

    @property
    def database(self) -> Database:
        def build() -> Database:
            self.settings.data_dir.mkdir(parents=True, exist_ok=True)
            database = Database(self.settings.effective_database_url)
            database.migrate()
            return database

        return self._once("database", build)

    @property
    def keys(self) -> KeyStore:
        return self._once("keys", lambda: KeyStore(self.database))

    @property
    def usage(self) -> GuidanceUsage:
        return self._once("usage", lambda: GuidanceUsage(self.database))

    @property
    def revoked_sessions(self) -> RevokedSessions:
        return self._once("revoked_sessions", lambda: RevokedSessions(self.database))

    @property
    def feedback(self) -> FeedbackService:
        def build() -> FeedbackService:
            llm = self.llm
            return FeedbackService(
                ProgrammeRepository(self.database),
                lambda: self.retriever,
                lambda: self.themes_embedder,
                ThemeNamer(llm, self.settings.llm_max_retries) if llm else None,
                self.settings.max_import_rows,
                theme_resolution=self.settings.theme_resolution,
            )

        return self._once("feedback", build)

    @property
    def jobs(self) -> JobRunner:
        """Background jobs on huey, in the same kind of store as the data (SQLite or PostgreSQL)."""

        def build() -> JobRunner:
            queue = build_queue(self.settings.effective_database_url, self.settings.data_dir)
            return JobRunner(queue, JobStore(self.database), lambda: self.feedback)

        return self._once("jobs", build)

    def start_jobs(self) -> None:
        """One worker thread in this process. With SQLite it is the only worker, so a job left
        running by a process that is gone resumes at once."""
        self.jobs.start(resume_all_running=self.database.backend == "sqlite")

    @property
    def people(self) -> PeopleStore:
        return self._once("people", lambda: PeopleStore(self.database))

    @property
    def workspace(self) -> PairWorkspace:
        """Pairs and their records; the guidance service is built the first time a plan is asked."""

        def build() -> PairWorkspace:
            defaults = load_defaults(self.settings.knowledge_dir)
            stalled_days = self.settings.stalled_days or defaults.monitoring.stalled_days
            return PairWorkspace(
                PairStore(self.database, stalled_days),
                RecordStore(self.database),
                self.people,
                lambda: self.guidance,
                defaults,
                lambda: self.chunks,
            )

        return self._once("workspace", build)

    # -- readiness and shutdown -----------------------------------------------------------------

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
        if self.index_report is None:
            return Check("chroma", False, self.index_state.describe())
        try:
            self.store.heartbeat()
            count = self.store.count()
        except StoreUnavailable as error:
            return Check("chroma", False, str(error))
        if count < len(self.chunks):
            return Check("chroma", False, f"index holds {count} of {len(self.chunks)} chunks")
        return Check("chroma", True, f"{count} chunks in {self.store.name}")

    def close(self) -> None:
        """Release what was opened (clients, connections); what was never built is left alone."""
        jobs = self._built.get("jobs")
        if isinstance(jobs, JobRunner):
            jobs.stop()
        if self._index_thread is not None:
            self._index_thread.join(timeout=60)
        store = self._built.get("store")
        if isinstance(store, ChunkStore):
            store.close()
        database = self._built.get("database")
        if isinstance(database, Database):
            database.close()


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
    return LLMProvider.from_settings(settings) if settings.provider == "openai" else None


class OrganisationSettingsInvalid(DependencyUnavailable):
    """The organisation's programme file or local articles are broken (every problem listed)."""


def load_programme_settings(settings: Settings) -> Programme | None:
    """The configured settings file (which must exist), else programme.yaml in the data directory
    when an admin has written one, else None: answers then say the contacts are not set."""
    path = settings.effective_programme_file
    if settings.programme_file is None and not path.is_file():
        return None
    try:
        return load_programme(path)
    except ProgrammeError as error:
        raise OrganisationSettingsInvalid("programme settings", str(error)) from None


def load_local_corpus(settings: Settings, builtin: Corpus) -> Corpus | None:
    if settings.local_knowledge_dir is None:
        return None
    root = settings.local_knowledge_dir.expanduser()
    if not root.is_dir():
        raise OrganisationSettingsInvalid(
            "local knowledge", f"COMPANION_LOCAL_KNOWLEDGE_DIR {root} is not a folder"
        )
    local = load_corpus(root, local=True)
    problems = check_local_corpus(local, builtin)
    if problems:
        listed = "\n".join(str(problem) for problem in problems)
        raise OrganisationSettingsInvalid("local knowledge", f"invalid local articles in {root}:\n{listed}")
    return local


def build_services(settings: Settings, rebuild: bool = False, progress: Progress | None = None) -> Services:
    """Services with the index brought up to date now (for benchmarks, evals and tests that want
    everything at once); the rest is still built on first use."""
    services = Services(settings)
    services.sync_index(rebuild=rebuild, progress=progress)
    return services
