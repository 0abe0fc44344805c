"""Renaming and merging feedback themes through the API, kept through a re-import and undone;
the drill-down as JSON. Real app, SQLite, real index and themes model."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from companion.app import create_app
from companion.config import Settings
from tests.conftest import KNOWLEDGE_DIR, REPO_ROOT, bearer, make_key

DATASET = REPO_ROOT / "evals" / "feedback" / "entries.jsonl"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, kb_services) -> Iterator[TestClient]:
    data_dir = tmp_path_factory.mktemp("theme-choices") / "data"
    shutil.copytree(kb_services.settings.data_dir, data_dir)
    (data_dir / "companion.db").unlink(missing_ok=True)
    settings = Settings(data_dir=data_dir, knowledge_dir=KNOWLEDGE_DIR)
    with TestClient(create_app(settings), headers=bearer(make_key(settings, "admin"))) as test_client:
        test_client.mentor_headers = bearer(make_key(settings, "mentor"))  # type: ignore[attr-defined]
        yield test_client


def import_lines(client: TestClient, lines: list[str]) -> None:
    content = ("\n".join(lines) + "\n").encode()
    response = client.post(
        "/v1/feedback/import", files={"file": ("part.jsonl", content, "application/x-ndjson")}
    )
    assert response.status_code in (200, 202), response.text


def themes(client: TestClient) -> list[dict]:
    return client.get("/v1/feedback/summary").json()["themes"]


def test_renames_and_merges_survive_a_reimport_and_can_be_undone(client: TestClient) -> None:
    lines = DATASET.read_text(encoding="utf-8").splitlines()
    import_lines(client, lines[:110])
    before = themes(client)
    named = [theme for theme in before if theme["label"] != "Other"]
    assert len(named) >= 3

    assert client.post("/v1/feedback/themes/1/rename", json={"name": "x"}).status_code == 422
    assert client.post("/v1/feedback/themes/99/rename", json={"name": "Anything"}).status_code == 404
    stale = client.post("/v1/feedback/themes/1/rename", json={"name": "Fine", "current_label": "Not it"})
    assert stale.status_code == 409 and "changed" in stale.json()["error"]["message"]
    taken = client.post("/v1/feedback/themes/1/rename", json={"name": named[1]["label"].upper()})
    assert taken.status_code == 409
    forbidden = client.post(
        "/v1/feedback/themes/1/rename", json={"name": "Mine"}, headers=client.mentor_headers
    )
    assert forbidden.status_code == 403
    assert themes(client) == before  # nothing refused was stored

    renamed = client.post(
        "/v1/feedback/themes/1/rename", json={"name": "Our biggest theme", "current_label": named[0]["label"]}
    )
    assert renamed.status_code == 201, renamed.text
    assert renamed.json()["applied"] and renamed.json()["label_then"] == named[0]["label"]
    merged = client.post("/v1/feedback/themes/merge", json={"themes": [2, 3], "name": "Two as one"})
    assert merged.status_code == 201 and merged.json()["applied"]
    assert client.post("/v1/feedback/themes/merge", json={"themes": [2, 2]}).status_code == 422

    after = themes(client)
    by_label = {theme["label"]: theme for theme in after}
    assert by_label["Our biggest theme"]["suggested_label"] == named[0]["label"]
    assert by_label["Two as one"]["count"] == named[1]["count"] + named[2]["count"]
    assert len(after) == len(before) - 1

    import_lines(client, lines[110:])  # more entries: the themes are computed again
    grown = {theme["label"]: theme for theme in themes(client)}
    assert "Our biggest theme" in grown and "Two as one" in grown
    assert set(named[0]["feedback_ids"]) <= set(grown["Our biggest theme"]["feedback_ids"]) or (
        len(set(named[0]["feedback_ids"]) & set(grown["Our biggest theme"]["feedback_ids"]))
        >= len(named[0]["feedback_ids"]) / 2
    )

    log = client.get("/v1/feedback/themes/choices").json()
    assert [entry["action"] for entry in log] == ["merge", "rename"]  # newest first
    assert all(entry["chosen_by"] and entry["undone_at"] is None for entry in log)
    undone = client.post(f"/v1/feedback/themes/choices/{renamed.json()['id']}/undo")
    assert undone.status_code == 200 and undone.json()["undone_at"]
    assert client.post(f"/v1/feedback/themes/choices/{renamed.json()['id']}/undo").status_code == 409
    assert "Our biggest theme" not in {theme["label"] for theme in themes(client)}
    assert len(client.get("/v1/feedback/themes/choices").json()) == 2  # the log keeps it


def test_a_themes_entries_as_json_filtered_and_redacted(client: TestClient) -> None:
    if not themes(client):
        import_lines(client, DATASET.read_text(encoding="utf-8").splitlines())
    whole = client.get("/v1/feedback/themes/1/entries")
    assert whole.status_code == 200, whole.text
    body = whole.json()
    assert body["total"] == len(body["entries"]) == themes(client)[0]["count"]
    month = body["months"][0]
    narrowed = client.get("/v1/feedback/themes/1/entries", params={"month": month}).json()
    assert narrowed["entries"] and all(entry["month"] == month for entry in narrowed["entries"])
    assert len(narrowed["entries"]) <= body["total"]
    assert client.get("/v1/feedback/themes/1/entries", params={"month": "May"}).status_code == 422
    assert client.get("/v1/feedback/themes/1/entries", params={"rating": 9}).status_code == 422
    assert client.get("/v1/feedback/themes/999/entries").status_code == 404
