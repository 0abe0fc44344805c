"""SQLAlchemy 2 models of the programme data. Alembic migrations in `migrations/` create them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


def utc_now() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class Person(Base):
    """Someone in the programme: a mentor, a mentee or an admin. API keys belong to a person."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)


class Pair(Base):
    """A mentoring pair: a (junior) mentor and a (senior) mentee, known by the programme's own id.
    Pairs made by a feedback import have names only; pairs an admin makes link two people."""

    __tablename__ = "pairs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    mentor_name: Mapped[str | None] = mapped_column(String(200))
    mentee_name: Mapped[str | None] = mapped_column(String(200))
    mentor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), index=True)
    mentee_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), index=True)
    started_on: Mapped[date | None] = mapped_column(Date)
    planned_sessions: Mapped[int | None] = mapped_column(Integer)
    rhythm_days: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)

    sessions: Mapped[list[MentoringSession]] = relationship(back_populates="pair")


class MentoringSession(Base):
    """One meeting of a pair."""

    __tablename__ = "sessions"
    __table_args__ = (UniqueConstraint("pair_id", "held_on", "topic", name="uq_session_pair_day_topic"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    topic: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    minutes: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)

    pair: Mapped[Pair] = relationship(back_populates="sessions")


class Goal(Base):
    """One of a pair's goals, with where it stands."""

    __tablename__ = "goals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)


class ActionItem(Base):
    """Something one of the pair said they would do after a session."""

    __tablename__ = "action_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(String(300))
    owner: Mapped[str] = mapped_column(String(16))
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)


class SavedAgenda(Base):
    """A planned session: the request and the agenda as generated, kept so that it can be
    reopened, shared, printed and put in a calendar exactly as it was saved."""

    __tablename__ = "saved_agendas"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair_id: Mapped[int | None] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    author_key_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id", ondelete="SET NULL"))
    author_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    request_json: Mapped[str] = mapped_column(Text)
    agenda_json: Mapped[str] = mapped_column(Text)
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)


class Reflection(Base):
    """Someone's reflection on a session: private to its author unless they share it."""

    __tablename__ = "reflections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id", ondelete="SET NULL"))
    author_person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    prompts_json: Mapped[str] = mapped_column(Text, default="[]")
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)


class Feedback(Base):
    """One feedback entry. `dedupe_key` makes imports idempotent: `ext:<external id>` when the
    source gives one, else `hash:<content hash>`; entries posted without an external id get a key
    of their own and are never merged."""

    __tablename__ = "feedback"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    external_id: Mapped[str | None] = mapped_column(String(128))
    author_role: Mapped[str | None] = mapped_column(String(16))
    pair_id: Mapped[int | None] = mapped_column(ForeignKey("pairs.id", ondelete="SET NULL"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id", ondelete="SET NULL"))
    rating: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    private: Mapped[bool] = mapped_column(Boolean, default=False)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    source: Mapped[str] = mapped_column(String(200))
    author_key_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)

    pair: Mapped[Pair | None] = relationship()


class FeedbackEmbedding(Base):
    """A feedback text's embedding by one model, computed once and reused by every summary."""

    __tablename__ = "feedback_embeddings"

    feedback_id: Mapped[str] = mapped_column(ForeignKey("feedback.id", ondelete="CASCADE"), primary_key=True)
    model_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    vector: Mapped[bytes] = mapped_column(LargeBinary)


class ApiKey(Base):
    """An API key: only its SHA-256 hash is stored; `prefix` identifies it in listings."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class RevokedWebSession(Base):
    """A web session signed out before its cookie expired: a copy of the cookie is refused too.
    Rows are kept until the cookie would have expired anyway."""

    __tablename__ = "revoked_web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class LocalGuidanceUse(Base):
    """How many answers cited one of the organisation's own articles, and when one last did."""

    __tablename__ = "local_guidance_use"

    article_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    answers: Mapped[int] = mapped_column(Integer, default=0)
    last_cited_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Job(Base):
    """A background job (reading imported feedback with the themes model) and its progress. The
    queue (huey) carries only the job's id; this row is what people see and what a restarted
    worker resumes from: a running job whose heartbeat stopped is queued again."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)  # queued, running, done, failed
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ThemeChoice(Base):
    """An admin's choice about the feedback themes: a new name for a theme, or two themes read as
    one. Themes are recomputed on every summary, so a choice records the theme by its entries
    (`members_json`, and `other_members_json` for the second theme of a merge) and is applied to
    whichever theme holds most of them now (re-imports and re-clustering keep it). Undoing a choice
    keeps its row (`undone_at`): the table is the log of who chose what, and when."""

    __tablename__ = "theme_choices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(16))  # rename, merge
    name: Mapped[str | None] = mapped_column(String(120))
    members_json: Mapped[str] = mapped_column(Text)
    other_members_json: Mapped[str | None] = mapped_column(Text)
    label_then: Mapped[str] = mapped_column(String(200))  # the theme's name(s) when chosen
    chosen_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
