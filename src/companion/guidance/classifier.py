"""Which challenge a free-text situation describes: resistance, communication, time or other.

A nearest-neighbour vote in embedding space. The neighbours are labelled example situations
(`data/coaching_examples.jsonl`, written as users tell their problems, including requests outside
reverse mentoring and prompt injections, labelled `other`) and the bullet points of the three
challenge playbooks' Heading.SIGNS and Heading.LIKELY_CAUSES sections. No keyword lists.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

import numpy as np

from companion.kb.vocabulary import Heading
from companion.rag.chunking import Chunk
from companion.rag.embeddings import Embedder
from companion.text import list_items, plain

LABELS = ("resistance", "communication", "time", "other")
PLAYBOOKS = {
    "playbook-resistance": "resistance",
    "playbook-communication": "communication",
    "playbook-time": "time",
}
ANCHOR_SECTIONS = (Heading.SIGNS, Heading.LIKELY_CAUSES)
NEIGHBOURS = 5
TEMPERATURE = 0.05  # softmax temperature over class scores (cosine similarities)
OFF_TOPIC = 0.25  # below this similarity to every mentoring anchor, the situation is `other`


@dataclass(frozen=True)
class Anchor:
    text: str
    label: str


@dataclass(frozen=True)
class Classification:
    label: str
    confidence: float
    scores: dict[str, float]


def load_examples() -> list[Anchor]:
    text = resources.files("companion.guidance").joinpath("data/coaching_examples.jsonl").read_text("utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return [Anchor(row["text"], row["label"]) for row in rows]


def playbook_anchors(chunks: list[Chunk]) -> list[Anchor]:
    anchors = []
    for chunk in chunks:
        label = PLAYBOOKS.get(chunk.article_id)
        if label and chunk.heading in ANCHOR_SECTIONS:
            anchors += [Anchor(plain(item), label) for item in list_items(chunk.text)]
    return anchors


class ChallengeClassifier:
    def __init__(self, embedder: Embedder, anchors: list[Anchor]) -> None:
        self.embedder = embedder
        self.anchors = anchors
        self.labels = np.array([anchor.label for anchor in anchors])
        self.vectors = embedder.embed([anchor.text for anchor in anchors])

    def classify(self, situation: str) -> Classification:
        vector = self.embedder.embed([situation])[0]
        similarity = self.vectors @ vector
        scores = {}
        for label in LABELS:
            values = np.sort(similarity[self.labels == label])[::-1][:NEIGHBOURS]
            scores[label] = float(values.mean()) if len(values) else -1.0
        mentoring = similarity[self.labels != "other"]
        if len(mentoring) and float(mentoring.max()) < OFF_TOPIC:
            scores["other"] = max(scores["other"], max(scores.values()) + 0.05)
        weights = np.exp((np.array([scores[label] for label in LABELS]) - max(scores.values())) / TEMPERATURE)
        probabilities = weights / weights.sum()
        best = int(np.argmax(probabilities))
        return Classification(LABELS[best], round(float(probabilities[best]), 3), scores)
