"""People in the programme: added one by one or from a roster CSV, all of a roster or none of it."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from companion.db import Database
from companion.db.models import Person
from companion.pairs.schemas import unstorable

PersonRole = Literal["mentor", "mentee", "admin"]
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
ROSTER_COLUMNS = ("name", "email", "role")
MAX_ROSTER_ROWS = 2000


class PeopleError(ValueError):
    """A person or roster that cannot be stored as sent; `problems` gives each one (line, text)."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]


class PersonTaken(PeopleError):
    """An e-mail already in the programme."""


class PersonIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"name": "Sam Okafor", "email": "sam@example.org", "role": "mentor"}]
        },
    )

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    email: Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, max_length=254)]
    role: PersonRole
    timezone: str = Field(default="UTC", max_length=64, description="An IANA zone, e.g. Europe/London.")

    @model_validator(mode="before")
    @classmethod
    def _storable(cls, data: Any) -> Any:
        reason = unstorable(data)
        if reason:
            raise ValueError(f"a field {reason}")
        return data

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if not EMAIL.match(value):
            raise ValueError("enter an e-mail address such as name@example.org")
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        value = value.strip() or "UTC"
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(_not_a_zone(value)) from error
        if value not in available_timezones() and value != "UTC":
            raise ValueError(_not_a_zone(value))
        return value


def _not_a_zone(value: str) -> str:
    """Why a time zone is refused, with the zone meant when a city alone was typed ('London')."""
    city = "/" + value.strip().replace(" ", "_").lower()
    meant = sorted(zone for zone in available_timezones() if zone.lower().endswith(city))
    hint = f": did you mean {meant[0]}?" if meant else " such as Europe/London"
    return f"{value!r} is not a time zone name{hint}"


@dataclass(frozen=True)
class PersonOut:
    id: int
    name: str
    email: str
    role: str
    timezone: str


def _out(row: Person) -> PersonOut:
    return PersonOut(row.id, row.name, row.email, row.role, row.timezone)


class PeopleStore:
    def __init__(self, database: Database) -> None:
        self.database = database

    def add(self, person: PersonIn) -> PersonOut:
        return self.add_many([person])[0]

    def add_many(self, people: list[PersonIn]) -> list[PersonOut]:
        """Everyone, or nobody when one e-mail is taken (in the store or twice in `people`)."""
        emails = [person.email for person in people]
        repeated = sorted({email for email in emails if emails.count(email) > 1})
        if repeated:
            raise PeopleError(f"e-mail listed twice: {', '.join(repeated)}")

        def work(session: Session) -> list[PersonOut]:
            taken = set(session.scalars(select(Person.email).where(Person.email.in_(emails))))
            if taken:
                raise PersonTaken(f"already in the programme: {', '.join(sorted(taken))}")
            rows = [Person(**person.model_dump()) for person in people]
            session.add_all(rows)
            session.flush()
            return [_out(row) for row in rows]

        try:
            return self.database.write(work)
        except IntegrityError as error:  # two admins adding the same person at once
            raise PersonTaken("a person with that e-mail was added meanwhile; reload and check") from error

    def import_roster(self, text: str) -> list[PersonOut]:
        """People from a CSV with the columns name, email, role (and optionally timezone).
        Every row is checked first; one bad row stores nothing and every problem is listed."""
        return self.add_many(parse_roster(text))

    def all(self) -> list[PersonOut]:
        return self.database.read(
            lambda session: [_out(row) for row in session.scalars(select(Person).order_by(Person.name))]
        )

    def get(self, person_id: int) -> PersonOut | None:
        row = self.database.read(lambda session: session.get(Person, person_id))
        return _out(row) if row is not None else None

    def by_email(self, email: str) -> PersonOut | None:
        wanted = email.strip().lower()
        row = self.database.read(
            lambda session: session.scalar(select(Person).where(func.lower(Person.email) == wanted))
        )
        return _out(row) if row is not None else None


def parse_roster(text: str) -> list[PersonIn]:
    """The roster's people; PeopleError lists each bad line (line 1 is the header)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    missing = [column for column in ROSTER_COLUMNS if column not in header]
    if missing:
        raise PeopleError(f"the roster needs the columns name, email and role; missing: {', '.join(missing)}")
    reader.fieldnames = header
    people: list[PersonIn] = []
    problems: list[str] = []
    for line, row in enumerate(reader, start=2):
        if len(people) + len(problems) >= MAX_ROSTER_ROWS:
            raise PeopleError(f"a roster holds at most {MAX_ROSTER_ROWS} people; split the file")
        values = {
            key: (value or "").strip() for key, value in row.items() if key in (*ROSTER_COLUMNS, "timezone")
        }
        if not any(values.values()):
            continue
        values["role"] = values.get("role", "").lower()
        if not values.get("timezone"):
            values.pop("timezone", None)
        try:
            people.append(PersonIn.model_validate(values))
        except ValidationError as error:
            for detail in error.errors():
                field = detail["loc"][0] if detail["loc"] else "row"
                problems.append(f"line {line}, {field}: {detail['msg'].removeprefix('Value error, ')}")
    if problems:
        raise PeopleError(f"{len(problems)} problem(s) in the roster; nothing was added", problems)
    if not people:
        raise PeopleError("the roster has no people in it")
    return people
