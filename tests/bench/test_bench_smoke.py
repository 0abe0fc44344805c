"""`make bench` runs: each benchmark, on small sizes, writes its figures (no speed asserted)."""

import json

import pytest

from bench import common, query_latency


def test_query_latency_benchmark_runs_on_a_small_corpus(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(common, "RESULTS", tmp_path)
    monkeypatch.setattr(query_latency, "QUERIES", 5)
    results = query_latency.main(sizes=(300,))
    assert set(results["sizes"]["300"]["hybrid"]) == {"p50_ms", "p95_ms", "mean_ms"}
    saved = json.loads((tmp_path / "query_latency.json").read_text())
    assert "cores" in saved["machine"]
