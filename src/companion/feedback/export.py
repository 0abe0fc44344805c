"""Feedback as CSV for spreadsheets, safe to open: a cell that a spreadsheet would run as a
formula (starting with =, +, -, @, a tab or a carriage return) is prefixed with a quote."""

from __future__ import annotations

import csv
import io

from companion.feedback.redaction import redact
from companion.feedback.repository import StoredFeedback
from companion.feedback.schemas import Rejected

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = ("id", "submitted_at", "author_role", "pair_id", "rating", "private", "text")
REJECTED_COLUMNS = ("line", "response_id", "reason", "text")


def neutralise(value: str) -> str:
    """'=HYPERLINK(...)' -> "'=HYPERLINK(...)" (OWASP's advice for CSV injection)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def to_csv(entries: list[StoredFeedback]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for entry in entries:
        row = [
            entry.public_id,
            entry.submitted_at.isoformat(),
            entry.author_role or "",
            entry.pair or "",
            "" if entry.rating is None else str(entry.rating),
            "yes" if entry.private else "no",
            entry.text,
        ]
        writer.writerow([neutralise(value) for value in row])
    return buffer.getvalue()


def rejected_csv(rejected: list[Rejected]) -> str:
    """The rows an import could not store, to fix and import again: line, response id, reason and
    the start of the text (personal data redacted, as everywhere an admin reads answers)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(REJECTED_COLUMNS)
    for row in rejected:
        values = [str(row.line), row.external_id or "", row.error, redact(row.text) if row.text else ""]
        writer.writerow([neutralise(value) for value in values])
    return buffer.getvalue()
