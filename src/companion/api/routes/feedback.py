"""The feedback routes: submit, import a survey export, read the themed summary (shared API.md)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, File, Path, Query, Response, UploadFile, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse
from pydantic import Field

from companion.api.auth import AdminKey, AnyKey
from companion.api.responses import BAD_FILE, KEYED, NOT_FOUND
from companion.feedback.choices import ThemeChoiceError
from companion.feedback.drilldown import Filters
from companion.feedback.parsing import ImportFileError
from companion.feedback.schemas import (
    FeedbackCreated,
    FeedbackIn,
    FeedbackOut,
    ImportReport,
    SessionIn,
    SessionsReport,
    Summary,
    ThemeChoiceOut,
    ThemeEntriesOut,
    ThemeEntryOut,
    ThemeMerge,
    ThemeRename,
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


ThemeNumber = Annotated[
    int, Path(ge=1, le=1000, description="The theme's place in the summary (1 is the first).")
]


def _choice_error(error: ThemeChoiceError) -> ApiError:
    codes = {404: "not_found", 409: "conflict", 422: "invalid_choice"}
    return ApiError(error.status, codes.get(error.status, "invalid_choice"), str(error))


@router.get(
    "/feedback/themes/{number}/entries",
    response_model=ThemeEntriesOut,
    summary="A theme's entries, filtered by month, role and rating; personal data redacted",
)
def theme_entries(
    number: ThemeNumber,
    feedback: FeedbackDep,
    _: AdminKey,
    month: Annotated[str | None, Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="'2026-05'")] = None,
    role: Annotated[str | None, Query(max_length=16)] = None,
    rating: Annotated[int | None, Query(ge=1, le=5)] = None,
) -> ThemeEntriesOut:
    found = feedback.theme_entries(number, Filters(month=month, role=role, rating=rating))
    if found is None:
        raise ApiError(404, "not_found", f"there is no theme {number} in the current summary")
    return ThemeEntriesOut(
        number=number,
        theme=found.theme.label,
        total=found.total,
        entries=[ThemeEntryOut(**asdict(entry)) for entry in found.entries],
        months=found.months,
        roles=found.roles,
        ratings=found.ratings,
    )


@router.post(
    "/feedback/themes/{number}/rename",
    response_model=ThemeChoiceOut,
    status_code=status.HTTP_201_CREATED,
    summary="Name a theme; the name stays with its entries through re-imports (admins only)",
)
def rename_theme(
    number: ThemeNumber, body: ThemeRename, feedback: FeedbackDep, key: AdminKey
) -> ThemeChoiceOut:
    try:
        return feedback.rename_theme(number, body.name, key.name, current_label=body.current_label)
    except ThemeChoiceError as error:
        raise _choice_error(error) from error


@router.post(
    "/feedback/themes/merge",
    response_model=ThemeChoiceOut,
    status_code=status.HTTP_201_CREATED,
    summary="Read two themes as one; kept through re-imports (admins only)",
)
def merge_themes(body: ThemeMerge, feedback: FeedbackDep, key: AdminKey) -> ThemeChoiceOut:
    try:
        return feedback.merge_themes(sorted(body.themes), key.name, name=body.name)
    except ThemeChoiceError as error:
        raise _choice_error(error) from error


@router.get(
    "/feedback/themes/choices",
    response_model=list[ThemeChoiceOut],
    summary="The log of admins' renames and merges, newest first",
)
def theme_choices(feedback: FeedbackDep, _: AdminKey) -> list[ThemeChoiceOut]:
    return feedback.theme_choices()


@router.post(
    "/feedback/themes/choices/{choice_id}/undo",
    response_model=ThemeChoiceOut,
    summary="Undo a rename or merge; the log keeps it, marked undone",
)
def undo_theme_choice(
    choice_id: Annotated[int, Path(ge=1, le=2**31 - 1)], feedback: FeedbackDep, key: AdminKey
) -> ThemeChoiceOut:
    try:
        return feedback.undo_theme_choice(choice_id, key.name)
    except ThemeChoiceError as error:
        raise _choice_error(error) from error


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


@router.post(
    "/sessions/import",
    response_model=SessionsReport,
    summary="Import the pairs' meetings from a CSV or JSONL file (pair, date, topic, minutes); admins only",
)
async def import_sessions(
    file: Annotated[UploadFile, File()], settings: SettingsDep, feedback: FeedbackDep, _: AdminKey
) -> SessionsReport:
    """Meetings already recorded (same pair, day and topic) count as duplicates; rows that cannot be
    read are reported with their line and the reason, and the others are recorded."""
    try:
        content = await read_upload(file, settings.max_body_bytes)
    except UploadTooLarge as error:
        raise ApiError(413, "too_large", str(error)) from error
    try:
        return await run_in_threadpool(feedback.import_sessions, file.filename or "", content)
    except ImportFileError as error:
        raise ApiError(400, "invalid_file", str(error)) from error


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
