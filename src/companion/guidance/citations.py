"""Citations: every answer names the passages it drew on, with a quote that is in the cited file."""

from __future__ import annotations

import re

from companion.guidance.schemas import Answer, Citation
from companion.rag.chunking import Chunk

MAX_QUOTE = 240


def quote_of(chunk: Chunk) -> str:
    """A short verbatim quote: the first line of the passage, cut at a sentence end when long."""
    first = next((line.strip() for line in chunk.text.splitlines() if line.strip()), chunk.text.strip())
    if len(first) <= MAX_QUOTE:
        return first
    cut = first[:MAX_QUOTE]
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    return cut[: end + 1] if end > 40 else cut.rsplit(" ", 1)[0]


def quote_for(chunk: Chunk, used: str) -> str:
    """The line of the passage that an answer used (verbatim, list marker removed), else its first line."""
    for line in chunk.text.splitlines():
        if (used and plain(line).endswith(used[:60])) or (used and used[:60] in plain(line)):
            stripped = re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", line).strip()
            return stripped[: MAX_QUOTE * 2]
    return quote_of(chunk)


def cite(chunks: list[Chunk], used: dict[str, str] | None = None) -> list[Citation]:
    """Citations for the chunks, in order, each once; `used` maps a chunk id to the text taken
    from it, so that the quote shows that line."""
    used = used or {}
    seen: set[str] = set()
    citations = []
    for chunk in chunks:
        if chunk.id not in seen:
            seen.add(chunk.id)
            quote = quote_for(chunk, used[chunk.id]) if chunk.id in used else quote_of(chunk)
            citations.append(Citation(id=chunk.id, title=chunk.title, source=chunk.source, quote=quote))
    return citations


def list_items(text: str) -> list[str]:
    """The items of Markdown bullet or numbered lists in a passage, without list markers."""
    items = []
    for line in text.splitlines():
        match = re.match(r"^\s*(?:[-*]|\d+\.)\s+(.*\S)\s*$", line)
        if match:
            items.append(match.group(1))
    return items


def plain(text: str) -> str:
    """Markdown emphasis and links removed: '**Mentor:** see [x](y.md)' -> 'Mentor: see x'."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    return re.sub(r"(\*\*|__|\*|`)", "", text).strip()


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def referenced_ids(answer: Answer) -> set[str]:
    """Every chunk id that the body of an answer cites (segments, starters, prompts)."""
    found: set[str] = set()
    for value in answer.model_dump().values():
        if isinstance(value, list):
            for element in value:
                if isinstance(element, dict):
                    found.update(element.get("citations", []) or [])
    return found
