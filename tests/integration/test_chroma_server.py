"""The index on a real Chroma server (`chroma run`): indexing, search, the API, and what happens
when the server stops, hangs and comes back.

One server per module, indexed once. The embedder is the session's, behind a memo that already
knows the vectors of every chunk (read from the session's embedded index) and of the classifier's
examples, so that indexing the server sends the same vectors without embedding the knowledge
base a second time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from companion.app import create_app
from companion.cli import app as cli_app
from companion.config import Settings
from companion.rag.retriever import Filters
from companion.rag.store import ChunkStore, StoreUnavailable, build_chroma_client
from companion.services import Services, build_services
from tests.conftest import KNOWLEDGE_DIR, bearer, make_key, wait_until_ready
from tests.test_serve import _free_port

pytestmark = pytest.mark.integration

CHROMA = Path(sys.executable).with_name("chroma")
START_TIMEOUT_SECONDS = 60
STOP_TIMEOUT_SECONDS = 20
QUERIES = (
    "our sessions keep getting cancelled",
    "how to end a mentoring relationship well",
    "the senior leader does not want to learn from a junior colleague",
    "phishing and passwords",
)


class ChromaServer:
    """`chroma run` on a loopback port and a data directory, which survive a stop and a start."""

    def __init__(self, path: Path, log: Path) -> None:
        self.path = path
        self.log = log
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [str(CHROMA), "run", "--path", str(self.path)]
        with self.log.open("a") as output:
            self.process = subprocess.Popen(
                [*command, "--host", "127.0.0.1", "--port", str(self.port)],
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()[-3000:]
            try:
                if httpx.get(f"{self.url}/api/v2/heartbeat", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise AssertionError(f"the Chroma server did not start in time:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=STOP_TIMEOUT_SECONDS)
        self.process = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


class MemoEmbedder:
    """The session's embedder, remembering every text it has embedded (same vectors, less work)."""

    def __init__(self, inner: Any, known: dict[str, np.ndarray]) -> None:
        self.inner = inner
        self.known = known

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def embed(self, texts: list[str]) -> np.ndarray:
        missing = [text for text in dict.fromkeys(texts) if text not in self.known]
        if missing:
            self.known.update(zip(missing, self.inner.embed(missing), strict=True))
        if not texts:
            return self.inner.embed(texts)
        return np.stack([self.known[text] for text in texts])


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaServer]:
    if not CHROMA.exists():
        pytest.fail(f"{CHROMA} is missing: the chromadb package installs it")
    folder = tmp_path_factory.mktemp("chroma-server")
    server = ChromaServer(folder / "data", folder / "server.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def memo_embedder(kb_services: Services) -> Iterator[MemoEmbedder]:
    """Every service built in this module embeds with the session's embedder, through a memo."""
    stored = kb_services.store.vectors([chunk.id for chunk in kb_services.chunks])
    known = {
        chunk.embedding_text: np.asarray(stored[chunk.id], dtype=np.float32)
        for chunk in kb_services.chunks
        if chunk.id in stored
    }
    memo = MemoEmbedder(kb_services.embedder, known)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("companion.services.build_embedder", lambda settings: memo)
        yield memo


def server_settings(data_dir: Path, url: str) -> Settings:
    return Settings(data_dir=data_dir, knowledge_dir=KNOWLEDGE_DIR, chroma_url=url, provider="offline")


@pytest.fixture(scope="module")
def server_services(
    chroma_server: ChromaServer, memo_embedder: MemoEmbedder, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Services]:
    """The knowledge base indexed into the server, once for the module."""
    services = build_services(server_settings(tmp_path_factory.mktemp("data"), chroma_server.url))
    try:
        yield services
    finally:
        services.close()


@pytest.fixture(scope="module")
def api(server_services: Services, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The app from its factory, on the same server, started once for the module."""
    settings = server_settings(tmp_path_factory.mktemp("api-data"), server_services.settings.chroma_url or "")
    with TestClient(create_app(settings), headers=bearer(make_key(settings, "mentor"))) as client:
        wait_until_ready(client)
        yield client


def top_ids(services: Services, query: str, **options: Any) -> list[str]:
    return [hit.chunk.id for hit in services.retriever.search(query, k=5, **options)]


def test_index_into_the_server_then_a_second_run_changes_nothing(
    server_services: Services, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    chunks = len(server_services.chunks)
    first = server_services.index_report
    assert (first.updated, first.removed, first.unchanged) == (0, 0, 0)
    assert first.added == chunks
    assert server_services.store.count() == chunks

    monkeypatch.setenv("COMPANION_CHROMA_URL", server_services.settings.chroma_url or "")
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "cli-data"))
    result = CliRunner().invoke(cli_app, ["index"])
    assert result.exit_code == 0, result.output
    assert f"added 0, updated 0, removed 0, unchanged {chunks}" in result.output


def test_search_on_the_server_finds_what_the_embedded_index_finds(
    server_services: Services, kb_services: Services
) -> None:
    for query in QUERIES:
        # Hybrid search fuses the dense ranks of 50 candidates by reciprocal rank, and each HNSW
        # index is approximate (built in parallel, so two builds differ slightly deep in the
        # ranking): passages whose fused scores nearly tie (0.0494 and 0.0492) may swap places.
        # The best passage and four of the five must agree (fresh-clone CI runs, 2026-12-06).
        assert agree(top_ids(server_services, query), top_ids(kb_services, query)), query
        dense = (top_ids(services, query, method="dense") for services in (server_services, kb_services))
        assert agree(*dense), query
    starters = Filters(kinds=("starters",), topic="cybersecurity")
    assert agree(
        top_ids(server_services, "phishing", filters=starters),
        top_ids(kb_services, "phishing", filters=starters),
    )


def agree(server: list[str], embedded: list[str]) -> bool:
    """The same best passage, and four of the five in common."""
    return server[:1] == embedded[:1] and len(set(server) & set(embedded)) >= 4


def test_the_api_is_ready_and_searches_the_server(api: TestClient, kb_services: Services) -> None:
    ready = api.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert f"{len(kb_services.chunks)} chunks" in ready.json()["checks"]["chroma"]
    query = QUERIES[0]
    response = api.get("/v1/search", params={"q": query, "k": 5})
    assert response.status_code == 200, response.text
    assert [result["id"] for result in response.json()["results"]] == top_ids(kb_services, query)


def test_two_workers_share_the_chroma_server_and_postgresql(
    server_services: Services, postgres_admin, tmp_path: Path
) -> None:
    """The supported multi-worker deployment: `companion serve --workers 2` with a Chroma server
    and PostgreSQL. Concurrent writes through both workers are all stored once."""
    import uuid
    from concurrent.futures import ThreadPoolExecutor

    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    name = f"companion_workers_{uuid.uuid4().hex[:8]}"
    with postgres_admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    database_url = make_url(str(postgres_admin.url)).set(database=name).render_as_string(hide_password=False)
    settings = Settings(
        data_dir=tmp_path / "data",
        knowledge_dir=KNOWLEDGE_DIR,
        chroma_url=server_services.settings.chroma_url,
        database_url=database_url,
    )
    key = make_key(settings, "mentor")
    port = _free_port()
    env = {
        **os.environ,
        "COMPANION_DATA_DIR": str(settings.data_dir),
        "COMPANION_KNOWLEDGE_DIR": str(KNOWLEDGE_DIR),
        "COMPANION_CHROMA_URL": settings.chroma_url or "",
        "COMPANION_DATABASE_URL": database_url,
    }
    log = tmp_path / "serve.log"
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("companion")), "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert process.poll() is None, log.read_text()
            try:
                if httpx.get(f"{base}/readyz", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        else:
            raise AssertionError("two workers did not become ready in time")
        headers = {"Authorization": f"Bearer {key}"}

        def call(number: int) -> int:
            if number % 2:
                return httpx.get(
                    f"{base}/v1/search", params={"q": "ground rules"}, headers=headers, timeout=60
                ).status_code
            body = {"text": f"entry {number}", "external_id": f"w-{number}"}
            return httpx.post(f"{base}/v1/feedback", json=body, headers=headers, timeout=60).status_code

        with ThreadPoolExecutor(8) as pool:
            try:
                statuses = list(pool.map(call, range(40)))
            except httpx.TransportError as error:
                raise AssertionError(f"{error!r}; the server printed:\n{log.read_text()}") from error
        assert statuses.count(201) == 20 and statuses.count(200) == 20, statuses
        assert "died" not in log.read_text(), log.read_text()
    finally:
        process.terminate()
        process.wait(timeout=30)
    engine = create_engine(make_url(database_url).set(drivername="postgresql+psycopg"))
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM feedback").scalar() == 20
    engine.dispose()
    with postgres_admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_a_hung_server_times_out(chroma_server: ChromaServer, server_services: Services) -> None:
    client = build_chroma_client(server_services.settings, timeout=1.0)
    store = ChunkStore(client, server_services.embedder.model_id, "the server")
    store.heartbeat()
    assert chroma_server.process is not None
    os.kill(chroma_server.process.pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        with pytest.raises(StoreUnavailable, match="the server is not reachable"):
            store.heartbeat()
        assert time.monotonic() - started < 10
    finally:
        os.kill(chroma_server.process.pid, signal.SIGCONT)
    store.heartbeat()
    store.close()


GUIDANCE_SEARCHING_THE_INDEX = (
    ("/v1/agendas", {"topic": "Short-form video for leaders", "minutes": 50}),
    ("/v1/starters", {"topic": "hybrid work", "count": 4}),
    ("/v1/reflections", {"topic": "data dashboards", "count": 3}),
)


def test_a_stopped_server_is_503_naming_chroma_and_the_app_recovers(
    api: TestClient,
    chroma_server: ChromaServer,
    kb_services: Services,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    query = QUERIES[1]
    chroma_server.stop()
    try:
        ready = api.get("/readyz")
        assert ready.status_code == 503, ready.text
        body = ready.json()
        assert "chroma" in body["error"]["message"]
        assert f"Chroma server at {chroma_server.url} is not reachable" in body["checks"]["chroma"]

        for method, path, payload in (
            ("GET", "/v1/search", {"params": {"q": query}}),
            *(("POST", path, {"json": json}) for path, json in GUIDANCE_SEARCHING_THE_INDEX),
        ):
            response = api.request(method, path, **payload)
            assert response.status_code == 503, (path, response.text)
            error = response.json()["error"]
            assert error["code"] == "dependency_unavailable", path
            assert f"Chroma server at {chroma_server.url}" in error["message"], path
            assert response.headers["retry-after"]
        # coaching reads its playbook from memory: it may answer, but never with a 500
        coaching = api.post("/v1/coaching", json={"situation": "We have cancelled three times."})
        assert coaching.status_code in (200, 503), coaching.text

        monkeypatch.setenv("COMPANION_CHROMA_URL", chroma_server.url)
        monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "cli-data"))
        result = CliRunner().invoke(cli_app, ["index"])
        assert result.exit_code == 1
        assert "Chroma server at" in result.output and "Traceback" not in result.output
    finally:
        if not chroma_server.running:
            chroma_server.start()

    ready = api.get("/readyz")
    assert ready.status_code == 200, ready.text
    response = api.get("/v1/search", params={"q": query, "k": 5})
    assert response.status_code == 200, response.text
    assert [result["id"] for result in response.json()["results"]] == top_ids(kb_services, query)
    for path, json in GUIDANCE_SEARCHING_THE_INDEX:
        assert api.post(path, json=json).status_code == 200, path
