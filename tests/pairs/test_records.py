"""Saved agendas and reflections: kept as shown, shared on purpose, private otherwise."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from companion.pairs import Forbidden, NotFound, WorkspaceError
from companion.pairs.schemas import PlanIn, ReflectionIn, SessionRecordIn


def test_a_saved_agenda_is_its_planners_until_shared(programme) -> None:
    workspace = programme.workspace
    saved = workspace.plan(
        programme.mentor, programme.pair_id, PlanIn(topic="AI assistants for drafts", minutes=45)
    )
    with pytest.raises(NotFound):
        workspace.records.agenda(programme.mentee, saved.id)
    with pytest.raises(NotFound):
        workspace.records.agenda(programme.admin, saved.id)
    assert workspace.records.agendas(programme.mentee, programme.pair_id) == []

    workspace.records.share_agenda(programme.mentor, saved.id, True)
    seen = workspace.records.agenda(programme.mentee, saved.id)
    assert seen.agenda == saved.agenda and not seen.mine  # exactly what was saved
    assert workspace.records.agenda(programme.admin, saved.id).shared
    with pytest.raises(Forbidden):
        workspace.records.share_agenda(programme.mentee, saved.id, False)
    with pytest.raises(NotFound):
        workspace.records.agenda(programme.outsider, saved.id)


def test_replanning_keeps_the_address_and_changes_the_plan(programme) -> None:
    workspace = programme.workspace
    saved = workspace.plan(
        programme.mentor, programme.pair_id, PlanIn(topic="AI assistants for drafts", minutes=45)
    )
    again = workspace.replan(programme.mentor, saved.id, PlanIn(topic="Short-form video", minutes=60))
    assert again.id == saved.id and again.agenda.minutes == 60 and again.request.topic == "Short-form video"
    assert workspace.records.agenda(programme.mentor, saved.id).agenda.minutes == 60
    workspace.pairs.record_session(
        programme.mentor, programme.pair_id, SessionRecordIn(held_on=date(2026, 11, 20), topic="Video")
    )
    later = workspace.replan(programme.mentor, saved.id, PlanIn(topic="Short-form video", minutes=45))
    assert later.request.session_number == 1, "editing a plan keeps its session, whatever was recorded since"


def test_a_plan_outside_a_pair_cannot_be_shared(programme) -> None:
    from companion.guidance.schemas import AgendaRequest

    saved = programme.workspace.plan_alone(programme.outsider, AgendaRequest(topic="Podcasts", minutes=30))
    assert saved.pair_id is None
    with pytest.raises(WorkspaceError):
        programme.workspace.records.share_agenda(programme.outsider, saved.id, True)


def test_a_private_reflection_is_read_by_its_author_alone(programme) -> None:
    workspace = programme.workspace
    meeting = workspace.pairs.record_session(
        programme.mentor,
        programme.pair_id,
        SessionRecordIn(
            held_on=date(2026, 11, 20), topic="LinkedIn posts", notes="Wrote a first post together."
        ),
    )
    private = workspace.reflect(
        programme.mentee,
        programme.pair_id,
        ReflectionIn(text="I felt exposed posting.", session_id=meeting.id),
    )
    assert private.prompts, "prompts are built on the session's notes"
    quoting = [prompt.text for prompt in private.prompts if "“" in prompt.text]
    assert quoting and all(text.startswith("The session notes say") for text in quoting), quoting
    assert [r.text for r in workspace.records.reflections(programme.mentee, programme.pair_id)] == [
        private.text
    ]
    assert workspace.records.reflections(programme.mentor, programme.pair_id) == []
    assert workspace.records.reflections(programme.admin, programme.pair_id) == []
    assert workspace.detail(programme.admin, programme.pair_id).reflections == []

    workspace.reflect(programme.mentee, programme.pair_id, ReflectionIn(text="Shared one.", shared=True))
    assert [r.text for r in workspace.records.reflections(programme.mentor, programme.pair_id)] == [
        "Shared one."
    ]
    assert workspace.records.reflections(programme.admin, programme.pair_id) == []  # never the admin's


def test_a_reflection_on_another_pairs_session_is_refused(programme) -> None:
    with pytest.raises(NotFound, match="session_id"):
        programme.workspace.reflect(
            programme.mentee, programme.pair_id, ReflectionIn(text="x", session_id=999)
        )
    with pytest.raises(Forbidden):
        programme.workspace.reflect(programme.admin, programme.pair_id, ReflectionIn(text="x"))


def test_a_start_without_a_zone_is_in_the_planners_zone(programme) -> None:
    saved = programme.workspace.plan(  # Dana is in America/New_York: 10:00 there is 15:00 UTC
        programme.mentee,
        programme.pair_id,
        PlanIn(topic="AI assistants", minutes=45, starts_at=datetime(2026, 12, 9, 10, 0)),
    )
    assert saved.starts_at == datetime.fromisoformat("2026-12-09T15:00:00+00:00")
    assert saved.timezone == "America/New_York"
