"""People one by one and from a roster: all of a roster or none of it, each problem by line."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from companion.pairs import PeopleError, PeopleStore, PersonIn


def test_a_roster_adds_everyone_with_defaults(database) -> None:
    people = PeopleStore(database)
    added = people.import_roster(
        "\ufeffName,Email,Role,Timezone\nSam Okafor,SAM@example.org,Mentor,Europe/London\n"
        "Dana Reid,dana@example.org,mentee,\n\n"
    )
    assert [(p.name, p.email, p.role, p.timezone) for p in added] == [
        ("Sam Okafor", "sam@example.org", "mentor", "Europe/London"),
        ("Dana Reid", "dana@example.org", "mentee", "UTC"),
    ]
    assert people.by_email("Sam@Example.org").name == "Sam Okafor"  # type: ignore[union-attr]


def test_a_roster_with_bad_rows_adds_nobody_and_names_each_line(database) -> None:
    people = PeopleStore(database)
    with pytest.raises(PeopleError) as error:
        people.import_roster(
            "name,email,role,timezone\nSam,sam@example.org,mentor,\nDana,not-an-email,mentee,\n"
            "Lee,lee@example.org,boss,\nAda,ada@example.org,mentor,Mars/Olympus\n"
        )
    problems = error.value.problems
    assert any(p.startswith("line 3, email") for p in problems)
    assert any(p.startswith("line 4, role") for p in problems)
    assert any(p.startswith("line 5, timezone") for p in problems)
    assert people.all() == []


def test_a_missing_column_or_a_taken_email_is_refused(database) -> None:
    people = PeopleStore(database)
    with pytest.raises(PeopleError, match="missing: role"):
        people.import_roster("name,email\nSam,sam@example.org\n")
    people.add(PersonIn(name="Sam", email="sam@example.org", role="mentor"))
    with pytest.raises(PeopleError, match=r"already in the programme: sam@example\.org"):
        people.import_roster("name,email,role\nDana,dana@example.org,mentee\nSam,sam@example.org,mentor\n")
    with pytest.raises(PeopleError, match="listed twice"):
        people.import_roster("name,email,role\nA,a@example.org,mentee\nB,a@example.org,mentee\n")
    assert [p.email for p in people.all()] == ["sam@example.org"]


def test_a_person_is_validated_at_the_edge() -> None:
    with pytest.raises(ValidationError):
        PersonIn(name="", email="x@example.org", role="mentor")
    with pytest.raises(ValidationError):
        PersonIn(name="X", email="x@example.org", role="mentor", timezone="Nowhere/Land")


def test_text_a_database_cannot_store_is_refused_at_the_edge() -> None:
    from companion.pairs.schemas import GoalIn, SessionRecordIn

    with pytest.raises(ValidationError, match="NUL"):
        GoalIn(text="post\x00monthly")
    with pytest.raises(ValidationError, match="surrogate"):
        SessionRecordIn(held_on="2026-11-02", topic="x", actions=[{"text": "\ud800"}])
    with pytest.raises(ValidationError, match="NUL"):
        PersonIn(name="Sam\x00", email="sam@example.org", role="mentor")
