"""Text that tries to instruct a model ('ignore previous instructions...').

Feedback entries like this are kept and counted as data; they are just never chosen as a quote
that an admin, or an LLM naming the themes, would read. A starter never quotes a topic's words
that read like this back to the person."""

from __future__ import annotations

import re


def is_instruction_like(text: str) -> bool:
    """Feedback that tries to instruct a model ('ignore previous instructions...'). It is kept and
    counted as data; it is just not chosen as a representative quote."""
    return bool(INSTRUCTION.search(text))


INSTRUCTION = re.compile(
    "|".join(
        [
            r"\b(ignore|disregard|forget|override)\b.{0,40}\b(instructions?|rules|prompt|task|guidelines)\b",
            r"\bignor\w*\s+(tus|las|vos|les|deine|die|le)\s+(instrucciones|instructions|anweisungen|istruzioni)",
            r"system prompt|system override|developer mode|jailbreak",
            r"\byou are\b.{0,20}\bnow\b|\bnew (task|instructions?)\b",
            r"\b(repeat|print|reveal|output|dump)\b.{0,40}"
            r"\b(verbatim|above|instructions|environment variables?)\b",
            r"\bdecode (it )?and (execute|run|follow)\b",
            r"^\s*(system|assistant)\s*:|\[(system|assistant|inst)\]",
            r"<<\s*(system|assistant|user)\b|#+\s*system\b",
            r"</?[a-z_]+>",
        ]
    ),
    re.IGNORECASE | re.MULTILINE,
)
