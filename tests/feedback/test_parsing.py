"""Reading survey exports: column aliases, per-row rejections with line numbers, unreadable files."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from companion.feedback.parsing import ImportFileError, ParsedRow, parse_feedback_file
from companion.feedback.schemas import FeedbackIn, Rejected

MAX_ROWS = 100

# What a survey tool's CSV export and a JSONL export of the same answer look like.
CSV_EXPORT = (
    b"Response ID,Submitted At,Role,Pair,Rating,Comments\n"
    b'r1,2026-03-01T10:00:00Z,Reverse Mentor,pair-01,4/5,"Great session, we covered prompts"\n'
)
JSONL_EXPORT = json.dumps(
    {
        "id": "r1",
        "created_at": "2026-03-01T10:00:00Z",
        "role": "Reverse Mentor",
        "pair_id": "pair-01",
        "score": 4,
        "answer": "Great session, we covered prompts",
    }
).encode()
EXPECTED = FeedbackIn(
    text="Great session, we covered prompts",
    rating=4,
    author_role="mentor",
    pair_id="pair-01",
    submitted_at=datetime(2026, 3, 1, 10, 0, tzinfo=UTC),
    external_id="r1",
)


def parse(name: str, content: bytes, max_rows: int = MAX_ROWS) -> list[ParsedRow | Rejected]:
    return parse_feedback_file(name, content, max_rows)


def only_entry(name: str, content: bytes) -> FeedbackIn:
    [row] = parse(name, content)
    assert isinstance(row, ParsedRow), row
    return row.entry


@pytest.mark.parametrize(
    ("name", "content"),
    [("survey.csv", CSV_EXPORT), ("survey.jsonl", JSONL_EXPORT), ("survey.ndjson", JSONL_EXPORT)],
)
def test_survey_tool_column_names_feed_the_right_fields(name: str, content: bytes) -> None:
    assert only_entry(name, content) == EXPECTED


def test_a_utf8_byte_order_mark_is_ignored() -> None:
    assert only_entry("excel.csv", b"\xef\xbb\xbfComments\nHello\n").text == "Hello"


def test_quoted_multiline_cells_keep_the_line_numbers_of_later_rows() -> None:
    content = (
        b"Response ID,Submitted At,Role,Pair,Rating,Comments\n"  # line 1
        b"r1,2026-03-01,Mentor,pair-01,7,Rating out of range\n"  # 2
        b'r2,2026-03-02,Mentee,pair-01,5,"Three lines:\n'  # 3
        b"prompts,\n"  # 4
        b'and video calls"\n'  # 5
        b"r3,not a date,Mentor,pair-02,3,Bad date\n"  # 6
        b'r4,2026-03-03,Mentor,pair-02,,"  "\n'  # 7
        b'r5,14/03/2026 09:30,Admin,,5,"Two\n'  # 8
        b'lines"\n'  # 9
        b"r6,2026-03-04,Mentor,pair-03,2,Too,many\n"  # 10
        b"r7,2026-03-05,Mentee,pair-03,3,Last\n"  # 11
    )
    rows = parse("survey.csv", content)
    assert [(row.line, type(row).__name__) for row in rows] == [
        (2, "Rejected"),
        (3, "ParsedRow"),
        (6, "Rejected"),
        (7, "Rejected"),
        (8, "ParsedRow"),
        (10, "Rejected"),
        (11, "ParsedRow"),
    ]
    assert rows[1].entry.text == "Three lines:\nprompts,\nand video calls"  # type: ignore[union-attr]
    assert rows[4].entry.submitted_at == datetime(2026, 3, 14, 9, 30)  # type: ignore[union-attr]
    assert rows[5].error == "more values than columns in the header"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (b"r1,7,Mentor,2026-03-01,Too good", "rating: Input should be less than or equal to 5"),
        (b"r1,0/5,Mentor,2026-03-01,Too bad", "rating: Input should be greater than or equal to 1"),
        (b"r1,3.5,Mentor,2026-03-01,Half", "rating: Input should be a valid integer"),
        (b"r1,4,Mentor,2026-03-01,", "text: is empty"),
        (b'r1,4,Mentor,2026-03-01,"   "', "text: is empty"),
        (b"r1,4,Mentor,yesterday,Fine", "submitted_at: not a date or time: 'yesterday'"),
        (b"r1,4,CEO,2026-03-01,Fine", "author_role: Input should be 'mentor', 'mentee' or 'admin'"),
    ],
)
def test_an_invalid_row_is_rejected_with_its_line_and_the_field(row: bytes, reason: str) -> None:
    [rejected] = parse("survey.csv", b"ID,Rating,Role,Date,Comments\n" + row + b"\n")
    assert isinstance(rejected, Rejected)
    assert rejected.line == 2  # the header is line 1
    assert rejected.error.startswith(reason), rejected.error


@pytest.mark.parametrize(("rating", "expected"), [("4/5", 4), ("5", 5), ("2.0", 2), (" 3 ", 3), ("", None)])
def test_ratings_in_survey_formats_are_accepted(rating: str, expected: int | None) -> None:
    content = f'Rating,Comments\n"{rating}",Fine\n'.encode()
    assert only_entry("survey.csv", content).rating == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [("Reverse Mentor", "mentor"), ("MENTOR", "mentor"), (" mentee ", "mentee"), ("Admin", "admin")],
)
def test_role_words_are_normalised(role: str, expected: str) -> None:
    content = f'Role,Comments\n"{role}",Fine\n'.encode()
    assert only_entry("survey.csv", content).author_role == expected


def test_jsonl_rows_are_read_one_line_at_a_time() -> None:
    content = (
        b'{"answer": "First", "score": 5, "private": "yes"}\n'  # 1
        b'{"answer": "Broken", \n'  # 2
        b"\n"  # 3: blank, skipped
        b'["not", "an", "object"]\n'  # 4
        b'{"answer": "Fourth", "pair_id": 7, "id": 12}\n'  # 5
        b'{"name": "no text field"}\n'  # 6
        b'{"answer": "a\\u0000b"}\n'  # 7: an escaped NUL
    )
    rows = parse("survey.jsonl", content)
    assert [row.line for row in rows] == [1, 2, 4, 5, 6, 7]
    first, broken, not_object, fourth, no_text, nul = rows
    assert isinstance(first, ParsedRow) and first.entry.private and first.entry.rating == 5
    assert isinstance(broken, Rejected) and broken.error.startswith("not valid JSON")
    assert isinstance(not_object, Rejected) and not_object.error == "not a JSON object"
    assert isinstance(fourth, ParsedRow)
    assert (fourth.entry.pair_id, fourth.entry.external_id) == ("7", "12")
    assert isinstance(no_text, Rejected) and "feedback text" in no_text.error
    assert isinstance(nul, Rejected) and "NUL" in nul.error


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("survey.csv", "Comments\nTrès bien\n".encode("latin-1"), "not UTF-8"),
        ("survey.csv", "Comments\nFine\n".encode("utf-16"), "not UTF-8"),
        ("survey.csv", b"Comments\nFine\x00\x00\n", "NUL bytes"),
        ("survey.csv", b"", "the CSV file is empty"),
        ("survey.csv", b"Name,Score\nAda,5\n", 'expected one named "text", "comments", "feedback", "answer"'),
        ("survey.xlsx", b"Comments\nFine\n", "unsupported file type 'survey.xlsx'"),
        ("survey", b"Comments\nFine\n", "use a .csv or .jsonl file"),
    ],
)
def test_a_file_that_cannot_be_read_raises_import_file_error(name: str, content: bytes, message: str) -> None:
    with pytest.raises(ImportFileError, match=message.replace(".", r"\.")):
        parse(name, content)


def test_the_error_for_a_file_that_is_not_utf8_says_how_to_export_it() -> None:
    with pytest.raises(ImportFileError) as caught:
        parse("survey.csv", "Comments\nTrès bien\n".encode("latin-1"))
    assert "export it as UTF-8 CSV or JSONL" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("survey.csv", b"Comments\none\ntwo\nthree,extra\n"),  # rejected rows count too
        ("survey.jsonl", b'{"text": "one"}\n{"text": "two"}\n{"text": ""}\n'),
    ],
)
def test_more_rows_than_max_rows_raises(name: str, content: bytes) -> None:
    assert len(parse(name, content, max_rows=3)) == 3
    with pytest.raises(ImportFileError, match="more than 2 rows"):
        parse(name, content, max_rows=2)


def test_a_blank_line_between_rows_does_not_shift_line_numbers() -> None:
    rows = parse("survey.csv", b"Comments,Rating\nFine,4\n\nToo good,7\n")
    assert [row.line for row in rows] == [2, 4]
