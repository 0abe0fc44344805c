"""Typed objects for the knowledge base: sources, front matter, sections, items, articles."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from companion.kb.vocabulary import Audience, Kind

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DOI_PATTERN = r"^10\.\d{4,9}/\S+$"


class Source(BaseModel):
    """One work in `knowledge/sources.yaml`."""

    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=ID_PATTERN)
    authors: str = Field(min_length=2)
    year: int | None = Field(default=None, ge=1900, le=2100, description="None for an undated work (n.d.).")
    title: str | None = None
    description: str | None = None
    venue: str | None = None
    doi: str | None = Field(default=None, pattern=DOI_PATTERN)

    @model_validator(mode="after")
    def _title_or_description(self) -> Source:
        if not (self.title or self.description):
            raise ValueError("needs a title or a description")
        return self

    def citation(self) -> str:
        """A one-line human citation: authors (year). title. venue. doi."""
        parts = [f"{self.authors} ({self.year or 'n.d.'}).", f"{self.title or self.description}."]
        if self.venue:
            parts.append(f"{self.venue}.")
        if self.doi:
            parts.append(f"doi:{self.doi}")
        return " ".join(parts)


class FrontMatter(BaseModel):
    """The YAML front matter of an article."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=3, max_length=120)
    kind: Kind
    audience: list[Audience] = Field(min_length=1)
    topics: list[str] = Field(min_length=1)
    # Other names people use for what the article covers ("Copilot", "TikTok"): the planner
    # matches a request's topic to a module by these as well as by meaning.
    aliases: list[Annotated[str, StringConstraints(min_length=1, max_length=60)]] = Field(
        default_factory=list, max_length=40
    )
    challenges: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    # `work`: a topic module written for work only (a team's channels, a leader's LinkedIn); a
    # topic from life outside work ("a family whatsapp group for the grandkids") is not covered by it.
    setting: Literal["work"] | None = None
    updated: dt.date
    summary: str = Field(min_length=10, max_length=400)


@dataclass(frozen=True)
class Section:
    """A run of body text under one heading path (e.g. ("Words to say",))."""

    heading_path: tuple[str, ...]
    level: int
    line: int
    text: str

    @property
    def heading(self) -> str:
        return self.heading_path[-1] if self.heading_path else ""


@dataclass(frozen=True)
class Item:
    """A tagged one-line item: a conversation starter or a reflection prompt."""

    text: str
    tags: dict[str, str]
    line: int
    heading_path: tuple[str, ...]


@dataclass(frozen=True)
class Link:
    target: str
    line: int


@dataclass
class Article:
    """One knowledge file: front matter, Markdown body, and what was parsed out of it."""

    front: FrontMatter
    path: Path  # relative to the repository root, e.g. knowledge/playbooks/playbook-time.md
    body: str
    body_line: int  # the file line on which the body starts
    sections: list[Section] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    local: bool = False  # from the organisation's own folder (COMPANION_LOCAL_KNOWLEDGE_DIR)

    @property
    def id(self) -> str:
        return self.front.id

    @property
    def title(self) -> str:
        return self.front.title

    @property
    def kind(self) -> str:
        return self.front.kind

    @property
    def source_path(self) -> str:
        return self.path.as_posix()

    def word_count(self) -> int:
        return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’-]*", self.body))

    def section(self, heading: str) -> Section | None:
        """The first section whose own heading is `heading` (case-insensitive)."""
        for section in self.sections:
            if section.heading.lower() == heading.lower():
                return section
        return None


@dataclass(frozen=True)
class Problem:
    """Something wrong in the corpus, with where it is."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Corpus:
    """Every article and source under one knowledge directory."""

    root: Path  # the knowledge directory
    articles: list[Article]
    sources: dict[str, Source]
    problems: list[Problem]  # problems met while reading (bad YAML, bad front matter)

    def by_id(self) -> dict[str, Article]:
        return {article.id: article for article in self.articles}
