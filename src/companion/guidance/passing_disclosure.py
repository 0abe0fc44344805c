"""A disclosure told in passing: one clause of a longer message about something ordinary that tells
of something the disclosure guide covers ("any tips for shorter sessions? … she's renting me her
flat and she's on my promotion panel").

The situation classifier learnt from whole messages, so a clause that tells of a conflict of
interest, personal data gone astray, inside information, a restructure told early, a cover-up or a
partner's private matter obliquely reads weakly beside the ordinary question around it. As the
harm reader (guidance/passing_harm.py) does for harm, this reader learns from clauses alone,
disclosure against the ordinary, so the ordinary words of a message weigh nothing here:

- disclosure: the helper-written clauses of disclosures told in passing
  (`data/passing_disclosure_clauses.jsonl`: conflicts of interest, data mishandled, inside
  information, confidential business news, cover-ups, a partner's private matter, a relationship
  kept quiet that touches decisions; most told through what happened, not named) and the situation
  classifier's disclosure examples;
- ordinary: the helper-written clauses that only look like one (a brother-in-law coming to stay, a
  restructure announced last month, a harmless confidence "between us") and the classifier's
  examples of the six ordinary problems.

The first 480 clauses (240 each) were written on 2026-12-07 by a helper who read only the
disclosure, shadowing and data-protection guides, never the eval sets or this code; 300 more (150
each: misconduct laughed off or told casually, a partner's private matter told as a reason, conflicts,
news heard early, data exposed; and their look-alikes) by a second helper under the same rules, with
the speak-up guide. With them the rule below kept C 4 and 0.9, clause recall 0.475 -> 0.477 over the
larger set (bench/results/passing_disclosure_cv.json).

One logistic regression over sentence embeddings. A message of more than one clause whose
likeliest clause reaches DISCLOSURE_IN_PASSING takes the disclosure route, the ordinary problem
named beside it (GuidanceService.read_situation).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from companion.guidance import passing_harm
from companion.guidance.classifier import ChallengeClassifier, clauses
from companion.guidance.passing_harm import clause_rows, fit_model

DISCLOSURE = "disclosure"
# From this probability a clause tells of a disclosure, with the logistic regression's C. Chosen by
# 5-fold cross-validation on the clauses and examples (bench/passing_disclosure_cv.py), never on an
# eval set, by the harm reader's rule written before looking: the lowest threshold whose message
# false alarms stay at or below 0.02 and hard-negative ones at or below 0.05.
DISCLOSURE_IN_PASSING = 0.9
REGULARISATION = 4.0
# Below this probability for the message and each of its clauses, a weak safety reading of the
# situation classifier is not confirmed by this reader (GuidanceService.weak_safety_checked).
UNCONFIRMED = 0.5
# ... and below this for the harm reader, which reads harassment within the pair weakly (it was
# written for harm told in passing: 0.46 for "keeps touching my shoulder and calling me
# sweetheart"); set by hand on fresh requests, not cross-validated.
HARM_UNCONFIRMED = 0.4
# An ordinary problem read within this of the likelier safety situation is as likely as it (a
# near tie: "tips to keep our sessions under an hour? also i left my notebook with his team's
# appraisal scores on the train" reads 0.35 time and 0.35 safeguarding); set by hand.
NEAR_TIE = 0.05


@dataclass(frozen=True)
class ToldDisclosure:
    clause: str
    probability: float


CLAUSES = "passing_disclosure_clauses.jsonl"


def training_set(classifier: ChallengeClassifier) -> tuple[list[str], list[str], np.ndarray]:
    """The clauses, and the situation classifier's examples of disclosure and of the six ordinary
    problems, with their vectors (the clauses embedded once and cached, as the classifier's
    anchors are); safeguarding examples and requests outside mentoring are neither."""
    rows = clause_rows(CLAUSES)
    vectors = classifier.example_vectors([row["text"] for row in rows])
    return passing_harm.training_set(classifier, rows, vectors, DISCLOSURE, DISCLOSURE)


class PassingDisclosureReader:
    """Reads a message's clauses for a disclosure told in passing (module docstring)."""

    def __init__(self, classifier: ChallengeClassifier) -> None:
        self.classifier = classifier
        _, labels, vectors = training_set(classifier)
        self.model = fit_model(vectors, labels, regularisation=REGULARISATION)
        self.disclosure = list(self.model.classes_).index(DISCLOSURE)

    def read(self, vectors: np.ndarray) -> float:
        """How likely the likeliest of the texts these are the vectors of tells of a disclosure."""
        return float(self.model.predict_proba(vectors)[:, self.disclosure].max())

    def told(self, situation: str, threshold: float = DISCLOSURE_IN_PASSING) -> ToldDisclosure | None:
        """The clause of a message of several that tells of a disclosure most likely, when it
        reaches `threshold`; None for a message of one clause (the situation classifier reads it
        whole)."""
        parts = clauses(situation)
        if not parts:
            return None
        found = self.model.predict_proba(self.classifier.embedder.embed(parts))[:, self.disclosure]
        best = int(np.argmax(found))
        return ToldDisclosure(parts[best], float(found[best])) if found[best] >= threshold else None
