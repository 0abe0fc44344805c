from pathlib import Path

import pytest
from pydantic import ValidationError

from companion.config import Settings, mask_url_password


def test_defaults_are_offline_and_local(tmp_path: Path) -> None:
    settings = Settings()
    assert settings.provider == "offline"
    assert settings.embedding_backend == "minilm-onnx"
    assert settings.chroma_url is None
    assert settings.effective_database_url.startswith("sqlite:///")
    assert settings.effective_database_url.endswith(".companion/companion.db")


def test_environment_and_dotenv_are_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("COMPANION_PORT=9123\nCOMPANION_PROVIDER=openai\n")
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "elsewhere"))
    settings = Settings()
    assert settings.port == 9123
    assert settings.provider == "openai"
    assert settings.data_dir == tmp_path / "elsewhere"


def test_invalid_values_are_refused_with_the_field_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPANION_PROVIDER", "magic")
    with pytest.raises(ValidationError, match="provider"):
        Settings()


def test_secrets_are_masked_when_shown() -> None:
    settings = Settings(
        openai_api_key="sk-very-secret",
        database_url="postgresql+psycopg://companion:hunter2@127.0.0.1:5432/companion",
    )
    shown = settings.shown()
    assert shown["openai_api_key"] == "********"
    assert "hunter2" not in str(shown)
    assert "sk-very-secret" not in str(shown)
    assert shown["database_url"] == "postgresql+psycopg://companion:********@127.0.0.1:5432/companion"


def test_mask_url_password_leaves_urls_without_password_alone() -> None:
    assert mask_url_password("sqlite:///tmp/x.db") == "sqlite:///tmp/x.db"
    assert mask_url_password("postgresql://bob@host/db") == "postgresql://bob@host/db"
