"""Whether a topic no module covers is a skill, about the pair, or a subject to talk about."""

from __future__ import annotations

import pytest

from companion.guidance.topic_kind import PAIR, SKILL, SUBJECT, TOPIC_KINDS, load_topic_examples


def test_the_examples_cover_every_kind() -> None:
    assert {example.kind for example in load_topic_examples()} == set(TOPIC_KINDS)


@pytest.mark.parametrize(
    ("topic", "kind"),
    [
        ("my mentee wants help setting up a vinted shop to sell his late wife's craft supplies", SKILL),
        ("we keep cancelling, 3 sessions moved in a row, want to reset", PAIR),
        ("sessions feel samey, we just chat and nothing sticks", PAIR),
        ("what its like being the only woman on the site team", SUBJECT),
    ],
)
def test_a_topic_is_read_for_what_it_asks_of_the_starters(kb_services, topic: str, kind: str) -> None:
    assert kb_services.guidance.topic_kind(None, topic) == kind


def test_a_pair_topic_gets_the_pairs_own_starters_not_a_skill_to_practise(kb_services) -> None:
    from companion.guidance.schemas import StartersRequest

    answer = kb_services.guidance.starters(
        StartersRequest(topic="we keep cancelling, 3 sessions moved in a row, want to reset", count=4)
    )
    texts = " ".join(starter.text for starter in answer.starters[1:])
    # the pair's words are quoted only where the first starter names their issue
    assert "“we keep cancelling, 3 sessions moved in a row”" in answer.starters[0].text
    assert "practise" not in texts and "“" not in texts
    assert all(starter.citations[0].startswith("starters-relationship#") for starter in answer.starters)


def test_a_skills_session_with_no_stage_named_gets_no_last_session_or_first_meeting_starters(
    kb_services,
) -> None:
    from companion.guidance.schemas import StartersRequest

    request = StartersRequest(
        topic="how can i talk to my mentee about using Gemini for grant applications", count=6
    )
    passages = kb_services.guidance.starters_passages(request)
    stages = {chunk.tags.get("stage") for chunk in passages.groups["starter_candidates"]}
    assert passages.topic_article is not None
    assert not stages & {"closing", "first"}


@pytest.mark.parametrize("count", [1, 2])
def test_a_last_session_asked_for_one_or_two_questions_looks_back_and_ahead(kb_services, count: int) -> None:
    from companion.guidance.schemas import StartersRequest

    answer = kb_services.guidance.starters(
        StartersRequest(topic="final mtg w my mentee on friday", count=count)
    )
    texts = " ".join(starter.text for starter in answer.starters).lower()
    assert "changed" in texts or "goals we set" in texts
    assert "keep going" in texts or "carry on" in texts


def test_a_team_of_people_and_a_closing_question_do_not_match_a_module(kb_services) -> None:
    # "team" is not Microsoft Teams, and "where do we start" is no word of the meetings module's
    topic = "my mentee wants to start a podcast for the leadership team, where do we start"
    assert kb_services.guidance.match_topic(topic).module is None


def test_a_topic_about_how_the_pair_gets_on_is_not_matched_to_a_skill_module(kb_services) -> None:
    guidance = kb_services.guidance
    assert guidance.match_topic("feedback from my mentor stings a bit, how do i raise it").module is None
    # a skill the topic names keeps its module, however the pair is mentioned
    assert guidance.match_topic("my mentee wants to try copilot for board papers").module is not None


@pytest.mark.parametrize(
    "topic",
    [
        "mentor keeps using acronyms i dont understand and i feel too old to ask lol",
        "sessions have become a bit of a moan about her team tbh, how do i steer back to the ai stuff",
        "my mentee (cfo) keeps saying 'we tried that in 2015' to everything i suggest",
        "we always end up talking about his kids' phones instead of his stuff at work",
    ],
)
def test_a_partners_habit_or_how_the_sessions_have_become_is_about_the_pair(kb_services, topic: str) -> None:
    assert kb_services.guidance.match_topic(topic).module is None
    assert kb_services.guidance.topic_kind(None, topic) == PAIR
