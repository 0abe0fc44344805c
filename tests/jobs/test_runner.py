"""Background jobs on huey, on SQLite and on PostgreSQL: an import's answers are read by a worker
thread with progress; a job cut short (stopped, or its process gone) resumes and reads nothing twice."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from companion.config import Settings
from companion.db.models import FeedbackEmbedding, Job
from companion.jobs import JobOut
from companion.services import Services
from tests.conftest import KNOWLEDGE_DIR

ROWS = 600  # more than two batches of 256


@pytest.fixture
def services(database_url: str, tmp_path: Path) -> Iterator[Services]:
    settings = Settings(
        data_dir=tmp_path / "data",
        knowledge_dir=KNOWLEDGE_DIR,
        database_url=None if database_url.startswith("sqlite") else database_url,
        themes_embedding_backend="search",  # MiniLM: quick, and as real as the themes model
    )
    built = Services(settings)
    yield built
    built.close()


def import_rows(services: Services, first: int = 0, count: int = ROWS) -> None:
    lines = "".join(
        f"r{n},Answer number {n} about cancelled sessions and AI drafts\n"
        for n in range(first, first + count)
    )
    report = services.feedback.import_file("survey.csv", ("Response ID,Comments\n" + lines).encode())
    assert report.imported == count


def wait(services: Services, job_id: int, seconds: float = 120) -> JobOut:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = services.jobs.status(job_id)
        assert job is not None
        if job.status in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} still {job.status} after {seconds} s")


def vectors(services: Services) -> int:
    return services.database.read(
        lambda session: session.scalar(select(func.count()).select_from(FeedbackEmbedding))
    )


def test_an_import_is_read_in_the_background_with_progress(services: Services) -> None:
    import_rows(services)
    job = services.jobs.embed_feedback()
    assert job is not None and (job.status, job.total, job.done) == ("queued", ROWS, 0)
    assert services.jobs.embed_feedback() == job  # asked again: the same job, not a second one
    services.start_jobs()
    finished = wait(services, job.id)
    assert (finished.status, finished.done, finished.total, finished.percent) == ("done", ROWS, ROWS, 100)
    assert vectors(services) == ROWS and services.feedback.unembedded_count() == 0
    assert services.jobs.embed_feedback() is None  # nothing left to read


def test_a_job_stopped_between_batches_resumes_and_reads_nothing_twice(services: Services) -> None:
    import_rows(services)
    job = services.jobs.embed_feedback()
    assert job is not None
    services.jobs.stopping.set()  # the server is stopping: the job runs no batch
    services.jobs._run_embedding(job.id)  # as the worker thread would
    left = services.jobs.status(job.id)
    assert left is not None and left.status == "running" and vectors(services) == 0
    services.jobs.stopping.clear()
    services.start_jobs()  # a new process: the job left running resumes
    assert wait(services, job.id).status == "done" and vectors(services) == ROWS


def test_a_job_whose_worker_died_mid_way_is_queued_again_and_finishes(services: Services) -> None:
    import_rows(services)
    job = services.jobs.embed_feedback()
    assert job is not None
    # The dead worker had marked it running and read the first 256 answers, then beat no more
    assert services.jobs.jobs.start(job.id)
    read = 0

    def after_one_batch(done: int, total: int) -> None:
        nonlocal read
        read = done
        if done >= 256:
            services.jobs.stopping.set()

    services.feedback.embed_missing(after_one_batch, services.jobs.stopping)
    services.jobs.stopping.clear()
    assert read == 256 and vectors(services) == 256
    stale = datetime.now(UTC) - timedelta(minutes=5)
    services.database.write(lambda session: session.execute(update(Job).values(heartbeat_at=stale)))
    import_rows(services, first=ROWS, count=10)  # more answers arrive meanwhile
    services.jobs.start(resume_all_running=False)  # another worker, sharing the queue
    assert services.jobs.embed_feedback() is not None  # the stale job, queued again
    finished = wait(services, job.id)
    assert finished.status == "done" and finished.done == ROWS + 10 - 256
    assert vectors(services) == ROWS + 10  # each answer read once
