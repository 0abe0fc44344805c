"""The coaching suite (the gate): accuracy, per-class figures and the confusion matrix."""

from companion.evaluation.coaching import run_coaching_suite
from tests.evaluation.gate import EVALS, assert_gate


def test_coaching_suite_holds_its_target_and_the_baseline(kb_services) -> None:
    results = run_coaching_suite(kb_services.guidance, EVALS / "coaching" / "situations.jsonl")
    assert results["situations"] >= 80
    counts = results["confusion_matrix"]["counts"]
    assert sum(map(sum, counts)) == results["situations"]
    correct = sum(counts[index][index] for index in range(len(counts)))
    assert abs(correct / results["situations"] - results["accuracy"]) < 1e-4
    assert set(results["per_class"]) == {"resistance", "communication", "time", "other"}
    assert_gate("coaching", results)
