"""The gate shared by the suite tests: no headline metric below its target, none more than
report.TOLERANCE below the committed baseline (evals/baseline.json)."""

from typing import Any

from companion.evaluation import report
from tests.conftest import REPO_ROOT

EVALS = REPO_ROOT / "evals"


def assert_gate(suite: str, results: dict[str, Any]) -> None:
    baseline = report.read_json(EVALS / "baseline.json")
    figures = report.headline(suite, results)
    assert set(figures) == set(baseline[suite]), "evals/baseline.json misses a headline metric"
    failures = report.gate(suite, figures, baseline)
    assert not failures, "\n".join([*failures, str(results.get("failures", ""))[:2000]])
