"""Citations as links: each cited passage has its own page, and an anchor in its article."""

from __future__ import annotations

from dataclasses import dataclass

from companion.citations import Citation
from companion.rag.chunking import Chunk
from companion.web.markdown import heading_anchor
from companion.web.pages import passage_href


@dataclass(frozen=True)
class SourceLink:
    number: int
    id: str
    title: str
    heading: str
    source: str
    quote: str
    href: str  # the passage's page
    article_href: str  # the passage's section in its article
    local: bool = False  # the organisation's own guidance


def article_href(chunk: Chunk) -> str:
    return f"/articles/{chunk.article_id}#{heading_anchor(chunk.heading_path)}"


def source_links(citations: list[Citation], chunks: dict[str, Chunk]) -> dict[str, SourceLink]:
    """The citations numbered in order, by chunk id."""
    links: dict[str, SourceLink] = {}
    for citation in citations:
        if citation.id in links:
            continue
        chunk = chunks.get(citation.id)
        links[citation.id] = SourceLink(
            number=len(links) + 1,
            id=citation.id,
            title=citation.title,
            heading=chunk.heading if chunk else "",
            source=citation.source,
            quote=citation.quote,
            href=passage_href(citation.id),
            article_href=article_href(chunk) if chunk else f"/articles/{citation.id.split('#')[0]}",
            local=citation.local,
        )
    return links
