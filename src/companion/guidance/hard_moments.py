"""A hard moment in a person's session notes, read from what a clause means rather than its words.

The reflection composer reads notes with short cue lists (composer/notes.py): "embarrassed",
"went quiet", "my face went hot". People often tell a hard moment without any of them: "i wanted
the floor to swallow me", "she sighed and took the mouse off me", "not my finest hour". Told so,
the session was looked back on with Kolb's cycle for practising a skill, and the moment itself was
never asked about. This reader learns from clauses:

- hard: clauses that tell a hard moment of the session (a strong feeling of the writer's own, a
  put-down, a tense silence, a mistake that stung, freezing), most of them (150 of 239) without
  the obvious feeling words;
- ordinary: clauses that only look like one (a hiccup laughed off, a frozen laptop, strong words
  about things, tears at a goodbye, a positive figure of speech, someone else's anger) and plain
  practice, plans and facts.

The 507 clauses (`data/hard_moment_clauses.jsonl`) were written on 2026-12-07 by a helper who read
only a brief, never the eval sets, the knowledge base or this code.

One logistic regression over the situation classifier's sentence embeddings. A clause is read as
a hard moment from HARD_MOMENT, which adds to the cue lists, never replaces them: chosen by 5-fold
cross-validation on the clauses (bench/hard_moment_cv.py), never on an eval set: the C and
threshold with the highest recall whose false alarms on ordinary clauses stay at or below 0.01 (a
note has several clauses, and each may raise one).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression

from companion.guidance.classifier import ChallengeClassifier
from companion.guidance.passing_harm import clause_rows, fit_model

CLAUSES = "hard_moment_clauses.jsonl"
HARD = "hard"
# From this probability a clause tells a hard moment, with the regression's C (bench/hard_moment_cv.py:
# recall 0.36 on held-out hard clauses, 0.33 of the oblique ones, false alarms 0.004; with the cue
# lists, recall 0.64 against their 0.46 alone).
HARD_MOMENT = 0.9
REGULARISATION = 4.0


def training_set(classifier: ChallengeClassifier) -> tuple[list[str], list[str], np.ndarray]:
    """The helper-written clauses, their labels (hard or ordinary) and vectors (cached as the
    classifier's anchors are)."""
    rows = clause_rows(CLAUSES)
    texts = [row["text"] for row in rows]
    return texts, [row["label"] for row in rows], classifier.example_vectors(texts)


class HardMomentReader:
    """Reads clauses of session notes for a hard moment (module docstring)."""

    def __init__(self, classifier: ChallengeClassifier) -> None:
        self.embedder = classifier.embedder
        _, labels, vectors = training_set(classifier)
        self.model: LogisticRegression = fit_model(vectors, labels, regularisation=REGULARISATION)
        self.hard = list(self.model.classes_).index(HARD)

    def probabilities(self, clauses: Sequence[str]) -> np.ndarray:
        """How likely each clause tells a hard moment."""
        if not clauses:
            return np.zeros(0)
        return self.model.predict_proba(self.embedder.embed(list(clauses)))[:, self.hard]

    def hard_clauses(self, clauses: Sequence[str], threshold: float = HARD_MOMENT) -> list[str]:
        """The clauses that tell a hard moment, in the notes' order."""
        found = self.probabilities(clauses)
        return [
            clause for clause, probability in zip(clauses, found, strict=True) if probability >= threshold
        ]
