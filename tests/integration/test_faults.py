"""Faults the companion must survive: a hanging LLM server, a process killed in the middle of a
feedback import, a database that stays locked. Real processes, real sockets, real databases."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, func, select, text

from companion.app import create_app
from companion.config import Settings
from companion.db import Database
from companion.db.models import Feedback
from companion.guidance.schemas import CoachingRequest
from companion.services import build_services
from tests.conftest import KNOWLEDGE_DIR, bearer, make_key

pytestmark = pytest.mark.integration


def _data_dir(tmp_path: Path, kb_services) -> Path:
    data_dir = tmp_path / "data"
    shutil.copytree(kb_services.settings.data_dir, data_dir)
    (data_dir / "companion.db").unlink(missing_ok=True)
    return data_dir


def test_a_hanging_llm_server_gives_a_degraded_answer_within_the_timeout(tmp_path, kb_services) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted: list[socket.socket] = []

    def accept_all() -> None:
        while True:
            try:
                accepted.append(listener.accept()[0])
            except OSError:  # the listener was closed
                return

    threading.Thread(target=accept_all, daemon=True).start()
    settings = Settings(
        data_dir=_data_dir(tmp_path, kb_services),
        knowledge_dir=KNOWLEDGE_DIR,
        provider="openai",
        openai_base_url=f"http://127.0.0.1:{listener.getsockname()[1]}/v1",
        llm_timeout_seconds=2,
        llm_max_retries=2,
    )
    services = build_services(settings)
    try:
        guidance = services.guidance  # built on first use: its classifier's set-up is not the LLM's wait
        _ = guidance.classifier
        started = time.monotonic()
        answer = guidance.coach(CoachingRequest(situation="We keep cancelling our sessions."))
        elapsed = time.monotonic() - started
    finally:
        services.close()
        listener.close()
    assert answer.degraded and answer.provider == "offline" and answer.strategies
    assert "Timeout" in (answer.degraded_reason or "") or "timed out" in (answer.degraded_reason or "")
    assert len(accepted) == 1, "a timeout is not retried: one connection, then the offline composer"
    assert elapsed < 2 * 2 + 10  # one wait of 2 s, then the offline composer (slack for a busy machine)


IMPORTER = """
import sys, time
import companion.feedback.repository as repository
original = repository._insert_ignoring_duplicates
def slow_insert(session, rows):
    original(session, rows)
    session.flush()
    print("inserted", len(rows), flush=True)
    time.sleep(60)  # killed here, inside the open transaction
repository._insert_ignoring_duplicates = slow_insert
from companion.db import Database
from companion.feedback.repository import ProgrammeRepository
from companion.feedback.parsing import parse_feedback_file, ParsedRow
database = Database(sys.argv[1])
database.migrate()
rows = parse_feedback_file("export.jsonl", open(sys.argv[2], "rb").read(), 100_000)
entries = [row.entry for row in rows if isinstance(row, ParsedRow)]
ProgrammeRepository(database).import_feedback(entries, "import")
"""


def test_a_process_killed_mid_import_leaves_no_rows_and_a_rerun_completes(
    tmp_path: Path, database_url: str
) -> None:
    export = tmp_path / "export.jsonl"
    export.write_text(
        "\n".join(json.dumps({"id": f"r{n}", "answer": f"Answer number {n}", "score": 3}) for n in range(500))
    )
    script = tmp_path / "importer.py"
    script.write_text(IMPORTER)
    process = subprocess.Popen(
        [sys.executable, str(script), database_url, str(export)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        assert line.startswith("inserted 500"), process.stderr.read() if process.stderr else ""
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    database = Database(database_url)
    try:
        database.migrate()
        count = database.read(lambda session: session.scalar(select(func.count(Feedback.id))))
        assert count == 0  # the transaction died with the process
        from companion.feedback.parsing import ParsedRow, parse_feedback_file
        from companion.feedback.repository import ProgrammeRepository

        rows = [
            row.entry
            for row in parse_feedback_file("e.jsonl", export.read_bytes(), 1000)
            if isinstance(row, ParsedRow)
        ]
        assert ProgrammeRepository(database).import_feedback(rows, "import") == (500, 0)
        assert ProgrammeRepository(database).import_feedback(rows, "import") == (0, 500)
    finally:
        database.close()


def test_a_locked_database_answers_503_and_loses_nothing_acknowledged(
    tmp_path: Path, kb_services, monkeypatch: pytest.MonkeyPatch
) -> None:
    import companion.db.engine as engine

    monkeypatch.setattr(engine, "SQLITE_BUSY_MS", 100)
    monkeypatch.setattr(engine, "RETRY_DELAYS", (0.05, 0.05))
    settings = Settings(data_dir=_data_dir(tmp_path, kb_services), knowledge_dir=KNOWLEDGE_DIR)
    key = make_key(settings, "mentee")
    acknowledged: list[str] = []
    with TestClient(create_app(settings), headers=bearer(key)) as client:
        for n in range(3):
            response = client.post("/v1/feedback", json={"text": f"before the lock {n}"})
            assert response.status_code == 201
            acknowledged.append(response.json()["id"])
        locker = create_engine(settings.effective_database_url).connect()
        locker.exec_driver_sql("BEGIN EXCLUSIVE")
        try:
            locked = client.post("/v1/feedback", json={"text": "during the lock"})
            assert locked.status_code == 503
            assert locked.json()["error"]["code"] == "dependency_unavailable"
            assert "database" in locked.json()["error"]["message"] and locked.headers["retry-after"]
        finally:
            locker.exec_driver_sql("ROLLBACK")
            locker.close()
        after = client.post("/v1/feedback", json={"text": "after the lock"})
        assert after.status_code == 201
        acknowledged.append(after.json()["id"])
    stored = create_engine(settings.effective_database_url).connect()
    ids = {row[0] for row in stored.execute(text("SELECT id FROM feedback"))}
    stored.close()
    assert set(acknowledged) <= ids and len(ids) == len(acknowledged)
