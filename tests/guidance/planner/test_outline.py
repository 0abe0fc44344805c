"""The module's own outline: a heading fragment leads the sentence after it."""

import pytest

from companion.guidance.planner.outline import is_fragment, split_sentences


@pytest.mark.parametrize(
    ("sentence", "heading"),
    [
        ("Team norms.", True),
        ("Inside the deck or design.", True),
        ("The view from the junior seat.", True),
        ("The mentee drafts three lines.", False),
        ("Remove at least one detail.", False),
        ("Activity 2, lock one door.", False),
    ],
)
def test_a_heading_is_a_few_words_that_no_one_acts_in(sentence: str, heading: bool) -> None:
    assert is_fragment(sentence) is heading


def test_a_heading_leads_the_sentence_after_it() -> None:
    assert split_sentences("Inside the deck or design. The mentor explains how they make a graphic.") == [
        "Inside the deck or design: the mentor explains how they make a graphic."
    ]
