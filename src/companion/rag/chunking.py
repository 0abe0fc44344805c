"""Split articles into chunks: by Markdown section, then by size; tagged items one by one.

A chunk id is `<article id>#<heading path slug>-<position>`, so ids (and the citations that
name them) survive re-indexing as long as the article keeps its structure.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from companion.kb.loader import ITEM, parse_tags
from companion.kb.models import Article, Corpus, Section
from companion.kb.vocabulary import ITEM_KINDS

MAX_CHARS = 1200


@dataclass(frozen=True)
class Chunk:
    """A passage that can be retrieved and cited."""

    id: str
    article_id: str
    title: str
    kind: str
    heading: str
    heading_path: tuple[str, ...]
    source: str  # knowledge/...md
    text: str
    audience: tuple[str, ...]
    topics: tuple[str, ...]
    challenges: tuple[str, ...]
    tags: dict[str, str] = field(default_factory=dict)  # purpose/stage or framework/stage for items
    article_summary: str = ""
    article_aliases: tuple[str, ...] = ()  # other names of what the article covers (topic modules)
    article_setting: str = ""  # "work": a topic module written for work only (kb/models.py)
    local: bool = False  # the organisation's own guidance, not the built-in corpus

    @property
    def is_item(self) -> bool:
        return bool(self.tags)

    @property
    def embedding_text(self) -> str:
        """What gets embedded: the passage under its article's title. The heading path is left to
        BM25 (`keyword_text`): generic headings such as "Signs" or "Why it matters" pulled the
        vectors of unrelated articles together and cost hybrid search 0.01 nDCG@10 (README)."""
        return f"{self.title}\n{self.text}"

    @property
    def keyword_text(self) -> str:
        """What BM25 ranks: the passage expanded with its article's title, summary and headings,
        so that a passage can be found by what its article is about."""
        return "\n".join((self.title, self.article_summary, " > ".join(self.heading_path), self.text))

    @property
    def content_hash(self) -> str:
        payload = "\x1f".join(
            (
                self.embedding_text,
                self.kind,
                self.source,
                ",".join(self.audience),
                ",".join(self.topics),
                ",".join(self.challenges),
                repr(sorted(self.tags.items())),
                "local" if self.local else "",
            )
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]

    def metadata(self) -> dict[str, Any]:
        """Flat metadata for Chroma: scalars, with one boolean flag per list value for filters."""
        meta: dict[str, Any] = {
            "article_id": self.article_id,
            "title": self.title,
            "kind": self.kind,
            "heading": self.heading,
            "heading_path": " > ".join(self.heading_path),
            "source": self.source,
            "audience": ",".join(self.audience),
            "topics": ",".join(self.topics),
            "challenges": ",".join(self.challenges),
            "hash": self.content_hash,
            "local": self.local,
        }
        for name, values in (
            ("audience", self.audience),
            ("topic", self.topics),
            ("challenge", self.challenges),
        ):
            for value in values:
                meta[f"{name}:{value}"] = True
        for key, value in self.tags.items():
            meta[f"tag_{key}"] = value
        return meta


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "intro"


def chunk_corpus(corpus: Corpus) -> list[Chunk]:
    return [chunk for article in corpus.articles for chunk in chunk_article(article)]


def chunk_article(article: Article) -> list[Chunk]:
    """The article's summary (its front matter says what it is for), then its sections."""
    summary = Section(heading_path=("Summary",), level=2, line=1, text=article.front.summary)
    chunks: list[Chunk] = [_chunk(article, summary, "summary-0", article.front.summary, {})]
    for section in article.sections:
        slug = "/".join(slugify(part) for part in section.heading_path) or "intro"
        prose, items = _split_items(section.text) if article.kind in ITEM_KINDS else (section.text, [])
        for position, piece in enumerate(split_by_size(prose)):
            chunks.append(_chunk(article, section, f"{slug}-{position}", piece, {}))
        for position, (text, tags) in enumerate(items):
            chunks.append(_chunk(article, section, f"{slug}-item-{position}", text, tags))
    return chunks


def _split_items(text: str) -> tuple[str, list[tuple[str, dict[str, str]]]]:
    """Separate tagged one-line items from the prose around them."""
    prose: list[str] = []
    items: list[tuple[str, dict[str, str]]] = []
    for line in text.splitlines():
        match = ITEM.match(line)
        if match:
            items.append((match.group(2).strip(), parse_tags(match.group(1))))
        else:
            prose.append(line)
    return "\n".join(prose).strip(), items


def split_by_size(text: str, max_chars: int = MAX_CHARS) -> list[str]:
    """Split on blank lines into pieces of at most `max_chars` (a longer paragraph stands alone)."""
    text = text.strip()
    if not text:
        return []
    pieces: list[str] = []
    current = ""
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        if current and len(current) + 2 + len(paragraph) > max_chars:
            pieces.append(current)
            current = paragraph
        else:
            current = f"{current}\n\n{paragraph}" if current else paragraph
    if current:
        pieces.append(current)
    return pieces


def _chunk(article: Article, section: Section, suffix: str, text: str, tags: dict[str, str]) -> Chunk:
    front = article.front
    return Chunk(
        id=f"{article.id}#{suffix}",
        article_id=article.id,
        title=article.title,
        kind=article.kind,
        heading=section.heading or article.title,
        heading_path=section.heading_path,
        source=article.source_path,
        text=text,
        audience=tuple(front.audience),
        topics=tuple(front.topics),
        challenges=tuple(front.challenges),
        tags=dict(tags),
        article_summary=front.summary,
        article_aliases=tuple(front.aliases),
        article_setting=front.setting or "",
        local=article.local,
    )
