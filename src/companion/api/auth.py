"""Authentication (Bearer API keys) and authorisation by role, as FastAPI dependencies.

Routes take `AnyKey` (mentor, mentee or admin) or `AdminKey`. No or unknown key: 401; known key,
wrong role: 403; over the per-key rate limit: 429 with Retry-After.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from companion.auth import KeyInfo
from companion.pairs import Viewer
from companion.server.deps import KeysDep
from companion.server.errors import ApiError
from companion.server.limits import over_rate_limit

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="companion"'}
bearer = HTTPBearer(auto_error=False, description="An API key from `companion keys create`.")


def authenticated(
    request: Request,
    keys: KeysDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> KeyInfo:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials.strip():
        raise ApiError(401, "unauthorized", "send an API key as 'Authorization: Bearer <key>'", CHALLENGE)
    key = keys.authenticate(credentials.credentials.strip())
    if key is None:
        raise ApiError(401, "unauthorized", "unknown or revoked API key", CHALLENGE)
    request.state.key_name = key.name
    over = over_rate_limit(request, key.name)
    if over is not None:
        raise ApiError(429, "rate_limited", over.message, {"Retry-After": over.retry_after})
    return key


def admin_only(key: Annotated[KeyInfo, Depends(authenticated)]) -> KeyInfo:
    if key.role != "admin":
        raise ApiError(403, "forbidden", f"this needs an admin key; this key's role is {key.role}")
    return key


AnyKey = Annotated[KeyInfo, Depends(authenticated)]
AdminKey = Annotated[KeyInfo, Depends(admin_only)]


def caller(key: AnyKey) -> Viewer:
    """The caller as the pair workspace sees them: the key, its person and its role."""
    return Viewer(key.id, key.person_id, key.role)


def admin_caller(key: AdminKey) -> Viewer:
    return Viewer(key.id, key.person_id, key.role)


Caller = Annotated[Viewer, Depends(caller)]
AdminCaller = Annotated[Viewer, Depends(admin_caller)]
