"""Coaching that may also be a safety matter: one check before anything else, whoever wrote the
rest; ordinary problems are not told about HR."""

from companion.guidance.classifier import Classification
from companion.guidance.composer.coaching import compose_coaching, with_safety_check
from companion.guidance.schemas import Coaching, CoachingRequest

MODEL_ANSWER = Coaching(
    challenge="time",
    confidence=0.6,
    likelihood="possibly",
    diagnosis="This looks like a scheduling problem.",
    strategies=["Book the dates."],
    scripts=[],
    escalate_when=[],
    citations=[],
)


def test_the_safety_check_comes_first_and_once() -> None:
    checked = with_safety_check(MODEL_ANSWER, "safeguarding")
    assert checked.diagnosis.startswith("One thing to check first")
    assert "programme team today" in checked.diagnosis
    assert with_safety_check(checked, "safeguarding").diagnosis == checked.diagnosis
    disclosure = with_safety_check(MODEL_ANSWER, "disclosure")
    assert "told you something in confidence" in disclosure.diagnosis


def test_a_possible_safety_matter_keeps_the_ordinary_first_step(kb_services) -> None:
    guidance = kb_services.guidance
    scores = dict.fromkeys(("resistance", "communication", "pairing-fit", "expectations"), 0.0)
    scores |= {"time": 0.6, "safeguarding": 0.27, "disclosure": 0.0, "generational-bias": 0.0}
    scores["out-of-scope"] = 0.13
    classification = Classification("time", 0.6, scores, also="safeguarding")
    request = CoachingRequest(situation="she cancels every week and I feel uneasy around her", role="mentor")
    passages = guidance.coaching_passages(classification).groups
    answer = compose_coaching(request, classification, passages, guidance.classifier.embedder)
    assert not answer.act_now, "the first step is the ordinary one"
    assert answer.strategies
    opening, check = answer.diagnosis.split(". ", 1)
    assert opening.startswith("This could be a time and scheduling problem")
    assert check.startswith("One thing to check first")


def test_an_ordinary_problem_is_not_told_about_hr(kb_services) -> None:
    answer = kb_services.guidance.coach(
        CoachingRequest(situation="He keeps cancelling our sessions at the last minute.", role="mentor")
    )
    assert not answer.safety and answer.also is None
    text = " ".join(answer.escalate_when)
    assert "programme team" in text and " HR" not in text
