"""Saved agendas and reflections: what was generated is stored as it was shown, so that reopening,
sharing, printing and the calendar file all show exactly that, never a regenerated text.

- An agenda belongs to whoever planned it; shared, the pair's other member sees it too, and an
  admin sees it (shared items are the programme's to see). Only its planner edits or shares it.
- A reflection belongs to its author; shared, the pair's other member sees it. An admin never
  does: a reflection is personal even when shared within the pair.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from pydantic import TypeAdapter
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from companion.db import Database
from companion.db.models import MentoringSession, Pair, Person, Reflection, SavedAgenda
from companion.guidance.schemas import Agenda, AgendaRequest, ReflectionPrompt
from companion.pairs.access import (
    Conflict,
    Forbidden,
    NotFound,
    Viewer,
    member_pair,
    side_of,
    visible_pair,
)
from companion.pairs.schemas import AgendaBrief, ReflectionIn, ReflectionOut, SavedAgendaOut

PROMPTS = TypeAdapter(list[ReflectionPrompt])


def _mine(row: SavedAgenda, viewer: Viewer) -> bool:
    if viewer.person_id is not None and row.author_person_id is not None:
        return row.author_person_id == viewer.person_id
    return row.author_key_id == viewer.key_id


def _zone(session: Session, viewer: Viewer) -> str:
    person = session.get(Person, viewer.person_id) if viewer.person_id else None
    return person.timezone if person is not None else "UTC"


def agenda_out(session: Session, row: SavedAgenda, viewer: Viewer) -> SavedAgendaOut:
    return SavedAgendaOut(
        id=row.id,
        pair_id=row.pair_id,
        mine=_mine(row, viewer),
        shared=row.shared,
        starts_at=row.starts_at,
        timezone=_zone(session, viewer),
        created_at=row.created_at,
        updated_at=row.updated_at,
        request=AgendaRequest.model_validate_json(row.request_json),
        agenda=Agenda.model_validate_json(row.agenda_json),
    )


def brief(row: SavedAgenda) -> AgendaBrief:
    request = json.loads(row.request_json)
    agenda = json.loads(row.agenda_json)
    return AgendaBrief(
        id=row.id,
        title=agenda.get("title", ""),
        session_number=request.get("session_number", 1),
        shared=row.shared,
        starts_at=row.starts_at,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


class RecordStore:
    def __init__(self, database: Database) -> None:
        self.database = database

    # -- agendas -----------------------------------------------------------------------------

    def save_agenda(
        self,
        viewer: Viewer,
        pair_id: int | None,
        request: AgendaRequest,
        agenda: Agenda,
        starts_at: datetime | None,
    ) -> SavedAgendaOut:
        def work(session: Session) -> SavedAgendaOut:
            if pair_id is not None:
                member_pair(session, viewer, pair_id)
            row = SavedAgenda(
                pair_id=pair_id,
                author_key_id=viewer.key_id,
                author_person_id=viewer.person_id,
                starts_at=starts_at,
                request_json=request.model_dump_json(),
                agenda_json=agenda.model_dump_json(),
            )
            session.add(row)
            session.flush()
            return agenda_out(session, row, viewer)

        return self.database.write(work)

    def _visible_agenda(self, session: Session, viewer: Viewer, agenda_id: int) -> SavedAgenda:
        row = session.get(SavedAgenda, agenda_id)
        if row is None:
            raise NotFound(f"no agenda {agenda_id} of yours")
        if _mine(row, viewer):
            return row
        if row.pair_id is not None and row.shared:
            pair = session.get(Pair, row.pair_id)
            if pair is not None and side_of(pair, viewer) is not None:
                return row
        raise NotFound(f"no agenda {agenda_id} of yours")

    def agenda(self, viewer: Viewer, agenda_id: int) -> SavedAgendaOut:
        def work(session: Session) -> SavedAgendaOut:
            return agenda_out(session, self._visible_agenda(session, viewer, agenda_id), viewer)

        return self.database.read(work)

    def _own_agenda(self, session: Session, viewer: Viewer, agenda_id: int) -> SavedAgenda:
        row = self._visible_agenda(session, viewer, agenda_id)
        if not _mine(row, viewer):
            raise Forbidden("only the person who planned this session may change or share it")
        return row

    def replace_agenda(
        self,
        viewer: Viewer,
        agenda_id: int,
        request: AgendaRequest,
        agenda: Agenda,
        starts_at: datetime | None,
    ) -> SavedAgendaOut:
        """The agenda regenerated from edited inputs, kept at the same address."""

        def work(session: Session) -> SavedAgendaOut:
            row = self._own_agenda(session, viewer, agenda_id)
            row.request_json = request.model_dump_json()
            row.agenda_json = agenda.model_dump_json()
            row.starts_at = starts_at
            row.updated_at = datetime.now(UTC)
            return agenda_out(session, row, viewer)

        return self.database.write(work)

    def share_agenda(self, viewer: Viewer, agenda_id: int, shared: bool) -> SavedAgendaOut:
        def work(session: Session) -> SavedAgendaOut:
            row = self._own_agenda(session, viewer, agenda_id)
            if row.pair_id is None and shared:
                raise Conflict("this agenda was planned outside a pair; plan it from the pair to share it")
            row.shared = shared
            return agenda_out(session, row, viewer)

        return self.database.write(work)

    def agendas(self, viewer: Viewer, pair_id: int | None) -> list[AgendaBrief]:
        """The pair's agendas the caller may see (or, without a pair, the caller's own unpaired ones)."""

        def work(session: Session) -> list[AgendaBrief]:
            query = select(SavedAgenda).order_by(SavedAgenda.id.desc())
            if pair_id is None:
                query = query.where(SavedAgenda.pair_id.is_(None), SavedAgenda.author_key_id == viewer.key_id)
            else:
                visible_pair(session, viewer, pair_id)
                query = query.where(SavedAgenda.pair_id == pair_id)
            mine = (SavedAgenda.author_key_id == viewer.key_id) | (
                SavedAgenda.author_person_id == viewer.person_id
                if viewer.person_id is not None
                else SavedAgenda.author_key_id == viewer.key_id
            )
            return [brief(row) for row in session.scalars(query.where(or_(mine, SavedAgenda.shared)))]

        return self.database.read(work)

    def used_starters(self, viewer: Viewer, pair_id: int) -> list[str]:
        """Every starter in the pair's saved agendas, oldest first."""

        def work(session: Session) -> list[str]:
            visible_pair(session, viewer, pair_id)
            rows = session.scalars(
                select(SavedAgenda.agenda_json).where(SavedAgenda.pair_id == pair_id).order_by(SavedAgenda.id)
            )
            return [starter for text in rows for starter in json.loads(text).get("starters", [])]

        return self.database.read(work)

    # -- reflections -------------------------------------------------------------------------

    def add_reflection(
        self, viewer: Viewer, pair_id: int, reflection: ReflectionIn, prompts: list[ReflectionPrompt]
    ) -> ReflectionOut:
        def work(session: Session) -> ReflectionOut:
            pair, _ = member_pair(session, viewer, pair_id)
            if reflection.session_id is not None:
                meeting = session.get(MentoringSession, reflection.session_id)
                if meeting is None or meeting.pair_id != pair.id:
                    raise NotFound(f"session_id: session {reflection.session_id} is not this pair's")
            assert viewer.person_id is not None  # member_pair only admits people of the pair
            row = Reflection(
                pair_id=pair.id,
                session_id=reflection.session_id,
                author_person_id=viewer.person_id,
                text=reflection.text,
                prompts_json=PROMPTS.dump_json(prompts).decode(),
                shared=reflection.shared,
            )
            session.add(row)
            session.flush()
            return self._reflection_out(session, row, viewer)

        return self.database.write(work)

    def reflections(self, viewer: Viewer, pair_id: int) -> list[ReflectionOut]:
        """The caller's own reflections and those the pair's other member shared; none for an admin."""

        def work(session: Session) -> list[ReflectionOut]:
            _, side = visible_pair(session, viewer, pair_id)
            if side == "admin":
                return []
            rows = session.scalars(
                select(Reflection)
                .where(
                    Reflection.pair_id == pair_id,
                    or_(Reflection.author_person_id == viewer.person_id, Reflection.shared),
                )
                .order_by(Reflection.id.desc())
            )
            return [self._reflection_out(session, row, viewer) for row in rows]

        return self.database.read(work)

    @staticmethod
    def _reflection_out(session: Session, row: Reflection, viewer: Viewer) -> ReflectionOut:
        author = session.get(Person, row.author_person_id)
        return ReflectionOut(
            id=row.id,
            session_id=row.session_id,
            author=author.name if author else "someone",
            mine=row.author_person_id == viewer.person_id,
            text=row.text,
            shared=row.shared,
            prompts=PROMPTS.validate_json(row.prompts_json),
            created_at=row.created_at,
        )
