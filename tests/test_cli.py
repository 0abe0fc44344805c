import json

import pytest
from typer.testing import CliRunner

from companion import __version__
from companion.cli import app

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_config_masks_the_api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPANION_OPENAI_API_KEY", "sk-should-not-show")
    result = runner.invoke(app, ["config", "--json"])
    assert result.exit_code == 0
    shown = json.loads(result.output)
    assert shown["openai_api_key"] == "********"
    assert "sk-should-not-show" not in result.output


def test_config_table_for_people_lists_every_variable() -> None:
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 0
    assert "COMPANION_PROVIDER" in result.output
    assert "COMPANION_DATA_DIR" in result.output
