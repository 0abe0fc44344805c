"""Offline conversation starters: topical items from the starters collections, varied in purpose
and never near-duplicates."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from companion.citations import cite
from companion.guidance.schemas import Starter, Starters, StartersRequest
from companion.injection import is_instruction_like
from companion.rag.chunking import Chunk
from companion.rag.embeddings import Embedder

NEAR_DUPLICATE = 0.85  # cosine similarity above which two starters say the same thing
# Starters that share the pair's own words are compared with those words in, a little more
# strictly (the eval's diversity check reads 0.80 as a near-copy).
OWN_NEAR_DUPLICATE = 0.78
# The order a conversation takes: warm up, go deeper, swap viewpoints, then challenge.
ARC = ("icebreaker", "deepen", "reverse-the-lens", "challenge-assumption")


def pick_starters(
    candidates: list[Chunk], count: int, embedder: Embedder, near_duplicate: float = NEAR_DUPLICATE
) -> list[Chunk]:
    """Up to `count` candidates (best first), taking purposes in turn and skipping near-duplicates."""
    if not candidates:
        return []
    vectors = embedder.embed([chunk.text for chunk in candidates])
    by_purpose: dict[str, list[int]] = {}
    for index, chunk in enumerate(candidates):
        by_purpose.setdefault(chunk.tags.get("purpose", ""), []).append(index)
    queues = list(by_purpose.values())  # each queue keeps the retrieval order
    chosen: list[int] = []
    while len(chosen) < count and any(queues):
        for queue in queues:
            while queue:
                index = queue.pop(0)
                if all(float(vectors[index] @ vectors[other]) < near_duplicate for other in chosen):
                    chosen.append(index)
                    break
            if len(chosen) == count:
                break
    return [candidates[index] for index in chosen]


CLOSED = re.compile(r"^(do|does|did|is|are|was|were|have|has|can|could|would|will|shall|should)\b", re.I)
OPENING = re.compile(r"\b(why|how|what|which|where|when|who)\b", re.I)


def is_closed(question: str) -> bool:
    """A yes/no question that asks nothing more ('Do you use Teams?'), unlike 'Do you use Teams,
    and what for?'."""
    return bool(CLOSED.match(question.strip())) and not OPENING.search(question)


# The starters written for any skill say "the skill" where the pair's own topic goes, and "the
# detail" where what they said after it goes; the relationship starters' look back at the end
# says "what we covered", after which the pair's own list goes.
ANY_SKILL_ARTICLE = "starters-any-skill"
RELATIONSHIP_ARTICLE = "starters-relationship"
SKILL_SLOT, SUBJECT_SLOT, DETAIL_SLOT = "the skill", "the subject", "the detail"
COVERED_SLOT, ROLE_SLOT = "what we covered", "your role"
TOPIC_TAIL = re.compile(
    r"\s*(?:[,;(?!]|\s+[-–—]+\s|\s+(?:because|bc|coz|cos|cuz|mainly|mostly|esp|especially)\s"
    r"|\s+to (?:a|an|my|our|his|her|their)\s+(?:\d+\w*|new|senior|junior|older)\b"
    r"|\blol\b|\bpls\b|\bplease\b|\.\s).*$",
    re.IGNORECASE,
)
TOPIC_LEAD = re.compile(
    # "helping my boss's boss get to grips with sharepoint" is about "sharepoint"
    r"^(?:how\s+(?:[\w'’]+\s+){0,3}can\s+help\s+(?:me|him|her|them|us)\s+(?:with|to)\s+)?"
    r"(?:help(?:ing)?\s+(?:my|our|the|a|an)\s+[\w'’]+(?:\s+[\w'’]+){0,3}?\s+(?:to\s+)?"
    r"(?:get to grips with|get the hang of|learn|use|understand|with)\s+)?"
    r"(?:(?:how (?:do|can|should|would) (?:i|we)|how to|help(?: me)?(?: with)?|ideas for|starters for|"
    r"what it'?s like(?: to be)?|what(?:'s| is) it like(?: to be)?)\s+)?"
    r"(?:(?:teach|teaching|show|showing|explain|explaining|get|getting)\s+"
    r"(?:(?:my mentee|my mentor|him|her|them)\s+(?:to\s+|about\s+|into\s+)?)?)?",
    re.IGNORECASE,
)
TOPIC_WORDS = 10
NOT_WORDS = re.compile(r"[{}\[\]<>\"\\|=;`]")
PARENTHESES = re.compile(r"\s*\([^()]*\)")
PERSON_ONLY = re.compile(r"(?:my|our|the)\s+(?:reverse\s+)?(?:mentee|mentor|boss|manager)", re.IGNORECASE)
# In a long topic that describes the person first, what they want to do is the subject.
TOPIC_GOAL = re.compile(
    r"\b(?:(?:wants?|wanting|needs?|would like|'d like|is trying|trying|hopes?|wanna)\s+(?:to\s+)?|"
    r"(?:is\s+)?keen\s+(?:to|on)\s+)",
    re.IGNORECASE,
)
LEARN_TO = re.compile(r"^(?:learn(?:ing)?|start(?:ing)?|begin(?:ning)?)\s+(?:how\s+)?to\s+", re.IGNORECASE)
# A skill told as one long sentence about a person: what follows "how to" is the skill.
HOW_TO = re.compile(r"\bhow to\s+", re.IGNORECASE)
# ... and it ends where its purpose or owner begins ("digitising recipe cards so the grandchildren
# can…", "logging sightings with an app and maybe sharing them", "edit footage for his parents'…").
TOPIC_PURPOSE = re.compile(
    r"\s+(?:without|so|so that|and maybe|and then|and also|because|for (?:my|his|her|our|their|the)|"
    r"from (?:my|his|her|our|their))\s+",
    re.IGNORECASE,
)
TOPIC_CLAUSE = re.compile(
    r"\s+(?:-|–|—|where|which|that|because|so that|but|when|while|since)\s+", re.IGNORECASE
)


def topic_phrase(topic: str) -> str:
    """The pair's topic as a short phrase to put in a question: its first clause ("excel formulas,
    she still uses a calculator lol" becomes "excel formulas"). Longer than TOPIC_WORDS words, it
    is not a phrase a question can carry: "" (and no starter takes it)."""
    topic = PARENTHESES.sub("", topic).strip()  # "my mentee (regional director, 61) wants to…"
    head = TOPIC_TAIL.sub("", TOPIC_LEAD.sub("", topic)).strip(" .-–—:") or topic
    if len(head.split()) > TOPIC_WORDS and (goal := TOPIC_GOAL.search(head)):
        head = head[goal.end() :]  # "my mentee runs housing and wants to use chatgpt for letters"
    if len(head.split()) > TOPIC_WORDS and (how := HOW_TO.search(head)):
        head = head[how.end() :]  # "my mentor offered to show me how to sell old lenses on ebay"
    if len(head.split()) > TOPIC_WORDS:  # a long topic keeps its head, up to a clause that follows it
        head = TOPIC_CLAUSE.split(head, maxsplit=1)[0].strip(" .-–—:")
    if len(head.split()) > TOPIC_WORDS:  # ... or up to what it is for, or whose it is
        head = TOPIC_PURPOSE.split(head, maxsplit=1)[0].strip(" .-–—:")
    head = LEARN_TO.sub("", head)  # "learn to edit old footage" is practised as "edit old footage"
    if PERSON_ONLY.fullmatch(head) or NOT_WORDS.search(head):
        return ""  # "my mentee" is who, not what; brackets and quotes are markup, not a subject
    return head if 0 < len(head.split()) <= TOPIC_WORDS else ""


# What follows a topic's subject: "phishing - she nearly paid a fake invoice", "copilot, mainly
# for summarising planning reports", "tiktok because the brewery wants to reach under 30s".
DETAIL_BREAK = re.compile(
    r"\s+[-–—:]+\s+|\s*[,;:]\s+|\s+(?:because|bc|coz|cos|cuz|mainly|mostly|esp|especially|particularly)\s+",
    re.IGNORECASE,
)
DETAIL_LEAD = re.compile(
    r"^(?:(?:because|bc|coz|cos|cuz|mainly|mostly|esp|especially|particularly|like|for|with|about|"
    r"on|and|so|as|e\.?g\.?)\s+)+",
    re.IGNORECASE,
)
# "she nearly clicked a fake parcel text" is about "a fake parcel text": the writer's "she" or
# "my mentee" reads wrongly to the person asked, so the detail starts at what was done or seen.
PERSON_SUBJECT = re.compile(
    r"^(?:she|he|they|i|we|i've|ive|i'm|im|i'd|(?:(?:my|our|his|her|their)\s+)?(?:reverse\s+)?"
    r"(?:mentee|mentor|boss|manager|team))"
    r"(?P<is>'s|'re|s\b|\s+is\b|\s+are\b)?\s+",
    re.IGNORECASE,
)
OBJECT = re.compile(
    r"\b(?:a|an|the|some|his|her|their|our|this|that|these|those|every|each)\s+\S.*$", re.IGNORECASE
)
# Words about the request rather than the topic: "no idea what to ask", "any tips".
ABOUT_THE_REQUEST = re.compile(
    r"\b(?:no idea|not sure|any (?:ideas|tips|suggestions)|what (?:to|should|shld|do|can) (?:i |we )?"
    r"(?:ask|say|cover|talk about|do)|help me|ideas)\b",
    re.IGNORECASE,
)
DETAIL_END = re.compile(
    r"[.!?]+\s.*$|\s+(?:last|this|next)\s+(?:week|month|year|time|night)\b.*$|"
    r"\s+(?:yesterday|today|tmrw|tomorrow|lol|pls|please|haha|idk)\b.*$|[.!?]+$",
    re.IGNORECASE,
)
QUOTES = re.compile(r"[\"“”‘’]|(?<!\w)'|'(?!\w)")
DETAIL_WORDS = 12
# What a pair says it covered, for a closing session: "we did linkedin, then chatgpt".
COVERED = re.compile(
    r"\b(?:we(?:'ve| have)?\s+(?:\w+ly\s+)?(?:did|done|covered|looked at|went through|went over|worked on|"
    r"tried|been doing|spent (?:it|them|most of it|the sessions|our sessions)(?: all)? on)|covered|"
    r"(?:showed|taught|shown|helped) me(?: with)?|"
    r"topics?\s+(?:were|was))\s+(?P<list>.+)$",
    re.IGNORECASE,
)


def topic_detail(topic: str) -> str:
    """What the pair said after the subject, as a phrase a question can quote ("a fake invoice from
    a supplier"), or "" when they said nothing more or it does not read as a phrase."""
    parts = DETAIL_BREAK.split(QUOTES.sub("", PARENTHESES.sub("", topic)).strip(), maxsplit=1)
    if len(parts) < 2:
        return ""
    detail = DETAIL_LEAD.sub("", parts[1].strip())
    if subject := PERSON_SUBJECT.match(detail):
        rest = re.split(r"\s*[,;]\s*", detail[subject.end() :], maxsplit=1)[0]  # its own clause only
        found = OBJECT.search(rest)
        # "she's scared of scams" is about "scared of scams"; "he joins every call with camera
        # off" about "every call with camera off"
        detail = rest if subject.group("is") else found.group(0) if found else ""
    detail = DETAIL_END.sub("", detail).strip(" .-–—:,")
    detail = TOPIC_CLAUSE.split(detail, maxsplit=1)[0].strip(" .-–—:,")  # "… fundraising but worries …"
    if PERSON_ONLY.fullmatch(detail) or NOT_WORDS.search(detail) or ABOUT_THE_REQUEST.search(detail):
        return ""
    if is_instruction_like(topic):  # "redes sociales: ignora las instrucciones…" is not a detail
        return ""
    return detail if 2 <= len(detail.split()) <= DETAIL_WORDS else ""


# Who the partner is, at a first meeting: "she runs procurement", "he's a data apprentice in the
# warehouse team", "my mentee is head of estates".
ROLE = re.compile(
    r"\b(?:she|he|they|(?:my\s+)?(?:reverse\s+)?(?:mentee|mentor))(?:(?P<is>'s|'re|s|\s+is|\s+are)|"
    r"\s+(?:runs|leads|heads(?: up)?|manages|works (?:in|on|for)))\s+"
    r"(?:(?:a|an|the|our|a\s+new)\s+)?(?P<role>[^,.;!?()]+)",
    re.IGNORECASE,
)
# "she is nice" names no job: after "is", a role names one.
JOB = re.compile(
    r"\b(?:head|director|manager|officer|apprentice|grad|graduate|intern|trainee|associate|analyst|nurse|"
    r"engineer|lead|chief|ceo|cfo|coo|cto|cio|md|vp|partner|assistant|advis[eo]r|coordinator|consultant|"
    r"specialist|clerk|technician|teacher|student|developer|designer|executive|superintendent|inspector|"
    r"secretary|accountant|solicitor|doctor|consultant|administrator|admin|worker|agent|planner|buyer|"
    r"scientist|researcher|lecturer|professor|founder|owner|chair|principal|surveyor|paramedic|officer)s?\b",
    re.IGNORECASE,
)
ROLE_END = re.compile(
    r"\s+(?:and|but|who|so|which|&|\+|n|lol|i'm|im|i|we|apparently|tho|though)\b.*$", re.IGNORECASE
)
ROLE_WORDS = 8


def topic_role(topic: str) -> str:
    """The partner's job as the topic names it ("head of estates"), or ""."""
    found = ROLE.search(QUOTES.sub("", PARENTHESES.sub("", topic)))
    role = ROLE_END.sub("", found.group("role")).strip(" .-–—:,") if found else ""
    if not role or NOT_WORDS.search(role) or is_instruction_like(topic) or ABOUT_THE_REQUEST.search(role):
        return ""
    if found and found.group("is") and not JOB.search(role):
        return ""
    return role if len(role.split()) <= ROLE_WORDS else ""


def topic_covered(topic: str) -> str:
    """What the pair says it covered over the programme ("linkedin, then chatgpt"), or ""."""
    found = COVERED.search(QUOTES.sub("", topic))
    covered = DETAIL_END.sub("", found.group("list")).strip(" .-–—:,") if found else ""
    if NOT_WORDS.search(covered) or is_instruction_like(topic):
        return ""
    return covered if 0 < len(covered.split()) <= DETAIL_WORDS else ""


def starter_text(chunk: Chunk, topic: str) -> str:
    """A starter as the person reads it: an any-skill starter about their own topic or what they
    said about it, quoted; a look back at the end with the list of what the pair covered."""
    slot = own_slot(chunk)
    if slot in (COVERED_SLOT, ROLE_SLOT):
        words = topic_covered(topic) if slot == COVERED_SLOT else topic_role(topic)
        return chunk.text.replace(slot, f"{slot} (“{words}”)", 1) if words else chunk.text
    words = topic_detail(topic) if slot == DETAIL_SLOT else topic_phrase(topic)
    return chunk.text.replace(slot, f"“{words}”", 1) if slot else chunk.text


def own_slot(chunk: Chunk) -> str | None:
    """Where the pair's own words go: "the skill", "the subject" (a conversation rather than a
    skill) or "the detail" in an any-skill starter, "what we covered" in a relationship one;
    None in any other starter."""
    slots = {
        ANY_SKILL_ARTICLE: (SKILL_SLOT, SUBJECT_SLOT, DETAIL_SLOT),
        RELATIONSHIP_ARTICLE: (COVERED_SLOT, ROLE_SLOT),
    }
    return next((slot for slot in slots.get(chunk.article_id, ()) if slot in chunk.text), None)


# From this many starters, a covered topic's last one asks about the pair's own words.
OWN_TOPIC_FROM = 3
# For a skill no module covers, at most this many starters carry the pair's own words (more
# would read as one question asked six times); relationship starters fill the rest.
OWN_TOPIC_MOST = 3


def own_topic_count(count: int, covered: bool) -> int:
    """How many starters ask about the pair's own words: one for a covered topic (from
    OWN_TOPIC_FROM starters), about half, up to OWN_TOPIC_MOST, for one no module covers."""
    if covered:
        return int(count >= OWN_TOPIC_FROM)
    return min(OWN_TOPIC_MOST, max(1, (count + 1) // 2))


def compose_starters(
    request: StartersRequest,
    candidates: list[Chunk],
    embedder: Embedder,
    own_topic: list[Chunk] | None = None,
    covered: bool = True,
    subject: bool = False,
) -> Starters:
    """Open questions first; never one already shown (`exclude`) or a near-copy of one; in the
    order a conversation takes (ARC). With `own_topic` (the any-skill starters), some of them, with
    the pair's topic in them, take places of their own (own_topic_count)."""
    candidates = without_shown(candidates, request.exclude, embedder)
    candidates = sorted(candidates, key=lambda chunk: is_closed(chunk.text))  # stable: open ones first
    # the look back that names what the pair covered, or the question about the partner's role
    # that names it, first
    named = COVERED_SLOT if topic_covered(request.topic) else ROLE_SLOT if topic_role(request.topic) else None
    if named:
        candidates = sorted(candidates, key=lambda chunk: own_slot(chunk) != named)
    phrase, detail = topic_phrase(request.topic), topic_detail(request.topic)
    details = [
        chunk
        for chunk in own_topic or []
        if detail
        and own_slot(chunk) == DETAIL_SLOT
        and starter_text(chunk, request.topic) not in request.exclude
    ][:1]
    own = [
        chunk
        for chunk in own_topic or []
        if phrase and starter_text(chunk, request.topic) not in request.exclude
    ]
    # a skill's starters say "the skill", a conversation's "the subject" (`subject`)
    own = [chunk for chunk in own if own_slot(chunk) == (SUBJECT_SLOT if subject else SKILL_SLOT)]
    # the question about practising it on a real task reads well with any topic in it: first
    own = sorted(own, key=lambda chunk: "practise" not in chunk.text)
    if covered:
        own = [chunk for chunk in own if chunk.tags.get("purpose") == "deepen"]
    places = own_topic_count(request.count, covered)
    if details and request.count >= 2:
        places = max(places, 1)  # what the pair said about the topic takes the first own place
    details = details[:places]
    wanted = min(len(own), places - len(details)) if own else 0
    # judged as people read them, with the topic in: the same words in each bring them closer
    originals = {chunk.id: chunk for chunk in own}
    rendered = [replace(chunk, text=starter_text(chunk, request.topic)) for chunk in own]
    own = details + [
        originals[chunk.id] for chunk in pick_starters(rendered, wanted, embedder, OWN_NEAR_DUPLICATE)
    ]
    chosen = own + pick_starters(candidates, request.count - len(own), embedder)
    chosen.sort(key=lambda chunk: ARC.index(chunk.tags["purpose"]) if chunk.tags.get("purpose") in ARC else 9)
    return Starters(
        starters=[
            Starter(
                text=starter_text(chunk, request.topic), purpose=chunk.tags["purpose"], citations=[chunk.id]
            )
            for chunk in chosen
        ],
        citations=cite(chosen),
    )


def without_shown(candidates: list[Chunk], shown: list[str], embedder: Embedder) -> list[Chunk]:
    if not shown or not candidates:
        return candidates
    vectors = embedder.embed([chunk.text for chunk in candidates] + shown)
    similarity = vectors[: len(candidates)] @ vectors[len(candidates) :].T
    return [
        chunk for chunk, row in zip(candidates, similarity, strict=True) if float(row.max()) < NEAR_DUPLICATE
    ]


def is_duplicate_free(texts: list[str], embedder: Embedder) -> bool:
    vectors = embedder.embed(texts)
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, 0)
    return bool((similarity < NEAR_DUPLICATE).all())
