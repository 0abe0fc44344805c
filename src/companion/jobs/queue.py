"""The job queue: huey, on the same kind of store as the programme data.

SQLite (the embedded default): huey's own SQLite storage in `queue.sqlite3` beside the data.
PostgreSQL: huey's SQL storage through peewee (psycopg 3) in the same database, in a schema of
its own (huey), where workers in several processes share the queue (SELECT ... FOR UPDATE SKIP LOCKED).
"""

from __future__ import annotations

from pathlib import Path

from huey import Huey, SqliteHuey
from huey.consumer import Consumer
from huey.contrib.sql_huey import SqlStorage
from peewee import PostgresqlDatabase
from sqlalchemy.engine import make_url

QUEUE_NAME = "companion"
SCHEMA = "huey"


def build_queue(database_url: str, data_dir: Path) -> Huey:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        data_dir.mkdir(parents=True, exist_ok=True)
        return SqliteHuey(QUEUE_NAME, filename=str(data_dir / "queue.sqlite3"), results=False, utc=True)
    database = PostgresqlDatabase(
        url.database,
        user=url.username,
        password=url.password,
        host=url.host,
        port=url.port,
        options=f"-c search_path={SCHEMA}",  # huey's tables (task, kv, ...) apart from companion's
        autorollback=True,
    )
    database.connect()
    database.execute_sql(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    database.close()
    return Huey(QUEUE_NAME, storage_class=SqlStorage, database=database, results=False, utc=True)


class QuietConsumer(Consumer):
    """A consumer inside the web server (or a test): worker threads only, leaving the process's
    signal handlers to the server that owns them."""

    def _set_signal_handlers(self) -> None:
        return None
