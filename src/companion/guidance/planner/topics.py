"""Which module of the knowledge base a session's topic is about, or that none is.

A request's topic is matched to module cards (title, summary, topic tags and the other names
people use, the front matter's `aliases`) in two ways, as search does:
- by name: an alias or tag named in the topic ("Copilot", "TikTok") is strong evidence;
- by meaning: the cosine similarity of the topic to each card, and BM25 over the cards.

Topic modules teach a skill; one written for work only (front matter `setting: work`) does not
cover a topic from life outside work (a family WhatsApp group). Relationship topics (getting to
know each other, trust, ending well) match the relationship articles instead. When nothing
matches well enough the answer says so (`not_covered`) and nothing is borrowed from a
neighbouring module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from companion.guidance.composer.topic_words import HOME_LIFE
from companion.rag.bm25 import BM25Index
from companion.rag.chunking import Chunk
from companion.rag.embeddings import Embedder

# Relationship articles a topic can be about, with the other names people use for them.
RELATIONSHIP = {
    "first-meeting": (
        "getting to know each other",
        "first meeting",
        "introductions",
        "ground rules",
        "setting goals",
        "first session",
        "kick-off",
        "meet and greet",
    ),
    "closing-session": (
        "ending the mentoring",
        "last session",
        "final session",
        "wrapping up",
        # not "closing" alone: "telling my team the canteen is closing" is no last session
        "closing session",
        "closing meeting",
        "closing chat",
        "saying goodbye",
        "what next after mentoring",
    ),
    "psychological-safety": (
        "trust",
        "building trust",
        "speaking up",
        "speak up",
        "feeling safe",
        "safe to speak",
        "candour",
        "honest feedback",
        "psychological safety",
        "feeling safe to be honest",
    ),
}
# Similarity of the topic to a card's text (all-MiniLM-L6-v2) from which it is taken to be about
# that module without naming it; chosen on the development topics in tests/guidance/planner.
COVERED_BY_MEANING = 0.45
# With a BM25 hit on the card, a lower similarity is enough.
COVERED_WITH_WORDS = 0.35
# A relationship article needs its name, or this similarity: words like "meeting" and "session"
# are in every topic, so meaning alone pulls too much towards them.
RELATIONSHIP_BY_MEANING = 0.5
# "the leadership team", "my team": people, which a word match must not read as Microsoft Teams
# ("start a podcast for the leadership team" was matched to the meetings module by "team").
PEOPLE_TEAM = re.compile(
    r"\b(the|my|our|his|her|their|a|your|leadership|senior|exec|executive|management|whole|project|sales|"
    r"finance|ops|board)\s+team\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Module:
    article_id: str
    title: str
    kind: str  # "topic" teaches a skill; "relationship" is about the pair itself
    topic: str | None  # the module's first topic tag (starters and filters)
    names: tuple[str, ...]  # aliases and tags, as people write them
    chunk: Chunk  # the article's summary passage, cited for the match
    for_work: bool = False  # written for work only: a topic from life outside work is not covered

    @property
    def for_volunteers(self) -> bool:
        """Written for volunteers' groups too (its summary says so): a parish or a club is covered."""
        return VOLUNTEERS.search(self.chunk.article_summary) is not None

    @property
    def card(self) -> str:
        return f"{self.title}. {self.chunk.article_summary} Also called: {', '.join(self.names)}."


@dataclass(frozen=True)
class TopicMatch:
    module: Module | None
    score: float
    named: str | None = None  # the alias or tag the topic names, when it names one

    @property
    def covered(self) -> bool:
        return self.module is not None


def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(name.lower()) + r"(?![\w-])")


# A community organisation run by volunteers ("the parish", "the choir", "our residents' association"),
# which a module written for staff and volunteers covers though it is outside work.
COMMUNITY = re.compile(
    r"\b(?:church|parish|choir|club|village|(?:tenants|residents)'? association|congregation|mosque|"
    r"temple|synagogue|gurdwara|scouts|guides|charity)(?:'?s)?\b",
    re.IGNORECASE,
)
VOLUNTEERS = re.compile(r"\bvolunteers?\b", re.IGNORECASE)

# "the trust", "our trust", "an NHS trust" name an organisation, not trust between the pair.
ORGANISATION_TRUST = re.compile(
    r"\b(?:the|our|this|their|my|a|an|nhs|foundation|hospital|ambulance|housing|health|care|"
    r"academy|multi-academy|charitable)\s+trusts?\b"
)


class TopicMatcher:
    def __init__(self, chunks: list[Chunk], embedder: Embedder) -> None:
        self.embedder = embedder
        summaries = {chunk.article_id: chunk for chunk in chunks if chunk.heading == "Summary"}
        modules = []
        for article_id, chunk in sorted(summaries.items()):
            if chunk.kind == "topic":
                names = (*chunk.article_aliases, *(tag.replace("-", " ") for tag in chunk.topics))
                for_work = chunk.article_setting == "work"
                modules.append(
                    Module(article_id, chunk.title, "topic", chunk.topics[0], names, chunk, for_work)
                )
            elif article_id in RELATIONSHIP:
                modules.append(
                    Module(article_id, chunk.title, "relationship", None, RELATIONSHIP[article_id], chunk)
                )
        self.modules = modules
        self._patterns = [[(name, _pattern(name)) for name in module.names] for module in modules]
        self._bm25 = BM25Index([module.card for module in modules])
        self._vectors = embedder.embed([module.card for module in modules]) if modules else np.zeros((0, 1))

    def match(self, topic: str) -> TopicMatch:
        if not self.modules:
            return TopicMatch(None, 0.0)
        similarity = self._vectors @ self.embedder.embed([topic])[0]
        words = self._bm25.scores(PEOPLE_TEAM.sub(r"\1", topic))
        text = ORGANISATION_TRUST.sub(" ", topic.lower())
        found = [
            min(
                ((hit.start(), name) for name, pattern in patterns if (hit := pattern.search(text))),
                default=None,
            )
            for patterns in self._patterns
        ]
        # A module named in the topic wins; among several, a skill's ("doesn't trust AI" is about
        # AI, not trust), then the one named first ("Copilot in Teams meetings" is about Copilot,
        # "Teams" only where it happens); among none, the closest in meaning.
        if any(hit and module.kind == "topic" for hit, module in zip(found, self.modules, strict=True)):
            found = [
                hit if module.kind == "topic" else None
                for hit, module in zip(found, self.modules, strict=True)
            ]
        named = [hit[1] if hit else None for hit in found]
        first = min((hit[0] for hit in found if hit), default=None)
        candidates = [index for index, hit in enumerate(found) if hit and hit[0] == first] or list(
            range(len(self.modules))
        )
        best = max(candidates, key=lambda index: similarity[index] + 0.02 * words[index])
        score = float(similarity[best])
        if self.modules[best].kind == "relationship" and not named[best]:
            covered = score >= RELATIONSHIP_BY_MEANING
        else:
            covered = score >= COVERED_BY_MEANING or (words[best] > 0 and score >= COVERED_WITH_WORDS)
        module = self.modules[best]
        if module.for_work and HOME_LIFE.search(
            COMMUNITY.sub(" ", topic) if module.for_volunteers else topic
        ):
            # "a family whatsapp group" names WhatsApp, but the module teaches a team's channels; a
            # parish's or a club's is a volunteer group, which a module written for staff and
            # volunteers covers
            return TopicMatch(None, score)
        if named[best] or covered:
            return TopicMatch(module, score, named[best])
        return TopicMatch(None, score)
