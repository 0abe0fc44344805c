from fastapi.testclient import TestClient

from companion.app import create_app
from tests.conftest import bearer, make_key


def test_guidance_routes_answer_with_citations(settings) -> None:
    with TestClient(create_app(settings), headers=bearer(make_key(settings, "mentor"))) as client:
        agenda = client.post("/v1/agendas", json={"topic": "Short-form video for leaders", "minutes": 50})
        assert agenda.status_code == 200, agenda.text
        body = agenda.json()
        assert sum(segment["minutes"] for segment in body["segments"]) + body["spare_minutes"] == 50
        assert body["provider"] == "offline" and body["degraded"] is False
        for path, payload, key in (
            ("/v1/starters", {"topic": "hybrid work", "count": 4}, "starters"),
            (
                "/v1/coaching",
                {"situation": "She never has time to meet, we've cancelled three times."},
                "strategies",
            ),
            ("/v1/reflections", {"topic": "data dashboards", "count": 3}, "prompts"),
        ):
            response = client.post(path, json=payload)
            assert response.status_code == 200, response.text
            assert response.json()[key] and response.json()["citations"]


def test_guidance_validation_names_the_field(settings) -> None:
    with TestClient(create_app(settings), headers=bearer(make_key(settings, "mentor"))) as client:
        response = client.post("/v1/agendas", json={"topic": "x" * 500, "minutes": 5})
        assert response.status_code == 422
        message = response.json()["error"]["message"]
        assert "topic" in message and "minutes" in message
        assert client.post("/v1/coaching", json={"situation": "help", "extra": 1}).status_code == 422
        assert (
            client.post(
                "/v1/starters", content=b"not json", headers={"content-type": "application/json"}
            ).status_code
            == 422
        )
