"""All configuration in one place: `COMPANION_` environment variables or a `.env` file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SOURCE_ROOT = Path(__file__).resolve().parents[2]


def _default_knowledge_dir() -> Path:
    return SOURCE_ROOT / "knowledge"


class Settings(BaseSettings):
    """The effective settings. Each field is `COMPANION_<NAME>` in the environment."""

    model_config = SettingsConfigDict(
        env_prefix="COMPANION_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
    )

    data_dir: Path = Field(
        default=Path(".companion"),
        description="Folder for the Chroma index and the SQLite database.",
    )
    knowledge_dir: Path = Field(
        default_factory=_default_knowledge_dir,
        description="The knowledge base (Markdown articles) that every answer cites.",
    )
    local_knowledge_dir: Path | None = Field(
        default=None,
        description="The organisation's own articles, in the knowledge base's format: indexed beside "
        "it, marked local in citations and preferred where both speak to the same point.",
    )
    programme_file: Path | None = Field(
        default=None,
        description="The organisation's programme settings (YAML: contacts, rhythm, approved AI tools); "
        "see examples/organisation/programme.yaml. Empty: programme.yaml in the data directory, which "
        "an admin can write in the browser; until it exists, answers say the contacts are not set yet.",
    )
    stalled_days: int | None = Field(
        default=None,
        ge=7,
        le=365,
        description="Days without a session after which a pair is listed as stalled; empty: the "
        "knowledge base's monitoring rule (45 days).",
    )
    provider: Literal["offline", "openai"] = Field(
        default="offline",
        description="Who writes guidance: the deterministic offline composer, or an OpenAI-compatible LLM.",
    )
    openai_base_url: str | None = Field(
        default=None,
        description="Base URL of an OpenAI-compatible server (Ollama, vLLM, llama.cpp); empty for OpenAI.",
    )
    openai_model: str = Field(default="gpt-4o-mini", description="Chat model name for the openai provider.")
    openai_api_key: SecretStr | None = Field(
        default=None, description="API key for the OpenAI-compatible server (never printed)."
    )
    llm_timeout_seconds: float = Field(
        default=30.0, gt=0, description="Timeout of one LLM call before falling back to the offline composer."
    )
    llm_max_tokens: int = Field(
        default=1024, ge=64, le=16384, description="Most tokens one LLM answer may have."
    )
    llm_max_retries: int = Field(
        default=2, ge=0, le=10, description="Retries of an empty or invalid LLM answer."
    )
    grounding_threshold: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="LLM answers: the least similarity to a cited passage that counts as support "
        "(the grounding check; bench/grounding_threshold.py chose the default).",
    )
    embedding_backend: Literal["minilm-onnx", "minilm-torch", "openai"] = Field(
        default="minilm-onnx",
        description="Embedding model: all-MiniLM-L6-v2 int8 ONNX (default, offline), the same model on "
        "PyTorch (extra 'torch'), or OpenAI embeddings.",
    )
    embedding_threads: int = Field(
        default=0,
        ge=0,
        le=256,
        description="Threads each worker's embedding model may use for one text batch; 0 means one per "
        "core. Under many concurrent requests, 1 serves more of them (README, Benchmarks).",
    )
    themes_embedding_backend: Literal["mpnet-onnx", "search"] = Field(
        default="mpnet-onnx",
        description="Embedding model for feedback themes: all-mpnet-base-v2 ONNX (default, offline; built "
        "by `make`), or the search embedding model above (faster, themes less clean).",
    )
    themes_model_precision: Literal["int8", "fp32"] = Field(
        default="int8",
        description="Precision of all-mpnet-base-v2 when it reads feedback for themes: int8 (about twice as "
        "fast; built and checked against fp32 by `make`, used only when every check text's cosine to fp32 "
        "is 0.98 or more) or fp32. The coaching classifier always uses fp32.",
    )
    models_dir: Path = Field(
        default=Path("~/.cache/companion/models"),
        description="Folder of models built at set-up (all-mpnet-base-v2 for feedback themes).",
    )
    openai_embedding_model: str = Field(
        default="text-embedding-3-small", description="Embedding model name when embedding_backend is openai."
    )
    chroma_url: str | None = Field(
        default=None,
        description="URL of a Chroma server (`chroma run`); empty for the embedded index in the data dir.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy database URL; empty for a SQLite file in the data directory.",
    )
    host: str = Field(default="127.0.0.1", description="Address `companion serve` listens on.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `companion serve` listens on.")
    worker_healthcheck_seconds: int = Field(
        default=60,
        ge=5,
        le=3600,
        description="With `--workers` above 1: how long uvicorn waits for a busy worker to answer its "
        "liveness check before killing and restarting it (uvicorn's own 5 s killed workers mid-request "
        "while others embedded text on two cores).",
    )
    max_body_bytes: int = Field(
        default=5_000_000, gt=0, description="Largest request body or upload accepted, in bytes."
    )
    max_import_rows: int = Field(default=50_000, ge=1, description="Most rows one feedback import may have.")
    theme_resolution: float = Field(
        default=1.0,
        ge=0.3,
        le=3.0,
        description="Granularity of feedback themes: above 1 gives more, narrower themes; below 1 fewer, "
        "broader ones (Louvain's resolution).",
    )
    warm_up_coaching: bool = Field(
        default=True,
        description="Prepare the coaching classifier in the background at start-up, after the index.",
    )
    background_jobs: bool = Field(
        default=True,
        description="Run a job worker in the server (reading imported feedback for its themes). Off: "
        "run `companion worker` beside it, as several servers sharing PostgreSQL may.",
    )
    rate_limit_per_minute: int = Field(
        default=120, ge=1, description="Requests per minute allowed for one API key."
    )
    session_secret: SecretStr | None = Field(
        default=None,
        min_length=32,
        description="Key that signs the web UI's session cookies (32 characters or more); empty for a "
        "random one kept in `<data_dir>/session.key`.",
    )
    log_level: Literal["debug", "info", "warning", "error"] = Field(
        default="info", description="Logging level."
    )

    @field_validator("models_dir")
    @classmethod
    def _expand_home(cls, folder: Path) -> Path:
        """'~/...' means the home folder, wherever the process runs."""
        return folder.expanduser()

    @property
    def chroma_path(self) -> Path:
        """Where the embedded Chroma index lives."""
        return self.data_dir / "chroma"

    @property
    def effective_programme_file(self) -> Path:
        """Where the programme settings live: the configured file, or programme.yaml in the data
        directory (which may not exist yet)."""
        return (self.programme_file or self.data_dir / "programme.yaml").expanduser()

    @property
    def effective_database_url(self) -> str:
        """The database URL in force: the configured one, or SQLite in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'companion.db').resolve()}"

    def shown(self) -> dict[str, Any]:
        """The effective settings with every secret masked, for `companion config`."""
        shown: dict[str, Any] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, SecretStr):
                value = "********"
            elif name == "database_url":
                value = mask_url_password(self.effective_database_url)
            elif isinstance(value, Path):
                value = str(value)
            shown[name] = value
        return shown


def mask_url_password(url: str) -> str:
    """postgresql://user:secret@host/db -> postgresql://user:********@host/db."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    credentials, _, location = rest.rpartition("@")
    user, colon, _ = credentials.partition(":")
    return f"{scheme}://{user}{':********' if colon else ''}@{location}"


def settings_table() -> str:
    """The README's configuration table, generated from `Settings`."""
    rows = ["| Variable | Default | What it sets |", "| --- | --- | --- |"]
    for name, field in Settings.model_fields.items():
        if field.default_factory is not None:
            default = "`knowledge/` of the source tree"
        elif field.default is None:
            default = "(empty)"
        else:
            default = f"`{field.default}`"
        rows.append(f"| `COMPANION_{name.upper()}` | {default} | {field.description} |")
    return "\n".join(rows)


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
