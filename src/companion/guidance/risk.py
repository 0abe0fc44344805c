"""What kind of safeguarding matter a message describes: someone who may be at risk, harassment,
discrimination, or bullying and abuse of power.

The kinds call for different answers. A person who may harm themselves, is unsafe at home, has
nowhere to sleep or is taken ill needs people close: check they are safe now, get urgent help,
stay in touch. Telling a mentee whose mentor "doesn't see the point any more" to pause one-to-one
meetings is the wrong advice. Behaviour (harassment, discrimination, bullying, a threat) gets stop,
tell the programme team, keep away from one-to-one meetings; and the answer names what happened,
because "it is not okay" is what a person who doubts themselves needs to hear first.

A `KindReader` (kinds.py), learnt from the safeguarding examples
(`data/coaching_examples.jsonl`, each marked with its `kind`) and the safeguarding guide's signs
that someone may be at risk. The whole message is read, not its clauses one by one:
cross-validated, reading clauses too halved the precision of "at risk" (short clauses read as
at-risk), and a conduct concern read as at-risk loses "stop" and "pause one-to-one meetings".
"""

from __future__ import annotations

import re

from companion.guidance.kinds import HEALTH_NEWS, KindReader

AT_RISK = "at-risk"
# Harm to someone outside the pair (a child or young person, workers exploited, an adult harmed or
# exploited at home by a partner, carer or relative): read by guidance/passing_harm.py, answered with
# the safeguarding guide's steps for danger to someone else, the one for its kind first.
ELSEWHERE_KINDS = ("child", "exploitation", "vulnerable-adult")
KINDS = (AT_RISK, "harassment", "discrimination", "bullying")
# From this probability the answer takes the at-risk steps. Chosen by 5-fold cross-validation on
# the safeguarding examples (bench/risk_cv.py: the highest recall whose precision stays >= 0.9),
# never on an eval set. With the 65 kind-only examples of 2026-12-04 (someone at risk who told
# the writer so, often in passing): 0.6, recall 0.856 at precision 0.967 (0.45 fell to 0.876).
AT_RISK_THRESHOLD = 0.6
# A message on the disclosure route that may be about someone at risk (classifier.POSSIBLY_AT_RISK)
# puts the at-risk step first only from this probability, read on the message or one clause: on
# the training examples, 0.8 kept it for 10 of 236 disclosures (0.6: 32) and for 8 of the 8
# at-risk examples that the situation classifier sends to the disclosure route (those 8 are in
# this reader's training, so the second figure is optimistic).
AT_RISK_ON_DISCLOSURE = 0.8
# A kind of behaviour is named in the answer from this probability (bench/risk_cv.py: the lowest
# whose naming precision stays >= 0.9); below it the answer says "a safeguarding concern" only.
NAMING_THRESHOLD = 0.5


# Words that say someone may be at risk of harming themselves, or is unsafe at home, whatever else
# the message says.
# The learnt readers cannot tell "told me in confidence he doesn't want to be alive any more" from
# "told me in confidence she's going through a divorce": no training example tells a risk in
# confidence, and both read as a disclosure. These words are a floor under them, not a keyword
# list for routing: each is explicit about harm to oneself, and the idioms that share words
# ("career suicide", "this deadline is killing me", "I cut myself off", "I'd rather kill myself than
# use Teams") are left out. On the 1,510 training examples they match only messages labelled
# safeguarding (tests/guidance/test_risk.py holds the idioms and the wordings).
_SELF = r"(?:him|her|them|my|your|our)sel(?:f|ves)|themself"
AT_RISK_WORDS = re.compile(
    r"\bsuicidal"
    r"|(?<!career )(?<!political )(?<!social )(?<!commercial )\bsuicide\b"
    r"(?!\s+(?:mission|squad|for\s+(?:my|his|her|your|our|their|the)\s+(?:career|reputation|business|brand)))"
    rf"|(?<!rather )(?<!could )\b(?:kill|killing|killed|harm|harming|harmed|starve|starving)\s+(?:{_SELF})\b"
    rf"|\b(?:been|keeps?|kept|started|starting|start|still)\s+(?:hurting|cutting|burning)\s+(?:{_SELF})\b"
    rf"|\b(?:hurt|hurting|cut|cutting)\s+(?:{_SELF})\s+(?:again|on purpose|deliberately)\b"
    r"|\bself[- ]?harm"
    r"|\bcutting\s+(?:his|her|their|my)\s+(?:arms?|wrists?|legs?|thighs?|skin)\b"
    r"|\b(?:end|ending|ended|take|taking|took)\s+(?:it all|(?:his|her|their|my)\s+(?:own\s+)?life)\b"
    r"|\b(?:want|wants|wanting|wanted)\s+to\s+(?:be dead|not (?:be here|exist|wake up))\b"
    # "told a colleague she wants to die" (not "wanted to die of embarrassment", "dying to try it")
    # (nor "i wanted to die when my mic was on", "i want to die every time he shares his screen")
    r"|\b(?:want|wants|wanting)\s+to\s+die\b"
    r"(?!\s+(?:of|from|laughing|inside|a little|when|whenever|every time|if|each time))"
    r"|\bwish(?:es|ed)?\s+(?:i|he|she|they)\s+(?:was|were|'?d)\s+(?:dead|never been born)\b"
    # a decision not to be there: "I've decided I won't be around to see it"
    # (not "i decided i wont be here for the offsite")
    r"|\b(?:decided|made up (?:my|his|her|their) mind)\b[^.!?]{0,40}\bwon'?t\s+be\s+(?:around|here)\s+"
    r"(?:to see (?:it|that|this|them|him|her|the \w+)|anyway|any ?more)\b"
    r"|\b(?:doesn'?t|does not|don'?t|do not|didn'?t|did not|no longer|not)\s+(?:really\s+)?"
    r"(?:want|wants|wanting|see the point)\s+(?:in\s+|of\s+)?(?:to\s+)?"
    r"(?:be(?:ing)? alive|go(?:ing)? on living|liv(?:e|ing)\s+any\s*more|wak(?:e|ing) up)\b"
    r"|\bbetter off without (?:him|her|them|me)\b"
    r"|\boverdos(?:e|ed|ing)\b"
    # unsafe at home: "my husband put me in A&E and says next time will be worse"
    r"|\b(?:put|landed|sent)\s+(?:me|her|him|them)\s+in\s+(?:a\s*&\s*e|a and e|(?:the\s+)?hospital|the er)\b"
    r"|\bnext time (?:will|'ll|it'll|it will|would|it'd) be worse\b"
    r"|\b(?:afraid|scared|frightened|terrified)\s+(?:to|of)\s+go(?:ing)?\s+home\b"
    # a plan: "I've been stockpiling my sertraline and thinking this weekend might be it"
    r"|\b(?:stockpil|hoard|sav)(?:e|es|ed|ing)\s+(?:up\s+)?(?:my|his|her|their)\s+(?:\w+\s+)?"
    r"(?:pills|tablets|meds|medication|medicine|painkillers|paracetamol|sleeping pills|antidepressants|"
    r"sertraline|citalopram|fluoxetine|insulin|morphine|codeine|tramadol|oxycodone|diazepam|zopiclone)\b"
    # the means made ready: "got the pills lined up for after my retirement do", "sitting in the garage
    # with the engine running", "the tablets counted out"
    r"|\b(?:pills|tablets|meds|medication)\s+(?:all\s+)?(?:lined up|counted out|saved up|stashed)\b"
    r"|\b(?:sitting|sat|sit|locked (?:myself|himself|herself))\b.{0,40}\bgarage\b.{0,60}"
    r"\bengine\s+(?:running|on)\b"
    r"|\bhose(?:pipe)?\b.{0,40}\bexhaust\b"
    # putting affairs in order: "rehome the cat, cancel phone contract, letters to the boys"
    r"|\bgiv(?:e|es|ing|en)\s+away\s+(?:all\s+)?(?:my|his|her|their)\s+(?:things|stuff|belongings|"
    r"possessions)\b"
    r"|\brehom(?:e|ed|es|ing)\s+(?:the|my|his|her|their)\s+(?:cat|dog|pets?)\b.{0,120}?"
    r"\b(?:letters?|goodbye|spare key|cancel\w*|sorted (?:out )?(?:my|his|her|their) will|"
    r"won'?t be (?:around|here))\b"
    # "sorted out my will and given my things away" (either way round)
    r"|\bsorted\s+(?:out\s+)?(?:my|his|her|their)\s+will\b.{0,120}?\b(?:rehom\w+|giv\w+\s+away|"
    r"won'?t be (?:around|here))"
    r"|\bwon'?t\s+be\s+(?:around|here)\s+(?:for\s+)?much\s+longer\b"
    # "won't be around after Friday anyway", "took a load of pills on Sunday and it didn't work",
    # "she'll do it properly next time", "written a note for my wife and decided it'll be Sunday"
    # (not "i wont be around after friday, im on leave": "anyway" or "no point" says it)
    r"|\bwon'?t\s+be\s+(?:around|here)\s+(?:after|by|past|beyond)\s+(?:\w+day|the weekend|next week|tomorrow)"
    r"(?:\s+anyway|[^.!?]{0,40}\bno point\b)"
    # "he 'won't be around for the next one anyway'"
    r"|\bwon'?t\s+be\s+(?:around|here)\s+for\s+(?:the\s+)?next\s+(?:one|session|meeting|time)\s+anyway\b"
    # a day decided: "I have decided that this weekend is when I stop" (not "…when I stop working on it")
    r"|\b(?:this weekend|tonight|tomorrow|this week|(?:on\s+)?\w+day)\s+(?:is|will be)\s+(?:when|"
    r"the day)\s+i\s+"
    r"(?:stop|end it|end things)\b(?!\s+\w+ing\b)(?!\s+(?:to|into|on|with|for)\b)"
    r"|\b(?:took|taken|swallowed)\s+(?:a load of|loads of|a lot of|a handful of|a bunch of|"
    r"all (?:my|his|her|their|the))\s+(?:pills|meds|painkillers|paracetamol|sleeping pills)\b"
    r"(?!\s+(?:to|into|back|out|from|off)\b)"
    r"|\bdo it properly next time\b"
    r"|\b(?:written|wrote|left)\s+(?:a|the|my)\s+(?:goodbye\s+|suicide\s+)?(?:note|letter)s?\s+(?:for|to)\s+"
    r"(?:my|his|her|their|the)\s+(?:wife|husband|partner|kids|children|family|boys|girls|son|daughter|mum|"
    r"mom|dad)\b"
    r".{0,80}?\b(?:i'?ve|i have|he'?s|she'?s|they'?ve)\s+decided\b"
    # a goodbye posted beside the means: "her story showed a pile of pills and the words 'goodnight
    # forever'", "there's a rope in the boot of his car" (not "goodbye forever to paper timesheets")
    r"|\b(?:goodnight|good night|goodbye|bye)\s+(?:forever|for good|world)\b(?!\s+to\b)"
    r"|\b(?:pile|handful|heap|bottle)s?\s+of\s+(?:pills|tablets|painkillers|paracetamol|sleeping pills)\b"
    r"|\ba\s+rope\b.{0,40}\b(?:boot|car|van|garage|shed|loft|attic)\b"
    # a goodbye from a place of danger: "voice note: 'I'm on the bridge, thanks for everything'"
    # (not "on the bridge call", nor a leaving do's "thanks for everything")
    r"|\b(?:on|at|from)\s+(?:the|a)\s+(?:[\w'-]+\s+)?"
    r"(?:bridge|cliff\s*(?:top|edge)?|ledge|railway line|train tracks|tracks)\b"
    r"(?!\s+(?:call|line|meeting|conference))[^.!?]{0,40}\b"
    r"(?:thanks? (?:you )?for everything|goodbye(?!\s+to\b)|sorry for everything|love you all|look after|"
    # "I'm up on the Tyne Bridge, tell Kath I'm sorry"
    # (not "tell Sam im sorry i missed the call")
    r"tell\s+\w+\s+(?:i'?m|im|i am)\s+sorry(?!\s+(?:i|we|for|about|that|to)\b))\b"
    # "he 'won't need goals where he's going'"
    r"|\bwon'?t\s+need\s+(?:\w+\s+){0,3}where\s+(?:he|she|they|i)(?:'s|'re|'m|\s+is|\s+are|\s+am)\s+going\b"
    r"|\b(?:don'?t|do not|doesn'?t|does not|can'?t)\s+see\s+the\s+point\s+in\s+anything\b"
    r"(?!\s+(?:he|she|they|my|we|you|the|this|that|about|to do with|i suggest|from))"
    # unsafe at home: money, phone and movements controlled
    r"|\bnot allowed\s+(?:her|his|their|my)\s+own\s+(?:bank account|money|phone|bank card)\b"
    r"|\b(?:checks|goes through|reads)\s+(?:her|his|their|my)\s+phone\s+every\s+(?:night|day|evening)\b"
    r"|\b(?:this weekend|tonight|tomorrow|this week)\s+(?:might|will|could|is going to)\s+be\s+it"
    r"\s*(?:[.!,;]|$)"
    # a child missing: "her 14-year-old sister went to meet a man … and hasn't come home"
    r"|\b(?:child|kid|son|daughter|sister|brother|niece|nephew|grandson|granddaughter|"
    r"\d{1,2}[- ]year[- ]old|teenager|girl|boy)\b.{0,160}?\b(?:hasn'?t|has not|didn'?t|did not|never)\s+"
    r"(?:come|came|got|been)\s+home\b(?!\s+(?:till|until|before|after|late|early|for|on time))"
    r"|\b(?:child|kid|son|daughter|sister|brother|niece|nephew|\d{1,2}[- ]year[- ]old|teenager)\b.{0,60}?"
    r"\b(?:has gone|went|is|has been|been reported)\s+missing\b",
    re.IGNORECASE,
)


# Someone in distress, in so many words: "crying in every session", "can't cope", "panic attacks",
# "hasn't been sleeping". On the safety route with no behaviour named (no kind), the guide's steps
# for someone who may be at risk fit, not "Stop, end the session" (routing.in_distress); on the
# training examples, safeguarding ones with these words are at risk unless behaviour is named.
DISTRESS_WORDS = re.compile(
    r"\b(?:crying|cried|cries|in tears|sobb\w*|broke down|breaking down|breaks down|falling apart|"
    r"can'?t cope|cannot cope|not coping|panic attacks?|"
    r"(?:not|isn'?t|hasn'?t been|has not been) (?:sleeping|eating)|hasn'?t slept)\b",
    re.IGNORECASE,
)


def says_at_risk(situation: str) -> bool:
    """The message says in so many words that someone may harm themselves (AT_RISK_WORDS)."""
    return AT_RISK_WORDS.search(situation) is not None


# Who a sentence is about: the writer ("I have decided that this weekend is when I stop") or
# someone else ("he's rehomed his dog and sorted his will").
FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|i'll|me|my|myself)\b", re.IGNORECASE)
SOMEONE_ELSE = re.compile(
    r"\b(?:he|she|they|he's|she's|they're|hes|shes|him|his|her|hers|them|their|mentee|mentor|colleague|"
    r"friend|partner|son|daughter|sister|brother)\b",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.!?\n]")


# Someone else in the message is under 18: "my mentee is 17, she's an apprentice", "a 16-year-old on
# work experience". Any safeguarding concern about a young person goes to the designated
# safeguarding lead, whatever its kind (the guide's steps for danger to someone else, `child`).
MINOR_OTHER = re.compile(
    r"\b(?:she|he|they|my (?:reverse )?(?:mentee|mentor)|the (?:apprentice|intern|student|trainee)|"
    r"(?:her|his) (?:mentee|mentor))(?:'s|s| is| are|'re)\s+(?:only\s+|just\s+)?"
    r"(?:1[0-7]|(?:a )?minor|under ?18|under ?age|sixteen|seventeen|fifteen)\b"
    r"(?!\s*(?:mins?|minutes|hours|days|weeks|months|years|yrs|times|%|percent|people|staff)\b)|"
    r"\b(?:1[0-7]|sixteen|seventeen|fifteen)[- ]?(?:year[- ]old|yr[- ]old|yo|y/o)\s+"
    r"(?:apprentice|intern|student|trainee|girl|boy|mentee|mentor|school ?leaver|on work experience)\b",
    re.IGNORECASE,
)


def minor_concerned(situation: str) -> bool:
    """Someone other than the writer is said to be under 18 (MINOR_OTHER)."""
    return MINOR_OTHER.search(situation) is not None


def writer_at_risk(situation: str) -> bool:
    """The words of risk (AT_RISK_WORDS) are the writer's own: the sentence that holds them speaks
    in the first person and of nobody else ("i dont want to be alive anymore")."""
    for found in AT_RISK_WORDS.finditer(situation):
        starts = [end.end() for end in SENTENCE_END.finditer(situation, 0, found.start())]
        stop = SENTENCE_END.search(situation, found.end())
        sentence = situation[starts[-1] if starts else 0 : stop.start() if stop else len(situation)]
        if FIRST_PERSON.search(sentence) and not SOMEONE_ELSE.search(sentence):
            return True
    return False


# Leaving a job, told as such: "thinking of quitting because of the workload", "handing in her
# notice", "applying elsewhere". On the disclosure route it is the partner's own news, not a sign
# of risk, unless words of harm or distress are beside it (service.read_situation).
LEAVING_JOB = re.compile(
    r"\b(?:quit(?:ting)?|resign\w*|hand(?:ing|ed|s)? in (?:her|his|my|their) notice|"
    r"leav(?:e|ing) (?:the (?:company|organisation|organization|org|firm|trust|council)|"
    r"(?:her|his|my|their) job)|(?:a )?new job|job[- ]hunting|"
    r"applying (?:elsewhere|for (?:other|another|a) jobs?))\b",
    re.IGNORECASE,
)


def told_without_harm(news: re.Pattern[str], situation: str) -> bool:
    """The message tells of `news` with no words of harm or distress beside it."""
    return (
        bool(news.search(situation)) and not says_at_risk(situation) and not DISTRESS_WORDS.search(situation)
    )


def health_news(situation: str) -> bool:
    """The message tells of someone's own health (HEALTH_NEWS), with no words of harm or distress."""
    return told_without_harm(HEALTH_NEWS, situation)


def leaving_a_job(situation: str) -> bool:
    """The message tells of leaving a job (LEAVING_JOB), with no words of harm or distress."""
    return told_without_harm(LEAVING_JOB, situation)


# The writer says in so many words that what they describe is harmless: "not creepy just
# annoying", "(not literally)", "fully recovered". The writer's own word only: not "my mentee said
# he's harmless", "she says she's fine" or "he was only joking", which are what people at risk
# and people who cross lines often say, nor "I didn't mean anything by it" of one's own conduct.
TOLD_HARMLESS = re.compile(
    r"\b(?:not|nothing|never)\s+(?:in\s+)?(?:a\s+|an\s+|at all\s+|remotely\s+)?"
    r"(?:creepy|weird|dodgy|sinister|inappropriate|sexual|flirty|threatening|pervy|untoward|malicious)\b"
    r"|\bnot literally\b|\bjust annoying\b"
    r"|\b(?:fully|totally|completely|all) (?:recovered|fine now|better now)\b"
    r"|\b(?:it'?s|its|it was|totally|completely) harmless\b|\bharmless really\b"
    r"|\b(?:totally|completely|just|purely|all) friendly\b"
    # a secret that is a kind surprise: "planning a surprise thank you for her at the end"
    r"|\bsurprise (?:party|thank[- ]you|gift|present|card|cake|leaving do|celebration|"
    r"for (?:her|him|them))\b",
    re.IGNORECASE,
)
# ... and a message told so that reads as a safety matter below this probability takes the
# ordinary route with the safety check first (GuidanceService.classify), not the safety route
# alone. Its floors still hold: words of harm to oneself, of violence or unwanted interest, of
# wrongdoing, a data slip or a conflict (routing.serious_in_passing) take it to the safety route.
TOLD_HARMLESS_SAFETY = 0.5
# Idioms that only sound like harm, and what they mean, for reading the message: "i'd kill for
# your energy", "she's killing it", "I'm dying to try it", "he touched on strategy", "she hit me
# with a wall of questions", "watch out for hallucinations". The message is read as if it said that;
# the rest of it is read as written ("I'm dying to tell someone, but I promised" is still a
# confidence).
IDIOMS = {
    r"\b(?:i'?d|i would|would|could) (?:kill|murder) for\b": "would love",
    r"\bkilling it\b": "doing great",
    r"\bdying to\b": "eager to",
    r"\bto die for\b": "wonderful",
    r"\btouch(?:ed|es|ing)? (?:on|upon)\b": "talked about",
    r"\bhit (?:me|us) (?:with|up)\b": "sent me",
    r"\bwatch out for\b": "be careful with",
    # "I'm going to murder my mentee's PA lol", "I could strangle him": exasperation
    r"\b(?:going to|gonna|could|want to|wanna|about to|ready to) (?:murder|strangle|throttle|kill) "
    r"(?=my\b|him\b|her\b|them\b)": "be so cross with ",
    # "one word answers, im losing the will tbh", "these meetings make me lose the will to live":
    # patience running out, not a wish to die (a plain "i've lost the will to live" is read as written)
    r"\blosing the will\b(?! to live)": "losing patience",
    r"\b(?:makes?|made|making) me (?:want to )?lose the will to live\b": "bores me",
    # frustration and embarrassment: "i want to bang my head against the wall", "wanted the ground
    # to swallow me up", "nearly died of embarrassment", "another hour on it, shoot me now"
    r"\bbang(?:ing)? my head (?:against|on) (?:a|the) (?:brick )?wall\b": "get frustrated",
    r"\b(?:wanted|want|wished|wish) the (?:ground|floor|earth) to (?:swallow me(?: up)?|open up)\b": (
        "was mortified"
    ),
    r"\b(?:nearly|almost|could have|could've) died (?:of|from|with) (?:embarrassment|shame|laughing|cringe)\b"
    r"|\bdied (?:a little )?inside\b": "was mortified",
    r"\b(?:shoot|kill|end) me now\b": "how tedious",
    # a harm to oneself that would follow an everyday trigger, or that an everyday thing would be
    # spared by: "if he says 'synergy' one more time i'll throw myself out the window", "i'll be dead
    # in a ditch before i clear my inbox", "could have drowned myself in my flat white", "makes me
    # want to gnaw my own arm off to escape the room". Said with nothing to trigger it ("i want to
    # throw myself off the roof") it is read as written.
    r"\b(?:one more time|once more|again)\b[^.!?]{0,40}?\b(?:i'?ll|ill|i will|i'?m going to|i'?m gonna|"
    r"i swear)\b[^.!?]{0,20}?\b(?:throw myself|jump|kill myself|top myself|die|scream|hang myself|"
    r"drown myself|shoot myself)\b[^.!?,]*": "I'll be very annoyed",
    r"\b(?:i'?ll|ill|i will|i'?d|i would) be (?:dead|in my grave|six feet under|long gone)(?: in a ditch)?"
    r" (?:before|by the time)\b": "it will take forever before",
    r"\b(?:could have|could've|nearly|almost) (?:drowned|strangled|hanged|shot|stabbed|killed|throttled) "
    r"myself (?:with|in) (?:my|the|a|an|our) [\w\s'-]{1,30}?\b"
    r"(?=\s*(?:when|after|because|as|[.,!?;]|$))": "was mortified",
    r"\b(?:gnaw|chew|bite)(?:ing)? (?:my )?(?:own )?(?:arm|leg|hand) off\b": "escape",
}


def told_harmless(situation: str) -> bool:
    """The writer tells in their own words that what they describe is harmless (TOLD_HARMLESS)."""
    return TOLD_HARMLESS.search(situation) is not None


def without_idioms(situation: str) -> str:
    """The message with its idioms that only sound like harm said plainly (IDIOMS)."""
    for idiom, meaning in IDIOMS.items():
        situation = re.sub(idiom, meaning, situation, flags=re.IGNORECASE)
    return situation


# Someone at work laying hands on someone in anger: "her manager grabbed her wrist in the car park",
# "shoved him against the lockers". A threat or an abuse of power (bullying), whose first steps are
# to stop and tell the programme team, not "are you safe? are you thinking of harming yourself?";
# not between relatives or partners, which is harm at home (the reader's kinds for it).
PHYSICAL_AGGRESSION = re.compile(
    r"\b(?:grabb(?:ed|ing)|grabs|shov(?:ed|ing|es)|slapp(?:ed|ing)|punch(?:ed|ing)|kick(?:ed|ing)|"
    r"pinn(?:ed|ing)|shook|push(?:ed|ing)|hit)\s+(?:(?:her|him|me|them|my|his|their)\s+)"
    r"(?:(?:by\s+the\s+)?(?:wrist|arm|collar|shoulders?|neck|throat|hair|face)|against|into|over|down\b)",
    re.IGNORECASE,
)
AT_HOME = re.compile(
    r"\b(?:husband|wife|partner|boyfriend|girlfriend|ex|dad|father|mum|mom|mother|son|daughter|brother|"
    r"sister|carer|uncle|aunt|stepdad|stepmum)\b",
    re.IGNORECASE,
)


def safety_kind(reader: KindReader, situation: str) -> str | None:
    """`at-risk` from AT_RISK_THRESHOLD; else a kind of behaviour when it is clear enough to name
    (NAMING_THRESHOLD); else None. Someone at work laying hands on someone in anger
    (PHYSICAL_AGGRESSION) is bullying, unless someone is said to be at risk in so many words."""
    kind = decide_kind(reader.probabilities(situation))
    if kind in (AT_RISK, None) and PHYSICAL_AGGRESSION.search(situation) and not AT_HOME.search(situation):
        return AT_RISK if says_at_risk(situation) else "bullying"
    return kind


def decide_kind(
    probabilities: dict[str, float], at_risk: float = AT_RISK_THRESHOLD, naming: float = NAMING_THRESHOLD
) -> str | None:
    if probabilities[AT_RISK] >= at_risk:
        return AT_RISK
    behaviour = max(KINDS[1:], key=lambda kind: probabilities[kind])
    return behaviour if probabilities[behaviour] >= naming else None
