"""What a pair's topic says that its starters must not lose: the topic's own content words ("pigeon",
"timing", "hearing aids"), and, for one that no chosen starter carries, the part of the topic that
says it ("his club is switching to electronic timing"), to quote in the question about what the
pair said. A starter that quotes the subject alone ("practise “offline maps”") loses the rest of
what was asked ("… a campervan trip round the highlands with no signal")."""

from __future__ import annotations

import re

from companion.guidance.composer.coaching import COMMON_WORDS
from companion.guidance.composer.topic_words import (
    DETAIL_LEAD,
    JOB,
    NOT_WORDS,
    REQUEST_WRAPPER,
    to_partner,
    topic_role,
    without_stage,
)
from companion.injection import is_instruction_like

# Words every request shares, which say nothing of what it is about.
REQUEST_WORD_LIST = """
    mentee mentees mentor mentors reverse session sessions sesh meeting meetings questions question
    starters starter ideas please want wants wanted learn learning help helping ask asking asked like
    would could should need needs using used next week today tomorrow first last final time really
    something things thing stuff good great some about with from into they their them there this that
    what when where which while your yours have having been being doing done going make makes made
    know knows understand talk talking chat give tell think thinks thought feel feels felt said says
    senior junior director head manager team work works working year years month months also just very
    much more most lots little bit quite ever never still already always showing show shows showed
    teaching teach taught helping helped spend spending session reckon reckons basically honestly
    actually literally probably maybe haha omfg runs run running leads lead leading manages managing heads"""
REQUEST_WORDS = frozenset(REQUEST_WORD_LIST.split())
WORD = re.compile(r"[a-z][a-z'-]{3,}")
# Where a topic's parts end: punctuation, a dash, and the words that join two clauses.
PART_BREAK = re.compile(
    r"[,.;:!?()]+|\s[-–—]+\s|\s+(?:and|n|&|but|so|because|bc|cos|coz|while|though|although)\s+", re.IGNORECASE
)
# Who does it, at the start of a part: "his club is switching…" keeps "his club"; "he wants to…" loses "he".
DOER = re.compile(
    r"^(?:(?:(?:my|our)\s+)?(?:reverse\s+)?(?:mentee|mentor)(?:'s|s)?|he|she|they|i|we)"
    r"(?:'s|'re|'m|\s+is|\s+are|\s+am|\s+has|\s+have|\s+was)?\s+",
    re.IGNORECASE,
)
PART_WORDS = 10


def what_is_said(topic: str) -> str:
    """The topic without the words around it that only ask for questions or say which session."""
    return REQUEST_WRAPPER.sub("", without_stage(topic))


def key_terms(topic: str) -> list[str]:
    """The topic's content words, in order: not a common word, one every request uses, nor the
    partner's job ("senior engineer"), which the role starters carry; none in a topic that reads as
    instructions to the companion, whose words are never quoted back."""
    if is_instruction_like(topic):
        return []
    said, role = what_is_said(topic), topic_role(topic).lower()
    seen: list[str] = []
    for word in WORD.findall(said.lower()):
        word = word.strip("'-")
        common = word in COMMON_WORDS or word in REQUEST_WORDS or JOB.fullmatch(word) or word in role
        common = common or word.endswith("ly")  # "honestly", "really": how it is said
        if len(word) >= 4 and not common and word not in seen:
            seen.append(word)
    return seen


def carried(term: str, text: str) -> bool:
    """The starters' text carries the word, or a word of the same first five letters."""
    return re.search(rf"\b{re.escape(term[:5])}", text, re.IGNORECASE) is not None


def part_saying(topic: str, term: str) -> str:
    """The part of the topic that says `term`, as a phrase a question can quote (at most
    PART_WORDS words, put to the partner); "" when it does not read as one."""
    said, role = what_is_said(topic), topic_role(topic).lower()
    for part in PART_BREAK.split(said):
        if not carried(term, part):
            continue
        part = DOER.sub("", DETAIL_LEAD.sub("", part.strip()))
        words = part.split()
        if len(words) > PART_WORDS:
            at = next(i for i, word in enumerate(words) if carried(term, word))
            start = max(0, min(at - 3, len(words) - PART_WORDS))
            words = words[start : start + PART_WORDS]
        phrase = " ".join(words).strip(" '\"“”")
        if NOT_WORDS.search(phrase) or (role and role.split()[-1] in phrase.lower()):
            # brackets and quotes are markup, not words to quote back; the partner's job is asked
            # about by the role starters ("runs the sports centre")
            return ""
        return to_partner(phrase, topic) if len(words) >= 2 else ""
    return ""
