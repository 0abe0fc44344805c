"""What guidance asks the LLM for: the output schema of each kind and the prompt messages.

The provider gets the same request and the same retrieved passages as the offline composer; its
draft is validated (citations, minutes, leaks) by `llm_answers` before it becomes an answer.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, Field, create_model

from companion.kb.vocabulary import FRAMEWORK_STAGES
from companion.prompts.loader import render
from companion.rag.chunking import Chunk


def draft_models(ids: list[str]) -> dict[str, type[BaseModel]]:
    """The output schemas for one call. Citation ids are an enumeration of the passages given,
    so that a server that constrains generation to the schema cannot invent one; lists must not
    be empty."""
    # The Literal and list types below are made at run time (from the passage ids of this call and
    # the vocabulary's stages), which a static type checker cannot follow: hence the ignores.
    CitationId = Literal[tuple(ids)] if ids else str
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
        purpose=(Literal["icebreaker", "deepen", "challenge-assumption", "reverse-the-lens"], ...),  # type: ignore[arg-type, maybe-unrecognized-str-typeform]
        citations=(cited, ...),
    )
    stages = tuple(stage for framework in FRAMEWORK_STAGES.values() for stage in framework)
    prompt = create_model(
        "PromptDraft",
        text=(str, Field(min_length=10)),
        stage=(Literal[stages], ...),  # type: ignore[arg-type]
        citations=(cited, ...),
    )
    return {
        "agenda": create_model(
            "AgendaDraft",
            __doc__="A timed session agenda.",
            title=(str, Field(min_length=3)),
            objectives=(lines, ...),
            segments=(Annotated[list[segment], Field(min_length=1)], ...),  # type: ignore[valid-type, arg-type]
            starters=(lines, ...),
            follow_ups=(lines, ...),
        ),
        "starters": create_model(
            "StartersDraft",
            __doc__="Conversation starters.",
            starters=(Annotated[list[starter], Field(min_length=1)], ...),  # type: ignore[valid-type, arg-type]
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
            prompts=(Annotated[list[prompt], Field(min_length=1)], ...),  # type: ignore[valid-type, arg-type]
        ),
    }


def draft_messages(
    kind: str, passages: list[Chunk], user_data: dict[str, Any], **values: Any
) -> list[BaseMessage]:
    """The system prompt with the passages, and the task prompt with the user's own text as
    delimited data (never as instructions)."""
    return [
        SystemMessage(render("llm/system.j2", passages=passages)),
        HumanMessage(
            render(f"llm/{kind}.j2", user_data=json.dumps(user_data, ensure_ascii=False, indent=1), **values)
        ),
    ]
