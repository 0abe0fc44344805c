"""The stage words of a topic: a first meeting and a last session, however they are typed."""

import pytest

from companion.guidance.schemas import FIRST_MEETING, LAST_SESSION


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
