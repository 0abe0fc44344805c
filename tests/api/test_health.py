from fastapi.testclient import TestClient

from companion.api import create_app
from companion.config import Settings
from tests.conftest import bearer, make_key


def test_healthz_and_readyz(settings: Settings) -> None:
    with TestClient(create_app(settings), headers=bearer(make_key(settings, "mentor"))) as client:
        assert client.get("/healthz").json()["status"] == "ok"
        ready = client.get("/readyz")
        assert ready.status_code == 200, ready.text
        assert ready.json()["status"] == "ready"


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
