"""Web sessions signed out on the server: a copied cookie stops working at sign-out, not 12 hours
later. A session is known by the hash of its CSRF token, which is new at every sign-in."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from companion.db import Database
from companion.db.models import RevokedWebSession


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class RevokedSessions:
    def __init__(self, database: Database) -> None:
        self.database = database

    def revoke(self, token: str, expires_at: datetime) -> None:
        """Refuse this session from now on; forget sessions whose cookies have expired anyway."""

        def work(session: Session) -> None:
            session.execute(delete(RevokedWebSession).where(RevokedWebSession.expires_at < datetime.now(UTC)))
            dialect = session.get_bind().dialect.name
            insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
            row = {"token_hash": _token_hash(token), "expires_at": expires_at}
            session.execute(insert(RevokedWebSession).values(row).on_conflict_do_nothing())

        self.database.write(work)

    def is_revoked(self, token: str) -> bool:
        query = select(RevokedWebSession.token_hash).where(RevokedWebSession.token_hash == _token_hash(token))
        return self.database.read(lambda session: session.scalar(query) is not None)
