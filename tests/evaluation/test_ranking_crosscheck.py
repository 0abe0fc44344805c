"""Our ranking metrics against trec_eval's (pytrec_eval) on one real retrieval run."""

from statistics import mean

import pytest

from companion.evaluation.metrics import mrr_at_k, ndcg_at_k, recall_at_k
from companion.evaluation.retrieval import load_queries, ranked_article_ids
from tests.conftest import REPO_ROOT

pytrec_eval = pytest.importorskip("pytrec_eval")

MEASURES = {"recall@5": "recall_5", "mrr@10": "recip_rank", "ndcg@10": "ndcg_cut_10"}


def test_recall_mrr_and_ndcg_agree_with_trec_eval(kb_services) -> None:
    queries = load_queries(REPO_ROOT / "evals" / "retrieval" / "queries.jsonl")
    runs = {q.id: ranked_article_ids(kb_services.retriever, q.text, "hybrid") for q in queries}
    ours = {
        q.id: {
            "recall@5": recall_at_k(runs[q.id], set(q.relevant), 5),
            "mrr@10": mrr_at_k(runs[q.id], set(q.relevant), 10),
            "ndcg@10": ndcg_at_k(runs[q.id], set(q.relevant), 10),
        }
        for q in queries
    }
    qrels = {q.id: dict.fromkeys(q.relevant, 1) for q in queries}
    # trec_eval ranks by score (ties by document id), so each ranking gets strictly falling
    # scores. The runs hold ten articles, so trec_eval's reciprocal rank is MRR@10.
    scored = {
        qid: {doc: float(len(ranked) - rank) for rank, doc in enumerate(ranked)}
        for qid, ranked in runs.items()
    }
    theirs = pytrec_eval.RelevanceEvaluator(qrels, set(MEASURES.values())).evaluate(scored)
    assert set(theirs) == set(ours), "every query has a ranking"
    for qid, figures in ours.items():
        for metric, measure in MEASURES.items():
            assert figures[metric] == pytest.approx(theirs[qid][measure], abs=1e-6), (qid, metric)
    for metric, measure in MEASURES.items():
        assert mean(f[metric] for f in ours.values()) == pytest.approx(
            mean(t[measure] for t in theirs.values()), abs=1e-6
        )
