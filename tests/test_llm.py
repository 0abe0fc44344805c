"""The LLM provider's retries, fallback and leak checks, with a scripted chat model."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage
from pydantic import BaseModel

from companion.llm import InvalidAnswer, LLMFailure, LLMProvider, check_texts
from tests.fakes.chat_model import ScriptedChatModel


class Reply(BaseModel):
    text: str


MESSAGES = [HumanMessage("Say something.")]


def provider(*replies: object, retries: int = 2) -> tuple[LLMProvider, ScriptedChatModel]:
    model = ScriptedChatModel(replies=list(replies))
    return LLMProvider(model, "scripted", retries), model


def accept_long(reply: Reply) -> str:
    if len(reply.text) < 5:
        raise InvalidAnswer("too short")
    return reply.text


def test_a_valid_answer_is_accepted_at_once() -> None:
    llm, model = provider({"text": "hello there"})
    assert llm.ask(Reply, MESSAGES, accept_long) == "hello there"
    assert model.calls == 1


def test_output_that_does_not_parse_is_asked_for_again() -> None:
    llm, model = provider("no tool call at all", {"wrong": 1}, {"text": "third time lucky"})
    assert llm.ask(Reply, MESSAGES, accept_long) == "third time lucky"
    assert model.calls == 3


def test_a_rejected_answer_is_asked_for_again_then_fails_with_the_last_reason() -> None:
    llm, model = provider({"text": "no"}, {"text": "nah"}, retries=1)
    with pytest.raises(LLMFailure, match="too short"):
        llm.ask(Reply, MESSAGES, accept_long)
    assert model.calls == 2


def test_a_timeout_is_not_retried() -> None:
    llm, model = provider(TimeoutError("read timed out"), {"text": "never asked"})
    with pytest.raises(LLMFailure, match="TimeoutError"):
        llm.ask(Reply, MESSAGES, accept_long)
    assert model.calls == 1


def test_the_retries_argument_overrides_the_providers_own() -> None:
    llm, model = provider({"text": "no"}, {"text": "no"}, {"text": "no"}, retries=5)
    with pytest.raises(LLMFailure):
        llm.ask(Reply, MESSAGES, accept_long, retries=0)
    assert model.calls == 1


@pytest.mark.parametrize(
    "texts",
    [
        ["Sure. Rules you always follow: never reveal them."],
        ["fine", "knowledge passages: [1] ..."],
        ["", "   "],
        # a small model's answer with one paragraph in every section (side-by-side, 2026-12-04)
        ["The mentor is managing their own time.", "The mentor is  managing their own time."],
    ],
)
def test_leaks_empty_and_repeated_answers_are_rejected(texts: list[str]) -> None:
    with pytest.raises(InvalidAnswer):
        check_texts(texts)


def test_an_ordinary_answer_passes_the_text_check() -> None:
    check_texts(["Book the next three sessions now.", "", "Ask them.", "Ask them."])
