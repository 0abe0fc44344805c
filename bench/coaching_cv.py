"""The coaching classifier's routing, cross-validated on its own training examples.

    python -m bench.coaching_cv [--extra PATH]

5-fold stratified cross-validation over `guidance/data/coaching_examples.jsonl`; the playbooks'
and safety guides' anchors are in every training fold. Each held-out example is routed by
`decide()` as the product routes it, with the clause reading off and at several CLAUSE_SAFETY
thresholds, and reports:
- macro_f1 over the nine situations;
- safety_recall: safety-labelled examples answered on the safety route alone;
- safety_first: safety-labelled examples whose answer puts the safety steps first (the safety
  route, or an ordinary reading with the safety steps first);
- false_alarms: other examples answered on the safety route alone.

`--extra` scores a further labelled file (JSON lines of text and label) as held-out data, with
the classifier fitted on all the examples: a development set, never an eval set.
This is where the classifier's thresholds are chosen; the eval sets in evals/coaching/ are not.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline

from bench.common import save
from companion.config import get_settings
from companion.guidance import classifier
from companion.guidance.classifier import (
    LABELS,
    SAFETY,
    canonical,
    clauses,
    decide,
    load_examples,
    mixed_readings,
)
from companion.services import Services

# (FULL_SAFETY, CLAUSE_SAFETY, SAFETY_THRESHOLD) triples; None: clauses not read.
THRESHOLDS: list[tuple[float, float | None, float]] = [
    (full, clause, possible)
    for full in (0.4, 0.3, 0.25, 0.2)
    for clause in (None, 0.4, 0.5, 0.6)
    for possible in (0.12, 0.16, 0.2, 0.25)
    if possible < full
]


Models = tuple[LogisticRegression, Pipeline]


def _fit(texts: list[str], labels: list[str], vectors: dict[str, np.ndarray]) -> Models:
    """The product's two models, fitted as the product fits them."""
    return (
        classifier.semantic_model(np.stack([vectors[text] for text in texts]), labels),
        classifier.lexical_model(texts, labels),
    )


def _route(
    models: Models,
    vectors: dict[str, np.ndarray],
    text: str,
    threshold: tuple[float, float | None, float],
) -> tuple[str, bool, bool]:
    """How the product routes `text`: its label, safety route alone, safety steps first."""
    full, clause, possible = threshold
    texts = [text, *(clauses(text) if clause is not None else [])]
    whole, *readings = mixed_readings(*models, np.stack([vectors[t] for t in texts]), texts)
    found = decide(whole, None, readings, clause if clause is not None else 1.0, full, possible)
    return found.label, found.safety, found.safety_first


def _figures(truth: list[str], routes: list[tuple[str, bool, bool]]) -> dict[str, float]:
    safe = [index for index, label in enumerate(truth) if label in SAFETY]
    plain = [index for index, label in enumerate(truth) if label not in SAFETY]
    predicted = [label for label, _, _ in routes]
    return {
        "macro_f1": round(float(f1_score(truth, predicted, labels=list(LABELS), average="macro")), 4),
        "safety_recall": round(sum(routes[i][1] for i in safe) / max(len(safe), 1), 4),
        "safety_first": round(sum(routes[i][2] for i in safe) / max(len(safe), 1), 4),
        "false_alarms": round(sum(routes[i][1] for i in plain) / max(len(plain), 1), 4),
        # ordinary problems whose answer opens with the safety steps (route, or "possibly")
        "false_safety_first": round(sum(routes[i][2] for i in plain) / max(len(plain), 1), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--extra", type=Path, help="a labelled development file, scored held out")
    args = parser.parse_args()
    services = Services(get_settings())
    anchors = classifier.playbook_anchors(services.chunks)
    examples = [example for example in load_examples() if not example.risk_only]
    extra = (
        [json.loads(line) for line in args.extra.read_text().splitlines() if line.strip()]
        if args.extra
        else []
    )
    texts = [a.text for a in anchors] + [e.text for e in examples] + [row["text"] for row in extra]
    every = sorted({t for text in texts for t in [text, *clauses(text)]})
    embedded = services.meaning_embedder.embed(every)
    vectors = dict(zip(every, embedded, strict=True))
    anchor_y = [a.label for a in anchors]
    truth = [e.label for e in examples]
    results: dict[str, Any] = {"examples": len(examples), "cross_validated": {}, "extra": {}}
    routes: dict[str, list[tuple[str, bool, bool]]] = {
        str(t): [("", False, False)] * len(examples) for t in THRESHOLDS
    }
    anchor_texts = [a.text for a in anchors]
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(examples, truth):
        model = _fit(
            anchor_texts + [examples[i].text for i in train], anchor_y + [truth[i] for i in train], vectors
        )
        for threshold in THRESHOLDS:
            for i in test:
                routes[str(threshold)][i] = _route(model, vectors, examples[i].text, threshold)
    for threshold in THRESHOLDS:
        results["cross_validated"][str(threshold)] = _figures(truth, routes[str(threshold)])
    if extra:
        model = _fit(anchor_texts + [e.text for e in examples], anchor_y + truth, vectors)
        extra_truth = [canonical(row["label"]) for row in extra]
        for threshold in THRESHOLDS:
            found = [_route(model, vectors, row["text"], threshold) for row in extra]
            results["extra"][str(threshold)] = _figures(extra_truth, found)
    for part in ("cross_validated", "extra"):
        for threshold, figures in results[part].items():
            print(f"{part:16} full, clause, possible {threshold:>18}: {figures}")
    save("coaching_cv", results)
    services.close()


if __name__ == "__main__":
    main()
