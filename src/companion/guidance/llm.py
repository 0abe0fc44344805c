"""The LLM provider: an OpenAI-compatible chat model through LangChain, with structured output.

It takes the same request and the same retrieved passages as the offline composer and returns a
draft that the service validates (citations, minutes, leaks) before it becomes an answer.
"""

from __future__ import annotations

import json
import logging
from typing import Annotated, Any, Literal

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field, create_model

from companion.config import Settings
from companion.kb.vocabulary import FRAMEWORK_STAGES
from companion.prompts.loader import render
from companion.rag.chunking import Chunk

log = logging.getLogger(__name__)


class LLMFailure(RuntimeError):
    """The LLM did not give a usable answer. `retryable` is true for invalid or empty output
    (worth asking again), false for timeouts and connection errors (fall back at once)."""

    def __init__(self, message: str, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


def draft_models(ids: list[str]) -> dict[str, type[BaseModel]]:
    """The output schemas for one call. Citation ids are an enumeration of the passages given,
    so that a server that constrains generation to the schema cannot invent one; lists must not
    be empty."""
    CitationId = Literal[tuple(ids)] if ids else str  # type: ignore[valid-type]
    cited = Annotated[list[CitationId], Field(min_length=1, description="Ids of the passages used.")]  # type: ignore[valid-type]
    lines = Annotated[list[Annotated[str, Field(min_length=3)]], Field(min_length=1)]
    segment = create_model(
        "SegmentDraft",
        title=(str, Field(min_length=2)),
        minutes=(int, Field(ge=1)),
        activities=(lines, ...),
        citations=(cited, ...),
    )
    starter = create_model(
        "StarterDraft",
        text=(str, Field(min_length=10)),
        purpose=(Literal["icebreaker", "deepen", "challenge-assumption", "reverse-the-lens"], ...),
        citations=(cited, ...),
    )
    stages = tuple(stage for framework in FRAMEWORK_STAGES.values() for stage in framework)
    prompt = create_model(
        "PromptDraft",
        text=(str, Field(min_length=10)),
        stage=(Literal[stages], ...),  # type: ignore[valid-type]
        citations=(cited, ...),
    )
    return {
        "agenda": create_model(
            "AgendaDraft",
            __doc__="A timed session agenda.",
            title=(str, Field(min_length=3)),
            objectives=(lines, ...),
            segments=(Annotated[list[segment], Field(min_length=1)], ...),  # type: ignore[valid-type]
            starters=(lines, ...),
            follow_ups=(lines, ...),
        ),
        "starters": create_model(
            "StartersDraft",
            __doc__="Conversation starters.",
            starters=(Annotated[list[starter], Field(min_length=1)], ...),  # type: ignore[valid-type]
        ),
        "coaching": create_model(
            "CoachingDraft",
            __doc__="Coaching for a reverse-mentoring challenge.",
            diagnosis=(str, Field(min_length=20)),
            strategies=(lines, ...),
            scripts=(lines, ...),
            escalate_when=(lines, ...),
            citations=(cited, ...),
        ),
        "reflections": create_model(
            "ReflectionsDraft",
            __doc__="Reflection prompts.",
            prompts=(Annotated[list[prompt], Field(min_length=1)], ...),  # type: ignore[valid-type]
        ),
    }


class LLMProvider:
    """Calls one chat model; each call is bounded by the configured timeout."""

    def __init__(self, settings: Settings) -> None:
        from langchain_openai import ChatOpenAI

        self.name = settings.openai_model
        api_key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "not-needed"
        self.model = ChatOpenAI(
            model=settings.openai_model,
            base_url=settings.openai_base_url,
            api_key=api_key,  # type: ignore[arg-type]
            timeout=settings.llm_timeout_seconds,
            max_retries=0,
            max_tokens=settings.llm_max_tokens,  # type: ignore[call-arg]
            # Sent as max_completion_tokens; servers that only know the older name get it too.
            extra_body={"max_tokens": settings.llm_max_tokens},
            temperature=0,
        )

    def system_prompt(self, passages: list[Chunk]) -> str:
        return render("llm/system.j2", passages=passages)

    def draft(self, kind: str, passages: list[Chunk], **values: Any) -> Any:
        """One structured call: system prompt with the passages, task prompt with the user's data."""
        schema = draft_models([passage.id for passage in passages])[kind]
        user_data = json.dumps(values.pop("user_data"), ensure_ascii=False, indent=1)
        messages = [
            SystemMessage(self.system_prompt(passages)),
            HumanMessage(render(f"llm/{kind}.j2", user_data=user_data, **values)),
        ]
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
