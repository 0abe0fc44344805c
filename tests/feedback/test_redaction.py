"""Personal data out of quotes: e-mail addresses, phone numbers, handles and links; and `shorten`."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from companion.feedback.redaction import ROUND_NUMBER, redact, shorten


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mail me at jane.doe+mentoring@example.co.uk please", "Mail me at [email] please"),
        ("ADA_99@Mail-Server.ORG wrote", "[email] wrote"),
        ("UK: +44 20 7946 0958.", "UK: [phone]."),
        ("UK: 020 7946 0958 or 07700 900123", "UK: [phone] or [phone]"),
        ("US: (555) 123-4567, +1 (555) 123-4567", "US: [phone], [phone]"),
        ("US: 555-123-4567 or 555.123.4567", "US: [phone] or [phone]"),
        ("FR: 01 23 45 67 89", "FR: [phone]"),
        ("IN: +91 98765 43210", "IN: [phone]"),
        ("See https://example.com/a?b=1 and http://intranet.local/x", "See [link] and [link]"),
        ("See www.example.org/page, then", "See [link], then"),
        ("See example.com/path/to/page or docs.python.org", "See [link] or [link]"),
    ],
)
def test_emails_phone_numbers_and_links_are_replaced(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We met on 2026-03-14 and again on 14/03/2026 and 14.03.2026.",
        "In 2025 we held 12 sessions with 3 pairs, 1500 minutes in all.",
        "I rated it 4/5, last time 3/5.",
        "From 10:30 to 11:45, then 14:00-15:00.",
        "Version 1.2.3 of node.js, e.g. the report.pdf, Mr. Smith.",
        "Room 101, 20 people, 45 minutes, 2 hours.",
    ],
)
def test_dates_years_ratings_times_and_counts_are_kept(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("DE: +49 30 12345678", id="de-8-digit-group"),
        pytest.param("DE: 030 1234567", id="de-7-digit-group"),
        pytest.param("NL: +31 6 12345678", id="nl-mobile"),
        pytest.param("E.164: +14155552671", id="e164-unspaced"),
        pytest.param("DE: (089) 123456", id="bracketed-area-code-one-group"),
    ],
)
def test_phone_numbers_with_long_digit_groups_are_replaced(text: str) -> None:
    assert redact(text).endswith("[phone]")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("We met on 2026-03-14 10:30.", id="date-and-time"),
        pytest.param("Cohorts of 2024 2025 2026.", id="list-of-years"),
    ],
)
def test_dates_followed_by_numbers_are_kept(text: str) -> None:
    assert redact(text) == text


# What a red-team pass found in the admin summary ------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("phone:07700900124", "phone:[phone]"),
        ("tel:+447700900125", "[phone]"),
        ("ph.07700 900123", "ph.[phone]"),
        ("WhatsApp/07700900123", "WhatsApp/[phone]"),
        ("07700-900-123x", "[phone]"),
        ("@jane_doe", "[handle]"),
        ("bit.ly/abc123", "[link]"),
        ("t.me/x", "[link]"),
        ("example.ai/profile", "[link]"),
        ("www.something.org/x", "[link]"),
    ],
)
def test_red_team_findings_are_redacted(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call me on 07700 900123 ext. 12, thanks", "Call me on [phone], thanks"),
        ("mob 07700900123x123", "mob [phone]"),
        ("Desk: +1 (212) 555-0199 x204.", "Desk: [phone]."),
        ("(07700 900123).", "([phone])."),
        ("[07700 900123]", "[[phone]]"),
        ("Click tel:+442079460958 or sms:07700900123!", "Click [phone] or [phone]!"),
        ("+999 123 456 7890", "[phone]"),
        ("Mastodon: @jane@mastodon.social, mail jane@example.org", "Mastodon: [handle], mail [email]"),
        ("Thanks @priya.k.", "Thanks [handle]."),
        ("(see bit.ly/abc123).", "(see [link])."),
        (
            "Slides: https://example.com/deck?id=7, notes at notion.so/team/notes",
            "Slides: [link], notes at [link]",
        ),
    ],
)
def test_prefixes_extensions_and_punctuation_around_personal_data(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Meet @ 3pm, or @3pm, or @10:30, @ the office or @home; @here and @channel are not people.",
        "We used Next.js/React, node.js, setup.py and an M.Sc/PhD student's report.pdf.",
        "Tickets HR-2026-014 and INC-48213, app v6.2403.1735, Teams v24033.811.2738.2546.",
        "Budgets of 1 200 000 € and £3,000,000; the 20260304 export; 2024 2025 2026 cohorts.",
    ],
)
def test_times_words_codes_and_amounts_are_not_mistaken_for_personal_data(text: str) -> None:
    assert redact(text) == text


# Corpora: realistic feedback with and without personal data --------------------------------------
DATA = Path(__file__).parent / "data"
MARK = re.compile(r"⟦([phle]):(.*?)⟧")
PLACEHOLDERS = {"p": "[phone]", "h": "[handle]", "l": "[link]", "e": "[email]"}
# Seven or more digits with only a phone number's separators between them.
DIGIT_RUN = re.compile(r"\d(?:[\s().\-/]*\d){6}")


def corpus(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


MUST_CHANGE = corpus("redact_must_change.txt")
MUST_KEEP = corpus("redact_must_keep.txt")


def test_corpora_are_large_enough() -> None:
    assert len(MUST_CHANGE) >= 200
    assert len(MUST_KEEP) >= 200
    kinds = {kind for line in MUST_CHANGE for kind, _ in MARK.findall(line)}
    assert kinds == set(PLACEHOLDERS)


@pytest.mark.parametrize("line", MUST_CHANGE)
def test_personal_data_in_the_corpus_is_replaced_and_nothing_else(line: str) -> None:
    text = MARK.sub(lambda mark: mark.group(2), line)
    redacted = redact(text)
    for _, secret in MARK.findall(line):
        assert secret not in redacted
    assert not DIGIT_RUN.search(redacted)
    assert redacted == MARK.sub(lambda mark: PLACEHOLDERS[mark.group(1)], line)
    assert redact(redacted) == redacted


@pytest.mark.parametrize("line", MUST_KEEP)
def test_the_corpus_without_personal_data_is_left_alone(line: str) -> None:
    assert redact(line) == line


# Generated personal data --------------------------------------------------------------------
LABEL = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=12)
EMAILS = st.builds(
    "{}@{}.{}".format,
    st.text(string.ascii_letters + string.digits + "._+-", min_size=1, max_size=20),
    st.lists(LABEL, min_size=1, max_size=3).map(".".join),
    st.text(string.ascii_lowercase, min_size=2, max_size=6),
)
DIGITS = string.digits
HANDLES = st.from_regex(r"@[A-Za-z_][A-Za-z0-9_]{1,14}", fullmatch=True).filter(
    lambda handle: (
        handle[1:].lower() not in {"home", "work", "office", "the", "lunch", "here", "channel", "all"}
        and handle[1:].lower() != "everyone"
    )
)
BARE_LINKS = st.builds(
    "{}.{}/{}".format,
    LABEL,
    st.sampled_from(["ly", "me", "ai", "com", "io", "gle", "in", "co.uk"]),
    st.text(string.ascii_letters + string.digits + "_-", min_size=1, max_size=12),
)


@st.composite
def phone_numbers(draw: st.DrawFn) -> str:
    """A national number in one of the usual notations, optionally with a country code:
    +44 20 7946 0958, (555) 123-4567, 0161.496.0000 ... An area code, then two or three groups,
    the last of 3-4 digits (so that it is not shaped like a date)."""
    separator = draw(st.sampled_from([" ", "-", "."]))
    area = draw(st.text(DIGITS, min_size=3, max_size=4))
    groups = draw(st.lists(st.text(DIGITS, min_size=2, max_size=4), min_size=1, max_size=2))
    groups.append(draw(st.text(DIGITS, min_size=3, max_size=4)))
    if separator != "." and draw(st.booleans()):
        area = f"({area})"
    number = separator.join([area, *groups])
    country = draw(st.none() | st.integers(1, 999))
    # "100 000 000" alone reads as an amount (ROUND_NUMBER), which redaction keeps on purpose.
    assume(country is not None or not ROUND_NUMBER.fullmatch(number))
    return number if country is None else f"+{country} {number}"


TRAILING_DIGITS = re.compile(r"[\d\s]+$")
FILLER = st.text(
    st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"], exclude_characters="@"), max_size=30
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(FILLER, EMAILS | phone_numbers() | HANDLES | BARE_LINKS), min_size=1, max_size=4),
    FILLER,
)
def test_generated_personal_data_never_survives_redaction(pieces: list[tuple[str, str]], tail: str) -> None:
    # A filler ending in digits would run into a number after it ("1" + "000 000 000" reads as one
    # billion, not a phone number), so the digits a filler ends with are dropped.
    text = " ".join(f"{TRAILING_DIGITS.sub('', filler)} {secret}" for filler, secret in pieces) + f" {tail}"
    redacted = redact(text)
    for _, secret in pieces:
        assert secret not in redacted
    assert redact(redacted) == redacted


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_redact_is_idempotent_on_any_text(text: str) -> None:
    once = redact(text)
    assert redact(once) == once


# shorten --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Short and sweet.", 280, "Short and sweet."),
        ("Spread\n\nover   lines", 280, "Spread over lines"),
        (
            "The first sentence is long enough here. The second one goes on and on.",
            50,
            "The first sentence is long enough here.…",
        ),
        ("one two three four five six seven", 12, "one two…"),
        ("alpha, beta, gamma, delta", 14, "alpha, beta…"),
        ("x" * 50, 10, "x" * 10 + "…"),
    ],
)
def test_shorten_cuts_at_a_sentence_or_word_end(text: str, limit: int, expected: str) -> None:
    assert shorten(text, limit) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(), st.integers(min_value=1, max_value=300))
def test_shorten_never_exceeds_the_limit_plus_the_ellipsis(text: str, limit: int) -> None:
    short = shorten(text, limit)
    whole = " ".join(text.split())
    assert len(short) <= limit + 1
    if len(whole) <= limit:
        assert short == whole
    else:
        assert whole.startswith(short.removesuffix("…"))
