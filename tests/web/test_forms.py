"""Form fields to request models, with plain-words errors by field."""

from __future__ import annotations

from companion.guidance.schemas import AgendaRequest
from companion.web.forms import lines, validate
from companion.web.routes.mentor import agenda_input


def test_blank_fields_take_their_defaults_and_lists_come_by_line() -> None:
    values = dict.fromkeys(
        ("topic", "minutes", "session_number", "total_sessions", "mentee_role", "goals", "talking_points"), ""
    )
    values |= {"topic": " AI tools ", "minutes": "30", "goals": "a\n\n  b  \n"}
    request, errors = validate(AgendaRequest, agenda_input(values))
    assert errors == {} and request is not None
    assert request.topic == "AI tools" and request.session_number == 1 and request.total_sessions is None
    assert request.goals == ["a", "b"] and request.mentee_role is None


def test_errors_are_by_field_in_plain_words() -> None:
    _, errors = validate(AgendaRequest, {"minutes": "300", "goals": ["ok"] * 11})
    assert errors == {
        "topic": "This is required.",
        "minutes": "Enter 240 or less.",
        "goals": "At most 10 lines.",
    }
    assert lines(" \n") == []
