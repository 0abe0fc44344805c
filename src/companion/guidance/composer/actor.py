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
    r"uses?|interrupts?|brings?|brought|answers? for)\b",
    re.IGNORECASE,
)
_SELF = re.compile(
    # ("i cant get her to touch the laptop" is about her: "can't get her to" is the partner's doing)
    r"\b(?:i|i'm|im)\b[^.?!;]{0,20}?\b(?:keep|always|never|have to|had to|cancel\w*|"
    r"(?:can'?t|cannot)(?! (?:get|make|persuade|convince) (?:him|her|them)\b)|"
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
# Someone beside the pair whom the matter is about ("bullied by her team lead"), and the writer's
# own doing, which is not ("my comment about her dress made her uncomfortable").
_THIRD_PARTY = re.compile(
    r"\b(?:her|his|their)\s+(?:new\s+)?(?:team\s*lead(?:er)?|(?:line\s+)?manager|boss|supervisor|"
    r"colleagues?|director|head of \w+|team|manager's manager|skip)\b",
    re.IGNORECASE,
)
_OWN_CONDUCT = re.compile(r"\bmy\s+(?:comments?|remarks?|jokes?|messages?|behaviou?r|emails?|texts?)\b", re.I)
_RESPONDS = re.compile(
    # (not where the partner stands, which is no behaviour: "If your mentee turns out to be in your own
    # management line")
    r"^(?:\*\*)?(?:(?:when|if|once) (?:it is )?(?:your|the) (?:mentor|mentee)\b"
    r"(?!\s+(?:turns? out|is in|is on|is your|sits on|reports to|will (?:decide|judge|sit)|works? (?:in|on|"
    r"for)))|"
    r"(?:when|if) you are asked\b|"
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


def about_someone_else(situation: str) -> bool:
    """The message is about someone beside the pair (her manager, his team), not the writer's doing."""
    return _THIRD_PARTY.search(situation) is not None and _OWN_CONDUCT.search(situation) is None


def responds_to_other(line: str) -> bool:
    """A playbook line for answering the other person's behaviour."""
    return _RESPONDS.match(line.strip()) is not None
