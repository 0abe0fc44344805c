"""The feedback suite: import the labelled survey answers into a fresh database, summarise them,
and compare the themes found with the labels (adjusted Rand index, normalised mutual information).
Also checks the privacy rules on the same run: no quote shows an e-mail address, phone number or
link, no theme has fewer than three entries, and every entry is in exactly one theme."""

from __future__ import annotations

import json
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from companion.db import Database
from companion.feedback.redaction import EMAIL, URL, redact
from companion.feedback.repository import ProgrammeRepository
from companion.feedback.service import FeedbackService
from companion.rag.embeddings import Embedder
from companion.rag.retriever import HybridRetriever

TARGETS = {"ari": 0.5}
# evals/feedback/: the development set, then the held-out sets in the order they were written.
DATASETS = ("entries", "holdout", "holdout2", "holdout3")


def load_entries(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_feedback_suite(
    retriever: HybridRetriever, embedder: Embedder, dataset: Path, database_url: str | None = None
) -> dict[str, Any]:
    entries = load_entries(dataset)
    labels = {entry["external_id"]: entry["theme"] for entry in entries}
    with tempfile.TemporaryDirectory() as folder:
        database = Database(database_url or f"sqlite:///{folder}/eval.db")
        try:
            database.migrate()
            # The sets are dated in their own year: "today" is the day of their last entry, so that
            # the import's date window and the summary's trends are those of that programme.
            last = max(date.fromisoformat(entry["submitted_at"][:10]) for entry in entries)
            service = FeedbackService(ProgrammeRepository(database), retriever, embedder, today=lambda: last)
            started = time.perf_counter()
            report = service.import_file(dataset.name, dataset.read_bytes())
            summary = service.summary()
            seconds = time.perf_counter() - started
        finally:
            database.close()
    found: dict[str, str] = {}
    for theme in summary.themes:
        for feedback_id in theme.feedback_ids:
            found[feedback_id] = theme.label
    ids = sorted(labels)
    truth = [labels[feedback_id] for feedback_id in ids]
    predicted = [found.get(feedback_id, "(missing)") for feedback_id in ids]
    quotes = [quote for theme in summary.themes for quote in theme.quotes]
    leaks = [quote for quote in quotes if redact(quote) != quote or EMAIL.search(quote) or URL.search(quote)]
    return {
        "entries": len(entries),
        "imported": report.imported,
        "rejected": len(report.rejected),
        "labels": len(set(truth)),
        "themes_found": len(summary.themes),
        "ari": round(float(adjusted_rand_score(truth, predicted)), 3),
        "nmi": round(float(normalized_mutual_info_score(truth, predicted)), 3),
        "entries_missing_from_themes": sum(label == "(missing)" for label in predicted),
        "smallest_theme": min((theme.count for theme in summary.themes), default=0),
        "quotes": len(quotes),
        "quotes_with_personal_data": len(leaks),
        "seconds": round(seconds, 2),
        "database": database_url.split(":", 1)[0] if database_url else "sqlite",
        "themes": [
            {"label": theme.label, "count": theme.count, "sentiment": theme.sentiment.label}
            for theme in summary.themes
        ],
    }
