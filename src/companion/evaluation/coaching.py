"""The coaching suite: the challenge classifier on situations told in users' own words
(evals/coaching/situations.jsonl): accuracy, per-class precision and recall, confusion matrix."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

from companion.evaluation.answers import read_jsonl
from companion.guidance.classifier import LABELS
from companion.guidance.service import GuidanceService

TARGETS = {"accuracy": 0.85}


def run_coaching_suite(service: GuidanceService, dataset: Path) -> dict[str, Any]:
    rows = read_jsonl(dataset)
    started = time.perf_counter()
    predicted = [service.classify(row["text"]).label for row in rows]
    seconds = time.perf_counter() - started
    truth = [row["label"] for row in rows]
    labels = list(LABELS)
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predicted, labels=labels, zero_division=0
    )
    matrix = confusion_matrix(truth, predicted, labels=labels)
    correct = sum(t == p for t, p in zip(truth, predicted, strict=True))
    return {
        "situations": len(rows),
        "accuracy": round(correct / len(rows), 4),
        "macro_f1": round(float(f1.mean()), 4),
        "per_class": {
            label: {
                "precision": round(float(precision[index]), 4),
                "recall": round(float(recall[index]), 4),
                "f1": round(float(f1[index]), 4),
                "support": int(support[index]),
            }
            for index, label in enumerate(labels)
        },
        "confusion_matrix": {
            "labels": labels,
            "rows_are": "true label",
            "columns_are": "predicted label",
            "counts": matrix.tolist(),
        },
        "ms_per_situation": round(seconds * 1000 / len(rows), 1),
        "errors": [
            {"id": row["id"], "label": row["label"], "predicted": label, "text": row["text"]}
            for row, label in zip(rows, predicted, strict=True)
            if label != row["label"]
        ],
    }
