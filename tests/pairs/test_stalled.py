"""Stalled pairs, with the knowledge base's outreach step for the length of the gap."""

from __future__ import annotations

from datetime import timedelta

from companion.pairs.schemas import PairIn, SessionRecordIn
from companion.pairs.stalled import outreach_steps
from companion.pairs.store import today


def test_the_outreach_steps_come_from_the_knowledge_base(kb_services) -> None:
    steps = outreach_steps(kb_services.chunks)
    assert [step.day for step in steps] == [45, 55, 60]
    assert all(step.chunk_id.startswith("re-engaging-stalled-pairs#") for step in steps)


def test_a_pair_without_a_session_for_the_threshold_is_listed_with_its_step(programme) -> None:
    workspace = programme.workspace
    assert workspace.stalled(programme.admin) == []
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
