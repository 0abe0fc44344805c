import time
from pathlib import Path

from fastapi.testclient import TestClient

from companion.app import create_app
from companion.config import Settings
from tests.conftest import KNOWLEDGE_DIR, bearer, make_key, wait_until_ready


def test_healthz_and_readyz(settings: Settings) -> None:
    with TestClient(create_app(settings), headers=bearer(make_key(settings, "mentor"))) as client:
        assert client.get("/healthz").json()["status"] == "ok"
        ready = wait_until_ready(client)
        assert ready.status_code == 200, ready.text
        assert ready.json()["status"] == "ready"


def test_alive_at_once_on_an_empty_data_dir_while_the_index_is_built(tmp_path: Path) -> None:
    """The index of a new data directory takes a while to build: /healthz answers at once,
    /readyz says how far indexing has got, then ready; a search waits for it and answers."""
    settings = Settings(data_dir=tmp_path / "empty-data", knowledge_dir=KNOWLEDGE_DIR)
    key = make_key(settings, "mentor")
    started = time.monotonic()
    with TestClient(create_app(settings), headers=bearer(key)) as client:
        assert client.get("/healthz").status_code == 200
        assert time.monotonic() - started < 5
        first = client.get("/readyz")
        assert first.status_code == 503, "the index of an empty data directory cannot be ready yet"
        assert "indexing" in first.json()["checks"]["chroma"]
        assert wait_until_ready(client, 300).status_code == 200
        assert client.get("/v1/search", params={"q": "cancelled sessions"}).status_code == 200


def test_readyz_says_503_and_names_what_is_missing(tmp_path) -> None:
    empty = tmp_path / "empty-knowledge"
    empty.mkdir()
    settings = Settings(data_dir=tmp_path / "data", knowledge_dir=empty)
    with TestClient(create_app(settings), headers=bearer(make_key(settings, "mentor"))) as client:
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert "knowledge" in ready.json()["error"]["message"]


def test_unknown_route_is_a_json_404(settings: Settings) -> None:
    with TestClient(create_app(settings), headers=bearer(make_key(settings, "mentor"))) as client:
        response = client.get("/no-such-thing")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
