"""One real app for the web tests: real services on a copy of the test index, a key per role."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from companion.app import create_app
from companion.config import Settings
from tests.conftest import KNOWLEDGE_DIR, make_key

ROLES = ("mentor", "mentee", "admin")
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass(frozen=True)
class WebApp:
    app: FastAPI
    settings: Settings
    keys: dict[str, str]


@pytest.fixture(scope="package")
def web_app(tmp_path_factory: pytest.TempPathFactory, kb_services) -> Iterator[WebApp]:
    data_dir = tmp_path_factory.mktemp("web") / "data"
    shutil.copytree(kb_services.settings.data_dir, data_dir)
    (data_dir / "companion.db").unlink(missing_ok=True)
    settings = Settings(data_dir=data_dir, knowledge_dir=KNOWLEDGE_DIR)
    keys = {role: make_key(settings, role, name=role) for role in ROLES}
    app = create_app(settings)
    with TestClient(app):  # runs the lifespan once: the services stay on app.state
        yield WebApp(app, settings, keys)


@pytest.fixture
def client(web_app: WebApp) -> TestClient:
    """A browser of its own (an empty cookie jar) on the shared, started app."""
    return TestClient(web_app.app, follow_redirects=False)


def csrf_of(html: str) -> str:
    match = CSRF.search(html)
    assert match, "the page has no CSRF field"
    return match.group(1)


def sign_in(client: TestClient, key: str) -> str:
    """Sign in through the form (as nobody else first); returns the session's CSRF token."""
    client.cookies.clear()
    form = client.get("/signin")
    response = client.post("/signin", data={"csrf": csrf_of(form.text), "key": key, "next": "/"})
    assert response.status_code == 303, response.text
    home = client.get("/")
    assert home.status_code == 200
    return csrf_of(home.text)


def wait_for_themes(client: TestClient, seconds: float = 120) -> str:
    """The themes dashboard, once the background job reading the imported answers is done (until
    then the page shows the job's progress instead)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = client.get("/admin/themes").text
        if 'id="job"' not in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"the answers were not read in {seconds} s")
