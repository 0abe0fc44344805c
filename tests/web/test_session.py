"""Session cookies: signed, expiring, and a secret shared through the data directory."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from companion.config import Settings
from companion.web.session import SECRET_FILE, SessionSigner, load_secret, new_session


def test_a_session_round_trips_and_any_change_breaks_it() -> None:
    signer = SessionSigner(b"s" * 32)
    session = new_session(7, "cmp_abcdefgh")
    value = signer.dumps(session)
    assert signer.loads(value) == session
    assert SessionSigner(b"t" * 32).loads(value) is None
    payload, signature = value.split(".")
    assert signer.loads(payload + "." + signature[:-2] + "AA") is None
    assert signer.loads(payload[:-2] + "." + signature) is None
    for junk in (None, "", "abc", "a.b.c", "!!!.???", "x" * 5000):
        assert signer.loads(junk) is None


def test_sessions_expire() -> None:
    signer = SessionSigner(b"s" * 32, max_age=60)
    old = replace(new_session(1, "cmp_x"), issued=int(time.time()) - 61)
    assert signer.loads(signer.dumps(old)) is None
    future = replace(new_session(1, "cmp_x"), issued=int(time.time()) + 3600)
    assert signer.loads(signer.dumps(future)) is None


def test_each_session_has_its_own_csrf_token() -> None:
    assert new_session().csrf != new_session().csrf
    assert len(new_session().csrf) >= 32


def test_the_secret_is_created_once_and_kept_private(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    first = load_secret(settings)
    assert len(first) >= 32
    path = tmp_path / "data" / SECRET_FILE
    assert path.stat().st_mode & 0o777 == 0o600
    assert load_secret(Settings(data_dir=tmp_path / "data")) == first  # another worker, same secret
    assert [p.name for p in path.parent.iterdir()] == [SECRET_FILE]  # no temporary file left


def test_a_configured_secret_wins(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, session_secret="k" * 40)
    assert load_secret(settings) == b"k" * 40
    assert not (tmp_path / SECRET_FILE).exists()
    assert settings.shown()["session_secret"] == "********"
