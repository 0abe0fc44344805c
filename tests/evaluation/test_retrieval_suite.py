"""The retrieval eval, recomputed on the committed dataset with the real index.

Gate: hybrid beats both single methods, and no headline metric falls more than TOLERANCE
below the committed baseline (evals/retrieval/baseline.json).
"""

import json

from companion.evaluation.retrieval import load_queries, run_retrieval_suite, split_halves
from tests.conftest import KNOWLEDGE_DIR, REPO_ROOT

TOLERANCE = 0.02
QUERIES = REPO_ROOT / "evals" / "retrieval" / "queries.jsonl"
BASELINE = json.loads((REPO_ROOT / "evals" / "retrieval" / "baseline.json").read_text())


def test_dataset_is_large_and_points_at_real_articles() -> None:
    queries = load_queries(QUERIES)
    assert len(queries) >= 80
    ids = {path.stem for path in KNOWLEDGE_DIR.rglob("*.md") if path.name != "README.md"}
    assert all(query.relevant and set(query.relevant) <= ids for query in queries)
    assert len({query.text for query in queries}) == len(queries)


def test_halves_are_fixed_disjoint_and_even() -> None:
    queries = load_queries(QUERIES)
    tuning, held_out = split_halves(queries)
    assert abs(len(tuning) - len(held_out)) <= 1
    assert {q.id for q in tuning} | {q.id for q in held_out} == {q.id for q in queries}
    assert not {q.id for q in tuning} & {q.id for q in held_out}
    assert split_halves(list(reversed(queries))) == (tuning, held_out)


def test_hybrid_beats_each_method_and_holds_the_baseline(kb_services) -> None:
    report = run_retrieval_suite(kb_services.retriever, load_queries(QUERIES))
    assert set(report["halves"]["hybrid"]) == {"tuning", "held_out"}
    results = report["methods"]
    for metric in ("recall@5", "mrr@10", "ndcg@10"):
        assert results["hybrid"][metric] > results["dense"][metric], metric
        assert results["hybrid"][metric] > results["bm25"][metric], metric
        for method in ("dense", "bm25", "hybrid"):
            floor = BASELINE["methods"][method][metric] - TOLERANCE
            assert results[method][metric] >= floor, f"{method} {metric} fell below the baseline"
