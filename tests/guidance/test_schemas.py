"""The stage words of a topic: a first meeting and a last session, however they are typed."""

import pytest
from pydantic import ValidationError

from companion.guidance.schemas import (
    FIRST_MEETING,
    LAST_SESSION,
    AgendaRequest,
    OpenAction,
    says_last_session,
)


@pytest.mark.parametrize(
    "topic",
    [
        "ending session tomorrow w the ops director",
        "session 10 of 10 with my mentee",
        "sesh 6/6 tmrw",
        "8th and last one with the cfo",
        "our last ever meeting",
        "winding down the pairing",
        "the scheme is over after this week",
        "wrapping it all up with my mentor on monday",
        "final mtg w my mentor",
        "our concluding conversation before the cycle closes",
    ],
)
def test_a_last_session_is_read_however_it_is_typed(topic: str) -> None:
    assert LAST_SESSION.search(topic)
    assert not FIRST_MEETING.search(topic)


@pytest.mark.parametrize(
    "topic", ["session 3 of 10 on excel", "sales and finance dashboards", "last minute cancellations"]
)
def test_a_middle_session_is_not_read_as_the_last(topic: str) -> None:
    assert not LAST_SESSION.search(topic)


@pytest.mark.parametrize(
    ("topic", "last"),
    [
        ("last session got a bit tense when i pushed back on her idea", False),
        ("since our last session she hasn't tried the prompts", False),
        ("our last session, he's been lovely, want to end on a high", True),
        ("how to end on a high with my mentee", True),
        ("a good way to conclude my reverse mentoring with a graduate in tax", True),
        ("last session didn't end well, he walked out", False),
        ("better than last session, he actually asked questions", False),
        ("in our last meeting we argued about hybrid working", False),
        ("our last session is next week, want to thank her properly", True),
        ("prep for the last session with my mentor", True),
        ("last session went well, and next week is our final one", True),
        ("last session we talked about copilot", False),
        ("our last session, we've done 6 months on AI tools", True),
        ("took 9 takes. hated my voice. the final one is ok i guess", False),
        ("our final one today, she brought cake", True),
    ],
)
def test_the_session_before_is_not_the_last_one(topic: str, last: bool) -> None:
    assert says_last_session(topic) is last


@pytest.mark.parametrize(
    ("topic", "first"),
    [
        ("meeting the head of conservation for our first mentoring chat", True),
        ("first reverse mentoring meeting tmrw", True),
        ("final rm session next week", False),
        ("the first mentoring programme i joined was years ago", False),
        ("Pairs were announced today: I'm matched with a cyber security analyst", True),
        ("we are matched with a mentor from the data team", True),
        ("the colours are matched with the brand guide", False),
    ],
)
def test_the_kind_of_mentoring_said_between_first_or_last_and_the_session(topic: str, first: bool) -> None:
    assert bool(FIRST_MEETING.search(topic)) == first
    assert bool(LAST_SESSION.search(topic)) == (topic.startswith("final"))


def test_a_last_session_named_in_the_topic_is_planned_as_one() -> None:
    from companion.guidance.schemas import AgendaRequest

    last = AgendaRequest(topic="last session with my mentee - we did teams and linkedin", minutes=45)
    assert last.stage == "closing"
    assert AgendaRequest(topic="copilot in outlook", minutes=45).stage == "first"  # the number says it
    numbered = AgendaRequest(topic="copilot in outlook", minutes=45, session_number=6, total_sessions=6)
    assert numbered.stage == "closing"


def test_kicking_off_a_session_on_a_subject_is_not_a_first_meeting() -> None:
    assert not FIRST_MEETING.search("need 2 questions to kick off a session on spotting deepfake videos")
    assert FIRST_MEETING.search("kick off meeting with the cfo tomorrow")


def test_a_text_of_a_next_line_character_is_refused_by_the_schema_pattern_too() -> None:
    # NEL is stripped as a space but is no space to an ECMAScript "\s": the pattern says so
    pattern = AgendaRequest.model_json_schema()["$defs"]["OpenAction"]["properties"]["text"]["pattern"]
    assert "\\x85" in pattern
    with pytest.raises(ValidationError):
        OpenAction(text="\x85")
