"""Programme KPIs beside the themes: entries, ratings, pairs, and how often pairs meet."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from companion.feedback.repository import StoredFeedback
from companion.feedback.schemas import Kpis

QUIET_DAYS = 45  # a pair with no session for this long needs a nudge (knowledge: monitoring)


def compute_kpis(
    entries: list[StoredFeedback],
    pairs: int,
    sessions: dict[str, list[date]],
    pair_names: list[str],
    as_of: date,
) -> Kpis:
    ratings = [entry.rating for entry in entries if entry.rating is not None]
    sessions = {pair: days for pair, days in sessions.items() if days}
    held = [day for days in sessions.values() for day in days]
    months_active = [_months_between(min(days), max(days)) for days in sessions.values() if days]
    per_pair_per_month = (
        round(
            sum(len(days) / months for days, months in zip(sessions.values(), months_active, strict=True))
            / len(months_active),
            2,
        )
        if months_active
        else None
    )
    cutoff = as_of - timedelta(days=QUIET_DAYS)
    # Without a single recorded session, "no session in 45 days" would flag every pair: say that
    # there is no session data instead.
    quiet = (
        sum(1 for name in pair_names if not any(day >= cutoff for day in sessions.get(name, [])))
        if held
        else None
    )
    return Kpis(
        entries=len(entries),
        average_rating=round(sum(ratings) / len(ratings), 2) if ratings else None,
        entries_by_role=dict(Counter(entry.author_role or "unknown" for entry in entries)),
        pairs=pairs,
        pairs_with_feedback=len({entry.pair for entry in entries if entry.pair}),
        sessions=len(held),
        sessions_per_pair_per_month=per_pair_per_month,
        pairs_without_recent_session=quiet,
        session_data=bool(held),
        as_of=as_of,
    )


def _months_between(first: date, last: date) -> float:
    """Months of activity, at least one: a pair that met twice in a week met twice that month."""
    return max(1.0, (last - first).days / 30.44)
