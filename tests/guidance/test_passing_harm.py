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


def test_harm_to_someone_outside_the_pair_opens_with_the_guides_step_for_its_kind(kb_services) -> None:
    from companion.guidance.schemas import CoachingRequest

    cases = {
        "my mentee said his 14 year old has been meeting a 30 year old man she met on snapchat": (
            "child",
            "A child or young person goes to the designated safeguarding lead",
        ),
        "she keeps cancelling. she said her mum's carer has been taking money from her mum's account and her "
        "mum is scared to complain": ("vulnerable-adult", "An adult being harmed or exploited at home"),
    }
    for situation, (kind, step) in cases.items():
        answer = kb_services.guidance.coach(CoachingRequest(situation=situation, role="mentor"))
        assert answer.safety and answer.kind == kind
        assert answer.act_now[0].startswith(step)
        others = [
            s
            for s in ("A child or young person", "Signs of forced", "An adult being harmed")
            if s not in step
        ]
        assert not any(line.startswith(tuple(others)) for line in answer.act_now), "no other kind's route"
        assert not any("Are you having thoughts of harming yourself" in s for s in answer.scripts)


def test_someone_at_risk_within_the_pair_keeps_the_at_risk_steps(kb_services) -> None:
    from companion.guidance.schemas import CoachingRequest

    situation = (
        "my mentee told me she's been thinking about ending it all and has been giving her things away"
    )
    answer = kb_services.guidance.coach(CoachingRequest(situation=situation, role="mentor"))
    assert answer.kind == "at-risk" and answer.act_now[0].startswith("Check that they are safe now")


def test_every_kind_of_harm_to_someone_else_has_its_step_in_the_safeguarding_guide(kb_services) -> None:
    from companion.guidance.composer.coaching import ELSEWHERE_STEP
    from companion.guidance.risk import ELSEWHERE_KINDS

    guide = (
        (kb_services.settings.knowledge_dir / "programme" / "safeguarding-in-a-pair.md").read_text().lower()
    )
    assert set(ELSEWHERE_STEP) == set(ELSEWHERE_KINDS)
    leads = [line.split("**")[1] for line in guide.splitlines() if line.count("**") >= 2]
    assert all(any(phrase in lead for lead in leads) for phrase in ELSEWHERE_STEP.values())


def test_fragments_shorter_than_any_clause_the_reader_learnt_from_are_not_read() -> None:
    from companion.guidance.passing_harm import SHORTEST_CLAUSE, long_enough

    parts = ["did from her car.", "he said he'd sorted his tablets out so he won't be a burden by friday"]
    assert long_enough(parts) == parts[1:]
    assert all(len(part.split()) >= SHORTEST_CLAUSE for part in long_enough(parts))
