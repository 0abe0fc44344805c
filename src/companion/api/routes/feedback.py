"""The feedback routes: submit, import a survey export, read the themed summary (shared API.md)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Path, Response, UploadFile, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse
from pydantic import Field

from companion.api.auth import AdminKey, AnyKey
from companion.api.responses import BAD_FILE, KEYED, NOT_FOUND
from companion.feedback.parsing import ImportFileError
from companion.feedback.schemas import (
    FeedbackCreated,
    FeedbackIn,
    FeedbackOut,
    ImportReport,
    SessionIn,
    Summary,
)
from companion.jobs import JobOut
from companion.server.deps import FeedbackDep, JobsDep, SettingsDep
from companion.server.errors import ApiError
from companion.server.uploads import UploadTooLarge, read_upload

router = APIRouter(prefix="/v1", tags=["feedback"], responses=KEYED | NOT_FOUND | BAD_FILE)


@router.post(
    "/feedback",
    response_model=FeedbackCreated,
    status_code=status.HTTP_201_CREATED,
    summary="Submit one feedback entry",
)
def submit_feedback(entry: FeedbackIn, feedback: FeedbackDep, key: AnyKey) -> FeedbackCreated:
    """A mentor's or mentee's role comes from their key, and the external id they send counts only
    among their own entries: it can neither claim a survey response that an admin will import nor
    reveal that someone else's entry exists."""
    participant = key.role != "admin"
    if participant:
        entry = entry.model_copy(update={"author_role": key.role})
    return FeedbackCreated(id=feedback.submit(entry, author_key_id=key.id, participant=participant))


class ImportAccepted(ImportReport):
    job: JobOut | None = Field(
        description="The background job reading the new answers for the themes (poll its `status` "
        "route); null when every answer was read already."
    )


@router.post(
    "/feedback/import",
    response_model=ImportAccepted,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Import a CSV or JSONL survey export",
)
async def import_feedback(
    file: Annotated[UploadFile, File()],
    response: Response,
    settings: SettingsDep,
    feedback: FeedbackDep,
    jobs: JobsDep,
    _: AdminKey,
) -> ImportAccepted:
    """The rows are stored (all valid rows, or none) before the answer, which reports them; reading
    the answers for the themes, the slow part, goes on as a background job: 202, with the job and a
    Location to poll. 200 when there was nothing new to read."""
    try:
        content = await read_upload(file, settings.max_body_bytes)
    except UploadTooLarge as error:
        raise ApiError(413, "too_large", str(error)) from error
    try:
        report = await run_in_threadpool(feedback.import_file, file.filename or "", content)
    except ImportFileError as error:
        raise ApiError(400, "invalid_file", str(error)) from error
    job = await run_in_threadpool(jobs.embed_feedback)
    if job is None:
        response.status_code = status.HTTP_200_OK
    else:
        response.headers["Location"] = f"/v1/jobs/{job.id}"
    return ImportAccepted(**report.model_dump(), job=job)


@router.get("/jobs/{job_id}", response_model=JobOut, summary="A background job's progress; admins only")
def job_status(job_id: Annotated[int, Path(ge=1, le=2**31 - 1)], jobs: JobsDep, _: AdminKey) -> JobOut:
    job = jobs.status(job_id)
    if job is None:
        raise ApiError(404, "not_found", f"no job has id {job_id}")
    return job


@router.get("/feedback/summary", response_model=Summary, summary="Feedback themes, KPIs and recommendations")
def feedback_summary(feedback: FeedbackDep, _: AdminKey) -> Summary:
    return feedback.summary()


@router.post(
    "/sessions",
    status_code=status.HTTP_201_CREATED,
    summary="Record a meeting of a pair (for the meeting KPIs); admins only",
)
def record_session(meeting: SessionIn, feedback: FeedbackDep, _: AdminKey) -> dict[str, bool]:
    """Admins only: keys do not belong to pairs yet, so a mentor's key could otherwise record
    meetings for any pair and skew its cadence. Pair members will record their own meetings once
    keys belong to people and pairs (the pair workspace)."""
    return {"recorded": feedback.add_session(meeting)}


@router.get(
    "/feedback/export.csv",
    response_class=PlainTextResponse,
    summary="All feedback as CSV (cells that a spreadsheet would run as formulas are neutralised)",
    responses={200: {"content": {"text/csv": {}}}},
)
def export_feedback(feedback: FeedbackDep, _: AdminKey) -> PlainTextResponse:
    return PlainTextResponse(
        feedback.export_csv(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="feedback.csv"'},
    )


# Declared last so that /feedback/summary is not taken for an id.
@router.get("/feedback/{feedback_id}", response_model=FeedbackOut, summary="Read one feedback entry")
def read_feedback(
    feedback_id: Annotated[str, Path(max_length=128)], feedback: FeedbackDep, key: AnyKey
) -> FeedbackOut:
    """Admins read any entry; a mentor or mentee only the entries they submitted with this key.
    Anyone else's entry answers 404, so that its existence is not revealed either."""
    entry = feedback.entry(feedback_id, author_key_id=None if key.role == "admin" else key.id)
    if entry is None:
        raise ApiError(404, "not_found", f"no feedback entry {feedback_id!r} that this key may read")
    return entry
