"""Fuzzing the request edge: a few thousand arbitrary JSON bodies, query strings and headers
against every route. Whatever arrives, the answer is a documented error or a success, never 500."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.app import create_app
from companion.config import Settings
from tests.conftest import KNOWLEDGE_DIR, bearer, make_key

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=12,
)
FIELDS = [
    "topic",
    "minutes",
    "count",
    "situation",
    "text",
    "rating",
    "notes",
    "goals",
    "pair_id",
    "held_on",
    "role",
]
BODIES = JSON | st.dictionaries(st.sampled_from(FIELDS), JSON, max_size=6)
POSTS = [
    "/v1/agendas",
    "/v1/starters",
    "/v1/coaching",
    "/v1/reflections",
    "/v1/feedback",
    "/v1/sessions",
    "/v1/keys",
]
ALLOWED = {200, 201, 400, 401, 403, 404, 405, 409, 413, 422, 429}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, kb_services) -> Iterator[TestClient]:
    data_dir = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(kb_services.settings.data_dir, data_dir)
    (data_dir / "companion.db").unlink(missing_ok=True)
    settings = Settings(data_dir=data_dir, knowledge_dir=KNOWLEDGE_DIR, rate_limit_per_minute=1_000_000)
    key = make_key(settings, "admin", name="fuzzer")
    with TestClient(create_app(settings), headers=bearer(key), raise_server_exceptions=False) as test_client:
        yield test_client


@settings(max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))
@given(path=st.sampled_from(POSTS), body=BODIES)
def test_arbitrary_json_bodies_never_give_500(client: TestClient, path: str, body: object) -> None:
    response = client.post(path, json=body)
    assert response.status_code in ALLOWED, (path, body, response.text)
    if response.status_code >= 400:
        assert response.json()["error"]["code"]


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    query=st.dictionaries(
        st.sampled_from(["q", "k", "kind", "audience", "topic", "x"]), st.text(max_size=30)
    ),
    header=st.text(max_size=60),
)
def test_arbitrary_queries_and_authorization_headers_never_give_500(
    client: TestClient, query: dict[str, str], header: str
) -> None:
    response = client.get("/v1/search", params=query)
    assert response.status_code in ALLOWED, (query, response.text)
    try:
        response = client.get("/v1/keys", headers={"Authorization": header})
    except Exception:  # headers that HTTP itself cannot carry never reach the server
        return
    assert response.status_code in {200, 401}, (header, response.text)
