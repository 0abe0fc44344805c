"""The kind of a safeguarding message, on the real examples and guide."""

from __future__ import annotations

from companion.guidance.classifier import load_examples
from companion.guidance.risk import AT_RISK, KINDS, decide_kind, safety_kind


def test_safeguarding_examples_carry_only_safeguarding_kinds() -> None:
    examples = load_examples()
    assert {example.kind for example in examples if example.label == "safeguarding" and example.kind} == set(
        KINDS
    )
    assert all(example.label == "safeguarding" for example in examples if example.kind in KINDS)
    # kind-only examples (`risk_only`) teach a kind, of any situation, never the situation itself
    assert all(example.kind for example in examples if example.risk_only)


def test_risk_only_examples_do_not_train_the_situation(kb_services) -> None:
    classifier = kb_services.guidance.classifier
    assert len(classifier.vectors) == len(classifier.anchors), "one vector per anchor, for the kind reader"
    assert sum(not anchor.risk_only for anchor in classifier.anchors) < len(classifier.anchors)


def test_someone_at_risk_and_behaviour_read_apart(kb_services) -> None:
    reader = kb_services.guidance.kind_reader("safeguarding")

    def kind(situation: str) -> str | None:
        return safety_kind(reader, situation)

    assert kind("she said she's been sleeping in her car since she left him, and hasn't eaten") == AT_RISK
    assert kind("my mentee keeps putting his hand on my knee under the table") == "harassment"
    assert kind("he said people like me are only hired to fill a quota, I'm the only Black person here") == (
        "discrimination"
    )


def test_a_kind_is_named_only_when_clear() -> None:
    unclear = {AT_RISK: 0.1, "harassment": 0.35, "discrimination": 0.3, "bullying": 0.25}
    assert decide_kind(unclear) is None
    assert decide_kind({**unclear, AT_RISK: 0.65}) == AT_RISK, "someone at risk comes first"
