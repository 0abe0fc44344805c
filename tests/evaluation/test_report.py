"""The gate's rule, the committed baseline, and the report with its chart."""

import json

from companion.evaluation import report
from tests.evaluation.gate import EVALS


def test_gate_fails_below_the_target_or_beyond_the_tolerance() -> None:
    baseline = {"coaching": {"accuracy": 0.90}}
    assert not report.gate("coaching", {"accuracy": 0.885}, baseline)  # within 0.02 of the baseline
    assert report.gate("coaching", {"accuracy": 0.875}, baseline)  # 0.025 below it
    assert report.gate("safety", {"overall": 0.9}, {})  # below the target of 1.0
    assert not report.gate("coaching", {"macro_f1": 0.10}, {})  # no target, no baseline


def test_a_waived_target_does_not_fail_the_gate_but_the_baseline_still_does() -> None:
    assert ("coaching", "accuracy") in report.WAIVERS
    assert not report.gate("coaching", {"accuracy": 0.84}, {})
    assert report.gate("coaching", {"accuracy": 0.70}, {"coaching": {"accuracy": 0.80}})
    assert "waived" in "".join(report._table("coaching", {"accuracy": 0.84}, {}))


def test_committed_baseline_has_every_suite_and_headline_metric() -> None:
    baseline = json.loads((EVALS / "baseline.json").read_text(encoding="utf-8"))
    assert list(baseline) == list(report.SUITES)
    for suite, figures in baseline.items():
        results = json.loads((EVALS / "results" / f"{suite}.json").read_text(encoding="utf-8"))
        assert set(report.headline(suite, results)) == set(figures), suite
        assert set(report.TARGETS[suite]) <= set(figures), suite


def test_report_shows_each_metric_against_baseline_and_target_with_a_chart(tmp_path) -> None:
    results = tmp_path / "results"
    results.mkdir()
    coaching = json.loads((EVALS / "results" / "coaching.json").read_text(encoding="utf-8"))
    coaching["accuracy"] = 0.80
    (results / "coaching.json").write_text(json.dumps(coaching))
    baseline = tmp_path / "baseline.json"
    report.write_baseline(baseline, {"coaching": {"accuracy": 0.86, "macro_f1": 0.85}})
    text = report.write_report(results, baseline).read_text(encoding="utf-8")
    assert "| accuracy | 0.800 | 0.860 | -0.060 | 0.850 | fail (below target, waived: " in text
    assert "![Headline metrics against the baseline](report.png)" in text
    assert (results / "report.png").read_bytes().startswith(b"\x89PNG")
