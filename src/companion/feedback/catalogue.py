"""The catalogue of common programme feedback themes, from the knowledge base ("Reading feedback
themes", section "Acting on each kind of theme"): a name people recognise, examples, and what to
do about it.

A cluster of feedback is matched to the catalogue by meaning (the centre of its entries against
each kind's name and examples, with the themes model). A matched theme takes the kind's name and
its action; two clusters of the same kind become one theme. A theme outside the catalogue gets a
readable name from its key phrases, and says that the knowledge base has no recommendation for
it rather than show one that does not fit. Positive themes get the "keep and spread" action.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from companion.rag.chunking import Chunk
from companion.rag.embeddings import Embedder, unit_rows
from companion.text import list_items, plain

ARTICLE = "reading-feedback-themes"
SECTION = "Acting on each kind of theme"
KIND = re.compile(
    r"^\*\*(?P<name>[^*]+?):?\*\*:?\s*(?:\((?P<examples>[^)]*)\))?:?\s*(?P<action>.+)$", re.DOTALL
)
POSITIVE_KINDS = ("Skills and confidence gained", "Positive themes")
# Similarity (all-mpnet-base-v2) of a cluster's centre to a kind's name and examples from which the
# cluster is that kind, and by how much it must beat the next kind. Chosen on the labelled sets of
# evals/feedback/ (entries, holdout, holdout2): right kinds scored 0.52 to 0.72, wrong ones 0.38
# to 0.52 with a runner-up close behind. The blind set (evals/feedback/blind/) was not used.
MATCH = 0.50
MARGIN = 0.04
# Two clusters become one theme only when both are this close to the same kind: the catalogue is
# coarser than many programmes' feedback, and a loose match would merge different subjects.
MERGE = 0.50


@dataclass(frozen=True)
class Kind:
    name: str
    examples: str
    action: str
    chunk: Chunk

    @property
    def card(self) -> str:
        return f"{self.name}: {self.examples}" if self.examples else self.name


def parse_catalogue(chunks: list[Chunk]) -> list[Kind]:
    kinds = []
    for chunk in chunks:
        if chunk.article_id != ARTICLE or chunk.heading != SECTION:
            continue
        for item in list_items(chunk.text):
            found = KIND.match(item.strip())
            if not found:
                continue
            action = plain(found.group("action")).split("; see ")[0].strip().rstrip(".")
            action = action[:1].upper() + action[1:] + "."
            kinds.append(
                Kind(found.group("name").strip(), (found.group("examples") or "").strip(), action, chunk)
            )
    return kinds


class Catalogue:
    def __init__(self, kinds: list[Kind], embedder: Embedder) -> None:
        self.kinds = [kind for kind in kinds if kind.name != "Positive themes"]
        self.positive = next((kind for kind in kinds if kind.name == "Positive themes"), None)
        self.embedder = embedder
        self._vectors = unit_rows(embedder.embed([kind.card for kind in self.kinds])) if self.kinds else None

    def match(self, vectors: np.ndarray) -> tuple[Kind | None, float]:
        """The kind whose card is closest to the centre of these entries' vectors, if close enough."""
        if self._vectors is None or len(vectors) == 0:
            return None, 0.0
        centre = unit_rows(vectors).mean(axis=0)
        centre = centre / (np.linalg.norm(centre) or 1.0)
        scores = self._vectors @ centre
        order = np.argsort(-scores)
        best = float(scores[order[0]])
        runner_up = float(scores[order[1]]) if len(order) > 1 else -1.0
        if best >= MATCH and best - runner_up >= MARGIN:
            return self.kinds[int(order[0])], best
        return None, best

    def advice(self, kind: Kind | None, positive: bool) -> tuple[str, Chunk | None]:
        """What to do: the kind's action; for a positive theme, keep and spread what works."""
        if positive and (kind is None or kind.name not in POSITIVE_KINDS) and self.positive is not None:
            return self.positive.action, self.positive.chunk
        if kind is not None:
            return kind.action, kind.chunk
        return NO_ADVICE, None


NO_ADVICE = (
    "The knowledge base has no recommendation that fits this theme yet: read its entries at the next "
    "programme check-in and decide what to do."
)


VERB_LIKE = re.compile(r"(ed|ing|ly)$")
# Words that say what people did or felt in any theme, not what a theme is about.
WEAK_WORDS = frozenset(
    {
        "did", "does", "use", "used", "came", "come", "got", "get", "made", "went", "said", "say", "says",
        "told", "tell", "asked", "ask", "asking", "talked", "talk", "showed", "show", "keeps", "keep",
        "thought", "think", "open", "point", "hard", "half", "sure", "fair", "wanted", "want", "changed",
        "reach", "nice", "hope", "stop", "till", "heavy", "really", "good", "great", "team", "work",
        "people", "new", "day", "end", "way", "lot", "bit", "took", "take", "tried", "try", "know",
        "knew", "felt", "feel", "found", "find", "let", "put", "saw", "see", "gave", "give", "left",
    }
)  # fmt: skip


def readable_name(keywords: list[str]) -> str:
    """A name for a theme outside the catalogue, from its key phrases: the most telling one, or
    the two most telling words ("Password and accounts"), skipping words that say what people did
    rather than what the theme is about; never a list of fragments. An admin can do better, and
    should (themes can be renamed)."""
    telling = [
        phrase
        for phrase in keywords
        if phrase
        and not VERB_LIKE.search(phrase.split()[-1])
        and not any(word.lower() in WEAK_WORDS for word in phrase.split())
    ]
    if not telling:
        return f"Comments about “{keywords[0]}”" if keywords else "Other comments"
    first = telling[0]
    second = next((phrase for phrase in telling[1:] if phrase not in first and first not in phrase), None)
    name = first if len(first.split()) > 1 or second is None else f"{first} and {second}"
    return name[:1].upper() + name[1:]
