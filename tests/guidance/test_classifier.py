"""The classifier's decision: safety first, and someone at risk before confidentiality."""

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
