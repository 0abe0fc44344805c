"""The feedback routes against the real app: SQLite database, real index, real embedder."""

from __future__ import annotations

import csv
import io
import shutil
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient

from companion.app import create_app
from companion.config import Settings
from tests.conftest import KNOWLEDGE_DIR, REPO_ROOT, bearer, make_key, wait_until_ready

DATASET = REPO_ROOT / "evals" / "feedback" / "entries.jsonl"
EXPORT = (
    b"Response ID,Submitted At,Role,Pair,Rating,Comments\n"
    b'r1,2026-05-14 10:32:05,Mentor,pair-01,2,"Our sessions keep getting cancelled, his diary is full"\n'
    b'r2,2026-05-15 11:00:00,Mentee,pair-02,5,"Learning to use an AI assistant for drafts was great.\n'
    b'More of that please"\n'
    b"r3,2026-06-14 10:32:05,Mentor,pair-03,7,Rating out of range\n"
    b"r4,2026-06-14 10:32:05,Mentor,pair-03,3,\n"
    b"r5,not a date,Mentor,pair-03,3,bad date\n"
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, kb_services) -> Iterator[TestClient]:
    data_dir = tmp_path_factory.mktemp("feedback-api") / "data"
    shutil.copytree(kb_services.settings.data_dir, data_dir)
    (data_dir / "companion.db").unlink(missing_ok=True)
    settings = Settings(data_dir=data_dir, knowledge_dir=KNOWLEDGE_DIR, max_body_bytes=200_000)
    with TestClient(create_app(settings), headers=bearer(make_key(settings, "admin"))) as test_client:
        test_client.mentor_headers = bearer(make_key(settings, "mentor"))  # type: ignore[attr-defined]
        test_client.mentee_headers = bearer(make_key(settings, "mentee"))  # type: ignore[attr-defined]
        yield test_client


def test_participants_read_only_their_own_feedback(client: TestClient) -> None:
    mine = client.post(
        "/v1/feedback", json={"text": "Good start.", "author_role": "mentee"}, headers=client.mentor_headers
    )
    assert mine.status_code == 201
    entry_id = mine.json()["id"]
    own = client.get(f"/v1/feedback/{entry_id}", headers=client.mentor_headers)
    assert own.status_code == 200 and own.json()["author_role"] == "mentor"  # the key's role, not the claim
    assert client.get(f"/v1/feedback/{entry_id}", headers=client.mentee_headers).status_code == 404
    assert client.get(f"/v1/feedback/{entry_id}").status_code == 200  # admin
    assert client.get("/v1/feedback/summary", headers=client.mentee_headers).status_code == 403


def test_submit_feedback_returns_201_and_an_id(client: TestClient) -> None:
    response = client.post(
        "/v1/feedback",
        json={"text": "Loved the session on short videos.", "rating": 5, "author_role": "mentee"},
    )
    assert response.status_code == 201, response.text
    assert len(response.json()["id"]) == 32
    again = client.post("/v1/feedback", json={"text": "Same answer", "external_id": "form-1"})
    repeat = client.post("/v1/feedback", json={"text": "Same answer", "external_id": "form-1"})
    assert again.json()["id"] == repeat.json()["id"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "ok", "rating": 6}, "rating"),
        ({"text": "ok", "author_role": "ceo"}, "author_role"),
        ({"text": "ok", "submitted_at": "yesterday"}, "submitted_at"),
        ({"text": "x" * 5001}, "text"),
        ({"text": "ok", "unknown": 1}, "unknown"),
    ],
)
def test_invalid_feedback_is_422_naming_the_field(client: TestClient, payload: dict, field: str) -> None:
    response = client.post("/v1/feedback", json=payload)
    assert response.status_code == 422
    assert field in response.json()["error"]["message"]


def wait_for_job(client: TestClient, location: str, seconds: float = 120) -> dict:
    """Poll a job's status route until it is done or failed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = client.get(location).json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"{location} did not finish in {seconds} s: {job}")


def test_import_reports_rows_and_is_idempotent(client: TestClient) -> None:
    files = {"file": ("survey.csv", EXPORT, "text/csv")}
    first = client.post("/v1/feedback/import", files=files)
    assert first.status_code == 202, first.text
    report = first.json()
    assert (report["imported"], report["duplicates"]) == (2, 0)
    assert [row["line"] for row in report["rejected"]] == [5, 6, 7]
    assert "rating" in report["rejected"][0]["error"] and "text" in report["rejected"][1]["error"]
    assert first.headers["location"] == f"/v1/jobs/{report['job']['id']}"
    job = wait_for_job(client, first.headers["location"])
    assert job["status"] == "done" and job["done"] == job["total"] >= 2 and job["percent"] == 100
    second = client.post("/v1/feedback/import", files=files)
    assert second.status_code == 200 and second.json()["job"] is None  # nothing new to read
    assert (second.json()["imported"], second.json()["duplicates"]) == (0, 2)
    assert second.json()["rejected"] == report["rejected"]
    assert client.get("/v1/jobs/99999").status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "status", "code"),
    [
        ("answers.csv", b"Comments\n" + "caf\xe9".encode("latin-1"), 400, "invalid_file"),
        ("answers.xlsx", b"PK\x03\x04", 400, "invalid_file"),
        ("answers.csv", b"Name,Score\nA,3\n", 400, "invalid_file"),
        ("answers.csv", b"Comments\n" + b"a" * 250_000, 413, "too_large"),
    ],
)
def test_unreadable_uploads_get_a_clear_error_and_store_nothing(
    client: TestClient, name: str, content: bytes, status: int, code: str
) -> None:
    before = client.get("/v1/feedback/summary").json()["total"]
    response = client.post("/v1/feedback/import", files={"file": (name, content)})
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert client.get("/v1/feedback/summary").json()["total"] == before


def test_summary_has_themes_kpis_and_cited_recommendations(client: TestClient) -> None:
    files = {"file": (DATASET.name, DATASET.read_bytes(), "application/x-ndjson")}
    assert client.post("/v1/feedback/import", files=files).status_code == 202
    recorded = client.post(
        "/v1/sessions", json={"pair_id": "pair-01", "held_on": "2026-11-01", "topic": "AI"}
    )
    assert recorded.status_code == 201
    summary = client.get("/v1/feedback/summary").json()
    assert summary["total"] >= 150
    cited = {citation["id"] for citation in summary["citations"]}
    for theme in summary["themes"]:
        assert theme["count"] >= 3 and theme["feedback_ids"]
        assert set(theme["citations"]) <= cited
        assert theme["recommendation"]
        for quote in theme["quotes"]:
            assert "@" not in quote and "http" not in quote
    assert sum(theme["count"] for theme in summary["themes"]) == summary["total"]
    assert summary["kpis"]["entries"] == summary["total"]
    assert summary["kpis"]["sessions"] == 1
    for citation in summary["citations"]:
        assert citation["quote"] in (REPO_ROOT / citation["source"]).read_text(encoding="utf-8")


def test_export_neutralises_spreadsheet_formulas(client: TestClient) -> None:
    attack = '=HYPERLINK("http://evil.example","click") loved the session'
    assert client.post("/v1/feedback", json={"text": attack, "external_id": "csv-attack"}).status_code == 201
    response = client.get("/v1/feedback/export.csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    cell = next(row[-1] for row in rows if row[0] == "csv-attack")
    assert cell == "'" + attack
    assert all(not value.startswith(("=", "+", "-", "@")) for row in rows for value in row)


def _chunked_multipart(
    name: str, content: bytes, chunk: int = 16_384
) -> tuple[Iterator[bytes], dict[str, str]]:
    """A multipart upload sent in chunks, with no Content-Length: only the bytes tell its size."""
    boundary = "companion-test-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: text/csv\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(body), chunk):
            yield body[start : start + chunk]

    return chunks(), {"content-type": f"multipart/form-data; boundary={boundary}"}


def test_a_chunked_upload_over_the_limit_is_413_and_stores_nothing(client: TestClient) -> None:
    before = client.get("/v1/feedback/summary").json()["total"]
    body, headers = _chunked_multipart("big.csv", b"Comments\n" + b"too long to keep\n" * 20_000)
    response = client.post("/v1/feedback/import", content=body, headers=headers)
    assert response.status_code == 413, response.text
    assert response.json()["error"]["code"] == "too_large"
    assert client.get("/v1/feedback/summary").json()["total"] == before


def test_a_participant_cannot_claim_a_survey_response_id(client: TestClient) -> None:
    """A mentor posting R_1001 before the admin imports the real response R_1001 neither drops the
    real one as a duplicate nor learns the id of someone else's entry."""
    claimed = client.post(
        "/v1/feedback",
        json={"text": "Everything is wonderful", "external_id": "R_1001"},
        headers=client.mentor_headers,
    )
    assert claimed.status_code == 201
    survey = b"Response ID,Comments\nR_1001,My mentee keeps cancelling and I feel ignored\n"
    report = client.post("/v1/feedback/import", files={"file": ("survey.csv", survey)}).json()
    assert (report["imported"], report["duplicates"]) == (1, 0)
    # posting the admin's id again answers with the mentor's own entry, never the imported one
    again = client.post(
        "/v1/feedback",
        json={"text": "Everything is wonderful", "external_id": "R_1001"},
        headers=client.mentor_headers,
    )
    assert again.json()["id"] == claimed.json()["id"]
    imported = client.get("/v1/feedback/R_1001").json()  # the admin reads the real response
    assert imported["text"].startswith("My mentee keeps cancelling")
    other = client.get("/v1/feedback/R_1001", headers=client.mentee_headers)
    assert other.status_code == 404


def test_two_imports_of_one_file_at_once_report_what_each_inserted(client: TestClient) -> None:
    rows = "".join(f"race-{number},Concurrent answer number {number}\n" for number in range(300))
    content = ("Response ID,Comments\n" + rows).encode()
    files = {"file": ("race.csv", content)}
    with ThreadPoolExecutor(2) as pool:
        reports = list(pool.map(lambda _: client.post("/v1/feedback/import", files=files).json(), range(2)))
    assert sum(report["imported"] for report in reports) == 300
    assert all(report["imported"] + report["duplicates"] == 300 for report in reports)


def test_the_server_keeps_answering_during_a_large_import(tmp_path, kb_services) -> None:
    """The import once ran on the event loop: /healthz took 42 s to answer during 1,000 rows."""
    data_dir = tmp_path / "data"
    shutil.copytree(kb_services.settings.data_dir, data_dir)
    (data_dir / "companion.db").unlink(missing_ok=True)
    settings = Settings(
        data_dir=data_dir,
        knowledge_dir=KNOWLEDGE_DIR,
        themes_embedding_backend="search",
        max_body_bytes=10**7,
    )
    rows = "".join(
        f"r{number},Session {number} was about {TOPICS[number % len(TOPICS)]}\n" for number in range(3000)
    )
    content = ("Response ID,Comments\n" + rows).encode()
    with TestClient(create_app(settings), headers=bearer(make_key(settings, "admin"))) as admin:
        wait_until_ready(admin)
        with ThreadPoolExecutor(1) as pool:
            started = time.monotonic()
            running = pool.submit(admin.post, "/v1/feedback/import", files={"file": ("big.csv", content)})
            slowest = 0.0
            while not running.done():
                asked = time.monotonic()
                assert admin.get("/healthz").status_code == 200
                slowest = max(slowest, time.monotonic() - asked)
                time.sleep(0.2)
            answer = running.result()
            assert answer.status_code == 202 and answer.json()["imported"] == 3000
            # the rows are stored; the themes model reads them in the background meanwhile
            location = answer.headers["location"]
            while admin.get(location).json()["status"] in ("queued", "running"):
                asked = time.monotonic()
                assert admin.get("/healthz").status_code == 200
                slowest = max(slowest, time.monotonic() - asked)
                time.sleep(0.2)
            assert admin.get(location).json() | {"created_at": None, "finished_at": None} == {
                "id": answer.json()["job"]["id"],
                "kind": "embed-feedback",
                "status": "done",
                "total": 3000,
                "done": 3000,
                "percent": 100,
                "error": None,
                "created_at": None,
                "finished_at": None,
            }
        assert time.monotonic() - started > 2, "the import should take long enough to measure"
        assert slowest < 1.0, f"/healthz took {slowest:.1f} s during the import"


TOPICS = ("cancelled meetings", "AI drafts", "LinkedIn posts", "board papers", "Teams channels", "phishing")


def test_sessions_import_records_meetings_once_and_reports_bad_rows(client: TestClient) -> None:
    meetings = (
        b"Pair,Date,Topic,Minutes,Notes\n"
        b"pair-71,2026-10-02,Copilot in Outlook,45,went well\n"
        b"pair-71,2026-11-06 09:30,LinkedIn,30,\n"
        b"pair-72,2026-11-03,Teams,ninety,\n"
        b"pair-72,not a date,Teams,30,\n"
        b",2026-11-04,Teams,30,\n"
    )
    first = client.post("/v1/sessions/import", files={"file": ("meetings.csv", meetings, "text/csv")})
    assert first.status_code == 200, first.text
    report = first.json()
    assert (report["imported"], report["duplicates"]) == (2, 0)
    assert [row["line"] for row in report["rejected"]] == [4, 5, 6]
    assert "minutes" in report["rejected"][0]["error"] and "held_on" in report["rejected"][1]["error"]
    again = client.post("/v1/sessions/import", files={"file": ("meetings.csv", meetings, "text/csv")})
    assert (again.json()["imported"], again.json()["duplicates"]) == (0, 2)
    jsonl = b'{"pair": "pair-73", "date": "2026-11-05", "topic": "Reels", "minutes": 40}\n[1]\n'
    lines = client.post("/v1/sessions/import", files={"file": ("m.jsonl", jsonl)}).json()
    assert lines["imported"] == 1 and lines["rejected"][0]["line"] == 2
    wrong = client.post("/v1/sessions/import", files={"file": ("m.csv", b"who,when\nx,2026-11-01\n")})
    assert wrong.status_code == 400 and "topic" in wrong.json()["error"]["message"]
    assert client.get("/v1/feedback/summary").json()["kpis"]["session_data"] is True
