"""Who is signed in, as FastAPI dependencies: the session cookie, re-checked on every request.

The cookie names an API key by id; every request looks the key up again, so a revoked key signs
its sessions out at once, in every worker. Every POST carries the session's CSRF token in a
hidden field `csrf`, besides the SameSite=Lax cookie.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import FormData

from companion.auth import KeyInfo, KeyStore
from companion.server.deps import KeysDep, RevokedSessionsDep, SettingsDep
from companion.server.limits import over_rate_limit
from companion.web.pages import PageError, SignInRequired
from companion.web.session import COOKIE_NAME, SessionData, SessionSigner, load_secret

MAX_FORM_FIELDS = 50


@dataclass(frozen=True)
class User:
    key: KeyInfo
    csrf: str

    @property
    def role(self) -> str:
        return self.key.role

    @property
    def name(self) -> str:
        return self.key.name

    @property
    def is_admin(self) -> bool:
        return self.key.role == "admin"


def get_signer(request: Request, settings: SettingsDep) -> SessionSigner:
    """The session signer, made on first use from the app's settings and kept on the app."""
    signer: SessionSigner | None = getattr(request.app.state, "web_signer", None)
    if signer is None:
        signer = SessionSigner(load_secret(settings))
        request.app.state.web_signer = signer
    return signer


SignerDep = Annotated[SessionSigner, Depends(get_signer)]


def current_session(request: Request, signer: SignerDep) -> SessionData | None:
    return signer.loads(request.cookies.get(COOKIE_NAME))


SessionDep = Annotated[SessionData | None, Depends(current_session)]


def active_key(keys: KeyStore, session: SessionData) -> KeyInfo | None:
    """The session's key when it still exists and is not revoked."""
    if session.key_id is None:
        return None
    key = keys.get(session.key_id)
    if key is None or not key.active or key.prefix != session.key_prefix:
        return None
    return key


def _return_path(request: Request) -> str:
    """Where to come back after signing in: this page, or the form a POST came from."""
    return request.url.path


def signed_in(request: Request, keys: KeysDep, revoked: RevokedSessionsDep, session: SessionDep) -> User:
    if session is None or not session.signed_in:
        raise SignInRequired(_return_path(request))
    if revoked.is_revoked(session.csrf):  # signed out: a copy of the cookie is refused too
        raise SignInRequired(_return_path(request), reason="signed-out")
    key = active_key(keys, session)
    if key is None:
        raise SignInRequired(_return_path(request), reason="signed-out")
    request.state.key_name = key.name  # for the request log
    over = over_rate_limit(request, key.name)
    if over is not None:
        message = f"{over.message[:1].upper()}{over.message[1:]}. Wait a moment."
        raise PageError(429, "Too many requests", message, {"Retry-After": over.retry_after})
    user = User(key=key, csrf=session.csrf)
    request.state.web_user = user  # so that error pages still show who is signed in
    return user


SignedIn = Annotated[User, Depends(signed_in)]


def admin_only(user: SignedIn) -> User:
    if not user.is_admin:
        raise PageError(
            403,
            "Admins only",
            f"This page is for programme admins; you are signed in as a {user.role}.",
        )
    return user


Admin = Annotated[User, Depends(admin_only)]
ROLE_PAGES = {"mentor": "mentors", "mentee": "mentees", "admin": "programme admins"}


def role_in(*roles: str) -> Callable[[User], User]:
    """A dependency letting in the given roles only; the others get a 403 page saying why."""

    def check(user: SignedIn) -> User:
        if user.role not in roles:
            who = " and ".join(ROLE_PAGES[role] for role in roles)
            raise PageError(
                403, "Not part of your role", f"This page is for {who}; you are signed in as a {user.role}."
            )
        return user

    return check


Planner = Annotated[User, Depends(role_in("mentor", "admin"))]
Reflector = Annotated[User, Depends(role_in("mentee", "admin"))]


async def read_form(request: Request) -> FormData:
    return await request.form(max_files=1, max_fields=MAX_FORM_FIELDS)


def csrf_matches(form: FormData, expected: str) -> bool:
    sent = form.get("csrf")
    return isinstance(sent, str) and hmac.compare_digest(sent.encode(), expected.encode())


async def checked_form(request: Request, user: SignedIn) -> FormData:
    """The posted form of a signed-in user, once its CSRF token is checked."""
    form = await read_form(request)
    if not csrf_matches(form, user.csrf):
        raise PageError(
            403,
            "This form has expired",
            "The form was not sent from this session (its security token does not match). "
            "Go back, reload the page and send it again.",
        )
    return form


PostedForm = Annotated[FormData, Depends(checked_form)]
