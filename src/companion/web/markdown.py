"""Knowledge articles as HTML: Markdown with raw HTML disabled, an id on every heading, and links
between articles pointed at their pages."""

from __future__ import annotations

from pathlib import PurePosixPath

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from companion.rag.chunking import slugify

# "js-default": CommonMark plus tables, with raw HTML off (it is escaped, never passed through).
_markdown = MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False})


def heading_anchor(heading_path: tuple[str, ...] | list[str]) -> str:
    """The id of a section's heading on its article's page: its whole heading path, so that two
    'Signs' sections under different parents stay apart."""
    return "--".join(slugify(part) for part in heading_path) or "intro"


def render_article(body: str, article_ids: set[str]) -> Markup:
    """The article body as HTML. Headings get the ids `heading_anchor` makes, following the same
    nesting rule as the loader (a heading closes every open heading of its level or deeper)."""
    tokens = _markdown.parse(body)
    stack: list[tuple[int, str]] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            level = int(token.tag[1])
            title = tokens[index + 1].content.strip()
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, title))
            token.attrSet("id", heading_anchor([part for _, part in stack]))
        elif token.type == "inline" and token.children:
            _rewrite_links(token.children, article_ids)
    return Markup(_markdown.renderer.render(tokens, _markdown.options, {}))


def render_text(text: str) -> Markup:
    """A passage's Markdown as HTML (raw HTML escaped)."""
    return Markup(_markdown.render(text))


def _rewrite_links(children: list[Token], article_ids: set[str]) -> None:
    for child in children:
        if child.type != "link_open":
            continue
        href = str(child.attrGet("href") or "")
        target, _, fragment = href.partition("#")
        stem = PurePosixPath(target).stem
        if target.endswith(".md") and stem in article_ids:
            child.attrSet("href", f"/articles/{stem}" + (f"#{fragment}" if fragment else ""))
        elif href.startswith(("http://", "https://")):
            child.attrSet("rel", "noopener noreferrer")
