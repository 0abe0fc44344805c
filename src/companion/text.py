"""Plain-text helpers for Markdown passages, shared by guidance, feedback and the web pages."""

from __future__ import annotations

import re

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*]|\d+\.)\s+(.*\S)\s*$")


def plain(text: str) -> str:
    """Markdown emphasis and links removed: '**Mentor:** see [x](y.md)' -> 'Mentor: see x'."""
    return _EMPHASIS.sub("", _LINK.sub(r"\1", text)).strip()


def without_list_marker(text: str) -> str:
    """'- item' or '2. item' -> 'item'."""
    return _LIST_MARKER.sub("", text).strip()


def list_items(text: str) -> list[str]:
    """The items of Markdown bullet or numbered lists in a passage, without list markers."""
    return [match.group(1) for line in text.splitlines() if (match := _LIST_ITEM.match(line))]


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
