"""What each person should do next, for their home page.

- A mentor or mentee: for each of their pairs, the next planned session (a plan of theirs or one
  shared with them that starts later than now) or the session to plan; the open action items that
  are theirs; the sessions they have not reflected on yet.
- An admin: the programme's health at a glance, by the corpus's monitoring bands (green, amber,
  red), and how many pairs are new. Pairs known only by name from imported feedback (no people)
  are counted apart: their cadence is not followed here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from companion.pairs.schemas import ActionOut, AgendaBrief, PairOut, SessionOut

NEW_PAIR_DAYS = 30
REFLECTIONS_LISTED = 3


@dataclass(frozen=True)
class PairNext:
    pair: PairOut
    side: str
    partner: str
    upcoming: AgendaBrief | None
    upcoming_when: str
    band: str
    my_actions: list[ActionOut] = field(default_factory=list)
    to_reflect: list[SessionOut] = field(default_factory=list)


@dataclass(frozen=True)
class Health:
    pairs: int
    by_band: dict[str, int]
    never_met: int
    new: int
    stalled: int
    from_feedback_only: int = 0


def pair_next(
    pair: PairOut,
    side: str,
    agendas: list[AgendaBrief],
    actions: list[ActionOut],
    sessions: list[SessionOut],
    reflected: set[int | None],
    band: str,
    timezone: str = "UTC",
    now: datetime | None = None,
) -> PairNext:
    now = now or datetime.now(UTC)
    future = sorted(
        (agenda for agenda in agendas if agenda.starts_at is not None and agenda.starts_at >= now),
        key=lambda agenda: agenda.starts_at or now,
    )
    partner = pair.mentee if side == "mentor" else pair.mentor
    upcoming = future[0] if future else None
    when = ""
    if upcoming is not None and upcoming.starts_at is not None:
        when = upcoming.starts_at.astimezone(ZoneInfo(timezone)).strftime("%a %d %b, %H:%M")
    return PairNext(
        pair=pair,
        side=side,
        partner=partner.name if partner else pair.name,
        upcoming=upcoming,
        upcoming_when=when,
        band=band,
        my_actions=[a for a in actions if not a.done and a.owner in (side, "both")],
        to_reflect=[s for s in reversed(sessions) if s.id not in reflected][:REFLECTIONS_LISTED],
    )


def health(
    pairs: list[PairOut], band_for: Callable[[int], str], stalled: int, now: datetime | None = None
) -> Health:
    today = (now or datetime.now(UTC)).date()
    imported = [pair for pair in pairs if pair.mentor is None and pair.mentee is None]
    pairs = [pair for pair in pairs if pair.mentor is not None or pair.mentee is not None]
    by_band = {"green": 0, "amber": 0, "red": 0}
    never_met = 0
    for pair in pairs:
        if pair.days_since_session is None:
            never_met += 1
            continue
        name = band_for(pair.days_since_session)
        by_band[name] = by_band.get(name, 0) + 1
    new = sum(
        1 for pair in pairs if pair.started_on and (today - pair.started_on) <= timedelta(days=NEW_PAIR_DAYS)
    )
    return Health(
        pairs=len(pairs),
        by_band=by_band,
        never_met=never_met,
        new=new,
        stalled=stalled,
        from_feedback_only=len(imported),
    )
