"""Errors as `{"error": {"code", "message"}}` with the right status (see shared API.md)."""

from __future__ import annotations

import logging
import re

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from companion.errors import DependencyUnavailable

log = logging.getLogger(__name__)
# How long a client should wait before asking again when a dependency is down.
RETRY_AFTER_SECONDS = 5


class ApiError(Exception):
    """An error a route raises on purpose: a status, a stable code and a message for people."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def error_body(code: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message}}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_: Request, error: ApiError) -> JSONResponse:
        return JSONResponse(error_body(error.code, error.message), error.status, headers=error.headers)

    @app.exception_handler(DependencyUnavailable)
    async def _unavailable(request: Request, error: DependencyUnavailable) -> JSONResponse:
        log.warning("%s %s: %s unavailable: %s", request.method, request.url.path, error.dependency, error)
        return JSONResponse(
            error_body("dependency_unavailable", error.message),
            503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, error: RequestValidationError) -> JSONResponse:
        problems = []
        for detail in error.errors():
            field = ".".join(str(part) for part in detail["loc"] if part not in ("body", "query", "path"))
            problems.append(f"{field or 'request'}: {detail['msg']}")
        return JSONResponse(error_body("invalid_request", "; ".join(problems)), 422)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path, exc_info=error)
        return JSONResponse(error_body("internal_error", "an unexpected error; it has been logged"), 500)

    app.add_exception_handler(StarletteHTTPException, http_error)  # type: ignore[arg-type]


async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
    """An unknown address, a wrong method...: the JSON error of the API."""
    codes = {
        400: "invalid_request",
        404: "not_found",
        405: "method_not_allowed",
        401: "unauthorized",
        403: "forbidden",
    }
    code = codes.get(error.status_code, "http_error")
    headers = dict(error.headers or {})
    if error.status_code == 405:
        headers["Allow"] = ", ".join(allowed_methods(request))
    return JSONResponse(error_body(code, str(error.detail)), error.status_code, headers=headers)


def allowed_methods(request: Request) -> list[str]:
    """The methods the API documents at this path (Starlette names only the first route's). A
    path written out in full (/v1/feedback/import) wins over a template (/v1/feedback/{id})."""
    paths: dict[str, dict] = request.app.openapi()["paths"]
    if request.url.path in paths:
        return sorted(method.upper() for method in paths[request.url.path])
    methods: set[str] = set()
    for template, operations in paths.items():
        pattern = re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, request.url.path):
            methods |= {method.upper() for method in operations}
    return sorted(methods)
