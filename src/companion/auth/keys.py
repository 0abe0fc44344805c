"""API keys: created with a role, shown once, stored as a SHA-256 hash, revocable.

A key looks like `cmp_<8 characters>_<43 characters>`. The first part (`cmp_xxxxxxxx`) is its
prefix, stored in clear so that listings can tell keys apart; the whole key is only ever hashed.
Keys carry 256 bits of randomness, so a plain SHA-256 (not a slow password hash) is the right
tool: nobody can guess one, and checking a key costs microseconds per request.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal, get_args

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from companion.db import Database
from companion.db.models import ApiKey, Person

Role = Literal["mentor", "mentee", "admin"]
ROLES: tuple[str, ...] = get_args(Role)
KEY_PATTERN = re.compile(r"^cmp_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$")
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._@-]{0,99}$")


class KeyRequestError(ValueError):
    """A key cannot be created or revoked as asked (bad role or name)."""


class KeyNameTaken(KeyRequestError):
    """A key of that name exists already."""


class KeyPersonNotFound(KeyRequestError):
    """The key is asked for a person who is not in the programme."""


class KeyPersonMismatch(KeyRequestError):
    """The key's role is not the person's role."""


class KeyNotFound(KeyRequestError):
    """No key has that name."""


@dataclass(frozen=True)
class KeyInfo:
    id: int
    name: str
    role: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None
    person_id: int | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def hash_key(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret() -> str:
    prefix = "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(8))
    return f"cmp_{prefix}_{secrets.token_urlsafe(32)}"


def _info(row: ApiKey) -> KeyInfo:
    return KeyInfo(row.id, row.name, row.role, row.prefix, row.created_at, row.revoked_at, row.person_id)


class KeyStore:
    def __init__(self, database: Database) -> None:
        self.database = database

    def create(self, role: str, name: str | None = None, person_id: int | None = None) -> tuple[KeyInfo, str]:
        """A new key, for a person when `person_id` is given (who must exist and have the key's
        role); the secret is returned once and never stored."""
        if role not in ROLES:
            raise KeyRequestError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
        secret = new_secret()
        prefix = secret[:12]
        name = name or f"{role}-{prefix[4:]}"
        if not NAME_PATTERN.match(name):
            raise KeyRequestError(
                "name: 1 to 100 letters, digits, spaces or . _ @ - (starting with a letter or digit)"
            )

        def work(session: Session) -> KeyInfo:
            if person_id is not None:
                person = session.get(Person, person_id)
                if person is None:
                    raise KeyPersonNotFound(f"person: no person has id {person_id}")
                if person.role != role:
                    raise KeyPersonMismatch(f"person: {person.name} is a {person.role}, not a {role}")
            row = ApiKey(name=name, role=role, prefix=prefix, key_hash=hash_key(secret), person_id=person_id)
            session.add(row)
            session.flush()
            return _info(row)

        try:
            return self.database.write(work), secret
        except IntegrityError as error:
            raise KeyNameTaken(f"a key named {name!r} already exists") from error

    def list(self) -> list[KeyInfo]:
        return self.database.read(
            lambda session: [_info(row) for row in session.scalars(select(ApiKey).order_by(ApiKey.id))]
        )

    def get(self, key_id: int) -> KeyInfo | None:
        row = self.database.read(lambda session: session.get(ApiKey, key_id))
        return _info(row) if row is not None else None

    def revoke(self, name: str) -> KeyInfo:
        def work(session: Session) -> KeyInfo | None:
            row = session.scalar(select(ApiKey).where(ApiKey.name == name))
            if row is None:
                return None
            if row.revoked_at is None:
                row.revoked_at = datetime.now(UTC)
            return _info(row)

        info = self.database.write(work)
        if info is None:
            raise KeyNotFound(f"no key named {name!r}")
        return info

    def authenticate(self, secret: str) -> KeyInfo | None:
        """The active key with this secret, else None. Looked up on every request, so that a
        revoked key fails at once in every worker."""
        if not KEY_PATTERN.match(secret):
            return None
        digest = hash_key(secret)
        row = self.database.read(
            lambda session: session.scalar(select(ApiKey).where(ApiKey.key_hash == digest))
        )
        if row is None or not hmac.compare_digest(row.key_hash, digest) or row.revoked_at is not None:
            return None
        return _info(row)
