"""`companion eval --provider openai` against the real llama.cpp server (SmolLM2-135M), on one
case of each kind of the blind sets: both providers answer, the side-by-side figures are written,
and every model-written answer went through the grounding check."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from companion.cli import app
from companion.cli import evaluate as eval_cli

pytestmark = pytest.mark.integration


def test_eval_provider_openai_runs_both_providers_side_by_side(
    monkeypatch: pytest.MonkeyPatch, settings, tmp_path, llm_server: str
) -> None:
    evals = tmp_path / "evals"
    for folder in ("guidance/blind", "coaching/blind"):
        shutil.copytree(eval_cli.EVALS_DIR / folder, evals / folder)
    monkeypatch.setattr(eval_cli, "EVALS_DIR", evals)
    for name, value in {
        "DATA_DIR": str(settings.data_dir),
        "OPENAI_BASE_URL": llm_server,
        "OPENAI_MODEL": "smollm2",
        "LLM_TIMEOUT_SECONDS": "90",
        "LLM_MAX_RETRIES": "0",
    }.items():
        monkeypatch.setenv(f"COMPANION_{name}", value)
    result = CliRunner().invoke(app, ["eval", "--provider", "openai", "--limit", "1"])
    assert result.exit_code == 0, result.output
    written = json.loads((evals / "results" / "llm-path.json").read_text())
    assert written["model"] == "smollm2" and written["limit"] == 1
    assert set(written["by_kind"]) == {"agenda", "starters", "reflections", "coaching"}
    for kind, figures in written["by_kind"].items():
        assert figures["offline"]["cases"] == figures["llm"]["cases"] == 1, kind
        assert figures["offline"]["by_model"] == 0.0
    llm_cases = [case for case in written["cases"] if case["provider"] == "llm"]
    # a 135M model's answer may be served or rejected (and replaced, said so), never silently lost
    assert any(case["asked_model"] for case in llm_cases)
    for case in llm_cases:
        assert case["lines"] >= 1 and 0 <= case["supported"] <= case["lines"]
        assert case["degraded"] == bool(case["degraded_reason"])
        assert case["by_model"] or case["degraded"] or not case["asked_model"]
    table = (evals / "results" / "llm-path.md").read_text()
    assert "| all | llm |" in table and "| all | offline |" in table


def test_eval_rejects_an_unknown_provider() -> None:
    result = CliRunner().invoke(app, ["eval", "--provider", "claude-local"])
    assert result.exit_code != 0 and "unknown provider" in result.output
