"""The hard-moment reader: a hard moment told without the cue lists' words is still read as one."""

from __future__ import annotations

from companion.guidance.composer.notes import read_notes
from companion.guidance.composer.reflections import choose_framework, pick_clauses
from companion.guidance.hard_moments import CLAUSES, HARD
from companion.guidance.passing_harm import ORDINARY, clause_rows
from companion.kb.vocabulary import FRAMEWORK_STAGES


def test_the_clauses_hold_hard_moments_and_their_look_alikes() -> None:
    rows = clause_rows(CLAUSES)
    labels = [row["label"] for row in rows]
    assert set(labels) == {HARD, ORDINARY}
    assert 0.4 <= labels.count(HARD) / len(labels) <= 0.6
    assert len({row["text"].lower() for row in rows}) == len(rows), "no clause twice"


def test_the_reader_scores_a_put_down_above_a_frozen_laptop(kb_services) -> None:
    reader = kb_services.guidance.hard_moments
    put_down, laptop = reader.probabilities(
        ["he sighed, took the mouse off me and did it himself", "the laptop froze twice but we got there"]
    )
    assert put_down > laptop


def test_notes_of_a_few_words_are_not_read(kb_services) -> None:
    assert kb_services.guidance.hard_moments_in("fine. learnt pivots") == []
    assert kb_services.guidance.hard_moments_in(None) == []


def test_a_hard_moment_the_reader_found_gets_gibbs_and_is_described_first() -> None:
    notes = (
        "we practised the new rota app together for most of the hour. he sighed and took the mouse off me "
        "after my third wrong click. next week we will try the shift swap screen"
    )
    moment = "he sighed and took the mouse off me after my third wrong click."
    assert choose_framework(5, notes) == "kolb", "the cue lists alone read a practice"
    assert choose_framework(5, notes, hard_read=True) == "gibbs"
    picked = pick_clauses(read_notes(notes), "gibbs", FRAMEWORK_STAGES["gibbs"], 5, hard_read={moment})
    assert picked["description"].text == moment
