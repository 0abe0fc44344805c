"""Offline reflection prompts, grounded in the person's own notes.

1. The notes are split into clauses, and each clause is read for what it says: what happened,
   what was felt, what went wrong (or well), what comes next, what was agreed and did not happen,
   a question left open. The cues are a short list of words (notes.py), because they must be
   explainable to the person reading the prompts. Every reflection prompt of the knowledge base is
   a candidate (service.reflection_passages).
2. The framework fits the notes:
   - Gibbs's cycle for a hard or significant moment (something went wrong, a strong feeling);
   - Kolb's cycle for practising a skill;
   - What? So what? Now what? for a quick check: notes of eight words or fewer, two prompts or
     fewer asked for, or notes with neither a hard moment nor a skill practised (three prompts
     asked for keep Gibbs or Kolb: three of their stages fit such a session better).
   Without notes, the number of prompts asked for decides, as before. A last session is looked
   back on as the end of the programme: Gibbs's cycle for a hard moment, else What? So what? Now
   what?, with the prompts written for an ending first and none that assumes a next session.
3. Each stage's prompts are ranked against the notes; where a clause speaks to a stage, its prompt
   opens with that clause quoted ("You wrote “Copilot got two numbers wrong”."), so that at least
   two prompts pick up what the notes say. The question itself is the knowledge base's, cited.
4. People read stage names ("Feelings", "So what?"), never tags; a mentor never reads "your junior
   mentor", and no prompt asks about an observation, a tool, a public post or a moment of rank
   that the topic and notes do not mention (SUBJECTS).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

import numpy as np

from companion.citations import cite
from companion.guidance.composer.notes import (
    CUES,
    DECIDING,
    DOUBT_WILL,
    HARD,
    PARTING_TEARS,
    PRACTICE,
    REGRET,
    SHORT_NOTES,
    WHICH_SESSION,
    Clause,
    hard_moment,
    own_words,
    partner_remark,
    read_notes,
    restates_topic,
    strong_feeling,
    telling_clauses,
)
from companion.guidance.composer.salience import by_salience, is_label, salience
from companion.guidance.schemas import (
    FIRST_MEETING,
    ReflectionPrompt,
    ReflectionRequest,
    Reflections,
    says_last_session,
)
from companion.kb.vocabulary import (
    FRAMEWORK_STAGES,
    NOTES_DECIDING,
    NOTES_DOUBT,
    NOTES_ENDING,
    NOTES_FELT_OTHER,
)
from companion.prompts.loader import phrases
from companion.rag.chunking import Chunk
from companion.rag.embeddings import Embedder

STAGE_LABELS = {
    "description": "Description",
    "feelings": "Feelings",
    "evaluation": "Evaluation",
    "analysis": "Analysis",
    "conclusion": "Conclusion",
    "action-plan": "Action plan",
    "concrete-experience": "Experience",
    "reflective-observation": "Reflection",
    "abstract-conceptualisation": "Concepts",
    "active-experimentation": "Experiment",
    "what": "What?",
    "so-what": "So what?",
    "now-what": "Now what?",
}
# The stages a clause of each kind speaks to, in each framework.
SPEAKS_TO = {
    "gibbs": {
        "happened": "description",
        "felt": "feelings",
        "wrong": "evaluation",
        "well": "evaluation",
        "next": "action-plan",
        "learnt": "conclusion",
        "unkept": "analysis",
        "hiccup": "description",
        "wondering": "analysis",
    },
    "kolb": {
        "happened": "concrete-experience",
        "felt": "reflective-observation",
        "wrong": "reflective-observation",
        "well": "reflective-observation",
        "next": "active-experimentation",
        "learnt": "abstract-conceptualisation",
        "unkept": "reflective-observation",
        "hiccup": "concrete-experience",
        "wondering": "abstract-conceptualisation",
    },
    "what-so-what-now-what": {
        "happened": "what",
        "felt": "so-what",
        "wrong": "so-what",
        "well": "so-what",
        "next": "now-what",
        "learnt": "so-what",
        "unkept": "so-what",
        "hiccup": "what",
        "wondering": "so-what",
    },
}
# What the session was about, read from the topic and the notes: a prompt tagged `about:` (a
# tool's output, posting in public, the relationship across the power gap) is offered only when
# they speak of it, so that a first LinkedIn post is not asked about rank, nor a talk about rank
# about the tool. Without notes, the relationship prompts stay open: they fit any session.
SUBJECTS = {
    # The `tool` prompts ask about an AI tool's output ("when did you notice something was off"):
    # a pivot table or a password manager is practice, not a tool to be checked.
    "tool": r"\b(ai|chatgpt|copilot|gemini|claude|assistant|llm|genai|gen ai|prompts?|output|made up|"
    r"hallucinat\w*|summar\w*|drafts?|asked it|it (?:gave|made|used|wrote|said|got|invented|missed))\b",
    # (not a job: "passed over for the team lead post", "the post of head of IT")
    "posting": r"\b((?<!lead )(?<!manager )(?<!leader )(?<!senior )(?<!head )(?<!director )post(?! of)|"
    r"posts|posted|posting|followers|likes|video|videos|clip|filmed|went viral|"
    r"shared publicly|article)\b",
    "relationship": r"\b(feedback|rank|grade|senior|junior|seniority|hierarchy|power|defensive|argu\w*|"
    r"interrupt\w*|dismiss\w*|pushed back|push back|criticis\w*|candid|apologi\w*|"
    r"talked down|patronis\w*|tension|clash\w*)\b",
}
# A post that was not made: "didnt want to post anything", "never posts", "won't share publicly",
# or not yet: "she wants to post friday", "going to post it next week".
NOT_POSTED = re.compile(
    r"\b(?:didn'?t|did not|don'?t|do not|won'?t|wouldn'?t|not|never|no|"
    r"(?:wants?|wanted|going|gonna|planning|plans?|hop(?:es|ing)|aims?|intends?) to|will|'ll|"
    # a plan to post ("next time: posting", "next sesh we do posting")
    r"ne?xt\s*(?:time|week|session|sesh|up)?\s*[:\-–]|ne?xt (?:time|week|session|sesh) (?:we|i)(?: do| try)?)"
    r"\s+(?:\w+\s+){0,3}?"
    r"(?:post|posts|posting|posted|share publicly)\b(?:\s+(?:anything|it|a thing))?",
    re.IGNORECASE,
)
# What says a post went out and met its readers, which every `about: posting` prompt asks about
# ("what reactions came back"): "my idea for his post" or "we drafted her post" says no such thing.
POSTED_OUT = (
    r"\b(posted|went (?:out|live|viral|up)|published|hit publish|likes|liked it|comments|commented|"
    r"reactions|reacted|views|viewed|followers|shares|shared it|reposts?|reposted|engagement|impressions|"
    r"replies|replied|dms?)\b"
)
# A platform's name in the topic says the session was about posting; in the notes it may be a
# passing mention ("a real diagnosis or a tiktok thing").
PLATFORMS = r"\b(linkedin|tiktok|reels?|instagram|twitter|threads|youtube|social media|facebook)\b"
# Cosine added to a prompt tagged with a subject the session was about. 0.25 put a tool's error
# prompts on a session whose hard moment was pasting staff names into it (2026-12-04 review).
SUBJECT_BONUS = 0.1
# A last session's own prompts (`about: ending`) come before the general ones of their stage, and
# no prompt asks about "the next session" there isn't.
ENDING_BONUS = 0.3
# ... and a first session none about sessions before it ("since the last session", "the goal the
# two of you set at the start of the pairing").
EARLIER_SESSIONS = re.compile(
    r"\b(?:since|at|in|from) (?:the|our|your) (?:last|previous) (?:session|meeting)|\bsince we last\b|"
    r"\bat the start of the pairing\b|\bso far\b",
    re.IGNORECASE,
)
NEXT_MEETING = re.compile(
    r"\bnext (?:session|meeting|time (?:we|you) meet)|\b(?:we|you) next meet|\bbefore (?:we|you) meet again",
    re.IGNORECASE,
)
CLAUSE_WEIGHT = 0.6  # a quoting prompt is ranked this much by its clause, the rest by the whole notes
# Words that, beside a first meeting's, still only say which session it was.
SESSION_WORDS = frozenset({
    "session", "sesh", "meeting", "mtg", "chat", "call", "today", "done", "one", "with", "w", "my",
    "our", "the", "mentor", "mentee", "reverse",
})  # fmt: skip
# A quoted clause is at most this long: the detail a line ends on ("…himself now, with the photo of
# the lot and the saponin test") is often its point, so a line is cut late.
QUOTE_WORDS = 22
QUOTE_AT_COMMA = 6  # ... and cut at a comma only when that leaves this many words
WRONG_SIDE = {"mentor": "your junior mentor", "mentee": "your senior mentee"}


# A line that says something came to light or changed: "it turns out it counts reopened cases
# twice", "i now post once a fortnight".
FOUND_OUT = (
    r"\b(?:turns? out|turned out|found out|discovered|noticed|spotted|(?:learnt|learned) that|i now|now i|"
    r"for the first time)\b"
)


# A line the writer tells of themselves: "I handled it clumsily", "i got flustered".
# ... after a few words that say when ("During our meeting I raised that he interrupts the grads").
OWN_LINE = re.compile(
    r"\W*(?:(?:but|and|so|then|tbh)\s+)*"
    r"(?:(?:during|in|at|after|before|when|today|yesterday|halfway through)\b(?:\s+[\w']+){0,3},?\s+)?"
    r"(?:i|i'm|im|i've|ive|i was|my)\b",
    re.IGNORECASE,
)


# The writer's reaction to something, which is not the event itself: "i didnt know what to say".
REACTION = re.compile(
    r"\b(?:(?:didn'?t|didnt|did not) know what to (?:say|do)|i said nothing|i went quiet|i froze|"
    r"(?:didn'?t|didnt|couldn'?t|couldnt) say (?:anything|a word)|went blank|bit my tongue|i just nodded)\b",
    re.IGNORECASE,
)
# A line that tells what the partner said or did: "she told me about…", "my mentee said…".
# What the partner did to the writer that hurt, the hard moment itself: "he did an impression of my
# accent", "she rolled her eyes at me", "he cut me off".
DONE_TO_WRITER = re.compile(
    r"\b(?:he|she|they)\s+(?:\w+\s+){0,2}?(?:did an impression of (?:me|my)|mock(?:ed|s)? (?:me|my)|"
    r"mimick?(?:ed|s)? (?:me|my|how i)|imitat(?:ed|es) (?:me|my)|made fun of (?:me|my)|laughed at (?:me|my)|"
    r"rolled (?:his|her|their) eyes|cut me off|talked (?:down to|over) me|put me on the spot|"
    r"shut me down|snapped at me|raised (?:his|her|their) voice|"
    # "he got quite sharp with me"
    r"(?:got|was|were|went) (?:quite |a bit |really |very |pretty )?(?:sharp|short|snappy|rude|cold|curt|"
    r"dismissive|cross) with me)",
    re.IGNORECASE,
)
PARTNER_LINE = re.compile(
    # (or by name: "Malik told me about being mistaken for a delivery driver")
    r"^(?:(?:and|but|then|so)\s+)?(?:(?:my|our)\s+(?:reverse\s+)?(?:mentee|mentor)|he|she|they|(?!i\b|"
    r"we\b)\w+)\s+"
    r"(?:\w+\s+)?(?:told|said|asked|shared|mentioned|opened up|described|explained|admitted|joked|snapped|"
    r"talked about|brought up|called)\b",
    re.IGNORECASE,
)


# Gibbs's stages that quote only a line of these kinds.
TELLING_STAGES = {
    "feelings": ("felt", "wrong"),
    "analysis": ("felt", "wrong", "unkept", "wondering"),
    "conclusion": ("felt", "wrong", "learnt"),
}


# A feeling told about what was just said or done: "felt a bit exposed saying that", "i was
# embarrassed after that", "hated myself for it".
POINTS_BACK = re.compile(
    r"\b(?:saying|doing|hearing|admitting|telling (?:him|her|them)|writing|asking)\s+(?:that|it|this)\b|"
    r"\b(?:after|about|by|for)\s+(?:that|it|this)\W*$",
    re.IGNORECASE,
)


def pointed_back_to(telling: list[Clause]) -> list[Clause]:
    """The line a feeling points back to (POINTS_BACK), when it is the line just before it and tells
    what happened, not another feeling."""
    for before, after in pairwise(telling):
        if after.kind == "felt" and POINTS_BACK.search(after.text) and before.kind not in ("felt", "next"):
            return [before]
    return []


def pick_clauses(
    clauses: list[Clause],
    framework: str,
    stages: tuple[str, ...],
    count: int,
    ending: bool = False,
    hard_read: set[str] | None = None,
) -> dict[str, Clause]:
    """Which clause of the notes each stage quotes. First each kind's most salient telling clause
    (salience.py; the notes' order breaks ties) to its stage ("I felt embarrassed" to Feelings);
    then the clauses still unquoted, the most salient first, to the stages still without one, so
    that notes with several points have each picked up; at least two stages quote the notes when
    they have anything to quote. `hard_read`: the clauses the hard-moment reader found."""
    telling = quotable_lines(clauses) or clauses  # (with a mishap that stands out: SALIENT_HICCUP)
    picked: dict[str, Clause] = {}
    # of the lines of a kind, the most salient is quoted first (salience.py), not the first written
    salient = by_salience(telling)
    # Gibbs's cycle is about the hard moment: its description asks about the writer's own line
    # that tells it ("I froze when he asked me why the chart was misleading"), not a line before
    # it; not the other person's reaction ("he went quiet", "she became tearful": what happened
    # before it is the event), and a line that says a feeling stays with Feelings
    if framework == "gibbs":
        # a remark the partner made, quoted, is the event itself ("he laughed and said "dyslexia is
        # a nice word for not checking your work""); the writer's silence after it is a feeling
        remarks = [clause for clause in telling if partner_remark(clause.text)]
        # ... and so is what the partner did to the writer ("he did an impression of my accent")
        remarks += [
            c for c in telling if c not in remarks and c.kind != "felt" and DONE_TO_WRITER.search(c.text)
        ]
        hard = remarks[:1] + [
            clause
            for clause in telling
            if clause.kind not in ("felt", "next")  # "I want to apologise next time" is the plan
            and OWN_LINE.match(clause.text)
            and re.search(HARD, own_words(clause.text.lower()))
        ]
        if hard and not remarks and REACTION.search(hard[0].text):
            # "she told me about being mistaken for the intern. i didnt know what to say": the
            # writer's silence answers what the partner told; that is the event to describe
            before = telling.index(hard[0]) - 1 if hard[0] in telling else -1
            if before >= 0 and PARTNER_LINE.match(telling[before].text):
                hard.insert(0, telling[before])
        # ... or, without one the cue lists know, the first the hard-moment reader found ("i wanted
        # the floor to swallow me")
        hard = hard or [
            c for c in telling if c.text in (hard_read or set()) and c.kind not in ("felt", "next")
        ]
        # ... or, with neither, the line a feeling points back to ("i said habit but honestly its bc
        # i dont trust the screen. felt a bit exposed saying that")
        hard = hard or pointed_back_to(telling)
        if hard:
            picked["description"] = hard[0]
    # Kolb's cycle starts from what was practised ("we switched to xlookup and it clicked"), not
    # from a line about the time ("ran 10 mins over")
    if framework == "kolb":
        practised = [
            c for c in salient if c.kind not in ("felt", "unkept") and re.search(PRACTICE, c.text.lower())
        ]
        # the writer's own go first ("I managed to build most of the newsletter myself"), not what
        # the partner prepared ("Amara had prepared a template")
        practised.sort(key=lambda c: OWN_LINE.match(c.text) is None)
        if practised:
            picked["concrete-experience"] = practised[0]
    # of several lines that say what happened, one that found something out is the one to ask
    # about; of several that say what went wrong or what comes next, the writer's own ("I handled it
    # clumsily", "i said id introduce her to our CPO", not "she said she wants to move into product")
    found_out = [clause for clause in salient if re.search(FOUND_OUT, clause.text.lower())]
    # something agreed that did not happen comes first of all: it is what the pair must talk about
    unkept = [clause for clause in salient if clause.kind == "unkept"]
    own = [clause for clause in salient if clause.kind in ("wrong", "next") and OWN_LINE.match(clause.text)]
    # (then by what a line says, KEPT_FIRST: "I realised I did most of the talking" before "we talked
    # about how he found the induction" for So what?, whichever came first in the notes)
    kept_first = KEPT_FIRST_ENDING if ending else KEPT_FIRST
    for clause in unkept + found_out + own + sorted(salient, key=lambda c: kept_first[c.kind]):
        if clause not in picked.values():
            picked.setdefault(speaks_to(framework, clause), clause)
    unused = [clause for clause in salient if clause not in picked.values()]
    for stage in stages:
        if not unused and len(picked) >= min(2, len(stages)):
            break
        if (
            stage == stages[-1]
            and len(picked) >= min(2, len(stages))
            and any(clause.kind == "happened" for clause in unused[:1])
        ):
            # the plan does not ask "what will you do about that?" of "gave me a lovely card"
            break
        if stage in TELLING_STAGES and stage not in picked:
            # Gibbs's Feelings, Analysis and Conclusion quote a line that tells a feeling, what went
            # wrong or a lesson ("didnt know what to say, laughed"), never "pivot tables today"
            # ("why do you think that happened?"); with none, their question stands alone
            fitting = [clause for clause in unused if clause.kind in TELLING_STAGES[stage]]
            if fitting:
                picked[stage] = fitting[0]
                unused.remove(fitting[0])
            continue
        if stage not in picked and telling:
            # a plan is not asked about as what happened ("You wrote “meeting again in 2 weeks”.
            # What was going on at that point…?")
            fitting = [c for c in unused if c.kind != "next" or SPEAKS_TO[framework]["next"] == stage]
            if stage == stages[0]:
                # the first stage asks what happened: of the lines left, one that tells it or a
                # feeling ("I'll miss our chats"), before a lesson or a plan a later stage asks about
                fitting.sort(key=lambda c: c.kind not in ("happened", "well", "felt", "hiccup"))
            if stage == stages[-1]:  # ... and the plan takes up only a line that calls for one
                fitting = [c for c in fitting if calls_for_a_plan(c)]
            if fitting:
                picked[stage] = fitting[0]
                unused.remove(fitting[0])
            elif len(picked) < min(2, len(stages)):
                picked[stage] = unused.pop(0) if unused else telling[len(picked) % len(telling)]
    # Notes that say what went wrong but not what comes next: the plan asks what the person will do
    # about that line ("You wrote “I talked too much at the start”. What will you try differently
    # next time because of that?"), not a question about something the notes never raised.
    action = stages[-1]
    # (a feeling that is no problem, "really proud of her", is not asked "what will you do about it")
    problems = [clause for clause in telling if clause.kind in ("wrong", "unkept") or hurt(clause)]
    if action not in picked and problems and len(picked) < count:
        # (one not quoted yet first: "im starting to feel like shes not that bothered" after "she
        # cancelled twice" was asked about)
        fresh = [c for c in problems if c not in picked.values()] or problems
        problem = next((c for c in fresh if c.kind == "unkept"), None)
        problem = problem or next((c for c in fresh if c.kind == "wrong"), fresh[0])
        # Only when there is room: never in place of a line not yet quoted, nor a third time.
        if list(picked.values()).count(problem) < 2:
            picked[action] = problem
    return picked


# How much a line's kind adds to its salience when the notes' points are chosen (with_the_points):
# what comes next, what was not kept, what was felt and what went wrong are what a reflection is
# for; a plain account of what happened is the first to give way.
POINT_WEIGHT = {
    "unkept": 1.5, "next": 1.0, "felt": 1.0, "wrong": 1.0, "learnt": 0.8, "wondering": 1.0, "well": 0.5,
    "happened": 0.0, "hiccup": -0.5,
}  # fmt: skip
LAST_LINE_WEIGHT = 0.75
POINT_FIRST = -100.0  # the stages that quote a point sort ahead of every other (KEPT_FIRST)
# The stages that may quote a line of each kind when its own is taken, nearest first.
HOSTS = {
    "gibbs": {
        "felt": ("feelings", "analysis", "conclusion"),
        "wrong": ("evaluation", "analysis", "conclusion", "feelings"),
        "well": ("evaluation", "description", "conclusion"),
        "happened": ("description", "evaluation", "analysis"),
        "learnt": ("conclusion", "analysis", "evaluation"),
        "unkept": ("analysis", "evaluation", "action-plan"),
        "wondering": ("analysis", "conclusion"),
        "next": ("action-plan",),
        "hiccup": ("description", "evaluation"),
    },
    "kolb": {
        "felt": ("reflective-observation", "abstract-conceptualisation"),
        "wrong": ("reflective-observation", "abstract-conceptualisation", "concrete-experience"),
        "well": ("reflective-observation", "concrete-experience", "abstract-conceptualisation"),
        "happened": ("concrete-experience", "reflective-observation", "abstract-conceptualisation"),
        "learnt": ("abstract-conceptualisation", "reflective-observation"),
        "unkept": ("reflective-observation", "abstract-conceptualisation"),
        "wondering": ("abstract-conceptualisation", "reflective-observation"),
        "next": ("active-experimentation",),
        "hiccup": ("concrete-experience", "reflective-observation"),
    },
    "what-so-what-now-what": {
        "felt": ("so-what", "what"),
        "wrong": ("so-what", "what"),
        "well": ("so-what", "what"),
        "happened": ("what", "so-what"),
        "learnt": ("so-what",),
        "unkept": ("so-what", "what"),
        "wondering": ("so-what",),
        "next": ("now-what",),
        "hiccup": ("what", "so-what"),
    },
}


# A verdict on the whole session, which says no more than its kind: "it went badly", "was ok".
VERDICT = re.compile(
    r"^\W*(?:(?:it|that|this|today|the session|session|overall)\s+)?(?:went|was|felt|is)\s+(?:\w+\s+)?"
    r"(?:badly|well|ok|okay|fine|great|good|bad|terrible|awful|rough|alright|meh)\W*$|"
    # "Disaster on my end.", "total car crash"
    r"^\W*(?:an? |total |complete |absolute |bit of a )?(?:disaster|car crash|mess|nightmare|shambles)"
    r"(?: on my (?:end|side|part)| from me| really| tbh)?\W*$",
    re.IGNORECASE,
)
VERDICT_WEIGHT = -2.0


SALIENT_HICCUP = 1.0  # a mishap laughed off is quoted when it stands out this much (salience)


def quotable_lines(clauses: list[Clause]) -> list[Clause]:
    """The lines worth quoting back (notes.telling_clauses), and a mishap laughed off that stands
    out ("I typed 300 boxes of amoxicillin instead of 30, the app asked 'are you sure?'"), in the
    notes' order; not one that is no more than a mishap ("he forgot his charger lol")."""
    telling = telling_clauses(clauses)
    return [
        clause
        for clause in clauses
        if clause in telling or (clause.kind == "hiccup" and salience(clause) >= SALIENT_HICCUP)
    ]


def host_kind(clause: Clause) -> str:
    """The kind a line is hosted as: a regret ("i should of told her sooner"), read as what comes
    next, is also what went wrong, which the stages before the plan can ask about."""
    return "wrong" if clause.kind == "next" and re.search(REGRET, clause.text.lower()) else clause.kind


def hosts_for(framework: str, clause: Clause, stages: tuple[str, ...]) -> list[str]:
    """The stages that may ask about a line, nearest first: its own, the HOSTS of its kind, then the
    others; the plan only for a line that calls for one."""
    near = [speaks_to(framework, clause), *HOSTS[framework].get(host_kind(clause), ())]
    ordered = [stage for stage in dict.fromkeys([*near, *stages]) if stage in stages]
    return [stage for stage in ordered if stage != stages[-1] or calls_for_a_plan(clause)]


def point_weight(clause: Clause) -> float:
    """How much the line is a point of the notes: its salience and its kind (POINT_WEIGHT); a
    verdict on the whole session (VERDICT) weighs least."""
    verdict = VERDICT_WEIGHT if VERDICT.match(clause.text) else 0.0
    return salience(clause) + POINT_WEIGHT.get(clause.kind, 0.0) + verdict


def with_the_points(
    picked: dict[str, Clause],
    clauses: list[Clause],
    framework: str,
    stages: tuple[str, ...],
    count: int,
    follow_ups: list[Chunk],
    ending: bool = False,
) -> tuple[dict[str, Clause], list[str]]:
    """The notes' points first: with fewer prompts than stages, the lines that weigh most
    (point_weight; the notes' order breaks ties) are the ones quoted, each at its own stage or, when
    a weightier line holds that one, at the nearest stage that can ask about it (HOSTS) with a
    question written to follow such a line. A line of the same kind as one already quoted no longer
    drops out because its stage is taken ("The third version started with 'Esteemed and most
    gracious Director'" beside a plainer account of the session). Returns the stages, and those
    that quote a point, weightiest first."""
    telling = quotable_lines(clauses)
    if len(telling) < 2:
        return picked, []
    # (a plain account, "pivot tables today", is no point to keep: it weighs nothing; the notes'
    # last line, where people often end on what mattered, "Then he rang his wife.", weighs a little)
    weight = {clause: point_weight(clause) + LAST_LINE_WEIGHT * (clause == telling[-1]) for clause in telling}
    points = [clause for clause in telling if weight[clause] > 0]
    # (of lines that weigh the same, the kind a reflection keeps first: KEPT_FIRST)
    weightiest = sorted(points, key=lambda clause: (-weight[clause], KEPT_FIRST[clause.kind]))
    # (with a prompt for every stage, each stage quotes its own line: only a line quoted twice gives way)
    weightiest = weightiest[: min(count, len(stages))] if count < len(stages) else []
    hosted: dict[str, Clause] = {}
    # a Gibbs description stays where pick_clauses put it: the event it chose to describe (the
    # partner's remark, what the partner told before the writer's silence) comes first
    if framework == "gibbs" and "description" in picked and weightiest:
        hosted["description"] = picked["description"]
    for clause in weightiest:
        if clause in hosted.values():
            continue
        own = next((stage for stage, held in picked.items() if held == clause and stage not in hosted), None)
        near = [
            stage
            for stage in HOSTS[framework].get(host_kind(clause), ())
            if stage in stages and stage not in hosted
        ]
        # (a regret is asked about before the plan when a plan is told too: "i should of told her
        # sooner" leaves the plan to "next: breakout rooms"; alone it is the plan, "if it happens again")
        planned = any(c.kind == "next" and host_kind(c) == "next" for c in weightiest if c is not clause)
        owned = [own] if own else []
        options = [*near, *owned] if planned and host_kind(clause) != clause.kind else [*owned, *near]
        if clause.kind != "next" and not calls_for_a_plan(clause):
            options = [stage for stage in options if stage != stages[-1]]
        host = next(
            (
                stage
                for stage in options
                if follow_up_for(follow_ups, stage, clause, set(), ending) is not None
            ),
            None,
        )
        if host is not None:
            hosted[host] = clause
    # the lines moved to a host leave the stages that held them; the rest of pick_clauses's choice stays
    rest = {
        stage: clause
        for stage, clause in picked.items()
        if stage not in hosted and clause not in hosted.values()
    }
    # ... but a line quoted twice gives its second stage to a point not yet quoted, where that stage
    # can ask about it ("He showed me the grain direction tick I forgot" twice, "I do not know if to
    # be happy or sad" left out)
    # ... or, with no point left, to a plainer line not yet quoted; with none, the stage asks its own
    # question rather than quote the same line twice ("I have not yet shown any of this to Laura" at
    # Reflection and again at Experiment)
    held = [*hosted.values()]
    left = [
        clause for clause in sorted(points, key=lambda c: -point_weight(c)) if clause not in picked.values()
    ]
    left += [clause for clause in telling if clause not in points and clause not in picked.values()]
    for stage, clause in list(rest.items()):
        if clause in held:
            line = next((c for c in left if stage in hosts_for(framework, c, stages)), None)
            if line is None or follow_up_for(follow_ups, stage, line, set(), ending) is None:
                del rest[stage]
                continue
            rest[stage] = line
            left.remove(line)
        held.append(rest[stage])
    if not hosted:
        return rest, []
    order = sorted(hosted, key=lambda stage: -point_weight(hosted[stage]))
    if "description" in hosted and framework == "gibbs":
        order = ["description", *[stage for stage in order if stage != "description"]]
    return {**rest, **hosted}, order


def speaks_to(framework: str, clause: Clause) -> str:
    """The stage a line of the notes belongs to (SPEAKS_TO); a doubt the partner will follow through
    ("I'm not sure he'll follow through") is a question left open, asked where one is."""
    if clause.kind == "felt" and DOUBT_WILL.search(clause.text.lower()):
        return DOUBT_STAGE[framework]
    return SPEAKS_TO[framework][clause.kind]


# Where a doubt the partner will follow through is asked about (its follow-ups, `notes-doubt`).
DOUBT_STAGE = {"gibbs": "analysis", "kolb": "reflective-observation", "what-so-what-now-what": "so-what"}


def hard_event(clause: Clause) -> bool:
    """A line that tells the hard moment: a remark of the partner's, quoted, or the writer's own
    hard moment (HARD, in their own words)."""
    return partner_remark(clause.text) or re.search(HARD, own_words(clause.text.lower())) is not None


def hurt(clause: Clause) -> bool:
    """A feeling of the writer's that hurt ("felt small") or a doubt ("not sure he's committed"), not
    one that is no problem ("proud")."""
    own = PARTING_TEARS.sub(" ", own_words(clause.text.lower()))  # "we both got a bit teary" at a goodbye
    return clause.kind == "felt" and (re.search(HARD, own) or re.search(DOUBT, own)) is not None


DOUBT = (
    r"\b(?:not sure (?:he|she|they)|wonder(?:ing)? (?:if|whether) (?:he|she|they)|worried|worry|"
    # "im starting to feel like shes not that bothered"
    r"(?:he|she|they)(?:'s|s|'re| is| are)? (?:just )?not (?:that |really |very |even )?(?:bothered|"
    r"interested|committed|engaged|keen|invested|into it))\b"
)


def calls_for_a_plan(clause: Clause) -> bool:
    """A line a plan can take up: what comes next, a lesson, what went wrong or was not kept, or a
    feeling that hurt."""
    return clause.kind in ("next", "learnt", "wrong", "unkept") or hurt(clause)


# With fewer prompts than stages that quote the notes, the lines kept first: what comes next, what
# went wrong, what was felt, then what went well and what happened.
KEPT_FIRST = {
    "unkept": 0, "next": 1, "learnt": 2, "wondering": 3, "wrong": 4, "felt": 5, "well": 6, "happened": 7,
    "hiccup": 8,
}  # fmt: skip
# At a last session, what changed ("she posts on linkedin now without asking me first") is what the
# programme is looked back on for, ahead of what went wrong, which the plan can take up.
KEPT_FIRST_ENDING = KEPT_FIRST | {"well": KEPT_FIRST["wondering"] + 0.5}
# ... but at a hard moment, a feeling told ("i felt like a naughty kid") comes this much ahead of
# what went wrong.
GIBBS_FEELING_AHEAD = 0.5


def subjects(topic: str, notes: str) -> set[str]:
    """What the session was about (SUBJECTS). Notes of more than a few words say it; the topic
    is what was planned ("generative AI in HR" may have been spent on cancellations), so it counts
    only beside short notes or none."""
    with_topic = len(notes.split()) <= SHORT_NOTES
    text = f"{topic} {notes}".lower() if with_topic else notes.lower()
    text = NOT_POSTED.sub(" ", text)  # "he didnt want to post anything" is not about a post
    found = {name for name, cue in SUBJECTS.items() if re.search(cue, text)}
    # a platform named in the notes means posting only when the notes say something was posted
    if re.search(PLATFORMS, text) and (with_topic or re.search(SUBJECTS["posting"], text)):
        found.add("posting")
    if not with_topic and not re.search(POSTED_OUT, text):
        found.discard("posting")  # a post talked about, drafted or planned has had no reactions
    if not notes.strip():
        found.add("relationship")
    return found


def is_ending(topic: str, notes: str) -> bool:
    """The session looked back on is the pair's last one."""
    return says_last_session(topic) or says_last_session(notes)


QUICK_PROMPTS = 2  # this many prompts or fewer are a quick check, whatever the notes say


def quick_look(notes: str, count: int) -> bool:
    """A quick look back: notes of SHORT_NOTES words or fewer, or QUICK_PROMPTS prompts or fewer."""
    return len(notes.split()) <= SHORT_NOTES or count <= QUICK_PROMPTS


def choose_framework(
    count: int,
    notes: str | None = None,
    ending: bool = False,
    first: bool = False,
    hard_read: bool = False,
    felt_read: bool = False,
) -> str:
    """The framework that fits the notes (module docstring), or the number of prompts without. The
    last session and a first meeting are looked back on with What? So what? Now what?, a first
    meeting with Gibbs only after a strong feeling (notes.strong_feeling): an awkward start is
    normal, and setting up a group for the pair's admin is not practising a skill. `hard_read`: the
    hard-moment reader (guidance/hard_moments.py) found a hard moment the cue lists did not;
    `felt_read`: one of the lines it found tells a feeling of the writer's own."""
    if ending:
        # the last session is looked back on as the end of the whole programme, whatever moment was
        # hard in it or in the months before: what happened, what it means, and what the mentee
        # carries on alone (Now what?); tears at parting and a plan never carried out are part of it
        return "what-so-what-now-what"
    if first:
        return "gibbs" if notes and (strong_feeling(notes) or hard_read) else "what-so-what-now-what"
    if notes and notes.strip():
        if quick_look(notes, count):
            return "what-so-what-now-what"
        # a hard moment or a skill practised stays what it was when three prompts are asked for:
        # three of Gibbs's or Kolb's stages still fit it better than a quick check (two do not)
        if hard_moment(notes):
            return "gibbs"
        # a moment only the hard-moment reader found, in a practice carried through ("he looked at
        # me like I had broken his piece" beside "He typed in eight bars himself"), leaves the
        # session what it was: a skill practised, its slip one of Kolb's experiences
        if hard_read and (felt_read or not carried_through(notes)):
            return "gibbs"
        # (a practice that was to happen and did not is no practice: "we were supposed to do the
        # prompt thing but ran out of time")
        if any(c.kind != "unkept" and re.search(PRACTICE, c.text.lower()) for c in read_notes(notes)):
            return "kolb"
        return "what-so-what-now-what"
    if count <= 3:
        return "what-so-what-now-what"
    if count <= 5:
        return "kolb"
    return "gibbs"


# A practice carried through by someone's own hands: "he fix 6 missed punch alone", "He typed in
# eight bars himself, slowly but without help", "did the Mtsvane page alone".
CARRIED_THROUGH = re.compile(
    r"\b(?:did|do|does|done|fix\w*|typed|type|entered|made|sent|scanned|scan|issued|marked|mark|logged|"
    r"added|cancell?ed|recorded|found|posted|uploaded|changed|wrote|put|built|created|booked|filled|"
    r"enrolled|closed|assigned|checked|ran)\b[^.!?\n]{0,60}?\b(?:alone|by (?:him|her|my|them)sel(?:f|ves)|"
    r"on (?:his|her|my|their) own|himself|herself|themselves|without (?:any )?help)\b",
    re.IGNORECASE,
)


def carried_through(notes: str) -> bool:
    """Someone did the practised task by their own hands (CARRIED_THROUGH), not only planned it."""
    return any(c.kind != "unkept" and CARRIED_THROUGH.search(c.text) for c in read_notes(notes))


def after_colon(text: str) -> str:
    """A question as it reads after "Thinking about “…”:": "what did you…", but "I", "AI" and
    "LinkedIn" keep their capitals."""
    first = text.split(" ", 1)[0]
    keeps = first == "I" or first.startswith("I'") or any(letter.isupper() for letter in first[1:])
    return text if keeps else text[:1].lower() + text[1:]


def title_topic(topic: str, first: bool) -> str:
    """The topic as the title quotes it; "" when it only says which session it was ("last meet
    w/ Saoirse"; at a first meeting "intro session", "kick off", "first meeting with my mentor"),
    which the title says already."""
    which = topic.strip().lower()
    beside_first = set(re.findall(r"[\w']+", FIRST_MEETING.sub(" ", which)))
    if re.match(WHICH_SESSION, which) or (first and beside_first <= SESSION_WORDS):
        return ""
    return topic


# A topic that names the skill practised ("pivot tables round 2", "ChatGPT prompts"), as against
# one that names the session ("session 4", "tough one today", "catch up w/ Priya").
SKILL_TOPIC_WORDS = 5
NOT_A_SKILL = re.compile(
    r"\b(?:session|sesh|meeting|mtg|catch[- ]?up|check[- ]?in|today|tonight|yesterday|convo|conversation|"
    r"chat|call|one|tough|hard|rough|awkward|difficult|good|great|weird|mixed|notes?|reflection|w/|with|"
    r"week|wk|day|first|last|final|intro)\b|[\d/]",
    re.IGNORECASE,
)
ROUND = re.compile(r"[\s,:-]+(?:round|part|pt|take|day|wk|week|session)?\s*(?:\d+|two|three|again)\s*$", re.I)


def skill_topic(topic: str) -> str:
    """The skill the topic names, for a question that says "this skill" ("pivot tables" for "pivot
    tables round 2"); "" when the topic names the session rather than a skill."""
    skill = ROUND.sub("", topic.strip()).strip(" .,:;-")
    if not skill or len(skill.split()) > SKILL_TOPIC_WORDS or NOT_A_SKILL.search(skill):
        return ""
    return skill


def quoted(text: str, kind: str | None = None) -> str:
    """A clause as the person wrote it and its end trimmed; a longer one than QUOTE_WORDS words up
    to its last comma within them, when that keeps QUOTE_AT_COMMA words ("During our meeting I
    raised that he interrupts the grads in team meetings", not "…, which he…"), else cut (marked).
    When what makes the clause its `kind` (a feeling, a lesson, a mistake: CUES) is past that cut,
    the quote starts at the part that says it ("which was eye-opening: two of them sit in their cars
    at lunch…", not "drifted into how the grads feel about the hot-desking")."""
    words = text.rstrip(".!?").split()
    if len(words) <= QUOTE_WORDS:
        return " ".join(words)
    if (speech := spoken(text)) is not None:
        return speech
    head = _head(words)
    cue = CUES.get(kind or "") if kind in TELLING_KINDS else None
    found = re.search(cue, text.lower()) if cue and not re.search(cue, head.lower()) else None
    if found is not None:
        part = PART_START.split(text[: found.start()])[-1] + text[found.start() :]
        tail = part.rstrip(".!?").split()
        if len(tail) <= QUOTE_WORDS:
            return " ".join(tail)
        return " ".join(tail[:QUOTE_WORDS]).rstrip(".,;:!?") + "…"
    return head


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)|\s*\n+\s*")


def in_its_sentence(clause: str, notes: str, others: Sequence[str] = ()) -> str:
    """The clause with the rest of its sentence, when that is short enough to quote whole
    (QUOTE_WORDS): "he gave me a copper bracelet his wife made, i didnt know what to say", not only
    "i didnt know what to say"; up to, never into, a line another prompt quotes; the clause alone
    when its sentence is too long."""
    text = clause.strip()
    for sentence in SENTENCE_END.split(notes):
        sentence = sentence.strip()
        at = sentence.find(text) if text else -1
        if at < 0:
            continue
        begin, end = 0, len(sentence)
        for other in (other.strip() for other in others):
            where = sentence.find(other) if other and other not in text else -1
            if where >= 0 and where + len(other) <= at:
                begin = max(begin, where + len(other))
            elif where >= at + len(text):
                end = min(end, where)
        part = sentence[begin:end]
        part = LEFT_JOIN.sub("", part) if begin else part
        part = RIGHT_JOIN.sub("", part).strip() if end < len(sentence) else part.strip()
        if len(part.rstrip(".!?").split()) > QUOTE_WORDS:
            return clause
        # (without the list mark it opens with: "- app log her out 2 times…", "3. never reached…")
        return BULLET.sub("", part)
    return clause


# What joins a part of a sentence to the line another prompt quotes: ", so", "and ", ", ".
LEFT_JOIN = re.compile(r"^[\s,;:]*(?:(?:and|but|so|then)\b\s*)?", re.IGNORECASE)
RIGHT_JOIN = re.compile(r"[\s,;:]*(?:\b(?:and|but|so|then))?[\s,;:]*$", re.IGNORECASE)
BULLET = re.compile(r"^(?:[-*•–]+|\d+[.)])\s+")


# The kinds a quote is moved along for, to the part that says them, and where a part starts.
TELLING_KINDS = ("felt", "learnt", "wrong")
PART_START = re.compile(r"(?<=[,:;.!?])\s+")


# What someone said, in double or single quotation marks ("he said 'me also, the first time…'"), but
# not an apostrophe ("didn't", "'ofa").
QUOTATION = re.compile(r"[\"“][^\"”]+[\"”]|(?<!\w)['‘](?=\w).+?['’](?!\w)")
SPEECH_VERB = re.compile(
    r"\b(?:said|says|say|seh|told|tell|tells|asked|asks|ask|shouted|joked|typed|wrote|goes|went|snapped|"
    r"replied|answered|announced|added)\b",
    re.IGNORECASE,
)
SPEECH_LEAD_WORDS = 8  # the speaker's verb is looked for this many words before the quotation
SPEECH_MOST = 30  # ... and the speech is quoted whole up to this many words


def spoken(text: str) -> str | None:
    """In a line longer than QUOTE_WORDS, what someone said, whole, from the verb that says who
    said it ("said loud infront of the graders "maybe you send someone…, this is not a place for
    wheels""), when the quotation would be cut; None when the line quotes nobody, or the speech
    would still be too long."""
    found = QUOTATION.search(text)
    if found is None or len(text[: found.end()].split()) <= QUOTE_WORDS:
        return None
    before = text[: found.start()].split()
    lead = before[-SPEECH_LEAD_WORDS:]
    verbs = [index for index, word in enumerate(lead) if SPEECH_VERB.fullmatch(word.strip(",:;"))]
    start = lead[verbs[-1] :] if verbs else []
    speech = " ".join([*start, text[found.start() : found.end()]])
    return speech if len(speech.split()) <= SPEECH_MOST else None


def _head(words: list[str]) -> str:
    """The first QUOTE_WORDS words, to the last comma within them when that keeps QUOTE_AT_COMMA."""
    # (not at a comma inside what someone said: "he joked "some of us have second jobs, not all…"",
    # "he said 'me also, the first time…'")
    inside = [found.span() for found in QUOTATION.finditer(" ".join(words))]
    at_comma = [
        index
        for index, word in enumerate(words[:QUOTE_WORDS])
        # (or a sentence's end, in two lines read as one: "…at a Friday staff meeting. I never did it.")
        if (word.endswith(",") or (word.endswith(".") and word.lower() not in ABBREVIATIONS))
        and _outside_speech(" ".join(words[: index + 1]), inside)
    ]
    if at_comma and at_comma[-1] + 1 >= QUOTE_AT_COMMA:
        head = " ".join(words[: at_comma[-1] + 1]).rstrip(",.")
        rest = words[at_comma[0] + 1 :]
        # (a head that only says when, "Since the fraudulent call in August", gives way to what
        # happened, when that fits: "Joaquín has been teaching me to use a password manager…")
        if len(at_comma) == 1 and WHEN_ONLY.match(head) and len(rest) <= QUOTE_WORDS:
            return " ".join(rest).rstrip(".!?")
        return head
    return " ".join(words[:QUOTE_WORDS]).rstrip(".,;:!?") + "…"


# Words that end with a full stop and no sentence: "Mrs. Wijesinghe", "the 1 a.m. ferry".
ABBREVIATIONS = frozenset({"mr.", "mrs.", "ms.", "dr.", "st.", "a.m.", "p.m.", "e.g.", "i.e.", "etc."})


# A piece that only says when: "Since the fraudulent call in August", "In our fourth meeting".
WHEN_ONLY = re.compile(
    r"^(?:since|after|before|during|in|until)\b(?![^,]*\b(?:i|we|he|she|they|was|is)\b)",
    re.IGNORECASE,
)


def _outside_speech(before: str, inside: list[tuple[int, int]]) -> bool:
    """A comma ending `before` is outside what someone said (an even count of double quotes, not
    within a QUOTATION span) and outside brackets ("cameras off on big calls (bandwidth at home,
    sharing rooms…)")."""
    return (
        before.count('"') % 2 == 0
        and not any(start < len(before) < end for start, end in inside)
        and before.count("(") == before.count(")")
    )


# A follow-up that assumes the pair meets again ("…how to run the next session?"), which a last
# session's notes do not get.
NEXT_MEETING = re.compile(r"\bnext (?:session|time)\b|\bnext meet|\bworking on together\b", re.IGNORECASE)


# A line that tells the partner's feeling, not the writer's: "he was v embarrassed telling me",
# "my mentee got a bit teary" (not "he made me feel small", which is the writer's).
OTHERS_FEELING = re.compile(
    r"^(?:(?:and|but|then|so)\s+)?(?:(?:my|our)\s+(?:reverse\s+)?(?:mentee|mentor)|mentee|mentor|he|she|they|"
    r"he's|she's|they're|hes|shes)\b(?![^.!?]{0,40}\b(?:made|makes|making) me\b)",
    re.IGNORECASE,
)


def follow_up_for(
    follow_ups: list[Chunk], stage: str, clause: Clause, taken: set[str], ending: bool = False
) -> Chunk | None:
    """The question of this stage written to follow a line that says what `clause` says (a
    feeling, something that went wrong...), or one that follows any line; None when both are used.
    After a last session (`ending`), none that assumes a next session, and one written for any line
    of a last session's notes before one for any line."""
    text = clause.text.lower()
    doubt = clause.kind == "felt" and DOUBT_WILL.search(text) is not None
    kind = f"notes-{clause.kind}"
    if clause.kind == "next" and re.search(REGRET, text):
        kind = "notes-any"  # "i wish i'd asked": what to do if it happens again, not "how will you know"
    if (
        clause.kind == "felt"
        and OTHERS_FEELING.match(clause.text)
        and not doubt
        and not PARTNER_LINE.match(clause.text)  # "she said I still interrupt…, which stung a bit": mine
    ):
        # "he was v embarrassed telling me": how the writer met it, not "where did that feeling come from"
        kind = NOTES_FELT_OTHER
    # before the kind's own: "I'm not sure he'll follow through" asks what makes you doubt it, "I
    # havent decided whether to name people" what pulls each way
    deciding = clause.kind == "wondering" and re.search(DECIDING, text) is not None
    abouts = [about for about, fits in ((NOTES_DOUBT, doubt), (NOTES_DECIDING, deciding)) if fits]
    abouts += [kind, *([NOTES_ENDING] if ending else []), "notes-any"]
    for about in abouts:
        for chunk in follow_ups:
            tags = chunk.tags
            if ending and NEXT_MEETING.search(chunk.text):
                continue
            if tags.get("stage") == stage and tags.get("about") == about and chunk.id not in taken:
                return chunk
    return None


# Notes that open by saying the session was the first: "First session with Youssef", "first meeting
# w amo Samir at the wedding hall".
FIRST_IN_NOTES = re.compile(
    r"^\W*(?:today\W+|so\W+)?(?:(?:our|my|the|a)\s+)?(?:very\s+)?(?:first|1st)\s+"
    r"(?:(?:proper|real|official|ever|reverse|mentoring|rm)\s+){0,2}"
    r"(?:meeting|session|sesh|mtg|meet(?:[- ]?up)?|chat|call|1:1|one[- ]to[- ]one)\b",
    re.IGNORECASE,
)


def compose_reflections(
    request: ReflectionRequest, candidates: list[Chunk], embedder: Embedder, hard_read: Sequence[str] = ()
) -> Reflections:
    """The prompts (module docstring); `hard_read` are the clauses of the notes the hard-moment
    reader read as a hard moment (guidance/hard_moments.py), beside the cue lists."""
    say = phrases()
    notes = request.notes or ""
    ending = is_ending(request.topic, notes)
    first = not ending and (
        FIRST_MEETING.search(request.topic) is not None or FIRST_IN_NOTES.match(notes) is not None
    )
    # (a feeling of the writer's own the reader found, "Felt like a thief", is no slip in a practice)
    clauses = read_notes(notes)
    found = set(hard_read)
    felt_read = any(clause.kind == "felt" and clause.text in found for clause in clauses)
    framework = choose_framework(request.count, notes, ending, first, bool(hard_read), felt_read)
    stages = FRAMEWORK_STAGES[framework]
    observed = bool(re.search(CUES["observed"], notes.lower()))
    wrong_side = WRONG_SIDE[request.role]
    about = subjects(request.topic, notes) | ({"ending"} if ending else set())
    if ending:
        candidates = [chunk for chunk in candidates if not NEXT_MEETING.search(chunk.text)]
    if first:
        candidates = [chunk for chunk in candidates if not EARLIER_SESSIONS.search(chunk.text)]
    usable = [
        chunk
        for chunk in candidates
        if chunk.tags.get("audience", request.role) == request.role
        and wrong_side not in chunk.text.lower()
        and (observed or "observ" not in chunk.text.lower())
        and chunk.tags.get("about", "any") in {"any", *about}
    ]
    pool = [chunk for chunk in usable if chunk.tags.get("framework") == framework] or usable
    # The questions that follow a quoted line of the notes, by what the line says: a line quoted
    # before a question about something else ("You wrote “ran out of time”. Which colleagues'
    # stories did you bring…?") reads as a mistake.
    follow_ups = [
        chunk
        for chunk in candidates
        if chunk.tags.get("about", "").startswith("notes-")
        and chunk.tags.get("framework") == framework
        and chunk.tags.get("audience", request.role) == request.role
    ]
    # Which clause of the notes each stage picks up (the most salient of its kind).
    # a line that only restates the topic is not quoted back while the notes say more
    # ... nor one that only names the session ("reels w tomasz round 2", salience.is_label)
    clauses = [
        clause
        for clause in clauses
        if not restates_topic(clause, request.topic) and not is_label(clause.text)
    ] or clauses
    picked = pick_clauses(clauses, framework, stages, request.count, ending, set(hard_read))
    picked, points = with_the_points(picked, clauses, framework, stages, request.count, follow_ups, ending)
    focus = f"{request.topic}. {notes}"
    relevance = {stage: np.zeros(len(pool)) for stage in stages}
    if pool:
        vectors = embedder.embed([focus] + [chunk.text for chunk in pool])
        for stage in stages:
            relevance[stage] = vectors[1:] @ vectors[0]
        # A stage that quotes a clause asks the question that fits that clause best.
        for stage, clause in picked.items():
            if stage in relevance:
                fit = vectors[1:] @ embedder.embed([clause.text])[0]
                relevance[stage] = CLAUSE_WEIGHT * fit + (1 - CLAUSE_WEIGHT) * relevance[stage]
    # A prompt written for what the session was about (its tool, its post) beats a general one;
    # without notes nothing says what it was about, and the relationship's prompts only stay open.
    specific = np.array(
        [
            ENDING_BONUS
            if chunk.tags.get("about") == "ending"
            else SUBJECT_BONUS * (chunk.tags.get("about") in about and bool(notes.strip()))
            for chunk in pool
        ]
    )
    ranked = {
        stage: [
            pool[i] for i in np.argsort(-(relevance[stage] + specific)) if pool[i].tags.get("stage") == stage
        ]
        for stage in stages
    }

    # A stage that picks up a line of the notes is asked with the question written to follow such
    # a line, even when none of its general prompts fits the session ("felt slow" gets Feelings).
    for stage, clause in picked.items():
        follow_up = follow_up_for(follow_ups, stage, clause, set(), ending) if stage in ranked else None
        if follow_up is not None and not ranked[stage]:
            ranked[stage] = [follow_up]

    # More prompts than stages: a stage's second prompt quotes a point of the notes not yet picked
    # up, and is the one of that stage's prompts that fits it best.
    extras = [clause for clause in by_salience(quotable_lines(clauses)) if clause not in picked.values()]
    chosen: list[tuple[Chunk, Clause | None]] = []
    depth = 0
    # Fewer prompts than stages: the stages that pick up the notes come first ("I'll try it on the
    # board pack" keeps its action plan), then the framework's order.
    # Gibbs's Feelings stage is kept beside them even when no line of the notes says a feeling: a
    # hard moment is not looked back on without asking how it felt (from four prompts: three
    # quote the notes first).
    kept: dict[str, float] = {stage: KEPT_FIRST[clause.kind] for stage, clause in picked.items()}
    if framework == "gibbs" and "description" in picked and hard_event(picked["description"]):
        # the hard moment itself ("he said "this is exactly why we should ban phones at work"") is
        # the first thing Gibbs's cycle looks at, however few prompts are asked for
        kept["description"] = min(KEPT_FIRST.values()) - 1
    if framework == "gibbs" and request.count > 3:
        kept.setdefault("feelings", KEPT_FIRST["felt"])
    if framework == "gibbs" and "feelings" in picked:
        # a hard moment's feeling, told ("i felt like a naughty kid"), before what went wrong
        kept["feelings"] = min(kept["feelings"], KEPT_FIRST["wrong"] - GIBBS_FEELING_AHEAD)
    for rank, stage in enumerate(points):  # the notes' points, as with_the_points chose them, first
        kept[stage] = POINT_FIRST + rank
    quoting_stages = sorted((stage for stage in stages if stage in kept), key=lambda s: kept[s])
    order = quoting_stages + [s for s in stages if s not in kept]

    def offered(stage: str) -> list[Clause]:
        """The lines not yet picked up a stage's second prompt may quote: first those of the kind
        the stage speaks to ("he wants to post about the new clinic by friday" for Experiment);
        the plan only a line that calls for one, never "he listened really well"."""
        fitting = [clause for clause in extras if speaks_to(framework, clause) == stage]
        lines = fitting + [clause for clause in extras if clause not in fitting]
        return [clause for clause in lines if calls_for_a_plan(clause)] if stage == stages[-1] else lines

    def quotable(stage: str) -> bool:
        """The stage has a line left to quote and a follow-up not yet used to ask about it."""
        taken = {chunk.id for chunk, _ in chosen}
        lines = offered(stage)
        return bool(lines) and follow_up_for(follow_ups, stage, lines[0], taken, ending) is not None

    while len(chosen) < request.count and any(len(ranked[stage]) > depth for stage in stages):
        # past the first round, the stages that can quote a line not yet picked up come first, so
        # that a general question never takes the place of a point of the notes
        # ... the line that weighs most first, at the nearest stage with a question left to follow
        # it ("I typed 300 boxes instead of 30" before "honestly I enjoy it")
        for point in sorted(extras, key=lambda clause: -point_weight(clause)) if depth > 0 else []:
            if len(chosen) >= request.count:
                break
            taken = {chunk.id for chunk, _ in chosen}
            for stage in hosts_for(framework, point, stages):
                follow_up = follow_up_for(follow_ups, stage, point, taken, ending)
                if follow_up is not None:
                    chosen.append((follow_up, point))
                    extras.remove(point)
                    break
        again = [stage for stage in order if depth > 0 and quotable(stage)]
        for stage in again + [stage for stage in order if stage not in again]:
            if len(chosen) >= request.count or len(ranked[stage]) <= depth:
                continue
            taken = {chunk.id for chunk, _ in chosen}
            left = [chunk for chunk in ranked[stage] if chunk.id not in taken]
            line = picked.get(stage) if depth == 0 else next(iter(offered(stage)), None)
            follow_up = follow_up_for(follow_ups, stage, line, taken, ending) if line else None
            if follow_up is not None and line is not None:
                chosen.append((follow_up, line))
                if depth > 0:
                    extras.remove(line)
            elif left and not left[0].tags.get("about", "").startswith("notes-"):
                chosen.append((left[0], None))  # (a follow-up question never stands without its line)
        depth += 1
    chosen.sort(
        key=lambda pair: (
            stages.index(pair[0].tags.get("stage", "")) if pair[0].tags.get("stage") in stages else 99
        )
    )

    prompts = []
    for position, (chunk, quoting) in enumerate(chosen):
        stage = chunk.tags.get("stage", "")
        text = chunk.text
        if "this skill" in text and (skill := skill_topic(request.topic)):
            text = text.replace("this skill", f"“{skill}”", 1)  # "learning or teaching “pivot tables”"
        if quoting is not None:
            quote = say.you_wrote if request.notes_by == "me" else say.notes_say
            others = [line.text for _, line in chosen if line is not None and line is not quoting]
            text = f"{quote(quoted(in_its_sentence(quoting.text, notes, others), quoting.kind))} {text}"
        elif position == 0:  # the first prompt names the session
            text = f"{say.reflection_lead(request.topic)} {after_colon(chunk.text)}"
        prompts.append(
            ReflectionPrompt(
                text=text,
                stage=stage,
                stage_label=STAGE_LABELS.get(stage, stage.replace("-", " ").capitalize()),
                framework=chunk.tags.get("framework", framework),
                citations=[chunk.id],
            )
        )
    hard = hard_moment(notes, ending) or (bool(hard_read) and not ending)
    # "a quick check" only of a quick look back
    quick = quick_look(notes, request.count)
    title = say.reflection_title(framework, title_topic(request.topic, first), hard, ending, first, quick)
    return Reflections(title=title, prompts=prompts, citations=cite([chunk for chunk, _ in chosen]))
