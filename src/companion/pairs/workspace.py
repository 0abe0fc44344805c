"""The pair workspace service: the stores, and the guidance that builds on a pair's record.

Routes and commands call this, never the stores' SQL: planning for a pair reads the pair's
history, asks the guidance service for the agenda, and saves it as shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from companion.guidance.schemas import AgendaRequest, ReflectionPrompt, ReflectionRequest
from companion.guidance.service import GuidanceService
from companion.kb.defaults import ProgrammeDefaults
from companion.pairs.access import Forbidden, Viewer
from companion.pairs.calendar import agenda_event
from companion.pairs.memory import agenda_request, from_record
from companion.pairs.overview import Health, PairNext, health, pair_next
from companion.pairs.people import PeopleStore
from companion.pairs.records import RecordStore
from companion.pairs.schemas import (
    PairDetail,
    PairOut,
    PlanIn,
    ReflectionIn,
    ReflectionOut,
    SavedAgendaOut,
    StalledPair,
)
from companion.pairs.stalled import outreach_steps, stalled_pairs
from companion.pairs.store import PairStore
from companion.rag.chunking import Chunk


class PairWorkspace:
    def __init__(
        self,
        pairs: PairStore,
        records: RecordStore,
        people: PeopleStore,
        guidance: Callable[[], GuidanceService],
        defaults: ProgrammeDefaults,
        chunks: Callable[[], list[Chunk]],
    ) -> None:
        """`guidance` and `chunks` are asked for when first needed: listing pairs loads no model."""
        self.pairs = pairs
        self.records = records
        self.people = people
        self._guidance = guidance
        self.defaults = defaults
        self._chunks = chunks

    @property
    def guidance(self) -> GuidanceService:
        return self._guidance()

    # -- reading ---------------------------------------------------------------------------------

    def detail(self, viewer: Viewer, pair_id: int) -> PairDetail:
        history = self.pairs.history(viewer, pair_id)
        return PairDetail(
            **history.pair.model_dump(),
            side=history.side,  # type: ignore[arg-type]
            goals=history.goals,
            sessions=history.sessions,
            actions=self.pairs.actions(viewer, pair_id),
            agendas=self.records.agendas(viewer, pair_id),
            reflections=self.records.reflections(viewer, pair_id),
        )

    def band(self, days: int | None) -> str:
        """The monitoring band of a gap: green, amber or red (knowledge/defaults.yaml)."""
        return self.defaults.monitoring.band_for(days).name if days is not None else "green"

    def next_steps(self, viewer: Viewer) -> list[PairNext]:
        """For a mentor's or mentee's home page: each of their pairs and what to do next."""
        steps = []
        zone = self._zone(viewer)
        for pair in self.pairs.pairs_of(viewer):
            detail = self.detail(viewer, pair.id)
            reflected = {reflection.session_id for reflection in detail.reflections if reflection.mine}
            steps.append(
                pair_next(
                    pair,
                    detail.side,
                    detail.agendas,
                    detail.actions,
                    detail.sessions,
                    reflected,
                    self.band(pair.days_since_session),
                    zone,
                )
            )
        return steps

    def health(self, viewer: Viewer) -> Health:
        """For an admin's home page: every pair by band, the new ones and the stalled ones."""
        pairs = self.pairs.pairs_of(viewer)
        stalled = sum(1 for pair in pairs if pair.stalled and (pair.mentor or pair.mentee))
        return health(pairs, lambda days: self.band(days), stalled)

    def stalled(self, viewer: Viewer) -> list[StalledPair]:
        return stalled_pairs(
            self.pairs.pairs_of(viewer),
            outreach_steps(self._chunks()),
            lambda days: self.defaults.monitoring.band_for(days).name,
        )

    # -- planning --------------------------------------------------------------------------------

    def _zone(self, viewer: Viewer) -> str:
        person = self.people.get(viewer.person_id) if viewer.person_id else None
        return person.timezone if person else "UTC"

    def _aware(self, viewer: Viewer, starts_at: datetime | None) -> datetime | None:
        """A start without a zone is in the planner's own time zone."""
        if starts_at is None or starts_at.tzinfo is not None:
            return starts_at
        return starts_at.replace(tzinfo=ZoneInfo(self._zone(viewer)))

    def _pair_request(self, viewer: Viewer, pair_id: int, plan: PlanIn) -> tuple[AgendaRequest, list[str]]:
        history = self.pairs.history(viewer, pair_id)
        if history.side == "admin":
            raise Forbidden("only the pair's mentor and mentee plan its sessions")
        request = agenda_request(history, plan, self.records.used_starters(viewer, pair_id))
        return request, from_record(request, history.pair.planned_sessions)

    def plan(self, viewer: Viewer, pair_id: int, plan: PlanIn) -> SavedAgendaOut:
        """The pair's next session planned from its record, and saved."""
        request, notes = self._pair_request(viewer, pair_id, plan)
        agenda = self.guidance.agenda(request)
        agenda.from_record = notes
        return self.records.save_agenda(viewer, pair_id, request, agenda, self._aware(viewer, plan.starts_at))

    def replan(self, viewer: Viewer, agenda_id: int, plan: PlanIn) -> SavedAgendaOut:
        """The agenda regenerated from edited inputs, at the same address."""
        saved = self.records.agenda(viewer, agenda_id)
        if saved.pair_id is None:
            request = saved.request.model_copy(
                update={
                    "topic": plan.topic,
                    "minutes": plan.minutes,
                    "session_number": plan.session_number or saved.request.session_number,
                    "mentee_role": plan.mentee_role or None,
                    "talking_points": plan.talking_points,
                }
            )
            request = AgendaRequest.model_validate(request.model_dump())
            notes: list[str] = []
        else:  # the same session as before, even if another has been recorded since
            plan = plan.model_copy(
                update={"session_number": plan.session_number or saved.request.session_number}
            )
            request, notes = self._pair_request(viewer, saved.pair_id, plan)
        agenda = self.guidance.agenda(request)
        agenda.from_record = notes
        return self.records.replace_agenda(
            viewer, agenda_id, request, agenda, self._aware(viewer, plan.starts_at)
        )

    def plan_alone(self, viewer: Viewer, request: AgendaRequest) -> SavedAgendaOut:
        """A plan outside any pair (the request carries everything), saved for its planner."""
        return self.records.save_agenda(viewer, None, request, self.guidance.agenda(request), None)

    def calendar_file(self, viewer: Viewer, agenda_id: int) -> bytes:
        return agenda_event(self.records.agenda(viewer, agenda_id), self._zone(viewer))

    # -- reflections -----------------------------------------------------------------------------

    def prompts_for(self, viewer: Viewer, pair_id: int, session_id: int | None) -> list[ReflectionPrompt]:
        """Reflection prompts on one of the pair's sessions, built on that session's notes."""
        history = self.pairs.history(viewer, pair_id)
        if history.side == "admin" or not history.sessions:
            return []
        meeting = next((s for s in history.sessions if s.id == session_id), history.sessions[-1])
        request = ReflectionRequest(
            topic=meeting.topic if len(meeting.topic) >= 2 else "our session",
            notes=(meeting.notes or None) and meeting.notes[:4000],
            count=4,
            role=history.side,  # type: ignore[arg-type]
            notes_by="pair",
        )
        return self.guidance.reflect(request).prompts

    def reflect(self, viewer: Viewer, pair_id: int, reflection: ReflectionIn) -> ReflectionOut:
        prompts = self.prompts_for(viewer, pair_id, reflection.session_id)
        return self.records.add_reflection(viewer, pair_id, reflection, prompts)

    def pairs_of(self, viewer: Viewer) -> list[PairOut]:
        return self.pairs.pairs_of(viewer)
