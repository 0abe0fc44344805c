"""Concepts: advice about the same thing as the message, in other words, is recognised."""

import pytest

from companion.guidance.composer.concepts import concepts


@pytest.mark.parametrize(
    ("message", "advice", "shared"),
    [
        (
            'my mentee reschedules every single time, "something came up"',
            "Agree a simple cancellation rule: whoever cancels proposes two new times",
            "cancelling",
        ),
        ("she talks so fast and uses so much jargon", "stop them when they use slang", "jargon"),
        ("he keeps asking me to fix his laptop", "when sessions turn into a help desk", "doing the work"),
        ("we meet for 2 hours and run out of things", "offer shorter, denser formats", "length"),
    ],
)
def test_a_message_and_advice_about_the_same_thing_share_a_concept(
    message: str, advice: str, shared: str
) -> None:
    assert shared in concepts(message) & concepts(advice)


def test_a_message_about_something_else_shares_none() -> None:
    assert not concepts("my mentee brushes my ideas off") & concepts("agree a simple cancellation rule")
