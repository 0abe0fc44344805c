"""Rendering pages: the Jinja2 environment, security headers, and HTML error pages.

Web routes use `PageRoute`, which turns what a page can raise (sign-in needed, forbidden, a
dependency down, a bad address) into an HTML page, while the JSON API keeps its own handlers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from companion.errors import DependencyUnavailable
from companion.feedback.summary import month_label
from companion.server.errors import RETRY_AFTER_SECONDS
from companion.text import plain, without_list_marker
from companion.web.session import COOKIE_NAME

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
templates = Jinja2Templates(directory=str(HERE / "templates"))
# No scripts at all; styles only from our own file; forms post only to us; never framed.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def passage_href(chunk_id: str) -> str:
    """The page of one passage; chunk ids hold '#' (and '/' for nested headings)."""
    return "/passages/" + quote(chunk_id, safe="/")


def menu(role: str) -> list[tuple[str, str]]:
    """The main menu of a role: (address, label), in order. Pages of other roles are left out."""
    entries = [("/pairs", "Pairs" if role == "admin" else "My pair")]
    if role in ("mentor", "admin"):
        entries += [("/plan", "Plan a session"), ("/starters", "Starters")]
    if role in ("mentee", "admin"):
        entries.append(("/reflect", "Reflect"))
    entries += [("/coach", "Coaching"), ("/search", "Knowledge")]
    if role == "admin":
        entries += [("/admin/import", "Import"), ("/admin/themes", "Themes"), ("/admin/people", "People")]
    return entries


def is_current(path: str, href: str) -> bool:
    """The menu entry of a page: its own address or one below it (/pairs/3 is under Pairs)."""
    return path == href or (href != "/" and path.startswith(href + "/"))


templates.env.globals["passage_href"] = passage_href
templates.env.globals["menu"] = menu
templates.env.globals["month_label"] = month_label
templates.env.globals["is_current"] = is_current
templates.env.filters["plain"] = lambda text: without_list_marker(plain(text))


class SignInRequired(Exception):
    """No valid session: go to the sign-in page, and come back to `next_path` after."""

    def __init__(self, next_path: str | None = None, reason: str | None = None) -> None:
        super().__init__(reason or "sign in")
        self.next_path = next_path
        self.reason = reason


class PageError(Exception):
    """A page that cannot be shown: its status, a title and an explanation for people."""

    def __init__(self, status: int, title: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.title = title
        self.message = message
        self.headers = headers or {}


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """A page. `user` and `csrf` in the context drive the header's navigation and the forms."""
    context = {"user": None, "csrf": None, "errors": {}, "values": {}, **(context or {})}
    response = templates.TemplateResponse(request, template, context, status_code=status)
    response.headers.update({**SECURITY_HEADERS, **(headers or {})})
    return response


def set_session_cookie(request: Request, response: Response, value: str, max_age: int) -> None:
    """HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts), and Secure
    when the request came over https (behind a proxy: uvicorn's --proxy-headers, on by default
    for 127.0.0.1, takes the scheme from X-Forwarded-Proto)."""
    response.set_cookie(
        COOKIE_NAME,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def clear_session_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(
        COOKIE_NAME, path="/", httponly=True, samesite="lax", secure=request.url.scheme == "https"
    )


def safe_next(path: str | None) -> str:
    """Only a path on this site, never a protocol-relative or absolute address of another site
    (no open redirect)."""
    if not path or not path.startswith("/") or path.startswith(("//", "/\\")) or "\n" in path:
        return "/"
    return path


def sign_in_redirect(request: Request, error: SignInRequired) -> RedirectResponse:
    query = {"next": error.next_path} if error.next_path and error.next_path != "/" else {}
    if error.reason:
        query["reason"] = error.reason
    response = RedirectResponse("/signin" + (f"?{urlencode(query)}" if query else ""), status_code=303)
    if error.reason:  # the session named a key that is gone: forget it at once
        clear_session_cookie(request, response)
    return response


def error_page(request: Request, status: int, title: str, message: str, **headers: str) -> HTMLResponse:
    user = getattr(request.state, "web_user", None)
    context = {"title": title, "message": message, "status": status, "user": user}
    if user is not None:
        context["csrf"] = user.csrf
    return render(request, "error.html", context, status=status, headers=headers)


class PageRoute(APIRoute):
    """An APIRoute whose failures are HTML pages instead of the API's JSON errors."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def page_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except SignInRequired as error:
                return sign_in_redirect(request, error)
            except PageError as error:
                return error_page(request, error.status, error.title, error.message, **error.headers)
            except DependencyUnavailable as error:
                log.warning(
                    "%s %s: %s unavailable: %s", request.method, request.url.path, error.dependency, error
                )
                return error_page(
                    request,
                    503,
                    "Temporarily unavailable",
                    f"Part of the companion is not available right now ({error.dependency}). "
                    "Nothing you entered was lost: try again in a moment.",
                    **{"Retry-After": str(RETRY_AFTER_SECONDS)},
                )
            except RequestValidationError:
                return error_page(
                    request, 400, "Bad address", "This address has a value the page cannot use."
                )
            except StarletteHTTPException as error:
                return error_page(request, error.status_code, "Something is not right", str(error.detail))
            except Exception:
                log.exception("%s %s failed", request.method, request.url.path)
                return error_page(
                    request, 500, "Something went wrong", "An unexpected error; it has been logged."
                )

        return page_handler


MACHINE_PATHS = ("/v1/", "/healthz", "/readyz", "/openapi.json", "/docs", "/static/")
BROWSER_ERRORS = {
    404: ("Page not found", "There is no page at this address. It may have moved, or the link was wrong."),
    405: ("Not available this way", "This page cannot be opened like that. Start from the home page."),
}


def wants_html(request: Request) -> bool:
    """A browser asking for a page (not an API client, a health check or a file)."""
    if request.url.path.startswith(MACHINE_PATHS):
        return False
    return "text/html" in request.headers.get("accept", "")


def browser_error(request: Request, status: int) -> HTMLResponse:
    """The page for an address no route serves (404) or a method it does not take (405)."""
    fallback = ("Something is not right", "This request could not be served.")
    title, message = BROWSER_ERRORS.get(status, fallback)
    return error_page(request, status, title, message)
