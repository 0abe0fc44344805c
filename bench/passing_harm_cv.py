"""Harm told in passing (guidance/passing_harm.py), cross-validated on its training data.

    python -m bench.passing_harm_cv

5-fold stratified cross-validation over the reader's training set: the helper-written clauses
(`guidance/data/passing_harm_clauses.jsonl`) and the situation classifier's safeguarding and
ordinary examples. Each held-out item is read by a model fitted without it, and the bench reports
per threshold:
- recall on the held-out harm clauses (oblique and explicit apart) and on the safeguarding examples;
- the false alarms on the held-out hard-negative clauses (per kind);
- message false alarms: the share of held-out ordinary examples of more than one clause that a
  clause of takes to the safety route, as the product reads a message (its clauses only).

The rule, written before looking: HARM_IN_PASSING is the lowest threshold whose message false
alarms stay at or below 0.02 and whose hard-negative false alarms stay at or below 0.05 (the reader
adds to the situation classifier's own clause reading, whose false alarms are already counted on
every blind set; a second source of them must stay small).
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
from sklearn.model_selection import StratifiedKFold

from bench.common import REPO, save
from companion.config import get_settings
from companion.guidance.classifier import clauses
from companion.guidance.passing_harm import (
    HARM,
    ORDINARY,
    PAIR,
    clause_vectors,
    elsewhere_set,
    fit_elsewhere,
    fit_model,
    long_enough,
    read_elsewhere,
    training_set,
)
from companion.services import Services

THRESHOLDS = (0.5, 0.6, 0.65, 0.7, 0.72, 0.74, 0.76, 0.78, 0.8, 0.85, 0.9)
MESSAGE_FALSE_ALARMS, HARD_NEGATIVE_FALSE_ALARMS = 0.02, 0.05


def main() -> None:
    services = Services(get_settings())
    classifier = services.classifier
    rows, clause_vecs = clause_vectors(classifier)
    texts, labels, vectors = training_set(classifier, rows, clause_vecs)
    rows = [json.loads(line) for line in (REPO / CLAUSES).read_text().splitlines()]
    kinds = {row["text"]: (row["kind"], row.get("explicit", False)) for row in rows}
    found = np.zeros(len(texts))
    message = np.full(len(texts), -1.0)  # an ordinary example's likeliest clause, when it has several
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(texts, labels):
        model = fit_model(vectors[train], [labels[i] for i in train])
        harm = list(model.classes_).index(HARM)
        found[test] = model.predict_proba(vectors[test])[:, harm]
        for i in test:
            parts = long_enough(clauses(texts[i]))  # as the product reads a message
            if labels[i] == ORDINARY and texts[i] not in kinds and parts:
                message[i] = model.predict_proba(classifier.example_vectors(parts))[:, harm].max()
    results: dict[str, Any] = {"items": len(texts), "clauses": len(kinds), "thresholds": {}}
    for threshold in THRESHOLDS:
        hit = found >= threshold

        def share(select: list[int], hits: np.ndarray = hit) -> float:
            return round(float(hits[select].mean()), 4) if select else 0.0

        harm_clauses = [i for i, t in enumerate(texts) if t in kinds and labels[i] == HARM]
        oblique = [i for i in harm_clauses if not kinds[texts[i]][1]]
        negatives = [i for i, t in enumerate(texts) if t in kinds and labels[i] == ORDINARY]
        by_kind = sorted({kinds[texts[i]][0] for i in negatives})
        examples = [i for i, t in enumerate(texts) if t not in kinds and labels[i] == HARM]
        several = [i for i in range(len(texts)) if message[i] >= 0]
        results["thresholds"][str(threshold)] = {
            "harm clause recall": share(harm_clauses),
            "oblique recall": share(oblique),
            "safeguarding example recall": share(examples),
            "hard negative false alarms": share(negatives),
            "hard negatives by kind": {
                kind: share([i for i in negatives if kinds[texts[i]][0] == kind]) for kind in by_kind
            },
            "message false alarms": round(float((message[several] >= threshold).mean()), 4),
            "messages of several clauses": len(several),
        }
    chosen = next(
        (
            threshold
            for threshold in THRESHOLDS
            if results["thresholds"][str(threshold)]["message false alarms"] <= MESSAGE_FALSE_ALARMS
            and results["thresholds"][str(threshold)]["hard negative false alarms"]
            <= HARD_NEGATIVE_FALSE_ALARMS
        ),
        None,
    )
    results["chosen by the rule"] = chosen
    results["someone else, cross-validated"] = elsewhere_cv(classifier)
    save("passing_harm_cv", results)
    print(json.dumps(results, indent=2))


def elsewhere_cv(classifier: Any) -> dict[str, float]:
    """Harm to someone outside the pair told from harm within it, over the harm clauses, as
    PassingHarmReader.likeliest reads it: accuracy of outside against within, the precision and
    recall of outside, and how often the outside kind is the right one when both are outside."""
    texts, kinds, vectors = elsewhere_set(*clause_vectors(classifier))
    truth = np.array([kind != PAIR for kind in kinds])
    found: list[str] = [PAIR] * len(texts)
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(texts, kinds):
        outside_model, kind_model = fit_elsewhere(vectors[train], [kinds[i] for i in train])
        for i, kind in zip(test, read_elsewhere(outside_model, kind_model, vectors[test]), strict=True):
            found[i] = kind or PAIR
    outside = np.array([kind != PAIR for kind in found])
    hits = int((outside & truth).sum())
    both = [i for i in range(len(texts)) if outside[i] and truth[i]]
    return {
        "clauses": len(texts),
        "accuracy": round(float((outside == truth).mean()), 4),
        "precision": round(hits / max(int(outside.sum()), 1), 4),
        "recall": round(hits / max(int(truth.sum()), 1), 4),
        "right kind when both outside": round(sum(found[i] == kinds[i] for i in both) / max(len(both), 1), 4),
    }


CLAUSES = "src/companion/guidance/data/passing_harm_clauses.jsonl"

if __name__ == "__main__":
    main()
