from __future__ import annotations

from companion.guidance.passing_harm import HARM, ORDINARY, load_clauses


def test_the_clauses_hold_harm_and_its_look_alikes_in_balance() -> None:
    clauses = load_clauses()
    labels = [label for _, label in clauses]
    assert set(labels) == {HARM, ORDINARY}
    assert 0.4 <= labels.count(HARM) / len(labels) <= 0.6
    assert len({text for text, _ in clauses}) == len(clauses), "no clause twice"


def test_a_message_of_one_clause_is_left_to_the_situation_classifier(kb_services) -> None:
    reader = kb_services.guidance.passing_harm
    assert reader.told("the night supervisor keeps the agency lads' passports in his drawer") is None


def test_harm_told_in_passing_takes_the_safety_route_with_the_ordinary_problem_beside_it(kb_services) -> None:
    message = (
        "we never agreed goals. btw the night supervisor makes the agency lads work 16 hour shifts and "
        "keeps their passports in his drawer"
    )
    told = kb_services.guidance.passing_harm.told(message)
    assert told is not None and "passports" in told.clause
    found = kb_services.guidance.classify(message)
    assert found.label == "safeguarding" and found.also == "expectations"


def test_the_same_surface_told_harmlessly_stays_an_ordinary_problem(kb_services) -> None:
    message = (
        "she's retiring in march and has been giving away her desk plants. how do i plan our last sessions?"
    )
    assert kb_services.guidance.passing_harm.told(message) is None
    assert not kb_services.guidance.classify(message).safety
