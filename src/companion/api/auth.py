"""Authentication (Bearer API keys) and authorisation by role, as FastAPI dependencies.

Routes take `AnyKey` (mentor, mentee or admin) or `AdminKey`. No or unknown key: 401; known key,
wrong role: 403; over the per-key rate limit: 429 with Retry-After.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from companion.api.deps import ServicesDep
from companion.api.errors import ApiError
from companion.api.limits import RateLimiter
from companion.auth import KeyInfo

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="companion"'}
bearer = HTTPBearer(auto_error=False, description="An API key from `companion keys create`.")


def authenticated(
    request: Request,
    services: ServicesDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> KeyInfo:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials.strip():
        raise ApiError(401, "unauthorized", "send an API key as 'Authorization: Bearer <key>'", CHALLENGE)
    key = services.keys.authenticate(credentials.credentials.strip())
    if key is None:
        raise ApiError(401, "unauthorized", "unknown or revoked API key", CHALLENGE)
    request.state.key_name = key.name
    limiter: RateLimiter = request.app.state.rate_limiter
    wait = limiter.check(key.name)
    if wait is not None:
        raise ApiError(
            429,
            "rate_limited",
            f"more than {limiter.per_minute} requests in a minute with this key",
            {"Retry-After": limiter.retry_after(wait)},
        )
    return key


def admin_only(key: Annotated[KeyInfo, Depends(authenticated)]) -> KeyInfo:
    if key.role != "admin":
        raise ApiError(403, "forbidden", f"this needs an admin key; this key's role is {key.role}")
    return key


AnyKey = Annotated[KeyInfo, Depends(authenticated)]
AdminKey = Annotated[KeyInfo, Depends(admin_only)]
