"""The next plan builds on the pair's record: stage, goals, last notes, open actions, used starters."""

from __future__ import annotations

from datetime import date, datetime

from icalendar import Calendar

from companion.pairs.schemas import ActionIn, GoalIn, PlanIn, SessionRecordIn


def test_session_two_follows_up_session_ones_notes_and_actions(programme) -> None:
    workspace, pair = programme.workspace, programme.pair_id
    workspace.pairs.add_goal(programme.mentee, pair, GoalIn(text="Draft board papers with an AI assistant"))
    first = workspace.plan(programme.mentor, pair, PlanIn(topic="AI assistants for first drafts", minutes=45))
    assert first.request.session_number == 1 and first.agenda.title.startswith("Session 1 of 6")
    workspace.pairs.record_session(
        programme.mentor,
        pair,
        SessionRecordIn(
            held_on=date(2026, 11, 20),
            topic="AI assistants for first drafts",
            notes="Dana drafted a board summary. Worried about what is safe to paste in.",
            actions=[
                ActionIn(text="Try the assistant on next week's team update", owner="mentee"),
                ActionIn(text="Send the approved tools list", owner="mentor"),
            ],
        ),
    )
    second = workspace.plan(programme.mentor, pair, PlanIn(topic="Checking AI output for errors", minutes=60))
    agenda = second.agenda
    assert second.request.session_number == 2 and agenda.title.startswith("Session 2 of 6")
    review = next(segment for segment in agenda.segments if segment.title == "Review")
    text = " ".join(review.activities)
    assert (
        "Try the assistant on next week's team update" in text
        and "the mentee's action from session 1" in text
    )
    assert "Send the approved tools list" in text and "the mentor's action" in text
    assert "Worried about what is safe to paste in" in text
    assert any("Draft board papers with an AI assistant" in objective for objective in agenda.objectives)
    assert any("2 open action item(s)" in note for note in agenda.from_record)
    assert not set(agenda.starters) & set(first.agenda.starters), "starters used before are left out"


def test_a_short_session_follows_up_in_its_opening(programme) -> None:
    workspace, pair = programme.workspace, programme.pair_id
    workspace.pairs.record_session(
        programme.mentor,
        pair,
        SessionRecordIn(
            held_on=date(2026, 11, 20), topic="LinkedIn", actions=[ActionIn(text="Post once", owner="mentee")]
        ),
    )
    short = workspace.plan(programme.mentor, pair, PlanIn(topic="LinkedIn posts", minutes=30))
    assert sum(segment.minutes for segment in short.agenda.segments) + short.agenda.spare_minutes == 30
    assert any("Post once" in activity for activity in short.agenda.segments[0].activities)


def test_the_calendar_file_holds_the_outline_in_the_readers_zone(programme) -> None:
    saved = programme.workspace.plan(
        programme.mentor,
        programme.pair_id,
        PlanIn(topic="AI assistants", minutes=45, starts_at=datetime(2026, 12, 9, 10, 0)),
    )
    programme.workspace.records.share_agenda(programme.mentor, saved.id, True)
    event = next(
        iter(Calendar.from_ical(programme.workspace.calendar_file(programme.mentee, saved.id)).walk("VEVENT"))
    )
    start = event.decoded("dtstart")
    assert str(start.tzinfo) == "America/New_York" and (start.hour, start.minute) == (5, 0)
    assert (event.decoded("dtend") - start).total_seconds() == 45 * 60
    description = str(event.get("description"))
    assert saved.agenda.segments[0].title in description and "min" in description
    assert str(event.get("summary")) == saved.agenda.title
