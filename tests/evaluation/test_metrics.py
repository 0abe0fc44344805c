import math

from companion.evaluation.metrics import mrr_at_k, ndcg_at_k, recall_at_k, unique_in_order


def test_metrics_on_a_hand_worked_ranking() -> None:
    ranked = ["x", "a", "y", "b"]
    relevant = {"a", "b"}
    assert recall_at_k(ranked, relevant, 2) == 0.5
    assert recall_at_k(ranked, relevant, 5) == 1.0
    assert mrr_at_k(ranked, relevant, 10) == 0.5
    dcg = 1 / math.log2(3) + 1 / math.log2(5)
    ideal = 1 + 1 / math.log2(3)
    assert abs(ndcg_at_k(ranked, relevant, 10) - dcg / ideal) < 1e-12


def test_metrics_edge_cases() -> None:
    assert ndcg_at_k(["a"], {"a"}, 10) == 1.0
    assert ndcg_at_k([], {"a"}, 10) == 0.0
    assert mrr_at_k(["x", "y"], {"a"}, 10) == 0.0
    assert recall_at_k(["a"], set(), 5) == 0.0
    assert unique_in_order(["a", "b", "a", "c", "b"]) == ["a", "b", "c"]
