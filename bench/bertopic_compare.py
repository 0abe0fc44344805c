"""BERTopic's default pipeline on the same vectors as the product's themes, for comparison.

    python -m bench.bertopic_compare export       # in the project's environment: vectors and labels
    BERTOPIC_PYTHON -m bench.bertopic_compare run  # in an environment with bertopic installed

BERTopic needs PyTorch (through sentence-transformers), which the product does not install, so
the comparison runs in two steps. `export` embeds every labelled set of `evals/feedback/` with the
product's themes model (all-mpnet-base-v2) and writes the vectors, labels and texts to
`.cache/bertopic/`. `run` fits BERTopic with those precomputed vectors and its defaults (UMAP with
15 neighbours to 5 dimensions, HDBSCAN) at min_topic_size 10, 5 and 3, with five seeds each, and
scores its topics against the labels with the adjusted Rand index (outliers, topic -1, count as one
group, as the product's "Other" does). The product's own ARI comes from `companion eval --suite
feedback` (and, for the blind set, its one scoring; see evals/feedback/blind/README.md). Results in
`bench/results/bertopic.json`.

A throw-away environment for `run`: `python -m venv .cache/bertopic-venv &&
.cache/bertopic-venv/bin/pip install torch==2.13.0 bertopic`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / ".cache" / "bertopic"
SETS = ("entries", "holdout", "holdout2", "holdout3", "blind/entries", "blind-2/entries")
SIZES = (10, 5, 3)
SEEDS = (0, 1, 2, 3, 4)


def export() -> None:
    from companion.config import get_settings
    from companion.evaluation.feedback import load_entries
    from companion.services import build_services

    services = build_services(get_settings())
    try:
        embedder = services.feedback.embedder
        FOLDER.mkdir(parents=True, exist_ok=True)
        for name in SETS:
            entries = load_entries(ROOT / "evals" / "feedback" / f"{name}.jsonl")
            stem = name.replace("/", "_")
            np.save(FOLDER / f"{stem}.npy", embedder.embed([entry["text"] for entry in entries]))
            (FOLDER / f"{stem}.labels.json").write_text(json.dumps([entry["theme"] for entry in entries]))
            (FOLDER / f"{stem}.texts.json").write_text(json.dumps([entry["text"] for entry in entries]))
        print(f"vectors by {embedder.model_id} in {FOLDER}")
    finally:
        services.close()


def run() -> None:
    from bertopic import BERTopic  # type: ignore[import-not-found]
    from hdbscan import HDBSCAN  # type: ignore[import-not-found]
    from sklearn.metrics import adjusted_rand_score
    from umap import UMAP  # type: ignore[import-not-found]

    results: dict[str, Any] = {}
    for name in SETS:
        stem = name.replace("/", "_")
        vectors = np.load(FOLDER / f"{stem}.npy")
        labels = json.loads((FOLDER / f"{stem}.labels.json").read_text())
        texts = json.loads((FOLDER / f"{stem}.texts.json").read_text())
        by_size: dict[str, Any] = {}
        for size in SIZES:
            scores, topics_found = [], []
            for seed in SEEDS:
                # BERTopic's defaults, with the seed fixed so that a run can be repeated.
                umap = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=seed)
                hdbscan = HDBSCAN(min_cluster_size=size, metric="euclidean", cluster_selection_method="eom")
                model = BERTopic(umap_model=umap, hdbscan_model=hdbscan, min_topic_size=size)
                topics, _ = model.fit_transform(texts, embeddings=vectors)
                scores.append(float(adjusted_rand_score(labels, topics)))
                topics_found.append(len({topic for topic in topics if topic != -1}))
            by_size[str(size)] = {
                "ari_mean": round(float(np.mean(scores)), 3),
                "ari_max": round(max(scores), 3),
                "topics": topics_found,
            }
        results[name] = {"entries": len(texts), "labels": len(set(labels)), "min_topic_size": by_size}
        best = max(value["ari_max"] for value in by_size.values())
        print(f"{name}: best ARI {best}", flush=True)
    out = ROOT / "bench" / "results" / "bertopic.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written {out}")


if __name__ == "__main__":
    {"export": export, "run": run}[sys.argv[1]]()
