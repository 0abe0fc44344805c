"""The at-risk reading of safeguarding messages, cross-validated on the training examples.

    python -m bench.risk_cv

5-fold stratified cross-validation over the safeguarding examples of
`guidance/data/coaching_examples.jsonl` (those marked `"at_risk": true` against the rest); the
safeguarding guide's two lists of signs are in every training fold. Each held-out example is read
as the product reads it (`RiskReader`: the whole message), and the bench reports,
per threshold, at-risk recall (answers that open with "check they are safe, get urgent help"),
precision, and accuracy.

The threshold rule, written before looking: the highest at-risk recall whose precision stays at
or above 0.9 (a conduct concern read as at-risk loses "stop" and "pause one-to-one meetings").
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.model_selection import StratifiedKFold

from bench.common import save
from companion.config import get_settings
from companion.guidance import classifier
from companion.guidance.risk import AT_RISK_THRESHOLD, RiskReader
from companion.services import Services

THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6)


def main() -> None:
    services = Services(get_settings())
    embedder = services.meaning_embedder
    signs = [a for a in classifier.playbook_anchors(services.chunks) if a.label == "safeguarding"]
    examples = [a for a in classifier.load_examples() if a.label == "safeguarding"]
    truth = [a.at_risk for a in examples]
    sign_vectors = embedder.embed([a.text for a in signs])
    example_vectors = embedder.embed([a.text for a in examples])
    scores = np.zeros(len(examples))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(examples, truth):
        anchors = signs + [examples[i] for i in train]
        vectors = np.vstack([sign_vectors, example_vectors[train]])
        reader = RiskReader.fit(embedder, anchors, vectors)
        for i in test:
            scores[i] = reader.probability(examples[i].text)
    results: dict[str, Any] = {
        "examples": len(examples),
        "at_risk": sum(truth),
        "product_threshold": AT_RISK_THRESHOLD,
        "cross_validated": {},
    }
    for threshold in THRESHOLDS:
        found = scores >= threshold
        hits = int(sum(f and t for f, t in zip(found, truth, strict=True)))
        figures = {
            "recall": round(hits / max(1, sum(truth)), 3),
            "precision": round(hits / max(1, int(found.sum())), 3),
            "accuracy": round(float(np.mean(found == np.array(truth))), 3),
        }
        results["cross_validated"][str(threshold)] = figures
        print(f"threshold {threshold}: {figures}")
    save("risk_cv", results)
    services.close()


if __name__ == "__main__":
    main()
