"""Reading survey exports: CSV or JSONL, in the column names that survey tools use.

Each row becomes a `FeedbackIn` or a rejection with its line number and the reason. A file that
cannot be read at all (not UTF-8, no text column, too many rows) raises `ImportFileError`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from companion.feedback.schemas import FeedbackIn, Rejected

# The field each column name feeds, compared lower-cased with spaces, dashes and underscores
# removed ("Response ID" = "response_id" = "responseid").
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "comments", "comment", "feedback", "answer", "response", "yourfeedback", "message"),
    "rating": ("rating", "score", "overallrating", "stars", "satisfaction"),
    "author_role": ("authorrole", "role", "respondentrole", "iama", "participantrole"),
    "pair_id": ("pairid", "pair", "pairing", "pairingid"),
    "submitted_at": (
        "submittedat",
        "submitted",
        "timestamp",
        "createdat",
        "date",
        "completiontime",
        "submissiondate",
        "endtime",
        "endedat",
    ),
    "external_id": ("externalid", "id", "responseid", "submissionid", "respondentid", "answerid"),
    "private": ("private", "confidential", "donotquote"),
}
ROLE_WORDS = {"mentor": "mentor", "reverse mentor": "mentor", "mentee": "mentee", "admin": "admin"}
TRUE_WORDS = {"true", "yes", "y", "1", "x"}


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; the message says why and what to do."""


@dataclass(frozen=True)
class ParsedRow:
    line: int
    entry: FeedbackIn


def _key(name: str) -> str:
    return "".join(character for character in name.lower() if character.isalnum())


def column_map(columns: list[str]) -> dict[str, str]:
    """Which field each column feeds (first matching column wins); unknown columns are ignored."""
    mapping: dict[str, str] = {}
    for column in columns:
        for field, names in ALIASES.items():
            if _key(column) in names and field not in mapping.values():
                mapping[column] = field
                break
    if "text" not in mapping.values():
        expected = ", ".join(f'"{name}"' for name in ("text", "comments", "feedback", "answer"))
        raise ImportFileError(f"no column holds the feedback text: expected one named {expected}")
    return mapping


def decode(content: bytes) -> str:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"the file is not UTF-8 text (byte 0x{content[error.start]:02x} at position {error.start}); "
            "export it as UTF-8 CSV or JSONL"
        ) from error
    if "\x00" in text:
        raise ImportFileError("the file contains NUL bytes; it is not a text export")
    return text


def _row_values(row: dict[str, Any], mapping: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column, field in mapping.items():
        value = row.get(column)
        if isinstance(value, str):
            value = value.strip()
            if value == "":
                value = None
        if value is None and field != "text":
            continue
        values[field] = value
    if values.get("text") is None:
        values["text"] = ""
    role = values.get("author_role")
    if isinstance(role, str):
        values["author_role"] = ROLE_WORDS.get(role.lower(), role.lower())
    rating = values.get("rating")
    if isinstance(rating, str):
        values["rating"] = _number(rating)
    if isinstance(values.get("private"), str):
        values["private"] = values["private"].lower() in TRUE_WORDS
    if isinstance(values.get("submitted_at"), str):
        values["submitted_at"] = _timestamp(values["submitted_at"])
    for field in ("external_id", "pair_id"):
        if isinstance(values.get(field), int | float):
            values[field] = str(values[field])
    return values


def _number(text: str) -> int | str:
    cleaned, _, scale = text.partition("/")  # "4/5" -> 4; "4/10" is on another scale: rejected
    if scale and scale.strip() != "5":
        return text
    try:
        number = float(cleaned)
    except ValueError:
        return text
    return int(number) if number.is_integer() else text


def _timestamp(text: str) -> datetime | str:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    for pattern in ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%m/%d/%Y %I:%M:%S %p"):
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    return text  # left for validation to reject with the field's name


def _explain(error: ValidationError) -> str:
    problems = []
    for detail in error.errors():
        field = ".".join(str(part) for part in detail["loc"]) or "row"
        message = detail["msg"]
        if detail["type"] == "string_too_short" and field == "text":
            message = "is empty"
        elif detail["type"] in ("datetime_from_date_parsing", "datetime_parsing", "datetime_type"):
            message = f"not a date or time: {detail.get('input')!r}"
        problems.append(f"{field}: {message}")
    return "; ".join(problems)


def _validated(line: int, values: dict[str, Any]) -> ParsedRow | Rejected:
    try:
        return ParsedRow(line, FeedbackIn.model_validate(values))
    except ValidationError as error:
        return Rejected(line=line, error=_explain(error))


def _csv_rows(text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line where the record starts, {column: value}) per data row. A plain reader sees blank
    lines too, so line numbers stay right; extra values go under the key None."""
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    try:
        header = next(reader)
        line = reader.line_num + 1
        for values in reader:
            start, line = line, reader.line_num + 1
            if not values:
                continue
            row: dict[Any, Any] = dict(zip(header, values, strict=False))
            if len(values) > len(header):
                row[None] = values[len(header) :]
            yield start, row
    except csv.Error as error:
        raise ImportFileError(f"line {line}: the CSV cannot be read: {error}") from error


def _jsonl_rows(text: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as error:
            yield number, f"not valid JSON: {error.msg} at column {error.colno}"
            continue
        yield number, value if isinstance(value, dict) else "not a JSON object"


def parse_feedback_file(filename: str, content: bytes, max_rows: int) -> list[ParsedRow | Rejected]:
    """Rows of a CSV or JSONL export (chosen by the file name's extension), in file order."""
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if suffix not in ("csv", "jsonl", "ndjson"):
        raise ImportFileError(f"unsupported file type {filename!r}: use a .csv or .jsonl file")
    text = decode(content)
    results: list[ParsedRow | Rejected] = []
    if suffix == "csv":
        header = next(csv.reader(io.StringIO(text)), None)
        if not header:
            raise ImportFileError("the CSV file is empty: it needs a header row and data rows")
        mapping = column_map(header)
        for line, row in _csv_rows(text):
            if None in row:
                results.append(Rejected(line=line, error="more values than columns in the header"))
                _check_rows(len(results), max_rows)
                continue
            results.append(_validated(line, _row_values(row, mapping)))
            _check_rows(len(results), max_rows)
        return results
    mappings: dict[tuple[str, ...], dict[str, str]] = {}
    for line, row in _jsonl_rows(text):
        if isinstance(row, str):
            results.append(Rejected(line=line, error=row))
        else:
            keys = tuple(row)
            try:
                mapping = mappings.setdefault(keys, column_map(list(keys)))
            except ImportFileError as error:
                results.append(Rejected(line=line, error=str(error)))
                continue
            results.append(_validated(line, _row_values(row, mapping)))
        _check_rows(len(results), max_rows)
    return results


def _check_rows(count: int, max_rows: int) -> None:
    if count > max_rows:
        raise ImportFileError(f"the file has more than {max_rows} rows; split it into smaller files")
