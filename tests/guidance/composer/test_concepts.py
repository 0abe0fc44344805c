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
        (
            "he keeps telling his mentor gen z dont work hard, she's reported it twice",
            "When demeaning remarks go on after being raised once, treat them as a conduct matter",
            "persisting",
        ),
        ("nothing sticks, i forget everything by the next week", "send a three-line recap", "retention"),
        (
            "she shows me tiktok trends but i want to learn power bi for my actual job",
            "agree the next two sessions' topics: say what you want to learn",
            "what to cover",
        ),
    ],
)
def test_a_message_and_advice_about_the_same_thing_share_a_concept(
    message: str, advice: str, shared: str
) -> None:
    assert shared in concepts(message) & concepts(advice)


def test_a_message_about_something_else_shares_none() -> None:
    assert not concepts("my mentee brushes my ideas off") & concepts("agree a simple cancellation rule")
