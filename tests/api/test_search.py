from fastapi.testclient import TestClient

from companion.app import create_app
from companion.config import Settings
from tests.conftest import KNOWLEDGE_DIR, REPO_ROOT, bearer, make_key


def _client() -> TestClient:
    settings = Settings(data_dir=REPO_ROOT / ".cache" / "test-index", knowledge_dir=KNOWLEDGE_DIR)
    return TestClient(create_app(settings), headers=bearer(make_key(settings, "mentor")))


def test_search_returns_scored_hits_with_sources(kb_services) -> None:
    with _client() as client:
        response = client.get("/v1/search", params={"q": "how to end a mentoring relationship well", "k": 3})
        assert response.status_code == 200, response.text
        results = response.json()["results"]
        assert len(results) == 3
        for result in results:
            assert set(result) == {"id", "title", "source", "heading", "text", "score"}
            assert result["source"].startswith("knowledge/")
            assert (REPO_ROOT / result["source"]).is_file()


def test_search_validates_its_parameters(kb_services) -> None:
    with _client() as client:
        for params in ({"q": ""}, {"q": "x", "k": 0}, {"q": "x", "k": 500}, {"q": "x", "kind": "poem"}, {}):
            response = client.get("/v1/search", params=params)
            assert response.status_code == 422, params
            assert response.json()["error"]["code"] == "invalid_request"
