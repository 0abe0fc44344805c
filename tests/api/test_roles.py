"""Every /v1 route, called with every role and with no key: the status says who may do what."""

from __future__ import annotations

import json
import logging
import shutil
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from companion.app import create_app
from companion.config import Settings
from companion.server.limits import RateLimiter
from tests.conftest import KNOWLEDGE_DIR, bearer

CSV = b"Response ID,Comments\nr{n},Sessions keep moving\n"
THEMES_CSV = (
    "Response ID,Comments\n"
    + "".join(f"t{i},Our sessions keep getting cancelled at the last minute ({i})\n" for i in range(6))
    + "".join(f"a{i},I learnt to use the AI assistant for drafting, really useful ({i})\n" for i in range(6))
    + "".join(f"m{i},My mentor and I were badly matched and have nothing in common ({i})\n" for i in range(6))
).encode()
MEETINGS = b"pair,date,topic,minutes\npair-{n},2026-11-02,AI tools,45\n"
ROSTER = b"name,email,role\nNew Person,new-{n}@example.org,mentee\n"
ANYONE, ADMIN = "anyone", "admin"
# Inside a pair: its mentor and mentee may act, an admin may not (403), anyone else gets 404.
MEMBERS = {"mentor": None, "mentee": None, "admin": 403}
# A saved agenda not shared yet: only its planner (the mentor here) sees it; to others it does not exist.
PLANNER = {"mentor": None, "mentee": 404, "admin": 404}
PLAN = {"topic": "AI tools", "minutes": 30, "starts_at": "2026-12-09T10:00"}
# (method, path) -> (who may call it, request arguments, success status)
ROUTES: dict[tuple[str, str], tuple[str | dict[str, int | None], dict[str, Any], int]] = {
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
    ("POST", "/v1/feedback/import"): (ADMIN, {"files": {"file": ("s.csv", CSV)}}, 202),
    ("POST", "/v1/sessions/import"): (ADMIN, {"files": {"file": ("m.csv", MEETINGS)}}, 200),
    ("GET", "/v1/jobs/{job_id}"): (ADMIN, {}, 200),
    ("GET", "/v1/feedback/summary"): (ADMIN, {}, 200),
    ("GET", "/v1/feedback/export.csv"): (ADMIN, {}, 200),
    ("GET", "/v1/feedback/{feedback_id}"): (ADMIN, {}, 200),
    ("GET", "/v1/feedback/themes/{number}/entries"): (ADMIN, {}, 200),
    ("POST", "/v1/feedback/themes/{number}/rename"): (ADMIN, {"json": {"name": "Theme {n}"}}, 201),
    ("POST", "/v1/feedback/themes/merge"): (ADMIN, {"json": {"themes": [1, 2]}}, 201),
    ("GET", "/v1/feedback/themes/choices"): (ADMIN, {}, 200),
    ("POST", "/v1/feedback/themes/choices/{choice_id}/undo"): (
        ADMIN,
        {},
        200,
    ),  # others: 404 for entries not theirs
    ("POST", "/v1/keys"): (ADMIN, {"json": {"role": "mentee"}}, 201),
    ("GET", "/v1/keys"): (ADMIN, {}, 200),
    ("DELETE", "/v1/keys/{name}"): (ADMIN, {}, 204),
    ("POST", "/v1/people"): (
        ADMIN,
        {"json": {"name": "N", "email": "n-{n}@example.org", "role": "mentor"}},
        201,
    ),
    ("GET", "/v1/people"): (ADMIN, {}, 200),
    ("POST", "/v1/people/import"): (ADMIN, {"files": {"file": ("roster.csv", ROSTER)}}, 201),
    ("POST", "/v1/pairs"): (ADMIN, {"json": {"mentor_id": 1, "mentee_id": 2, "name": "pair-{n}"}}, 201),
    ("GET", "/v1/pairs"): (ANYONE, {}, 200),
    ("GET", "/v1/pairs/stalled"): (ADMIN, {}, 200),
    ("GET", "/v1/pairs/{pair_id}"): (ANYONE, {}, 200),
    ("POST", "/v1/pairs/{pair_id}/goals"): (MEMBERS, {"json": {"text": "Post monthly"}}, 201),
    ("PATCH", "/v1/pairs/{pair_id}/goals/{goal_id}"): (MEMBERS, {"json": {"status": "achieved"}}, 200),
    ("POST", "/v1/pairs/{pair_id}/sessions"): (
        MEMBERS,
        {"json": {"held_on": "2026-11-01", "topic": "Topic {n}", "actions": [{"text": "Try it"}]}},
        201,
    ),
    ("PATCH", "/v1/pairs/{pair_id}/actions/{action_id}"): (MEMBERS, {"json": {"done": True}}, 200),
    ("POST", "/v1/pairs/{pair_id}/agendas"): (MEMBERS, {"json": PLAN}, 201),
    ("GET", "/v1/pairs/{pair_id}/reflections"): (MEMBERS, {}, 200),
    ("POST", "/v1/pairs/{pair_id}/reflections"): (MEMBERS, {"json": {"text": "It went well."}}, 201),
    ("GET", "/v1/agendas/{agenda_id}"): (PLANNER, {}, 200),
    ("PUT", "/v1/agendas/{agenda_id}"): (PLANNER, {"json": PLAN}, 200),
    ("POST", "/v1/agendas/{agenda_id}/share"): (PLANNER, {"json": {"shared": True}}, 200),
    ("GET", "/v1/agendas/{agenda_id}/calendar.ics"): (PLANNER, {}, 200),
}


@pytest.fixture(scope="module")
def app_and_keys(tmp_path_factory: pytest.TempPathFactory, kb_services) -> Iterator[tuple[TestClient, dict]]:
    """The app, with a key per role; the mentor's and mentee's keys belong to the two people of
    pair 1 (people 1 and 2), the admin's to person 3."""
    from companion.auth import KeyStore
    from companion.db import Database
    from companion.pairs import PeopleStore, PersonIn
    from companion.pairs.schemas import PairIn
    from companion.pairs.store import PairStore

    data_dir = tmp_path_factory.mktemp("roles") / "data"
    shutil.copytree(kb_services.settings.data_dir, data_dir)
    (data_dir / "companion.db").unlink(missing_ok=True)
    settings = Settings(data_dir=data_dir, knowledge_dir=KNOWLEDGE_DIR, max_body_bytes=100_000)
    database = Database(settings.effective_database_url)
    database.migrate()
    people = PeopleStore(database).add_many(
        [
            PersonIn(name=role.title(), email=f"{role}@example.org", role=role)
            for role in ("mentor", "mentee", "admin")
        ]
    )
    PairStore(database, 45).create(PairIn(mentor_id=people[0].id, mentee_id=people[1].id))
    keys = {
        person.role: KeyStore(database).create(person.role, person.role, person.id)[1] for person in people
    }
    database.close()
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


def _fill(client: TestClient, keys: dict[str, str], path: str, arguments: dict[str, Any]) -> tuple[str, dict]:
    """The path with real ids made for this call (by the admin, or the pair's mentor), and the
    arguments with a fresh number where a value must be unique."""
    admin, mentor = bearer(keys["admin"]), bearer(keys["mentor"])
    number = uuid.uuid4().hex[:8]
    if "{feedback_id}" in path:
        entry = client.post("/v1/feedback", json={"text": "Admin's own note."}, headers=admin).json()["id"]
        path = path.replace("{feedback_id}", entry)
    if "{name}" in path:
        name = client.post("/v1/keys", json={"role": "mentor"}, headers=admin).json()["name"]
        path = path.replace("{name}", name)
    if "{job_id}" in path:
        csv = {"file": ("s.csv", CSV.replace(b"{n}", number.encode()))}
        job = client.post("/v1/feedback/import", files=csv, headers=admin).json()["job"]["id"]
        path = path.replace("{job_id}", str(job))
    if "/themes/" in path:  # three clear subjects, imported once (the response ids make it idempotent)
        client.post("/v1/feedback/import", files={"file": ("themes.csv", THEMES_CSV)}, headers=admin)
        path = path.replace("{number}", "1")
    if "{choice_id}" in path:
        made = client.post("/v1/feedback/themes/1/rename", json={"name": f"Named {number}"}, headers=admin)
        path = path.replace("{choice_id}", str(made.json()["id"]))
    path = path.replace("{pair_id}", "1")
    if "{goal_id}" in path:
        goal = client.post("/v1/pairs/1/goals", json={"text": "A goal"}, headers=mentor).json()["id"]
        path = path.replace("{goal_id}", str(goal))
    if "{action_id}" in path:
        meeting = {"held_on": "2026-11-02", "topic": f"T{number}", "actions": [{"text": "Do it"}]}
        client.post("/v1/pairs/1/sessions", json=meeting, headers=mentor).raise_for_status()
        actions = client.get("/v1/pairs/1", headers=mentor).json()["actions"]
        path = path.replace("{action_id}", str(actions[-1]["id"]))
    if "{agenda_id}" in path:
        agenda = client.post("/v1/pairs/1/agendas", json=PLAN, headers=mentor).json()["id"]
        path = path.replace("{agenda_id}", str(agenda))
    filled = (
        json.loads(json.dumps(arguments).replace("{n}", number)) if "json" in arguments else dict(arguments)
    )
    if "files" in arguments:
        name, content = arguments["files"]["file"]
        filled["files"] = {"file": (name, content.replace(b"{n}", number.encode()))}
    return path, filled


@pytest.mark.parametrize("role", [None, "mentor", "mentee", "admin"])
@pytest.mark.parametrize("route", list(ROUTES), ids=lambda route: f"{route[0]} {route[1]}")
def test_role_matrix(app_and_keys, role: str | None, route: tuple[str, str]) -> None:
    client, keys = app_and_keys
    method, path = route
    allowed, arguments, success = ROUTES[route]
    path, arguments = _fill(client, keys, path, arguments)
    headers = bearer(keys[role]) if role else {}
    response = client.request(method, path, headers=headers, **arguments)
    if role is None:
        expected = 401
    elif isinstance(allowed, dict):
        expected = allowed[role] or success
    elif allowed == ANYONE or role == "admin":
        expected = success
    elif (
        "/v1/feedback/" in path
        and method == "GET"
        and not path.endswith(("summary", "export.csv"))
        and "/themes/" not in path
    ):
        expected = 404  # another person's entry: not revealed
    else:
        expected = 403
    assert response.status_code == expected, response.text
    if expected >= 400:
        assert response.json()["error"]["code"]


def test_a_key_of_nobody_in_the_pair_finds_nothing(app_and_keys) -> None:
    client, keys = app_and_keys
    admin = bearer(keys["admin"])
    stranger = client.post("/v1/keys", json={"role": "mentor"}, headers=admin).json()["key"]
    assert client.get("/v1/pairs", headers=bearer(stranger)).json() == []
    for path in ("/v1/pairs/1", "/v1/pairs/1/reflections"):
        assert client.get(path, headers=bearer(stranger)).status_code == 404
    response = client.post("/v1/pairs/1/goals", json={"text": "x"}, headers=bearer(stranger))
    assert response.status_code == 404


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
