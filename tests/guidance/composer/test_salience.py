"""Salience: the line that is the session's point is quoted before one that only names the session."""

import pytest

from companion.guidance.composer.notes import Clause, read_notes
from companion.guidance.composer.reflections import pick_clauses
from companion.guidance.composer.salience import by_salience, is_label, salience
from companion.kb.vocabulary import FRAMEWORK_STAGES


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Pivot tables with Mrs Okafor", True),
        ("Sessh with Kai on running hybrid meetings", True),
        ("teams basics w/ dev", True),
        ("we built a pivot table with Mrs Okafor", False),
        ("I was that director once", False),
    ],
)
def test_a_line_that_only_names_the_session_is_a_label(text: str, label: bool) -> None:
    assert is_label(text) is label


@pytest.mark.parametrize(
    ("stronger", "weaker"),
    [
        ("I was that director once, I'm fairly sure", "Zainab told me about her first week"),
        ("he kept holding the phone like a tv remote", "he held the phone"),
        ("Honestly I think I went too fast", "we went through the menus"),
        ('I said "looking stupid in front of my team"', "we talked about tech"),
        ("we went through the menus", "Pivot tables with Mrs Okafor"),
        # the slip a reader remembers, before the laughter it caused
        ("I uploaded the photo of my dog by mistake and pressed publish", "we went through the menus"),
        ("she changed the quantity to 40 by mistake lol", "we laughed until we cried"),
    ],
)
def test_what_the_writer_admits_or_pictures_stands_out(stronger: str, weaker: str) -> None:
    assert salience(Clause(stronger, "happened")) > salience(Clause(weaker, "happened"))


def test_ties_keep_the_notes_order() -> None:
    clauses = [Clause("we opened the app", "happened"), Clause("we made a list", "happened")]
    assert by_salience(clauses) == clauses


def test_the_line_the_writer_admits_is_quoted_before_the_one_that_comes_first() -> None:
    notes = (
        "Zainab told me about the time a director asked her to fetch coffee in her first week. "
        "I was that director once, I'm fairly sure. Want to raise it with her next time."
    )
    framework = "what-so-what-now-what"
    picked = pick_clauses(read_notes(notes), framework, FRAMEWORK_STAGES[framework], 3)
    assert picked["what"].text.startswith("I was that director once")


@pytest.mark.parametrize(
    "text",
    [
        "reels w tomasz round 2.",
        "session 4 excel.",
        "week 3 pivot tables",
        "first meeting with mr adeyemi, head of hr",
    ],
)
def test_a_numbered_session_is_a_label_too(text: str) -> None:
    assert is_label(text)


def test_a_count_by_the_end_of_the_day_is_no_plan() -> None:
    assert read_notes("we posted it at lunch. 212 views by the end of the day")[-1].kind != "next"


@pytest.mark.parametrize(
    ("stronger", "weaker"),
    [
        # a fact learnt from someone that changes the picture
        (
            "afterwards the caretaker told me the plaque is for her late husband",
            "we looked at the rota screen",
        ),
        ("that we spend three times the budget on couriers", "we looked at the rota screen"),
        # a step not yet taken, owned
        ("I have not informed the trustees", "we looked at the rota screen"),
        ("the walkthrough got moved twice, both times by me", "we looked at the rota screen"),
        ("I was in that meeting too", "we looked at the rota screen"),
    ],
)
def test_what_was_revealed_or_left_undone_stands_out(stronger: str, weaker: str) -> None:
    assert salience(Clause(stronger, "happened")) > salience(Clause(weaker, "happened"))


def test_a_harm_that_did_not_happen_is_no_feeling() -> None:
    assert salience(Clause("No one was unkind.", "happened")) == 0


@pytest.mark.parametrize("line", ["I am dyslexic.", "My left hand shakes.", "Nobody at work knows."])
def test_something_about_the_writer_few_know_stands_out(line: str) -> None:
    assert salience(Clause(line, "happened")) > salience(Clause("we looked at the rota screen", "happened"))


@pytest.mark.parametrize(
    "line",
    [
        "then she said quietly she was more nervous than me",
        "Her voice went small for a minute.",
        "my hands was shaking the whole time after",
        "By night only shame was left.",
    ],
)
def test_a_partners_admission_and_what_the_body_tells_stand_out(line: str) -> None:
    assert salience(Clause(line, "happened")) > salience(Clause("we looked at the rota screen", "happened"))


@pytest.mark.parametrize(
    ("stronger", "weaker"),
    [
        # unsure of a feeling or a next move, or afraid of how it will look
        ("I honestly do not know whether to laugh or cry about it", "we opened the booking screen"),
        ("dunno if i should mention it to him or just leave it", "we opened the booking screen"),
        ("it would look like i am moaning", "we opened the booking screen"),
        ("maybe afraid it looks childish", "we opened the booking screen"),
        # two figures set against each other, beside one
        ("she took 11 minutes for the first form and 3 for the last", "she filled in 3 forms"),
    ],
)
def test_doubt_fear_and_figures_compared_stand_out(stronger: str, weaker: str) -> None:
    assert salience(Clause(stronger, "happened")) > salience(Clause(weaker, "happened"))
