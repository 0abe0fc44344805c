"""Forms: from posted fields to the services' pydantic request models, with errors by field.

A page keeps what the user typed (`values`, the raw strings) and shows each error next to its
field (`errors`, field name -> message).
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData

ModelT = TypeVar("ModelT", bound=BaseModel)


def text_values(form: FormData, *names: str) -> dict[str, str]:
    """The named fields as the user typed them (missing or file fields become '')."""
    values: dict[str, str] = {}
    for name in names:
        value = form.get(name)
        values[name] = value if isinstance(value, str) else ""
    return values


def lines(text: str) -> list[str]:
    """One entry per non-blank line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def optional(text: str) -> str | None:
    return text.strip() or None


def validate(model: type[ModelT], data: dict[str, Any]) -> tuple[ModelT | None, dict[str, str]]:
    """The request model, or None and one message per field."""
    try:
        return model.model_validate(data), {}
    except ValidationError as error:
        return None, field_errors(error)


def field_errors(error: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for detail in error.errors():
        location = detail["loc"]
        field = str(location[0]) if location else "form"
        message = friendly(detail)
        if len(location) > 1 and isinstance(location[1], int):
            message = f"Line {location[1] + 1}: {message[0].lower()}{message[1:]}"
        errors.setdefault(field, message)
    return errors


def friendly(detail: Any) -> str:
    """Pydantic's message in plain words for the common cases."""
    kind = detail["type"]
    context = detail.get("ctx") or {}
    if kind == "missing":
        return "This is required."
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "Enter a whole number."
    if kind == "greater_than_equal":
        return f"Enter {context['ge']} or more."
    if kind == "less_than_equal":
        return f"Enter {context['le']} or less."
    if kind == "string_too_short":
        blank = not str(detail.get("input") or "").strip()
        if blank or context.get("min_length", 1) <= 1:
            return "This is required."
        return f"Enter at least {context['min_length']} characters."
    if kind == "string_too_long":
        return f"Enter at most {context['max_length']} characters."
    if kind == "too_long":
        return f"At most {context['max_length']} lines."
    if kind == "literal_error":
        return f"Choose one of {context.get('expected', 'the options')}."
    message = str(detail["msg"]).removeprefix("Value error, ")  # our validators' own words
    return f"{message[:1].upper()}{message[1:]}"
