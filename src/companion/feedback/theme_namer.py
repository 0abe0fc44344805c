"""With an LLM configured, the LLM names the themes and writes the executive summary from the
clusters (keywords, figures, redacted quotes). Everything else in the summary is computed.
Invalid or failing answers fall back to the keyword labels, marked `degraded`."""

from __future__ import annotations

import json
import logging
from typing import Annotated

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field, StringConstraints

from companion.feedback.schemas import Summary
from companion.llm import InvalidAnswer, LLMFailure, LLMProvider, check_texts
from companion.prompts.loader import render

log = logging.getLogger(__name__)

# No length limits in the schema itself: servers that constrain generation to the schema turn
# them into grammars, and llama.cpp's grammar parser gives up on long repetitions (its server then
# dies). The lengths are checked after parsing instead (`_accepted`).
NAME_LENGTH = (3, 80)
SUMMARY_LENGTH = (40, 1500)


class ThemeNames(BaseModel):
    """Names of the feedback themes, in the order given, and a short executive summary."""

    names: list[Annotated[str, StringConstraints(strip_whitespace=True)]] = Field(
        description="One short, neutral name per theme (2 to 6 words), in the order given."
    )
    executive_summary: str = Field(description="Three to five sentences for the programme manager.")


class ThemeNamer:
    def __init__(self, llm: LLMProvider, retries: int = 1) -> None:
        self.llm = llm
        self.retries = retries

    def name(self, summary: Summary) -> Summary:
        named = [theme for theme in summary.themes if theme.label != "Other"]
        if not named:
            return summary
        clusters = [
            {
                "theme": number,
                "keywords": theme.keywords,
                "entries": theme.count,
                "sentiment": theme.sentiment.label,
                "trend": theme.trend.direction,
                "quotes": theme.quotes,
            }
            for number, theme in enumerate(named, start=1)
        ]
        messages = [
            SystemMessage(render("llm/feedback_system.j2")),
            HumanMessage(
                render(
                    "llm/feedback_themes.j2",
                    count=len(named),
                    total=summary.total,
                    user_data=json.dumps(clusters, ensure_ascii=False, indent=1),
                )
            ),
        ]
        try:
            parsed = self.llm.ask(
                ThemeNames, messages, lambda names: _accepted(names, len(named)), self.retries
            )
        except LLMFailure as error:
            reason = str(error)
        else:
            for theme, name in zip(named, parsed.names, strict=True):
                theme.label = name
            summary.executive_summary = parsed.executive_summary
            summary.provider = self.llm.name
            return summary
        log.warning("LLM theme naming failed (%s); keeping the keyword labels", reason)
        summary.degraded = True
        summary.degraded_reason = f"the LLM gave no usable answer: {reason}"[:500]
        return summary


def _accepted(parsed: ThemeNames, count: int) -> ThemeNames:
    """The names when they can be shown, else InvalidAnswer saying why not."""
    if len(parsed.names) != count:
        raise InvalidAnswer(f"expected {count} names, got {len(parsed.names)}")
    if not all(NAME_LENGTH[0] <= len(name) <= NAME_LENGTH[1] for name in parsed.names):
        raise InvalidAnswer(f"theme names must have {NAME_LENGTH[0]} to {NAME_LENGTH[1]} characters")
    if not SUMMARY_LENGTH[0] <= len(parsed.executive_summary.strip()) <= SUMMARY_LENGTH[1]:
        raise InvalidAnswer(
            f"the executive summary must have {SUMMARY_LENGTH[0]} to {SUMMARY_LENGTH[1]} characters"
        )
    check_texts([*parsed.names, parsed.executive_summary])
    return parsed
