"""Stalled pairs, with the knowledge base's outreach step for the length of the gap."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from companion.pairs.schemas import PairIn, PlanIn, SessionRecordIn
from companion.pairs.stalled import outreach_steps
from companion.pairs.store import today


def test_the_outreach_steps_come_from_the_knowledge_base(kb_services) -> None:
    steps = outreach_steps(kb_services.chunks)
    assert [step.day for step in steps] == [45, 55, 60]
    assert all(step.chunk_id.startswith("re-engaging-stalled-pairs#") for step in steps)


def test_a_pair_without_a_session_for_the_threshold_is_listed_with_its_step(programme) -> None:
    workspace = programme.workspace
    # Started 90 days ago with no session: stalled, counted from the start
    assert [item.pair.id for item in workspace.stalled(programme.admin)] == [programme.pair_id]
    workspace.pairs.record_session(
        programme.mentor,
        programme.pair_id,
        SessionRecordIn(held_on=today() - timedelta(days=56), topic="Podcasts"),
    )
    fresh = workspace.pairs.create(
        PairIn(
            mentor_id=programme.outsider.person_id,
            mentee_id=programme.mentee.person_id,
            started_on=today() - timedelta(days=10),
        )
    )
    stalled = workspace.stalled(programme.admin)
    assert [item.pair.id for item in stalled] == [programme.pair_id]
    assert fresh.id not in [item.pair.id for item in stalled]
    assert stalled[0].band == "red" and stalled[0].next_step.startswith("Day 55")
    assert stalled[0].citation == "re-engaging-stalled-pairs#outreach-from-the-programme-team-0"
    assert workspace.stalled(programme.outsider) == []  # a mentor sees only their own pairs


def test_a_pair_with_a_session_planned_ahead_is_not_stalled(programme) -> None:
    workspace = programme.workspace
    workspace.pairs.record_session(
        programme.mentor,
        programme.pair_id,
        SessionRecordIn(held_on=today() - timedelta(days=56), topic="Podcasts"),
    )
    ahead = (datetime.now(UTC) + timedelta(days=7)).replace(tzinfo=None, microsecond=0)
    workspace.plan(programme.mentor, programme.pair_id, PlanIn(topic="Podcasts", minutes=30, starts_at=ahead))
    pair = workspace.detail(programme.admin, programme.pair_id)
    assert not pair.stalled and pair.next_booked_at is not None
    assert pair.sessions_held == 1 and pair.next_session_number == 3  # session 2 is already planned
    assert workspace.stalled(programme.admin) == []
