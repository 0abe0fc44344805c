"""Who is doing what to whom: whether a coaching message is about the other person's behaviour or
the writer's own, and which playbook lines respond to the other person.

A mentee whose mentor keeps arriving late should not be told first to arrive on time, and a mentee
who keeps cancelling should not get the words for a mentor who arrives late. The playbooks mark
their responding lines in words: a strategy that opens "When your mentor ...", "When it is your
mentee who ..." or "When you are asked to ...", a script labelled "Mentee, when the mentor ...".
"""

from __future__ import annotations

import re
from typing import Literal

Actor = Literal["other", "self"]

_OTHER = re.compile(
    r"\b(?:my (?:mentor|mentee)|he|she|they)\b[^.?!;]{0,40}?\b(?:keeps?|always|never|cancel\w*|"
    r"turns? up|shows? up|arrives?|is late|was late|makes?|made|calls?|called|says?|said|asks?|asked|"
    r"won'?t|doesn'?t|didn'?t|refuses?|ignores?|brushes|dismiss\w*|talks? over|talks? (?:so |too )?fast|"
    r"uses?|interrupts?)\b",
    re.IGNORECASE,
)
_SELF = re.compile(
    r"\b(?:i|i'm|im)\b[^.?!;]{0,20}?\b(?:keep|always|never|have to|had to|cancel\w*|can'?t|cannot|"
    r"forgot|forget|was late|am late|run late|struggle|dominate|talk over|interrupt)\b",
    re.IGNORECASE,
)
# The partner told the writer something ("my mentor let slip that we're being bought"), as against
# the writer telling the partner ("I mentioned the deal to my mentor").
_PARTNER_TOLD = re.compile(
    r"\b(?:my (?:mentor|mentee)|he|she|they)\b[^.?!;]{0,30}?\b(?:told|tells|let slip|lets slip|mentioned|"
    r"mentions|said|says|shared|revealed|dropped|let on|hinted)\b",
    re.IGNORECASE,
)
_WRITER_TOLD = re.compile(
    r"\b(?:i|i've|ive|i'd)\b[^.?!;]{0,20}?\b(?:told|let slip|mentioned|said|shared|revealed|dropped|"
    r"let on|hinted|overshared)\b",
    re.IGNORECASE,
)
_RESPONDS = re.compile(
    r"^(?:\*\*)?(?:(?:when|if|once) (?:it is )?(?:your|the) (?:mentor|mentee)\b|(?:when|if) you are asked\b|"
    r"(?:mentor|mentee), when (?:the (?:mentor|mentee)|asked)\b)",
    re.IGNORECASE,
)


def who_acts(situation: str) -> Actor | None:
    """'other' when the message is about the other person's behaviour, 'self' when about the
    writer's own, None when it says neither (or both)."""
    other = _OTHER.search(situation) is not None
    own = _SELF.search(situation) is not None
    if other == own:
        return None
    return "other" if other else "self"


def partner_told(situation: str) -> bool:
    """The message says the partner told the writer something, and not that the writer told it."""
    return _PARTNER_TOLD.search(situation) is not None and _WRITER_TOLD.search(situation) is None


def responds_to_other(line: str) -> bool:
    """A playbook line for answering the other person's behaviour."""
    return _RESPONDS.match(line.strip()) is not None
