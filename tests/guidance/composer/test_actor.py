"""Who is doing what to whom, read from the message and the playbooks' own wording."""

import pytest

from companion.guidance.composer.actor import partner_told, responds_to_other, who_acts


@pytest.mark.parametrize(
    ("message", "actor"),
    [
        ("she brings her assistant who answers for her and i cant get her to touch the laptop", "other"),
        ("i cant make our thursday sessions any more", "self"),
        ("my mentor keeps showing up 15 mins late to every session", "other"),
        ("he brushes off every idea i bring", "other"),
        ("My mentee made a comment about snowflakes", "other"),
        ("i keep having to cancel on my mentor because of board meetings", "self"),
        ("im always late to our sessions because of ward rounds", "self"),
        ("she talks so fast and uses so many acronyms i just nod along", "other"),
        ("we just dont click", None),
        ("he keeps cancelling and i keep rebooking", None),  # both: no side taken
    ],
)
def test_who_acts(message: str, actor: str | None) -> None:
    assert who_acts(message) == actor


@pytest.mark.parametrize(
    ("line", "responds"),
    [
        ("When it is your mentor who arrives late or cancels, raise it early.", True),
        ("When your mentor makes jokes about your age, raise it privately.", True),
        ('**Mentee, when the mentor keeps arriving late:** "I\'ve noticed..."', True),
        ('**Mentor, when asked to do the work:** "I\'d rather not..."', True),
        ("Respect your mentor's time as much as your own: arrive on time.", False),
        ('**Mentee, cancelling properly:** "I have to move Thursday."', False),
    ],
)
def test_responds_to_other(line: str, responds: bool) -> None:
    assert responds_to_other(line) is responds


@pytest.mark.parametrize(
    ("message", "told"),
    [
        ("my mentor let slip that we're being bought by a competitor", True),
        ("she mentioned the results before they were out", True),
        ("I mentioned the takeover to my mentor before it was announced", False),
        ("he told me something and I told my wife", False),  # both: not the partner's alone
        ("we're being bought, it's not announced yet", False),
    ],
)
def test_partner_told(message: str, told: bool) -> None:
    assert partner_told(message) is told
