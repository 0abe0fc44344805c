"""Offline conversation starters: topical items from the starters collections, varied in purpose
and never near-duplicates."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from companion.citations import cite
from companion.guidance.schemas import Starter, Starters, StartersRequest
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


# The starters written for any skill say "the skill" where the pair's own topic goes.
ANY_SKILL_ARTICLE = "starters-any-skill"
SKILL_SLOT, SUBJECT_SLOT = "the skill", "the subject"
TOPIC_TAIL = re.compile(
    r"\s*(?:[,;(?!]|\s+to (?:a|an|my|our|his|her|their)\s+(?:\d+\w*|new|senior|junior|older)\b"
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
    r"\b(?:wants?|wanting|needs?|would like|'d like|is trying|trying|is keen|keen|hopes?|wanna)\s+(?:to\s+)?",
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
    if len(head.split()) > TOPIC_WORDS:  # a long topic keeps its head, up to a clause that follows it
        head = TOPIC_CLAUSE.split(head, maxsplit=1)[0].strip(" .-–—:")
    if PERSON_ONLY.fullmatch(head) or NOT_WORDS.search(head):
        return ""  # "my mentee" is who, not what; brackets and quotes are markup, not a subject
    return head if 0 < len(head.split()) <= TOPIC_WORDS else ""


def starter_text(chunk: Chunk, topic: str) -> str:
    """A starter as the person reads it: an any-skill starter about their own topic, quoted."""
    slot = own_slot(chunk)
    return chunk.text.replace(slot, f"“{topic_phrase(topic)}”", 1) if slot else chunk.text


def own_slot(chunk: Chunk) -> str | None:
    """Where the pair's topic goes in an any-skill starter: "the skill", or "the subject" in one
    written for a conversation rather than a skill; None in any other starter."""
    if chunk.article_id != ANY_SKILL_ARTICLE:
        return None
    return next((slot for slot in (SKILL_SLOT, SUBJECT_SLOT) if slot in chunk.text), None)


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
    phrase = topic_phrase(request.topic)
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
    wanted = min(len(own), own_topic_count(request.count, covered)) if own else 0
    # judged as people read them, with the topic in: the same words in each bring them closer
    originals = {chunk.id: chunk for chunk in own}
    rendered = [replace(chunk, text=starter_text(chunk, request.topic)) for chunk in own]
    own = [originals[chunk.id] for chunk in pick_starters(rendered, wanted, embedder, OWN_NEAR_DUPLICATE)]
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
