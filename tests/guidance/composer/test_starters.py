"""Starters that fit the stage and never repeat the ones already shown."""

from companion.guidance.composer.starters import ARC, is_closed
from companion.guidance.schemas import StartersRequest


def test_a_first_meeting_gets_relationship_starters(kb_services) -> None:
    answer = kb_services.guidance.starters(
        StartersRequest(topic="first meeting with my mentee who is the CEO", count=5, audience="mentor")
    )
    text = " ".join(s.text.lower() for s in answer.starters)
    for tool in ("linkedin", "followers", "dashboard", "tiktok", "last time"):
        assert tool not in text


def test_more_starters_never_repeat_those_shown(kb_services) -> None:
    request = StartersRequest(topic="generative AI", count=5)
    first = kb_services.guidance.starters(request)
    shown = [s.text for s in first.starters]
    more = kb_services.guidance.starters(request.model_copy(update={"exclude": shown}))
    assert more.starters and not set(shown) & {s.text for s in more.starters}


def test_closed_questions_are_told_from_open_ones() -> None:
    assert is_closed("Do you use Teams?")
    assert not is_closed("Do you use Teams, and what for?")
    assert not is_closed("What would make this useful?")


def test_starters_come_in_the_order_a_conversation_takes(kb_services) -> None:
    found = kb_services.guidance.starters(StartersRequest(topic="Power BI dashboards", count=8))
    purposes = [starter.purpose for starter in found.starters]
    assert len(set(purposes)) >= 3
    assert purposes == sorted(purposes, key=ARC.index)  # warm up first, challenge last
