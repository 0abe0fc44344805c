"""Feedback import and summary times for 1,000 and 10,000 entries (SQLite in a temp directory).

The entries are synthetic: each one joins two or three sentences taken from different entries
of one theme of the labelled eval set, with a random rating, pair and month, so that the texts
are varied and themed like real survey answers. Reported per size:
- import_s: parsing and storing every entry: what the import request waits for;
- read_s: the background job that reads every answer with the themes model (embeddings are
  stored once), in its batches: what an admin waits for before the themes;
- summary_s: the summary right after, with every embedding stored;
- summary_cold_s: the summary after deleting the stored embeddings and clearing the embedder's
  memory, so that it embeds everything again (as after a change of model); 1,000 entries only,
  since it costs what the import's embedding did.
"""

from __future__ import annotations

import json
import random
import re
import tempfile
import time

from sqlalchemy import delete

from bench.common import REPO, save
from companion.config import Settings
from companion.db import Database
from companion.db.models import FeedbackEmbedding
from companion.feedback.repository import ProgrammeRepository
from companion.feedback.service import FeedbackService
from companion.services import build_services

SIZES = (1_000, 10_000)
COLD_SIZES = (1_000,)  # a cold summary costs what the import's embedding did: measured once


def synthetic_entries(count: int, seed: int = 7) -> list[dict]:
    rows = [json.loads(line) for line in (REPO / "evals" / "feedback" / "entries.jsonl").open()]
    sentences: dict[str, list[str]] = {}
    for row in rows:
        parts = [part for part in re.split(r"(?<=[.!?])\s+", row["text"]) if len(part.split()) > 3]
        sentences.setdefault(row["theme"], []).extend(parts)
    generator = random.Random(seed)
    themes = sorted(sentences)
    entries = []
    for number in range(count):
        theme = generator.choice(themes)
        text = " ".join(generator.sample(sentences[theme], k=generator.randint(2, 3)))
        entries.append(
            {
                "id": f"bench-{number}",
                "submitted_at": f"2026-{generator.randint(1, 10):02d}-{generator.randint(1, 28):02d}T12:00Z",
                "role": generator.choice(["mentor", "mentee"]),
                "pair": f"pair-{generator.randint(1, max(2, count // 10))}",
                "rating": generator.randint(1, 5),
                "text": text,
            }
        )
    return entries


def main() -> dict:
    services = build_services(Settings())
    results: dict[str, dict] = {}
    for size in SIZES:
        with tempfile.TemporaryDirectory() as scratch:
            database = Database(f"sqlite:///{scratch}/bench.db")
            database.migrate()
            service = FeedbackService(
                ProgrammeRepository(database), services.retriever, services.themes_embedder
            )
            content = "\n".join(json.dumps(entry) for entry in synthetic_entries(size)).encode()
            started = time.perf_counter()
            report = service.import_file("bench.jsonl", content)
            imported = time.perf_counter() - started
            started = time.perf_counter()
            service.embed_missing(lambda done, total: None)
            read = time.perf_counter() - started
            started = time.perf_counter()
            summary = service.summary()
            warm = time.perf_counter() - started
            cold = None
            if size in COLD_SIZES:  # forget every vector, on disk and in memory, and summarise again
                database.write(lambda session: session.execute(delete(FeedbackEmbedding)))
                services.themes_embedder.cache.clear()
                service._summary_cache = None  # the summary kept for this data would answer at once
                started = time.perf_counter()
                service.summary()
                cold = round(time.perf_counter() - started, 1)
            database.close()
        results[str(size)] = {
            "imported": report.imported,
            "themes": len(summary.themes),
            "import_s": round(imported, 1),
            "read_s": round(read, 1),
            "summary_s": round(warm, 1),
            "summary_cold_s": cold,
            "themes_model": services.themes_embedder.model_id,
        }
        print(size, results[str(size)], flush=True)
    save("feedback_summary", {"sizes": results})
    return results


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
