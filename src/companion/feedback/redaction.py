"""Personal data out of quotes: e-mail addresses, phone numbers, social handles and links become
placeholders ([email], [phone], [handle], [link]); and `shorten`.

Phone numbers are found with libphonenumber's matcher (the `phonenumbers` package), run for the
regions programme members usually write from; a match counts with at least seven digits and when
not a date, a list of years, a list of small numbers, an amount or a code ("HR-2026-014"); the
URI scheme ("tel:") and extension ("x123", "ext. 12") go with the number. A regular expression,
judged by the same rules, catches what the matcher cannot parse (an unknown country code, say).
Links are full URLs, `www.` addresses, bare domains with a path (`bit.ly/abc123`, `t.me/x`) and
bare domains on common top-level domains (`docs.python.org`).
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

# Regions whose national notations the matcher tries (an international "+..." number is found
# whatever the region): the UK first, then the other countries programme members write from.
REGIONS = ("GB", "US", "IN", "DE", "FR", "IE")

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A fediverse handle, @jane@mastodon.social: a handle, not an e-mail address with an @ before it.
FEDIVERSE = re.compile(r"(?<![\w@])@\w+(?:\.\w+)*@[\w-]+(?:\.[\w-]+)+")

# Top-level domains. A bare domain with a path ("bit.ly/abc123") may end in any country code
# (ISO 3166 region codes, which phonenumbers lists) or a common generic one; a bare domain
# without a path only in a few common ones, so that "node.js" or "report.pdf" stay as they are.
_GENERIC = {
    *("com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "app", "dev", "io", "ai", "xyz"),
    *("online", "site", "website", "tech", "blog", "page", "link", "news", "live", "shop", "store"),
    *("cloud", "space", "social", "team", "work", "works", "agency", "digital", "studio", "design"),
    *("media", "network", "world", "today", "club", "pro", "name", "mobi", "jobs", "health", "academy"),
    *("school", "events", "group", "company", "solutions", "consulting", "art", "email", "chat"),
    *("click", "one", "top", "wiki", "ngo", "global", "life", "video", "zone", "gle"),
}
# Country codes that are also file extensions or degrees: "setup.py/", "README.md/", "M.Sc/".
_NOT_DOMAINS = {"py", "md", "ps", "rs", "sc"}
_TLDS = sorted(
    ({region.lower() for region in phonenumbers.SUPPORTED_REGIONS} | {"uk", "eu"} | _GENERIC) - _NOT_DOMAINS,
    key=lambda tld: (-len(tld), tld),
)
_PLAIN_TLDS = "com|org|net|io|co|uk|de|fr|edu|gov|info|biz|ai|app|dev|eu|ie"
URL = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"
    rf"|\b[\w-]+(?:\.[\w-]+)*\.(?:{'|'.join(_TLDS)})(?::\d{{1,5}})?/\S*"
    rf"|\b[\w-]+(?:\.[\w-]+)*\.(?:{_PLAIN_TLDS})\b(?![\w-])",
    re.IGNORECASE,
)
# Punctuation that ends a sentence rather than a link: "see bit.ly/abc, then".
_LINK_TAIL = ".,;:!?'\"»”’"
_BRACKETS = {")": "(", "]": "[", "}": "{"}
_OPENING = {"(": ")", "[": "]", "{": "}"}

# A social handle: @ then a word, not glued to a word before it ("x@y" is no handle) and not
# "@ 3pm", "@3pm", "@10:30", nor a word of prose or a group mention ("@home", "@here").
HANDLE = re.compile(r"(?<![\w@])@(\w+(?:\.\w+)*)")
_NOT_HANDLES = re.compile(
    r"\d{1,2}(?:[:.h]\d\d)?(?:am|pm|h|hrs?)?|\d+(?:x|k|m|%)?"
    r"|home|work|office|the|lunch|here|channel|everyone|all",
    re.IGNORECASE,
)

# A phone number candidate for the fallback: an optional +, then digits with spaces, dots, dashes
# or brackets between them.
PHONE = re.compile(r"(?<![\w+.:/-])\+?\(?\d[\d().\s-]*\d\)?(?![\w:/]|\.\d)")
DATE = re.compile(r"(?<![\d./-])(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2}))(?![\d./-])")
COMPACT_DATE = re.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")
YEAR = re.compile(r"(?:19|20)\d\d")
# A round number in thousands: 1 200 000, 12.000.000 (a phone number seldom ends in 000).
ROUND_NUMBER = re.compile(r"[1-9]\d{0,2}(?:([\s.,])\d{3})(?:\1\d{3})*(?<=000)")
# Seven digits with nothing but spaces and punctuation between them: texts without such a run
# cannot hold a phone number and skip the matcher and the fallback (most feedback has none).
_CANDIDATE = re.compile(r"\d(?:[^\w]*\d){6}")
# Cheap tests for whether a text can hold a link (a dot between word characters, "://", "www.").
_MAYBE_LINK = re.compile(r"[\w-]\.\w|://|www\.", re.IGNORECASE)
# What libphonenumber leaves out: a URI scheme before the number, an extension marker after it.
_SCHEME = re.compile(r"(?i)\b(?:tel|sms|callto|facetime|whatsapp):(?://)?$")
_EXTENSION = re.compile(
    r"(?i)(?:\s*,?\s*(?:ext|extn|extension)\.?\s*:?\s*\d{1,6}|\s?[x#]\s?\d{1,6}|x(?![^\W\d_]))"
)
_PLUS_BEFORE = re.compile(r"(?<![\w+])\+\d[\d\s().-]*$")
_CURRENCY = "£$€¥₹"


def _is_phone(number: str, before: str = "", after: str = "") -> bool:
    """Whether `number` (digits and separators, no extension) is a phone number and not a date, a
    list of years, a list of small numbers or an amount of money."""
    groups = re.findall(r"\d+", number)
    if sum(len(group) for group in groups) < 7 or DATE.search(number):
        return False
    if all(YEAR.fullmatch(group) for group in groups):
        return False  # 2024 2025 2026
    if not number.startswith(("+", "0", "(")) and max(len(group) for group in groups) < 3:
        return False  # 10 20 30 40
    if len(groups) == 1 and COMPACT_DATE.fullmatch(groups[0]):
        return False  # 20260304
    if ROUND_NUMBER.fullmatch(number):
        return False  # 1 200 000 views
    if re.fullmatch(r"[\d.]+", number) and any(len(group) == 1 for group in groups[1:]):
        return False  # a version: 122.0.6261.94
    if re.search(r"(?:[^\W\d_][-_]?|\d[-_.])$", before) and not number.startswith(("+", "0")):
        return False  # a code or a version: HR-2026-014, v6.2403.1735, 24033.811.2738.2546
    if re.match(r"[-.]?\d", after):
        return False  # a piece of a longer number, which the fallback judges whole
    before, after = before.rstrip(), after.lstrip()
    return not (before.endswith(tuple(_CURRENCY)) or after.startswith(tuple(_CURRENCY)))


def _phone_spans(text: str) -> list[tuple[int, int]]:
    """Where the matcher finds phone numbers in `text`, merged over the regions, each widened to
    its extension and URI scheme."""
    spans: list[tuple[int, int]] = []
    for region in REGIONS:
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.POSSIBLE):
            start, end, raw = match.start, match.end, match.raw_string
            # An opening bracket without its closing one stays outside: "([phone])".
            while raw[:1] in _OPENING and raw.count(raw[0]) > raw.count(_OPENING[raw[0]]):
                start, raw = start + 1, raw[1:]
            # The checks look at the number without its extension ("x123", "ext. 12").
            number = re.sub(r"\D*\d+\D*$", "", raw) if match.number.extension else raw
            if not _is_phone(number.strip(), text[:start], text[end:]):
                continue
            tail = _EXTENSION.match(text, end)
            if tail and not match.number.extension:
                end = tail.end()
            # A country code the region's rules split off ("+999 123 [phone]") belongs to it.
            plus = _PLUS_BEFORE.search(text, 0, start)
            if plus:
                start = plus.start()
            scheme = _SCHEME.search(text, 0, start)
            if scheme:
                start = scheme.start()
            spans.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _fallback_phone(match: re.Match[str]) -> str:
    found = match.group(0)
    trimmed = found.rstrip(" .-")
    if not _is_phone(trimmed.lstrip("("), match.string[: match.start()], match.string[match.end() :]):
        return found
    return "[phone]" + found[len(trimmed) :]


def _link(match: re.Match[str]) -> str:
    """[link], with the sentence's punctuation and an unopened closing bracket left after it."""
    found = match.group(0)
    end = len(found)
    while end:
        last = found[end - 1]
        if not (
            last in _LINK_TAIL or (last in _BRACKETS and found.count(last) > found.count(_BRACKETS[last]))
        ):
            break
        end -= 1
    return "[link]" + found[end:]


def _handle(match: re.Match[str]) -> str:
    return match.group(0) if _NOT_HANDLES.fullmatch(match.group(1)) else "[handle]"


def _phones(text: str) -> str:
    if not _CANDIDATE.search(text):
        return text
    for start, end in reversed(_phone_spans(text)):
        text = text[:start] + "[phone]" + text[end:]
    return PHONE.sub(_fallback_phone, text)


def _redact_once(text: str) -> str:
    if "@" in text:
        text = FEDIVERSE.sub("[handle]", text)
        text = EMAIL.sub("[email]", text)
    if _MAYBE_LINK.search(text):
        text = URL.sub(_link, text)
    if "@" in text:
        text = HANDLE.sub(_handle, text)
    return _phones(text)


@lru_cache(maxsize=4096)
def redact(text: str) -> str:
    """The text with e-mail addresses, social handles, links and phone numbers replaced.

    Applied until nothing changes, so that redacting a redacted text changes nothing: a
    replacement can leave what is next to it looking different (the rest of a run of digits).
    It ends, as every replacement takes away digits, an @, a dot or a colon and adds none.
    """
    while True:
        redacted = _redact_once(text)
        if redacted == text:
            return text
        text = redacted


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
