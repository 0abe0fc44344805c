"""Personal data out of quotes: e-mail addresses, phone numbers and links become placeholders."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|co|uk|de|fr|edu|gov|info|biz)(?:/\S*)?",
    re.IGNORECASE,
)
# A phone number: an optional +country code, then at least 7 digits in groups separated by
# spaces, dots, dashes or brackets. Dates (2026-03-14) and plain years do not match.
PHONE = re.compile(
    r"(?<![\w-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?)?\d{2,6}(?:[\s.-]\d{2,6}){1,4}(?![\w-])"
)
DATE_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}$|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$")


def _phone(match: re.Match[str]) -> str:
    found = match.group(0)
    digits = sum(character.isdigit() for character in found)
    if digits < 7 or DATE_LIKE.match(found.strip()):
        return found
    return "[phone]"


def redact(text: str) -> str:
    """The text with e-mail addresses, links and phone numbers replaced."""
    text = EMAIL.sub("[email]", text)
    text = URL.sub("[link]", text)
    return PHONE.sub(_phone, text)


def shorten(text: str, limit: int = 280) -> str:
    """At most `limit` characters, cut at a sentence or word end, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    if end > limit // 2:
        return cut[: end + 1]
    return cut.rsplit(" ", 1)[0].rstrip(",;:") + "…"
