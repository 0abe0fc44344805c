"""People in the programme (admin only): one by one, or a roster CSV of name, email, role."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, UploadFile, status
from pydantic import BaseModel

from companion.api.auth import AdminKey
from companion.api.responses import BAD_FILE, CONFLICT, KEYED
from companion.pairs import PeopleError, PersonIn, PersonTaken
from companion.server.deps import PeopleDep, SettingsDep
from companion.server.errors import ApiError
from companion.server.uploads import UploadTooLarge, read_upload

router = APIRouter(prefix="/v1/people", tags=["people and pairs"], responses=KEYED | BAD_FILE | CONFLICT)


class PersonOutModel(BaseModel):
    id: int
    name: str
    email: str
    role: str
    timezone: str


def _refused(error: PeopleError) -> ApiError:
    if isinstance(error, PersonTaken):
        return ApiError(409, "conflict", str(error))
    return ApiError(422, "invalid_request", "; ".join(error.problems))


@router.post("", response_model=PersonOutModel, status_code=status.HTTP_201_CREATED, summary="Add a person")
def add_person(person: PersonIn, people: PeopleDep, _: AdminKey) -> PersonOutModel:
    try:
        return PersonOutModel(**people.add(person).__dict__)
    except PeopleError as error:
        raise _refused(error) from error


@router.get("", response_model=list[PersonOutModel], summary="Everyone in the programme")
def list_people(people: PeopleDep, _: AdminKey) -> list[PersonOutModel]:
    return [PersonOutModel(**person.__dict__) for person in people.all()]


@router.post(
    "/import",
    response_model=list[PersonOutModel],
    status_code=status.HTTP_201_CREATED,
    summary="Add everyone in a roster CSV (name, email, role, optional timezone): all or nobody",
)
async def import_roster(
    file: Annotated[UploadFile, File()], people: PeopleDep, settings: SettingsDep, _: AdminKey
) -> list[PersonOutModel]:
    try:
        content = await read_upload(file, settings.max_body_bytes)
    except UploadTooLarge as error:
        raise ApiError(413, "too_large", str(error)) from error
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ApiError(400, "invalid_file", "the roster is not UTF-8 text; save it as CSV UTF-8") from error
    try:
        return [PersonOutModel(**person.__dict__) for person in people.import_roster(text)]
    except PeopleError as error:
        raise _refused(error) from error
