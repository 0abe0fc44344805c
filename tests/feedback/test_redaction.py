"""Personal data out of quotes: e-mail addresses, phone numbers and links; and `shorten`."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.feedback.redaction import redact, shorten


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
        ("See www.example.org/page, then", "See [link] then"),
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


# Generated personal data --------------------------------------------------------------------
LABEL = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=12)
EMAILS = st.builds(
    "{}@{}.{}".format,
    st.text(string.ascii_letters + string.digits + "._+-", min_size=1, max_size=20),
    st.lists(LABEL, min_size=1, max_size=3).map(".".join),
    st.text(string.ascii_lowercase, min_size=2, max_size=6),
)
DIGITS = string.digits


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
    return number if country is None else f"+{country} {number}"


FILLER = st.text(
    st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"], exclude_characters="@"), max_size=30
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(FILLER, EMAILS | phone_numbers()), min_size=1, max_size=4), FILLER)
def test_generated_emails_and_phone_numbers_never_survive_redaction(
    pieces: list[tuple[str, str]], tail: str
) -> None:
    text = " ".join(f"{filler} {secret}" for filler, secret in pieces) + f" {tail}"
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
