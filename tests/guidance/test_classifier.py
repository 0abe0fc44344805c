"""The classifier's decision: safety first, and someone at risk before confidentiality."""

import pytest

from companion.guidance.classifier import LABELS, POSSIBLY_AT_RISK, decide
from companion.guidance.schemas import CoachingRequest


def reading(**probabilities: float) -> dict[str, float]:
    return dict.fromkeys(LABELS, 0.0) | probabilities


def test_a_disclosure_that_may_be_about_someone_at_risk_names_safeguarding_too() -> None:
    whole = reading(disclosure=0.4, **{"pairing-fit": 0.45}, safeguarding=0.1)
    clause = reading(disclosure=0.3, safeguarding=POSSIBLY_AT_RISK + 0.1)
    found = decide(whole, parts=[reading(**{"pairing-fit": 0.9}), clause])
    assert (found.label, found.also) == ("disclosure", "safeguarding")


def test_a_plain_disclosure_names_no_safeguarding() -> None:
    found = decide(reading(disclosure=0.8, safeguarding=0.05, resistance=0.15))
    assert (found.label, found.also) == ("disclosure", None)


def test_someone_hurting_themselves_told_in_passing_gets_the_at_risk_step_first(kb_services) -> None:
    situation = (
        "we have nothing in common and i want a new mentor. oh and she mentioned she's started "
        "hurting herself again. how do i ask for a swap?"
    )
    answer = kb_services.guidance.coach(CoachingRequest(situation=situation, role="mentee"))
    assert answer.safety
    assert answer.act_now[0].startswith("Check that they are safe now")


def test_a_second_problem_told_in_a_clause_of_its_own_is_named_too() -> None:
    whole = reading(resistance=0.7, **{"pairing-fit": 0.2}, time=0.1)
    found = decide(whole, parts=[reading(**{"pairing-fit": 0.8}), reading(resistance=0.9)])
    assert (found.label, found.also) == ("resistance", "pairing-fit")


def test_a_weak_clause_names_no_second_problem() -> None:
    whole = reading(resistance=0.8, time=0.2)
    found = decide(whole, parts=[reading(resistance=0.6, time=0.4), reading(resistance=0.9, time=0.1)])
    assert (found.label, found.also) == ("resistance", None)


@pytest.mark.parametrize(
    "situation",
    [
        "my mentee confided in me that a director keeps making comments about her body in meetings "
        "and asked me not to say anything to anyone",
        "hi, my mentee said something to me in confidence and i promised not to tell. her husband hits "
        "her when hes been drinking. she came to our session with a bruise on her wrist. what do i do",
        "my mentor made me promise to keep it secret but her manager told her that if she takes "
        "maternity leave she wont have a job to come back to",
    ],
)
def test_harm_told_in_confidence_takes_the_safeguarding_route(kb_services, situation: str) -> None:
    assert kb_services.guidance.classify(situation).label == "safeguarding"


def test_harm_told_in_confidence_is_told_that_confidentiality_never_covered_it(kb_services) -> None:
    situation = (
        "my mentee confided in me that a director keeps making comments about her body in meetings "
        "and asked me not to say anything to anyone"
    )
    answer = kb_services.guidance.coach(CoachingRequest(situation=situation, role="mentor"))
    assert answer.challenge == "safeguarding"
    assert "confidentiality has never covered harm" in answer.diagnosis
    plain_case = kb_services.guidance.coach(
        CoachingRequest(situation="my mentee made a joke about my accent in front of her team", role="mentor")
    )
    assert "never covered harm" not in plain_case.diagnosis


def test_a_clause_that_only_asks_for_help_is_not_read_on_its_own() -> None:
    from companion.guidance.classifier import clauses

    message = "im 58 and shes 24 and i think she assumes i cant learn anything new. how do i handle that"
    assert clauses(message) == []
    assert len(clauses("he cancels every week. what do i do now? also he put his hand on my knee")) == 2


def test_a_second_matter_added_with_not_to_mention_or_on_top_of_that_is_a_clause_of_its_own() -> None:
    from companion.guidance.classifier import clauses

    message = "she speaks way too fast and uses acronyms, not to mention she has cancelled twice this month"
    assert clauses(message) == [
        "she speaks way too fast and uses acronyms",
        "she has cancelled twice this month",
    ]
    assert len(clauses("we just dont get on and on top of that she never wants to try anything new")) == 2
