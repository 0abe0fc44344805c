"""Programme KPIs beside the themes: entries, ratings, pairs, and how often pairs meet."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from companion.feedback.repository import StoredFeedback
from companion.feedback.schemas import KpiChange, Kpis

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
        changes=monthly_changes(entries, held),
        as_of=as_of,
    )


def monthly_changes(entries: list[StoredFeedback], held: list[date]) -> list[KpiChange]:
    """Entries, average rating and sessions in the latest calendar month that has feedback or
    sessions, against the month before it (the period a programme team reviews). Sessions are
    left out when none was ever recorded: zero would read as a fall."""
    months = {entry.submitted_at.strftime("%Y-%m") for entry in entries} | {
        day.strftime("%Y-%m") for day in held
    }
    if not months:
        return []
    latest = max(months)
    year, month = map(int, latest.split("-"))
    before = f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"

    def in_month(key: str) -> list[StoredFeedback]:
        return [entry for entry in entries if entry.submitted_at.strftime("%Y-%m") == key]

    def rating(key: str) -> float | None:
        found = [entry.rating for entry in in_month(key) if entry.rating is not None]
        return round(sum(found) / len(found), 2) if found else None

    rows: list[tuple[str, float | None, float | None]] = [
        ("Feedback entries", len(in_month(latest)), len(in_month(before))),
        ("Average rating", rating(latest), rating(before)),
    ]
    if held:
        count = Counter(day.strftime("%Y-%m") for day in held)
        rows.append(("Sessions recorded", count[latest], count[before]))
    return [
        KpiChange(
            name=name,
            month=latest,
            value=value,
            previous=previous,
            change=round(value - previous, 2) if value is not None and previous is not None else None,
        )
        for name, value, previous in rows
    ]


def _months_between(first: date, last: date) -> float:
    """Months of activity, at least one: a pair that met twice in a week met twice that month."""
    return max(1.0, (last - first).days / 30.44)
