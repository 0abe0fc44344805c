"""One theme's entries, for an admin who wants to read behind a theme: filtered by month, role and
rating, personal data redacted, private answers counted but never shown, and as a formula-safe CSV.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from companion.feedback.export import neutralise
from companion.feedback.redaction import redact
from companion.feedback.repository import StoredFeedback
from companion.feedback.schemas import Theme
from companion.feedback.summary import month_of

PRIVATE = "(a private answer: counted in the theme, not shown)"
CSV_COLUMNS = ("id", "month", "author_role", "rating", "text")


@dataclass(frozen=True)
class Filters:
    """What an admin narrowed the entries to; None means any."""

    month: str | None = None  # "2026-05"
    role: str | None = None  # "mentor", "mentee", ...
    rating: int | None = None

    def keep(self, entry: StoredFeedback) -> bool:
        return (
            (self.month is None or month_of(entry) == self.month)
            and (self.role is None or entry.author_role == self.role)
            and (self.rating is None or entry.rating == self.rating)
        )


@dataclass(frozen=True)
class ThemeEntry:
    """An entry as an admin may read it."""

    id: str
    month: str
    author_role: str | None
    rating: int | None
    text: str
    private: bool


@dataclass(frozen=True)
class ThemeEntries:
    theme: Theme
    entries: list[ThemeEntry]  # after the filters, oldest first
    total: int  # the theme's entries before the filters
    months: list[str]  # the choices the filters offer
    roles: list[str]
    ratings: list[int]


def theme_entries(theme: Theme, everyone: list[StoredFeedback], filters: Filters) -> ThemeEntries:
    """The theme's entries (matched by the ids the summary lists), filtered, each redacted."""
    ids = set(theme.feedback_ids)
    members = [entry for entry in everyone if entry.public_id in ids]
    shown = [
        ThemeEntry(
            id=entry.public_id,
            month=month_of(entry),
            author_role=entry.author_role,
            rating=entry.rating,
            text=PRIVATE if entry.private else redact(entry.text),
            private=entry.private,
        )
        for entry in members
        if filters.keep(entry)
    ]
    return ThemeEntries(
        theme=theme,
        entries=shown,
        total=len(members),
        months=sorted({month_of(entry) for entry in members}),
        roles=sorted({entry.author_role for entry in members if entry.author_role}),
        ratings=sorted({entry.rating for entry in members if entry.rating is not None}),
    )


def entries_csv(found: ThemeEntries) -> str:
    """The filtered entries as CSV, redacted as on the page; no cell can run as a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in found.entries:
        row = [
            entry.id,
            entry.month,
            entry.author_role or "",
            "" if entry.rating is None else str(entry.rating),
        ]
        writer.writerow([neutralise(value) for value in [*row, entry.text]])
    return buffer.getvalue()
