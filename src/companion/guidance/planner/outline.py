"""A topic module's own session outline: what its check-in, discussion and close are about.

Every topic module has a "Suggested session outline" whose bullets name a phase of the middle
session and say what happens in it for this topic:

    - **Check-in (6 min).** Which dashboard does the mentee look at most, and what do they do with it?
    - **Two-way discussion (14 min).** Behind the screen. The mentor traces how one figure ...

A plan on the topic uses these lines in its phases, so that the check-in, the discussion and the
close are about the topic rather than the generic template. Sentences that only point elsewhere
("Choose from the follow-ups below.") are left out; a sentence that names another of the module's
activities ("Activity 2, the team update, is the main activity of the next session.") is kept
as a pointer to it (`OutlinePhase.activities`), never as text that refers to nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from companion.rag.chunking import Chunk
from companion.text import list_items, plain

HEADING = "Suggested session outline"
BULLET = re.compile(r"^\*\*(?P<name>[^*(]+?)\s*\((?P<minutes>\d+)\s*min\)\.?\*\*\s*(?P<text>.*)$")
SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z\"“])")
ACTIVITY = re.compile(r"\bActivit(?:y|ies)\s+(?P<number>\d+)")
NEW_LINE = ("The mentor", "The mentee", "Then", "Both", "Each", "Close", "Agree", "Choose")
ASIDE = re.compile(r"\s*\((?:see|below|above)[^)]*\)", re.IGNORECASE)  # "(see Follow-ups)"
POINTER = re.compile(r"\b(below|above|see|follow-ups)\b", re.IGNORECASE)


@dataclass
class OutlinePhase:
    """What the module says for one phase: its own sentences, and the activities it names."""

    sentences: list[str] = field(default_factory=list)
    activities: list[int] = field(default_factory=list)
    chunk: Chunk | None = None


def split_sentences(text: str) -> list[str]:
    """The sentences of a bullet; a short heading-like fragment ("Behind the screen.") leads the
    sentence after it ("Behind the screen: the mentor traces ...")."""
    parts = [part.strip() for part in SENTENCE_END.split(text) if part.strip()]
    joined: list[str] = []
    for index, part in enumerate(parts):
        if joined and joined[-1].endswith(":"):
            joined[-1] += " " + part[:1].lower() + part[1:]
        elif index + 1 < len(parts) and is_fragment(part):
            joined.append(part.rstrip(".") + ":")
        else:
            joined.append(part)
    return joined


def as_lines(sentences: list[str]) -> list[str]:
    """Sentences grouped into the lines of a plan: a new line where someone new acts ("The
    mentor ...", "Then ..."), so that a run of questions stays one item."""
    lines: list[str] = []
    for sentence in sentences:
        if lines and not sentence.startswith(NEW_LINE):
            lines[-1] += " " + sentence
        else:
            lines.append(sentence)
    return lines


# A heading of five or six words opens as a place or a view does ("Inside the deck or design.", "The
# view from the junior seat."), never as someone acting ("The mentee drafts three lines.").
HEADING_OPENERS = ("Inside", "Behind", "Beyond", "Outside", "From", "A", "An", "The")
HEADING_MOST_WORDS = 6


def is_fragment(sentence: str) -> bool:
    """A few words without a verb-like ending, used as a heading: "Team norms.", "Reverse the lens.",
    "Inside the deck or design."."""
    words = sentence.rstrip(".").split()
    if not sentence.endswith(".") or ACTIVITY.search(sentence):
        return False
    if len(words) <= 4:
        return True
    opens = words[0] in HEADING_OPENERS and not sentence.startswith(NEW_LINE)
    return len(words) <= HEADING_MOST_WORDS and opens


def parse_outline(chunks: list[Chunk]) -> dict[str, OutlinePhase]:
    """The module's outline, by lower-cased phase name ("check-in", "two-way discussion"...)."""
    outline: dict[str, OutlinePhase] = {}
    for chunk in chunks:
        if chunk.heading != HEADING:
            continue
        for item in list_items(chunk.text):
            match = BULLET.match(item.strip())
            if not match:
                continue
            phase = OutlinePhase(chunk=chunk)
            kept: list[str] = []
            for sentence in split_sentences(ASIDE.sub("", plain(match.group("text")))):
                named = [int(m.group("number")) for m in ACTIVITY.finditer(sentence)]
                if named:
                    phase.activities += named
                elif not POINTER.search(sentence):
                    kept.append(sentence)
            phase.sentences = as_lines(kept)
            outline[plain(match.group("name")).lower()] = phase
    return outline
