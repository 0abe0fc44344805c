"""A theme's entries for an admin: filtered, redacted, private answers withheld, CSV formula-safe."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from companion.feedback.drilldown import PRIVATE, Filters, entries_csv, theme_entries
from companion.feedback.repository import StoredFeedback
from companion.feedback.schemas import Sentiment, Theme, Trend


def stored(public_id: str, text: str, month: int, role: str, rating: int | None, private: bool = False):
    return StoredFeedback(
        id=f"internal-{public_id}",
        public_id=public_id,
        text=text,
        rating=rating,
        author_role=role,
        pair=None,
        submitted_at=datetime(2026, month, 3),
        private=private,
    )


EVERYONE = [
    stored("r1", "Sessions keep moving; call me on 07700 900123", 5, "mentor", 2),
    stored("r2", '=HYPERLINK("http://x") cancelled again', 5, "mentee", 1),
    stored("r3", "My mentee told me something personal", 6, "mentor", 3, private=True),
    stored("r4", "Diary clashes every month", 6, "mentee", 2),
    stored("other", "Great skills session", 6, "mentee", 5),
]
THEME = Theme(
    label="Scheduling and cancellations",
    keywords=[],
    count=4,
    share=0.8,
    pairs=0,
    sentiment=Sentiment(score=-0.5, label="negative", average_rating=2.0, negative_share=1.0),
    trend=Trend(direction="steady", months=[]),
    quotes=[],
    feedback_ids=["r1", "r2", "r3", "r4"],
    recommendation="",
    citations=[],
)


def test_the_theme_holds_its_own_entries_redacted_and_private_ones_withheld() -> None:
    found = theme_entries(THEME, EVERYONE, Filters())
    assert [entry.id for entry in found.entries] == ["r1", "r2", "r3", "r4"] and found.total == 4
    assert "07700 900123" not in found.entries[0].text
    assert found.entries[2].text == PRIVATE and "personal" not in found.entries[2].text
    assert (found.months, found.roles, found.ratings) == (
        ["2026-05", "2026-06"],
        ["mentee", "mentor"],
        [1, 2, 3],
    )


def test_filters_narrow_by_month_role_and_rating() -> None:
    assert [e.id for e in theme_entries(THEME, EVERYONE, Filters(month="2026-06")).entries] == ["r3", "r4"]
    assert [e.id for e in theme_entries(THEME, EVERYONE, Filters(role="mentee")).entries] == ["r2", "r4"]
    assert [e.id for e in theme_entries(THEME, EVERYONE, Filters(role="mentee", rating=2)).entries] == ["r4"]
    assert theme_entries(THEME, EVERYONE, Filters(month="2027-01")).entries == []


def test_the_csv_is_what_the_page_shows_and_runs_no_formula() -> None:
    rows = list(csv.reader(io.StringIO(entries_csv(theme_entries(THEME, EVERYONE, Filters())))))
    assert rows[0] == ["id", "month", "author_role", "rating", "text"]
    assert rows[2][4].startswith("'=HYPERLINK") and rows[3][4] == PRIVATE
    assert all("07700" not in cell for row in rows for cell in row)
