"""The guidance suite on the real knowledge base (the gate), and its checks on broken answers."""

import pytest

from companion.evaluation.answers import citation_problems
from companion.evaluation.guidance import CHECKS, Case, form_checks, run_guidance_suite
from companion.evaluation.guidance_blind import run_guidance_blind_suite
from companion.guidance.schemas import AgendaRequest, StartersRequest
from tests.evaluation.gate import EVALS, assert_gate


def test_guidance_suite_holds_its_targets_and_the_baseline(kb_services) -> None:
    """The earlier set and the blind set (scored once, a regression check since)."""
    results = run_guidance_suite(kb_services.guidance, EVALS / "guidance")
    results["blind"] = run_guidance_blind_suite(kb_services.guidance, EVALS / "guidance" / "blind")
    assert results["by_kind"] == {"agenda": 32, "starters": 22, "reflections": 22}
    assert all(row["checks"]["schema"] is True for row in results["cases_detail"])
    calibration = results["calibration"]["diversity"]
    assert calibration["distinct_starters_in_one_collection"]["max"] < 0.80
    assert calibration["paraphrase_pairs"]["min"] > 0.80
    assert_gate("guidance", results)


@pytest.fixture(scope="module")
def agenda_case(kb_services):
    request = AgendaRequest(
        topic="spotting phishing emails", minutes=45, session_number=2, mentee_role="finance director"
    )
    case = Case("broken", "agenda", request, ("finance director",))
    service = kb_services.guidance
    return case, service.agenda(request), service.agenda_passages(request)


def test_a_good_agenda_passes_the_form_checks(agenda_case) -> None:
    case, answer, passages = agenda_case
    checks, problems = form_checks(case, answer, passages)
    assert not problems
    assert set(checks) == set(CHECKS)


def test_the_checks_catch_broken_minutes_citations_and_items(agenda_case) -> None:
    case, good, passages = agenda_case
    answer = good.model_copy(deep=True)
    answer.segments[0].minutes += 5
    answer.objectives.append(answer.objectives[0].upper())
    answer.follow_ups.append(" ")
    answer.citations[0].quote = "A sentence that is in no knowledge file."
    answer.citations[-1].id = "topic-social-media#not-retrieved-0"
    checks, problems = form_checks(Case(case.id, "agenda", case.request, ("chief nurse",)), answer, passages)
    assert checks["minutes"] is False and checks["citations"] is False and checks["items"] is False
    assert checks["personalisation"] is False
    assert any("not retrieved" in problem for problem in problems)
    assert any("quote" in problem for problem in problems)
    assert any("repeated" in problem for problem in problems) and any(
        "empty" in problem for problem in problems
    )


def test_citations_must_come_from_the_passages_of_the_request(kb_services) -> None:
    request = StartersRequest(topic="spotting phishing emails", count=3)
    answer = kb_services.guidance.starters(request)
    other = kb_services.guidance.starters_passages(StartersRequest(topic="hybrid working", count=3))
    assert citation_problems(answer, {chunk.id: chunk for chunk in other.all()})
