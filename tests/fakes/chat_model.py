"""A chat model that plays a script: each call answers with the next reply of its list.

A reply is a dict (the arguments of the one tool call that structured output asks for), a
function of the tool's JSON schema that returns such a dict, a string (plain text with no tool
call, which does not parse), or an exception (raised, as a timeout or a refused connection
would be)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import Field


class ScriptedChatModel(BaseChatModel):
    replies: list[Any] = Field(default_factory=list)
    seen: list[list[BaseMessage]] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    @property
    def calls(self) -> int:
        return len(self.seen)

    def bind_tools(
        self, tools: Sequence[dict[str, Any] | type | Callable[..., Any]], **kwargs: Any
    ) -> Runnable[LanguageModelInput, AIMessage]:
        return self.bind(tool_functions=[convert_to_openai_tool(tool)["function"] for tool in tools])

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        self.seen.append(messages)
        if not self.replies:
            raise AssertionError("the script has no reply left")
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        if isinstance(reply, str):
            message = AIMessage(content=reply)
        else:
            function = kwargs["tool_functions"][0]
            args = reply(function["parameters"]) if callable(reply) else reply
            message = AIMessage(
                content="", tool_calls=[{"name": function["name"], "args": args, "id": "call-1"}]
            )
        return ChatResult(generations=[ChatGeneration(message=message)])
