"""Headers that every response carries, and the key route's no-store."""

from __future__ import annotations

from fastapi.testclient import TestClient

from companion.app import create_app
from companion.config import Settings
from tests.conftest import bearer, make_key


def test_every_response_says_nosniff_and_a_new_key_is_never_cached(settings: Settings) -> None:
    admin = bearer(make_key(settings, "admin"))
    with TestClient(create_app(settings), headers=admin) as client:
        for path in ("/healthz", "/docs", "/openapi.json", "/signin", "/no-such-page"):
            assert client.get(path).headers.get("x-content-type-options") == "nosniff", path
        created = client.post("/v1/keys", json={"role": "mentee"})
        assert created.status_code == 201
        assert created.headers["cache-control"] == "no-store"
        assert created.headers["x-content-type-options"] == "nosniff"
