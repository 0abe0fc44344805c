"""Read `knowledge/` into typed objects: front matter, sections, tagged items and links."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import ValidationError

from companion.kb.models import (
    Article,
    Corpus,
    FrontMatter,
    Item,
    Link,
    Problem,
    Section,
    Source,
)
from companion.kb.vocabulary import ITEM_KINDS

SOURCES_FILE = "sources.yaml"
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
ITEM = re.compile(r"^\s*[-*]\s+\[([^\]]+)\]\s+(\S.*)$")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def load_corpus(root: Path, local: bool = False) -> Corpus:
    """Load every `*.md` article (except README.md) and the bibliography under `root`;
    `local` marks an organisation's own folder."""
    root = Path(root)
    problems: list[Problem] = []
    # an organisation's folder may have no bibliography of its own
    sources = _load_sources(root, problems) if not local or (root / SOURCES_FILE).exists() else {}
    articles: list[Article] = []
    for path in sorted(root.rglob("*.md")):
        if path.name == "README.md":
            continue
        article = load_article(path, root, problems)
        if article is not None:
            if local:  # shown as local/<path>, never mistaken for a file of the built-in corpus
                article.local = True
                article.path = Path("local") / path.relative_to(root)
            articles.append(article)
    return Corpus(root=root, articles=articles, sources=sources, problems=problems)


def load_article(path: Path, root: Path, problems: list[Problem]) -> Article | None:
    """Parse one file; on a front-matter problem, record it and return None."""
    shown = _shown_path(path, root)
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        problems.append(Problem(shown, 1, "missing YAML front matter (the file must start with ---)"))
        return None
    end = text.find("\n---\n", 4)
    if end < 0:
        problems.append(Problem(shown, 1, "front matter is not closed by a line with ---"))
        return None
    try:
        data = yaml.safe_load(text[4:end])
    except yaml.YAMLError as error:
        problems.append(Problem(shown, 1, f"front matter is not valid YAML: {error}"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(shown, 1, "front matter must be a YAML mapping"))
        return None
    try:
        front = FrontMatter.model_validate(data)
    except ValidationError as error:
        for detail in error.errors():
            field = ".".join(str(part) for part in detail["loc"]) or "front matter"
            problems.append(Problem(shown, 1, f"front matter field '{field}': {detail['msg']}"))
        return None
    body_line = text[: end + 5].count("\n") + 1
    body = text[end + 5 :]
    article = Article(front=front, path=Path(shown), body=body, body_line=body_line)
    _parse_body(article)
    return article


def _shown_path(path: Path, root: Path) -> str:
    return (Path(root.name) / path.relative_to(root)).as_posix()


def _parse_body(article: Article) -> None:
    """Fill sections, items and links from the Markdown body."""
    stack: list[tuple[int, str]] = []
    current: list[str] = []
    current_line = article.body_line
    in_fence = False

    def flush() -> None:
        if stack or "".join(current).strip():
            article.sections.append(
                Section(
                    heading_path=tuple(title for _, title in stack),
                    level=stack[-1][0] if stack else 0,
                    line=current_line,
                    text="\n".join(current).strip(),
                )
            )

    for offset, line in enumerate(article.body.splitlines()):
        number = article.body_line + offset
        if line.strip().startswith("```"):
            in_fence = not in_fence
        heading = None if in_fence else HEADING.match(line)
        if heading:
            flush()
            level = len(heading.group(1))
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, heading.group(2)))
            current, current_line = [], number
            continue
        current.append(line)
        for target in LINK.findall(line):
            article.links.append(Link(target=target, line=number))
        if article.kind in ITEM_KINDS and not in_fence:
            item = ITEM.match(line)
            if item:
                article.items.append(
                    Item(
                        text=item.group(2).strip(),
                        tags=parse_tags(item.group(1)),
                        line=number,
                        heading_path=tuple(title for _, title in stack),
                    )
                )
    flush()


def parse_tags(raw: str) -> dict[str, str]:
    """`purpose: icebreaker; stage: first` -> {"purpose": "icebreaker", "stage": "first"}.

    A part without a colon is kept under the key "" so that the checker can report it.
    """
    tags: dict[str, str] = {}
    for part in raw.split(";"):
        if not part.strip():
            continue
        key, sep, value = part.partition(":")
        if sep:
            tags[key.strip().lower()] = value.strip().lower()
        else:
            tags[""] = part.strip()
    return tags


def _load_sources(root: Path, problems: list[Problem]) -> dict[str, Source]:
    path = root / SOURCES_FILE
    shown = _shown_path(path, root)
    if not path.exists():
        problems.append(Problem(shown, 1, "the bibliography sources.yaml is missing"))
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        problems.append(Problem(shown, 1, f"not valid YAML: {error}"))
        return {}
    if not isinstance(data, dict):
        problems.append(Problem(shown, 1, "must be a mapping of key to entry"))
        return {}
    sources: dict[str, Source] = {}
    for key, entry in data.items():
        if not isinstance(entry, dict):
            problems.append(Problem(shown, 1, f"source '{key}': entry must be a mapping"))
            continue
        try:
            sources[str(key)] = Source.model_validate({"key": str(key), **entry})
        except ValidationError as error:
            for detail in error.errors():
                field = ".".join(str(part) for part in detail["loc"]) or "entry"
                problems.append(Problem(shown, 1, f"source '{key}' field '{field}': {detail['msg']}"))
    return sources
