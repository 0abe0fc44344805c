"""Background jobs: a huey queue (SQLite beside the data, or PostgreSQL shared by several workers)
carries job ids; the `jobs` table holds each job's progress, which pages and the API show."""

from companion.jobs.runner import JobRunner
from companion.jobs.store import JobOut, JobStore

__all__ = ["JobOut", "JobRunner", "JobStore"]
