"""The hard-moment reader (guidance/hard_moments.py), cross-validated on its training clauses.

    python -m bench.hard_moment_cv

5-fold stratified cross-validation over the 507 helper-written clauses. Each held-out clause is
read by a model fitted without it, and the bench reports, per C and threshold, the recall on the
held-out hard clauses (all, and the oblique ones, told without the obvious feeling words) and the
false alarms on the ordinary ones; beside them, the same figures for the reflection composer's cue
lists alone (HARD, outside quoted words, composer/notes.py) and for the two together, as the
product reads notes.

The rule, written before looking: the C and threshold with the highest reader recall whose false
alarms on ordinary clauses stay at or below 0.01, because a note has several clauses and each may
raise one.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from sklearn.model_selection import StratifiedKFold

from bench.common import save
from companion.config import get_settings
from companion.guidance.composer.notes import HARD, MILD, QUOTED, THING_COMPLAINT
from companion.guidance.hard_moments import CLAUSES, training_set
from companion.guidance.passing_harm import clause_rows, fit_model
from companion.services import Services

THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)
REGULARISATIONS = (0.3, 1.0, 4.0)
FALSE_ALARMS = 0.01


def cue_lists(text: str) -> bool:
    """The composer's cue lists read the clause as a hard moment."""
    unquoted = MILD.sub(" ", THING_COMPLAINT.sub(" ", QUOTED.sub(" ", text.lower())))
    return re.search(HARD, unquoted) is not None


def main() -> None:
    classifier = Services(get_settings()).classifier
    texts, labels, vectors = training_set(classifier)
    oblique = np.array([bool(row["oblique"]) for row in clause_rows(CLAUSES)])
    hard = np.array([label == "hard" for label in labels])
    cues = np.array([cue_lists(text) for text in texts])

    def figures(found: np.ndarray) -> dict[str, float]:
        return {
            "recall": round(float(found[hard].mean()), 4),
            "oblique recall": round(float(found[hard & oblique].mean()), 4),
            "false alarms": round(float(found[~hard].mean()), 4),
        }

    results: dict[str, Any] = {"clauses": len(texts), "cue lists": figures(cues), "by C": {}}
    best: tuple[float, float, float] | None = None  # recall, C, threshold
    for regularisation in REGULARISATIONS:
        probability = np.zeros(len(texts))
        for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(texts, labels):
            model = fit_model(vectors[train], [labels[i] for i in train], regularisation=regularisation)
            column = list(model.classes_).index("hard")
            probability[test] = model.predict_proba(vectors[test])[:, column]
        table = {}
        for threshold in THRESHOLDS:
            found = probability >= threshold
            table[str(threshold)] = {"reader": figures(found), "with the cue lists": figures(found | cues)}
            recall, alarms = float(found[hard].mean()), float(found[~hard].mean())
            if alarms <= FALSE_ALARMS and (best is None or recall > best[0]):
                best = (recall, regularisation, threshold)
        results["by C"][str(regularisation)] = table
    if best is not None:
        results["chosen"] = {"C": best[1], "threshold": best[2], "recall": round(best[0], 4)}
    print(save("hard_moment_cv", results))
    print(results.get("chosen"), results["cue lists"])


if __name__ == "__main__":
    main()
