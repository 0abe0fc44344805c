"""Pairs and what each keeps: goals, sessions with their notes, action items. Every call checks
the caller's access inside its own transaction (`access.py`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from companion.db import Database
from companion.db.models import ActionItem, Goal, MentoringSession, Pair, Person, SavedAgenda
from companion.pairs.access import Conflict, NotFound, Viewer, WorkspaceError, member_pair, visible_pair
from companion.pairs.schemas import (
    ActionOut,
    GoalIn,
    GoalOut,
    PairIn,
    PairOut,
    PersonBrief,
    SessionOut,
    SessionRecordIn,
)


@dataclass(frozen=True)
class PairHistory:
    """What the next plan of a pair builds on."""

    pair: PairOut
    side: str
    goals: list[GoalOut]
    sessions: list[SessionOut]
    open_actions: list[ActionOut]


def today() -> date:
    return datetime.now(UTC).date()


def _brief(person: Person | None) -> PersonBrief | None:
    if person is None:
        return None
    return PersonBrief(id=person.id, name=person.name, email=person.email, timezone=person.timezone)


def pair_out(session: Session, pair: Pair, stalled_days: int, on: date | None = None) -> PairOut:
    held, last = session.execute(
        select(func.count(MentoringSession.id), func.max(MentoringSession.held_on)).where(
            MentoringSession.pair_id == pair.id
        )
    ).one()
    since = last or pair.started_on
    days = ((on or today()) - since).days if since is not None else None
    # Sessions planned with a start still to come: a booked pair is not stalled, and the next plan
    # to write is the one after them.
    upcoming = sorted(
        starts
        for starts in session.scalars(
            select(SavedAgenda.starts_at).where(
                SavedAgenda.pair_id == pair.id, SavedAgenda.starts_at >= datetime.now(UTC)
            )
        )
        if starts is not None
    )
    return PairOut(
        id=pair.id,
        name=pair.external_id,
        mentor=_brief(session.get(Person, pair.mentor_id)) if pair.mentor_id else None,
        mentee=_brief(session.get(Person, pair.mentee_id)) if pair.mentee_id else None,
        started_on=pair.started_on,
        planned_sessions=pair.planned_sessions,
        rhythm_days=pair.rhythm_days,
        sessions_held=held,
        last_session_on=last,
        days_since_session=days,
        stalled=days is not None and days >= stalled_days and not upcoming,
        next_booked_at=upcoming[0] if upcoming else None,
        next_session_number=held + len(upcoming) + 1,
    )


def _sessions(session: Session, pair_id: int, with_notes: bool) -> list[SessionOut]:
    rows = session.scalars(
        select(MentoringSession)
        .where(MentoringSession.pair_id == pair_id)
        .order_by(MentoringSession.held_on, MentoringSession.id)
    )
    return [
        SessionOut(
            id=row.id,
            number=number,
            held_on=row.held_on,
            topic=row.topic,
            minutes=row.minutes,
            notes=row.notes if with_notes else None,
        )
        for number, row in enumerate(rows, start=1)
    ]


def _actions(session: Session, pair_id: int, numbers: dict[int, int]) -> list[ActionOut]:
    rows = session.scalars(select(ActionItem).where(ActionItem.pair_id == pair_id).order_by(ActionItem.id))
    return [
        ActionOut(
            id=row.id,
            text=row.text,
            owner=row.owner,
            done=row.done,
            session_id=row.session_id,
            session_number=numbers.get(row.session_id) if row.session_id else None,
        )
        for row in rows
    ]


def _goals(session: Session, pair_id: int) -> list[GoalOut]:
    rows = session.scalars(select(Goal).where(Goal.pair_id == pair_id).order_by(Goal.id))
    return [GoalOut(id=row.id, text=row.text, status=row.status) for row in rows]  # type: ignore[arg-type]


def default_name(mentor: Person, mentee: Person) -> str:
    def handle(person: Person) -> str:
        return re.sub(r"[^a-z0-9]+", "-", person.email.split("@")[0].lower()).strip("-") or str(person.id)

    return f"{handle(mentor)}-{handle(mentee)}"[:64]


class PairStore:
    def __init__(self, database: Database, stalled_days: int) -> None:
        self.database = database
        self.stalled_days = stalled_days

    # -- pairs -------------------------------------------------------------------------------

    def create(self, pair: PairIn) -> PairOut:
        def work(session: Session) -> PairOut:
            mentor = session.get(Person, pair.mentor_id)
            mentee = session.get(Person, pair.mentee_id)
            for field, person, role in (("mentor_id", mentor, "mentor"), ("mentee_id", mentee, "mentee")):
                if person is None:
                    raise NotFound(f"{field}: nobody in the programme has id {getattr(pair, field)}")
                if person.role != role:
                    raise Conflict(f"{field}: {person.name} is a {person.role}, not a {role}")
            assert mentor is not None and mentee is not None
            name = pair.name or default_name(mentor, mentee)
            if session.scalar(select(Pair.id).where(Pair.external_id == name)) is not None:
                raise Conflict(f"name: a pair called {name!r} exists already")
            row = Pair(
                external_id=name,
                mentor_name=mentor.name,
                mentee_name=mentee.name,
                mentor_id=mentor.id,
                mentee_id=mentee.id,
                started_on=pair.started_on,
                planned_sessions=pair.planned_sessions,
                rhythm_days=pair.rhythm_days,
            )
            session.add(row)
            session.flush()
            return pair_out(session, row, self.stalled_days)

        try:
            return self.database.write(work)
        except IntegrityError as error:
            raise Conflict("name: a pair with that name was added meanwhile") from error

    def pairs_of(self, viewer: Viewer) -> list[PairOut]:
        """The caller's pairs (every pair for an admin), most overdue first."""

        def work(session: Session) -> list[PairOut]:
            query = select(Pair).order_by(Pair.id)
            if not viewer.is_admin:
                if viewer.person_id is None:
                    return []
                query = query.where(
                    (Pair.mentor_id == viewer.person_id) | (Pair.mentee_id == viewer.person_id)
                )
            return [pair_out(session, row, self.stalled_days) for row in session.scalars(query)]

        pairs = self.database.read(work)
        return sorted(pairs, key=lambda pair: -(pair.days_since_session or -1))

    def history(self, viewer: Viewer, pair_id: int) -> PairHistory:
        """The pair as the caller may see it: notes only for its mentor and mentee."""

        def work(session: Session) -> PairHistory:
            pair, side = visible_pair(session, viewer, pair_id)
            sessions = _sessions(session, pair.id, with_notes=side != "admin")
            numbers = {meeting.id: meeting.number for meeting in sessions}
            actions = _actions(session, pair.id, numbers)
            return PairHistory(
                pair=pair_out(session, pair, self.stalled_days),
                side=side,
                goals=_goals(session, pair.id),
                sessions=sessions,
                open_actions=[action for action in actions if not action.done],
            )

        return self.database.read(work)

    def actions(self, viewer: Viewer, pair_id: int) -> list[ActionOut]:
        def work(session: Session) -> list[ActionOut]:
            pair, _ = visible_pair(session, viewer, pair_id)
            numbers = {meeting.id: meeting.number for meeting in _sessions(session, pair.id, False)}
            return _actions(session, pair.id, numbers)

        return self.database.read(work)

    # -- goals -------------------------------------------------------------------------------

    def add_goal(self, viewer: Viewer, pair_id: int, goal: GoalIn) -> GoalOut:
        def work(session: Session) -> GoalOut:
            pair, _ = member_pair(session, viewer, pair_id)
            if (session.scalar(select(func.count(Goal.id)).where(Goal.pair_id == pair.id)) or 0) >= 20:
                raise Conflict("a pair keeps at most 20 goals; mark some achieved or dropped and edit them")
            row = Goal(pair_id=pair.id, text=goal.text, status=goal.status)
            session.add(row)
            session.flush()
            return GoalOut(id=row.id, text=row.text, status=goal.status)

        return self.database.write(work)

    def set_goal_status(self, viewer: Viewer, pair_id: int, goal_id: int, status: str) -> GoalOut:
        def work(session: Session) -> GoalOut:
            pair, _ = member_pair(session, viewer, pair_id)
            row = session.get(Goal, goal_id)
            if row is None or row.pair_id != pair.id:
                raise NotFound(f"goal {goal_id} is not one of this pair's goals")
            row.status = status
            return GoalOut(id=row.id, text=row.text, status=status)  # type: ignore[arg-type]

        return self.database.write(work)

    # -- sessions and action items ---------------------------------------------------------------

    def record_session(self, viewer: Viewer, pair_id: int, meeting: SessionRecordIn) -> SessionOut:
        def work(session: Session) -> SessionOut:
            pair, _ = member_pair(session, viewer, pair_id)
            if meeting.held_on > today():
                raise WorkspaceError("held_on: a session is recorded once it has happened; plan future ones")
            if pair.started_on is not None and meeting.held_on < pair.started_on:
                raise WorkspaceError(
                    f"held_on: the pair started on {pair.started_on:%d %b %Y}; a session cannot be earlier"
                )
            clash = session.scalar(
                select(MentoringSession.id).where(
                    MentoringSession.pair_id == pair.id,
                    MentoringSession.held_on == meeting.held_on,
                    MentoringSession.topic == meeting.topic,
                )
            )
            if clash is not None:
                raise Conflict("topic: a session with this date and topic is recorded already")
            row = MentoringSession(
                pair_id=pair.id,
                held_on=meeting.held_on,
                topic=meeting.topic,
                minutes=meeting.minutes,
                notes=meeting.notes or None,
            )
            session.add(row)
            session.flush()
            session.add_all(
                ActionItem(pair_id=pair.id, session_id=row.id, text=action.text, owner=action.owner)
                for action in meeting.actions
            )
            number = next(s.number for s in _sessions(session, pair.id, False) if s.id == row.id)
            return SessionOut(
                id=row.id,
                number=number,
                held_on=row.held_on,
                topic=row.topic,
                minutes=row.minutes,
                notes=row.notes,
            )

        return self.database.write(work)

    def set_action_done(self, viewer: Viewer, pair_id: int, action_id: int, done: bool) -> ActionOut:
        def work(session: Session) -> ActionOut:
            pair, _ = member_pair(session, viewer, pair_id)
            row = session.get(ActionItem, action_id)
            if row is None or row.pair_id != pair.id:
                raise NotFound(f"action item {action_id} is not one of this pair's")
            row.done = done
            return ActionOut(
                id=row.id, text=row.text, owner=row.owner, done=row.done, session_id=row.session_id
            )

        return self.database.write(work)
