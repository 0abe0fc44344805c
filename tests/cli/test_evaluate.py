import json

import pytest
from typer.testing import CliRunner

from companion.cli import app
from companion.cli import evaluate as eval_cli
from companion.evaluation import report


def test_eval_retrieval_writes_results_and_exit_code_follows_the_target(
    monkeypatch: pytest.MonkeyPatch, settings, tmp_path
) -> None:
    evals = tmp_path / "evals"
    (evals / "retrieval").mkdir(parents=True)
    (evals / "retrieval" / "queries.jsonl").write_text(
        (eval_cli.EVALS_DIR / "retrieval" / "queries.jsonl").read_text()
    )
    monkeypatch.setattr(eval_cli, "EVALS_DIR", evals)
    monkeypatch.setenv("COMPANION_DATA_DIR", str(settings.data_dir))
    result = CliRunner().invoke(app, ["eval", "--suite", "retrieval"])
    written = json.loads((evals / "results" / "retrieval.json").read_text())
    assert set(written["methods"]) == {"dense", "bm25", "hybrid"}
    meets_target = written["methods"]["hybrid"]["ndcg@10"] >= 0.80
    waived = ("retrieval", "ndcg@10") in report.WAIVERS  # a known miss, said in the report
    assert result.exit_code == (0 if meets_target or waived else 1), result.output
    if not meets_target:
        assert "waived" in (evals / "results" / "report.md").read_text()


def test_eval_rejects_an_unknown_suite() -> None:
    result = CliRunner().invoke(app, ["eval", "--suite", "vibes"])
    assert result.exit_code != 0
    assert "unknown suite" in result.output


def test_eval_gate_follows_the_baseline_and_update_baseline_resets_it(
    monkeypatch: pytest.MonkeyPatch, settings, tmp_path
) -> None:
    evals = tmp_path / "evals"
    (evals / "coaching").mkdir(parents=True)
    (evals / "coaching" / "situations.jsonl").write_text(
        (eval_cli.EVALS_DIR / "coaching" / "situations.jsonl").read_text()
    )
    (evals / "baseline.json").write_text(json.dumps({"coaching": {"accuracy": 0.99, "macro_f1": 0.99}}))
    monkeypatch.setattr(eval_cli, "EVALS_DIR", evals)
    monkeypatch.setenv("COMPANION_DATA_DIR", str(settings.data_dir))
    result = CliRunner().invoke(app, ["eval", "--suite", "coaching"])
    assert result.exit_code == 1 and "fell below the baseline" in result.output
    assert "| fail |" in (evals / "results" / "report.md").read_text()
    result = CliRunner().invoke(app, ["eval", "--suite", "coaching", "--update-baseline"])
    written = json.loads((evals / "results" / "coaching.json").read_text())
    baseline = json.loads((evals / "baseline.json").read_text())
    assert baseline["coaching"]["accuracy"] == written["accuracy"]
    meets_target = written["accuracy"] >= 0.85 or ("coaching", "accuracy") in report.WAIVERS
    assert result.exit_code == (0 if meets_target else 1), result.output
