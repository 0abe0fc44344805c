"""The at-risk reading of safeguarding messages, on the real examples and guide."""

from __future__ import annotations

from companion.guidance.classifier import load_examples
from companion.guidance.risk import AT_RISK_THRESHOLD


def test_examples_mark_at_risk_only_on_safeguarding() -> None:
    examples = load_examples()
    assert any(example.at_risk for example in examples)
    assert all(
        example.label == "safeguarding" for example in examples if example.at_risk or example.risk_only
    )


def test_risk_only_examples_do_not_train_the_situation(kb_services) -> None:
    classifier = kb_services.guidance.classifier
    assert len(classifier.vectors) == len(classifier.anchors), "one vector per anchor, for the risk reader"
    situational = sum(not anchor.risk_only for anchor in classifier.anchors)
    assert situational < len(classifier.anchors)
    assert len(classifier.lexical.predict_proba(["x"])[0]) == len(classifier.model.classes_)


def test_someone_at_risk_and_behaviour_read_apart(kb_services) -> None:
    risk = kb_services.guidance.risk
    assert risk.probability(
        "she said she's been sleeping in her car since she left him, and hasn't eaten"
    ) >= (AT_RISK_THRESHOLD)
    assert risk.probability("my mentee keeps putting his hand on my knee under the table") < AT_RISK_THRESHOLD
