"""The figures behind the guidance suite's two similarity thresholds, recomputed on every run so
that the README's justification can be checked and any drift shows in evals/results/guidance.json.

- Topical relevance: the similarity of each request's topic to its own answer ("matched") against
  its similarity to every other answer of the same kind ("mismatched", the answers shuffled). A
  threshold between the two is judged by the share of matched pairs above it (true positives) and
  of mismatched pairs above it (false positives); Youden's J = TPR - FPR is best where the two
  distributions separate most.
- Starter diversity: how similar two different starters of one knowledge-base collection can be
  (distinct questions on one topic), against hand-written paraphrase pairs (the same question
  twice, evals/guidance/paraphrases.jsonl).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from companion.rag.chunking import Chunk
from companion.rag.embeddings import Embedder


def _rates(matched: np.ndarray, mismatched: np.ndarray, threshold: float) -> tuple[float, float]:
    return float((matched >= threshold).mean()), float((mismatched >= threshold).mean())


def relevance_calibration(similarity: np.ndarray, threshold: float) -> dict[str, Any]:
    """`similarity[i, j]`: request i's topic against answer j. The diagonal is the matched pairs."""
    count = len(similarity)
    matched = np.diag(similarity)
    mismatched = similarity[~np.eye(count, dtype=bool)]
    best_j, best_t = -1.0, 0.0
    for candidate in np.unique(np.concatenate([matched, mismatched])):
        tpr, fpr = _rates(matched, mismatched, float(candidate))
        if tpr - fpr > best_j:
            best_j, best_t = tpr - fpr, float(candidate)
    tpr, fpr = _rates(matched, mismatched, threshold)
    return {
        "matched": _quantiles(matched),
        "mismatched": _quantiles(mismatched),
        "threshold": threshold,
        "tpr_at_threshold": round(tpr, 3),
        "fpr_at_threshold": round(fpr, 3),
        "youden_threshold": round(best_t, 3),
        "youden_j": round(best_j, 3),
    }


def diversity_calibration(
    starters: list[Chunk], paraphrases: list[tuple[str, str]], embedder: Embedder
) -> dict[str, Any]:
    """Distinct starters of one collection against paraphrase pairs."""
    vectors = embedder.embed([chunk.text for chunk in starters])
    collections = np.array([chunk.article_id for chunk in starters])
    same = np.triu(collections[:, None] == collections[None, :], k=1)
    distinct = (vectors @ vectors.T)[same]
    pairs = embedder.embed([text for pair in paraphrases for text in pair])
    paraphrase = np.sum(pairs[0::2] * pairs[1::2], axis=1)
    return {
        "distinct_starters_in_one_collection": _quantiles(distinct) | {"pairs": int(distinct.size)},
        "paraphrase_pairs": _quantiles(paraphrase) | {"pairs": int(paraphrase.size)},
    }


def _quantiles(values: np.ndarray) -> dict[str, float]:
    if not values.size:
        return {}
    return {
        "min": round(float(values.min()), 3),
        "p10": round(float(np.percentile(values, 10)), 3),
        "median": round(float(np.median(values)), 3),
        "p90": round(float(np.percentile(values, 90)), 3),
        "max": round(float(values.max()), 3),
    }
