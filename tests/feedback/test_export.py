"""CSV for spreadsheets: rejected rows with their line, response id, reason and redacted text."""

from __future__ import annotations

import csv
import io

from companion.feedback.export import rejected_csv
from companion.feedback.schemas import Rejected


def test_rejected_rows_are_redacted_and_cannot_run_as_formulas() -> None:
    rows = [
        Rejected(
            line=4,
            error="Rating must be a whole number from 1 to 5; found 'eleven'",
            external_id="r9",
            text="call me on 07700 900123 about it",
        ),
        Rejected(line=7, error="The text is empty.", external_id="=cmd|' /C calc'!A0", text=None),
    ]
    read = list(csv.reader(io.StringIO(rejected_csv(rows))))
    assert read[0] == ["line", "response_id", "reason", "text"]
    assert read[1][:3] == ["4", "r9", "Rating must be a whole number from 1 to 5; found 'eleven'"]
    assert "07700 900123" not in read[1][3] and "call me on" in read[1][3]
    assert read[2][1].startswith("'=") and read[2][3] == ""
