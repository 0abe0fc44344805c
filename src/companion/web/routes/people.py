"""Admins add people (one by one or from a roster CSV) and pair them; `/pairs` lists the pairs."""

from __future__ import annotations

from functools import cache
from typing import Any
from zoneinfo import available_timezones

from fastapi import Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from companion.auth.keys import KeyRequestError
from companion.pairs import NotFound, PeopleError, PersonIn, WorkspaceError
from companion.pairs.schemas import PairIn
from companion.server.deps import KeysDep, SettingsDep, WorkspaceDep
from companion.server.uploads import UploadTooLarge, read_upload
from companion.web.auth import Admin, PostedForm, User
from companion.web.forms import text_values, validate
from companion.web.pages import render
from companion.web.routes.common import page_router
from companion.web.routes.pairs import see_other

router = page_router()
PERSON_FIELDS = ("name", "email", "role", "timezone")
PAIR_FIELDS = ("mentor_id", "mentee_id", "name", "started_on", "planned_sessions", "rhythm_days")


@cache
def zone_names() -> list[str]:
    """Region/City zones for the time-zone field's list (read from the system's tz database once)."""
    return sorted(
        zone for zone in available_timezones() if "/" in zone and not zone.startswith(("Etc/", "SystemV/"))
    )


def people_page(
    request: Request, user: User, workspace: Any, extra: dict[str, Any] | None = None, status: int = 200
) -> Response:
    people = workspace.people.all()
    zones = [person.timezone for person in people]
    usual = max(set(zones), key=zones.count) if zones else "UTC"  # new people default to the usual zone
    context: dict[str, Any] = {
        "user": user,
        "csrf": user.csrf,
        "people": people,
        "mentors": [person for person in people if person.role == "mentor"],
        "mentees": [person for person in people if person.role == "mentee"],
        "person_values": {"role": "mentor", "timezone": usual},
        "zones": zone_names(),
        "pair_values": {},
        "errors": {},
        "added": next(
            (person for person in people if str(person.id) == request.query_params.get("added")), None
        ),
    } | (extra or {})
    return render(request, "people.html", context, status=status)


@router.get("/admin/people")
def people(request: Request, user: Admin, workspace: WorkspaceDep) -> Response:
    return people_page(request, user, workspace)


@router.post("/admin/people")
def add_person(request: Request, user: Admin, form: PostedForm, workspace: WorkspaceDep) -> Response:
    values = text_values(form, *PERSON_FIELDS)
    data = {name: value.strip() for name, value in values.items() if value.strip()}
    person, errors = validate(PersonIn, data)
    if person is None:
        return people_page(request, user, workspace, {"person_values": values, "errors": errors}, 422)
    try:
        added = workspace.people.add(person)
    except PeopleError as error:
        return people_page(
            request, user, workspace, {"person_values": values, "errors": {"email": str(error)}}, 422
        )
    return see_other(f"/admin/people?added={added.id}#people")


@router.post("/admin/people/{person_id}/key")
def make_key(
    request: Request, person_id: int, user: Admin, keys: KeysDep, workspace: WorkspaceDep
) -> Response:
    """A sign-in key for one person, shown once on the page that answers (never stored in clear,
    never put in an address), for the admin to pass on privately."""
    person = next((person for person in workspace.people.all() if person.id == person_id), None)
    if person is None:
        return people_page(request, user, workspace, {"key_error": "There is no such person."}, 404)
    try:  # named after the person, so that the header greets them; else the role's default name
        _, secret = keys.create(person.role, person.name, person.id)
    except KeyRequestError:
        _, secret = keys.create(person.role, None, person.id)
    return people_page(request, user, workspace, {"new_key": {"person": person, "secret": secret}})


@router.post("/admin/people/import")
async def import_roster(
    request: Request, user: Admin, form: PostedForm, workspace: WorkspaceDep, settings: SettingsDep
) -> Response:
    upload = form.get("roster")
    problems: list[str] = []
    if not isinstance(upload, UploadFile) or not upload.filename:
        problems = ["Choose a CSV file with the columns name, email and role."]
    else:
        try:
            text = (await read_upload(upload, settings.max_body_bytes)).decode("utf-8-sig")
            workspace.people.import_roster(text)
        except UploadTooLarge as error:
            problems = [str(error)]
        except UnicodeDecodeError:
            problems = ["The file is not UTF-8 text; save it as “CSV UTF-8” and try again."]
        except PeopleError as error:
            problems = error.problems
    if problems:
        return people_page(request, user, workspace, {"roster_problems": problems}, 422)
    return see_other("/admin/people#people")


@router.post("/admin/pairs")
def add_pair(request: Request, user: Admin, form: PostedForm, workspace: WorkspaceDep) -> Response:
    values = text_values(form, *PAIR_FIELDS)
    data = {name: value.strip() for name, value in values.items() if value.strip()}
    pair, errors = validate(PairIn, data)
    if pair is None:
        return people_page(request, user, workspace, {"pair_values": values, "errors": errors}, 422)
    try:
        created = workspace.pairs.create(pair)
    except (WorkspaceError, NotFound) as error:
        field, _, message = str(error).partition(": ")
        errors = {field if field in PAIR_FIELDS else "name": message or str(error)}
        return people_page(request, user, workspace, {"pair_values": values, "errors": errors}, 422)
    return see_other(f"/pairs/{created.id}")
