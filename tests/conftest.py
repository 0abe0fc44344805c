"""Shared fixtures: real components on temporary directories."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.config import SOURCE_ROOT, Settings

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
    yield


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", knowledge_dir=KNOWLEDGE_DIR)
