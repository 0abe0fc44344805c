"""The database engine: SQLite in the data directory (WAL mode) by default, PostgreSQL by URL.

Writes go through `Database.write`, which retries briefly when the database is locked or
unreachable and then raises `DatabaseUnavailable` (the API answers 503), so nothing is
acknowledged that was not committed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from companion.config import mask_url_password
from companion.errors import DependencyUnavailable

log = logging.getLogger(__name__)
T = TypeVar("T")

MIGRATIONS = Path(__file__).parent / "migrations"
RETRY_DELAYS = (0.05, 0.2, 0.5)  # seconds between attempts; then DatabaseUnavailable
SQLITE_BUSY_MS = 2000  # how long one SQLite attempt waits for a lock held by another connection


class DatabaseUnavailable(DependencyUnavailable):
    """The database cannot be reached, or stays locked, after bounded retries."""

    def __init__(self, message: str) -> None:
        super().__init__("database", message)


def _sqlite_pragmas(connection: Any, _: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _private_file(path: Path) -> None:
    """Create the SQLite file readable by its owner only (0600), like session.key: it holds
    feedback text and key hashes. SQLite's -wal and -shm files take the same mode from it."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
    path.chmod(0o600)


def create_db_engine(url: str) -> Engine:
    """The engine for `url`. `hide_parameters`: an error never writes a statement's parameters
    (feedback text) into a log or a message."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            _private_file(Path(parsed.database))
        engine = create_engine(url, connect_args={"timeout": 2}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3, not psycopg2
    return create_engine(
        parsed, pool_pre_ping=True, connect_args={"connect_timeout": 5}, hide_parameters=True
    )


class Database:
    """One engine and its session factory, built once per process."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_db_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def shown_url(self) -> str:
        return mask_url_password(self.url)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def migrate(self, revision: str = "head") -> None:
        """Bring the schema to the newest Alembic revision (or to `revision`), data kept."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        logging.getLogger("alembic").setLevel(logging.WARNING)
        with self._retrying("migrate"), self.engine.connect() as connection:
            sqlite = self.backend == "sqlite"
            if sqlite:
                # SQLite alters a table by copying it to a new one and dropping the old: with
                # foreign keys on, the drop would cascade to the rows that point at it (a pair's
                # sessions). The pragma only takes effect outside a transaction.
                connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
                connection.commit()
            try:
                with connection.begin():
                    config.attributes["connection"] = connection
                    command.upgrade(config, revision)
                    if sqlite:
                        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                        if broken:
                            raise RuntimeError(f"the migration left {len(broken)} dangling reference(s)")
            finally:
                if sqlite:
                    connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                    connection.commit()

    def revision(self) -> str | None:
        with self._retrying("read the schema revision"), self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def ping(self) -> None:
        with self._retrying("connect"), self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    def write(self, work: Callable[[Session], T]) -> T:
        """Run `work` in one transaction, committed at the end; retried whole when the database
        is locked or the connection drops."""
        return self._attempt(work, commit=True)

    def read(self, work: Callable[[Session], T]) -> T:
        return self._attempt(work, commit=False)

    def _attempt(self, work: Callable[[Session], T], commit: bool) -> T:
        for attempt, delay in enumerate((*RETRY_DELAYS, None)):
            try:
                with self.sessions() as session:
                    result = work(session)
                    if commit:
                        session.commit()
                    return result
            except (OperationalError, DBAPIError) as error:
                if not _transient(error):
                    raise
                if delay is None:
                    raise DatabaseUnavailable(
                        f"database {self.shown_url} unavailable after {attempt + 1} attempts: "
                        f"{_first_line(error)}"
                    ) from error
                log.warning("database busy or unreachable (%s); retrying", _first_line(error))
                time.sleep(delay)
        raise AssertionError("unreachable")

    @contextmanager
    def _retrying(self, what: str) -> Iterator[None]:
        try:
            yield
        except (OperationalError, DBAPIError) as error:
            if not _transient(error):
                raise
            raise DatabaseUnavailable(
                f"cannot {what} on database {self.shown_url}: {_first_line(error)}"
            ) from error

    def close(self) -> None:
        self.engine.dispose()


def _transient(error: DBAPIError) -> bool:
    """Locked, busy, or connection problems: worth a retry. Constraint errors are not."""
    return isinstance(error, OperationalError) or bool(error.connection_invalidated)


def _first_line(error: Exception) -> str:
    return str(getattr(error, "orig", None) or error).splitlines()[0][:300]
