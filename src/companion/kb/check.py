"""`companion kb check`: every rule of knowledge/README.md, reported as one problem per line."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePosixPath

from companion.kb.models import Article, Corpus, Problem
from companion.kb.vocabulary import (
    CHALLENGES,
    FRAMEWORK_STAGES,
    ITEM_KINDS,
    REQUIRED_SECTIONS,
    STARTER_PURPOSES,
    STARTER_STAGES,
    TOPICS,
)


def check_corpus(corpus: Corpus) -> list[Problem]:
    """All problems in the corpus, in file order; an empty list means it is valid."""
    problems = list(corpus.problems)
    ids = Counter(article.id for article in corpus.articles)
    known_paths = {article.source_path for article in corpus.articles}
    seen_items: dict[str, str] = {}
    for article in corpus.articles:
        if ids[article.id] > 1:
            problems.append(_at(article, 1, f"id '{article.id}' is used by more than one article"))
        problems += _check_front(article, corpus)
        problems += _check_sections(article)
        problems += _check_links(article, known_paths)
        problems += _check_items(article, seen_items)
    return sorted(problems, key=lambda problem: (problem.path, problem.line))


def _at(article: Article, line: int, message: str) -> Problem:
    return Problem(article.source_path, line, message)


def _check_front(article: Article, corpus: Corpus) -> list[Problem]:
    front = article.front
    problems = []
    if front.id != article.path.stem:
        problems.append(_at(article, 1, f"id '{front.id}' differs from the file name '{article.path.stem}'"))
    for topic in front.topics:
        if topic not in TOPICS:
            problems.append(_at(article, 1, f"unknown topic '{topic}' (allowed: {', '.join(TOPICS)})"))
    for challenge in front.challenges:
        if challenge not in CHALLENGES:
            problems.append(
                _at(article, 1, f"unknown challenge '{challenge}' (allowed: {', '.join(CHALLENGES)})")
            )
    if front.kind == "playbook" and not front.challenges:
        problems.append(_at(article, 1, "a playbook must name its challenges"))
    for key in front.sources:
        if key not in corpus.sources:
            problems.append(_at(article, 1, f"source '{key}' is not in sources.yaml"))
    for field, values in (("audience", front.audience), ("topics", front.topics), ("sources", front.sources)):
        if len(set(values)) != len(values):
            problems.append(_at(article, 1, f"'{field}' lists a value twice"))
    return problems


def _check_sections(article: Article) -> list[Problem]:
    problems = []
    for section in article.sections:
        if section.level == 1:
            problems.append(
                _at(article, section.line, "no level-1 heading in the body: the title is in the front matter")
            )
        has_children = any(
            other.heading_path[: len(section.heading_path)] == section.heading_path
            and len(other.heading_path) > len(section.heading_path)
            for other in article.sections
        )
        if section.heading_path and not section.text and not has_children:
            problems.append(_at(article, section.line, f"section '{section.heading}' is empty"))
    if not article.body.strip():
        problems.append(_at(article, article.body_line, "the article has no body"))
    headings = {section.heading.lower() for section in article.sections if section.level == 2}
    for required in REQUIRED_SECTIONS.get(article.kind, ()):
        if required.lower() not in headings:
            problems.append(
                _at(article, article.body_line, f"a {article.kind} needs a section '## {required}'")
            )
    return problems


def _check_links(article: Article, known_paths: set[str]) -> list[Problem]:
    problems = []
    for link in article.links:
        target = link.target.split("#", 1)[0]
        if re.match(r"^[a-z][a-z0-9+.-]*:", link.target):
            problems.append(
                _at(article, link.line, f"external link '{link.target}': cite a key of sources.yaml instead")
            )
            continue
        if not target:
            continue
        resolved = _normalise(PurePosixPath(article.source_path).parent / target)
        if resolved not in known_paths:
            problems.append(_at(article, link.line, f"link '{link.target}' points at no article"))
    return problems


def _normalise(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def _check_items(article: Article, seen: dict[str, str]) -> list[Problem]:
    if article.kind not in ITEM_KINDS:
        return []
    problems = []
    if not article.items:
        problems.append(_at(article, article.body_line, f"a {article.kind} article needs tagged items"))
    for item in article.items:
        where = f"{article.source_path}:{item.line}"
        problems += [
            _at(article, item.line, message) for message in _item_tag_problems(article.kind, item.tags)
        ]
        key = re.sub(r"\W+", " ", item.text.lower()).strip()
        if key in seen:
            problems.append(_at(article, item.line, f"item repeats the one at {seen[key]}"))
        else:
            seen[key] = where
        if len(item.text) < 15:
            problems.append(_at(article, item.line, "item text is too short"))
    return problems


def _item_tag_problems(kind: str, tags: dict[str, str]) -> list[str]:
    if "" in tags:
        return [f"tag '{tags['']}' needs the form key: value"]
    allowed_audience = ("mentor", "mentee")
    if "audience" in tags and tags["audience"] not in allowed_audience:
        return [f"audience '{tags['audience']}' must be mentor or mentee"]
    if kind == "starters":
        unknown = set(tags) - {"purpose", "stage", "audience"}
        problems = [f"unknown tag '{key}' on a starter" for key in sorted(unknown)]
        if tags.get("purpose") not in STARTER_PURPOSES:
            problems.append(f"purpose must be one of {', '.join(STARTER_PURPOSES)}")
        if tags.get("stage") not in STARTER_STAGES:
            problems.append(f"stage must be one of {', '.join(STARTER_STAGES)}")
        return problems
    unknown = set(tags) - {"framework", "stage", "audience"}
    problems = [f"unknown tag '{key}' on a reflection prompt" for key in sorted(unknown)]
    framework = tags.get("framework")
    if framework not in FRAMEWORK_STAGES:
        problems.append(f"framework must be one of {', '.join(FRAMEWORK_STAGES)}")
    elif tags.get("stage") not in FRAMEWORK_STAGES[framework]:
        problems.append(f"stage for {framework} must be one of {', '.join(FRAMEWORK_STAGES[framework])}")
    return problems
