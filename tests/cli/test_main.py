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


def test_serve_with_several_workers_refuses_unshared_services() -> None:
    from companion.cli import app as cli

    result = CliRunner().invoke(cli, ["serve", "--workers", "2"])
    assert result.exit_code == 2
    assert "COMPANION_CHROMA_URL" in result.output and "PostgreSQL" in result.output


def test_several_workers_are_allowed_with_a_chroma_server_and_postgresql() -> None:
    from companion.cli.serve import serving_problem
    from companion.config import Settings

    shared = Settings(chroma_url="http://127.0.0.1:8001", database_url="postgresql://u@127.0.0.1/db")
    assert serving_problem(shared, 4) is None
    assert serving_problem(Settings(), 1) is None
    assert "PostgreSQL" in (serving_problem(Settings(chroma_url="http://x"), 2) or "")


def test_a_database_that_is_down_is_one_line_and_exit_1_in_every_group(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`keys` and `feedback` commands once printed a traceback when the database was down."""
    from tests.test_serve import _free_port

    monkeypatch.setenv("COMPANION_DATABASE_URL", f"postgresql+psycopg://nobody@127.0.0.1:{_free_port()}/none")
    for command in (
        ["keys", "list"],
        ["feedback", "session", "--pair", "p1", "--date", "2026-11-02", "--topic", "AI"],
    ):
        result = runner.invoke(app, command)
        assert result.exit_code == 1, (command, result.output)
        assert "error:" in result.output and "Traceback" not in result.output, command


def test_recording_a_session_builds_no_index_and_loads_no_model(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("COMPANION_DATA_DIR", str(data))
    result = runner.invoke(
        app, ["feedback", "session", "--pair", "p1", "--date", "2026-11-02", "--topic", "AI"]
    )
    assert result.exit_code == 0, result.output
    assert "recorded" in result.output
    assert not (data / "chroma").exists(), "only the database should have been opened"
