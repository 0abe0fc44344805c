"""Theme naming with an LLM: valid names are used, anything else keeps the keyword labels."""

from __future__ import annotations

from datetime import date

from companion.feedback.schemas import Kpis, Sentiment, Summary, Theme, Trend
from companion.feedback.theme_namer import ThemeNamer
from companion.llm import LEAK_MARKERS, LLMProvider
from tests.fakes.chat_model import ScriptedChatModel

SUMMARY_TEXT = "Two themes stand out this quarter: scheduling problems and what mentees learned."


def summary() -> Summary:
    def theme(label: str) -> Theme:
        return Theme(
            label=label,
            keywords=label.split(" · "),
            count=5,
            share=0.5,
            pairs=3,
            sentiment=Sentiment(score=0.0, label="mixed", average_rating=3.0, negative_share=0.4),
            trend=Trend(direction="steady", months=[]),
            quotes=["Sessions keep moving."],
            feedback_ids=["r1"],
            recommendation="",
            citations=[],
        )

    kpis = Kpis(
        entries=10,
        average_rating=3.0,
        entries_by_role={"mentor": 10},
        pairs=3,
        pairs_with_feedback=3,
        sessions=0,
        sessions_per_pair_per_month=None,
        pairs_without_recent_session=0,
        as_of=date(2026, 11, 30),
    )
    themes = [theme("slot · end · finding"), theme("use · password manager")]
    return Summary(total=10, themes=themes, kpis=kpis, executive_summary="x", citations=[])


def named(*replies: object) -> tuple[Summary, ScriptedChatModel]:
    model = ScriptedChatModel(replies=list(replies))
    return ThemeNamer(LLMProvider(model, "scripted"), retries=1).name(summary()), model


def test_valid_names_replace_the_keyword_labels() -> None:
    result, _ = named({"names": ["Scheduling", "Password managers"], "executive_summary": SUMMARY_TEXT})
    assert [theme.label for theme in result.themes] == ["Scheduling", "Password managers"]
    assert result.provider == "scripted" and not result.degraded


def test_the_wrong_number_of_names_is_asked_again_then_keeps_the_keywords() -> None:
    wrong = {"names": ["Only one"], "executive_summary": SUMMARY_TEXT}
    result, model = named(wrong, wrong)
    assert model.calls == 2
    assert result.degraded and "expected 2 names" in (result.degraded_reason or "")
    assert result.themes[0].label == "slot · end · finding"


def test_a_leak_is_never_shown() -> None:
    leak = {"names": ["Scheduling", f"{LEAK_MARKERS[0]} here"], "executive_summary": SUMMARY_TEXT}
    result, _ = named(leak, leak)
    assert result.degraded and "repeats the system prompt" in (result.degraded_reason or "")
    assert LEAK_MARKERS[0] not in result.model_dump_json()
