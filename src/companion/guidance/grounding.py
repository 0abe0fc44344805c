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

    def apply(self, answer: AnswerT, passages: dict[str, Chunk], user_words: list[str]) -> AnswerT:
        """Check every line of an LLM answer; re-cite, drop or mark; record `answer.grounding`."""
        grounding = Grounding(threshold=self.threshold)
        groups = _line_groups(answer)
        lines = [line for group, _ in groups for line in group]
        self.score(lines, passages, user_words)
        for group, keep in groups:
            good = [line for line in group if self.supported(line)]
            for line in good:
                if line.support < self.threshold and line.best:  # another passage supports it
                    line.cited = [line.best]
            if not good and group:  # nothing supported: keep the closest line, and say so
                closest = max(group, key=lambda line: line.support)
                good = [closest]
                grounding.marked.append(closest.text)
            grounding.dropped += [line.text for line in group if all(line is not g for g in good)]
            keep(good)
        grounding.checked = len(lines)
        grounding.supported = sum(self.supported(line) for line in lines)
        grounding.rate = round(grounding.supported / grounding.checked, 4) if lines else 1.0
        answer.grounding = grounding
        return answer


Keep = Callable[[list[Line]], None]


def _all_cited(answer: Answer) -> list[str]:
    return [citation.id for citation in answer.citations]


def _line_groups(answer: Answer) -> list[tuple[list[Line], Keep]]:
    """The answer's checkable lines in lists, each with a function that writes the kept ones back."""
    cited = _all_cited(answer)
    groups: list[tuple[list[Line], Keep]] = []

    def strings(values: list[str], user_text: bool, setter: Callable[[list[str]], None]) -> None:
        lines = [Line(value, cited, user_text) for value in values]
        groups.append((lines, lambda kept: setter([line.text for line in kept])))

    if isinstance(answer, Agenda):
        strings(answer.objectives, True, lambda kept: setattr(answer, "objectives", kept))
        for segment in answer.segments:
            lines = [Line(text, list(segment.citations)) for text in segment.activities]

            def keep_segment(kept: list[Line], segment: Segment = segment) -> None:
                segment.activities = [line.text for line in kept]
                segment.citations = list(dict.fromkeys(c for line in kept for c in line.cited))

            groups.append((lines, keep_segment))
        strings(answer.starters, False, lambda kept: setattr(answer, "starters", kept))
        strings(answer.follow_ups, False, lambda kept: setattr(answer, "follow_ups", kept))
    elif isinstance(answer, Starters):
        starters = answer.starters
        lines = [Line(item.text, list(item.citations)) for item in starters]

        def keep_starters(kept: list[Line]) -> None:
            by_text = {item.text: item for item in starters}
            answer.starters = [
                by_text[line.text].model_copy(update={"citations": line.cited}) for line in kept
            ]

        groups.append((lines, keep_starters))
    elif isinstance(answer, Reflections):
        prompts = answer.prompts
        # a prompt may pick up the notes in their words (the planner asks for it)
        lines = [Line(item.text, list(item.citations), True) for item in prompts]

        def keep_prompts(kept: list[Line]) -> None:
            by_text = {item.text: item for item in prompts}
            answer.prompts = [
                by_text[line.text].model_copy(update={"citations": line.cited}) for line in kept
            ]

        groups.append((lines, keep_prompts))
    elif isinstance(answer, Coaching):
        strings(answer.strategies, False, lambda kept: setattr(answer, "strategies", kept))
        strings(answer.scripts, True, lambda kept: setattr(answer, "scripts", kept))
        strings(answer.escalate_when, False, lambda kept: setattr(answer, "escalate_when", kept))
    return groups
