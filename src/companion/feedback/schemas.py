"""Feedback requests and the admin summary (shared by the API, the CLI and the eval suite)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints, field_validator

from companion.guidance.schemas import Citation

FeedbackText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
ExternalId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
PairId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
AuthorRole = Literal["mentor", "mentee", "admin"]


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

    @field_validator("submitted_at", mode="before")
    @classmethod
    def _timestamp_text(cls, value: object) -> object:
        return _no_numbers(value)

    @field_validator("text")
    @classmethod
    def _printable(cls, text: str) -> str:
        if "\x00" in text:
            raise ValueError("must not contain NUL characters")
        return text


def _no_numbers(value: object) -> object:
    """Dates and times come as ISO 8601 text: a bare number (a Unix time?) is refused."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError("must be an ISO 8601 date or time, such as 2026-11-02, not a number")
    return value


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
    error: str


class ImportReport(BaseModel):
    imported: int
    duplicates: int
    rejected: list[Rejected] = Field(default_factory=list)


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

    @field_validator("held_on", mode="before")
    @classmethod
    def _date_text(cls, value: object) -> object:
        return _no_numbers(value)

    topic: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    notes: Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)] | None = None


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
        description="The theme's share of the last three months against the months before."
    )
    months: list[MonthPoint]


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
    pairs_without_recent_session: int = Field(description="Pairs with no session in the last 45 days.")
    as_of: date


class Summary(BaseModel):
    total: int
    themes: list[Theme]
    kpis: Kpis
    executive_summary: str
    citations: list[Citation]
    provider: str = "offline"
    degraded: bool = False
    degraded_reason: str | None = None
