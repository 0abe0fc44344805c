"""Theme naming by a real OpenAI-compatible server (llama.cpp with SmolLM2-135M).

With an LLM configured, the LLM names the themes and writes the executive summary; everything
else (clusters, counts, quotes, recommendations, citations) is computed. Its answer is used when
valid, otherwise the keyword labels stay and the summary says `degraded` with the reason. Either
way the schema is the same and the feedback text stays data: an injected instruction in an entry
never reaches the output as an instruction followed.
"""

from __future__ import annotations

import shutil

import pytest

from companion.config import Settings
from companion.services import build_services
from tests.conftest import KNOWLEDGE_DIR, REPO_ROOT

pytestmark = pytest.mark.integration
DATASET = REPO_ROOT / "evals" / "feedback" / "entries.jsonl"


def _services(tmp_path_factory, kb_services, **overrides):
    data_dir = tmp_path_factory.mktemp("feedback-llm") / "data"
    shutil.copytree(kb_services.settings.data_dir, data_dir)
    (data_dir / "companion.db").unlink(missing_ok=True)
    settings = Settings(
        data_dir=data_dir, knowledge_dir=KNOWLEDGE_DIR, provider="openai", openai_model="smollm2", **overrides
    )
    return build_services(settings)


def test_llm_names_themes_or_degrades_with_a_reason(tmp_path_factory, kb_services, llm_server) -> None:
    services = _services(
        tmp_path_factory, kb_services, openai_base_url=llm_server, llm_timeout_seconds=90, llm_max_retries=0
    )
    services.feedback.import_file(DATASET.name, DATASET.read_bytes())
    summary = services.feedback.summary()
    assert summary.themes and sum(theme.count for theme in summary.themes) == summary.total == 150
    text = " ".join([summary.executive_summary, *(theme.label for theme in summary.themes)])
    assert "Rules you always follow" not in text and "<user_data>" not in text
    if summary.degraded:
        assert summary.provider == "offline" and summary.degraded_reason
    else:
        assert summary.provider == "smollm2"
        assert all(3 <= len(theme.label) <= 80 for theme in summary.themes)


def test_llm_server_down_falls_back_to_keyword_labels(tmp_path_factory, kb_services) -> None:
    services = _services(
        tmp_path_factory, kb_services, openai_base_url="http://127.0.0.1:9/v1", llm_timeout_seconds=5
    )
    services.feedback.import_file(DATASET.name, DATASET.read_bytes())
    summary = services.feedback.summary()
    assert summary.degraded and "Connection" in (summary.degraded_reason or "")
    assert summary.provider == "offline" and summary.themes
