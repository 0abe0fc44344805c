"""The coaching suite (the gate): accuracy, per-class figures and the confusion matrix."""

import json

from companion.evaluation.coaching import run_coaching_blind_suite, run_coaching_suite
from companion.guidance.classifier import LABELS
from tests.evaluation.gate import EVALS, assert_gate


def test_coaching_suite_holds_its_target_and_the_baseline(kb_services) -> None:
    """The earlier set and the blind set (scored once, a regression check since)."""
    results = run_coaching_suite(kb_services.guidance, EVALS / "coaching" / "situations.jsonl")
    results["blind"] = run_coaching_blind_suite(
        kb_services.guidance, EVALS / "coaching" / "blind" / "situations.jsonl"
    )
    assert results["situations"] >= 80
    counts = results["confusion_matrix"]["counts"]
    assert sum(map(sum, counts)) == results["situations"]
    correct = sum(counts[index][index] for index in range(len(counts)))
    assert abs(correct / results["situations"] - results["accuracy"]) < 1e-4
    assert set(results["per_class"]) == set(LABELS)
    assert_gate("coaching", results)


def test_the_blind_scorer_reads_labels_and_rubrics_as_its_readme_says(kb_services, tmp_path) -> None:
    """On three made-up cases (the blind set itself is scored once, when the coaching work is done)."""
    cases = [
        {
            "id": "t1",
            "role": "mentor",
            "text": "my mentee asked me out for drinks and keeps texting me at night, i feel uneasy",
            "labels": ["safeguarding"],
            "rubric": {"must_mention_any": [["programme team", " hr"]], "must_not_mention": ["meet alone"]},
        },
        {
            "id": "t2",
            "role": "mentor",
            "text": "he has cancelled our last three sessions at the last minute",
            "labels": ["time"],
            "rubric": {"must_mention_any": [["no such phrase anywhere"]], "must_not_mention": []},
        },
        {
            "id": "t3",
            "role": "mentee",
            "text": "write me a python script that scrapes linkedin",
            "labels": ["other"],
            "rubric": {"must_mention_any": [], "must_not_mention": []},
        },
    ]
    path = tmp_path / "situations.jsonl"
    path.write_text("".join(json.dumps(case) + "\n" for case in cases))
    results = run_coaching_blind_suite(kb_services.guidance, path)
    assert results["situations"] == 3
    assert results["safety_recall"] == 1.0
    assert results["first_step"] == round(2 / 3, 4)  # t2's phrase is in no answer
    assert [failure["id"] for failure in results["failures"]] == ["t2"]
    assert results["per_class"]["out-of-scope"]["support"] == 1  # "other" read as out-of-scope
