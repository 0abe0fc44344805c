"""`companion index`, `companion search` and `companion kb stats`, as the README shows them."""

import json

import pytest
from typer.testing import CliRunner

from companion.cli import app

runner = CliRunner()


@pytest.fixture
def indexed_env(monkeypatch: pytest.MonkeyPatch, settings) -> None:
    monkeypatch.setenv("COMPANION_DATA_DIR", str(settings.data_dir))


def test_index_reports_the_four_counts(indexed_env) -> None:
    result = runner.invoke(app, ["index"])
    assert result.exit_code == 0, result.output
    assert "added 0, updated 0, removed 0, unchanged" in result.output


def test_search_json(indexed_env) -> None:
    result = runner.invoke(app, ["search", "our sessions keep getting cancelled", "--k", "3", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert len(payload["results"]) == 3
    assert {"id", "title", "source", "heading", "text", "score"} <= set(payload["results"][0])


def test_search_filters_and_people_output(indexed_env) -> None:
    result = runner.invoke(app, ["search", "phishing", "--kind", "starters", "--topic", "cybersecurity"])
    assert result.exit_code == 0, result.output
    assert "knowledge/starters/starters-cybersecurity.md" in result.output


def test_search_rejects_an_unknown_method(indexed_env) -> None:
    result = runner.invoke(app, ["search", "x", "--method", "magic"])
    assert result.exit_code != 0
    assert "hybrid, dense or bm25" in result.output


def test_kb_stats_json() -> None:
    result = runner.invoke(app, ["kb", "stats", "--json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    assert stats["articles"] >= 45 and stats["starters"] >= 150 and stats["prompts"] >= 60
