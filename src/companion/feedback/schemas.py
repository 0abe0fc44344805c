"""Feedback requests and the admin summary (shared by the API, the CLI and the eval suite)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    field_validator,
)
from pydantic_core import PydanticCustomError

from companion.citations import Citation

FeedbackText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
ExternalId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
PairId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
AuthorRole = Literal["mentor", "mentee", "admin"]

# Dates people can mean: from EARLIEST to the day after "today" (UTC), which is computed at each
# validation, or given as the validation context {"today": date} (tests, re-imports of old exports).
EARLIEST = date(2000, 1, 1)
DATE_EXAMPLE = "2026-03-04"
DATETIME_EXAMPLE = "2026-03-04T09:30:00Z"
NUMBER = re.compile(r"\s*[-+]?\d+(\.\d*)?\s*")


class FeedbackIn(BaseModel):
    """One feedback entry, from `POST /v1/feedback` or one row of an imported file."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "text": "Our sessions keep getting moved; we have met twice in three months.",
                    "rating": 2,
                    "pair_id": "pair-07",
                    "external_id": "form-1234",
                }
            ]
        },
    )

    text: FeedbackText = Field(description="What the participant wrote.")
    rating: int | None = Field(default=None, ge=1, le=5, description="1 (poor) to 5 (excellent).")
    author_role: AuthorRole | None = None
    pair_id: PairId | None = Field(default=None, description="The programme's id of the pair.")
    submitted_at: datetime | None = Field(default=None, description="ISO 8601; the time of import if empty.")
    external_id: ExternalId | None = Field(
        default=None, description="The survey tool's id of the answer; importing it again adds nothing."
    )
    private: StrictBool = Field(default=False, description="Counted in themes but never quoted.")

    # Each check below turns pydantic's wording into a sentence for the people who wrote the row:
    # the API shows it after "field: ", an import after the field's name.

    @field_validator("text", "pair_id", "external_id", mode="wrap")
    @classmethod
    def _plain_text(cls, value: object, handler: ValidatorFunctionWrapHandler) -> Any:
        return _checked_text(value, handler)

    @field_validator("rating", mode="wrap")
    @classmethod
    def _plain_rating(cls, value: object, handler: ValidatorFunctionWrapHandler) -> Any:
        if not isinstance(value, bool):  # true is not a rating of 1
            try:
                return handler(value)
            except ValidationError:
                pass
        raise PydanticCustomError(
            "rating", "must be a whole number from 1 to 5; found {found}", {"found": _shown(value)}
        )

    @field_validator("author_role", mode="wrap")
    @classmethod
    def _plain_role(cls, value: object, handler: ValidatorFunctionWrapHandler) -> Any:
        try:
            return handler(value)
        except ValidationError:
            raise PydanticCustomError(
                "author_role", "must be mentor, mentee or admin; found {found}", {"found": _shown(value)}
            ) from None

    @field_validator("submitted_at", mode="wrap")
    @classmethod
    def _plain_timestamp(
        cls, value: object, handler: ValidatorFunctionWrapHandler, info: ValidationInfo
    ) -> Any:
        moment = _checked_date(value, handler, f"{DATE_EXAMPLE} or {DATETIME_EXAMPLE}")
        if moment is not None:
            _within_window(moment, info)
        return moment

    @field_validator("private", mode="wrap")
    @classmethod
    def _plain_flag(cls, value: object, handler: ValidatorFunctionWrapHandler) -> Any:
        try:
            return handler(value)
        except ValidationError:
            raise PydanticCustomError(
                "private", "must be true or false; found {found}", {"found": _shown(value)}
            ) from None


def _shown(value: object) -> str:
    """An input as a message quotes it: text in quotes (shortened), numbers as they are, else its kind."""
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    return f"a {type(value).__name__}"


def _storable(text: str) -> None:
    """PostgreSQL refuses NUL in text and no database stores half a surrogate pair: refused with
    the reason, rather than failing the whole request or import when it is stored."""
    if "\x00" in text:
        raise PydanticCustomError(
            "nul_character", "contains a NUL character (\\x00), which cannot be stored: remove it"
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise PydanticCustomError(
            "unpaired_surrogate",
            "contains a broken character (U+{code}, half of a pair), which cannot be stored: remove it",
            {"code": f"{ord(text[error.start]):04X}"},
        ) from None


def _checked_text(value: object, handler: ValidatorFunctionWrapHandler) -> Any:
    if isinstance(value, str):
        _storable(value)
    try:
        return handler(value)
    except ValidationError as error:
        detail = error.errors()[0]
        if detail["type"] == "string_too_short":
            raise PydanticCustomError("text_empty", "is empty") from None
        if detail["type"] == "string_too_long" and isinstance(value, str):
            raise PydanticCustomError(
                "text_too_long",
                "is too long: {length} characters where {most} at most are allowed",
                {"length": len(value.strip()), "most": detail.get("ctx", {}).get("max_length", "fewer")},
            ) from None
        raise PydanticCustomError(
            "text_type", "must be text; found {found}", {"found": _shown(value)}
        ) from None


def _checked_date(value: object, handler: ValidatorFunctionWrapHandler, example: str) -> Any:
    """Dates and times come as ISO 8601 text; a bare number (a Unix time?) is refused too."""
    number = isinstance(value, int | float) or (isinstance(value, str) and NUMBER.fullmatch(value))
    if not number:
        try:
            return handler(value)
        except ValidationError:
            pass
    raise PydanticCustomError(
        "date_format",
        "must be a date such as {example}; found {found}",
        {"example": example, "found": _shown(value)},
    )


def _today_of(info: ValidationInfo) -> date:
    """The validation's today: the context's {"today": date} when given, else the UTC date now."""
    context = info.context
    given = context.get("today") if isinstance(context, dict) else None
    if isinstance(given, datetime):
        return given.date()
    if isinstance(given, date):
        return given
    return datetime.now(UTC).date()


def _within_window(moment: date, info: ValidationInfo) -> None:
    """From EARLIEST to the day after today, in UTC (a time without a zone is taken as UTC).
    Far dates with a zone (0001-01-01T00:00:00+14:00) do not exist in UTC: out of the window too."""
    written = moment.date() if isinstance(moment, datetime) else moment
    day: date | None = written
    if isinstance(moment, datetime) and moment.utcoffset() is not None:
        try:
            day = moment.astimezone(UTC).date()
        except OverflowError:
            day = None
    latest = _today_of(info) + timedelta(days=1)
    if day is not None and EARLIEST <= day <= latest:
        return
    found = written.isoformat()
    if day is not None and day != written:
        found += f" ({day.isoformat()} in UTC)"
    raise PydanticCustomError(
        "date_range",
        "{found} is outside {earliest} to {latest}",
        {"found": found, "earliest": EARLIEST.isoformat(), "latest": latest.isoformat()},
    )


class FeedbackCreated(BaseModel):
    id: str


class FeedbackOut(BaseModel):
    """One stored entry, as its author or an admin reads it."""

    id: str
    external_id: str | None
    text: str
    rating: int | None
    author_role: str | None
    pair_id: str | None
    submitted_at: datetime
    private: bool
    author_key_id: int | None = Field(default=None, exclude=True)


class Rejected(BaseModel):
    line: int = Field(description="Line of the file where the row starts (1 is the first line).")
    error: str = Field(description="Why the row was not imported, in words for the people who wrote it.")
    external_id: str | None = Field(default=None, description="The row's response id, when it has one.")
    text: str | None = Field(default=None, description="The row's feedback text, first 200 characters.")


class ImportReport(BaseModel):
    imported: int
    duplicates: int
    rejected: list[Rejected] = Field(default_factory=list)


class SessionsReport(ImportReport):
    """A sessions import: meetings recorded, meetings already recorded, rows that cannot be read."""


class SessionIn(BaseModel):
    """A meeting of a pair, for the meeting KPIs."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"pair_id": "pair-07", "held_on": "2026-11-02", "topic": "AI tools"}]
        },
    )

    pair_id: PairId
    held_on: date

    @field_validator("held_on", mode="wrap")
    @classmethod
    def _plain_date(cls, value: object, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Any:
        held_on = _checked_date(value, handler, DATE_EXAMPLE)
        _within_window(held_on, info)
        return held_on

    @field_validator("pair_id", "topic", "notes", mode="wrap")
    @classmethod
    def _plain_text(cls, value: object, handler: ValidatorFunctionWrapHandler) -> Any:
        return _checked_text(value, handler)

    topic: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    notes: Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)] | None = None
    minutes: int | None = Field(default=None, ge=1, le=600, description="How long the meeting was.")


class Sentiment(BaseModel):
    score: float = Field(description="-1 (negative) to 1 (positive): text sentiment and ratings.")
    label: Literal["positive", "mixed", "negative"]
    average_rating: float | None
    negative_share: float = Field(description="Share of entries with a negative score.")


class MonthPoint(BaseModel):
    month: str = Field(description="YYYY-MM.")
    count: int
    average_rating: float | None


class Trend(BaseModel):
    direction: Literal["rising", "falling", "steady"] = Field(
        description="Rising or falling when the theme's share of entries in the later half of the "
        "months (at most three) moved 5 points or more against the months before and Fisher's exact "
        "test gives p < 0.10; else steady."
    )
    months: list[MonthPoint]
    basis: str = Field(default="", description="The periods, shares and p-value the direction rests on.")


class Theme(BaseModel):
    label: str
    keywords: list[str]
    count: int
    share: float
    pairs: int = Field(description="Distinct pairs among the theme's entries: voices, not mentions.")
    sentiment: Sentiment
    trend: Trend
    quotes: list[str] = Field(description="Representative entries, personal data redacted.")
    feedback_ids: list[str] = Field(description="External ids where given, else the entries' ids.")
    recommendation: str
    citations: list[str] = Field(description="Ids of the knowledge passages the recommendation rests on.")
    suggested_label: str | None = Field(
        default=None, description="The companion's name for the theme, when an admin has renamed it."
    )
    admin_choice: int | None = Field(default=None, description="The id of the admin's choice that named it.")


class KpiChange(BaseModel):
    """One KPI in the latest month with data, beside the month before."""

    name: str
    month: str = Field(description="'2026-11': the latest month with feedback or sessions.")
    value: float | None
    previous: float | None = Field(description="The same KPI in the month before.")
    change: float | None = Field(description="value - previous; null when either is missing.")


class Kpis(BaseModel):
    entries: int
    average_rating: float | None
    entries_by_role: dict[str, int]
    pairs: int = Field(description="Pairs known to the programme.")
    pairs_with_feedback: int
    sessions: int
    sessions_per_pair_per_month: float | None = Field(
        description="Meeting frequency: sessions per pair with sessions, per month of activity."
    )
    pairs_without_recent_session: int | None = Field(
        description="Pairs with no session in the last 45 days; null when no session has been recorded "
        "at all (no data is not the same as every pair stalled)."
    )
    session_data: bool = Field(
        default=True, description="Whether any session has been recorded: without it, cadence KPIs are null."
    )
    changes: list[KpiChange] = Field(
        default_factory=list,
        description="Entries, average rating and sessions in the latest month with data, against the "
        "month before.",
    )
    as_of: date


class Summary(BaseModel):
    total: int
    themes: list[Theme]
    kpis: Kpis
    executive_summary: str
    citations: list[Citation]
    choices_applied: list[int] = Field(
        default_factory=list, description="Ids of the admins' theme choices (renames, merges) applied."
    )
    provider: str = "offline"
    degraded: bool = False
    degraded_reason: str | None = None


# Two characters that are not spaces, and no control characters (what clean_name checks, stated).
ThemeName = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        min_length=2,
        max_length=80,
        pattern=r"^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$",
    ),
]


class ThemeRename(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"name": "Scheduling"}]})

    name: ThemeName
    current_label: str | None = Field(
        default=None,
        max_length=200,
        description="The theme's name as you saw it: when the themes have changed since, the rename is "
        "refused (409) rather than applied to another theme.",
    )


class ThemeMerge(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"themes": [2, 5]}]})

    themes: set[Annotated[int, Field(ge=1, le=1000)]] = Field(
        min_length=2,
        max_length=2,
        description="The two themes' numbers in the current summary (1 is the first).",
    )
    name: ThemeName | None = Field(
        default=None, description="The merged theme's name; else the larger one's."
    )


class ThemeChoiceOut(BaseModel):
    id: int
    action: Literal["rename", "merge"]
    name: str | None
    label_then: str = Field(description="The theme's name (a merge: both names) when the choice was made.")
    entries: int = Field(description="Entries the choice recorded the theme(s) by.")
    chosen_by: str
    created_at: datetime
    undone_at: datetime | None
    applied: bool = Field(description="Whether the choice applies to the current themes.")


class ThemeEntryOut(BaseModel):
    id: str
    month: str = Field(description="'2026-05'.")
    author_role: str | None
    rating: int | None
    text: str = Field(description="Personal data redacted; a private answer's text is withheld.")
    private: bool


class ThemeEntriesOut(BaseModel):
    number: int
    theme: str
    total: int = Field(description="The theme's entries before the filters.")
    entries: list[ThemeEntryOut] = Field(description="After the filters, oldest first.")
    months: list[str] = Field(description="The months, roles and ratings the filters can take.")
    roles: list[str]
    ratings: list[int]
