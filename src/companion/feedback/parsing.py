"""Reading survey exports: CSV or JSONL, in the column names that survey tools use.

Each row becomes a `FeedbackIn` or a rejection with its line number, the reason in plain words,
and the row's response id and text when it has them: one bad row never stops the others. A file
that cannot be read at all (not UTF-8, no text column, a column twice, too many rows) raises
`ImportFileError`. CSV columns may be separated by ",", ";", tabs or "|" (found by `csv.Sniffer`).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
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
# The separators looked for in a CSV file (European Excel exports use ";"), in the first
# SNIFF_CHARS characters (csv.Sniffer takes quadratic time on some inputs: the sample stays small).
SEPARATORS = ",;\t|"
SEPARATOR_WORDS = {",": '","', ";": '";"', "\t": "tab", "|": '"|"'}
SEPARATOR_NAMES = '",", ";", tab and "|"'
SNIFF_CHARS = 4096
REJECTED_TEXT_CHARS = 200  # of a rejected row's text, kept in the report
# JSONL lines end as JSON allows (a JSON string cannot hold a raw CR or LF); U+2028 and the like,
# which str.splitlines() also splits at, may sit inside an answer.
JSONL_LINE_END = re.compile(r"\r\n|\r|\n")
ONE_ANSWER = 'each line must be one answer, a JSON object such as {"text": "...", "rating": 4}'


NO_TEXT_COLUMN = "no column holds the feedback text: expected one named " + ", ".join(
    f'"{name}"' for name in ("text", "comments", "feedback", "answer")
)


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
        raise ImportFileError(NO_TEXT_COLUMN)
    return mapping


def decode(content: bytes) -> str:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"the file is not UTF-8 text (byte 0x{content[error.start]:02x} at position {error.start}); "
            "export it as UTF-8 CSV or JSONL"
        ) from error
    if text.count("\x00") * 10 > len(text):  # a few NULs are the rows' problem, not the file's
        raise ImportFileError(
            "the file contains NUL bytes; it is not a text export (UTF-16?): export it as UTF-8 CSV or JSONL"
        )
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
    if isinstance(role, str):  # an unknown role is kept as written, for the rejection to quote
        values["author_role"] = ROLE_WORDS.get(role.lower(), role)
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
    """The schema's checks word their problems for people ("rating must be a whole number from 1
    to 5; found 'eleven'"); pydantic's own wording is kept after a colon for anything else."""
    problems = []
    for detail in error.errors():
        field = ".".join(str(part) for part in detail["loc"]) or "row"
        custom = detail["type"] not in _PYDANTIC_TYPES
        problems.append(f"{field} {detail['msg']}" if custom else f"{field}: {detail['msg']}")
    return "; ".join(problems)


_PYDANTIC_TYPES = frozenset(("missing", "extra_forbidden", "model_type", "model_attributes_type"))


def _snippet(value: object, limit: int) -> str | None:
    """Some of a rejected row's value for the report: what cannot travel in JSON or be stored
    (NUL, half a surrogate pair) becomes U+FFFD."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        return None
    kept = value.strip()[:limit]
    return "".join("\ufffd" if c == "\x00" or "\ud800" <= c <= "\udfff" else c for c in kept)


def _rejected(line: int, error: str, values: dict[str, Any] | None = None) -> Rejected:
    values = values or {}
    return Rejected(
        line=line,
        error=error,
        external_id=_snippet(values.get("external_id"), 128),
        text=_snippet(values.get("text"), REJECTED_TEXT_CHARS),
    )


def _validated(line: int, values: dict[str, Any], today: date | None) -> ParsedRow | Rejected:
    try:
        context = {"today": today} if today else None
        return ParsedRow(line, FeedbackIn.model_validate(values, context=context))
    except ValidationError as error:
        return _rejected(line, _explain(error), values)


def _separator(text: str) -> str | None:
    """The separator csv.Sniffer finds in the first lines, among SEPARATORS, or None when unsure.
    One that the header line does not hold came from the answers' punctuation: unsure too."""
    sample = text[:SNIFF_CHARS]
    if len(text) > SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n") + 1]  # whole lines
    try:
        found = csv.Sniffer().sniff(sample, delimiters=SEPARATORS).delimiter
    except csv.Error:
        return None
    return found if found in text.split("\n", 1)[0] else None


def _header(text: str, separator: str) -> list[str]:
    return next(csv.reader(io.StringIO(text, newline=""), delimiter=separator), [])


def _csv_columns(text: str) -> tuple[dict[str, str], str]:
    """Which field each column feeds, and the separator. The sniffed separator is tried first,
    then ","; a column named twice is refused (which of the two would be imported?)."""
    sniffed = _separator(text)
    tried = [sniffed, ","] if sniffed and sniffed != "," else [","]
    headers = [(separator, _header(text, separator)) for separator in tried]
    if not headers[0][1]:
        raise ImportFileError("the CSV file is empty: it needs a header row and data rows")
    for separator, header in headers:
        try:
            mapping = column_map(header)
        except ImportFileError:
            continue
        _refuse_repeated_columns(header, mapping)
        return mapping, separator
    separator, header = headers[0]
    names = ", ".join(f'"{name[:40]}"' for name in header[:8]) + (", ..." if len(header) > 8 else "")
    message = f"{NO_TEXT_COLUMN}; the header row has {names}"
    if sniffed is None or len(header) < 2:  # unsure which separator the file uses
        message += (
            f". The separator may be the problem: the columns were read as separated by "
            f"{SEPARATOR_WORDS[separator]} after looking for {SEPARATOR_NAMES}; export the file "
            "with one of these"
        )
    raise ImportFileError(message)


def _refuse_repeated_columns(header: list[str], mapping: dict[str, str]) -> None:
    for name, field in mapping.items():
        positions = [str(index) for index, column in enumerate(header, start=1) if column == name]
        if len(positions) > 1:
            raise ImportFileError(
                f'the header names {len(positions)} columns "{name[:60]}" (columns {", ".join(positions)}), '
                f"which feed the {field}: rename or delete all but one, so that it is clear which to import"
            )


def _csv_rows(text: str, separator: str = ",") -> Iterator[tuple[int, dict[str, Any]]]:
    """(line where the record starts, {column: value}) per data row. A plain reader sees blank
    lines too, so line numbers stay right; extra values go under the key None."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
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


class _JsonObject(dict[str, Any]):
    """A JSON object that remembers the keys it was given more than once (json keeps the last)."""

    repeated: tuple[str, ...] = ()


def _json_object(pairs: list[tuple[str, Any]]) -> _JsonObject:
    value = _JsonObject(pairs)
    if len(value) < len(pairs):
        counts = Counter(key for key, _ in pairs)
        value.repeated = tuple(key for key, count in counts.items() if count > 1)
    return value


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    return "a number"


def _jsonl_rows(text: str) -> Iterator[tuple[int, _JsonObject | str]]:
    """(line number, the line's object or why it has none) per non-blank line."""
    for number, raw in enumerate(JSONL_LINE_END.split(text), start=1):
        if not raw.strip():
            continue
        if "\x00" in raw:
            yield number, "the line contains a NUL character (\\x00), which cannot be stored: remove it"
            continue
        try:
            value = json.loads(raw, object_pairs_hook=_json_object)
        except json.JSONDecodeError as error:
            yield number, f"not valid JSON: {error.msg} at column {error.colno}"
            continue
        except RecursionError:  # [[[[... 100,000 deep
            yield number, f"not valid JSON here: lists or objects are nested too deeply; {ONE_ANSWER}"
            continue
        except ValueError:  # Python reads no integer of more than 4,300 digits
            yield number, "not valid JSON here: a number has thousands of digits"
            continue
        if isinstance(value, _JsonObject):
            yield number, value
        else:
            yield number, f"not a JSON object but {_json_kind(value)}; {ONE_ANSWER}"


def parse_feedback_file(
    filename: str, content: bytes, max_rows: int, *, today: date | None = None
) -> list[ParsedRow | Rejected]:
    """Rows of a CSV or JSONL export (chosen by the file name's extension), in file order.
    Rows dated before 2000 or after the day after `today` (by default the UTC date at
    validation) are rejected."""
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if suffix not in ("csv", "jsonl", "ndjson"):
        raise ImportFileError(f"unsupported file type {filename!r}: use a .csv or .jsonl file")
    text = decode(content)
    results: list[ParsedRow | Rejected] = []
    if suffix == "csv":
        header_map, separator = _csv_columns(text)
        for line, row in _csv_rows(text, separator):
            values = _row_values(row, header_map)
            if None in row:
                results.append(_rejected(line, "more values than columns in the header", values))
            else:
                results.append(_validated(line, values, today))
            _check_rows(len(results), max_rows)
        return results
    mappings: dict[tuple[str, ...], dict[str, str]] = {}
    for line, parsed in _jsonl_rows(text):
        if isinstance(parsed, str):
            results.append(_rejected(line, parsed))
        else:
            keys = tuple(parsed)
            try:
                mapping = mappings.setdefault(keys, column_map(list(keys)))
            except ImportFileError as error:
                results.append(_rejected(line, str(error)))
                _check_rows(len(results), max_rows)
                continue
            values = _row_values(parsed, mapping)
            repeated = [key for key in parsed.repeated if key in mapping]
            if repeated:
                names = " and ".join(f'"{key[:60]}"' for key in repeated)
                reason = (
                    f"the line gives {names} more than once: keep one, so that it is clear which to import"
                )
                results.append(_rejected(line, reason, values))
            else:
                results.append(_validated(line, values, today))
        _check_rows(len(results), max_rows)
    return results


def _check_rows(count: int, max_rows: int) -> None:
    if count > max_rows:
        raise ImportFileError(f"the file has more than {max_rows} rows; split it into smaller files")
