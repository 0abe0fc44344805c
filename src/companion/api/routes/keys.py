"""Managing API keys over HTTP (admin only); `companion keys` does the same from the shell."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Response, status
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from companion.api.auth import AdminKey
from companion.api.responses import BAD_FILE, KEYED, NOT_FOUND
from companion.auth import (
    KeyInfo,
    KeyNameTaken,
    KeyNotFound,
    KeyPersonMismatch,
    KeyPersonNotFound,
    KeyRequestError,
    Role,
)
from companion.server.deps import KeysDep
from companion.server.errors import ApiError

router = APIRouter(prefix="/v1/keys", tags=["keys"], responses=KEYED | NOT_FOUND | BAD_FILE)
KeyName = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9 ._@-]*$"
    ),
]


class KeyCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"role": "mentor", "name": "ada"}]}
    )

    role: Role
    name: KeyName | None = Field(default=None, description="A name to tell keys apart; made up when empty.")
    person_id: int | None = Field(
        default=None,
        ge=1,
        le=2**31 - 1,
        description="The person the key belongs to (their pairs are what it sees).",
    )


class KeyOut(BaseModel):
    name: str
    role: str
    prefix: str = Field(description="The key's first characters, to recognise it.")
    created_at: datetime
    revoked_at: datetime | None
    person_id: int | None = None


class KeyCreated(KeyOut):
    key: str = Field(description="The API key. It is shown this once and stored only as a hash.")


def _out(info: KeyInfo) -> KeyOut:
    return KeyOut(
        name=info.name,
        role=info.role,
        prefix=info.prefix,
        created_at=info.created_at,
        revoked_at=info.revoked_at,
        person_id=info.person_id,
    )


@router.post("", response_model=KeyCreated, status_code=status.HTTP_201_CREATED, summary="Create an API key")
def create_key(request: KeyCreate, response: Response, keys: KeysDep, _: AdminKey) -> KeyCreated:
    """The new key is in this response alone: no cache may keep it."""
    response.headers["Cache-Control"] = "no-store"
    try:
        info, secret = keys.create(request.role, request.name, request.person_id)
    except (KeyNameTaken, KeyPersonMismatch) as error:
        raise ApiError(409, "invalid_key_request", str(error)) from error
    except KeyPersonNotFound as error:
        raise ApiError(404, "not_found", str(error)) from error
    except KeyRequestError as error:
        raise ApiError(422, "invalid_key_request", str(error)) from error
    return KeyCreated(**_out(info).model_dump(), key=secret)


@router.get("", response_model=list[KeyOut], summary="List API keys (never the keys themselves)")
def list_keys(keys: KeysDep, _: AdminKey) -> list[KeyOut]:
    return [_out(info) for info in keys.list()]


@router.delete("/{name}", status_code=status.HTTP_204_NO_CONTENT, summary="Revoke an API key at once")
def revoke_key(name: Annotated[str, Path(max_length=100)], keys: KeysDep, _: AdminKey) -> Response:
    try:
        keys.revoke(name)
    except KeyNotFound as error:
        raise ApiError(404, "not_found", str(error)) from error
    return Response(status_code=status.HTTP_204_NO_CONTENT)
