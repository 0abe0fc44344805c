"""`companion people` and `companion pairs`: a roster, a pair, keys for people, stalled pairs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from typer.testing import CliRunner

from companion.cli.main import app
from companion.pairs.store import today

runner = CliRunner()


@pytest.fixture
def data(tmp_path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def run(*arguments: str):
    return runner.invoke(app, list(arguments))


def test_a_roster_a_pair_and_a_key_for_a_person(data) -> None:
    roster = data / "roster.csv"
    roster.write_text(
        "name,email,role\nSam Okafor,sam@example.org,mentor\nDana Reid,dana@example.org,mentee\n"
    )
    assert "added 2 people" in run("people", "import", str(roster)).output
    started = (today() - timedelta(days=50)).isoformat()
    result = run(
        "pairs", "add", "--mentor", "sam@example.org", "--mentee", "dana@example.org", "--started", started
    )
    assert result.exit_code == 0 and "created pair 1" in result.output, result.output
    assert "Sam" in run("pairs", "list").output  # the table wraps names in a narrow terminal
    key = run("keys", "create", "--role", "mentee", "--person", "dana@example.org")
    assert key.exit_code == 0, key.output
    wrong = run("keys", "create", "--role", "mentor", "--person", "dana@example.org")
    assert wrong.exit_code == 1 and "is a mentee, not a mentor" in wrong.output

    stalled = run("pairs", "stalled")
    assert stalled.exit_code == 0
    assert "Sam Okafor & Dana Reid" in stalled.output and "50 days" in stalled.output
    assert "Day 45" in stalled.output and "re-engaging-stalled-pairs#" in stalled.output
    assert not (data / "data" / "chroma").exists(), "no index is built to list stalled pairs"


def test_a_bad_roster_adds_nobody_and_says_which_lines(data) -> None:
    roster = data / "roster.csv"
    roster.write_text("name,email,role\nSam,sam@example.org,mentor\nDana,nope,mentee\n")
    result = run("people", "import", str(roster))
    assert result.exit_code == 1 and "line 3, email" in result.output
    assert "sam@example.org" not in run("people", "list").output


def test_pairing_someone_unknown_is_refused(data) -> None:
    result = run("pairs", "add", "--mentor", "x@example.org", "--mentee", "y@example.org")
    assert result.exit_code == 1 and "nobody has the e-mail" in result.output
