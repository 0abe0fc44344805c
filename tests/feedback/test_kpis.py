"""Programme KPIs on small hand-built cases; every expected value is worked out in the comments."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from companion.feedback.kpis import QUIET_DAYS, compute_kpis
from companion.feedback.repository import StoredFeedback

AS_OF = date(2026, 4, 10)


def stored(index: int, rating: int | None, role: str | None, pair: str | None) -> StoredFeedback:
    return StoredFeedback(
        id=f"id-{index}",
        public_id=f"r{index}",
        text=f"Entry {index}",
        rating=rating,
        author_role=role,
        pair=pair,
        submitted_at=datetime(2026, 3, 1, tzinfo=UTC),
        private=False,
    )


ENTRIES = [
    stored(1, 5, "mentor", "pair-a"),
    stored(2, 4, "mentee", "pair-a"),
    stored(3, None, None, None),
    stored(4, 2, "mentor", "pair-b"),
]
# pair-a met 3 times from 1 January to 2 March (60 days = 60 / 30.44 months); pair-b once;
# pair-c never.
SESSIONS = {
    "pair-a": [date(2026, 1, 1), date(2026, 1, 15), date(2026, 3, 2)],
    "pair-b": [date(2026, 2, 10)],
}
PAIRS = ["pair-a", "pair-b", "pair-c"]


def test_kpis_of_a_small_programme() -> None:
    kpis = compute_kpis(ENTRIES, pairs=3, sessions=SESSIONS, pair_names=PAIRS, as_of=AS_OF)
    assert kpis.entries == 4
    assert kpis.average_rating == 3.67  # (5 + 4 + 2) / 3 = 3.666..., unrated entries left out
    assert kpis.entries_by_role == {"mentor": 2, "mentee": 1, "unknown": 1}
    assert kpis.pairs == 3
    assert kpis.pairs_with_feedback == 2  # pair-a (twice) and pair-b; the entry without a pair not
    assert kpis.sessions == 4
    # pair-a: 3 sessions / (60 / 30.44) months = 1.522 a month; pair-b: 1 session in its one month.
    # Averaged over the pairs with sessions: (1.522 + 1) / 2 = 1.261.
    assert kpis.sessions_per_pair_per_month == 1.26
    # 45 days before 10 April is 24 February: pair-a met on 2 March, pair-b last on 10 February,
    # pair-c never.
    assert kpis.pairs_without_recent_session == 2
    assert kpis.as_of == AS_OF


@pytest.mark.parametrize(
    ("as_of", "quiet"),
    [
        (date(2026, 3, 2), 1),  # pair-a met that day and pair-b 20 days before: only pair-c
        (date(2026, 4, 16), 2),  # exactly 45 days after 2 March: still recent
        (date(2026, 4, 17), 3),  # 46 days after: quiet too
    ],
)
def test_a_pair_is_quiet_after_45_days_without_a_session(as_of: date, quiet: int) -> None:
    assert QUIET_DAYS == 45
    kpis = compute_kpis([], pairs=3, sessions=SESSIONS, pair_names=PAIRS, as_of=as_of)
    assert kpis.pairs_without_recent_session == quiet


def test_two_sessions_in_one_week_count_as_two_that_month() -> None:
    sessions = {"pair-a": [date(2026, 3, 2), date(2026, 3, 6)]}  # 4 days: at least one month
    kpis = compute_kpis([], pairs=1, sessions=sessions, pair_names=["pair-a"], as_of=AS_OF)
    assert kpis.sessions_per_pair_per_month == 2.0


def test_a_programme_without_session_data_says_so_rather_than_flag_every_pair() -> None:
    kpis = compute_kpis([], pairs=2, sessions={}, pair_names=["pair-a", "pair-b"], as_of=AS_OF)
    assert kpis.entries == 0 and kpis.sessions == 0 and kpis.pairs_with_feedback == 0
    assert kpis.average_rating is None
    assert kpis.sessions_per_pair_per_month is None
    assert kpis.entries_by_role == {}
    assert kpis.pairs_without_recent_session is None and not kpis.session_data


def test_each_kpi_is_shown_against_the_month_before() -> None:
    def entry(day: date, rating: int | None) -> StoredFeedback:
        moment = datetime(day.year, day.month, day.day, tzinfo=UTC)
        return StoredFeedback(
            f"e{day}{rating}", f"e{day}{rating}", "text", rating, "mentor", "p1", moment, False
        )

    entries = [entry(date(2026, 10, 3), 2), entry(date(2026, 10, 9), 4), entry(date(2026, 11, 2), 5)]
    found = compute_kpis(
        entries, 1, {"p1": [date(2026, 11, 5), date(2026, 11, 19)]}, ["p1"], date(2026, 12, 1)
    )
    changes = {change.name: change for change in found.changes}
    assert {change.month for change in found.changes} == {"2026-11"}
    assert (changes["Feedback entries"].value, changes["Feedback entries"].previous) == (1, 2)
    assert changes["Feedback entries"].change == -1
    assert (changes["Average rating"].value, changes["Average rating"].previous) == (5, 3)
    assert (changes["Sessions recorded"].value, changes["Sessions recorded"].previous) == (2, 0)
    survey_only = compute_kpis(entries[:2], 1, {}, ["p1"], date(2026, 12, 1))
    assert [change.name for change in survey_only.changes] == ["Feedback entries", "Average rating"]
    assert survey_only.changes[0].previous == 0 and survey_only.changes[1].previous is None
    assert survey_only.changes[1].change is None  # no rating in September: no change to show
    assert compute_kpis([], 0, {}, [], date(2026, 12, 1)).changes == []
