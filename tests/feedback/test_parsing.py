"""Reading survey exports: column aliases, per-row rejections with line numbers and reasons in
plain words, separators, unreadable files; the red team's inputs (dates that overflow, deep JSON,
NUL, repeated columns) are rejected one row at a time."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import ValidationError

from companion.feedback.parsing import ImportFileError, ParsedRow, parse_feedback_file
from companion.feedback.schemas import FeedbackIn, Rejected, SessionIn

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
        (b"r1,7,Mentor,2026-03-01,Too good", "rating must be a whole number from 1 to 5; found 7"),
        (b"r1,0/5,Mentor,2026-03-01,Too bad", "rating must be a whole number from 1 to 5; found 0"),
        (b"r1,3.5,Mentor,2026-03-01,Half", "rating must be a whole number from 1 to 5; found '3.5'"),
        (b"r1,eleven,Mentor,2026-03-01,Fine", "rating must be a whole number from 1 to 5; found 'eleven'"),
        (b"r1,4/10,Mentor,2026-03-01,Fine", "rating must be a whole number from 1 to 5; found '4/10'"),
        (b"r1,4,Mentor,2026-03-01,", "text is empty"),
        (b'r1,4,Mentor,2026-03-01,"   "', "text is empty"),
        (
            b"r1,4,Mentor,last tuesday,Fine",
            "submitted_at must be a date such as 2026-03-04 or 2026-03-04T09:30:00Z; found 'last tuesday'",
        ),
        (
            b"r1,4,Mentor,1772611200,Fine",  # a Unix time: which zone, seconds or milliseconds?
            "submitted_at must be a date such as 2026-03-04 or 2026-03-04T09:30:00Z; found '1772611200'",
        ),
        (b"r1,4,CEO,2026-03-01,Fine", "author_role must be mentor, mentee or admin; found 'CEO'"),
        (
            b"r1,4,Mentor,2026-03-01," + b"x" * 5001,
            "text is too long: 5001 characters where 5000 at most are allowed",
        ),
    ],
)
def test_an_invalid_row_is_rejected_with_its_line_and_a_plain_reason(row: bytes, reason: str) -> None:
    [rejected] = parse("survey.csv", b"ID,Rating,Role,Date,Comments\n" + row + b"\n")
    assert isinstance(rejected, Rejected)
    assert rejected.line == 2  # the header is line 1
    assert rejected.error == reason
    assert rejected.external_id == "r1"
    assert "Input should" not in rejected.error


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
    assert isinstance(not_object, Rejected) and not_object.error.startswith("not a JSON object but a list")
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


# The red team's inputs, and the plain reasons. TODAY is injected where a test depends on it.
TODAY = date(2026, 3, 10)


def rejected_rows(rows: list[ParsedRow | Rejected]) -> dict[int, Rejected]:
    return {row.line: row for row in rows if isinstance(row, Rejected)}


def imported_lines(rows: list[ParsedRow | Rejected]) -> list[int]:
    return [row.line for row in rows if isinstance(row, ParsedRow)]


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        ("0001-01-01T00:00:00+14:00", "0001-01-01"),  # 0000-12-31 in UTC: overflowed
        ("9999-12-31T23:59:59-14:00", "9999-12-31"),  # 10000-01-01 in UTC: overflowed
        ("1999-12-31T23:59:59Z", "1999-12-31"),
        ("2000-01-01T00:30:00+01:00", "2000-01-01 (1999-12-31 in UTC)"),
        ("2026-03-12T00:00:00Z", "2026-03-12"),  # the day after tomorrow
        ("2026-03-12", "2026-03-12"),
    ],
)
def test_a_date_outside_2000_to_tomorrow_rejects_its_row_only(moment: str, shown: str) -> None:
    reason = f"submitted_at {shown} is outside 2000-01-01 to 2026-03-11"
    csv_file = f"ID,Date,Comments\nr1,2026-03-01,Fine\nr2,{moment},Odd date\nr3,2026-03-11T23:59:59Z,Ok\n"
    rows = parse_feedback_file("survey.csv", csv_file.encode(), MAX_ROWS, today=TODAY)
    assert imported_lines(rows) == [2, 4]
    rejected = rejected_rows(rows)[3]
    assert (rejected.error, rejected.external_id, rejected.text) == (reason, "r2", "Odd date")
    lines = [{"id": "r1", "text": "Fine"}, {"id": "r2", "text": "Odd date", "submitted_at": moment}]
    jsonl = "\n".join(json.dumps(line) for line in lines).encode()
    rows = parse_feedback_file("survey.jsonl", jsonl, MAX_ROWS, today=TODAY)
    assert imported_lines(rows) == [1] and rejected_rows(rows)[2].error == reason


def test_single_entries_and_sessions_outside_the_window_are_refused_in_plain_words() -> None:
    today = {"today": TODAY}
    with pytest.raises(ValidationError) as caught:
        FeedbackIn.model_validate({"text": "Hi", "submitted_at": "0001-01-01T00:00:00+14:00"}, context=today)
    assert caught.value.errors()[0]["msg"] == "0001-01-01 is outside 2000-01-01 to 2026-03-11"
    for held_on in ("1999-12-31", "2026-03-12", "9999-12-31"):
        with pytest.raises(ValidationError) as caught:
            SessionIn.model_validate({"pair_id": "p1", "held_on": held_on, "topic": "AI"}, context=today)
        [problem] = caught.value.errors()
        assert problem["loc"] == ("held_on",)
        assert problem["msg"] == f"{held_on} is outside 2000-01-01 to 2026-03-11"
    meeting = SessionIn.model_validate(
        {"pair_id": "p1", "held_on": "2026-03-11", "topic": "AI"}, context=today
    )
    assert meeting.held_on == date(2026, 3, 11)
    with pytest.raises(ValidationError, match="must be a date such as 2026-03-04; found 'soon'"):
        SessionIn(pair_id="p1", held_on="soon", topic="AI")  # type: ignore[arg-type]


def test_without_an_injected_today_the_window_ends_tomorrow_at_validation_time() -> None:
    tomorrow = datetime.now(UTC).date() + timedelta(days=1)
    FeedbackIn(text="Ok", submitted_at=datetime.combine(tomorrow, datetime.min.time(), UTC))
    later = tomorrow + timedelta(days=1)
    with pytest.raises(ValidationError, match=f"{later} is outside 2000-01-01 to {tomorrow}"):
        FeedbackIn(text="Too early to tell", submitted_at=datetime.combine(later, datetime.min.time()))
    [rejected] = parse("survey.csv", f"Date,Comments\n{later},Hi\n".encode())
    assert isinstance(rejected, Rejected) and rejected.error.endswith(f"to {tomorrow}")


def test_a_deeply_nested_or_non_object_jsonl_line_is_rejected_and_the_rest_imports() -> None:
    content = (
        b'{"text": "First"}\n'  # 1
        + b"[" * 100_000  # 2: RecursionError in json.loads
        + b"\n"
        + b'{"text": '
        + b"[" * 100_000
        + b"]" * 100_000
        + b"}\n"  # 3: deep inside an object
        + b'"just a string"\n'  # 4
        + b"42\n"  # 5
        + b'{"text": "a", "score": '
        + b"9" * 5000
        + b"}\n"  # 6: too many digits for Python's int
        + b'{"text": "Last"}\n'  # 7
    )
    rows = parse("survey.jsonl", content)
    assert imported_lines(rows) == [1, 7]
    rejected = rejected_rows(rows)
    assert sorted(rejected) == [2, 3, 4, 5, 6]
    assert rejected[2].error.startswith("not valid JSON here: lists or objects are nested too deeply")
    assert rejected[3].error.startswith("not valid JSON here: lists or objects are nested too deeply")
    assert rejected[4].error.startswith("not a JSON object but a string; each line must be one answer")
    assert rejected[5].error.startswith("not a JSON object but a number")
    assert rejected[6].error == "not valid JSON here: a number has thousands of digits"


def test_a_jsonl_answer_may_hold_a_line_separator_character() -> None:
    content = '{"text": "one\u2028two"}\r\n{"text": "three"}\n'.encode()  # U+2028 left unescaped
    rows = parse("survey.jsonl", content)
    assert [(row.line, row.entry.text) for row in rows if isinstance(row, ParsedRow)] == [
        (1, "one\u2028two"),
        (2, "three"),
    ]


def test_nul_characters_reject_their_row_with_the_reason() -> None:
    csv_rows = parse(
        "survey.csv", b"ID,Comments,Pair\nr1,Fine,p1\nr2,Bro\x00ken,p1\nr3,Ok,p\x00\nr4,Last,p2\n"
    )
    assert imported_lines(csv_rows) == [2, 5]
    rejected = rejected_rows(csv_rows)
    assert rejected[3].error == "text contains a NUL character (\\x00), which cannot be stored: remove it"
    assert rejected[3].text == "Bro\ufffdken"  # the report carries no NUL either
    assert rejected[4].error.startswith("pair_id contains a NUL character")
    jsonl = (
        b'{"text": "Fine"}\n'
        b'{"text": "Ok", "id": "r\\u0000"}\n'  # escaped: the value holds a NUL
        b'{"text": "Raw \x00 NUL"}\n'  # raw: not even valid JSON
        b'{"text": "Half \\ud800 a pair"}\n'
    )
    rejected = rejected_rows(parse("survey.jsonl", jsonl))
    assert rejected[2].error.startswith("external_id contains a NUL character")
    assert rejected[3].error.startswith("the line contains a NUL character")
    assert rejected[4].error.startswith("text contains a broken character (U+D800")
    assert rejected[4].text == "Half \ufffd a pair"
    for meeting in (
        {"topic": "A\x00I"},
        {"topic": "AI", "notes": "\x00"},
        {"topic": "AI", "pair_id": "p\x00"},
    ):
        with pytest.raises(ValidationError, match="NUL character"):
            SessionIn.model_validate({"pair_id": "p1", "held_on": "2026-03-01"} | meeting)
    with pytest.raises(ValidationError, match="NUL character"):
        FeedbackIn(text="Ok", external_id="id\x00")


def test_a_file_that_is_mostly_nul_bytes_is_refused_as_a_whole() -> None:
    with pytest.raises(ImportFileError, match="NUL bytes; it is not a text export"):
        parse("survey.csv", "Comments\nFine\n".encode("utf-16-le"))  # UTF-16 without a byte order mark


def test_a_column_named_twice_refuses_the_file_naming_it() -> None:
    content = b"Response ID,Comments,Rating,Comments\nr1,First answer,4,Second answer\n"
    with pytest.raises(ImportFileError, match=r'2 columns "Comments" \(columns 2, 4\), which feed the text'):
        parse("survey.csv", content)
    with pytest.raises(ImportFileError, match='columns "Rating"'):
        parse("survey.csv", b"Rating;Comments;Rating\n4;Fine;5\n")
    # Columns that nothing reads may repeat; a JSONL line that gives a field twice is rejected.
    assert only_entry("survey.csv", b"Notes,Comments,Notes\na,Fine,b\n").text == "Fine"
    rows = parse("survey.jsonl", b'{"text": "one", "text": "two"}\n{"text": "ok", "x": 1, "x": 2}\n')
    assert rejected_rows(rows)[1].error.startswith('the line gives "text" more than once')
    assert imported_lines(rows) == [2]


SEMICOLONS = (
    "Response ID;Submitted At;Role;Rating;Comments\n"
    'r1;2026-03-01;Mentor;4;"Good; we covered prompts, then video calls"\n'
    'r2;2026-03-02;Mentee;eleven;"Odd; rating"\n'
    "r3;2026-03-03;Mentee;5;Plain, with a comma\n"
)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("semicolons", SEMICOLONS),
        ("tabs", SEMICOLONS.replace(";", "\t").replace("Good\t", "Good;").replace("Odd\t", "Odd;")),
        ("pipes", SEMICOLONS.replace(";", "|").replace("Good|", "Good;").replace("Odd|", "Odd;")),
    ],
)
def test_the_separator_is_found(name: str, content: str) -> None:
    rows = parse("survey.csv", content.encode())
    assert [row.entry.text for row in rows if isinstance(row, ParsedRow)] == [
        "Good; we covered prompts, then video calls",
        "Plain, with a comma",
    ]
    first = rows[0]
    assert isinstance(first, ParsedRow) and (first.entry.external_id, first.entry.rating) == ("r1", 4)
    rejected = rejected_rows(rows)[3]
    assert rejected.error == "rating must be a whole number from 1 to 5; found 'eleven'"
    assert (rejected.external_id, rejected.text) == ("r2", "Odd; rating")


def test_punctuation_in_the_answers_of_a_single_column_file_is_not_a_separator() -> None:
    content = b"Comments\n" + b"Good; fine\n" * 12 + b"Also | this\n"
    rows = parse("survey.csv", content)
    assert [row.entry.text for row in rows if isinstance(row, ParsedRow)] == ["Good; fine"] * 12 + [
        "Also | this"
    ]


def test_when_no_text_column_is_found_the_error_names_the_separators_tried() -> None:
    with pytest.raises(ImportFileError) as caught:
        parse("survey.csv", b"Name Comments Score\nAda Fine 5\n")  # spaces: not a separator
    message = str(caught.value)
    assert 'the header row has "Name Comments Score"' in message
    assert 'The separator may be the problem: the columns were read as separated by ","' in message
    assert 'after looking for ",", ";", tab and "|"' in message
    with pytest.raises(ImportFileError) as caught:
        parse("survey.csv", b"Name;Score\nAda;5\n")  # found ";" and the columns: no text among them
    assert 'the header row has "Name", "Score"' in str(caught.value)
    assert "separator" not in str(caught.value)


def test_a_rejected_row_keeps_its_response_id_and_the_start_of_its_text() -> None:
    text = "word " * 1200  # 6,000 characters: too long
    rows = parse("survey.csv", f"Response ID,Rating,Comments\nr1,4,Fine\nform-9,4,{text}\n".encode())
    rejected = rejected_rows(rows)[3]
    assert rejected.error == "text is too long: 5999 characters where 5000 at most are allowed"
    assert rejected.external_id == "form-9"
    assert rejected.text == text.strip()[:200] and len(rejected.text) == 200
    [extra] = parse("survey.csv", b"ID,Comments\nr7,Too,many\n")
    assert isinstance(extra, Rejected) and (extra.external_id, extra.text) == ("r7", "Too")
    [no_id] = parse("survey.jsonl", b'{"text": "Fine", "score": 9}\n')
    assert isinstance(no_id, Rejected) and no_id.external_id is None and no_id.text == "Fine"


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"text": "ok", "rating": "eleven"}, "must be a whole number from 1 to 5; found 'eleven'"),
        ({"text": "ok", "rating": True}, "must be a whole number from 1 to 5; found true"),
        ({"text": "ok", "rating": 6}, "must be a whole number from 1 to 5; found 6"),
        ({"text": "ok", "author_role": "ceo"}, "must be mentor, mentee or admin; found 'ceo'"),
        ({"text": "ok", "private": 1}, "must be true or false; found 1"),
        ({"text": 5}, "must be text; found 5"),
        ({"text": "  "}, "is empty"),
        ({"text": "ok", "submitted_at": 1772611200}, "must be a date such as 2026-03-04 or "),
    ],
)
def test_posted_entries_get_the_same_plain_words(payload: dict, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        FeedbackIn.model_validate(payload)
    [problem] = caught.value.errors()
    assert problem["msg"].startswith(message), problem["msg"]


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_the_dates_that_overflowed_in_utc_reject_their_row_and_the_others_import(moment: str) -> None:
    content = f"ID,Date,Comments\nr1,2026-03-01,Fine\nr2,{moment},Odd date\nr3,2026-03-02,Ok\n".encode()
    rows = parse("survey.csv", content)
    assert imported_lines(rows) == [2, 4]
    assert rejected_rows(rows)[3].error.startswith(f"submitted_at {moment[:10]} is outside 2000-01-01 to ")
