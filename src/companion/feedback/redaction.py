"""Personal data out of quotes: e-mail addresses, phone numbers and links become placeholders."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|co|uk|de|fr|edu|gov|info|biz)(?:/\S*)?",
    re.IGNORECASE,
)
# A phone number candidate: an optional +, then digits with spaces, dots, dashes or brackets
# between them. `_phone` then decides: at least 7 digits, and not a date, a list of years or a list
# of small numbers ("10 20 30 40").
PHONE = re.compile(r"(?<![\w+.:/-])\+?\(?\d[\d().\s-]*\d\)?(?![\w:/]|\.\d)")
DATE = re.compile(r"(?<![\d./-])(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2}))(?![\d./-])")
YEAR = re.compile(r"(?:19|20)\d\d")


def _phone(match: re.Match[str]) -> str:
    found = match.group(0)
    trimmed = found.rstrip(" .-")
    groups = re.findall(r"\d+", trimmed)
    digits = sum(len(group) for group in groups)
    if digits < 7 or DATE.search(trimmed):
        return found
    if all(YEAR.fullmatch(group) for group in groups):
        return found  # 2024 2025 2026
    if not trimmed.startswith(("+", "0")) and max(len(group) for group in groups) < 3:
        return found  # 10 20 30 40
    return "[phone]" + found[len(trimmed) :]


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
        return cut[: end + 1] + "…"
    return cut.rsplit(" ", 1)[0].rstrip(",;:") + "…"
