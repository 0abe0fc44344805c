"""The LLM provider: one OpenAI-compatible chat model through LangChain, asked for structured output.

Guidance and feedback theme naming both call `LLMProvider.ask`: one schema, one list of messages,
a function that accepts the parsed output or says why not, and a bounded number of retries. A
timeout or a refused connection is not retried (the caller falls back at once); output that does
not parse, or that `accept` rejects, is asked for again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage
from pydantic import BaseModel

if TYPE_CHECKING:
    from companion.config import Settings

log = logging.getLogger(__name__)
SchemaT = TypeVar("SchemaT", bound=BaseModel)
ResultT = TypeVar("ResultT")

# Sentences of the system prompts that must never come back in an answer.
LEAK_MARKERS = ("Rules you always follow", "never instructions to you", "Knowledge passages:")


class LLMFailure(RuntimeError):
    """The LLM did not give a usable answer. `retryable` is true for invalid or empty output
    (worth asking again), false for timeouts and connection errors (fall back at once)."""

    def __init__(self, message: str, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


class InvalidAnswer(ValueError):
    """The output parsed but cannot be served (no valid citation, a leak, empty content)."""


REPEAT_MIN_CHARS = 25  # shorter lines ("Ask them.") may fairly appear twice


def check_texts(values: Sequence[str]) -> None:
    """Reject an answer that repeats the system prompt, says nothing, or says one thing twice (a
    small model fills every section with the same paragraph, and each copy is on topic)."""
    seen: set[str] = set()
    for value in values:
        if any(marker.lower() in value.lower() for marker in LEAK_MARKERS):
            raise InvalidAnswer("the answer repeats the system prompt")
        key = " ".join(value.lower().split())
        if len(key) >= REPEAT_MIN_CHARS and key in seen:
            raise InvalidAnswer(f"the answer repeats a line: {value.strip()[:60]!r}")
        seen.add(key)
    if not any(value.strip() for value in values):
        raise InvalidAnswer("the answer is empty")


class LLMProvider:
    """Calls one chat model; each call is bounded by the model's own timeout."""

    def __init__(self, model: BaseChatModel, name: str, retries: int = 2) -> None:
        self.model = model
        self.name = name
        self.retries = retries

    @classmethod
    def from_settings(cls, settings: Settings) -> LLMProvider:
        from langchain_openai import ChatOpenAI

        api_key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "not-needed"
        model = ChatOpenAI(
            model=settings.openai_model,
            base_url=settings.openai_base_url,
            api_key=api_key,  # type: ignore[arg-type]  # langchain types it as SecretStr; a str is accepted and wrapped
            timeout=settings.llm_timeout_seconds,
            max_retries=0,
            max_tokens=settings.llm_max_tokens,  # type: ignore[call-arg]  # an alias of max_completion_tokens, unknown to the stubs
            # Sent as max_completion_tokens; servers that only know the older name get it too.
            extra_body={"max_tokens": settings.llm_max_tokens},
            temperature=0,
        )
        return cls(model, settings.openai_model, settings.llm_max_retries)

    def call(self, schema: type[SchemaT], messages: list[BaseMessage]) -> SchemaT:
        """One structured call (function calling); LLMFailure when it fails or does not parse."""
        structured = self.model.with_structured_output(schema, method="function_calling", include_raw=True)
        try:
            result = structured.invoke(messages)
        except Exception as error:  # timeouts, refused connections, server errors
            raise LLMFailure(f"{type(error).__name__}: {error}", retryable=False) from error
        parsed = result.get("parsed") if isinstance(result, dict) else None
        if not isinstance(parsed, schema):
            problem = result.get("parsing_error") if isinstance(result, dict) else None
            raise LLMFailure(f"the model's output did not match the schema: {problem}", retryable=True)
        return parsed

    def ask(
        self,
        schema: type[SchemaT],
        messages: list[BaseMessage],
        accept: Callable[[SchemaT], ResultT],
        retries: int | None = None,
    ) -> ResultT:
        """`accept(parsed output)`, asking again (up to `retries` more times) while the output does
        not parse or `accept` raises InvalidAnswer; LLMFailure with the last reason otherwise."""
        reason = "no answer"
        for _ in range((self.retries if retries is None else retries) + 1):
            try:
                return accept(self.call(schema, messages))
            except LLMFailure as error:
                reason = str(error)
                if not error.retryable:
                    break
            except InvalidAnswer as error:
                reason = str(error)
        raise LLMFailure(reason, retryable=False)
