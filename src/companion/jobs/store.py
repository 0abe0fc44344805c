"""The jobs table: create, report progress, finish, and find the jobs a dead worker left behind."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.db import Database
from companion.db.models import Job

ACTIVE = ("queued", "running")


class JobOut(BaseModel):
    id: int
    kind: str
    status: Literal["queued", "running", "done", "failed"]
    total: int = Field(description="Items to process, as far as known so far.")
    done: int = Field(description="Items processed.")
    percent: int
    error: str | None
    created_at: datetime
    finished_at: datetime | None


def _out(row: Job) -> JobOut:
    percent = 100 if row.status == "done" else int(100 * row.done / row.total) if row.total else 0
    return JobOut(
        id=row.id,
        kind=row.kind,
        status=row.status,  # type: ignore[arg-type]
        total=row.total,
        done=row.done,
        percent=min(percent, 100),
        error=row.error,
        created_at=row.created_at,
        finished_at=row.finished_at,
    )


def now() -> datetime:
    return datetime.now(UTC)


class JobStore:
    def __init__(self, database: Database) -> None:
        self.database = database

    def create(self, kind: str, total: int) -> JobOut:
        def work(session: Session) -> JobOut:
            row = Job(kind=kind, status="queued", total=total, done=0)
            session.add(row)
            session.flush()
            return _out(row)

        return self.database.write(work)

    def get(self, job_id: int) -> JobOut | None:
        row = self.database.read(lambda session: session.get(Job, job_id))
        return _out(row) if row is not None else None

    def active(self, kind: str) -> JobOut | None:
        """The oldest queued or running job of a kind."""

        def work(session: Session) -> Job | None:
            query = select(Job).where(Job.kind == kind, Job.status.in_(ACTIVE)).order_by(Job.id).limit(1)
            return session.scalar(query)

        row = self.database.read(work)
        return _out(row) if row is not None else None

    def start(self, job_id: int) -> bool:
        """Mark a queued job running; False when it is no longer queued (done, or taken)."""

        def work(session: Session) -> bool:
            row = session.get(Job, job_id)
            if row is None or row.status != "queued":
                return False
            row.status, row.started_at, row.heartbeat_at = "running", now(), now()
            return True

        return self.database.write(work)

    def progress(self, job_id: int, done: int, total: int) -> None:
        def work(session: Session) -> None:
            row = session.get(Job, job_id)
            if row is not None:
                row.done, row.total, row.heartbeat_at = done, total, now()

        self.database.write(work)

    def finish(self, job_id: int, error: str | None = None) -> None:
        def work(session: Session) -> None:
            row = session.get(Job, job_id)
            if row is not None:
                row.status = "failed" if error else "done"
                row.error, row.finished_at = error, now()

        self.database.write(work)

    def requeue_stale(self, stale_after: timedelta) -> list[int]:
        """Running jobs whose worker stopped beating (it died or was stopped): queued again, and
        their ids returned so that the caller puts them back on the queue."""

        cutoff = now() - stale_after
        stale = select(Job.id).where(Job.status == "running", Job.heartbeat_at < cutoff)
        if not self.database.read(lambda session: session.scalars(stale).first()):
            return []  # the usual answer, asked on every status poll: no write transaction

        def work(session: Session) -> list[int]:
            rows = session.scalars(select(Job).where(Job.id.in_(stale)))
            ids = []
            for row in rows:
                row.status = "queued"
                ids.append(row.id)
            return ids

        return self.database.write(work)
