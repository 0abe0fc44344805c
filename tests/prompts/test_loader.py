"""The template environment: strict about missing values, and the article filter."""

import pytest
from jinja2 import UndefinedError

from companion.prompts.loader import environment, phrases, with_article


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("operations manager", "an operations manager"),
        ("Engineering lead", "an Engineering lead"),
        ("chief executive", "a chief executive"),
        ("HR director", "an HR director"),
        ("CFO", "a CFO"),
        ("university liaison", "a university liaison"),
        ("honest broker", "an honest broker"),
        ("European sales head", "a European sales head"),
        ("", ""),
    ],
)
def test_with_article(phrase: str, expected: str) -> None:
    assert with_article(phrase) == expected


def test_role_question_reads_as_english() -> None:
    assert "week as an operations manager," in phrases().role_question("operations manager")


def test_a_missing_value_is_an_error() -> None:
    with pytest.raises(UndefinedError):
        environment().from_string("{{ nothing }}").render()
