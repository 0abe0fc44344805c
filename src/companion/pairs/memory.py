"""The pair's record turned into the next plan's inputs, and the notes that say what was used.

The next agenda for a pair takes its stage (session n of m), its goals that are still open or in
progress, the last session's notes, the action items still open (the review names each) and
leaves out the starters already used in the pair's earlier agendas. `from_record` lists each of
these in words, so that the mentor can see why an item is in the plan.
"""

from __future__ import annotations

from companion.guidance.schemas import AgendaRequest, OpenAction, PreviousSession
from companion.pairs.schemas import PlanIn
from companion.pairs.store import PairHistory

ACTIVE_GOALS = ("open", "in-progress")
MAX_GOALS = 10


def agenda_request(history: PairHistory, plan: PlanIn, used_starters: list[str]) -> AgendaRequest:
    pair = history.pair
    number = plan.session_number or pair.next_session_number
    earlier = [meeting for meeting in history.sessions if meeting.number < number]
    return AgendaRequest(
        topic=plan.topic,
        minutes=plan.minutes,
        session_number=number,
        total_sessions=pair.planned_sessions
        if pair.planned_sessions and pair.planned_sessions >= number
        else None,
        mentee_role=plan.mentee_role or None,
        goals=[goal.text for goal in history.goals if goal.status in ACTIVE_GOALS][:MAX_GOALS],
        talking_points=plan.talking_points,
        previous_sessions=[
            PreviousSession(topic=meeting.topic, notes=meeting.notes, held_on=meeting.held_on.isoformat())
            for meeting in earlier[-1:]  # the last session; earlier ones are in the record
        ],
        open_actions=[
            OpenAction(text=action.text, owner=action.owner, session_number=action.session_number)  # type: ignore[arg-type]
            for action in history.open_actions
        ][:20],
        avoid_starters=used_starters[-100:],
        pair_id=pair.name,
    )


def from_record(request: AgendaRequest, planned_sessions: int | None) -> list[str]:
    """What the plan took from the pair's record, in words."""
    notes: list[str] = []
    of = f" of {planned_sessions}" if planned_sessions else ""
    notes.append(f"Session {request.session_number}{of}, from the sessions recorded so far.")
    if request.goals:
        notes.append(f"The pair's {len(request.goals)} open goal(s), in the goals step and the objectives.")
    for previous in request.previous_sessions:
        when = f" ({previous.held_on})" if previous.held_on else ""
        what = "its notes" if previous.notes else "its topic (no notes were recorded)"
        notes.append(f"Session “{previous.topic}”{when}: {what}, in the review.")
    if request.open_actions:
        notes.append(f"{len(request.open_actions)} open action item(s), each followed up in the review.")
    if request.avoid_starters:
        notes.append(f"{len(request.avoid_starters)} starter(s) used with this pair before are left out.")
    return notes
