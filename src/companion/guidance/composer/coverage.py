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
    PARENTHESES,
    REQUEST_WRAPPER,
    second_person,
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
    actually literally probably maybe haha omfg runs run running leads lead leading manages managing heads
    getting gets"""
REQUEST_WORDS = frozenset(REQUEST_WORD_LIST.split())
WORD = re.compile(r"[a-z][a-z'-]{3,}")
# Where a topic's parts end: punctuation, a dash, and the words that join two clauses.
PART_BREAK = re.compile(
    r"[,.;:!?()]+|\s[-–—]+\s|\s+(?:but|so|because|bc|cos|coz|while|though|although)\s+|"
    # not "red and green", "canva and instagram": an "and" before the last word or two of a part joins them
    r"\s+(?:and|n|&)\s+(?![\w'’-]+(?:\s+[\w'’-]+)?\s*(?:$|[,.;:!?()]))",
    re.IGNORECASE,
)
# Who does it, at the start of a part: "his club is switching…" keeps "his club"; "he wants to…" loses "he".
DOER = re.compile(
    r"^(?:(?:(?:my|our)\s+)?(?:reverse\s+)?(?:mentee|mentor)(?:'s|s)?|he|she|they|i|we)"
    r"(?:'s|'re|'m|\s+is|\s+are|\s+am|\s+has|\s+have|\s+was|\s+can|\s+could|\s+will|\s+would)?\s+",
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
    """The starters' text carries the word, or a word of the same first five letters, or of the
    same root ("types" is carried by "typing")."""
    root = re.sub(r"(?:ing|ed|es|s)$", "", term.lower())
    root = root[:-1] if len(root) > MIN_ROOT and root.endswith("e") else root
    stems = {term[:5], root[:5]} if len(root) >= MIN_ROOT else {term[:5]}
    return any(re.search(rf"\b{re.escape(stem)}", text, re.IGNORECASE) for stem in stems)


MIN_ROOT = 3  # a root shorter than this ("us" of "uses") says nothing


def part_saying(topic: str, term: str) -> str:
    """The part of the topic that says `term`, as a phrase a question can quote (at most
    PART_WORDS words, put to the partner); "" when it does not read as one."""
    said, role = what_is_said(topic), topic_role(topic).lower()
    for part in PART_BREAK.split(said):
        if not carried(term, part):
            continue
        part = DOER.sub("", DETAIL_LEAD.sub("", part.strip()))
        words = part.split()
        if not any(carried(term, word) for word in words):
            continue  # the term was in the lead or the doer taken off ("she wants…")
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


# A middle session's issue, as the pair told it: "my mentee checks his phone the whole session"
# is put to the partner as "you check your phone the whole session", to be named gently in the
# starter that asks what to change (starters-relationship's `names: issue`).
PARTNER_DOER = re.compile(
    r"^(?:(?:(?:my|our)\s+)?(?:reverse\s+)?(?:mentee|mentor)|he|she)(?:\s*,\s*[^,]{1,60},|\s*\([^)]{1,60}\))?"
    r"\s+(?=[a-z])",
    re.IGNORECASE,
)
# How often the partner does it, between the doer and the verb: "he always turns up late".
HOW_OFTEN = re.compile(
    r"^((?:(?:always|never|constantly|often|usually|sometimes|still|just|really|also|barely|literally|"
    r"kinda|basically|again|even)\s+)*)([a-z']+)",
    re.IGNORECASE,
)
# A second verb of the partner's: "turns up late and then rushes off", "nods along but never does…".
AND_THEN = re.compile(
    r"(\b(?:and|but|or)\s+(?:(?:then|never|always|still|just|also|often|constantly)\s+)?|"
    r",\s+(?:then|never|always|still|just|also|often|constantly)\s+)([a-z']+s)\b",
    re.IGNORECASE,
)
# How a message is said, inside the issue: "seems scared of me tbh, never challenges…".
FILLER = re.compile(r"\s+(?:tbh|lol|haha|ngl|smh|idk|tho)\b", re.IGNORECASE)
# Who the partner is, which is no issue: "my mentee is senior partner".
IDENTITY = re.compile(r"^(?:is|was|'s)\s+(?:a|an|the|our|my|senior|head|chief|new|\w+\s+director)\b", re.I)
# ... nor praise, which is read past: "he's been lovely but always turns up late" is about turning up late.
PRAISE_LEAD = re.compile(
    r"^(?:(?:my|our)\s+(?:reverse\s+)?(?:mentee|mentor)|he|she|they)\s*(?:'s|’s|s|\s+is|\s+was|\s+has|'ve|\s+have)"
    r"\s+(?:been\s+)?(?:(?:so|really|very|super|genuinely|honestly|just|absolutely)\s+)*"
    r"(?:lovely|great|brilliant|amazing|fab\w*|wonderful|nice|kind|helpful|supportive|ace|a star|a gem|"
    r"fantastic|excellent|incredible|awesome|a delight|a pleasure)\b(?:\s+(?:but|tho|though)\s+|\W*$)",
    re.IGNORECASE,
)
# "my mentor" later in the part is the person asked: "i called my mentor by the wrong name".
PARTNER_NAMED = re.compile(r"\b(?:my|our)\s+(?:reverse\s+)?(?:mentee|mentor)\b", re.IGNORECASE)
# "taught her as her own idea": the first "her" is the partner, the second what is theirs.
HER_AS_PARTNER = re.compile(
    r"\b(?:her|him)(?=\s+(?:as|to|for|about|in|on|at|with|that|and|but|if|when|how|what|because|by|"
    r"again|back|off|up|out|down|over|something|anything|everything|nothing|the|a|an|this|these|those|"
    r"my|some|why|where|which|whether)\b|\s*[,.;!?]|\s*$)",
    re.IGNORECASE,
)
# Parts that ask the companion for something, or say how the writer feels, rather than what happens.
NOT_ISSUE = re.compile(
    r"^(?:how|what|any|pls|please|help|suggest|give|gimme|need|questions?|ideas?|tips?|advice|"
    r"(?:i|we)\s+(?:feel|felt|think|thought|don'?t|dont|do not|want|wanna|would|need|like|love|am|"
    r"guess|hope|wonder)|i'?m|im|feels?\s+like|honestly|idk|lol|ugh|thanks?|"
    # the session's name, not what is wrong: "mid-programme check in, things feel a bit stale"
    r"(?:our\s+|the\s+|a\s+)?(?:mid[- ]?(?:programme|program|point|way)|halfway|midway)"
    r"(?:\s+(?:check[- ]?in|catch[- ]?up|review|session|point))?\W*$)\b",
    re.IGNORECASE,
)
ISSUE_WORDS_MOST = 18
# Words a cut quote must not end on: "… instead of your stuff at" is no way to end a sentence.
DANGLING = re.compile(
    r"(?:\s+(?:at|of|to|the|a|an|and|or|but|with|in|on|for|your|my|his|her|our|their|about|from|by|"
    r"is|are|was|it|that|than|as|so))+$",
    re.IGNORECASE,
)
# "how do i tell my mentee that the sessions feel pointless": what is to be told follows.
TELLING = re.compile(
    r"^(?:how\s+(?:do|can|could|should|would)\s+i\s+)?(?:tell|say\s+to|raise\s+(?:it\s+)?with|ask)\s+"
    r"(?:my\s+)?(?:reverse\s+)?(?:mentee|mentor|him|her)\s+(?:that\s+)?",
    re.IGNORECASE,
)
# How a message trails off, which is not part of the issue: "… about her team tbh".
TRAILING_FILLER = re.compile(
    r"(?:\s+(?:tbh|lol|haha|ngl|honestly|tho|though|smh|ugh|idk))+\s*$", re.IGNORECASE
)
SHORT_ISSUE = 4  # "our sessions have drifted" gives way to what the partner does, told after it
# A part that opens with the partner's verb, the partner named before it: "… but talks so fast".
THIRD_PERSON_VERB = re.compile(
    r"^(?:(?:always|never|constantly|often|usually|still|just|really|also|barely)\s+)*"
    r"(?!(?:its|this|is|was|has|always|us|yes|thanks|lots|plus)\b)[a-z']+s\b",
    re.IGNORECASE,
)
# Where the issue's part ends: a sentence's end, a dash, an emoji, a new subject, or a clause that
# adds how the writer feels.
ISSUE_BREAK = re.compile(
    r"[.;:!?()]+|[\U0001F300-\U0001FAFF\u2600-\u27BF]+|"
    r",\s+(?=(?:and\s+)?(?:i|im|i'm|it|its|it's|which|so|but|how|what|feels?|wants?|wanna|need|going|gonna|trying|"
    r"things|everything|sessions|we|we're|were|he's|she's|hes|shes|"
    r"ugh|lol|haha|idk|tbh|pls|please)\b)|"
    r"\s[-–—]+\s|\s+(?:while|though|although)\s+|"
    r"\s+(?:but|so|because|bc|cos|coz)\s+(?=(?:i|im|i'm|we|he|she|it|they)\b)|\s+and\s+(?=(?:he|she|i|we)\s)",
    re.IGNORECASE,
)


def issue_said(topic: str) -> str:
    """The part of a middle session's topic that says what is going wrong between the pair, put to
    the partner ("you talk about golf for most of the hour"): the first that reads as one, unless it
    is a few words only ("our sessions have drifted") and the partner's doing follows; "" when no
    part reads as one."""
    if is_instruction_like(topic):
        return ""
    found: list[str] = []
    partner_before = False  # "he is lovely but talks so fast": the partner still does it
    said = PARENTHESES.sub("", TELLING.sub("", what_is_said(topic).strip()))  # "my mentee (cfo) keeps…"
    for part in ISSUE_BREAK.split(said):
        part = TRAILING_FILLER.sub("", part.strip(" ,'\"“”")).strip(" ,'\"“”")
        praised = PRAISE_LEAD.match(part)
        if praised:
            # the partner is praised, and what follows is theirs: "… but always turns up late"
            part, partner_before = part[praised.end() :].strip(), True
        doer = PARTNER_DOER.match(part)
        continues = partner_before and not doer and THIRD_PERSON_VERB.match(part) is not None
        partner_before = bool(doer) or continues
        if len(part.split()) < 3 or NOT_ISSUE.match(part) or NOT_WORDS.search(part) or not key_terms(part):
            continue
        if doer and IDENTITY.match(part[doer.end() :]):
            continue
        if doer or continues:
            found.append(as_said_to_partner(part[doer.end() :] if doer else part, partner_does=True))
            return found[0] if len(found[0].split()) > SHORT_ISSUE else found[-1]
        found.append(as_said_to_partner(part, partner_does=False))
    return found[0] if found else ""


def as_said_to_partner(part: str, partner_does: bool) -> str:
    """`part` as the writer would say it to the partner: "always turns up late and then rushes off"
    (the partner's doing) as "you always turn up late and then rush off"; "i called my mentor by
    the wrong name" as "I called you by the wrong name"."""
    part = FILLER.sub("", part)
    if partner_does:
        often = HOW_OFTEN.match(part)
        if often:
            part = f"{often.group(1)}{second_person(often.group(2))}{part[often.end() :]}"
        part = "you " + AND_THEN.sub(lambda m: m.group(1) + second_person(m.group(2)), part)
    part = HER_AS_PARTNER.sub("you", PARTNER_NAMED.sub("you", part))
    part = re.sub(r"\byou'?s\b", "your", part)  # "my mentee's spaniel" → "your spaniel", not "you's"
    part = to_partner(part, "he")  # "his phone" → "your phone"
    part = re.sub(
        r"\byou're (been|got|had|done|gone|seen)\b", r"you've \1", part
    )  # "he's been" → "you've been"
    part = re.sub(r"^(?:im|i'm)\b", "I'm", re.sub(r"^i\b", "I", part))
    part = re.sub(r"\bi(?=\s)", "I", part)
    words = part.split()
    if len(words) <= ISSUE_WORDS_MOST:
        return " ".join(words).strip(" ,;")
    return DANGLING.sub("", " ".join(words[:ISSUE_WORDS_MOST]).strip(" ,;"))
