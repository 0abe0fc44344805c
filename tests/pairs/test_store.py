"""Pairs, goals, sessions and action items on a real database, with who may see and do what."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from companion.pairs import Forbidden, NotFound, WorkspaceError
from companion.pairs.schemas import ActionIn, GoalIn, PairIn, SessionRecordIn
from companion.pairs.store import today


def record(programme, by=None, **overrides):
    meeting = {
        "held_on": date(2026, 11, 20),
        "topic": "AI assistants for first drafts",
        "minutes": 45,
        "notes": "Drafted a board summary together.",
        "actions": [ActionIn(text="Try it on the team update", owner="mentee")],
    } | overrides
    return programme.workspace.pairs.record_session(
        by or programme.mentor, programme.pair_id, SessionRecordIn(**meeting)
    )


def test_a_pair_is_seen_by_its_members_and_admins_only(programme) -> None:
    pairs = programme.workspace.pairs
    assert [p.id for p in pairs.pairs_of(programme.mentor)] == [programme.pair_id]
    assert [p.id for p in pairs.pairs_of(programme.mentee)] == [programme.pair_id]
    assert [p.id for p in pairs.pairs_of(programme.admin)] == [programme.pair_id]
    assert pairs.pairs_of(programme.outsider) == []
    with pytest.raises(NotFound):
        pairs.history(programme.outsider, programme.pair_id)
    with pytest.raises(NotFound):
        pairs.history(programme.mentor, programme.pair_id + 99)


def test_a_pair_needs_a_mentor_and_a_mentee(programme) -> None:
    mentor_id = programme.mentor.person_id
    with pytest.raises(WorkspaceError, match="mentee_id"):
        programme.workspace.pairs.create(PairIn(mentor_id=mentor_id, mentee_id=mentor_id))
    with pytest.raises(NotFound, match="mentor_id"):
        programme.workspace.pairs.create(PairIn(mentor_id=999, mentee_id=programme.mentee.person_id))


def test_sessions_are_numbered_and_their_notes_hidden_from_admins(programme) -> None:
    record(programme, held_on=date(2026, 11, 20))
    second = record(programme, held_on=date(2026, 11, 27), topic="Checking AI output", notes="Went well.")
    assert second.number == 2
    member = programme.workspace.pairs.history(programme.mentee, programme.pair_id)
    admin = programme.workspace.pairs.history(programme.admin, programme.pair_id)
    assert [s.notes for s in member.sessions] == ["Drafted a board summary together.", "Went well."]
    assert [s.notes for s in admin.sessions] == [None, None]
    assert [s.topic for s in admin.sessions] == ["AI assistants for first drafts", "Checking AI output"]
    assert admin.pair.sessions_held == 2 and admin.pair.last_session_on == date(2026, 11, 27)
    assert admin.pair.next_session_number == 3


def test_action_items_stay_open_until_done(programme) -> None:
    record(programme, actions=[ActionIn(text="A", owner="mentee"), ActionIn(text="B", owner="mentor")])
    pairs = programme.workspace.pairs
    open_items = pairs.history(programme.mentor, programme.pair_id).open_actions
    assert [(a.text, a.owner, a.session_number) for a in open_items] == [
        ("A", "mentee", 1),
        ("B", "mentor", 1),
    ]
    pairs.set_action_done(programme.mentee, programme.pair_id, open_items[0].id, True)
    assert [a.text for a in pairs.history(programme.mentor, programme.pair_id).open_actions] == ["B"]


def test_admins_and_outsiders_write_nothing_and_nothing_is_lost(programme) -> None:
    record(programme)
    pairs = programme.workspace.pairs
    with pytest.raises(Forbidden):
        record(programme, by=programme.admin, held_on=date(2026, 11, 1))
    with pytest.raises(NotFound):
        pairs.add_goal(programme.outsider, programme.pair_id, GoalIn(text="Sneaky"))
    with pytest.raises(Forbidden):
        pairs.add_goal(programme.admin, programme.pair_id, GoalIn(text="Admin goal"))
    history = pairs.history(programme.mentor, programme.pair_id)
    assert len(history.sessions) == 1 and history.goals == []


def test_bad_sessions_are_refused_with_the_reason(programme) -> None:
    record(programme)
    with pytest.raises(WorkspaceError, match="recorded already"):
        record(programme)
    with pytest.raises(WorkspaceError, match="held_on"):
        record(programme, held_on=today() + timedelta(days=2))
    with pytest.raises(WorkspaceError, match=r"the pair started on .*; a session cannot be earlier"):
        record(programme, held_on=today() - timedelta(days=200))
    assert len(programme.workspace.pairs.history(programme.mentor, programme.pair_id).sessions) == 1


def test_goals_change_status_within_their_own_pair_only(programme) -> None:
    pairs = programme.workspace.pairs
    goal = pairs.add_goal(programme.mentee, programme.pair_id, GoalIn(text="Post on LinkedIn monthly"))
    assert (
        pairs.set_goal_status(programme.mentor, programme.pair_id, goal.id, "achieved").status == "achieved"
    )
    with pytest.raises(NotFound):
        pairs.set_goal_status(programme.mentor, programme.pair_id, goal.id + 50, "dropped")
