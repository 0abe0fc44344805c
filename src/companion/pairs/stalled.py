"""Pairs that have stopped meeting, each with the step the knowledge base gives for its gap.

A pair is stalled when its last session (or its start, before any session) is `stalled_days` or
more ago: the setting, else the corpus's monitoring rule (knowledge/defaults.yaml, 45 days). The
next step comes from "Re-engaging pairs that have stopped meeting", section "Outreach from the
programme team", whose numbered steps start "Day N": the latest step the gap has reached.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from companion.pairs.schemas import PairOut, StalledPair
from companion.rag.chunking import Chunk
from companion.text import list_items, plain

OUTREACH_ARTICLE = "re-engaging-stalled-pairs"
OUTREACH_HEADING = "Outreach from the programme team"
DAY = re.compile(r"^\s*Day\s+(\d+)\b", re.IGNORECASE)


@dataclass(frozen=True)
class OutreachStep:
    day: int
    text: str
    chunk_id: str


def outreach_steps(chunks: list[Chunk]) -> list[OutreachStep]:
    """The dated outreach steps, by day; empty when the article or its section is missing."""
    steps = [
        OutreachStep(int(match.group(1)), plain(item), chunk.id)
        for chunk in chunks
        if chunk.article_id == OUTREACH_ARTICLE and chunk.heading == OUTREACH_HEADING
        for item in list_items(chunk.text)
        if (match := DAY.match(plain(item)))
    ]
    return sorted(steps, key=lambda step: step.day)


def stalled_pairs(
    pairs: list[PairOut], steps: list[OutreachStep], band_for: Callable[[int], str]
) -> list[StalledPair]:
    """The stalled pairs, longest gap first. `band_for(days)` names the monitoring band."""
    if not steps:
        raise LookupError(
            f"the knowledge base has no dated steps under '{OUTREACH_HEADING}' in {OUTREACH_ARTICLE}"
        )
    found = []
    for pair in pairs:
        if not pair.stalled or pair.days_since_session is None:
            continue
        reached = [step for step in steps if step.day <= pair.days_since_session] or steps[:1]
        step = reached[-1]
        found.append(
            StalledPair(
                pair=pair,
                band=band_for(pair.days_since_session),
                next_step=step.text,
                citation=step.chunk_id,
            )
        )
    return sorted(found, key=lambda item: -(item.pair.days_since_session or 0))
