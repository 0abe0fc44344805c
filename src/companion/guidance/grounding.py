"""The grounding check of LLM answers: does each line share the substance of a passage it cites?

A model writes the prose of an LLM answer; this check decides, line by line, whether the prose
says what a retrieved passage says. A line is compared (cosine of the default embedder's unit
vectors) with every sentence and list item of the passages it may lean on, and with each passage
as a whole; its support is the best of these. A line whose cited passages do not support it but
another retrieved passage does is re-cited to that passage. A line that no retrieved passage
supports is dropped, unless it is the last line of its list, which is kept and named in
`Grounding.marked`. Lines that take up the user's own words (an agenda's objectives, the things
to say in coaching, reflection prompts that pick up the notes) may also be supported by them;
advice (activities, strategies, follow-ups, starters) only by passages.

The threshold comes from `bench/grounding_threshold.py` (README: "Grounding check"); the rate of
supported lines is reported with every answer and by `companion eval --provider openai`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np

from companion.guidance.schemas import (
    Agenda,
    Answer,
    Coaching,
    Grounding,
    Reflections,
    Segment,
    Starters,
)
from companion.llm import InvalidAnswer
from companion.rag.chunking import Chunk
from companion.rag.embeddings import CachedEmbeddings
from companion.text import list_items, plain, without_list_marker

# The least cosine similarity to a passage's sentence, item or whole text that counts as support,
# chosen by `bench/grounding_threshold.py` (bench/results/grounding_threshold.json).
GROUNDING_THRESHOLD = 0.5
AnswerT = TypeVar("AnswerT", bound=Answer)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'“(])")


def units(text: str) -> list[str]:
    """A passage's sentences and list items, as plain text, and the passage itself."""
    found = [plain(item) for item in list_items(text)]
    for line in text.splitlines():
        line = plain(without_list_marker(line))
        if line:
            found += [part for part in _SENTENCE_END.split(line) if len(part.split()) >= 3]
    found.append(plain(text))
    return list(dict.fromkeys(unit for unit in found if unit))


def user_words(data: Any) -> list[str]:
    """Every string in the user's data (nested lists and mappings included)."""
    if isinstance(data, str):
        return [data] if data.strip() else []
    if isinstance(data, dict):
        return [text for value in data.values() for text in user_words(value)]
    if isinstance(data, list):
        return [text for value in data for text in user_words(value)]
    return []


@dataclass
class Line:
    """One line of an answer to check, the passages it cites and what it may also lean on."""

    text: str
    cited: list[str]
    user_text: bool = False  # may restate the user's words (a diagnosis, an objective)
    support: float = 0.0
    best: str | None = None  # the retrieved passage that supports it best


@dataclass
class GroundingCheck:
    """Scores lines against passages with one embedder and one threshold."""

    embedder: CachedEmbeddings
    threshold: float
    _units: dict[str, tuple[list[str], np.ndarray]] = field(default_factory=dict)

    def _passage_vectors(self, chunk: Chunk) -> np.ndarray:
        if chunk.id not in self._units:
            parts = units(chunk.text)
            self._units[chunk.id] = (parts, self.embedder.embed(parts))
        return self._units[chunk.id][1]

    def score(self, lines: list[Line], passages: dict[str, Chunk], user_words: list[str]) -> None:
        """Fill each line's `support` (against its cited passages, or the user's words where it
        may lean on them) and `best` (the retrieved passage that supports it most)."""
        if not lines:
            return
        vectors = self.embedder.embed([line.text for line in lines])
        by_passage = {cid: self._passage_vectors(chunk) @ vectors.T for cid, chunk in passages.items()}
        best_per_passage = {cid: sims.max(axis=0) for cid, sims in by_passage.items()}
        user = self.embedder.embed(user_words) @ vectors.T if user_words else None
        for index, line in enumerate(lines):
            own = [best_per_passage[cid][index] for cid in line.cited if cid in best_per_passage]
            line.support = float(max(own, default=0.0))
            if best_per_passage:
                best = max(best_per_passage, key=lambda cid: best_per_passage[cid][index])
                if best_per_passage[best][index] >= self.threshold:
                    line.best = best
            if line.user_text and user is not None:
                line.support = max(line.support, float(user[:, index].max()))

    def supported(self, line: Line) -> bool:
        return line.support >= self.threshold or line.best is not None

    def apply(
        self, answer: AnswerT, passages: dict[str, Chunk], user_words: list[str], strict: bool = True
    ) -> AnswerT:
        """Check every line of an LLM answer: re-cite or drop, and record `answer.grounding`.
        InvalidAnswer (so the model is asked again, then the offline composer answers) when a
        list keeps fewer lines than its minimum; `strict=False` only measures."""
        grounding = Grounding(threshold=self.threshold)
        groups = _line_groups(answer)
        lines = [line for group in groups for line in group.lines]
        self.score(lines, passages, user_words)
        kept = [[line for line in group.lines if self.supported(line)] for group in groups]
        for group, good in zip(groups, kept, strict=True):
            if strict and len(good) < group.minimum:  # checked before anything is changed
                raise InvalidAnswer(
                    f"{len(good)} of {len(group.lines)} lines of {group.name} are supported by the passages"
                )
            grounding.dropped += [line.text for line in group.lines if all(line is not g for g in good)]
        for group, good in zip(groups, kept, strict=True):
            for line in good:
                if line.support < self.threshold and line.best:  # another passage supports it
                    line.cited = [line.best]
            if strict:
                group.keep(good)
        grounding.checked = len(lines)
        grounding.supported = sum(self.supported(line) for line in lines)
        grounding.rate = round(grounding.supported / grounding.checked, 4) if lines else 1.0
        answer.grounding = grounding
        return answer


@dataclass
class LineGroup:
    """One list of an answer: its lines, the least number that must be supported, and how to
    write the kept ones back."""

    name: str
    lines: list[Line]
    keep: Callable[[list[Line]], None]
    minimum: int = 1


def _line_groups(answer: Answer) -> list[LineGroup]:
    """The answer's checkable lines, list by list."""
    cited = [citation.id for citation in answer.citations]
    groups: list[LineGroup] = []

    def strings(name: str, values: list[str], user_text: bool) -> None:
        lines = [Line(value, cited, user_text) for value in values]
        groups.append(LineGroup(name, lines, lambda kept: setattr(answer, name, [x.text for x in kept])))

    if isinstance(answer, Agenda):
        strings("objectives", answer.objectives, True)
        for segment in answer.segments:

            def keep_segment(kept: list[Line], segment: Segment = segment) -> None:
                segment.activities = [line.text for line in kept]
                segment.citations = list(dict.fromkeys(c for line in kept for c in line.cited))

            lines = [Line(text, list(segment.citations)) for text in segment.activities]
            groups.append(LineGroup(f"the segment {segment.title!r}", lines, keep_segment))
        strings("starters", answer.starters, False)
        strings("follow_ups", answer.follow_ups, False)
    elif isinstance(answer, Starters):
        starters = answer.starters

        def keep_starters(kept: list[Line]) -> None:
            by_text = {item.text: item for item in starters}
            answer.starters = [
                by_text[line.text].model_copy(update={"citations": line.cited}) for line in kept
            ]

        lines = [Line(item.text, list(item.citations)) for item in starters]
        groups.append(LineGroup("starters", lines, keep_starters, (len(lines) + 1) // 2))
    elif isinstance(answer, Reflections):
        prompts = answer.prompts

        def keep_prompts(kept: list[Line]) -> None:
            by_text = {item.text: item for item in prompts}
            answer.prompts = [
                by_text[line.text].model_copy(update={"citations": line.cited}) for line in kept
            ]

        # a prompt may pick up the notes in their words (the planner asks for it)
        lines = [Line(item.text, list(item.citations), True) for item in prompts]
        groups.append(LineGroup("prompts", lines, keep_prompts, (len(lines) + 1) // 2))
    elif isinstance(answer, Coaching):
        strings("diagnosis", [answer.diagnosis], True)
        groups[-1].keep = lambda kept: None  # one paragraph: kept whole when it is supported
        strings("strategies", answer.strategies, False)
        strings("scripts", answer.scripts, True)
        strings("escalate_when", answer.escalate_when, False)
    return groups
