"""The kind of a safeguarding message (at risk, harassment, discrimination, bullying),
cross-validated on the training examples.

    python -m bench.risk_cv

5-fold stratified cross-validation over the safeguarding examples of
`guidance/data/coaching_examples.jsonl`, each marked with its `kind`; the safeguarding guide's
signs that someone may be at risk are in every training fold. Each held-out example is read as the
product reads it (`KindReader`: the whole message), and the bench reports:
- per at-risk threshold: at-risk recall (answers that open with "check they are safe, get urgent
  help"), precision and accuracy;
- per naming threshold: how many behaviour examples get a kind named, and how often it is right.

The rules, written before looking: the at-risk threshold is the highest recall whose precision
stays at or above 0.9 (a conduct concern read as at-risk loses "stop" and "pause one-to-one
meetings"); the naming threshold is the lowest whose naming precision stays at or above 0.9 (a
wrong name is worse than none).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.model_selection import StratifiedKFold

from bench.common import save
from companion.config import get_settings
from companion.guidance import classifier
from companion.guidance.kinds import KindReader
from companion.guidance.risk import (
    AT_RISK,
    AT_RISK_THRESHOLD,
    KINDS,
    NAMING_THRESHOLD,
    decide_kind,
)
from companion.services import Services

AT_RISK_THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6)
NAMING_THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)


def main() -> None:
    services = Services(get_settings())
    embedder = services.meaning_embedder
    signs = [a for a in classifier.playbook_anchors(services.chunks) if a.kind in KINDS]
    examples = [a for a in classifier.load_examples() if a.kind in KINDS]
    truth = [str(a.kind) for a in examples]
    sign_vectors = embedder.embed([a.text for a in signs])
    example_vectors = embedder.embed([a.text for a in examples])
    found: list[dict[str, float]] = [{} for _ in examples]
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(examples, truth):
        anchors = signs + [examples[i] for i in train]
        vectors = np.vstack([sign_vectors, example_vectors[train]])
        reader = KindReader.fit(KINDS, embedder, anchors, vectors)
        for i in test:
            found[i] = reader.probabilities(examples[i].text)
    results: dict[str, Any] = {
        "examples": len(examples),
        "by_kind": {kind: truth.count(kind) for kind in KINDS},
        "product": {"at_risk": AT_RISK_THRESHOLD, "naming": NAMING_THRESHOLD},
        "at_risk": {},
        "naming": {},
    }
    is_risk = np.array([kind == AT_RISK for kind in truth])
    for threshold in AT_RISK_THRESHOLDS:
        said = np.array([p[AT_RISK] >= threshold for p in found])
        hits = int((said & is_risk).sum())
        figures = {
            "recall": round(hits / max(1, int(is_risk.sum())), 3),
            "precision": round(hits / max(1, int(said.sum())), 3),
            "accuracy": round(float(np.mean(said == is_risk)), 3),
        }
        results["at_risk"][str(threshold)] = figures
        print(f"at-risk threshold {threshold}: {figures}")
    behaviour = [i for i, kind in enumerate(truth) if kind != AT_RISK]
    for threshold in NAMING_THRESHOLDS:
        named = [(i, decide_kind(found[i], AT_RISK_THRESHOLD, threshold)) for i in behaviour]
        named = [(i, kind) for i, kind in named if kind not in (None, AT_RISK)]
        right = sum(kind == truth[i] for i, kind in named)
        figures = {
            "named": round(len(named) / max(1, len(behaviour)), 3),
            "precision": round(right / max(1, len(named)), 3),
        }
        results["naming"][str(threshold)] = figures
        print(f"naming threshold {threshold}: {figures}")
    save("risk_cv", results)
    services.close()


if __name__ == "__main__":
    main()
