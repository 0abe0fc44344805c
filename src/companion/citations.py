"""Citations: every answer names the passages it drew on, with a quote that is in the cited file."""

from __future__ import annotations

from pydantic import BaseModel, Field

from companion.rag.chunking import Chunk
from companion.text import plain, without_list_marker

MAX_QUOTE = 240


class Citation(BaseModel):
    id: str = Field(description="Chunk id of the cited passage.")
    title: str
    source: str = Field(description="The knowledge file, relative to the repository.")
    quote: str = Field(description="Text that appears in that file.")
    local: bool = Field(
        default=False, description="The organisation's own guidance, not the built-in corpus."
    )


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
            return without_list_marker(line)[: MAX_QUOTE * 2]
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
            citations.append(
                Citation(id=chunk.id, title=chunk.title, source=chunk.source, quote=quote, local=chunk.local)
            )
    return citations
