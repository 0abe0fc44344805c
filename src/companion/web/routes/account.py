"""Signing in with an API key, signing out, and the home page of each role."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from companion.pairs import Viewer
from companion.server.deps import FeedbackDep, KeysDep, RevokedSessionsDep, WorkspaceDep
from companion.web.auth import SessionDep, SignedIn, SignerDep, active_key, csrf_matches, read_form
from companion.web.pages import PageError, clear_session_cookie, render, safe_next, set_session_cookie
from companion.web.routes.common import page_router
from companion.web.session import new_session

router = page_router()
NOTICES = {
    "signed-out": "You have been signed out: your session ended or your key was revoked. Sign in again.",
    "goodbye": "You are signed out.",
}
NextPath = Annotated[str, Query(max_length=500)]


@router.get("/")
def home(request: Request, user: SignedIn, workspace: WorkspaceDep, feedback: FeedbackDep) -> Response:
    """What to do next: each pair's next session, open actions and reflections to write; for an
    admin, the programme's health."""
    viewer = Viewer(user.key.id, user.key.person_id, user.role)
    context: dict[str, Any] = {"user": user, "csrf": user.csrf}
    if user.is_admin:
        context["health"] = workspace.health(viewer)
        summary = feedback.cached_summary()  # never computed here: the home page must not wait
        context["summary_ready"] = summary is not None
        context["moved"] = [t for t in summary.themes if t.trend.direction != "steady"] if summary else []
    else:
        context["steps"] = workspace.next_steps(viewer)
    return render(request, "home.html", context)


@router.get("/signin")
def signin_page(
    request: Request,
    keys: KeysDep,
    signer: SignerDep,
    session: SessionDep,
    next: NextPath = "/",
    reason: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    if session is not None and session.signed_in and active_key(keys, session) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    anonymous = session if session is not None and not session.signed_in else new_session()
    context = {"csrf": anonymous.csrf, "next": safe_next(next), "notice": NOTICES.get(reason or "")}
    response = render(request, "signin.html", context)
    if anonymous is not session:
        set_session_cookie(request, response, signer.dumps(anonymous), signer.max_age)
    return response


@router.post("/signin")
async def sign_in(request: Request, keys: KeysDep, signer: SignerDep, session: SessionDep) -> Response:
    form = await read_form(request)
    next_path = safe_next(str(form.get("next") or "/"))
    if session is None or not csrf_matches(form, session.csrf):
        # No cookie (or one from another session): start afresh rather than trust the post.
        fresh = new_session()
        context = {
            "csrf": fresh.csrf,
            "next": next_path,
            "errors": {"key": "The sign-in form expired or your browser refused its cookie. Try again."},
        }
        response = render(request, "signin.html", context, status=400)
        set_session_cookie(request, response, signer.dumps(fresh), signer.max_age)
        return response
    secret = str(form.get("key") or "").strip()
    key = await run_in_threadpool(keys.authenticate, secret) if secret else None
    if key is None:
        message = (
            "Paste your sign-in key."
            if not secret
            else "This key is not valid, or it has been replaced. Ask your programme team for a new one."
        )
        context = {"csrf": session.csrf, "next": next_path, "errors": {"key": message}}
        return render(request, "signin.html", context, status=400)  # the key is never echoed back
    redirect = RedirectResponse(next_path, status_code=303)
    set_session_cookie(request, redirect, signer.dumps(new_session(key.id, key.prefix)), signer.max_age)
    return redirect


@router.post("/signout")
async def sign_out(
    request: Request, session: SessionDep, signer: SignerDep, revoked: RevokedSessionsDep
) -> Response:
    """Signing out ends the session on the server too: a copy of the cookie stops working."""
    form = await read_form(request)
    if session is not None and session.signed_in and not csrf_matches(form, session.csrf):
        raise PageError(403, "This form has expired", "Reload the page and sign out again.")
    if session is not None and session.signed_in:
        expires = datetime.fromtimestamp(session.issued + signer.max_age, UTC)
        await run_in_threadpool(revoked.revoke, session.csrf, expires)
    response = RedirectResponse("/signin?reason=goodbye", status_code=303)
    clear_session_cookie(request, response)
    return response
