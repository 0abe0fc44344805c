"""The feedback routes: submit, import a survey export, read the themed summary (shared API.md)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Path, UploadFile, status
from fastapi.responses import PlainTextResponse

from companion.api.auth import AdminKey, AnyKey
from companion.api.deps import ServicesDep
from companion.api.errors import ApiError
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

router = APIRouter(prefix="/v1", tags=["feedback"], responses=KEYED | NOT_FOUND | BAD_FILE)
READ_CHUNK = 1 << 16


@router.post(
    "/feedback",
    response_model=FeedbackCreated,
    status_code=status.HTTP_201_CREATED,
    summary="Submit one feedback entry",
)
def submit_feedback(entry: FeedbackIn, services: ServicesDep, key: AnyKey) -> FeedbackCreated:
    if key.role != "admin":  # participants speak for themselves: their role comes from their key
        entry = entry.model_copy(update={"author_role": key.role})
    return FeedbackCreated(id=services.feedback.submit(entry, author_key_id=key.id))


@router.post("/feedback/import", response_model=ImportReport, summary="Import a CSV or JSONL survey export")
async def import_feedback(
    file: Annotated[UploadFile, File()], services: ServicesDep, _: AdminKey
) -> ImportReport:
    limit = services.settings.max_body_bytes
    content = bytearray()
    while chunk := await file.read(READ_CHUNK):
        content.extend(chunk)
        if len(content) > limit:
            raise ApiError(413, "too_large", f"the file is larger than the limit of {limit} bytes")
    try:
        return services.feedback.import_file(file.filename or "", bytes(content))
    except ImportFileError as error:
        raise ApiError(400, "invalid_file", str(error)) from error


@router.get("/feedback/summary", response_model=Summary, summary="Feedback themes, KPIs and recommendations")
def feedback_summary(services: ServicesDep, _: AdminKey) -> Summary:
    return services.feedback.summary()


@router.post(
    "/sessions",
    status_code=status.HTTP_201_CREATED,
    summary="Record a meeting of a pair (for the meeting KPIs)",
)
def record_session(meeting: SessionIn, services: ServicesDep, _: AnyKey) -> dict[str, bool]:
    return {"recorded": services.feedback.add_session(meeting)}


@router.get(
    "/feedback/export.csv",
    response_class=PlainTextResponse,
    summary="All feedback as CSV (cells that a spreadsheet would run as formulas are neutralised)",
    responses={200: {"content": {"text/csv": {}}}},
)
def export_feedback(services: ServicesDep, _: AdminKey) -> PlainTextResponse:
    return PlainTextResponse(
        services.feedback.export_csv(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="feedback.csv"'},
    )


# Declared last so that /feedback/summary is not taken for an id.
@router.get("/feedback/{feedback_id}", response_model=FeedbackOut, summary="Read one feedback entry")
def read_feedback(
    feedback_id: Annotated[str, Path(max_length=128)], services: ServicesDep, key: AnyKey
) -> FeedbackOut:
    """Admins read any entry; a mentor or mentee only the entries they submitted with this key.
    Anyone else's entry answers 404, so that its existence is not revealed either."""
    entry = services.feedback.entry(feedback_id)
    if entry is None or (key.role != "admin" and entry.author_key_id != key.id):
        raise ApiError(404, "not_found", f"no feedback entry {feedback_id!r} that this key may read")
    return entry
