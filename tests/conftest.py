"""Shared fixtures: real components on temporary directories."""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from companion.config import SOURCE_ROOT, Settings, get_settings

REPO_ROOT = SOURCE_ROOT
KNOWLEDGE_DIR = REPO_ROOT / "knowledge"
# Where `make` built the feedback-themes model; read now, because `_isolated_environment`
# removes every COMPANION_ variable before each test and puts only this one back.
MODELS_DIR = os.environ.get("COMPANION_MODELS_DIR")


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No test reads the developer's .env or COMPANION_ variables, or writes outside tmp_path."""
    for name in list(os.environ):
        if name.startswith("COMPANION_"):
            monkeypatch.delenv(name)
    if MODELS_DIR:
        monkeypatch.setenv("COMPANION_MODELS_DIR", MODELS_DIR)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def settings(tmp_path: Path, kb_services) -> Settings:
    """Settings on a private data directory that starts with a copy of the session's index."""
    data_dir = tmp_path / "data"
    shutil.copytree(kb_services.settings.data_dir, data_dir)
    return Settings(data_dir=data_dir, knowledge_dir=KNOWLEDGE_DIR)


@pytest.fixture(scope="session")
def kb_services():
    """The real knowledge base, indexed once per test session with the default embedder.

    The index lives in .cache/test-index and is synced incrementally, so a rerun with an
    unchanged knowledge base embeds nothing. Tests must only read from it.
    """
    from companion.services import build_services

    settings = Settings(data_dir=REPO_ROOT / ".cache" / "test-index", knowledge_dir=KNOWLEDGE_DIR)
    services = build_services(settings)
    yield services
    services.close()


def make_key(settings: Settings, role: str, name: str | None = None) -> str:
    """A real API key with this role, stored in the settings' database (migrated if new)."""
    from companion.auth import KeyStore
    from companion.db import Database

    database = Database(settings.effective_database_url)
    try:
        database.migrate()
        _, secret = KeyStore(database).create(role, name)
    finally:
        database.close()
    return secret


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def wait_until_ready(client: Any, seconds: float = 120.0) -> Any:
    """Poll /readyz (the index is built in the background after start-up) until it says ready;
    the last response either way."""
    deadline = time.monotonic() + seconds
    while True:
        ready = client.get("/readyz")
        if ready.status_code == 200 or time.monotonic() > deadline:
            return ready
        time.sleep(0.2)


# The store's tests run on SQLite and on PostgreSQL. The server's URL is read here, at import,
# because `_isolated_environment` removes every COMPANION_ variable before each test.
POSTGRES_SERVER_URL = os.environ.get("COMPANION_TEST_POSTGRES_URL")
NO_POSTGRES = (
    "COMPANION_TEST_POSTGRES_URL is not set: `make test` starts a PostgreSQL server "
    "(scripts/postgres.sh start) and sets it"
)


@pytest.fixture(scope="session")
def postgres_admin():
    """An AUTOCOMMIT engine on the test server, for CREATE DATABASE and DROP DATABASE."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    assert POSTGRES_SERVER_URL, NO_POSTGRES
    url = make_url(POSTGRES_SERVER_URL).set(drivername="postgresql+psycopg")
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param("postgresql", marks=pytest.mark.skipif(not POSTGRES_SERVER_URL, reason=NO_POSTGRES)),
    ]
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a SQLite file in tmp_path, or a fresh PostgreSQL database dropped after."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'companion.db'}"
        return
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    admin = request.getfixturevalue("postgres_admin")
    name = f"companion_test_{uuid.uuid4().hex[:16]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_SERVER_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:  # WITH (FORCE) ends connections a test left open
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def database(database_url: str):
    """A migrated `Database` on `database_url` (both backends), closed after the test."""
    from companion.db import Database

    db = Database(database_url)
    db.migrate()
    yield db
    db.close()
