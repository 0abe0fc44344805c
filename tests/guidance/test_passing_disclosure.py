from __future__ import annotations

from companion.guidance.classifier import Classification
from companion.guidance.passing_disclosure import CLAUSES, DISCLOSURE
from companion.guidance.passing_harm import ORDINARY, clause_rows

NEPHEW = (
    "how can i make our sessions less rushed, we only get 30 mins. he also mentioned that he's been letting "
    "his nephew's company skip the tender process for the van contracts"
)


def test_the_clauses_hold_disclosures_and_their_look_alikes_in_balance() -> None:
    rows = clause_rows(CLAUSES)
    labels = [row["label"] for row in rows]
    assert set(labels) == {DISCLOSURE, ORDINARY}
    assert 0.4 <= labels.count(DISCLOSURE) / len(labels) <= 0.6
    assert len({row["text"] for row in rows}) == len(rows), "no clause twice"


def test_the_clause_that_tells_a_disclosure_is_found(kb_services) -> None:
    reader = kb_services.guidance.passing_disclosure
    told = reader.told(NEPHEW)
    assert told is not None and "tender" in told.clause
    assert reader.told("he's been letting his nephew's company skip the tender process") is None, "one clause"
    assert reader.told("we only get 30 mins. he always turns up late and leaves early too") is None


def test_a_disclosure_in_passing_takes_its_route_with_the_ordinary_problem_beside_it(kb_services) -> None:
    guidance = kb_services.guidance
    scores = {label: 0.0 for label in guidance.classifier.classify("x").scores} | {"time": 0.6}
    ordinary = Classification("time", 0.6, scores)
    found = guidance.disclosure_in_passing(ordinary, NEPHEW)
    assert found is not None and found.label == DISCLOSURE and found.also == "time"
    assert found.kind == "conflict"


def test_a_weak_safety_reading_neither_reader_confirms_gets_the_ordinary_answer_with_the_check(
    kb_services,
) -> None:
    message = (
        "we dont click really. he told me strictly between us that he hates powerpoint. "
        "should i ask for a new mentor?"
    )
    found = kb_services.guidance.classify(message)
    assert found.label == "pairing-fit" and found.also in ("safeguarding", "disclosure")


def test_a_weak_safeguarding_reading_the_readers_find_a_disclosure_in_is_a_disclosure(kb_services) -> None:
    from companion.guidance.schemas import CoachingRequest

    message = (
        "any tips to keep our sessions under an hour? also i left my notebook with his team's appraisal "
        "scores on the train yesterday, havent said anything"
    )
    answer = kb_services.guidance.coach(CoachingRequest(situation=message, role="mentor"))
    assert (answer.challenge, answer.kind) == ("disclosure", "data-breach")
    assert "time and scheduling" in answer.diagnosis, "the ordinary question named beside it"
    assert not any("harming yourself" in script for script in answer.scripts)


def test_a_partners_job_offer_told_in_confidence_is_a_disclosure_not_a_risk_to_life(kb_services) -> None:
    message = (
        "we've run out of things to talk about after 4 sessions. also he told me he's been offered a "
        "job at a rival and hasn't decided, please don't mention it"
    )
    found = kb_services.guidance.classify(message)
    assert found.label == "disclosure" and found.kind != "at-risk"


def test_suicidal_thoughts_told_almost_in_passing_stay_safeguarding(kb_services) -> None:
    message = (
        "My mentor mentioned, almost in passing, that she sometimes thinks about stepping in front of a "
        "train on the way home. Then she changed the subject. We meet again in a fortnight."
    )
    assert kb_services.guidance.classify(message).label == "safeguarding"


def test_personal_data_gone_astray_opens_with_the_data_steps_not_are_you_safe(kb_services) -> None:
    from companion.guidance.schemas import CoachingRequest

    message = (
        "sessions are fine but hes always on his phone. he also showed me a spreadsheet with every nurse's "
        "sickness absence on it, saved to his personal dropbox"
    )
    answer = kb_services.guidance.coach(CoachingRequest(situation=message, role="mentor"))
    assert answer.kind == "data-breach"
    assert answer.act_now[0].startswith("If personal data has gone where it should not")


def test_a_request_outside_mentoring_is_not_read_for_a_disclosure(kb_services) -> None:
    guidance = kb_services.guidance
    scores = {label: 0.0 for label in guidance.classifier.classify("x").scores} | {"out-of-scope": 0.7}
    outside = Classification("out-of-scope", 0.7, scores)
    assert guidance.disclosure_in_passing(outside, NEPHEW) is None
