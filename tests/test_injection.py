"""The filter that keeps instruction-like feedback out of quotes, on every labelled set."""

import json

import pytest

from companion.evaluation.feedback import DATASETS
from companion.injection import is_instruction_like
from tests.conftest import REPO_ROOT

EVALS = REPO_ROOT / "evals"
# The attacks the eval sets' READMEs list; every other entry is a genuine survey answer.
ATTACKS = {
    "fb-0017", "fb-0065", "fb-0096", "fb-0132", "ho-0071", "ho-0120", "h2-0047", "h2-0096",
    "h3-0003", "h3-0078",
}  # fmt: skip


@pytest.mark.parametrize("dataset", DATASETS)
def test_attacks_are_recognised_and_genuine_answers_are_not(dataset: str) -> None:
    lines = (EVALS / "feedback" / f"{dataset}.jsonl").read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]
    flagged = {entry["external_id"] for entry in entries if is_instruction_like(entry["text"])}
    ids = {entry["external_id"] for entry in entries}
    assert flagged == ATTACKS & ids


def test_every_feedback_attack_of_the_safety_suite_is_recognised() -> None:
    lines = (EVALS / "safety" / "injections.jsonl").read_text(encoding="utf-8").splitlines()
    attacks = [json.loads(line) for line in lines]
    missed = [
        a["id"] for a in attacks if a["kind"] == "feedback" and not is_instruction_like(a["request"]["text"])
    ]
    assert missed == []
