"""The environment is the lock: every pinned package is installed at its pinned version (pip and
setuptools included, so that the venv never keeps the old ones `python -m venv` brings)."""

from __future__ import annotations

from importlib import metadata

import pytest
from packaging.utils import canonicalize_name

from tests.conftest import REPO_ROOT

PINS = [
    line.split("==")
    for line in (REPO_ROOT / "requirements.lock").read_text().splitlines()
    if "==" in line and not line.startswith("#")
]


@pytest.mark.parametrize(("name", "version"), PINS, ids=[name for name, _ in PINS])
def test_every_pinned_package_is_installed_at_its_version(name: str, version: str) -> None:
    assert metadata.version(canonicalize_name(name)) == version


def test_pip_and_setuptools_are_pinned() -> None:
    pinned = {canonicalize_name(name) for name, _ in PINS}
    assert {"pip", "setuptools"} <= pinned
