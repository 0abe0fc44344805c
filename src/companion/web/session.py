"""Signed session cookies for the web UI.

The cookie holds a small JSON value (the API key's id and prefix, a CSRF token, when it was
issued) and an HMAC-SHA256 signature over it. It never holds the API key itself. The signing
secret is `COMPANION_SESSION_SECRET`, or a random one kept in `<data_dir>/session.key` so that
every worker on the same data directory shares it.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from companion.config import Settings

COOKIE_NAME = "companion_session"
MAX_AGE_SECONDS = 12 * 60 * 60  # a session lasts a working day; then sign in again
SECRET_FILE = "session.key"
_CONTEXT = b"companion-web-session-v1:"


@dataclass(frozen=True)
class SessionData:
    """What a session cookie says. `key_id` is None before signing in (the sign-in form's CSRF)."""

    csrf: str
    issued: int
    key_id: int | None = None
    key_prefix: str | None = None

    @property
    def signed_in(self) -> bool:
        return self.key_id is not None


def new_session(key_id: int | None = None, key_prefix: str | None = None) -> SessionData:
    """A fresh session with a new CSRF token (a new one at each sign-in: no session fixation)."""
    return SessionData(
        csrf=secrets.token_urlsafe(24), issued=int(time.time()), key_id=key_id, key_prefix=key_prefix
    )


class SessionSigner:
    def __init__(self, secret: bytes, max_age: int = MAX_AGE_SECONDS) -> None:
        self.secret = secret
        self.max_age = max_age

    def _signature(self, payload: bytes) -> bytes:
        return hmac.new(self.secret, _CONTEXT + payload, hashlib.sha256).digest()

    def dumps(self, session: SessionData) -> str:
        payload = json.dumps(asdict(session), separators=(",", ":"), sort_keys=True).encode()
        return f"{_encode(payload)}.{_encode(self._signature(payload))}"

    def loads(self, value: str | None) -> SessionData | None:
        """The session in a cookie value, or None when it is missing, forged, malformed or expired."""
        if not value or value.count(".") != 1 or len(value) > 2000:
            return None
        encoded_payload, encoded_signature = value.split(".")
        try:
            payload = _decode(encoded_payload)
            signature = _decode(encoded_signature)
        except (binascii.Error, ValueError):
            return None
        if not hmac.compare_digest(signature, self._signature(payload)):
            return None
        try:
            session = SessionData(**json.loads(payload))
        except (ValueError, TypeError):
            return None
        if not isinstance(session.issued, int) or not isinstance(session.csrf, str):
            return None
        age = time.time() - session.issued
        return session if -60 <= age <= self.max_age else None


def load_secret(settings: Settings) -> bytes:
    """The configured secret, else the one in `<data_dir>/session.key`, created on first use.

    The file is written under a temporary name and linked into place, so that workers starting
    together agree on one secret: whoever links first wins and the others read its file."""
    if settings.session_secret is not None:
        return settings.session_secret.get_secret_value().encode()
    path = settings.data_dir / SECRET_FILE
    existing = _read_secret(path)
    if existing:
        return existing
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{SECRET_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(secrets.token_urlsafe(48) + "\n")
        with contextlib.suppress(FileExistsError):  # another worker was first: use its secret
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    secret = _read_secret(path)
    if not secret:
        raise RuntimeError(f"{path} is empty: delete it, or set COMPANION_SESSION_SECRET")
    return secret


def _read_secret(path: Path) -> bytes | None:
    try:
        return path.read_bytes().strip() or None
    except FileNotFoundError:
        return None


def _encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
