"""What the pair workspace takes in and gives out, shared by the API, the web pages and the CLI."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from companion.guidance.schemas import Agenda, AgendaRequest, ReflectionPrompt

MAX_ID = 2**31 - 1  # ids are 32-bit integers in PostgreSQL; a larger number names nothing
GoalStatus = Literal["open", "in-progress", "achieved", "dropped"]
Owner = Literal["mentor", "mentee", "both"]
Side = Literal["mentor", "mentee", "admin"]
# Text a database can store has no NUL: stated in the schema (so clients and schemathesis know),
# and checked first by `_In._storable` for a message people understand.
NO_NUL = r"^[^\x00]*$"
# ... and a required text has something in it besides spaces (it is stripped before it is checked)
SOME_TEXT = r"^[^\x00]*[^\s\x00][^\x00]*$"
Line = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300, pattern=SOME_TEXT)
]
PairName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64, pattern=r"^[^\x00-\x1f]+$")
]


def unstorable(value: object) -> str | None:
    """Why a value cannot be stored (PostgreSQL refuses NUL in text; no database stores half a
    surrogate pair), looking inside lists and objects; None when it can be."""
    if isinstance(value, str):
        if "\x00" in value:
            return "contains a NUL character (\\x00), which cannot be stored: remove it"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "contains a broken character (half of a surrogate pair), which cannot be stored: remove it"
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return next((reason for item in value if (reason := unstorable(item))), None)
    return None


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _storable(cls, data: Any) -> Any:
        reason = unstorable(data)
        if reason:
            raise ValueError(f"a field {reason}")
        return data


class PairIn(_In):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"mentor_id": 1, "mentee_id": 2, "started_on": "2026-12-01", "planned_sessions": 6}]
        },
    )

    mentor_id: int = Field(ge=1, le=MAX_ID, description="A person whose role is mentor.")
    mentee_id: int = Field(ge=1, le=MAX_ID, description="A person whose role is mentee.")
    name: PairName | None = Field(
        default=None, description="The programme's name for the pair; made up when empty."
    )
    started_on: date | None = None
    planned_sessions: int | None = Field(default=None, ge=1, le=50)
    rhythm_days: int | None = Field(default=None, ge=7, le=120, description="Days between sessions.")


class GoalIn(_In):
    text: Line
    status: GoalStatus = "open"


class GoalUpdate(_In):
    status: GoalStatus


class ActionIn(_In):
    text: Line
    owner: Owner = "mentee"


class SessionRecordIn(_In):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "held_on": "2026-12-01",
                    "topic": "AI assistants for first drafts",
                    "minutes": 45,
                    "notes": "Drafted a board summary together; worried about what is safe to paste.",
                    "actions": [{"text": "Try the assistant on next week's update", "owner": "mentee"}],
                }
            ]
        },
    )

    held_on: date
    topic: Line
    minutes: int | None = Field(default=None, ge=5, le=480)
    notes: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=8000, pattern=NO_NUL)] | None
    ) = None
    actions: list[ActionIn] = Field(default_factory=list, max_length=10)


class ActionUpdate(_In):
    done: bool


class PlanIn(_In):
    """A session to plan for a pair: what the pair's record cannot know."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"topic": "AI assistants for first drafts", "minutes": 45, "starts_at": "2026-12-09T10:00"}
            ]
        },
    )

    topic: Line
    minutes: int = Field(default=60, ge=15, le=240)
    session_number: int | None = Field(
        default=None, ge=1, le=100, description="Defaults to the next one: sessions recorded + 1."
    )
    mentee_role: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=120, pattern=NO_NUL)] | None
    ) = None
    talking_points: list[Line] = Field(default_factory=list, max_length=10)
    starts_at: datetime | None = Field(
        default=None, description="When it starts; without a zone, in the planner's own time zone."
    )


class ShareIn(_In):
    shared: bool = True


class ReflectionIn(_In):
    text: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=8000, pattern=SOME_TEXT)
    ]
    session_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    shared: bool = False


class PersonBrief(BaseModel):
    id: int
    name: str
    email: str
    timezone: str = "UTC"


class GoalOut(BaseModel):
    id: int
    text: str
    status: GoalStatus


class ActionOut(BaseModel):
    id: int
    text: str
    owner: str
    done: bool
    session_id: int | None
    session_number: int | None = Field(default=None, description="Which session it came from.")


class SessionOut(BaseModel):
    id: int
    number: int = Field(description="1 for the pair's first recorded session.")
    held_on: date
    topic: str
    minutes: int | None
    notes: str | None = Field(description="The pair's own notes; never shown to an admin.")


class AgendaBrief(BaseModel):
    id: int
    title: str
    session_number: int
    shared: bool
    starts_at: datetime | None
    created_at: datetime
    updated_at: datetime


class ReflectionOut(BaseModel):
    id: int
    session_id: int | None
    author: str
    mine: bool
    text: str
    shared: bool
    prompts: list[ReflectionPrompt] = Field(default_factory=list)
    created_at: datetime


class PairOut(BaseModel):
    id: int
    name: str
    mentor: PersonBrief | None
    mentee: PersonBrief | None
    started_on: date | None
    planned_sessions: int | None
    rhythm_days: int | None
    sessions_held: int
    last_session_on: date | None
    days_since_session: int | None = Field(description="Since the last session, else since the start.")
    stalled: bool = Field(description="No session for the stalled period, and none planned ahead.")
    next_booked_at: datetime | None = Field(
        default=None, description="The start of the next planned session, when one is planned ahead."
    )
    next_session_number: int


class PairDetail(PairOut):
    side: Side = Field(description="How the caller sees this pair: as its mentor, its mentee or an admin.")
    goals: list[GoalOut]
    sessions: list[SessionOut]
    actions: list[ActionOut]
    agendas: list[AgendaBrief]
    reflections: list[ReflectionOut]


class SavedAgendaOut(BaseModel):
    id: int
    pair_id: int | None
    mine: bool = Field(description="Whether the caller planned it (and so may edit and share it).")
    shared: bool
    starts_at: datetime | None
    timezone: str = Field(description="The zone `starts_at` is shown in for the caller.")
    created_at: datetime
    updated_at: datetime
    request: AgendaRequest
    agenda: Agenda


class StalledPair(BaseModel):
    pair: PairOut
    band: str
    next_step: str = Field(description="The re-engagement step the knowledge base gives for this many days.")
    citation: str = Field(description="The passage the step comes from.")
