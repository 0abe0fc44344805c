"""Prepare a blind side-by-side review: the product's answers beside a general assistant's.

    python scripts/side_by_side.py FOLDER

FOLDER holds `requests.jsonl` (each line: id, kind, request, and optionally what the person
`typed`) and `general.md` (the general assistant's answer to each, under a heading `## <id>`).
The script answers every request with the configured provider (COMPANION_PROVIDER and the
OpenAI-compatible settings; the offline composer by default), renders each answer as a person
reads it, and writes to FOLDER:

- `ours.jsonl`: the product's answers as JSON, with the provider, degraded flag and grounding;
- `pairs.md`: for each request, the two answers labelled A and B in an order drawn at random
  (seed 2026), to give a judge who knows neither source;
- `key.json`: which of A and B is the product, kept from the judge.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path
from typing import Any

from companion.config import get_settings
from companion.guidance.schemas import (
    Agenda,
    AgendaRequest,
    Coaching,
    CoachingRequest,
    ReflectionRequest,
    Reflections,
    Starters,
    StartersRequest,
)
from companion.services import build_services

REQUESTS = {
    "agenda": AgendaRequest,
    "starters": StartersRequest,
    "coaching": CoachingRequest,
    "reflections": ReflectionRequest,
}


def render(answer: Any) -> str:
    """The answer as the web page shows it, in plain text, sources by title."""
    lines: list[str] = []
    if isinstance(answer, Agenda):
        lines += [answer.title, f"{answer.minutes} minutes", "Objectives:"]
        lines += [f"- {item}" for item in answer.objectives]
        for segment in answer.segments:
            lines.append(f"{segment.minutes} min  {segment.title}")
            lines += [f"    - {activity}" for activity in segment.activities]
        if answer.spare_minutes:
            lines.append(f"{answer.spare_minutes} min  kept spare")
        lines += ["Conversation starters:", *(f"- {item}" for item in answer.starters)]
        lines += ["Follow-ups:", *(f"- {item}" for item in answer.follow_ups)]
    elif isinstance(answer, Starters):
        lines += [f"- {starter.text}" for starter in answer.starters]
    elif isinstance(answer, Coaching):
        lines.append(answer.diagnosis)
        for heading, items in (
            ("What to do now", answer.act_now),
            ("What confidentiality covers, and what it does not", answer.confidentiality),
            ("Support for you", answer.support),
            ("Strategies", answer.strategies),
            ("Words to say", answer.scripts),
            ("Involve the programme team when", answer.escalate_when),
        ):
            if items:
                lines += [f"{heading}:", *(f"- {item}" for item in items)]
    elif isinstance(answer, Reflections):
        if answer.title:
            lines.append(answer.title)
        lines += [f"- ({prompt.stage_label or prompt.stage}) {prompt.text}" for prompt in answer.prompts]
    lines.append("Sources: " + "; ".join(citation.title for citation in answer.citations))
    return "\n".join(lines)


def general_answers(text: str) -> dict[str, str]:
    parts = re.split(r"^## +(\S+)\s*$", text, flags=re.MULTILINE)
    return {parts[index]: parts[index + 1].strip() for index in range(1, len(parts) - 1, 2)}


def main(folder: Path) -> None:
    rows = [json.loads(line) for line in (folder / "requests.jsonl").read_text().splitlines() if line.strip()]
    general = general_answers((folder / "general.md").read_text(encoding="utf-8"))
    services = build_services(get_settings())
    guidance = services.guidance
    ask = {
        "agenda": guidance.agenda,
        "starters": guidance.starters,
        "coaching": guidance.coach,
        "reflections": guidance.reflect,
    }
    chooser = random.Random(2026)
    ours, key, pairs = [], {}, ["# Requests, each answered twice (A and B)\n"]
    try:
        for row in rows:
            request = REQUESTS[row["kind"]].model_validate(row["request"])
            answer = ask[row["kind"]](request)  # type: ignore[operator]
            ours.append({"id": row["id"], "answer": json.loads(answer.model_dump_json())})
            product_first = chooser.random() < 0.5
            key[row["id"]] = "A" if product_first else "B"
            first, second = (render(answer), general[row["id"]])
            if not product_first:
                first, second = second, first
            asked = row.get("typed") or json.dumps(row["request"], ensure_ascii=False)
            pairs += [
                f"## Request {row['id']} ({row['kind']})\n",
                f"What the person asked:\n\n```\n{asked}\n```\n",
                f"### Answer A\n\n```\n{first}\n```\n",
                f"### Answer B\n\n```\n{second}\n```\n",
            ]
            print(row["id"], answer.provider, "degraded" if answer.degraded else "", flush=True)
    finally:
        services.close()
    (folder / "ours.jsonl").write_text("".join(json.dumps(item) + "\n" for item in ours), encoding="utf-8")
    (folder / "pairs.md").write_text("\n".join(pairs), encoding="utf-8")
    (folder / "key.json").write_text(json.dumps(key, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
