"""The admin summary at 50,000 feedback entries: time, peak memory, and a repeated request.

    python -m bench.feedback_summary_scale [--entries 50000]

Phase 1 imports the synthetic entries of `bench.feedback_summary` into a SQLite file, embedding
them with the search embedder (all-MiniLM-L6-v2; COMPANION_THEMES_EMBEDDING_BACKEND=search, so
that 50,000 entries import in minutes rather than the best part of an hour with mpnet). Phase 2
runs in a fresh process, so that its peak memory is the summary's own and not the import's:
- summary_s: the first summary (every embedding stored, nothing cached);
- repeat_ms: the same request again with no new data (served from the summary cache);
- peak_rss_mb: the peak resident memory of that process (models, index and summary together);
- rss_before_mb: the same process before the summary (models and index loaded).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import REPO, machine, save
from bench.feedback_summary import synthetic_entries
from companion.config import Settings
from companion.db import Database
from companion.feedback.repository import ProgrammeRepository
from companion.feedback.service import FeedbackService
from companion.services import Services


def _service(database_path: Path) -> tuple[FeedbackService, Services, Database]:
    services = Services(Settings(themes_embedding_backend="search"))
    database = Database(f"sqlite:///{database_path}")
    database.migrate()
    service = FeedbackService(
        ProgrammeRepository(database), lambda: services.retriever, services.themes_embedder
    )
    return service, services, database


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def import_phase(database_path: Path, entries: int) -> dict:
    service, services, database = _service(database_path)
    content = "\n".join(json.dumps(entry) for entry in synthetic_entries(entries)).encode()
    started = time.perf_counter()
    report = service.import_file("bench.jsonl", content)
    seconds = time.perf_counter() - started
    database.close()
    services.close()
    return {"imported": report.imported, "import_s": round(seconds, 1)}


def summary_phase(database_path: Path) -> dict:
    service, services, database = _service(database_path)
    services.sync_index()  # load the models and the index first: their memory is not the summary's
    before = _peak_rss_mb()
    started = time.perf_counter()
    summary = service.summary()
    first = time.perf_counter() - started
    peak = _peak_rss_mb()
    started = time.perf_counter()
    service.summary()
    repeat_ms = (time.perf_counter() - started) * 1000
    database.close()
    services.close()
    return {
        "entries": summary.total,
        "themes": len(summary.themes),
        "summary_s": round(first, 1),
        "repeat_ms": round(repeat_ms, 1),
        "rss_before_mb": round(before),
        "peak_rss_mb": round(peak),
    }


def main(entries: int = 50_000) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        database_path = Path(scratch) / "bench.db"
        imported = import_phase(database_path, entries)
        print("import", imported, flush=True)
        phase = subprocess.run(
            [sys.executable, "-m", "bench.feedback_summary_scale", "--summary-of", str(database_path)],
            cwd=REPO,
            check=True,
            capture_output=True,
            text=True,
        )
        summarised = json.loads(phase.stdout.strip().splitlines()[-1])
    results = {"machine": machine(), "themes_model": "all-MiniLM-L6-v2 (search)", **imported, **summarised}
    save("feedback_summary_scale", results)
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--summary-of", type=Path, help="(phase 2) summarise this database and print JSON")
    arguments = parser.parse_args()
    if arguments.summary_of:
        print(json.dumps(summary_phase(arguments.summary_of)))
    else:
        print(json.dumps(main(arguments.entries), indent=2))
