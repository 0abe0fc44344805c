"""Whether a topic no module covers is a skill to practise ("setting up a vinted shop"), something
about the pair ("we keep cancelling"), or a subject to talk about ("what it's like being the only
woman on site").

Each calls for other starters: a skill gets questions about practising it on a real task; the
pair gets the relationship's own questions (how sessions keep slipping, what to change); a subject
gets questions that ask about it rather than offer to practise it. A `KindReader` (kinds.py)
learnt from `data/topic_examples.jsonl`: topics typed as people type them, each marked with its
kind (written for training by a helper that never saw an eval set).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from importlib import resources

import numpy as np

from companion.guidance.classifier import Anchor
from companion.guidance.kinds import KindReader
from companion.rag.embeddings import Embedder

SKILL, PAIR, SUBJECT = "skill", "pair", "subject"
TOPIC_KINDS = (SKILL, PAIR, SUBJECT)


# What is said to people, in both lists below: an announcement, a town hall, news broken, a hard talk.
SAYING = (
    r"announc\w*|town\s?halls?|all[- ]hands|break(?:ing)?\s+(?:the\s+)?news|"
    r"(?:difficult|hard|tough|awkward)\s+(?:conversation|chat|talk|message)s?"
)
# News or a hard message for people, which is a subject to prepare even when the topic kind reader
# takes "prep for …" for a skill.
NEWS_TO_TELL = re.compile(
    rf"\b(?:{SAYING}|"
    r"tell(?:ing)?\s+(?:my|the|our|his|her|their)\s+(?:\w+\s+)?(?:team|staff|people|department|crew|"
    r"unit|ward|branch|office|site|colleagues|reports)|redundanc\w*|restructur\w*|layoffs?)\b",
    re.IGNORECASE,
)
# A subject with something to say, announce or prepare ("prep for telling my team about the
# restructure") is rehearsed (the conversation guide); one to understand ("how our night shift
# actually use their phones") is listened to (the listening guide).
TO_SAY = re.compile(
    rf"\b(?:{SAYING}|speech|keynote|present(?:ing|ation)s?|pitch(?:ing)?|"
    r"tell(?:ing)?\s+(?:my|the|our|his|her|their|them|staff|people)|"
    r"talk(?:ing)?\s+to\s+(?:my|the|our|his|her|their|staff)|conversation\s+with|explain(?:ing)?\s+\w+\s+to|"
    r"message\s+to|address(?:ing)?\s+(?:the|my|our)|brief(?:ing)?\s+(?:the|my|our)|launch(?:ing)?|"
    r"roll(?:ing)?[- ]?out|rehears\w*|prep(?:are|aring)?\s+(?:for|a|my|the)|how\s+(?:\w+\s+){0,4}"
    r"(?:will|would)\s+(?:land|react|take\s+it|hear\s+it))\b",
    re.IGNORECASE,
)


def load_topic_examples() -> list[Anchor]:
    text = resources.files("companion.guidance").joinpath("data/topic_examples.jsonl").read_text("utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return [Anchor(row["topic"], "topic", row["kind"]) for row in rows]


def topic_reader(embedder: Embedder, embed: Callable[[list[str]], np.ndarray] | None = None) -> KindReader:
    """The reader, from the topic examples embedded by `embed` (the classifier's cached
    embedding, so that only the first start embeds them) or the embedder."""
    examples = load_topic_examples()
    vectors = (embed or embedder.embed)([example.text for example in examples])
    return KindReader.fit(TOPIC_KINDS, embedder, examples, vectors, balanced=True)


# A topic is read as about the pair only from this probability: a long sentence about a person and
# what they want to do ("my mum's allotment society wants a website") otherwise reads as the pair,
# and gets relationship starters instead of questions about the skill. Chosen on the development
# set evals/guidance/topic-dev2 (90 helper-written topics) by `python -m bench.kinds_cv
# --topic-dev`: the most accurate threshold, the lower on a tie (0.55 and 0.6: 0.967; the most
# probable kind alone, 0.933, read 4 of 40 skills as the pair).
PAIR_THRESHOLD = 0.55


def topic_kind(reader: KindReader, topic: str, pair_threshold: float = PAIR_THRESHOLD) -> str:
    """The most probable kind of topic; the pair only when at least `pair_threshold` probable,
    else the more probable of a skill and a subject."""
    found = reader.probabilities(topic)
    if found[PAIR] >= pair_threshold and found[PAIR] == max(found.values()):
        return PAIR
    return SUBJECT if found[SUBJECT] > found[SKILL] else SKILL
