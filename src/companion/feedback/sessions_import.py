"""Importing the pairs' meetings from a file, for the cadence KPIs: a CSV or JSONL of pair, date,
topic and (optionally) minutes and notes, such as a calendar or booking export. Each row is
checked as a recorded session is (`SessionIn`); a meeting already recorded (same pair, day and
topic) is counted as a duplicate, never stored twice; rows that cannot be read are reported with
their line and the reason, like a feedback import."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from pydantic import ValidationError

from companion.feedback.parsing import ImportFileError, _explain, _jsonl_rows, _key, _separator, decode
from companion.feedback.schemas import Rejected, SessionIn

ALIASES = {
    "pair_id": {"pair", "pairid", "pairname", "pairs"},
    "held_on": {"date", "heldon", "sessiondate", "meetingdate", "day", "when"},
    "topic": {"topic", "subject", "title", "theme", "about"},
    "minutes": {"minutes", "duration", "length", "mins", "durationminutes"},
    "notes": {"notes", "note", "comments", "summary"},
}
REQUIRED = ("pair_id", "held_on", "topic")


def parse_sessions_file(
    filename: str, content: bytes, max_rows: int, today: date | None = None
) -> tuple[list[SessionIn], list[Rejected]]:
    """The valid meetings and the rejected rows. Raises ImportFileError when the file as a whole
    cannot be read (not UTF-8, no pair, date or topic column, too many rows)."""
    text = decode(content)
    if filename.lower().endswith((".jsonl", ".ndjson", ".json")):
        rows: list[tuple[int, dict[str, Any] | str]] = list(_jsonl_rows(text))
    else:
        rows = list(_csv_rows(text))
    if len(rows) > max_rows:
        raise ImportFileError(f"the file has {len(rows)} rows; at most {max_rows} can be imported at once")
    valid: list[SessionIn] = []
    rejected: list[Rejected] = []
    context = {"today": today} if today else None
    for line, row in rows:
        if isinstance(row, str):
            rejected.append(Rejected(line=line, error=row))
            continue
        values = _fields(row)
        try:
            valid.append(SessionIn.model_validate(values, context=context))
        except ValidationError as error:
            rejected.append(
                Rejected(line=line, error=_explain(error), text=str(values.get("topic") or "")[:200] or None)
            )
    return valid, rejected


def _fields(row: dict[str, Any]) -> dict[str, Any]:
    """The row's values under the schema's names; empty cells left out."""
    values: dict[str, Any] = {}
    for column, value in row.items():
        field = next((name for name, keys in ALIASES.items() if column and _key(str(column)) in keys), None)
        if field is None or field in values:
            continue
        if isinstance(value, str):
            value = value.strip() or None
        if value is not None:
            values[field] = value
    if isinstance(values.get("held_on"), str):
        values["held_on"] = values["held_on"][:10]  # "2026-11-02 10:00" is the day
    return values


def _csv_rows(text: str) -> list[tuple[int, dict[str, Any] | str]]:
    separator = _separator(text) or ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError("the CSV file is empty: it needs a header row and data rows") from None
    found = {name for column in header for name, keys in ALIASES.items() if _key(column) in keys}
    missing = [name for name in REQUIRED if name not in found]
    if missing:
        wanted = {"pair_id": "pair", "held_on": "date", "topic": "topic"}
        raise ImportFileError(
            "the sessions file needs a column for each of pair, date and topic; missing: "
            + ", ".join(wanted[name] for name in missing)
        )
    rows: list[tuple[int, dict[str, Any] | str]] = []
    line = reader.line_num + 1
    try:
        for values in reader:
            start, line = line, reader.line_num + 1
            if values:
                rows.append((start, dict(zip(header, values, strict=False))))
    except csv.Error as error:
        raise ImportFileError(f"line {line}: the CSV cannot be read: {error}") from error
    return rows
