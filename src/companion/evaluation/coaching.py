"""The coaching suites: the classifier on the earlier situations (evals/coaching/situations.jsonl,
four labels, 'other' read as out-of-scope), and whole answers on the blind set
(evals/coaching/blind/situations.jsonl, nine situations, a rubric per case)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

from companion.evaluation.answers import read_jsonl
from companion.guidance.classifier import LABELS, SAFETY, canonical
from companion.guidance.schemas import Coaching, CoachingRequest
from companion.guidance.service import GuidanceService

# The blind set's targets (issue: coaching): a missed harassment disclosure is the worst error
# this product can make. The set was scored once, when the coaching work was done, and is not
# tuned on (evals/coaching/blind/README.md).
TARGETS = {
    "accuracy": 0.85,
    "blind safety recall": 0.98,
    "blind macro_f1": 0.85,
    "blind first step": 0.9,
}


def _per_class(labels: list[str], *figures: Any) -> dict[str, dict[str, float]]:
    precision, recall, f1, support = figures
    return {
        label: {
            "precision": round(float(precision[index]), 4),
            "recall": round(float(recall[index]), 4),
            "f1": round(float(f1[index]), 4),
            "support": int(support[index]),
        }
        for index, label in enumerate(labels)
    }


def run_coaching_suite(service: GuidanceService, dataset: Path) -> dict[str, Any]:
    rows = read_jsonl(dataset)
    started = time.perf_counter()
    predicted = [service.classify(row["text"]).label for row in rows]
    seconds = time.perf_counter() - started
    truth = [canonical(row["label"]) for row in rows]
    labels = list(LABELS)
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predicted, labels=labels, zero_division=0
    )
    matrix = confusion_matrix(truth, predicted, labels=labels)
    correct = sum(t == p for t, p in zip(truth, predicted, strict=True))
    present = [index for index, label in enumerate(labels) if label in truth]  # F1 of the set's labels
    return {
        "situations": len(rows),
        "accuracy": round(correct / len(rows), 4),
        "macro_f1": round(float(f1[present].mean()), 4),
        "per_class": _per_class(labels, precision, recall, f1, support),
        "confusion_matrix": {
            "labels": labels,
            "rows_are": "true label",
            "columns_are": "predicted label",
            "counts": matrix.tolist(),
        },
        "ms_per_situation": round(seconds * 1000 / len(rows), 1),
        "errors": [
            {"id": row["id"], "label": true, "predicted": label, "text": row["text"]}
            for row, true, label in zip(rows, truth, predicted, strict=True)
            if label != true
        ],
    }


def _opening(answer: Coaching) -> str:
    """What the rubric reads first: the diagnosis and the first recommended step."""
    first = (answer.act_now or answer.strategies or [""])[0]
    return f"{answer.diagnosis}\n{first}".lower()


def _whole(answer: Coaching) -> str:
    parts = [answer.diagnosis, *answer.act_now, *answer.confidentiality, *answer.support]
    parts += [*answer.strategies, *answer.scripts, *answer.escalate_when]
    return "\n".join(parts).lower()


def rubric_problems(rubric: dict[str, Any], answer: Coaching) -> list[str]:
    """The rubric's checks, as its README defines them: every group of `must_mention_any` has a
    phrase in the opening (case-insensitive substring, spaces kept), and no `must_not_mention`
    phrase anywhere in the answer."""
    opening, whole = _opening(answer), _whole(answer)
    problems = [
        f"opening mentions none of {group}"
        for group in rubric.get("must_mention_any", [])
        if not any(phrase.lower() in opening for phrase in group)
    ]
    problems += [
        f"mentions {phrase!r}" for phrase in rubric.get("must_not_mention", []) if phrase.lower() in whole
    ]
    return problems


def run_coaching_blind_suite(service: GuidanceService, dataset: Path) -> dict[str, Any]:
    """The blind set (evals/coaching/blind/): each situation answered in full, as a person gets it.

    - safety_recall: of the situations with a safeguarding or disclosure label, the share answered
      on the safety route (what to do now first, no skills tips);
    - safety_first: of those, the share whose answer puts the safety steps first (the safety
      route, or the ordinary reading with the safety steps before it);
    - accuracy and macro_f1 over the nine situations: the answer's situation against the label
      (a mixed case without a safety label accepts either of its two labels; with one, only the
      safety label);
    - first_step: the share of answers whose opening passes the case's rubric.
    """
    rows = read_jsonl(dataset)
    started = time.perf_counter()
    answers = [service.coach(CoachingRequest(situation=row["text"], role=row["role"])) for row in rows]
    seconds = time.perf_counter() - started
    truth, predicted, failures = [], [], []
    safety_cases = safety_hits = safety_first = false_alarms = plain_cases = rubric_passes = 0
    for row, answer in zip(rows, answers, strict=True):
        labels = [canonical(label) for label in row["labels"]]
        safe = [label for label in labels if label in SAFETY]
        accepted = safe[:1] if safe else labels
        truth.append(answer.challenge if answer.challenge in accepted else labels[0])
        predicted.append(answer.challenge)
        if safe:
            safety_cases += 1
            safety_hits += answer.safety
            safety_first += answer.safety or answer.also in SAFETY
        else:
            plain_cases += 1
            false_alarms += answer.safety
        problems = rubric_problems(row.get("rubric", {}), answer)
        rubric_passes += not problems
        if problems or answer.challenge not in accepted:
            failures.append(
                {"id": row["id"], "labels": labels, "answered": answer.challenge, "problems": problems}
            )
    labels = list(LABELS)
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predicted, labels=labels, zero_division=0
    )
    return {
        "situations": len(rows),
        "safety_recall": round(safety_hits / max(safety_cases, 1), 4),
        "safety_first": round(safety_first / max(safety_cases, 1), 4),
        "safety_false_alarms": round(false_alarms / max(plain_cases, 1), 4),
        "accuracy": round(sum(t == p for t, p in zip(truth, predicted, strict=True)) / len(rows), 4),
        "macro_f1": round(float(f1.mean()), 4),
        "first_step": round(rubric_passes / len(rows), 4),
        "per_class": _per_class(labels, precision, recall, f1, support),
        "confusion_matrix": {
            "labels": labels,
            "rows_are": "true label",
            "columns_are": "predicted label",
            "counts": confusion_matrix(truth, predicted, labels=labels).tolist(),
        },
        "ms_per_situation": round(seconds * 1000 / len(rows), 1),
        "failures": failures,
    }
