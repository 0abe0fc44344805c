"""The grounding check on the real knowledge base with the default embedder."""

from __future__ import annotations

from typing import Any

import pytest

from companion.guidance.grounding import GROUNDING_THRESHOLD, GroundingCheck, Line, units, user_words
from companion.guidance.schemas import Coaching, Starter, Starters
from companion.llm import InvalidAnswer
from companion.rag.chunking import Chunk


def playbook_passage(kb_services: Any, article: str, heading_word: str) -> Chunk:
    return next(
        chunk
        for chunk in kb_services.chunks
        if chunk.article_id == article and heading_word.lower() in chunk.heading.lower()
    )


def check(kb_services: Any) -> GroundingCheck:
    return GroundingCheck(kb_services.guidance.embedder, GROUNDING_THRESHOLD)


def test_units_are_sentences_items_and_the_whole_passage() -> None:
    text = "Intro line here. Second sentence follows.\n- **Book** the next date now.\n- Ask why."
    found = units(text)
    assert "Book the next date now." in found
    assert "Intro line here." in found and "Second sentence follows." in found
    assert found[-1].startswith("Intro line here.")  # the passage as a whole, last


def test_user_words_flattens_nested_data() -> None:
    data = {"topic": "Copilot", "goals": ["draft", " "], "previous": [{"notes": "went well"}], "n": 3}
    assert user_words(data) == ["Copilot", "draft", "went well"]


def test_a_paraphrase_is_supported_and_an_unrelated_line_is_not(kb_services: Any) -> None:
    passage = playbook_passage(kb_services, "playbook-time", "strateg")
    grounding = check(kb_services)
    lines = [
        Line(units(passage.text)[0], [passage.id]),
        Line("Upload the quarterly sales dashboard to the shared drive before Friday.", [passage.id]),
    ]
    grounding.score(lines, {passage.id: passage}, [])
    assert grounding.supported(lines[0]) and lines[0].support > 0.8
    assert not grounding.supported(lines[1])


def coaching(supported: str, script: str) -> Coaching:
    return Coaching(
        challenge="time",
        confidence=0.9,
        diagnosis="Sessions keep moving.",
        strategies=[supported, "Buy a faster laptop to save time on spreadsheets."],
        scripts=[script],
        escalate_when=[supported],
    )


def test_unsupported_lines_are_dropped_and_the_rate_recorded(kb_services: Any) -> None:
    passage = playbook_passage(kb_services, "playbook-time", "strateg")
    supported = units(passage.text)[0]
    said = "Our sessions keep moving."
    answer = coaching(supported, f"I could say: {supported}")
    checked = check(kb_services).apply(answer, {passage.id: passage}, [said])
    assert checked.strategies == [supported]
    assert checked.grounding.dropped == ["Buy a faster laptop to save time on spreadsheets."]
    # diagnosis (leans on the user's words), 2 strategies, 1 script, 1 sign
    assert checked.grounding.checked == 5 and checked.grounding.supported == 4
    assert checked.grounding.rate == 0.8


def test_an_answer_left_with_an_empty_list_is_invalid(kb_services: Any) -> None:
    passage = playbook_passage(kb_services, "playbook-time", "strateg")
    tax = "Our quarterly tax return is due; file it with the revenue office."
    answer = coaching(units(passage.text)[0], tax)
    with pytest.raises(InvalidAnswer, match="0 of 1 lines of scripts"):
        check(kb_services).apply(answer, {passage.id: passage}, ["Our sessions keep moving."])
    # measuring only: nothing raised, nothing removed
    measured = check(kb_services).apply(answer, {passage.id: passage}, [], strict=False)
    assert len(measured.strategies) == 2 and measured.grounding.supported < measured.grounding.checked


def test_a_line_is_recited_to_the_passage_that_supports_it(kb_services: Any) -> None:
    time_passage = playbook_passage(kb_services, "playbook-time", "strateg")
    other = playbook_passage(kb_services, "playbook-generational-bias", "sign")
    line = units(time_passage.text)[0]
    answer = Starters(starters=[Starter(text=line, purpose="deepen", citations=[other.id])])
    passages = {time_passage.id: time_passage, other.id: other}
    checked = check(kb_services).apply(answer, passages, [])
    assert checked.starters[0].citations == [time_passage.id]
    assert checked.grounding.rate == 1.0


def test_a_diagnosis_like_line_may_lean_on_the_users_words(kb_services: Any) -> None:
    passage = playbook_passage(kb_services, "playbook-time", "strateg")
    said = "My mentee the finance director keeps moving our Thursday sessions."
    lines = [Line("Your mentee, a finance director, keeps moving the Thursday sessions.", [], True)]
    grounding = check(kb_services)
    grounding.score(lines, {passage.id: passage}, [said])
    assert grounding.supported(lines[0])
