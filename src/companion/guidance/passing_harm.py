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
helper who read only the safeguarding and disclosure guides, never the eval sets or this code; 160
more (90 harm, 61 oblique; 70 ordinary) on 2026-12-08 by a helper who read only the first 480 and a
brief naming the situations they had least of (unsafe work, a medical emergency told beside a
scheduling question, an elderly or disabled person harmed by a carer, a child left caring or
alone, radicalisation and threats, exploitation and harm at home) and figures of speech about
death and escape ("i'll end it all and go live in a yurt"), never the eval sets or this code.

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

from companion.guidance.classifier import ChallengeClassifier, clauses
from companion.guidance.risk import ELSEWHERE_KINDS

HARM, ORDINARY = "harm", "ordinary"
# Harm to someone outside the pair (risk.ELSEWHERE_KINDS: a child, workers who are exploited, an
# adult harmed at home by a partner, carer or relative): its first steps are the safeguarding guide's
# for danger to someone else (the emergency services, the designated safeguarding lead, the speak-up
# route; never "ask them if they are safe"), told from the clause by a second regression over the
# harm clauses: those kinds against the rest (PAIR: harm to oneself or to the partner, conduct at
# work, impaired safety-critical work).
PAIR = "pair"
ORDINARY_LABELS = ("resistance", "communication", "time", "pairing-fit", "expectations", "generational-bias")
# From this probability a clause tells of harm, with the logistic regression's C. Chosen by 5-fold
# cross-validation on the clauses and examples (bench/passing_harm_cv.py), never on an eval set: the
# lowest threshold whose message false alarms stay at or below 0.02 and hard-negative ones at or
# below 0.05, with the C (of 0.1, 0.3, 1 and 4) whose oblique harm clause recall is highest there
# (on the first 480 clauses: 0.3: 0.52 at 0.76; 1: 0.49 at 0.85; 4: 0.33 at 0.95; 0.1: 0.47 at 0.7).
# With the 640 clauses of 2026-12-08 the rule gives 0.74 (message false alarms 0.004 reading only
# clauses of SHORTEST_CLAUSE words or more, 0.019 reading all; hard negatives 0.046; oblique recall
# 0.60, all harm clauses 0.70); C was not chosen again.
HARM_IN_PASSING = 0.74
# From this probability the harm is to someone outside the pair: more likely than not. Cross-
# validated over the harm clauses (bench/passing_harm_cv.py): with the 310 of 2026-12-08, outside
# against within 0.93 accurate (precision 0.90, recall 0.91), the right kind for 0.92 (0.94, 0.89,
# 0.95 and 0.83 with the first 220).
ELSEWHERE_THRESHOLD = 0.5
# The shortest helper-written clause has nine words; the reader reads none shorter (long_enough).
# On the development sets and set 1 this dropped six false harm readings and no true one.
SHORTEST_CLAUSE = 9
REGULARISATION = 0.3


@dataclass(frozen=True)
class Told:
    clause: str
    probability: float
    elsewhere: str | None = None  # the kind of harm to someone outside the pair (ELSEWHERE_KINDS)


def clause_rows(name: str = "passing_harm_clauses.jsonl") -> list[dict[str, str]]:
    """The helper-written clauses in `data/<name>`: text, label (harm, or the other reader's, or
    ordinary), kind."""
    path = resources.files("companion.guidance").joinpath(f"data/{name}")
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def load_clauses() -> list[tuple[str, str]]:
    """The helper-written clauses, (text, harm or ordinary)."""
    return [(row["text"], row["label"]) for row in clause_rows()]


def clause_vectors(classifier: ChallengeClassifier) -> tuple[list[dict[str, str]], np.ndarray]:
    """The helper-written clauses and their vectors, embedded once (and cached, as the classifier's
    anchors are) for both readers."""
    rows = clause_rows()
    return rows, classifier.example_vectors([row["text"] for row in rows])


def elsewhere_set(rows: list[dict[str, str]], vectors: np.ndarray) -> tuple[list[str], list[str], np.ndarray]:
    """Of the clauses and their vectors, the harm clauses, the kind of harm to someone outside the
    pair each tells of (PAIR for the rest), and their vectors."""
    keep = [index for index, row in enumerate(rows) if row["label"] == HARM]
    kinds = [rows[i]["kind"] if rows[i]["kind"] in ELSEWHERE_KINDS else PAIR for i in keep]
    return [rows[i]["text"] for i in keep], kinds, vectors[keep]


def training_set(
    classifier: ChallengeClassifier,
    rows: list[dict[str, str]],
    vectors: np.ndarray,
    situation: str = "safeguarding",
    told: str = HARM,
) -> tuple[list[str], list[str], np.ndarray]:
    """The clauses, and the situation classifier's examples of `situation` (labelled `told`: harm
    for safeguarding, here) and of the six ordinary problems (ordinary), with their vectors; the
    other safety situation and requests outside mentoring are neither. The examples' vectors are
    the classifier's own."""
    keep = [
        index
        for index, anchor in enumerate(classifier.anchors)
        if anchor.label == situation or anchor.label in ORDINARY_LABELS
    ]
    texts = [row["text"] for row in rows] + [classifier.anchors[index].text for index in keep]
    labels = [row["label"] for row in rows]
    labels += [told if classifier.anchors[index].label == situation else ORDINARY for index in keep]
    return texts, labels, np.vstack([vectors, classifier.vectors[keep]])


def fit_model(
    vectors: np.ndarray, labels: list[str], balanced: bool = True, regularisation: float = REGULARISATION
) -> LogisticRegression:
    """`balanced` weighs each label alike, however many examples it has (harm against ordinary);
    the kinds of harm to someone else are not balanced, or the three of them would outweigh harm
    within the pair three to one."""
    weight = "balanced" if balanced else None
    return LogisticRegression(C=regularisation, max_iter=3000, class_weight=weight).fit(vectors, labels)


OUTSIDE = "outside"


def fit_elsewhere(vectors: np.ndarray, kinds: list[str]) -> tuple[LogisticRegression, LogisticRegression]:
    """Two regressions over the harm clauses: outside the pair against within it (each side weighed
    alike), and which kind of outside harm, over the outside clauses."""
    outside = fit_model(vectors, [PAIR if kind == PAIR else OUTSIDE for kind in kinds])
    keep = [index for index, kind in enumerate(kinds) if kind != PAIR]
    return outside, fit_model(vectors[keep], [kinds[index] for index in keep])


def read_elsewhere(
    outside: LogisticRegression, kind: LogisticRegression, vectors: np.ndarray
) -> list[str | None]:
    """Each vector's kind of harm to someone outside the pair, or None (within the pair)."""
    column = list(outside.classes_).index(OUTSIDE)
    found = outside.predict_proba(vectors)[:, column] >= ELSEWHERE_THRESHOLD
    kinds = kind.predict(vectors)
    return [str(k) if is_outside else None for is_outside, k in zip(found, kinds, strict=True)]


class PassingHarmReader:
    """Reads a message's clauses for harm told in passing (module docstring)."""

    def __init__(self, classifier: ChallengeClassifier) -> None:
        self.classifier = classifier
        rows, vectors = clause_vectors(classifier)
        _, labels, training = training_set(classifier, rows, vectors)
        self.model = fit_model(training, labels)
        self.harm = list(self.model.classes_).index(HARM)
        _, kinds, harm_vectors = elsewhere_set(rows, vectors)
        self.outside, self.outside_kind = fit_elsewhere(harm_vectors, kinds)

    def likeliest(self, parts: list[str]) -> Told | None:
        """Of the clauses, the one that tells of harm most likely, how likely, and the kind of harm
        to someone outside the pair it tells of (all from one embedding); None for no clauses."""
        if not parts:
            return None
        return self.read(parts, self.classifier.embedder.embed(parts))

    def read(self, parts: list[str], vectors: np.ndarray) -> Told:
        """`likeliest`, for clauses embedded already."""
        harm = self.model.predict_proba(vectors)[:, self.harm]
        best = int(np.argmax(harm))
        elsewhere = read_elsewhere(self.outside, self.outside_kind, vectors[best : best + 1])[0]
        return Told(parts[best], float(harm[best]), elsewhere)

    def told(self, situation: str, threshold: float = HARM_IN_PASSING) -> Told | None:
        """The clause of a message of several that tells of harm most likely, when it reaches
        `threshold`; None for a message of one clause (the situation classifier reads it whole)."""
        found = self.likeliest(long_enough(clauses(situation)))
        return found if found is not None and found.probability >= threshold else None


def long_enough(parts: list[str]) -> list[str]:
    """The clauses the reader can read: of SHORTEST_CLAUSE words or more. It learnt from none
    shorter, and read fragments as harm ("did from her car.", "Should I say anything?")."""
    return [part for part in parts if len(part.split()) >= SHORTEST_CLAUSE]
