"""Full and incremental index times for the knowledge base, in a temporary data directory."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from bench.common import REPO, save
from companion.config import Settings
from companion.services import build_services


def timed(settings: Settings, rebuild: bool = False) -> tuple[float, dict]:
    started = time.perf_counter()
    services = build_services(settings, rebuild=rebuild)
    elapsed = time.perf_counter() - started
    return elapsed, services.index_report.__dict__


def main() -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        knowledge = Path(scratch) / "knowledge"
        shutil.copytree(REPO / "knowledge", knowledge)
        settings = Settings(data_dir=Path(scratch) / "data", knowledge_dir=knowledge)
        full, full_report = timed(settings)
        unchanged, unchanged_report = timed(settings)
        article = knowledge / "playbooks" / "playbook-time.md"
        article.write_text(article.read_text() + "\n## Benchmark note\n\nOne more paragraph.\n")
        one_changed, one_report = timed(settings)
        results = {
            "chunks": sum(full_report.values()),
            "full_index_s": round(full, 1),
            "full": full_report,
            "start_up_unchanged_s": round(unchanged, 2),
            "unchanged": unchanged_report,
            "one_article_edited_s": round(one_changed, 2),
            "one_article_edited": one_report,
        }
    save("index_time", results)
    return results


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
