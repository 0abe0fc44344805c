"""Shared fixtures: real components on temporary directories."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.config import SOURCE_ROOT, Settings, get_settings

REPO_ROOT = SOURCE_ROOT
KNOWLEDGE_DIR = REPO_ROOT / "knowledge"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No test reads the developer's .env or COMPANION_ variables, or writes outside tmp_path."""
    import os

    for name in list(os.environ):
        if name.startswith("COMPANION_"):
            monkeypatch.delenv(name)
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
