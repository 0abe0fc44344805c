"""The feedback eval on both database backends: the committed figures hold, nothing leaks."""

from __future__ import annotations

import json

import pytest

from companion.evaluation.feedback import DATASETS, TARGETS, run_feedback_suite
from tests.conftest import REPO_ROOT

EVALS = REPO_ROOT / "evals"
TOLERANCE = 0.05  # the committed results may move this much before the gate fails


@pytest.mark.parametrize("dataset", DATASETS)
def test_feedback_suite_holds_its_figures_on_each_backend(
    kb_services, database_url: str, dataset: str
) -> None:
    committed = json.loads((EVALS / "results" / "feedback.json").read_text(encoding="utf-8"))[dataset]
    results = run_feedback_suite(
        kb_services.retriever,
        kb_services.themes_embedder,
        EVALS / "feedback" / f"{dataset}.jsonl",
        database_url,
    )
    assert results["imported"] == results["entries"] and results["entries_missing_from_themes"] == 0
    assert results["quotes_with_personal_data"] == 0
    assert results["smallest_theme"] >= 3
    assert results["ari"] >= committed["ari"] - TOLERANCE
    if dataset == "entries":
        assert results["ari"] >= TARGETS["ari"]
