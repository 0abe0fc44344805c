"""Jobs in the background: reading imported feedback with the themes model.

An import stores its rows at once; the slow part, embedding each answer for the themes, is a job.
`embed_feedback()` queues one (or returns the one already queued or running, which keeps going
until no answer is left unread); a worker thread of huey's consumer runs it in batches, writing
its progress and a heartbeat after each. Stopping the server stops the job between batches. A job
whose heartbeat stopped (the process died, or was stopped) is queued again when a runner starts
or is asked for a job, and resumes where it was: answers already read are never read again, so a
rerun adds nothing twice.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import timedelta

from huey import Huey

from companion.feedback.service import FeedbackService
from companion.jobs.queue import QuietConsumer
from companion.jobs.store import JobOut, JobStore

log = logging.getLogger(__name__)
EMBED_FEEDBACK = "embed-feedback"
STALE_AFTER = timedelta(seconds=60)  # a batch takes seconds; a minute without a beat is a dead worker


class JobRunner:
    def __init__(self, queue: Huey, jobs: JobStore, feedback: Callable[[], FeedbackService]) -> None:
        self.queue = queue
        self.jobs = jobs
        self.feedback = feedback
        self.stopping = threading.Event()
        self._consumer: QuietConsumer | None = None
        self._task = queue.task(name="embed_feedback")(self._run_embedding)

    # -- asking for work ---------------------------------------------------------------------

    def embed_feedback(self) -> JobOut | None:
        """The job that reads the feedback not read yet: the active one, or a new one; None when
        every answer is read already."""
        self.recover()
        active = self.jobs.active(EMBED_FEEDBACK)
        if active is not None:
            return active
        missing = self.feedback().unembedded_count()
        if missing == 0:
            return None
        job = self.jobs.create(EMBED_FEEDBACK, missing)
        self._task(job.id)
        return job

    def status(self, job_id: int) -> JobOut | None:
        self.recover()
        return self.jobs.get(job_id)

    def current(self) -> JobOut | None:
        """The embedding job in progress, if any (for pages that must not compute meanwhile)."""
        self.recover()
        return self.jobs.active(EMBED_FEEDBACK)

    def recover(self, stale_after: timedelta = STALE_AFTER) -> None:
        for job_id in self.jobs.requeue_stale(stale_after):
            log.warning("job %s had stopped; queued again to resume", job_id)
            self._task(job_id)

    # -- the worker --------------------------------------------------------------------------

    def start(self, resume_all_running: bool = False) -> None:
        """Start one worker thread. `resume_all_running`: this process is the only worker (SQLite),
        so any job still marked running was left by a process that is gone."""
        self.stopping.clear()
        self.recover(timedelta(0) if resume_all_running else STALE_AFTER)
        self._consumer = QuietConsumer(self.queue, workers=1, worker_type="thread", periodic=False)
        self._consumer.start()

    def stop(self) -> None:
        """Stop after the current batch; a job cut short resumes at the next start."""
        self.stopping.set()
        if self._consumer is not None:
            self._consumer.stop(graceful=True)
            self._consumer = None

    def _run_embedding(self, job_id: int) -> None:
        if not self.jobs.start(job_id):
            return  # done already, or taken by another worker
        try:
            finished = self.feedback().embed_missing(
                lambda done, total: self.jobs.progress(job_id, done, total), self.stopping
            )
        except Exception as error:
            log.exception("job %s failed", job_id)
            self.jobs.finish(job_id, f"{type(error).__name__}: {error}")
            return
        if finished:
            self.jobs.finish(job_id)
        # else: stopped between batches; the job stays running until its heartbeat is stale
