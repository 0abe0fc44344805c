"""A topic module's practice activities, as whole units, fitted to the minutes they are given.

An activity is written in a module as a bold title with its length, then numbered steps that
each carry their minutes:

    **Activity 1: from vague to useful (11 minutes).**

    1. (2 min) The mentee picks a real task ...

A plan takes an activity whole, its steps in their order, and rescales the step minutes to the
slot (never steps from two activities in one list). An activity that replaces a whole session
(an observation visit) is not a main activity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from companion.guidance.composer.minutes import allocate
from companion.rag.chunking import Chunk
from companion.text import plain

TITLE = re.compile(r"^\*\*Activity\s+(?P<number>\d+):\s*(?P<name>.+?)\s*\((?P<length>[^)]*)\)\.?\*\*\s*$")
STEP = re.compile(r"^\s*\d+\.\s+\((?P<minutes>\d+)\s*min\)\s*(?P<text>.+)$")
MINUTES = re.compile(r"(\d+)\s*minutes?")


@dataclass(frozen=True)
class Step:
    minutes: int
    text: str


@dataclass(frozen=True)
class Activity:
    name: str
    steps: tuple[Step, ...]
    chunk: Chunk
    number: int = 0  # as the module numbers it ("Activity 2"), for the outline's pointers

    @property
    def minutes(self) -> int:
        return sum(step.minutes for step in self.steps)

    @property
    def summary(self) -> str:
        return f"{self.name}: " + " ".join(step.text for step in self.steps)

    def fitted(self, minutes: int) -> list[str]:
        """The steps with their minutes rescaled to `minutes` in all, at least one each."""
        shares = [step.minutes for step in self.steps]
        rescaled = allocate(shares, minutes, minimum=1)
        return [f"({m} min) {step.text}" for m, step in zip(rescaled, self.steps, strict=True)]


def parse_activities(chunks: list[Chunk]) -> list[Activity]:
    """Every timed activity in the given "Practice activity" passages, in the module's order.

    A long section is indexed as several passages, and one can end with an activity's title while
    the next holds its steps: an activity runs on across passages of the same article and
    section, and is cited by the passage that holds its first step."""
    activities: list[Activity] = []
    name: str | None = None
    number = 0
    steps: list[Step] = []
    home: Chunk | None = None
    section: tuple[str, str] | None = None

    def close() -> None:
        if name and steps and home is not None:
            activities.append(Activity(name, tuple(steps), home, number))

    for chunk in chunks:
        if (chunk.article_id, chunk.heading) != section:
            close()
            name, steps, home, section = None, [], None, (chunk.article_id, chunk.heading)
        for line in chunk.text.splitlines():
            title = TITLE.match(line.strip())
            if title:
                close()
                length = title.group("length")
                # an activity without a length in minutes (an observation visit) is not a main activity
                name = plain(title.group("name")) if MINUTES.search(length) else None
                number = int(title.group("number"))
                steps, home = [], None
                continue
            step = STEP.match(line)
            if step and name:
                steps.append(Step(int(step.group("minutes")), plain(step.group("text"))))
                home = home or chunk
    close()
    return activities


def fits(activity: Activity, minutes: int) -> bool:
    """An activity can be compressed to half its length, or stretched to half as long again,
    before it stops being the same activity."""
    return activity.minutes * 0.5 <= minutes <= activity.minutes * 1.5
