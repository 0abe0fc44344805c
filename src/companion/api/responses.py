"""The error responses every route may give, declared once for the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


def _error(description: str, code: str, message: str) -> dict[str, Any]:
    return {
        "model": ErrorBody,
        "description": description,
        "content": {"application/json": {"example": {"error": {"code": code, "message": message}}}},
    }


KEYED: dict[int | str, dict[str, Any]] = {
    400: _error("The body cannot be parsed", "invalid_request", "There was an error parsing the body"),
    401: _error("No key, or an unknown or revoked one", "unauthorized", "unknown or revoked API key"),
    403: _error("This key's role may not do this", "forbidden", "this needs an admin key"),
    413: _error("The body is over the size limit", "too_large", "the request body is larger than the limit"),
    422: _error(
        "A field is invalid", "invalid_request", "minutes: Input should be greater than or equal to 15"
    ),
    429: _error("Too many requests with this key", "rate_limited", "more than 120 requests in a minute"),
    503: _error(
        "A dependency is down",
        "dependency_unavailable",
        "the Chroma server (COMPANION_CHROMA_URL) is not reachable",
    ),
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: _error("No such thing", "not_found", "no such entry")}
BAD_FILE: dict[int | str, dict[str, Any]] = {
    400: _error("The body or the file cannot be read", "invalid_file", "the file is not UTF-8 text"),
    409: _error("The name is taken", "invalid_key_request", "a key named 'ada' already exists"),
}
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: _error("It clashes with what is stored", "conflict", "a pair called 'sam-dana' exists already")
}
