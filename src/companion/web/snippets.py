"""Search results for people: plain text around the first matched word, matched words marked,
passages grouped under their article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from companion.rag.bm25 import tokenize
from companion.rag.retriever import Hit
from companion.text import plain, without_list_marker

WORD = re.compile(r"[\w’']+")
HEADING_OR_RULE = re.compile(r"^\s*(#+\s|>\s?|\|)", re.MULTILINE)
WIDTH = 260
LEAD = 60


TABLE_RULE = re.compile(r"^\s*\|?[\s:|-]*-[\s:|-]*$")


def _table_row(line: str) -> str:
    """A Markdown table row as its cells' text ("a · b"); a |---|---| rule as nothing."""
    if TABLE_RULE.match(line):
        return ""
    cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
    return " · ".join(cell for cell in cells if cell)


def plain_text(markdown: str) -> str:
    """A passage as one line of text: no Markdown marks, list markers, quote marks or tables."""
    lines = [
        without_list_marker(
            plain(HEADING_OR_RULE.sub("", _table_row(line) if line.lstrip().startswith("|") else line))
        )
        for line in markdown.splitlines()
    ]
    return " ".join(line for line in lines if line)


def snippet(markdown: str, query: str, width: int = WIDTH) -> Markup:
    """About `width` characters of the passage, from just before its first word that matches the
    query (by stem), with every matching word in <mark>."""
    text = plain_text(markdown)
    stems = set(tokenize(query))
    words = list(WORD.finditer(text))
    matched = [word for word in words if stems and set(tokenize(word.group())) & stems]
    start = 0
    if matched and matched[0].start() > LEAD:
        start = text.rfind(" ", 0, matched[0].start() - LEAD) + 1
    end = min(len(text), start + width)
    if end < len(text):
        end = max(text.rfind(" ", start, end), start + width // 2)
    out: list[str] = ["… " if start else ""]
    cursor = start
    for word in matched:
        if word.start() < start or word.end() > end:
            continue
        out.append(str(escape(text[cursor : word.start()])))
        out.append(f"<mark>{escape(word.group())}</mark>")
        cursor = word.end()
    out.append(str(escape(text[cursor:end])))
    if end < len(text):
        out.append(" …")
    return Markup("".join(out))


@dataclass
class ArticleHits:
    article_id: str
    title: str
    href: str
    passages: list[tuple[Hit, Markup]] = field(default_factory=list)


def grouped(hits: list[Hit], query: str, href_of: object) -> list[ArticleHits]:
    """The hits under their article, articles in the order of their best passage."""
    groups: dict[str, ArticleHits] = {}
    for hit in hits:
        chunk = hit.chunk
        group = groups.setdefault(
            chunk.article_id,
            ArticleHits(chunk.article_id, chunk.title, href_of(chunk)),  # type: ignore[operator]
        )
        group.passages.append((hit, snippet(chunk.text, query)))
    return list(groups.values())
