"""A theme's trend follows its stated rule: a share that moved 5 points or more between the earlier
and the later months, and that Fisher's exact test says chance would rarely move so far."""

from __future__ import annotations

from datetime import datetime

from companion.feedback.repository import StoredFeedback
from companion.feedback.summary import theme_trend


def entries(month: int, count: int, prefix: str) -> list[StoredFeedback]:
    return [
        StoredFeedback(
            id=f"{prefix}-{month}-{n}",
            public_id=f"{prefix}-{month}-{n}",
            text="x",
            rating=None,
            author_role=None,
            pair=None,
            submitted_at=datetime(2026, month, 10),
            private=False,
        )
        for n in range(count)
    ]


def test_a_theme_that_fell_from_9_of_20_to_3_of_20_is_falling_with_its_basis() -> None:
    theme = entries(3, 9, "t") + entries(4, 3, "t")
    everyone = theme + entries(3, 11, "o") + entries(4, 17, "o")
    trend = theme_trend(theme, everyone)
    assert trend.direction == "falling"
    assert trend.basis.startswith("Apr 2026 against Mar 2026: 15% of entries against 45%")
    assert [(point.month, point.count) for point in trend.months] == [("2026-03", 9), ("2026-04", 3)]


def test_a_move_a_few_entries_could_make_by_chance_stays_steady() -> None:
    theme = entries(3, 2, "t") + entries(4, 1, "t")  # 2 of 6, then 1 of 6
    everyone = theme + entries(3, 4, "o") + entries(4, 5, "o")
    trend = theme_trend(theme, everyone)
    assert trend.direction == "steady" and "p = 1.00" in trend.basis


def test_the_later_period_is_the_last_half_of_the_months_at_most_three() -> None:
    theme = [e for month in range(1, 9) for e in entries(month, 1 if month <= 5 else 6, "t")]
    everyone = theme + [e for month in range(1, 9) for e in entries(month, 9 if month <= 5 else 4, "o")]
    trend = theme_trend(theme, everyone)
    assert trend.direction == "rising"
    assert trend.basis.startswith("Jun 2026 to Aug 2026 against Jan 2026 to May 2026")


def test_one_month_of_feedback_has_no_trend() -> None:
    theme = entries(5, 4, "t")
    trend = theme_trend(theme, theme + entries(5, 4, "o"))
    assert trend.direction == "steady" and trend.basis == "fewer than two months of feedback"
