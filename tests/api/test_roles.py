"""Every /v1 route, called with every role and with no key: the status says who may do what."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from companion.app import create_app
from companion.config import Settings
from companion.server.limits import RateLimiter
from tests.conftest import KNOWLEDGE_DIR, bearer, make_key

CSV = b"Response ID,Comments\nr1,Sessions keep moving\n"
ANYONE, ADMIN = "anyone", "admin"
# (method, path) -> (who may call it, request arguments, success status)
ROUTES: dict[tuple[str, str], tuple[str, dict[str, Any], int]] = {
    ("POST", "/v1/agendas"): (ANYONE, {"json": {"topic": "AI tools", "minutes": 30}}, 200),
    ("POST", "/v1/starters"): (ANYONE, {"json": {"topic": "hybrid work", "count": 2}}, 200),
    ("POST", "/v1/coaching"): (ANYONE, {"json": {"situation": "We keep cancelling."}}, 200),
    ("POST", "/v1/reflections"): (ANYONE, {"json": {"topic": "short videos", "count": 2}}, 200),
    ("GET", "/v1/search"): (ANYONE, {"params": {"q": "ground rules"}}, 200),
    ("POST", "/v1/feedback"): (ANYONE, {"json": {"text": "Useful so far."}}, 201),
    ("POST", "/v1/sessions"): (  # nobody may record meetings of a pair they are not in
        ADMIN,
        {"json": {"pair_id": "p1", "held_on": "2026-10-01", "topic": "AI"}},
        201,
    ),
    ("POST", "/v1/feedback/import"): (ADMIN, {"files": {"file": ("s.csv", CSV)}}, 200),
    ("GET", "/v1/feedback/summary"): (ADMIN, {}, 200),
    ("GET", "/v1/feedback/export.csv"): (ADMIN, {}, 200),
    ("GET", "/v1/feedback/{feedback_id}"): (ADMIN, {}, 200),  # others: 404 for entries not theirs
    ("POST", "/v1/keys"): (ADMIN, {"json": {"role": "mentee"}}, 201),
    ("GET", "/v1/keys"): (ADMIN, {}, 200),
    ("DELETE", "/v1/keys/{name}"): (ADMIN, {}, 204),
}


@pytest.fixture(scope="module")
def app_and_keys(tmp_path_factory: pytest.TempPathFactory, kb_services) -> Iterator[tuple[TestClient, dict]]:
    data_dir = tmp_path_factory.mktemp("roles") / "data"
    shutil.copytree(kb_services.settings.data_dir, data_dir)
    (data_dir / "companion.db").unlink(missing_ok=True)
    settings = Settings(data_dir=data_dir, knowledge_dir=KNOWLEDGE_DIR, max_body_bytes=100_000)
    keys = {role: make_key(settings, role, name=role) for role in ("mentor", "mentee", "admin")}
    with TestClient(create_app(settings)) as client:
        yield client, keys


def test_the_table_covers_every_v1_route(app_and_keys) -> None:
    client, _ = app_and_keys
    paths = client.app.openapi()["paths"]  # type: ignore[attr-defined]
    declared = {
        (method.upper(), path)
        for path, operations in paths.items()
        if path.startswith("/v1")
        for method in operations
    }
    assert declared == set(ROUTES)


@pytest.mark.parametrize("role", [None, "mentor", "mentee", "admin"])
@pytest.mark.parametrize("route", list(ROUTES), ids=lambda route: f"{route[0]} {route[1]}")
def test_role_matrix(app_and_keys, role: str | None, route: tuple[str, str]) -> None:
    client, keys = app_and_keys
    method, path = route
    allowed, arguments, success = ROUTES[route]
    admin = bearer(keys["admin"])
    if "{feedback_id}" in path:
        entry = client.post("/v1/feedback", json={"text": "Admin's own note."}, headers=admin).json()["id"]
        path = path.replace("{feedback_id}", entry)
    if "{name}" in path:
        name = client.post("/v1/keys", json={"role": "mentor"}, headers=admin).json()["name"]
        path = path.replace("{name}", name)
    headers = bearer(keys[role]) if role else {}
    response = client.request(method, path, headers=headers, **arguments)
    if role is None:
        expected = 401
    elif allowed == ANYONE or role == "admin":
        expected = success
    elif "/v1/feedback/" in path and method == "GET" and not path.endswith(("summary", "export.csv")):
        expected = 404  # another person's entry: not revealed
    else:
        expected = 403
    assert response.status_code == expected, response.text
    if expected >= 400:
        assert response.json()["error"]["code"]


def test_unknown_malformed_and_revoked_keys_get_401(app_and_keys) -> None:
    client, keys = app_and_keys
    admin = bearer(keys["admin"])
    for headers in (
        {"Authorization": "Bearer nope"},
        {"Authorization": "Basic abc"},
        {"Authorization": "Bearer "},
    ):
        assert client.get("/v1/search", params={"q": "x"}, headers=headers).status_code == 401
    created = client.post("/v1/keys", json={"role": "mentor", "name": "leaver"}, headers=admin).json()
    assert client.get("/v1/search", params={"q": "x"}, headers=bearer(created["key"])).status_code == 200
    assert client.delete("/v1/keys/leaver", headers=admin).status_code == 204
    revoked = client.get("/v1/search", params={"q": "x"}, headers=bearer(created["key"]))
    assert revoked.status_code == 401 and revoked.headers["www-authenticate"].startswith("Bearer")
    listed = client.get("/v1/keys", headers=admin).json()
    assert all("key" not in item and created["key"] not in str(item) for item in listed)


def test_rate_limit_answers_429_with_retry_after(app_and_keys) -> None:
    client, keys = app_and_keys
    app = client.app  # type: ignore[attr-defined]
    original = app.state.rate_limiter
    app.state.rate_limiter = RateLimiter(per_minute=3)
    try:
        headers = bearer(keys["mentee"])
        statuses = [
            client.get("/v1/search", params={"q": "x"}, headers=headers).status_code for _ in range(4)
        ]
        assert statuses == [200, 200, 200, 429]
        limited = client.get("/v1/search", params={"q": "x"}, headers=headers)
        assert 1 <= int(limited.headers["retry-after"]) <= 60
        assert client.get("/v1/search", params={"q": "x"}, headers=bearer(keys["mentor"])).status_code == 200
    finally:
        app.state.rate_limiter = original


def test_bodies_over_the_limit_get_413(app_and_keys) -> None:
    client, keys = app_and_keys
    big = {"situation": "x" * 3000, "padding": "y" * 120_000}
    response = client.post("/v1/coaching", json=big, headers=bearer(keys["mentor"]))
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"


def test_docs_are_served_from_local_files(app_and_keys) -> None:
    client, _ = app_and_keys
    page = client.get("/docs")
    assert page.status_code == 200 and "cdn" not in page.text.lower()
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200
    schema = client.get("/openapi.json").json()
    assert "HTTPBearer" in schema["components"]["securitySchemes"]


def test_request_logs_name_the_key_but_never_show_it_or_the_text(app_and_keys, caplog) -> None:
    client, keys = app_and_keys
    secret_text = "my mentee's home address is 12 Secret Lane"
    with caplog.at_level(logging.INFO, logger="companion.requests"):
        client.post("/v1/feedback", json={"text": secret_text}, headers=bearer(keys["mentor"]))
        client.get("/v1/search", params={"q": "private query words"}, headers=bearer(keys["mentor"]))
        client.get("/v1/search", params={"q": "x"}, headers=bearer("cmp_aaaaaaaa_" + "b" * 43))
    records = [
        json.loads(record.getMessage()) for record in caplog.records if record.name == "companion.requests"
    ]
    assert [(r["route"], r["status"], r["key"]) for r in records] == [
        ("/v1/feedback", 201, "mentor"),
        ("/v1/search", 200, "mentor"),
        ("/v1/search", 401, None),
    ]
    logged = caplog.text
    for secret in (keys["mentor"], "cmp_aaaaaaaa", secret_text, "private query words"):
        assert secret not in logged
