"""Harm told in passing: one clause of a longer message about something ordinary that tells of
someone who may be unsafe ("can we move our slot? this morning he texted 'tell Kath I'm sorry'
from the bridge and now his phone's off").

The situation classifier reads the whole message and each of its clauses, but it learnt from whole
messages: the clause that tells of harm obliquely, through what happened or was seen, reads weakly
beside the ordinary question, and whole messages of harm told in passing taught it to read the
ordinary words as safety (they were left out of its examples). This reader learns from clauses
alone, harm against the ordinary, so the ordinary words of a message weigh nothing here:

- harm: the helper-written clauses of harm told in passing (`data/passing_harm_clauses.jsonl`,
  most of them oblique: goodbyes, things given away, a minor with a much older partner, a carer
  using someone's bank card) and the situation classifier's safeguarding examples;
- ordinary: the helper-written clauses that only look like harm (figures of speech, the same
  surface harmless, confidences about the pair, strong feelings about ordinary problems) and the
  classifier's examples of the six ordinary problems.

The 480 clauses (220 harm, 157 of them oblique; 260 ordinary) were written on 2026-12-07 by a
helper who read only the safeguarding and disclosure guides, never the eval sets or this code.

One logistic regression over sentence embeddings, so that what a clause means counts, not its
words. A message of more than one clause whose likeliest clause reaches HARM_IN_PASSING takes the
safeguarding route, the ordinary problem named beside it (GuidanceService.read_situation).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

import numpy as np
from sklearn.linear_model import LogisticRegression

from companion.guidance.classifier import OUT_OF_SCOPE, SAFETY, ChallengeClassifier, clauses

HARM, ORDINARY = "harm", "ordinary"
ORDINARY_LABELS = ("resistance", "communication", "time", "pairing-fit", "expectations", "generational-bias")
# From this probability a clause tells of harm, with the logistic regression's C. Chosen by 5-fold
# cross-validation on the clauses and examples (bench/passing_harm_cv.py), never on an eval set: the
# lowest threshold whose message false alarms stay at or below 0.02 and hard-negative ones at or
# below 0.05 (0.76: 0.017 and 0.027), with the C (of 0.1, 0.3, 1 and 4) whose oblique harm clause
# recall is highest there (0.3: 0.52; 1: 0.49 at 0.85; 4: 0.33 at 0.95; 0.1: 0.47 at 0.7).
HARM_IN_PASSING = 0.76
REGULARISATION = 0.3


@dataclass(frozen=True)
class Told:
    clause: str
    probability: float


def load_clauses() -> list[tuple[str, str]]:
    """The helper-written clauses, (text, harm or ordinary)."""
    path = resources.files("companion.guidance").joinpath("data/passing_harm_clauses.jsonl")
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [(row["text"], row["label"]) for row in rows]


def training_set(classifier: ChallengeClassifier) -> tuple[list[str], list[str], np.ndarray]:
    """The clauses, and the situation classifier's examples of safeguarding (harm) and of the six
    ordinary problems (ordinary), with their vectors; disclosures and requests outside mentoring
    are neither. The examples' vectors are the classifier's own; only the clauses are embedded
    (and cached, as the classifier's anchors are)."""
    clauses_told = load_clauses()
    texts = [text for text, _ in clauses_told]
    labels = [label for _, label in clauses_told]
    keep = [
        index
        for index, anchor in enumerate(classifier.anchors)
        if anchor.label == "safeguarding" or anchor.label in ORDINARY_LABELS
    ]
    texts += [classifier.anchors[index].text for index in keep]
    labels += [HARM if classifier.anchors[index].label == "safeguarding" else ORDINARY for index in keep]
    vectors = np.vstack([classifier.example_vectors(texts[: len(clauses_told)]), classifier.vectors[keep]])
    return texts, labels, vectors


def fit_model(vectors: np.ndarray, labels: list[str]) -> LogisticRegression:
    return LogisticRegression(C=REGULARISATION, max_iter=3000, class_weight="balanced").fit(vectors, labels)


class PassingHarmReader:
    """Reads a message's clauses for harm told in passing (module docstring)."""

    def __init__(self, classifier: ChallengeClassifier) -> None:
        self.classifier = classifier
        _, labels, vectors = training_set(classifier)
        self.model = fit_model(vectors, labels)
        self.harm = list(self.model.classes_).index(HARM)

    def probabilities(self, texts: list[str]) -> list[float]:
        if not texts:
            return []
        rows = self.model.predict_proba(self.classifier.embedder.embed(texts))
        return [float(row[self.harm]) for row in rows]

    def told(self, situation: str, threshold: float = HARM_IN_PASSING) -> Told | None:
        """The clause of a message of several that tells of harm most likely, when it reaches
        `threshold`; None for a message of one clause (the situation classifier reads it whole)."""
        parts = clauses(situation)
        found = max(zip(self.probabilities(parts), parts, strict=True), default=None)
        if found is None or found[0] < threshold:
            return None
        return Told(found[1], round(found[0], 3))


def ordinary_beside(label: str) -> str | None:
    """The ordinary problem named beside harm told in passing: the message's own reading, unless it
    is a safety matter or outside mentoring."""
    return None if label in (*SAFETY, OUT_OF_SCOPE) else label
