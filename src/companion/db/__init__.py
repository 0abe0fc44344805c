"""The database of record: programme data (pairs, sessions, feedback) and API keys."""

from companion.db.engine import Database, DatabaseUnavailable

__all__ = ["Database", "DatabaseUnavailable"]
