"""Which lines of a person's notes stand out: the ones a reader would call the session's point.

Notes often open with a line that only names the session ("Pivot tables with Mrs Okafor", "sessh
with Kai on hybrid meetings") and bury the line that matters in the middle ("I was that director
once, I'm fairly sure", "felt like I lost her for ten minutes", "I said 'looking stupid in front of
my team', which I've never said out loud"). Each line gets a score from a few explainable cues:

- the writer admits something or judges their own part ("I think I went too fast", "I didn't",
  "I haven't told him", "I was that director");
- a figure of speech ("like a tv remote", "felt like a fraud", "as if I wasn't there");
- words someone said, quoted;
- a strong feeling or a hard moment, in the writer's own words;
- something learnt from someone that changes the picture ("later he told me the tatts are for his
  brother");
- something about the writer few know ("I am autistic", "my right hand shakes");
- what the practice came to ("by the end he had put his shift up for swap", "did two by himself");
- a specific detail (a number);
and a line that only names the session scores below all others. Of the lines of a kind, the
reflection prompts quote the highest-scoring first; the notes' order breaks ties.
"""

from __future__ import annotations

import re

from companion.guidance.composer.notes import (
    HARD,
    NOBODY_HARSH,
    NOT_TRUE_WORDS,
    OUTCOME,
    QUOTED,
    STRONG,
    Clause,
    own_words,
)

ADMISSION = re.compile(
    # the writer's own part, judged: "I think I went too fast", "honestly i talked too much"
    r"\b(?:i think|i reckon|i suspect|honestly|tbh|to be honest|if i'?m honest)\W+i\b|"
    r"\bi (?:\w+ )?(?:too (?:fast|quick|much|long|slow)|over[- ]?explain\w*|talked over|interrupted)|"
    # something the writer never did or said before, or has not yet done: "which I've never said
    # out loud", "i have not told mzee yet", "Tom spotted it, i didnt"
    r"\b(?:i'?ve|ive|i have|i had|i'?d) never\b|\bnever (?:said|told|admitted)\b|\bout loud\b|"
    r"\bi (?:haven'?t|havent|have not|hadn'?t|had not) (?:\w+ )?(?:told|said|admitted|shown|asked)\b|"
    r"(?:^|[,;]\s*)i (?:didn'?t|didnt|did not)\W*$|"
    # the writer recognises themselves: "I was that director once", "that was me", "i do that too"
    r"\bi was (?:that|the same|one of (?:those|them))\b|\bthat (?:was|is|'s) me\b|\bi do (?:that|it) too\b|"
    r"\b(?:first time i|for the first time)\b|"
    # "I confess I blamed Joaquín", "I don't know why I made the coffee", "I'm not fine"
    r"\bi confess\b|\bi (?:don'?t|do not|dont) know why i\b|\bi'?m not (?:fine|ok|okay|alright)\b|"
    r"\b(?:i'?m|i am|im) not proud\b|\bi (?:really )?should(?: have|'ve|ve| of)\b|"
    # a step not yet taken, owned: "I have not informed the board", "Not raised with finance yet."
    r"\b(?:i )?(?:haven'?t|havent|have not|not yet|still not|not) (?:yet )?(?:informed|raised|sent|mentioned|"
    r"emailed|replied|answered|followed up|spoken to|talked to|rung|called)\b|"
    # the writer's share of it: "postponed twice, both times by me", "I was at the back too"
    r"\b(?:postponed|cancell?ed|canceled|moved|pushed back|delayed|dropped)\b[^.!?]{0,30}\bby me\b|"
    r"\bi (?:was|laughed|did|said nothing|stayed quiet)\b[^.!?]{0,25}\btoo\W*$|"
    # what the writer said, owned as untrue: "I said the screen is dirty. It was not."
    r"[.!?]\s+" + NOT_TRUE_WORDS,
    re.IGNORECASE,
)
# Something about the writer that few know, told: "I am autistic.", "My right hand shakes.",
# "Nobody at work knows.", "I did not tell him I am colour blind".
SELF_TOLD = re.compile(
    r"\bi(?:'m| am|m) (?:autistic|dyslexic|deaf|disabled|diabetic|epileptic|neurodivergent|pregnant|"
    r"colou?r[- ]?blind|partially sighted)\b|"
    r"\b(?:i have|i've got|ive got|i got) (?:parkinson'?s|ms|adhd|dyslexia|autism|epilepsy|diabetes|cancer|"
    r"long covid|arthritis|a stammer|a stutter|tinnitus)\b|"
    r"\bnobody (?:at work|here|in the office|on the team|else) knows\b|"
    r"\bmy (?:right |left )?hands? (?:shakes?|shaking|trembles?|trembling)\b",
    re.IGNORECASE,
)
# Something the writer learnt from someone, a fact that changes the picture: "later the yard bloke
# told me the tatts are for his brother", "Selam showed me … that we use almost twice the chrome".
REVEALED = re.compile(
    r"\b(?:turns? out|turned out|found out)\b|"
    # "learnt something bad. Field officers paying own mobile data since March." (notes.ANNOUNCES)
    r"^(?:i |we )?(?:learnt|learned|heard|discovered|realised|realized|noticed) (?:something|sth|smth)\b|"
    r"\blater\b[^.!?]{0,40}\b(?:told|showed) me\b|"
    r"\b(?:told|showed) me\b[^.!?]{0,50}\bthat (?!is\b|was\b)\w+|"
    r"\btold me (?:the|his|her|their)\b|"
    # the partner's own admission: "he said honestly he was more afraid than me"
    r"\b(?:said|admitted|confessed|told me) (?:honestly |quietly |that )*(?:he|she|they) "
    r"(?:was|were|is|has|had|never|did not|didn'?t)\b|"
    # (the part after "showed me, on the new app," cut from it: "that we use almost twice the chrome")
    r"^that (?:we|they|he|she|it|the|our|his|her|their) \w+",
    re.IGNORECASE,
)
# A point the writer names as one: "the surprise: half of today HE was teaching ME", "One regret: we
# never trained the night crew", "the funny one: I typed 300 boxes".
NAMED_POINT = re.compile(
    r"^\W*(?:\d+[.)]\s*)?(?:the\s+|one\s+|my\s+|biggest\s+|big\s+)?(?:surprise|funny (?:one|part|bit|thing)|"
    r"highlight|low ?light|regret|lesson|worst (?:bit|part|moment|thing)|best (?:bit|part|moment|thing)|"
    r"low point|high point|win|hard (?:bit|part)|tough (?:bit|part))\s*[:\-–]",
    re.IGNORECASE,
)
# Words written in capitals for emphasis: "I LAUGHED TOO", "HE was teaching ME".
EMPHASIS = re.compile(r"\b[A-Z]{2,}\b(?:\W+\b[A-Z]{2,}\b)+|\b(?:HE|SHE|ME|WE|THEY|NOT|NEVER|ALL|HIM|HER)\b")
FIGURE = re.compile(
    r"\b(?:felt|feel|feeling|looked|look|looks|sounded|sounds|was|is|like)\s+like\s+(?!(?:to|that|this|it|"
    r"so|we|i|you)\b)\w+|"
    r"(?<!would )(?<!'d )(?<!d )(?<!to )\blike (?:an?|the|some|my|his|her|their) \w+|"
    r"\bas (?:if|though)\b|"
    # "like Tetris", "like Christmas"
    r"\blike [A-Z][a-z]+\b",
    re.IGNORECASE,
)
# A slip that made the session (often a funny one): "changed the quantity to 40 by mistake",
# "uploaded the photo of my dog instead", "the app was listening to the rooster".
MISHAP = re.compile(
    r"\b(?:by (?:mistake|accident)|accidentally|instead of|by error|oops|whoops|wrong (?:button|photo|file|"
    r"person|one|number|page|group|chat|key)|the wrong|pressed (?:publish|send|delete)|deleted|"
    r"all (?:his|her|my|their) thumb|listening to)\b",
    re.IGNORECASE,
)
# A line that only tells the laughter, after the line that caused it: "we laughed until we cried".
LAUGHTER_ONLY = re.compile(
    r"^\W*(?:and\s+|then\s+|so\s+)?(?:we|everybody|everyone|both of us|all of us|the whole \w+|he|she|they)"
    r"\s+(?:both\s+|all\s+)?(?:laugh\w*|were laughing|cracked up|could(?: not|n'?t) stop laughing)\b",
    re.IGNORECASE,
)
# The writer unsure of their own feeling or next move, or afraid of how it will look: "I do not know
# if to be happy or sad", "i doh know if i should say something or just leave it", "it will look
# like i complain", "maybe afraid it looks amateur".
UNSURE = re.compile(
    r"\b(?:i\s+)?(?:(?:don'?t|do not|dont|doh|didn'?t|did not)\s+know|dunno)\s+(?:if|whether|how)\s+"
    r"(?:to\b|i\b|i'?m\b|im\b|we\b|it\b)|"
    r"\bnot sure (?:if|whether|how) (?:i|to)\b|\bmixed feelings\b|\bhappy or sad\b|"
    r"\b(?:it|that|this) (?:will|would|might|could) look like\b|"
    r"\b(?:afraid|scared|worried|frightened) (?:it|that|i|i'?ll|they|he|she|people)\b",
    re.IGNORECASE,
)
# Two figures set against each other: "I used 14 boards, Kuba's way gave 12", "9 minutes for the
# first batch and 4 for the third", "we got to 40 of maybe 90".
FIGURES = re.compile(r"\b\d+(?:[.,]\d+)?\b[^.!?\n]{1,50}?\b\d+(?:[.,]\d+)?\b")
NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?%?|\b(?:twenty|thirty|forty|fifty|hundred)\w*\b", re.IGNORECASE)
# A line that only names the session, with no one doing anything in it: "Pivot tables with Mrs
# Okafor", "Sessh with Kai on running hybrid meetings", "teams basics w/ dev".
# ... "reels w tomasz round 2", "session 4 excel".
ROUND = r"(?:\s+(?:round|part|pt|take|wk|week|session|sesh|no\.?)\s*#?\d+|\s+#?\d+)?"
LABEL = re.compile(
    r"^(?:(?!(?:i|we|he|she|they|it|my|his|her|our|their)\b)[\w'&/-]+\s+){0,6}(?:with|w/?)\s+"
    r"(?:(?:mrs|mr|ms|dr|miss|prof)\.?\s+)?[\w'-]+(?:\s+[\w'-]+)?"
    # (and who they are: "first meeting with mr adeyemi, head of procurement")
    rf"(?:\s+(?:on|about|re|for)\s+(?:[\w'&/-]+\s*){{1,5}})?(?:,\s*(?:[\w'&/-]+\s*){{1,4}})?{ROUND}\W*$|"
    r"^(?:session|sesh|sessh|meeting|mtg|week|wk)\s*#?\d+\s+(?:[\w'&/-]+\s*){1,4}\W*$",
    re.IGNORECASE,
)
DOING = re.compile(
    r"\b(?:\w+ed|did|got|went|made|said|told|showed|put|ran|took|gave|saw|sat|met|set|built|had|was|were|"
    r"is|are|kept|felt|found|began|came|left|lost|broke|wrote|spoke|thought|knew)\b",
    re.IGNORECASE,
)

WEIGHTS = {
    "admission": 2.0, "named": 1.5, "figure": 1.5, "revealed": 1.5, "self": 1.5, "quoted": 1.0,
    "feeling": 1.0, "emphasis": 1.0, "outcome": 1.0, "number": 0.5, "mishap": 1.5, "laughter_only": -1.0,
    "unsure": 1.5, "figures": 1.0,
}  # fmt: skip
LABEL_SCORE = -3.0


def is_label(text: str) -> bool:
    """The line only names the session (LABEL), nobody doing anything in it (DOING)."""
    return LABEL.match(text.strip()) is not None and DOING.search(text) is None


def salience(clause: Clause) -> float:
    """How much the line stands out (module docstring)."""
    text = clause.text
    if is_label(text):
        return LABEL_SCORE
    own = own_words(text.lower())
    cues = {
        "admission": ADMISSION.search(own) is not None,
        "named": NAMED_POINT.match(text) is not None,
        "figure": FIGURE.search(text) is not None,
        "revealed": REVEALED.search(text) is not None,
        "self": SELF_TOLD.search(own) is not None,
        # (the outcome of a practice, not a feeling about it: "after he called 14 trucks by himself,
        # very proud of himself" is the feeling's line)
        "outcome": clause.kind in ("happened", "well") and OUTCOME.search(text) is not None,
        "emphasis": EMPHASIS.search(own_emphasis(text)) is not None,
        "quoted": QUOTED.search(text) is not None,
        "feeling": (re.search(STRONG, own) is not None or re.search(HARD, own) is not None)
        and NOBODY_HARSH.match(own) is None,
        "number": NUMBER.search(text) is not None,
        "unsure": UNSURE.search(own) is not None,
        "figures": FIGURES.search(own) is not None,
        "mishap": MISHAP.search(own) is not None,
        # (the slip before it is what a reader remembers: "uploaded the photo of my dog Bacho")
        "laughter_only": LAUGHTER_ONLY.match(text) is not None and MISHAP.search(own) is None,
    }
    return sum(WEIGHTS[name] for name, found in cues.items() if found)


def own_emphasis(text: str) -> str:
    """The text without what someone said, where capitals may be a name ("TEST TEST") or a shout of
    theirs; "I" alone at the start is no emphasis."""
    return re.sub(r"[\"“][^\"”]*[\"”]", " ", text)


def by_salience(clauses: list[Clause]) -> list[Clause]:
    """The clauses, the most salient first; the notes' order breaks ties."""
    return sorted(clauses, key=lambda clause: -salience(clause))
