"""A disclosure told in passing (guidance/passing_disclosure.py), cross-validated on its training data.

    python -m bench.passing_disclosure_cv

5-fold stratified cross-validation over the reader's training set: the helper-written clauses
(`guidance/data/passing_disclosure_clauses.jsonl`) and the situation classifier's disclosure and
ordinary examples. Each held-out item is read by a model fitted without it, and the bench reports,
per C and threshold:
- recall on the held-out disclosure clauses (per kind) and on the disclosure examples;
- the false alarms on the held-out ordinary clauses (per kind: surface twins, harmless confidences,
  ordinary problems);
- message false alarms: the share of held-out ordinary examples of more than one clause that a
  clause of takes to the disclosure route, as the product reads a message (its clauses only).

The rule, the harm reader's (bench/passing_harm_cv.py), written before looking: per C, the lowest
threshold whose message false alarms stay at or below 0.02 and whose hard-negative false alarms stay
at or below 0.05; of the C values, the one whose disclosure clause recall is highest there.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
from sklearn.model_selection import StratifiedKFold

from bench.common import save
from companion.config import get_settings
from companion.guidance.classifier import clauses
from companion.guidance.passing_disclosure import CLAUSES, DISCLOSURE, training_set
from companion.guidance.passing_harm import ORDINARY, clause_rows, fit_model
from companion.services import Services

THRESHOLDS = (0.5, 0.6, 0.65, 0.7, 0.72, 0.74, 0.76, 0.78, 0.8, 0.85, 0.9)
REGULARISATIONS = (0.1, 0.3, 1.0, 4.0)
MESSAGE_FALSE_ALARMS, HARD_NEGATIVE_FALSE_ALARMS = 0.02, 0.05


def main() -> None:
    classifier = Services(get_settings()).classifier
    texts, labels, vectors = training_set(classifier)
    kinds = {row["text"]: row["kind"] for row in clause_rows(CLAUSES)}
    results: dict[str, Any] = {"items": len(texts), "clauses": len(kinds), "by C": {}}
    best: tuple[float, float, float] | None = None  # recall, C, threshold
    for regularisation in REGULARISATIONS:
        found = np.zeros(len(texts))
        message = np.full(len(texts), -1.0)  # an ordinary example's likeliest clause, when it has several
        for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(texts, labels):
            model = fit_model(vectors[train], [labels[i] for i in train], regularisation=regularisation)
            column = list(model.classes_).index(DISCLOSURE)
            found[test] = model.predict_proba(vectors[test])[:, column]
            for i in test:
                parts = clauses(texts[i])
                if labels[i] == ORDINARY and texts[i] not in kinds and parts:
                    message[i] = model.predict_proba(classifier.example_vectors(parts))[:, column].max()
        table = thresholds_table(texts, labels, kinds, found, message)
        chosen = next(
            (
                t
                for t in THRESHOLDS
                if table[str(t)]["message false alarms"] <= MESSAGE_FALSE_ALARMS
                and table[str(t)]["hard negative false alarms"] <= HARD_NEGATIVE_FALSE_ALARMS
            ),
            None,
        )
        results["by C"][str(regularisation)] = {"chosen threshold": chosen, "thresholds": table}
        if chosen is not None:
            recall = table[str(chosen)]["disclosure clause recall"]
            if best is None or recall > best[0]:
                best = (recall, regularisation, chosen)
    results["chosen by the rule"] = (
        {"C": best[1], "threshold": best[2], "disclosure clause recall": best[0]} if best else None
    )
    save("passing_disclosure_cv", results)
    print(json.dumps(results["chosen by the rule"], indent=2))
    for c, row in results["by C"].items():
        t = row["chosen threshold"]
        print(c, t, json.dumps(row["thresholds"][str(t)] if t is not None else None))


def thresholds_table(
    texts: list[str], labels: list[str], kinds: dict[str, str], found: np.ndarray, message: np.ndarray
) -> dict[str, Any]:
    table: dict[str, Any] = {}
    told = [i for i, t in enumerate(texts) if t in kinds and labels[i] == DISCLOSURE]
    negatives = [i for i, t in enumerate(texts) if t in kinds and labels[i] == ORDINARY]
    examples = [i for i, t in enumerate(texts) if t not in kinds and labels[i] == DISCLOSURE]
    several = [i for i in range(len(texts)) if message[i] >= 0]
    for threshold in THRESHOLDS:
        hit = found >= threshold

        def share(select: list[int], hits: np.ndarray = hit) -> float:
            return round(float(hits[select].mean()), 4) if select else 0.0

        table[str(threshold)] = {
            "disclosure clause recall": share(told),
            "by kind": {
                k: share([i for i in told if kinds[texts[i]] == k])
                for k in sorted({kinds[texts[i]] for i in told})
            },
            "disclosure example recall": share(examples),
            "hard negative false alarms": share(negatives),
            "hard negatives by kind": {
                k: share([i for i in negatives if kinds[texts[i]] == k])
                for k in sorted({kinds[texts[i]] for i in negatives})
            },
            "message false alarms": round(float((message[several] >= threshold).mean()), 4),
            "messages of several clauses": len(several),
        }
    return table


if __name__ == "__main__":
    main()
