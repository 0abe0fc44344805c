"""Offline challenge coaching, composed from the guidance of the situation the classifier found.

Every line is picked for what the person wrote, and for the side of the pair they are on:
- a safety situation (safeguarding, disclosure) opens with what to do now, what confidentiality
  does and does not cover and support for the writer, from the safety guide, in its own order:
  no skills tips;
- any other situation names itself in words ("sounds like", "could be"), quotes the sign and the
  likely cause closest to the message (never a research finding as the cause), then strategies,
  words to say and when to involve the programme team for the writer's role, with first steps for
  a second situation when the message mixes two;
- a request outside reverse mentoring says what the companion can help with.
"""

from __future__ import annotations

import re

import numpy as np

from companion.citations import cite
from companion.guidance.classifier import OUT_OF_SCOPE, Classification
from companion.guidance.composer.actor import (
    Actor,
    about_someone_else,
    partner_told,
    responds_to_other,
    who_acts,
)
from companion.guidance.composer.concepts import concepts
from companion.guidance.composer.kind_advice import (
    CONCERN_BROUGHT,
    DISCLOSURE_LEADS,
    DISCLOSURE_NAMES,
    DISTRESS_LEADS,
    OWN_NEWS,
    PARTNER_CONDUCT_STEPS,
    REQUEST_LEADS,
    SAFEGUARDING_LEADS,
    SHARED_CHECK,
    TOLD_BY_PARTNER_LEADS,
    under_lead,
)
from companion.guidance.risk import DISTRESS_WORDS, ELSEWHERE_KINDS, says_at_risk, writer_at_risk
from companion.guidance.routing import POWER_GAP_HONESTY, PUBLIC_CLASH
from companion.guidance.schemas import Coaching, CoachingRequest, Likelihood
from companion.kb.vocabulary import Heading
from companion.prompts.loader import phrases
from companion.rag.chunking import Chunk
from companion.rag.embeddings import Embedder
from companion.text import list_items, plain

LEAD = re.compile(r"^(?:-\s*)?\*\*(.+?)\*\*")
# A message that asks what to do with something heard before: "do i say anything", "should I tell
# someone", "what do i do with this".
ASKS_WHAT_TO_DO_WITH_IT = re.compile(
    r"\b(?:do|should|shall|must|can)\s+i\s+(?:have\s+to\s+)?(?:say|tell|do|report|act|mention|raise|pass|flag)\b"
    r"|\bwhat\s+(?:do|should|shall)\s+i\s+do\b|\bam\s+i\s+(?:supposed|meant|obliged)\s+to\b",
    re.IGNORECASE,
)
PAUSE_STEP = "Pause before you respond"
SPEAKER = re.compile(r"^\*\*(?P<who>Mentor|Mentee|Programme team)\b[^*]*\*\*\s*")
CITES_RESEARCH = re.compile(r"\([A-Z][^()]*\d{4}[a-z]?\)")  # "(Raju et al., 2022)"
NAMES = {
    "resistance": "resistance: one of you doubts the sessions are worth the time",
    "communication": "a communication problem",
    "time": "a time and scheduling problem",
    "pairing-fit": "a pair that is not a good fit",  # ("…and possibly Y as well": not "fit well as well")
    "expectations": "mismatched expectations about what the mentoring is for",
    "generational-bias": "a generational stereotype getting in the way",
    "disclosure": "a confidential disclosure",
    "safeguarding": "a safeguarding concern",
}
# A safeguarding answer names what happened when the kind is clear (guidance/risk.py): a person who
# doubts "is that harassment or am I overthinking" reads first that it is not okay.
# The safeguarding guide's step, among those for danger to someone outside the pair, that says
# where a concern of each kind goes (risk.ELSEWHERE_KINDS), by the words of its bold lead.
ELSEWHERE_STEP = {
    "child": "a child or young person",
    "exploitation": "forced or exploited work",
    "vulnerable-adult": "an adult being harmed or exploited",
}
KIND_NAMES = {
    "at-risk": "a safeguarding concern: someone may be at risk",
    "harassment": "a safeguarding concern: harassment or unwanted attention, which is never okay",
    "discrimination": "a safeguarding concern: discrimination, which is never okay",
    "bullying": "a safeguarding concern: bullying, a threat or an abuse of power, which is never okay",
    "child": "a safeguarding concern: a child or young person may be in danger",
    "exploitation": "a safeguarding concern: people may be being exploited at work",
    "vulnerable-adult": "a safeguarding concern: an adult may be being harmed or exploited at home",
}
# Harm to someone outside the pair (risk.ELSEWHERE_KINDS) that the partner told of in a session.
PARTNER_TOLD = re.compile(
    r"\b(?:my (?:reverse )?(?:mentee|mentor)|he|she|they)\b[^.]{0,60}?"
    r"\b(?:told|mentioned|said|let (?:it )?slip|confided|shared|opened up|found out)\b",
    re.IGNORECASE,
)
# Harm told to the writer in confidence: "told me in confidence", "made me promise not to tell",
# "off the record", "keep it between us". The answer says first that confidentiality never covered
# harm (the safeguarding guide's own section, cited with it).
CONFIDED = re.compile(
    r"\bin (?:strict |total )?confidence\b|\bconfid(?:ed|es|ing)\b|\bconfidentially\b|\boff the record\b"
    r"|\b(?:promise|promised|swear|swore|sworn)\b.{0,30}\b(?:not|secret|quiet|tell|between)"
    r"|\b(?:keep|kept)\s+(?:it|this|that)\s+(?:secret|quiet|to (?:my|your|him|her)sel(?:f|ves)|between)"
    r"|\b(?:between (?:you and me|us|ourselves))\b|\b(?:don'?t|do not|not to)\s+tell\s+anyone\b"
    r"|\basked me not to (?:tell|say|report|repeat|do anything|escalate)"
    # "begged me not to", "made me promise", "doesn't want hr to know", "no one else knows"
    r"|\b(?:begged|pleaded with|made)\s+me\s+(?:not\s+to|promise)\b"
    r"|\b(?:doesn'?t|does not|don'?t|do not|didn'?t|did not)\s+want\s+(?:anyone|anybody|hr|(?:her|his|their) "
    r"(?:manager|boss|family|wife|husband|partner)|the programme(?: team)?|me to (?:tell|say|report))\b"
    r"|\bno ?one else knows\b"
    r"|\b(?:only|first) (?:person|one) (?:she|he|they)(?:'s| has|'ve| have) (?:ever )?told\b"
    r"|\bnot to (?:say|mention|pass on|repeat|report) (?:it|anything|this|that)\b"
    r"|\b(?:keep (?:it )?(?:a )?secret|it'?s a secret|told me a secret)\b"
    # "said not to breathe a word", "keep this under your hat"
    r"|\bnot (?:to )?breathe a word\b|\bunder (?:your|my) hat\b",
    re.IGNORECASE,
)
# Someone under 18 in the message: "im 17", "a 16 year old", "under 18".
UNDER_18 = re.compile(
    r"\b(?:i'?m|i am|she'?s|he'?s|they'?re|is|aged?)\s+(?:only\s+|just\s+)?1[0-7]\b"
    r"(?!\s*(?:months|weeks|days|%))"
    r"|\b1[0-7][- ]?(?:yo|y/o|yrs? old|years?[- ]old)\b|\bunder[- ]?18s?\b",
    re.IGNORECASE,
)
LIKELY = 0.5  # below this confidence, or with a close second, people read "could be"
# A sign or cause is quoted back only when it is this similar to what was written: a quote that
# does not fit reads worse than none.
QUOTE_FLOOR = 0.45  # 0.4 let through signs that did not fit fresh messages (2026-12-04 review)
# A disclosure answer opens with the guide's advice for the writer's side when one of its
# situations is at least this similar to the message (otherwise the general steps come first).
SITUATION_FLOOR = 0.45
# ... or when it is at least 0.33 similar and ahead of the next situation by 0.08: clearly the one
# ("our site is closing in march, i have a mortgage" and "what you were told affects your job").
SITUATION_CLEAR = (0.33, 0.08)
# How much a line that answers the other person's behaviour gains when the message is about it.
RESPONSE_BONUS = 0.08
# ... and only when it is clearly the closest: two signs about as close means neither fits well.
QUOTE_MARGIN = 0.04
# A request outside reverse mentoring is told where it belongs when one kind in the guide is at
# least this similar; otherwise it reads only what companion helps with.
ELSEWHERE_FLOOR = 0.3
SUPPORT_FLOOR = 0.3  # other advice for the writer's side shown as support from this similarity
# A disclosure of this kind is about the writer's own position, not something they were told: the
# guide's general steps for the one who was told do not go beside its advice.
NOTHING_TOLD = frozenset({"conflict", "asks-about-colleague"})  # no confidence was told
# Disclosures that "check whether it should have been shared … stop the conversation there" does not
# fit: wrongdoing goes to the speak-up route and data gone astray to the data protection officer
# (raised, not stopped), and a confidence of the writer's that travelled was theirs to share.
NO_SHARED_CHECK = frozenset({"wrongdoing", "data-breach", "passed-on"})
NOTHING_TOLD_CONFIDENTIALITY = 2  # paragraphs of what confidentiality covers, in the guide's order
# Words for someone who did the thing themselves ("Mentee, told about your own behaviour").
OWN_DOING = re.compile(r"\byour own (?:behaviour|slip|mistake)\b", re.IGNORECASE)
GENERAL_STEPS_BESIDE = 3  # a disclosure guide's general steps kept beside advice for the writer's side
Lines = list[tuple[str, Chunk]]


def compose_coaching(
    request: CoachingRequest,
    classification: Classification,
    guidance: dict[str, list[Chunk]],
    embedder: Embedder,
) -> Coaching:
    """`guidance` holds the chunks of the article of each situation named in `classification`."""
    primary = guidance.get(classification.label, [])
    if classification.label == OUT_OF_SCOPE or not primary:
        return compose_out_of_scope(request, classification, guidance.get(OUT_OF_SCOPE, []), embedder)
    if classification.safety:
        # a disclosure that may be about someone at risk: the safeguarding guide's step for that first
        at_risk_guide = guidance.get("safeguarding", []) if classification.also == "safeguarding" else []
        return compose_safety(request, classification, primary, embedder, at_risk_guide)
    return compose_skills(request, classification, guidance, embedder)


def items(chunks: list[Chunk], heading: str) -> Lines:
    return [(item, chunk) for chunk in chunks if chunk.heading == heading for item in list_items(chunk.text)]


def compose_skills(
    request: CoachingRequest,
    classification: Classification,
    guidance: dict[str, list[Chunk]],
    embedder: Embedder,
) -> Coaching:
    say = phrases()
    situation, role = request.situation, request.role or "mentor"
    primary = guidance[classification.label]
    also = classification.also if classification.also in guidance else None
    likelihood: Likelihood = "likely" if classification.confidence >= LIKELY and also is None else "possibly"
    # Possibly a safety matter too: the answer reads the ordinary problem, with one check before
    # anything else (if it is a safety matter, stop and tell the programme team) and the safety
    # guide's contacts; a false alarm costs a sentence, not the whole answer.
    safety_guide = guidance.get(also or "", []) if classification.safety_first else []
    contacts = items(safety_guide, Heading.WHO_TO_CONTACT)[:2]

    signs = best_quote(embedder, situation, items(primary, Heading.SIGNS))
    causes = [
        (text, chunk)
        for text, chunk in items(primary, Heading.LIKELY_CAUSES)
        if not CITES_RESEARCH.search(text)
    ]
    cause = best_quote(embedder, situation, causes)
    second_name = NAMES.get(also or "", "") if not safety_guide else ""
    parts = [say.coaching_opening(likelihood, NAMES[classification.label], second_name)]
    parts += [say.safety_possible(also, None, role == PROGRAMME)] if safety_guide else []
    parts += [say.coaching_sign(_sentence(text)) for text, _ in signs]
    parts += [say.coaching_cause(_sentence(text)) for text, _ in cause]
    # A message that mixes two problems gets a diagnosis of both: the second's closest sign too.
    second_signs = items(guidance[also], Heading.SIGNS) if also and second_name else []
    also_signs = best_quote(embedder, situation, second_signs)
    parts += [say.coaching_also_sign(_sentence(text)) for text, _ in also_signs]

    # the programme team is neither side: no lines chosen for who acts, and no "contact the team when…"
    team = role == PROGRAMME
    actor = None if team else who_acts(situation)
    strategy_lines = for_scope(items(primary, Heading.strategies_for(role)), situation, team)
    script_lines = _spoken_by(items(primary, Heading.WORDS_TO_SAY), role)
    strategies = best_matches(embedder, situation, strategy_lines, 3 if also else 4, actor=actor)
    scripts = best_matches(embedder, situation, script_lines, 3, actor=actor)
    for told, written_for in ADVICE_FIRST:
        if told.search(situation):
            # a clash in front of others ("i pushed back on his idea in front of his team"), honesty
            # held back across the power gap: the advice and words written for it come first,
            # whatever else the message shares words with
            strategies = _first(strategy_lines, strategies, written_for)
            scripts = _first(script_lines, scripts, written_for)
            break
    escalation = [] if team else best_matches(embedder, situation, items(primary, Heading.ESCALATION), 3)
    extra_strategies: Lines = []
    extra_scripts: Lines = []
    if also is not None and not safety_guide:
        second = guidance[also]
        extra_strategies = best_matches(
            embedder,
            situation,
            for_scope(items(second, Heading.strategies_for(role)), situation, team),
            2,
            actor=actor,
        )
        extra_scripts = best_matches(
            embedder, situation, _spoken_by(items(second, Heading.WORDS_TO_SAY), role), 1, actor=actor
        )
    lead = say.coaching_also_steps(NAMES[also]) + " " if also and not safety_guide else ""

    used = contacts + strategies + scripts + escalation + extra_strategies + extra_scripts
    return Coaching(
        challenge=classification.label,  # type: ignore[arg-type]  # one of LABELS, the Literal's values
        also=also,  # type: ignore[arg-type]
        likelihood=likelihood,
        confidence=classification.confidence,
        diagnosis=" ".join(part for part in parts if part),
        act_now=[],
        strategies=[plain(text) for text, _ in strategies]
        + [lead + plain(text) for text, _ in extra_strategies],
        scripts=[plain(text) for text, _ in scripts + extra_scripts],
        escalate_when=[plain(text) for text, _ in contacts + escalation],
        citations=cite(
            [chunk for _, chunk in signs + cause + also_signs + used],
            {chunk.id: text for text, chunk in used},
        ),
    )


# A programme team's message about many pairs ("half my cohort", "3 of my mentors"), as against one
# pair ("one of the mentees complained his mentor is always late").
COHORT_WIDE = re.compile(
    r"\b(?:cohort|pairs|several|many|most|half|a third|a lot of|lots of|loads of|all (?:the|my|our)|"
    r"across|everyone|\d+ (?:of )?(?:my|our|the)? ?(?:mentors|mentees|pairs)|"
    r"(?:mentors|mentees) (?:keep|are|have|say))\b",
    re.IGNORECASE,
)
COHORT_LINE = re.compile(r"^\W*across the cohort\b", re.IGNORECASE)


def for_scope(lines: Lines, situation: str, team: bool) -> Lines:
    """The programme team's lines for what the message is about: about one pair, not the advice
    written for the whole cohort ("Across the cohort, when a third of pairs cite lack of time…"),
    while other lines remain."""
    if not team or COHORT_WIDE.search(situation):
        return lines
    return [(text, chunk) for text, chunk in lines if not COHORT_LINE.match(text)] or lines


def with_safety_check(answer: Coaching, also: str, kind: str | None = None, team: bool = False) -> Coaching:
    """An answer to an ordinary problem that may also be a safety matter, whoever wrote it (a model
    too), carries the safety check composed here, before anything else it says; for a possible
    disclosure, the check for its `kind` when it has one (a conflict to declare, a data slip); for
    the programme team (`team`), the check worded for what pairs told them."""
    say = phrases()
    check = say.safety_possible(also, kind, team)
    if check in answer.diagnosis:
        return answer
    # the offline composer's general check, which does not know the kind, gives way to this one
    general = say.safety_possible(also, None, team)
    diagnosis = answer.diagnosis.replace(general, "").replace("  ", " ").strip()
    return answer.model_copy(update={"diagnosis": f"{check} {diagnosis}"})


PROGRAMME = "programme"  # the programme team asks about a pair or the cohort (CoachingRole)
# The words to say that are for someone who may be at risk, by their label.
AT_RISK_SCRIPTS = re.compile(r"\b(?:distress\w*|risk|receiving a concern|reporting)\b", re.IGNORECASE)
# A risk that is not of harming oneself: nowhere safe to sleep, harm at home. Unless the message
# also speaks of harm or distress, the question "are you having thoughts of harming yourself?" is
# not the one to ask (a veiled "you won't have to put up with me much longer" keeps it).
NOT_SELF_HARM = re.compile(
    r"\b(?:evict\w*|homeless\w*|sleeping (?:in (?:his|her|their|my|a) (?:car|van)|rough|"
    r"on (?:a|the) (?:sofa|couch|floor))|sofa[- ]surf\w*|nowhere (?:to (?:live|stay|sleep)|safe)|"
    r"no fixed address|hostel|"
    r"(?:husband|wife|partner|boyfriend|girlfriend|dad|father|mum|mother) "
    r"(?:hits|hit|beats|hurts|threatens|checks|controls|tracks)|"
    # someone's home or body, not their mind: "sleeping at the office because things at home are
    # bad", "chest pains before every board meeting"
    r"sleeping (?:at|in) (?:the|his|her|their|my) (?:office|desk|work)|things at home|"
    r"account for every|chest pains?|heart (?:attack|palpitations)|palpitations|blood pressure|"
    r"faint(?:ed|ing)|collaps\w*)\b",
    re.IGNORECASE,
)
# Words for a pair that stops meeting, which a concern about someone else does not call for.
STOPS_MEETING = re.compile(r"\b(?:stop(?:ped)? meeting|stop the (?:session|agenda)|ending a session)\b", re.I)


def compose_safety(
    request: CoachingRequest,
    classification: Classification,
    guide: list[Chunk],
    embedder: Embedder,
    at_risk_guide: list[Chunk] | None = None,
) -> Coaching:
    """What to do now, in the guide's own order; what confidentiality covers; support; who to
    contact; words to say. Never strategies for the mentoring itself."""
    say = phrases()
    role = request.role or "mentor"
    opening = say.disclosure_opening if classification.label == "disclosure" else say.safety_opening
    likelihood: Likelihood = "likely" if classification.confidence >= LIKELY else "possibly"
    kind = classification.kind or ""  # GuidanceService.classify
    names = KIND_NAMES if classification.label == "safeguarding" else DISCLOSURE_NAMES
    team = role == PROGRAMME
    diagnosis = opening(likelihood, names.get(kind, NAMES[classification.label]), kind in names, team)
    own_risk = kind == "at-risk" and writer_at_risk(request.situation)  # the writer is the one at risk
    if own_risk and not team:
        diagnosis = say.writer_at_risk_opening()  # the writer is the one who may not be safe
    if classification.label == "safeguarding" and CONFIDED.search(request.situation) and not team:
        diagnosis += " " + say.safety_confided()
    elif (
        classification.label == "safeguarding"
        and kind in ELSEWHERE_KINDS
        and not team
        and PARTNER_TOLD.search(request.situation)
    ):
        # harm to someone else heard in a session ("her landlord lets himself in at night"): what the
        # pair keeps to itself never covered it
        diagnosis += " " + say.safety_heard()
    check_first = items(at_risk_guide or [], Heading.WHAT_TO_DO_AT_RISK)[:1]
    if check_first:
        diagnosis += " " + say.disclosure_at_risk()
    elif classification.also and classification.also in NAMES and classification.also != classification.label:
        diagnosis += " " + say.safety_also(NAMES[classification.also])
    # The general steps are for the person it happened to, or who was told; the writer may be the
    # one asking, the one who said too much, or a senior partner hearing about someone else's
    # manager: the guide's advice for their side and situation, when one fits, comes first.
    own_side = _paragraphs(guide, Heading.if_you_are(role)) + items(guide, Heading.if_you_are(role))
    situational = [(text, chunk) for text, chunk in own_side if text.lstrip("- ").startswith("**")]
    # A disclosure whose kind is clear gets the guide's advice for that kind; otherwise the
    # advice closest to the message, when one is close enough (for a disclosure whose kind the
    # reader could not tell, only a close match: a weaker one gave a reporting-line question the
    # advice for reported fraud).
    disclosure = classification.label == "disclosure"
    disclosure_lead = DISCLOSURE_LEADS.get(role, {}).get(kind) if disclosure else None
    if partner_told(request.situation):
        # the advice for the one who was told: "my mentor let slip that we're being bought", "my
        # mentor told me she's being bullied by her team lead"
        if disclosure:
            disclosure_lead = TOLD_BY_PARTNER_LEADS.get(role, {}).get(kind, disclosure_lead)
        elif about_someone_else(request.situation) and kind != "at-risk":
            # whatever its kind, or none the reader could tell ("his manager mocks his accent")
            disclosure_lead = CONCERN_BROUGHT.get(role)
    # "told-general": the reader is sure it is none of the guide's particular situations
    candidates = [] if disclosure and kind == "told-general" else situational
    # the advice for a concern about someone else is for one told of it (above), not
    # the closest words to "my mentee keeps commenting on my body"
    concern = CONCERN_BROUGHT.get(role, "")
    candidates = [line for line in candidates if not under_lead([line], concern)]
    if kind != "at-risk" and not DISTRESS_WORDS.search(request.situation):
        # "if your mentee seems to be in distress" for a message that tells of none
        candidates = [
            line for line in candidates if not any(under_lead([line], lead) for lead in DISTRESS_LEADS)
        ]
    # the advice for one the behaviour was aimed at, for its kind (a remark the partner made to the
    # writer, "he said people like you are only here because of the quota", not one told of someone
    # else)
    told_of_another = partner_told(request.situation) and about_someone_else(request.situation)
    aimed_at = "" if disclosure or told_of_another else SAFEGUARDING_LEADS.get(role, {}).get(kind, "")
    fitting = (
        under_lead(situational, disclosure_lead)
        or under_lead(situational, aimed_at)
        or best_matches(
            embedder,
            request.situation,
            candidates,
            1,
            SITUATION_FLOOR,
            leads=True,
            clear_lead=None if disclosure else SITUATION_CLEAR,
        )
    )
    general = items(guide, Heading.WHAT_TO_DO_FIRST)
    # (never beside someone at risk: the lead is not taken for that kind, above)
    concern_brought = bool(fitting) and disclosure_lead in CONCERN_BROUGHT.values()
    if concern_brought:
        # a concern about someone beside the pair ("his manager mocks his accent"): not "Stop" nor
        # "pause one-to-one meetings", which are for the partner's own behaviour
        general = [
            line for line in general if not any(under_lead([line], step) for step in PARTNER_CONDUCT_STEPS)
        ]
    at_risk = items(guide, Heading.WHAT_TO_DO_AT_RISK) if classification.kind == "at-risk" else []
    if at_risk and own_risk:
        # the writer is the one at risk ("I have decided that this weekend is when I stop"): the
        # guide's steps for them, not "check that they are safe"
        at_risk = items(guide, Heading.WRITER_AT_RISK) or at_risk
    elsewhere = items(guide, Heading.SOMEONE_ELSE_IN_DANGER) if kind in ELSEWHERE_KINDS else []
    if elsewhere:
        # Someone outside the pair may be in danger (a child alone at home, workers whose passports
        # are held, a relative's carer using their card): the guide's steps for that, the one for
        # its kind first, then the rest in its order; not "ask them if they are safe"
        step = [line for line in elsewhere if _step_kind(line[0]) == kind]
        # (not the steps for the other kinds: a child's concern is not sent to the whistleblowing line)
        rest = [line for line in elsewhere if _step_kind(line[0]) is None]
        fitting, general = [], step + rest
    elif at_risk:
        # Someone may be at risk: check they are safe and get urgent help before anything else,
        # then the rest of that list, whole, for either side (not "Stop" and "pause one-to-one
        # meetings", and no advice written for behaviour beside it).
        fitting, general = [], at_risk
    elif fitting and kind in NOTHING_TOLD:
        general = []  # "check whether it should have been shared" is for someone who was told something
    elif fitting and disclosure:
        # The disclosure guide's general steps are for the one who was told; beside advice for
        # another side (whose confidence was passed on, who said too much) only the closest fit,
        # and, for the teller's own news, not whether it should have been shared (OWN_NEWS).
        if kind in OWN_NEWS or kind in NO_SHARED_CHECK:
            general = [line for line in general if not under_lead([line], SHARED_CHECK)]
        closest = best_matches(embedder, request.situation, general, GENERAL_STEPS_BESIDE)
        general = [line for line in general if line in closest]
    elif fitting and general and not concern_brought and not under_lead(fitting, aimed_at):
        # (after "trust what you noticed", the guide's own order: "Stop" first)
        # Every safeguarding step stays, in the guide's order, but the one nearest the advice for
        # the writer's situation comes straight after it: urgent help after "if your mentor seems
        # to be in distress", not "Stop" and "Do not investigate".
        nearest = best_matches(embedder, fitting[0][0], general, 1)
        general = nearest + [line for line in general if line not in nearest]
    if (
        disclosure
        and not fitting
        and (ASKS_WHAT_TO_DO_WITH_IT.search(request.situation) or not partner_told(request.situation))
    ):
        # told some time ago, asking what to do with it ("mentor told me her manager is on a final
        # warning. do i say anything"), or nothing was told to the writer at all ("i've been sending
        # her the sales figures, is that ok?"): "Pause before you respond" was for the moment of hearing
        pause = [line for line in general if under_lead([line], PAUSE_STEP)]
        general = [line for line in general if line not in pause] + pause
    act_now = check_first + [line for line in fitting + general if line not in check_first]
    team_steps = items(guide, Heading.PROGRAMME_TEAM_DOES) if team else []
    if team_steps:
        # the programme team's own steps (the same day, urgent risk, record it, choose the route…),
        # after checking that someone at risk is safe
        act_now = check_first + [line for line in team_steps if line not in check_first]
    if classification.label == "safeguarding" and UNDER_18.search(request.situation) and not elsewhere:
        # Someone under 18: the guide's step that names the designated safeguarding lead comes
        # first, in place of the plain "tell the programme team".
        lead = [line for line in items(guide, Heading.WHAT_TO_DO_AT_RISK) if "safeguarding lead" in line[0]]
        if lead:
            told = plain(lead[0][0]).split(",")[0]  # "Tell the programme team the same day"
            act_now = lead[:1] + [line for line in act_now if not plain(line[0]).startswith(told)]
    confidentiality = items(guide, Heading.CONFIDENTIALITY) or _paragraphs(guide, Heading.CONFIDENTIALITY)
    # Support for the writer: the guide's own section, or else its other advice for the writer's
    # side closest to what they wrote (not "check before you speak" to someone who was told).
    others = [line for line in situational if line not in act_now]
    support = items(guide, Heading.SUPPORT) or best_matches(
        embedder, request.situation, others, 2, SUPPORT_FLOOR
    )
    if fitting and kind in NOTHING_TOLD:
        # nobody told the writer anything ("he asked me to report on who isn't pulling their
        # weight"): what the ground rules cover (the guide's first paragraphs), not the law on
        # inside information, and none of the other advice for the writer's side, which is for
        # one who was told something ("if what you were told affects your own job")
        confidentiality = confidentiality[:NOTHING_TOLD_CONFIDENTIALITY]
        support = [line for line in support if line not in others]
    contacts = items(guide, Heading.WHO_TO_CONTACT)
    if disclosure_lead and fitting:
        # the contact the guide's advice for this kind names comes first (the data protection
        # officer for a data breach, compliance for inside information), then the others
        contacts = best_matches(embedder, plain(fitting[0][0]), contacts, len(contacts))
    # Someone at risk: the words for checking they are safe, chosen by the first step; matched to
    # the message, "sorry for being useless" at 11pm drew "I don't answer messages after seven".
    # Likewise the words for the guide's advice for a disclosure's kind: a declared conflict of
    # interest drew "When a colleague asks what you know" when matched to the message.
    words_for = (
        plain(at_risk[0][0])
        if at_risk
        else plain(fitting[0][0])
        if disclosure_lead and fitting
        else request.situation
    )
    said = _spoken_by(items(guide, Heading.WORDS_TO_SAY), role)
    if who_acts(request.situation) != "self":
        # "told about your own behaviour", "reporting your own slip": for a writer who did it
        said = [(text, chunk) for text, chunk in said if not OWN_DOING.search(_label(text) or "")]
    if concern_brought:
        # the words for receiving a concern; the others are for the partner's own behaviour
        # (declining drinks) or for a pair that stops meeting
        receiving = [(text, chunk) for text, chunk in said if "receiving a concern" in (_lead(text) or "")]
        said = receiving or [(text, chunk) for text, chunk in said if not STOPS_MEETING.search(text)]
    elif not at_risk and not partner_told(request.situation):
        # "he keeps commenting on what i wear" happened to the writer: nobody brought them a concern
        # (someone at risk is met with the words for receiving one: the guide says stay with them)
        said = [(text, chunk) for text, chunk in said if "receiving a concern" not in (_lead(text) or "")]
    if at_risk:
        # the words for someone who may be at risk, not for declining drinks; and "are you having
        # thoughts of harming yourself?" for one who spoke of harm or is in distress, not for a
        # mentor sleeping in her car
        # (nor "I've stopped meeting one to one": the guide says stay in touch, do not withdraw)
        said = [
            (text, chunk)
            for text, chunk in said
            if AT_RISK_SCRIPTS.search(_lead(text) or "") and not STOPS_MEETING.search(text)
        ]
        # (the words of risk beside those of a home or a body: "her husband checks her phone every
        # night" is someone unsafe at home, not someone who may harm themselves)
        told_harm = says_at_risk(NOT_SELF_HARM.sub(" ", request.situation)) or DISTRESS_WORDS.search(
            request.situation
        )
        if NOT_SELF_HARM.search(request.situation) and not told_harm:
            said = [(text, chunk) for text, chunk in said if "harming yourself" not in text]
    if elsewhere:
        # the words for passing the concern on, not for asking the partner about their own safety
        said = [(text, chunk) for text, chunk in said if "someone else" in (_lead(text) or "")] or said
    scripts = best_matches(embedder, words_for, said, 3)
    used = act_now + confidentiality[:4] + support[:4] + contacts[:5] + scripts
    return Coaching(
        challenge=classification.label,  # type: ignore[arg-type]
        also="safeguarding" if check_first else None,
        likelihood=likelihood,
        confidence=classification.confidence,
        kind=classification.kind,
        safety=True,
        diagnosis=diagnosis,
        act_now=[plain(text) for text, _ in act_now],
        confidentiality=[plain(text) for text, _ in confidentiality[:4]],
        support=[plain(text) for text, _ in support[:4]],
        strategies=[],
        scripts=[plain(text) for text, _ in scripts],
        escalate_when=[plain(text) for text, _ in contacts[:5]],
        citations=cite([chunk for _, chunk in used], {chunk.id: text for text, chunk in used}),
    )


def compose_out_of_scope(
    request: CoachingRequest, classification: Classification, context: list[Chunk], embedder: Embedder
) -> Coaching:
    """What companion helps with, and where this request belongs instead: the guide's advice for
    the kind of request closest to the message (a bet about a fact is looked up together, a tax
    question goes to HMRC or an accountant), with its words to say; the general line alone when
    no kind fits."""
    say = phrases()
    kinds = items(context, Heading.ELSEWHERE)
    kind = classification.kind or ""  # GuidanceService.classify
    where = under_lead(kinds, REQUEST_LEADS.get(kind)) if kind else []
    if not where and kind != "other":
        where = best_matches(embedder, request.situation, kinds, 1, ELSEWHERE_FLOOR, leads=True)
    steps: Lines = []
    scripts: Lines = []
    if where and under_lead(where, REQUEST_LEADS["fact"]):
        steps = items(context, Heading.FACT_CHECKING)  # checking the fact together, step by step
    # words to say where there is someone to say them to: not for an instruction hidden in the
    # message, nor for a recipe or a homework question
    unspoken = (REQUEST_LEADS["injection"], REQUEST_LEADS["personal-task"])
    if where and not any(under_lead(where, lead) for lead in unspoken):
        scripts = best_matches(embedder, plain(where[0][0]), items(context, Heading.WORDS_TO_SAY), 1)
    used = where + steps + scripts
    return Coaching(
        challenge=OUT_OF_SCOPE,
        confidence=classification.confidence,
        kind=classification.kind,
        likelihood="likely",
        diagnosis=say.other_diagnosis(bool(where)),
        strategies=[plain(text) for text, _ in where + steps] + [say.other_strategy_plan()],
        scripts=[plain(text) for text, _ in scripts],
        escalate_when=[],
        citations=cite([chunk for _, chunk in used] or context[:1], {chunk.id: text for text, chunk in used}),
    )


def best_matches(
    embedder: Embedder,
    query: str,
    candidates: Lines,
    n: int,
    floor: float = -1.0,
    actor: Actor | None = None,
    leads: bool = False,
    clear_lead: tuple[float, float] | None = None,
) -> Lines:
    """The `n` candidate lines most similar to the query (and at least `floor` similar), most
    similar first: the first strategy is the first step the person reads. With `actor`, lines
    that answer the other person's behaviour rank higher when the message is about the other
    person, and are left out when it is about the writer's own. With `leads`, a line is judged by
    its bold lead ("If a decision you make involves your mentor") as much as by its words. With
    `clear_lead` (a lower floor, a margin), the best line below `floor` still counts when it is at
    least that lower floor and ahead of the next by the margin: clearly the closest."""
    if actor == "self":
        candidates = [(text, chunk) for text, chunk in candidates if not responds_to_other(text)]
    if not candidates:
        return []
    vectors = embedder.embed([query] + [text for text, _ in candidates])
    scores = vectors[1:] @ vectors[0]
    labels = [(_lead if leads else _label)(text) for text, _ in candidates]
    if any(labels):
        # A script is judged by the moment its label names ("Mentor, when asked to do the work") as
        # much as by its words, which are one example of that moment (slides, not Instagram posts).
        named = embedder.embed([label or text for label, (text, _) in zip(labels, candidates, strict=True)])
        scores = (scores + named @ vectors[0]) / 2
    if actor == "other":
        scores = scores + np.array([RESPONSE_BONUS * responds_to_other(text) for text, _ in candidates])
    # ... and the words a line shares with the message count, as for a quote (SHARED_WORD_BONUS)
    asked = content_words(query)
    scores = scores + SHARED_WORD_BONUS * np.array(
        [min(SHARED_MOST, len(asked & content_words(text))) for text, _ in candidates]
    )
    # ... and so do the concepts it shares with it ("reschedules" and "whoever cancels", concepts.py)
    spoken_of = concepts(query)
    scores = scores + CONCEPT_BONUS * np.array(
        [min(CONCEPTS_MOST, len(spoken_of & concepts(text))) for text, _ in candidates]
    )
    ranked = np.argsort(-scores)
    if clear_lead and len(ranked) and scores[ranked[0]] < floor:
        low, margin = clear_lead
        runner_up = scores[ranked[1]] if len(ranked) > 1 else -1.0
        if scores[ranked[0]] >= low and scores[ranked[0]] - runner_up >= margin:
            floor = low
    order = [index for index in ranked[:n] if scores[index] >= floor]
    return [candidates[index] for index in order]


# Words that say nothing about which sign fits: who, when, and the words every message has.
COMMON_WORD_LIST = (
    "the a an and or but to of in on for with at by from as about into my our his her their your you "
    "i me he she they we it its is are was were be been being has have had do does did not no so "
    "this that these those what when how why who just really always never every keep keeps kept "
    "session sessions mentee mentor mentoring meeting time one some any all can could would will "
    "say says said tell tells told ask asks asked get gets got make makes made feel feels felt want wants "
    "think thinks know knows like us them him me then than there here now still even also very too "
    "out up off over re bit lot much"
)
COMMON_WORDS = frozenset(COMMON_WORD_LIST.split())
WORD = re.compile(r"[a-z]+")
# How much each word a sign shares with the message adds to its similarity, up to SHARED_MOST
# words: sentence embeddings weigh the shape of a sentence ("he keeps asking… she wants…") as much
# as what it is about, so "bringing his PA" read closest to a sign about a promotion panel.
SHARED_WORD_BONUS, SHARED_MOST = 0.03, 3
# How much each concept a line of advice shares with the message adds, up to CONCEPTS_MOST.
CONCEPT_BONUS, CONCEPTS_MOST = 0.1, 2


# Words people use for what the guides call otherwise: "my boss's boss" is "your manager's manager".
SAME_THING = {"boss": "manager", "bosses": "manager", "video": "screen", "zoom": "screen"}


def content_words(text: str) -> set[str]:
    """The words of a text that say what it is about, without a plural "s" ("answers" → "answer"),
    and said as the guides say them (SAME_THING)."""
    words = {SAME_THING.get(word, word) for word in WORD.findall(text.lower()) if word not in COMMON_WORDS}
    # ("boss" stays whole; the "s" of "boss's" is no word)
    return {word if word.endswith("ss") else word.removesuffix("s") for word in words} - {""}


def best_quote(embedder: Embedder, query: str, candidates: Lines) -> Lines:
    """The one line worth quoting back to the writer: close enough to what they wrote, sharing at
    least one word with it, and clearly closer than the next one (by meaning, and the words they
    share); otherwise none."""
    if not candidates:
        return []
    vectors = embedder.embed([query] + [text for text, _ in candidates])
    meaning = vectors[1:] @ vectors[0]
    asked = content_words(query)
    shared = np.array([min(SHARED_MOST, len(asked & content_words(text))) for text, _ in candidates])
    scores = meaning + SHARED_WORD_BONUS * shared
    order = np.argsort(-scores)
    best = scores[order[0]]
    runner_up = scores[order[1]] if len(order) > 1 else -1.0
    if meaning[order[0]] < QUOTE_FLOOR or best - runner_up < QUOTE_MARGIN or not shared[order[0]]:
        return []  # a quote that shares no word with the message reads as not listening
    return [candidates[order[0]]]


def _spoken_by(lines: Lines, role: str) -> Lines:
    """Scripts for the writer's side of the pair (unmarked ones suit both); for the programme team,
    only those written for it ("Programme team, calling a pair that has stopped meeting")."""
    if role == PROGRAMME:
        return [(text, chunk) for text, chunk in lines if _speaker(text) == "programme team"]
    own = [(text, chunk) for text, chunk in lines if _speaker(text) in (role, None)]
    return own or lines


def _label(item: str) -> str | None:
    """A script's label, the moment it is for: "Mentor, when asked to do the work"."""
    match = SPEAKER.match(item)
    return plain(match.group(0)).strip().rstrip(":") if match else None


# Advice written for something said or done in front of others, and for honesty across the power gap.
IN_FRONT = re.compile(r"\bin ?front of\b|\bpublic (?:correction|criticism)\b", re.IGNORECASE)
HONESTY = re.compile(r"\bhonest\w*|\bonly ever tells you\b|\bcandid\b", re.IGNORECASE)
# What a message tells, and the advice written for it that comes first.
ADVICE_FIRST = ((PUBLIC_CLASH, IN_FRONT), (POWER_GAP_HONESTY, HONESTY))


def _first(candidates: Lines, chosen: Lines, pattern: re.Pattern[str]) -> Lines:
    """The candidate lines that match `pattern` first, then those chosen before, as many as were
    chosen."""
    matching = [line for line in candidates if pattern.search(line[0])]
    return (matching + [line for line in chosen if line not in matching])[: max(len(chosen), 1)]


def _step_kind(item: str) -> str | None:
    """The kind of harm to someone outside the pair a step of the safeguarding guide is for, by its
    bold lead (ELSEWHERE_STEP); None for a step for every kind."""
    lead = (_lead(item) or "").lower()
    return next((kind for kind, words in ELSEWHERE_STEP.items() if words in lead), None)


def _lead(item: str) -> str | None:
    """A paragraph's or list item's bold lead: the situation it is written for."""
    match = LEAD.match(item)
    return plain(match.group(1)) if match else None


def _speaker(item: str) -> str | None:
    match = SPEAKER.match(item)
    return match.group("who").lower() if match else None


def _sentence(text: str) -> str:
    """A list item as a sentence: plain text, quotes kept, a full stop at the end."""
    cleaned = plain(text).rstrip()
    return cleaned if cleaned.endswith((".", "?", "!", '"', "”", "'")) else cleaned + "."


def _paragraphs(chunks: list[Chunk], heading: str) -> Lines:
    """A prose section's paragraphs, where it has no list."""
    return [
        (paragraph.strip(), chunk)
        for chunk in chunks
        if chunk.heading == heading
        for paragraph in chunk.text.split("\n\n")
        # (a list is read item by item, with `items`: never shown whole as one step)
        if paragraph.strip() and not paragraph.lstrip().startswith(("#", "- ", "* "))
    ]
