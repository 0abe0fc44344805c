"""Offline conversation starters: topical items from the starters collections, varied in purpose
and never near-duplicates."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from companion.citations import cite
from companion.guidance.composer.coaching import content_words
from companion.guidance.composer.coverage import carried, issue_said, key_terms, part_saying
from companion.guidance.composer.topic_words import (
    ASKED_LEAD,
    OUTSIDE_WORK,
    PLACE,
    QUESTION,
    TOPIC_PURPOSE,
    as_activity,
    to_partner,
    topic_belief,
    topic_covered,
    topic_detail,
    topic_phrase,
    topic_role,
    topic_worry,
)
from companion.guidance.schemas import FIRST_MEETING, Starter, Starters, StartersRequest
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
WORRY_SLOT, BELIEF_SLOT = "the worry", "the belief"  # what the partner fears, and holds true
COVERED_SLOT, ROLE_SLOT = "what we covered", "your role"
ISSUE_SLOT = "the issue"  # what is going wrong between the pair, in their words (issue_said)


# "your role from/for the council" reads "your role in the council"
FROM = re.compile(r"^(?:from|for)\s+", re.IGNORECASE)
WORKPLACE = re.compile(r"^(?:in|at|for)\s", re.IGNORECASE)  # where the partner works (topic_role)
# "your role running the hub" (not "managing director", a post)
LEADING_ROLE = re.compile(r"^(?:running|leading|heading|managing)\s(?!(?:director|partner|editor)\b)")


# A threat named alone as the skill, which is spotting it: "deepfakes", "phishing emails", "scams".
THREAT = re.compile(
    r"(?:(?:ai|voice|video|fake|email|text|phone|online|social media|cloning|cloned|clone)\s+)*"
    r"(?:deep ?fakes?|scams?|phishing"
    r"(?: emails?| texts?)?|misinformation|disinformation|fake news|catfish\w*|hoax(?:es)?|smishing|vishing)",
    re.IGNORECASE,
)
THREAT_LIST = re.compile(r"\s*(?:,|\band\b|&|\+|\bor\b)\s*", re.IGNORECASE)
# The first meeting's question about how the partner came to their job, which names a job title in
# place of "in your role" (TITLE_WORDS words at most).
BECOMING, TITLE_WORDS = "come to be in your role", 5
# A post held by one person, said without an article: "head of procurement", "finance director".
UNIQUE_POST = re.compile(
    r"^(?:head|chief|director|deputy|vice|managing|chair|president|principal|dean|ceo|cfo|coo|cto|cio|cmo|"
    r"chro|cpo)\b|\b(?:director|ceo|cfo|coo|cto|cio|md|chief executive)$",
    re.IGNORECASE,
)


def titled(role: str) -> bool:
    """A role short enough to say after "come to be": TITLE_WORDS words, or that many and where
    ("a trainee midwife on the maternity ward", "a junior sound engineer at the concert hall")."""
    title = PLACE_AFTER.split(role, maxsplit=1)[0]
    return len(title.split()) <= TITLE_WORDS and len(role.split()) <= TITLE_WITH_PLACE_WORDS


PLACE_AFTER = re.compile(r"\s+(?:on|at|in|of|for)\s+(?:the|a|an|our)\s+", re.IGNORECASE)
TITLE_WITH_PLACE_WORDS = 10


def with_article(role: str) -> str:
    """A job title as said after "come to be": "head of procurement", "a data analyst", "an editor"."""
    if "'s " in role or "’s " in role:  # "the natural history museum's director"
        return role if role.lower().startswith("the ") else f"the {role}"
    if UNIQUE_POST.search(role) or role.lower().startswith(("a ", "an ", "the ")):
        return role
    if all(word[:1].isupper() for word in role.split() if word not in ("of", "and", "&")):
        return role  # a title written as a post: "Group Treasurer", "Head Winemaker"
    first = role.split()[0]
    if first.isupper() and len(first) <= 4:  # an acronym is said by its letters: "an HR adviser"
        return f"{'an' if first[0] in 'AEFHILMNORSX' else 'a'} {role}"
    return f"{'an' if role[:1].lower() in 'aeiou' else 'a'} {role}"


# A subject said as something to know about it: "understand why our grads leave".
KNOWING = re.compile(
    r"^(?:(?:better\s+)?understand(?:ing)?|know(?:ing)?|learn(?:ing)?\s+about|find(?:ing)? out|"
    r"get(?:ting)? to know)\s+(?=\S)",
    re.IGNORECASE,
)


# What a last meeting's topic says after naming the meeting and the partner: "final meeting with
# sandra, she's moving to leeds…" → "she's moving to leeds…".
CLOSING_LEAD = re.compile(
    r"^.*?\b(?:last|final|closing)\s+(?:sesh|session|meeting|mtg|chat|call|one|1:1|121|catch[- ]?up)\b"
    # (and who the partner is: "final session with my mentee (ops director) next week")
    r"(?:\s+(?:w|w/|with)\s+(?:my|our)?\s*[\w']+)?(?:\s*\([^()]{1,40}\))?\s*[,:;.\-–]*\s*",
    re.IGNORECASE,
)
# The writer's ask at the end, which is not what the pair said: "ideas to close?", "any tips?".
CLOSING_ASK = re.compile(r"(?:(?<=[.!?,])|^)\s*[^.!?,]{0,60}\?+\s*$")
# ... which may only say when it is ("next week", "is on friday", "tmrw at 3").
WHEN_ONLY = re.compile(
    r"^(?:is\s+)?(?:(?:on|at|in|this|next|tomorrow|tmrw|today|tonight|(?:mon|tues|wednes|thurs|fri)day|"
    r"week|month|morning|afternoon|am|pm|\d+(?::\d+)?|weeks?|days?)\b\W*)+$",
    re.IGNORECASE,
)
WHEN_LEAD = re.compile(
    r"^(?:is\s+)?(?:(?:on\s+)?(?:tomorrow|tmrw|today|tonight|next week|this week|"
    r"(?:mon|tues|wednes|thurs|fri)day))\s*[,:;\-–]\s*",
    re.IGNORECASE,
)
# What a person carries on with or goes on to after the last meeting, which the closing question
# about it asks: "wants to keep up linkedin", "retires in march", "moving to the leeds office" (not
# what the pair covered: "got me dictating client letters", which the look back asks about).
CARRIES_ON = re.compile(
    r"\b(?:wants?|hopes?|plans?|keep\w*|carry on|stay\w*|retir\w*|leav\w*|moving|moves?|starts?|starting|"
    r"going to|gonna|promot\w*|new (?:job|role)|maternity|paternity|sabbatical|relocat\w*|"
    # what may not carry on: "he still wont use it without me"
    r"still (?:won'?t|wont|doesn'?t|doesnt|can'?t|cant|isn'?t|not|needs?))\b",
    re.IGNORECASE,
)
# ... as against what the writer wants from the meeting itself, which the closing starters ask.
FOR_THE_MEETING = re.compile(
    r"\b(?:thank\w*|say (?:thanks|goodbye)|ask (?:what|how|her|him|them))\b", re.IGNORECASE
)
# After "he retires…" is put to the partner ("you retire…"), the verbs joined to it follow.
JOINED_VERB = re.compile(r"\b(and|but)\s+(wants|needs|hopes|plans|likes|has|is)\b", re.IGNORECASE)


def closing_detail(topic: str) -> str:
    """What the pair said beside their last meeting, put to the partner ("you retire in march and
    want to keep up linkedin"); "" when the topic says nothing more than which meeting it is."""
    said = CLOSING_LEAD.sub("", topic.strip(), count=1).strip(" .,;:-–")
    said = WHEN_LEAD.sub("", said)  # "tomorrow, she wants to keep going with excel"
    said = CLOSING_ASK.sub("", said).strip(" .,;:-–")  # "…without me. ideas to close?"
    if (
        said == topic.strip()
        or len(said.split()) < 2
        or WHEN_ONLY.match(said)
        or not CARRIES_ON.search(said)
        or FOR_THE_MEETING.search(said)  # "want to say thanks and ask what i should keep working on"
    ):
        return ""
    words = to_partner(said, said)
    words = re.sub(r"\bim\b", "I'm", re.sub(r"\bi\b", "I", words))  # "im retiring" as written to be read
    if words.lower().startswith("you"):
        words = JOINED_VERB.sub(lambda m: f"{m.group(1)} {BASE_FORM[m.group(2).lower()]}", words)
    return words


BASE_FORM = {
    "wants": "want", "needs": "need", "hopes": "hope", "plans": "plan", "likes": "like", "has": "have",
    "is": "are",
}  # fmt: skip


def starter_text(chunk: Chunk, topic: str, named: bool = False, skill: str | None = None) -> str:
    """A starter as the person reads it: an any-skill starter about their own topic or what they
    said about it, quoted; a look back at the end with the list of what the pair covered; a first
    meeting's question about the skill the pair named, with its name (`skill`). With `named` (the
    topic was quoted in enough questions already), the topic is "it"."""
    slot = own_slot(chunk)
    if chunk.article_id == RELATIONSHIP_ARTICLE and slot == SKILL_SLOT:
        return chunk.text.replace(slot, skill, 1) if skill else chunk.text
    if slot == ISSUE_SLOT:
        return chunk.text.replace(slot, f"“{issue_said(topic)}”", 1)
    if slot in (COVERED_SLOT, ROLE_SLOT):
        words = topic_covered(topic) if slot == COVERED_SLOT else topic_role(topic)
        if slot == ROLE_SLOT and (PLACE.match(words) or WORKPLACE.match(words) or LEADING_ROLE.match(words)):
            # "your role at a law firm", "in the contact centre", not "(“at a law firm”)"
            return chunk.text.replace(slot, f"{slot} {FROM.sub('in ', words)}", 1)
        if slot == ROLE_SLOT and BECOMING in chunk.text and words and titled(words):
            # "How did you come to be in your role as head of procurement…", "… as a data analyst…":
            # the job named, and the question still about the role and its work
            return chunk.text.replace(slot, f"{slot} as {with_article(words)}", 1)
        return chunk.text.replace(slot, f"{slot} (“{words}”)", 1) if words else chunk.text
    if slot == WORRY_SLOT:  # "what worries you most about trolls"
        return chunk.text.replace(slot, to_partner(topic_worry(topic), topic), 1)
    if slot == BELIEF_SLOT:  # "some people say “people working from home are slacking”"
        return chunk.text.replace(slot, f"“{topic_belief(topic)}”", 1)
    if named and slot in (SKILL_SLOT, SUBJECT_SLOT):
        return chunk.text.replace(slot, "it", 1)
    phrase = topic_phrase(topic)
    if slot == SKILL_SLOT and chunk.tags.get("takes") == "tool":
        # "what do you use “whatsapp communities” for yourself", not "… for our night shift nurses"
        phrase = TOPIC_PURPOSE.split(phrase, maxsplit=1)[0].strip() or phrase
    if slot == SKILL_SLOT:
        phrase = as_activity(phrase) or phrase  # "practise making a slideshow", not "practise make…"
        # "good at “spotting deepfakes”", not "good at “deepfakes”"; "deepfakes and voice cloning
        # scams for the press office": the threats, without whom they are for
        threats = TOPIC_PURPOSE.split(phrase, maxsplit=1)[0].strip()
        if threats and all(THREAT.fullmatch(part) for part in THREAT_LIST.split(threats)):
            phrase = f"spotting {threats}"
    if slot == SUBJECT_SLOT:  # "understand about “why grads leave”", not "about “understand why…”"
        phrase = KNOWING.sub("", phrase) or phrase
    if slot == DETAIL_SLOT and chunk.tags.get("stage") == "closing":
        return chunk.text.replace(slot, f"“{closing_detail(topic)}”", 1)
    words = to_partner(told_detail(topic) if slot == DETAIL_SLOT else phrase, topic)
    said = f"You mentioned {DETAIL_SLOT}"
    if slot == DETAIL_SLOT and chunk.text.startswith(said) and phrase and phrase.lower() not in words.lower():
        # "On “excel”, you mentioned “stopping copy pasting the weekly report”": the subject named too,
        # since a module's own questions may call it "the spreadsheet"
        subject = TOPIC_PURPOSE.split(phrase, maxsplit=1)[0].strip() or phrase
        subject = to_partner(as_activity(subject) or subject, topic)  # "using whatsapp groups"
        return chunk.text.replace(said, f"On “{subject}”, you mentioned “{words}”", 1)
    return chunk.text.replace(slot, f"“{words}”", 1) if slot else chunk.text


# The pair's topic is quoted in at most this many questions; later ones call it "it" (the same
# words in every question read as a form letter).
QUOTED_MOST = 2
# ... and a topic of more than this many words only once: "using canva to make posters for the
# village fete" in every question buries the questions (and makes them read alike).
LONG_TOPIC_WORDS = 6


def quoted_most(topic: str) -> int:
    return 1 if len(topic_phrase(topic).split()) > LONG_TOPIC_WORDS else QUOTED_MOST


def starter_texts(chunks: list[Chunk], topic: str, skill: str | None = None) -> list[str]:
    """The starters as the person reads them, in order; the topic quoted `quoted_most` times."""
    texts, quoted, most = [], 0, quoted_most(topic)
    for chunk in chunks:
        topical = own_slot(chunk) in (SKILL_SLOT, SUBJECT_SLOT) and chunk.article_id != RELATIONSHIP_ARTICLE
        texts.append(starter_text(chunk, topic, named=topical and quoted >= most, skill=skill))
        quoted += topical
    return texts


def own_slot(chunk: Chunk) -> str | None:
    """Where the pair's own words go: "the skill", "the subject" (a conversation rather than a
    skill) or "the detail" in an any-skill starter, "what we covered" in a relationship one;
    None in any other starter."""
    slots = {
        ANY_SKILL_ARTICLE: (SKILL_SLOT, SUBJECT_SLOT, DETAIL_SLOT, WORRY_SLOT, BELIEF_SLOT),
        RELATIONSHIP_ARTICLE: (COVERED_SLOT, ROLE_SLOT, SKILL_SLOT, ISSUE_SLOT, DETAIL_SLOT),
    }
    return next((slot for slot in slots.get(chunk.article_id, ()) if slot in chunk.text), None)


# From this many starters, a covered topic's last one asks about the pair's own words; from
# OWN_TOPIC_TWO, the last two (what they said about it, and the topic in their words: a module
# on AI knows nothing of the patient complaints it is for).
OWN_TOPIC_FROM, OWN_TOPIC_TWO = 2, 4
# With a fear or a belief told, up to this many of a covered topic's starters carry the pair's words.
FEELINGS_MOST = 3
# A module's starter that shares this many words with the belief asked about asks the same thing.
BELIEF_SHARED = 2
# For a skill no module covers, at most this many starters carry the pair's own words (more
# would read as one question asked six times); relationship starters fill the rest.
OWN_TOPIC_MOST = 4


def own_topic_count(count: int, covered: bool) -> int:
    """How many starters ask about the pair's own words: one or two for a covered topic (from
    OWN_TOPIC_FROM and OWN_TOPIC_TWO starters); all but one, up to OWN_TOPIC_MOST, for one no
    module covers (the skill is what the pair came to talk about; one relationship starter keeps
    the pair in view)."""
    if covered:
        return int(count >= OWN_TOPIC_FROM) + int(count >= OWN_TOPIC_TWO)
    return min(OWN_TOPIC_MOST, max(1, count - 1))


# Products a starter may name. One the pair did not name goes after the others ("which do you
# use most, Teams or Slack?" to a pair who said nothing of Slack reads as not listening).
NAMED_TOOLS = re.compile(
    r"\b(LinkedIn|Slack|Teams|TikTok|ChatGPT|Copilot|Gemini|Reels|Instagram|WhatsApp|Power BI|Excel|"
    r"YouTube)\b"
)


def names_other_tool(text: str, topic: str) -> bool:
    """Whether a starter names a product that the topic does not."""
    return any(
        not re.search(rf"\b{re.escape(tool)}\b", topic, re.IGNORECASE) for tool in NAMED_TOOLS.findall(text)
    )


# A topic that says the person is reluctant: "she says tiktok is not for people like her", "he
# doesn't see the point of linkedin".
RELUCTANT = re.compile(
    r"\bnot for (?:me|him|her|them|us|people|someone|someone like)\b|\b(?:doesn'?t|does not|don'?t|do not|"
    r"can'?t|cannot)\s+see\s+the\s+point\b|\breluctan|\bscepti|\bskepti|\bresist|\brefus|"
    r"\bnot (?:interested|convinced|keen)\b|\btoo old\b|\bwaste of time\b|"
    r"\b(?:won'?t|doesn'?t want to)\s+(?:try|use|touch|go near)\b|"
    r"\bwary\b|\bnervous\b|\bscared\b|\bhates?\b|\bavoids?\b|\bgimmick",
    re.IGNORECASE,
)
# A pair that writes about how its sessions go ("we keep cancelling") gets this many of the
# starters closest to those words first, whatever their purpose.
ISSUE_FIRST = 2


def compose_starters(
    request: StartersRequest,
    candidates: list[Chunk],
    embedder: Embedder,
    own_topic: list[Chunk] | None = None,
    covered: bool = True,
    subject: bool = False,
    issue: bool = False,
    readers: tuple[Embedder, ...] = (),
    skill: str | None = None,
) -> Starters:
    """Open questions first; never one already shown (`exclude`) or a near-copy of one; in the
    order a conversation takes (ARC). With `own_topic` (the any-skill starters), some of them, with
    the pair's topic in them, take places of their own (own_topic_count). With `issue` (the topic
    is how the pair's sessions go), the ISSUE_FIRST starters closest to it come first, as `readers`
    (by default `embedder`) read them on average. With `skill` (a first meeting that names the
    skill the pair will work on, "LinkedIn"), the relationship question about it is asked."""
    candidates = without_shown(candidates, request.exclude, embedder)
    if not RELUCTANT.search(request.topic):  # "is it really not for someone in your role?" only when it is
        candidates = [chunk for chunk in candidates if chunk.tags.get("when") != "reluctant"]
        own_topic = [chunk for chunk in own_topic or [] if chunk.tags.get("when") != "reluctant"]
    candidates = sorted(candidates, key=lambda chunk: is_closed(chunk.text))  # stable: open ones first
    candidates = sorted(candidates, key=lambda chunk: names_other_tool(chunk.text, request.topic))
    # the look back that names what the pair covered, or the question about the partner's role
    # (naming it when the topic does), first: a first meeting asks who the partner is, whatever
    # else it asks ("first session w/ the coo" too); other stages have no role question to sort
    named = COVERED_SLOT if topic_covered(request.topic) else ROLE_SLOT
    about_skill = [
        c for c in candidates if c.article_id == RELATIONSHIP_ARTICLE and own_slot(c) == SKILL_SLOT
    ]
    # (a first meeting's question about what the mentor noted down is asked only of a detail told,
    # as `own_topic`)
    candidates = [c for c in candidates if c not in about_skill and own_slot(c) != DETAIL_SLOT]
    # the starter that names the pair's issue in their words, when they told one
    raising = [c for c in candidates if own_slot(c) == ISSUE_SLOT]
    candidates = [c for c in candidates if c not in raising]
    raising = raising[:1] if issue and issue_said(request.topic) else []
    if skill:  # the question about the skill the pair named, at a first meeting: ahead of others
        candidates = about_skill[:1] + candidates
    if named:
        candidates = sorted(candidates, key=lambda chunk: own_slot(chunk) != named)
    phrase, detail = topic_phrase(request.topic), told_detail(request.topic)
    if any(chunk.tags.get("stage") == "closing" for chunk in own_topic or []):
        detail = closing_detail(request.topic)  # a last meeting: all that was said beside it
    if FIRST_PERSON.match(phrase):
        # "I message my team on WhatsApp late at night" is the writer's habit, not a skill to
        # "practise" nor a subject to put to the partner in the writer's words
        phrase = ""
    if LIFE_EVENT.search(detail):
        # "his divorce just came through" is not asked about as "where does it show up in your week?"
        detail = ""
    first = FIRST_MEETING.search(request.topic) is not None
    if first and FIRST_MEETING.search(detail):
        # "1 opener for my first sesh w the bus company md tmrw?" says which meeting, not a detail
        # noted down about the partner
        detail = ""
    if request.audience == "mentee" and first and WRITER.search(detail):
        # "As Chief Executive… I shall shortly meet my reverse mentor": the writer, not the partner
        detail = ""
    if JUDGED.search(detail):
        # "head of estates, bit gruff apparently" is what the writer heard of the partner, not a
        # line to read out to them ("One thing I noted down before we met: “bit gruff”")
        detail = ""
    if request.audience != "mentee" and FIRST_PERSON.match(detail) and not PARTNER_IN_IT.search(detail):
        # "i have adhd and might mention it" is the writer's, not a detail to put to the partner
        # (but "we did power automate flows…, you still wont use it without me" is the pair's)
        detail = ""
    role = topic_role(request.topic)
    if detail and role and re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.I).lower() in detail.lower():
        # "instagram for the hospice shop, she runs retail": who she is, not a detail to ask about
        detail = ""
    if skill and detail and skill.strip("“”").lower() in detail.lower():
        detail = ""  # "getting on linkedin" at a first meeting: the question about the skill asks it
    # "why parents complain on facebook instead of emailing the school" is a subject to talk
    # about, not a skill to practise, whatever module covers it
    subject = subject or QUESTION.match(phrase) is not None
    details = [
        chunk
        for chunk in own_topic or []
        if detail
        and own_slot(chunk) == DETAIL_SLOT
        and starter_text(chunk, request.topic) not in request.exclude
    ]
    # the question that fits any detail first; the ones for an aim or a fact are for its parts
    details = sorted(details, key=lambda chunk: "detail" in chunk.tags)[:1]
    # what the partner fears or holds true, told in the pair's words, is asked about first
    held = {WORRY_SLOT: topic_worry(request.topic), BELIEF_SLOT: topic_belief(request.topic)}
    feelings = [
        chunk
        for chunk in own_topic or []
        if held.get(own_slot(chunk) or "") and starter_text(chunk, request.topic) not in request.exclude
    ]
    if any(said and said in detail for said in held.values()):
        # "he thinks people working from home are slacking" is asked as a belief, "he's nervous
        # about onedrive" as a worry, not as what the pair said beside the subject
        details = []
    own = [
        chunk
        for chunk in own_topic or []
        if phrase
        and starter_text(chunk, request.topic) not in request.exclude
        and starter_text(chunk, request.topic, named=True) not in request.exclude
    ]
    # a skill's starters say "the skill", a conversation's "the subject" (`subject`); a skill told
    # as an activity ("make a slideshow") skips the questions that need a tool's name
    own = [chunk for chunk in own if own_slot(chunk) == (SUBJECT_SLOT if subject else SKILL_SLOT)]
    if as_activity(phrase):
        own = [chunk for chunk in own if chunk.tags.get("takes") != "tool"]
    if OUTSIDE_WORK.search(request.topic):  # a family tree is not "for your work"
        own = [chunk for chunk in own if chunk.tags.get("setting") != "work"]
    # the question about practising it on a real task reads well with any topic in it: first
    own = sorted(own, key=lambda chunk: "practise" not in chunk.text)
    if covered:
        own = [chunk for chunk in own if chunk.tags.get("purpose") == "deepen"]
    places = own_topic_count(request.count, covered)
    if covered and not details:
        places = min(places, 1)  # the topic's own words twice would be one question asked twice
    if details and request.count >= 2:
        places = max(places, 1)  # what the pair said about the topic takes the first own place
    if feelings:  # a fear or a belief comes first, besides the others while the module keeps two places
        places = max(places, min(places + len(feelings), FEELINGS_MOST, request.count - 2), 1)
        details = feelings + details
    details = details[:places]
    wanted = min(len(own), places - len(details)) if own else 0
    # judged as people read them, with the topic in: the same words in each bring them closer
    originals = {chunk.id: chunk for chunk in own}
    # (a long topic is quoted once: the others are judged as they will read, with "it")
    long_topic = quoted_most(request.topic) == 1
    rendered = [
        replace(chunk, text=starter_text(chunk, request.topic, named=long_topic and index > 0))
        for index, chunk in enumerate(own)
    ]
    own = details + [
        originals[chunk.id] for chunk in pick_starters(rendered, wanted, embedder, OWN_NEAR_DUPLICATE)
    ]
    believed = shared_stems(held[BELIEF_SLOT]) if any(own_slot(c) == BELIEF_SLOT for c in own) else set()
    if len(believed) >= BELIEF_SHARED:
        # "Some people say “AI is basically cheating”" and the module's "…using AI for a first
        # draft is cheating" ask one question twice: the one in the pair's words stays
        candidates = [c for c in candidates if len(believed & shared_stems(c.text)) < BELIEF_SHARED]
    if OUTSIDE_WORK.search(request.topic):
        # a dance school's Instagram is not "your team" or "my job title and my followers": the
        # starters written for work only as many as it takes to make up the count
        fitting = [chunk for chunk in candidates if chunk.tags.get("setting") != "work"]
        short = max(0, request.count - len(own) - len(fitting))
        candidates = fitting + [chunk for chunk in candidates if chunk not in fitting][:short]
    closest: list[Chunk] = []
    if issue:
        closest = closest_to(request.topic, candidates, readers or (embedder,))
        # the second tells how the sessions went only when it tells of the issue the pair named
        told = issue_stems(request.topic)
        closest = closest[:1] + [
            chunk for chunk in closest[1:] if not tells_how_it_went(chunk) or written_for(chunk.text, told)
        ]
        # one thank-you is enough: "say thanks and ask what i should keep working on" asks the rest
        thanks = [chunk for chunk in closest if written_for(chunk.text, THANKS_STEMS)]
        closest = [chunk for chunk in closest if chunk not in thanks[1:]]
        closest = raising + closest[: max(0, min(ISSUE_FIRST, request.count - len(own) - len(raising)))]
    rest = [chunk for chunk in candidates if chunk not in closest]
    if issue:
        # "Our last conversation got a bit tense." asked of a pair whose issue is a phone on the
        # table says something that did not happen: after the issue's own starters, the ones that
        # open by telling how the sessions have gone only as many as it takes to make up the count
        asking = [chunk for chunk in rest if not tells_how_it_went(chunk)]
        short = max(0, request.count - len(own) - len(closest) - len(asking))
        rest = asking + [chunk for chunk in rest if chunk not in asking][:short]
    chosen = own + pick_starters(rest, request.count - len(own) - len(closest), embedder)
    chosen.sort(key=lambda chunk: ARC.index(chunk.tags["purpose"]) if chunk.tags.get("purpose") in ARC else 9)
    chosen = closest + chosen  # the questions on the pair's own issue open the conversation
    texts = starter_texts(chosen, request.topic, skill)
    for _ in range(MISSING_PARTS):
        chosen, texts = with_missing_part(request.topic, chosen, texts, own_topic or [], closest, embedder)
    return Starters(
        starters=[
            Starter(text=text, purpose=chunk.tags["purpose"], citations=[chunk.id])
            for chunk, text in zip(chosen, texts, strict=True)
        ],
        citations=cite(chosen),
    )


ASKED = re.compile(ASKED_LEAD, re.IGNORECASE)
# What happened in someone's life, which a question about a skill does not probe.
LIFE_EVENT = re.compile(
    r"\b(?:divorc\w*|died|death|passed away|funeral|bereave\w*|widow\w*|cancer|diagnos\w*|terminal|"
    r"miscarr\w*|break-?up|broke up|split up|separated|redundan\w*|laid off|grief|grieving)\b",
    re.IGNORECASE,
)


PARTNER_SENTENCE = re.compile(r"^(?:she|he|they)(?:'s|\s)", re.IGNORECASE)
PARTNER_SENTENCE_WORDS = 16


def partner_sentence(topic: str) -> str:
    """A sentence of its own about the partner, beside a first meeting ("Paired with our museum's
    director. she started out as a palaeontologist digging up fossils."); "" when there is none."""
    for sentence in re.split(r"(?<=[.!?])\s+", topic.strip()):
        said = sentence.strip(" .!?")
        if (
            PARTNER_SENTENCE.match(said)
            and not FIRST_MEETING.search(said)
            and 3 <= len(said.split()) <= PARTNER_SENTENCE_WORDS
        ):
            return said
    return ""


# What the partner did before, said beside their job: "the CFO who used to be an auditor at one of
# the big four".
PAST_ROLE = re.compile(
    r"\b(?:who|she|he|they)(?:'s|\s+has)?\s+(?P<said>(?:used to|started out|spent|came (?:up )?from|"
    r"was (?:a|an)\s|worked as|joined (?:us )?from|been here)\b[^,.;!?]*)",
    re.IGNORECASE,
)


def told_detail(topic: str) -> str:
    """What the topic says beside its subject (topic_detail), but not the writer's own feeling ("bit
    scared tbh") nor a fragment ("us under a year"); at a first meeting with none, a sentence about
    the partner or what they did before ("she started out as a palaeontologist…")."""
    detail = topic_detail(topic)
    if WRITER_FEELING.match(detail) or OBJECT_PRONOUN.match(detail):
        detail = ""
    if not detail and FIRST_MEETING.search(topic):
        detail = partner_sentence(topic) or past_role(topic)
    return detail


def past_role(topic: str) -> str:
    """What the partner did before, said to them ("you used to be an auditor…"), or ""."""
    found = PAST_ROLE.search(topic)
    if not found or len(found.group("said").split()) > PARTNER_SENTENCE_WORDS:
        return ""
    said = re.sub(r"\b(?:apparently|tho|though|lol|tbh)\b.*$", "", found.group("said")).strip()
    said = re.sub(r"^been here", "have been here", said)
    return f"you {said}" if len(said.split()) >= 2 else ""


WRITER = re.compile(r"\b(?:i|i'm|im|i've|my|me)\b", re.IGNORECASE)
# What someone has heard of the partner, or thinks of them: said behind their back, never to them.
JUDGED = re.compile(
    r"\b(?:apparently|supposedly|reportedly|rumou?red|i'?ve heard|i hear|heard (?:she|he|they)|known for|"
    r"gruff|grumpy|rude|prickly|abrupt|arrogant|scary|intimidating|terrifying|difficult|hard work|"
    r"a nightmare|dinosaur|old[- ]school|technophobe|luddite|stubborn|set in (?:his|her|their) ways)\b",
    re.IGNORECASE,
)


# At most this many starters give way to a question about a part of the topic none of them carries.
MISSING_PARTS = 2


def with_missing_part(
    topic: str,
    chosen: list[Chunk],
    texts: list[str],
    own_topic: list[Chunk],
    keep: list[Chunk],
    embedder: Embedder,
) -> tuple[list[Chunk], list[str]]:
    """The starters, with the question about what the pair said put in place of the last general one
    (none of the pair's words quoted in it, not one of `keep`) when a content word of the topic is in none of
    them ("his club is switching to electronic timing" lost beside "pigeons"); as they were when
    every content word is carried, the question is asked already, or nothing general can give way."""
    # (the any-skill questions only: a first or last meeting's question about what was said beside it
    # takes that whole, never a part cut out of the message)
    detail_questions = [
        c for c in own_topic if own_slot(c) == DETAIL_SLOT and c not in chosen and takes_a_part(c)
    ]
    question = next(iter(detail_questions), None)
    fear = next((c for c in own_topic if own_slot(c) == WORRY_SLOT and c not in chosen), None)
    # a question with none of the pair's words in it, or with the topic only as "it"
    # (the question about the partner's worry carries their words without quotes: not general)
    general = [
        i
        for i, chunk in enumerate(chosen)
        if "“" not in texts[i] and chunk not in keep and own_slot(chunk) != WORRY_SLOT
    ]
    if question is None or len(chosen) < 2 or not general:
        return chosen, texts
    shown = " ".join(texts)
    worry = topic_worry(topic)
    phrase = topic_phrase(topic)
    subject = TOPIC_PURPOSE.split(phrase, maxsplit=1)[0].strip() if phrase else ""
    at = general[-1]
    others = embedder.embed([text for index, text in enumerate(texts) if index != at])
    for term in key_terms(topic):
        part = part_saying(topic, term) if not carried(term, shown) else ""
        # (a life event is not asked about as a detail; nor the same question twice)
        # (nor a question the writer asks: "is it even legal")
        if not part or part.lower() in shown.lower() or LIFE_EVENT.search(part) or ASKED.match(part):
            continue
        if FIRST_MEETING.search(part) or re.match(r"(?:with|w/?)\s", part, re.IGNORECASE):
            continue  # "(first session) with Marek from finance who wants to learn…" says which session
        if (
            WRITER_FEELING.match(part)
            or OBJECT_PRONOUN.match(part)
            or (FIRST_MEETING.search(topic) and (said_of_writer(part, topic) or JUDGED.search(part)))
        ):
            continue  # "I am apprentice in the baggage hall", "bit scared tbh": the writer, not the partner
        if len([word for word in key_terms(part) if not carried(word, shown)]) < NEW_WORDS_LEAST:
            continue  # "never uses the chat" beside "never using the chat and misses half the questions"
        if subject and part.lower().startswith(subject.lower()):
            continue  # "whatsapp groups for the night shift porters" is the subject again, not a detail
        question = detail_question(part, detail_questions) or question
        asked, text = question, question.text.replace(DETAIL_SLOT, f"“{part}”", 1)
        if worry and worry.lower() in part.lower():
            if any(own_slot(chunk) == WORRY_SLOT for chunk in chosen):
                continue  # the worry is asked already
            if fear is not None:  # "he's nervous about onedrive": as a worry, not "how does it fit into…"
                asked, text = fear, starter_text(fear, topic)
        if len(others) and float((others @ embedder.embed([text])[0]).max()) >= OWN_NEAR_DUPLICATE:
            continue
        return [*chosen[:at], asked, *chosen[at + 1 :]], [*texts[:at], text, *texts[at + 1 :]]
    return chosen, texts


def takes_a_part(chunk: Chunk) -> bool:
    """A question that may quote a part cut out of the message: an any-skill one, or the mentor's
    note before a first meeting ("hates teams calls"); not the mentee's first-meeting question nor
    a last meeting's, which take what was said whole."""
    if chunk.article_id != RELATIONSHIP_ARTICLE:
        return True
    return chunk.tags.get("stage") == "first" and chunk.tags.get("audience") == "mentor"


# A part of the topic asked about on its own says at least this many words the starters do not.
NEW_WORDS_LEAST = 2
# A part that says what someone wants to do ("building the rota in one place", "to stop emailing
# attachments"), as against how things are ("only 40 followers and mostly staff").
AIM = re.compile(
    r"^(?:\w+ing\b|to\s|(?:she|he|they|i|we)?\s*(?:wants?|would like|'d like|hopes?|plans?|is trying|"
    r"are trying|trying|learn)\b)",
    re.IGNORECASE,
)


def detail_question(part: str, questions: list[Chunk]) -> Chunk | None:
    """Of the questions about a detail, one marked for what `part` says, an aim or a fact (the
    any-skill starters' `detail` tag); None when none is marked for it."""
    wanted = "aim" if AIM.match(part) else "fact"
    return next((chunk for chunk in questions if chunk.tags.get("detail") == wanted), None)


FIRST_PERSON = re.compile(r"(?:i|i'm|im|i've|ive|we|we're)\s", re.IGNORECASE)
# How the writer feels before the meeting, with nobody else in it: "bit scared tbh", "kinda nervous lol".
WRITER_FEELING = re.compile(
    r"^(?:(?:a\s+)?(?:bit|little|tad)\s+|kinda\s+|kind of\s+|so\s+|really\s+|quite\s+|very\s+|super\s+|"
    r"proper\s+|slightly\s+|abit\s+)*(?:scared|nervous|terrified|anxious|intimidated|bricking it|worried|"
    r"excited|stressed|panicking|shaking|dreading it|daunted|out of my depth)\b(?!.*\b(?:she|he|they|you)\b)",
    re.IGNORECASE,
)
# A part that opens with an object pronoun is a fragment ("us under a year" of "with us under a year").
# ("her" is left out: "her team hates teams calls" is a detail)
OBJECT_PRONOUN = re.compile(r"^(?:us|me|them|him)\s", re.IGNORECASE)


def said_of_writer(part: str, topic: str) -> bool:
    """Whether the topic says `part` of the writer: "I am apprentice in the baggage hall"."""
    return (
        re.search(
            r"\b(?:i\s+am|i'?m|im|i\s+work|i'?ve been)\s+(?:an?\s+|the\s+|just\s+)?" + re.escape(part),
            topic,
            re.IGNORECASE,
        )
        is not None
    )


PARTNER_IN_IT = re.compile(r",\s+you\s", re.IGNORECASE)  # the partner's part after the writer's


# A middle session's starter that opens by telling how the sessions have gone ("Lately our
# sessions have felt a bit alike to me. What would you change…?"): a sentence before the question.
TELLS = re.compile(r"^[^?]*[.!]\s")


def tells_how_it_went(chunk: Chunk) -> bool:
    return chunk.tags.get("stage") == "middle" and TELLS.match(chunk.text) is not None


# Reciprocal rank fusion's constant: a candidate's score is the sum of 1 / (FUSION_K + rank).
FUSION_K = 10


def closest_to(text: str, candidates: list[Chunk], readers: tuple[Embedder, ...]) -> list[Chunk]:
    """The candidates (in retrieval's order), closest to `text` first: retrieval's order and each
    reader's cosine similarity fused by reciprocal rank. Each alone has its favourites: retrieval's
    shared words put "if we only had twenty minutes" first for "keeps rescheduling our sessions
    last minute"; all-mpnet put "we agreed a few things to try" first for "got a bit tense when i
    pushed back"; both models put "are we being too polite?" first for "we keep cancelling on each
    other", which retrieval's "cancel" got right; the words they share settle it."""
    if not candidates:
        return []
    texts = [chunk.text for chunk in candidates]
    rankings: list[list[float]] = [[-rank for rank in range(len(candidates))]]  # retrieval's order
    for reader in readers:
        vectors = reader.embed([text, *texts])
        rankings.append([float(value) for value in vectors[1:] @ vectors[0]])
    stems = shared_stems(text)  # ... and the words they share ("cancelling", "cancelled": "cance")
    rankings.append([float(len(stems & shared_stems(other))) for other in texts])
    score = [0.0] * len(candidates)
    for values in rankings:
        for rank, index in enumerate(sorted(range(len(candidates)), key=lambda i: -values[i])):
            score[index] += 1 / (FUSION_K + rank)
    order = sorted(range(len(candidates)), key=lambda index: -score[index])
    # A starter written for an issue the pair named in words of their own comes first: "never
    # does the homework" is the one about "things we agreed to try" that have "not happened".
    told = issue_stems(text)
    order = sorted(order, key=lambda index: not written_for(texts[index], told))
    return [candidates[index] for index in order]


# How people name a pair's issue, and the words the starters written for it use: "never does the
# homework" is the starter about what "we agreed to try between sessions"; "always distracted +
# multitasking" the one about "messages and calls" breaking in.
ISSUE_WORDS = {
    r"\b(?:homework|practi[cs]e|exercises?|tasks?|assignments?|actions?|follow[- ]?(?:through|up)|"
    r"never (?:tries|tried|trying|does|did)|doesn'?t (?:try|do)|(?:says|said) yes)\b": (
        "things we agreed to try, not happened"
    ),
    r"\b(?:phones?|distracted|multi-?task\w*|emails?|notifications?|inbox|texting|scrolling)\b": (
        "messages and calls, phones and email"
    ),
    r"\b(?:cancel\w*|reschedul\w*|postpon\w*|no[- ]shows?|stood (?:me )?up|moved|rearrang\w*)\b": (
        "sessions keep getting moved or cancelled at short notice, pushed out of the diary"
    ),
    r"\b(?:quiet|silent|one[- ]word|barely (?:talks|speaks|says)|talk(?:s|ed|ing)? over|interrupt\w*|"
    r"cut (?:him|her|them|me) off|dominat\w*|(?:do|did|does) (?:all|most) (?:of )?the talking)\b": (
        "does most of the talking"
    ),
    r"\b(?:defers?|deferring|yes[- ]man|agrees? with (?:everything|all)|title)\b": (
        "deferring because of my title"
    ),
    r"\b(?:tense|argument|(?<!in a )row|fell out|snapped|clash\w*)\b": "got a bit tense",  # not "in a row"
    r"\b(?:late|overrun\w*|over-?ran|runs? over)\b": "running late or over",
    r"\b(?:thank\w*|grateful|gratitude|appreciat\w*)\b": "thank you properly",
}


ISSUE_MATCH = 2  # stems of ISSUE_WORDS a starter shares to be one written for the issue


def written_for(starter: str, issue: set[str]) -> bool:
    """The starter is one written for the issue the pair named, given as `issue_stems`."""
    return len(issue & shared_stems(starter)) >= ISSUE_MATCH


def issue_stems(text: str) -> set[str]:
    """The stems of the words the starters written for the pair's issue use (ISSUE_WORDS)."""
    words = [words for pattern, words in ISSUE_WORDS.items() if re.search(pattern, text, re.IGNORECASE)]
    return shared_stems(". ".join(words))


# Stems every pair's questions share, which say nothing about the issue.
PAIR_STEMS = frozenset(
    {"sessi", "each", "other", "getti", "going", "meeti", "mento", "mente", "time", "betwe"}
)


def shared_stems(text: str) -> set[str]:
    """The first five letters of each word of `text` that says what its issue is."""
    return {word[:5] for word in content_words(text)} - PAIR_STEMS


# The stems of the starters written for a thank-you (ISSUE_WORDS).
THANKS_STEMS = shared_stems("thank you properly")


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
