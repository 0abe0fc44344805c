"""Storing and reading programme data. Every write is one transaction (see `Database.write`)."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

import numpy as np
from sqlalchemy import func, or_, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from companion.db import Database
from companion.db.models import Feedback, FeedbackEmbedding, MentoringSession, Pair
from companion.feedback.schemas import FeedbackIn, FeedbackOut, SessionIn

IN_CLAUSE = 500  # ids per `IN (...)` query


@dataclass(frozen=True)
class StoredFeedback:
    """A feedback entry as the themes need it."""

    id: str
    public_id: str
    text: str
    rating: int | None
    author_role: str | None
    pair: str | None
    submitted_at: datetime
    private: bool


def content_hash(entry: FeedbackIn) -> str:
    """The same answer imported twice without an external id hashes the same."""
    parts = [
        " ".join(entry.text.split()).lower(),
        str(entry.rating or ""),
        entry.author_role or "",
        entry.pair_id or "",
        entry.submitted_at.isoformat() if entry.submitted_at else "",
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def dedupe_key(entry: FeedbackIn, imported: bool, owner_key_id: int | None = None) -> str:
    """The key that makes storing idempotent. A participant's own external ids live in that
    participant's namespace (`key<id>:ext:...`): nobody can claim a survey response id that a later
    import will bring, nor learn that another entry exists."""
    if entry.external_id:
        key = f"ext:{entry.external_id}"
        return f"key{owner_key_id}:{key}" if owner_key_id is not None else key
    if imported:
        return f"hash:{content_hash(entry)}"
    return f"new:{uuid.uuid4().hex}"


class ProgrammeRepository:
    def __init__(self, database: Database) -> None:
        self.database = database

    # writing -----------------------------------------------------------------------------
    def add_feedback(
        self,
        entry: FeedbackIn,
        source: str = "api",
        author_key_id: int | None = None,
        participant: bool = False,
    ) -> str:
        """Store one entry; with an external id already stored (in the participant's own namespace
        when `participant`), return that entry's id."""

        def work(session: Session) -> str:
            key = dedupe_key(entry, imported=False, owner_key_id=author_key_id if participant else None)
            existing = session.scalar(select(Feedback.id).where(Feedback.dedupe_key == key))
            if existing:
                return existing
            pairs = _pair_ids(session, [entry.pair_id] if entry.pair_id else [])
            row = _feedback_row(entry, key, pairs, source, author_key_id)
            if _insert_ignoring_duplicates(session, [row]):
                return str(row["id"])
            # the same entry was stored a moment ago by a request racing this one
            return str(session.scalar(select(Feedback.id).where(Feedback.dedupe_key == key)))

        return self.database.write(work)

    def import_feedback(self, entries: Sequence[FeedbackIn], source: str) -> tuple[int, int]:
        """Store the entries not stored yet, all in one transaction: (imported, duplicates)."""

        def work(session: Session) -> tuple[int, int]:
            keyed: dict[str, FeedbackIn] = {}
            for entry in entries:
                keyed.setdefault(dedupe_key(entry, imported=True), entry)
            stored = _existing_keys(session, list(keyed))
            new = {key: entry for key, entry in keyed.items() if key not in stored}
            pairs = _pair_ids(session, [entry.pair_id for entry in new.values() if entry.pair_id])
            rows = [_feedback_row(entry, key, pairs, source, None) for key, entry in new.items()]
            inserted = _insert_ignoring_duplicates(session, rows)
            # Count what this transaction inserted: an import racing on the same file may have
            # stored some of these rows first, and then they are its, not ours.
            return inserted, len(entries) - inserted

        return self.database.write(work)

    def add_session(self, meeting: SessionIn) -> bool:
        """Record a meeting; False when the same pair, day and topic is already recorded."""

        def work(session: Session) -> bool:
            pair = _pair_ids(session, [meeting.pair_id])[meeting.pair_id]
            exists = session.scalar(
                select(MentoringSession.id).where(
                    MentoringSession.pair_id == pair,
                    MentoringSession.held_on == meeting.held_on,
                    MentoringSession.topic == meeting.topic,
                )
            )
            if exists:
                return False
            session.add(
                MentoringSession(
                    pair_id=pair,
                    held_on=meeting.held_on,
                    topic=meeting.topic,
                    notes=meeting.notes,
                    minutes=meeting.minutes,
                )
            )
            return True

        return self.database.write(work)

    def store_embeddings(self, model_id: str, vectors: dict[str, np.ndarray]) -> None:
        """Store vectors, replacing any stored for the same entry and model: an upsert, so that the
        background job and a summary reading the same new answers at once do not collide."""

        def work(session: Session) -> None:
            if not vectors:
                return
            rows = [
                {
                    "feedback_id": feedback_id,
                    "model_id": model_id,
                    "vector": vector.astype(np.float32).tobytes(),
                }
                for feedback_id, vector in vectors.items()
            ]
            insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
            statement = insert(FeedbackEmbedding)
            session.execute(
                statement.on_conflict_do_update(
                    index_elements=["feedback_id", "model_id"], set_={"vector": statement.excluded.vector}
                ),
                rows,
            )

        self.database.write(work)

    # reading -----------------------------------------------------------------------------
    def data_version(self) -> tuple[object, ...]:
        """Changes whenever feedback, sessions or pairs are added or removed: counts and the
        newest row of each (a cheap query the summary cache is keyed on)."""

        def work(session: Session) -> tuple[object, ...]:
            feedback = session.execute(select(func.count(Feedback.id), func.max(Feedback.created_at))).one()
            meetings = session.execute(
                select(func.count(MentoringSession.id), func.max(MentoringSession.id))
            ).one()
            pairs = session.execute(select(func.count(Pair.id), func.max(Pair.id))).one()
            return (*feedback, *meetings, *pairs)

        return self.database.read(work)

    def feedback(self) -> list[StoredFeedback]:
        def work(session: Session) -> list[StoredFeedback]:
            query = (
                select(Feedback, Pair.external_id)
                .outerjoin(Pair, Feedback.pair_id == Pair.id)
                .order_by(Feedback.submitted_at, Feedback.dedupe_key)
            )
            return [
                StoredFeedback(
                    id=row.id,
                    public_id=row.external_id or row.id,
                    text=row.text,
                    rating=row.rating,
                    author_role=row.author_role,
                    pair=pair,
                    submitted_at=row.submitted_at,
                    private=row.private,
                )
                for row, pair in session.execute(query)
            ]

        return self.database.read(work)

    def entry(self, feedback_id: str, author_key_id: int | None = None) -> FeedbackOut | None:
        """One entry by its id or its external id; only among this key's entries when given."""

        def work(session: Session) -> FeedbackOut | None:
            query = (
                select(Feedback, Pair.external_id)
                .outerjoin(Pair, Feedback.pair_id == Pair.id)
                .where(or_(Feedback.id == feedback_id, Feedback.external_id == feedback_id))
            )
            if author_key_id is not None:
                query = query.where(Feedback.author_key_id == author_key_id)
            # An id that a participant also used in their own namespace: the programme's entry first.
            query = query.order_by(Feedback.dedupe_key.like("ext:%").desc(), Feedback.created_at).limit(1)
            found = session.execute(query).first()
            if found is None:
                return None
            row, pair = found
            return FeedbackOut(
                id=row.id,
                external_id=row.external_id,
                text=row.text,
                rating=row.rating,
                author_role=row.author_role,
                pair_id=pair,
                submitted_at=row.submitted_at,
                private=row.private,
                author_key_id=row.author_key_id,
            )

        return self.database.read(work)

    def embedded_ids(self, model_id: str) -> set[str]:
        """The ids of the entries that have a vector by this model."""
        return self.database.read(
            lambda session: set(
                session.scalars(
                    select(FeedbackEmbedding.feedback_id).where(FeedbackEmbedding.model_id == model_id)
                )
            )
        )

    def embeddings(self, model_id: str, ids: Iterable[str]) -> dict[str, np.ndarray]:
        wanted = list(ids)

        def work(session: Session) -> dict[str, np.ndarray]:
            found: dict[str, np.ndarray] = {}
            for start in range(0, len(wanted), IN_CLAUSE):
                query = select(FeedbackEmbedding.feedback_id, FeedbackEmbedding.vector).where(
                    FeedbackEmbedding.model_id == model_id,
                    FeedbackEmbedding.feedback_id.in_(wanted[start : start + IN_CLAUSE]),
                )
                for feedback_id, vector in session.execute(query):
                    found[feedback_id] = np.frombuffer(vector, dtype=np.float32)
            return found

        return self.database.read(work)

    def pair_activity(self) -> tuple[int, dict[str, list[date]]]:
        """The number of pairs, and each pair's session dates."""

        def work(session: Session) -> tuple[int, dict[str, list[date]]]:
            pairs = session.scalar(select(func.count(Pair.id))) or 0
            dates: dict[str, list[date]] = {}
            query = select(Pair.external_id, MentoringSession.held_on).join(MentoringSession.pair)
            for pair, held_on in session.execute(query):
                dates.setdefault(pair, []).append(held_on)
            return pairs, dates

        return self.database.read(work)

    def pair_names(self) -> list[str]:
        return self.database.read(lambda session: list(session.scalars(select(Pair.external_id))))


def _existing_keys(session: Session, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), IN_CLAUSE):
        query = select(Feedback.dedupe_key).where(Feedback.dedupe_key.in_(keys[start : start + IN_CLAUSE]))
        found.update(session.scalars(query))
    return found


def _pair_ids(session: Session, names: list[str]) -> dict[str, int]:
    """Database ids of the named pairs; pairs not known yet are created."""
    wanted = sorted(set(names))
    ids: dict[str, int] = {}
    for start in range(0, len(wanted), IN_CLAUSE):
        query = select(Pair.external_id, Pair.id).where(
            Pair.external_id.in_(wanted[start : start + IN_CLAUSE])
        )
        ids.update({name: pair_id for name, pair_id in session.execute(query)})
    for name in wanted:
        if name not in ids:
            pair = Pair(external_id=name)
            session.add(pair)
            session.flush()
            ids[name] = pair.id
    return ids


def _feedback_row(
    entry: FeedbackIn, key: str, pairs: dict[str, int], source: str, author_key_id: int | None
) -> dict[str, object]:
    now = datetime.now(UTC)
    return {
        "id": uuid.uuid4().hex,
        "dedupe_key": key,
        "external_id": entry.external_id,
        "author_role": entry.author_role,
        "pair_id": pairs.get(entry.pair_id) if entry.pair_id else None,
        "rating": entry.rating,
        "text": entry.text,
        "private": entry.private,
        "submitted_at": entry.submitted_at or now,
        "source": source[:200],
        "author_key_id": author_key_id,
        "created_at": now,
    }


def _insert_ignoring_duplicates(session: Session, rows: list[dict[str, object]]) -> int:
    """INSERT ... ON CONFLICT (dedupe_key) DO NOTHING, so that two imports racing on the same
    entry store it once; how many rows this call inserted."""
    if not rows:
        return 0
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(Feedback).on_conflict_do_nothing(index_elements=["dedupe_key"]).returning(Feedback.id)
    return len(session.execute(statement, rows).all())
