"""The retrieval suite: labelled queries, three methods, recall@5, MRR@10 and nDCG@10.

Relevance is judged per article. The retriever's best passages are folded into a ranking of
articles (`rank_articles`: an article scores its best three passages, each weighted half the one
before), the same folding the guidance service uses to pick the articles it draws on.

Parameters are tuned on one fixed half of the queries and confirmed on the other
(`split_halves`); each run reports nDCG@10 on both halves.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from statistics import mean
from typing import Any

from companion.evaluation.metrics import mrr_at_k, ndcg_at_k, recall_at_k
from companion.rag.retriever import HybridRetriever, Method, rank_articles

METHODS: tuple[Method, ...] = ("dense", "bm25", "hybrid")
CHUNKS_PER_QUERY = 100  # passages fetched per query, before folding them into articles
TARGETS = {"hybrid": {"ndcg@10": 0.80}}


@dataclass(frozen=True)
class Query:
    id: str
    text: str
    relevant: tuple[str, ...]


def load_queries(path: Path) -> list[Query]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Query(row["id"], row["query"], tuple(row["relevant"])) for row in rows]


def ranked_article_ids(retriever: HybridRetriever, query: str, method: Method) -> list[str]:
    hits = retriever.search(query, k=CHUNKS_PER_QUERY, method=method, candidates=CHUNKS_PER_QUERY)
    return [article_id for article_id, _ in rank_articles(hits)][:10]


def split_halves(queries: list[Query]) -> tuple[list[Query], list[Query]]:
    """Two fixed halves, (tuning, held out): the queries ordered by the SHA-256 of their id, cut
    in the middle. Tune on the first; keep a change only if it also helps on the second."""
    ordered = sorted(queries, key=lambda query: hashlib.sha256(query.id.encode("utf-8")).hexdigest())
    middle = len(ordered) // 2
    return ordered[:middle], ordered[middle:]


def run_retrieval_suite(retriever: HybridRetriever, queries: list[Query]) -> dict[str, Any]:
    """Per-method averages (and nDCG@10 on each half), per-query rankings, and the time taken."""
    results: dict[str, Any] = {"queries": len(queries), "methods": {}, "halves": {}, "runs": {}}
    halves = dict(zip(("tuning", "held_out"), split_halves(queries), strict=True))
    for method in METHODS:
        started = time.perf_counter()
        per_query = {query.id: ranked_article_ids(retriever, query.text, method) for query in queries}
        elapsed = time.perf_counter() - started
        scores = {
            q.id: (
                recall_at_k(per_query[q.id], set(q.relevant), 5),
                mrr_at_k(per_query[q.id], set(q.relevant), 10),
                ndcg_at_k(per_query[q.id], set(q.relevant), 10),
            )
            for q in queries
        }
        results["methods"][method] = {
            "recall@5": round(mean(score[0] for score in scores.values()), 4),
            "mrr@10": round(mean(score[1] for score in scores.values()), 4),
            "ndcg@10": round(mean(score[2] for score in scores.values()), 4),
            "ms_per_query": round(elapsed * 1000 / max(len(queries), 1), 1),
        }
        results["halves"][method] = {
            name: round(mean(scores[q.id][2] for q in half), 4) if half else 0.0
            for name, half in halves.items()
        }
        results["runs"][method] = per_query
    return results
