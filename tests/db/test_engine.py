"""The database engine on SQLite and PostgreSQL: migrations, pragmas, bounded retries."""

from __future__ import annotations

import logging
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import event, inspect, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from companion.db import Database, DatabaseUnavailable
from companion.db import engine as engine_module
from companion.db.models import Base, MentoringSession, Pair
from tests.test_serve import _free_port

TABLES = {
    "alembic_version",
    "api_keys",
    "pairs",
    "sessions",
    "feedback",
    "feedback_embeddings",
    "revoked_web_sessions",
    "local_guidance_use",
    "people",
    "goals",
    "action_items",
    "saved_agendas",
    "reflections",
    "jobs",
    "theme_choices",
}
HEAD = "0006"
FAST_RETRIES = (0.01, 0.01, 0.01)


def _pair_names(database: Database) -> list[str]:
    return database.read(lambda session: sorted(session.scalars(select(Pair.external_id))))


def test_migrate_creates_the_schema_at_head_and_is_idempotent(database_url: str) -> None:
    database = Database(database_url)
    try:
        assert database.revision() is None
        database.migrate()
        assert database.revision() == HEAD
        assert set(inspect(database.engine).get_table_names()) >= TABLES
        database.write(lambda session: session.add(Pair(external_id="pair-1")))

        database.migrate()  # again: nothing to do, nothing lost
        assert database.revision() == HEAD
        assert _pair_names(database) == ["pair-1"]
    finally:
        database.close()


def test_upgrading_a_0003_database_keeps_its_data(database_url: str) -> None:
    """A database made by the previous release: pairs, sessions and keys survive the upgrade to
    the pair workspace, and the new columns start empty."""
    database = Database(database_url)
    try:
        database.migrate("0003")
        stamp = "2026-11-01 09:00:00"
        with database.engine.begin() as connection:
            connection.execute(
                text("INSERT INTO pairs (external_id, mentor_name, created_at) VALUES ('p1', 'Ann', :t)"),
                {"t": stamp},
            )
            connection.execute(
                text(
                    "INSERT INTO sessions (pair_id, held_on, topic, notes, created_at) "
                    "VALUES (1, '2026-11-01', 'AI', 'kept', :t)"
                ),
                {"t": stamp},
            )
            connection.execute(
                text(
                    "INSERT INTO api_keys (name, role, prefix, key_hash, created_at) "
                    "VALUES ('old', 'mentor', 'cmp_abcdefgh', :h, :t)"
                ),
                {"h": "0" * 64, "t": stamp},
            )
        database.migrate()
        assert database.revision() == HEAD
        with database.engine.connect() as connection:
            pair = connection.execute(text("SELECT external_id, mentor_name, mentor_id FROM pairs")).one()
            meeting = connection.execute(text("SELECT topic, notes, minutes FROM sessions")).one()
            key = connection.execute(text("SELECT name, person_id FROM api_keys")).one()
        assert tuple(pair) == ("p1", "Ann", None)
        assert tuple(meeting) == ("AI", "kept", None)
        assert tuple(key) == ("old", None)
    finally:
        database.close()


def test_the_migrations_match_the_models(database: Database) -> None:
    """A model changed without a new migration shows up here."""
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_sqlite_runs_in_wal_mode_with_foreign_keys_on(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'data' / 'companion.db'}")  # the folder is created
    try:
        database.migrate()
        with database.engine.connect() as connection:
            pragmas = {
                name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "foreign_keys", "busy_timeout")
            }
        assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 2000}
        assert database.backend == "sqlite"
    finally:
        database.close()


def test_a_constraint_violation_is_raised_at_once_not_retried(database: Database) -> None:
    attempts = []

    def orphan_session(session: Session) -> None:
        attempts.append(1)
        session.add(MentoringSession(pair_id=999, held_on=date(2026, 3, 1), topic="no such pair"))
        session.flush()

    with pytest.raises(IntegrityError):
        database.write(orphan_session)
    assert len(attempts) == 1


def test_a_write_blocked_by_a_lock_gives_up_with_database_unavailable_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "RETRY_DELAYS", FAST_RETRIES)
    path = tmp_path / "companion.db"
    database = Database(f"sqlite:///{path}")
    # Each attempt waits 50 ms for the lock rather than production's 2 s (set after the pragmas).
    event.listen(database.engine, "connect", lambda dbapi, _: dbapi.execute("PRAGMA busy_timeout=50"))
    try:
        database.migrate()
        database.write(lambda session: session.add(Pair(external_id="before")))
        attempts = []

        def add_pair(session: Session) -> None:
            attempts.append(1)
            session.add(Pair(external_id="during"))
            session.flush()

        blocker = sqlite3.connect(path, isolation_level=None)
        try:
            blocker.execute("BEGIN EXCLUSIVE")
            with pytest.raises(DatabaseUnavailable) as caught:
                database.write(add_pair)
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()

        assert len(attempts) == len(FAST_RETRIES) + 1
        assert caught.value.dependency == "database"
        assert f"after {len(FAST_RETRIES) + 1} attempts" in caught.value.message
        assert "locked" in caught.value.message
        assert _pair_names(database) == ["before"]
        database.write(lambda session: session.add(Pair(external_id="after")))  # the lock is gone
        assert _pair_names(database) == ["after", "before"]
    finally:
        database.close()


@pytest.mark.parametrize("operation", ["ping", "write"])
def test_a_closed_port_is_database_unavailable_naming_the_database_without_its_password(
    operation: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "RETRY_DELAYS", FAST_RETRIES)
    port = _free_port()
    database = Database(f"postgresql://companion:s3cret-word@127.0.0.1:{port}/programme")
    try:
        with pytest.raises(DatabaseUnavailable) as caught:
            if operation == "ping":
                database.ping()
            else:
                database.write(lambda session: session.add(Pair(external_id="pair-1")))
    finally:
        database.close()
    message = str(caught.value)
    assert f"postgresql://companion:********@127.0.0.1:{port}/programme" in message
    assert "s3cret-word" not in message
    assert caught.value.dependency == "database"


def test_an_existing_database_at_0001_upgrades_with_its_data(database_url: str) -> None:
    database = Database(database_url)
    try:
        database.migrate("0001")
        with database.engine.begin() as connection:  # the schema of 0001, older than the models
            connection.execute(
                text(
                    "INSERT INTO pairs (external_id, created_at) VALUES ('pair-kept', '2026-11-01 09:00:00')"
                )
            )
        database.migrate()
        assert database.revision() == HEAD
        assert _pair_names(database) == ["pair-kept"]
    finally:
        database.close()


def test_the_sqlite_file_is_private_to_its_owner(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path}/companion.db")
    try:
        database.migrate()
        assert (tmp_path / "companion.db").stat().st_mode & 0o777 == 0o600
    finally:
        database.close()


def test_a_failed_statement_never_shows_its_parameters(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """SQLAlchemy would put the failed insert's parameters (feedback text) in the error and the log."""
    secret = "my mentee said something deeply private"
    database = Database(f"sqlite:///{tmp_path}/companion.db")
    try:
        database.migrate()
        with caplog.at_level(logging.DEBUG), pytest.raises(Exception) as raised:
            database.write(
                lambda session: session.execute(text("INSERT INTO nowhere VALUES (:t)"), {"t": secret})
            )
        assert secret not in str(raised.value)
        assert secret not in caplog.text
    finally:
        database.close()
