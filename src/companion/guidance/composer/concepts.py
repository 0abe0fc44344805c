"""What a coaching message and a line of advice are about, read from the words people use for it.

Sentence embeddings weigh the shape of a sentence as much as its subject: "my mentee reschedules
every single time, 4 times now" read closer to advice about a slot at the wrong time of day than to
"agree a simple cancellation rule", which shares no word with it. A short list of concepts, each
with the words people and the guides use for it ("reschedules", "cancels", "keeps moving it",
"something came up"), lets a line of advice about the same thing as the message rank first. The
lists must stay explainable: each is a handful of words anyone would recognise.
"""

from __future__ import annotations

import re

CONCEPTS = {
    "cancelling": r"\b(?:cancel\w*|reschedul\w*|re-schedul\w*|postpon\w*|"
    r"(?:moved?|moving|moves|push(?:es|ed)?) (?:it|the (?:session|meeting|slot)|"
    r"our (?:session|meeting|slot))|something (?:always )?(?:came|comes) up|no[- ]shows?|"
    r"(?:didn'?t|did not|doesn'?t|never) (?:turn|show) up|pulls? out)\b",
    "lateness": r"\b(?:late|lateness|arriv\w* late|turn\w* up late|start\w* late)\b",
    "phones": r"\b(?:phones?|notifications?|emails? during|checking (?:his|her|their) (?:email|inbox))\b",
    "time zones": r"\b(?:time ?zones?|overlap|different countr\w*|(?:us|uk|asia|india) time)\b",
    "set-up": r"\b(?:set-?up|laptops?|wi-?fi|logins?|log in|screens? (?:share|sharing)|"
    r"tech (?:issues|problems))\b",
    "length": r"\b(?:too long|too much|(?:\d|two|three) ?(?:hours?|hrs?)|run out of (?:things|stuff|topics)|"
    r"shorter|length|how long|drag\w*|thirty minutes|half an hour)\b",
    "gap": r"\b(?:weeks|months|haven'?t met|not met|stopped meeting|lapsed|gap|restart|pick up again|"
    r"(?:met|meet) (?:once|only once|twice))\b",
    "health": r"\b(?:sick|illness|ill\b|off work|hospital|health|unwell|surgery)\b",
    "assistant": r"\b(?:assistant|pa\b|diary|secretary|exec support)\b",
    "jargon": r"\b(?:jargon|acronyms?|abbreviations?|slang|too fast|talks? (?:so |really )?fast|lost me|"
    r"confus\w*|don'?t understand|technical (?:words|terms))\b",
    "lecture": r"\b(?:lectur\w*|monologue|does (?:all|most) (?:of )?the talking|talks? (?:the whole time|"
    r"non-?stop|over)|can'?t get a word in|interrupt\w*)\b",
    "homework": r"\b(?:homework|between[- ]session|tasks? (?:between|after)|practi[cs]e between|"
    r"(?:hasn'?t|haven'?t|didn'?t|never) (?:done|tried|practi[cs]ed)|actions? (?:never|not) done)\b",
    "dismissing": r"\b(?:tried that|brush\w* (?:it|them|ideas?|me) off|dismiss\w*|"
    r"waves? (?:it|them) (?:off|away)|"
    r"not for (?:me|people like me|my generation)|fad|waste of time|pointless|sceptic\w*|skeptic\w*)\b",
    "doing the work": r"\b(?:do (?:his|her|their|my) (?:work|slides|job|report|spreadsheet)s?|"
    r"(?:fix|fixing) (?:his|her|their|my) (?:laptop|phone|printer|computer|outlook)|help ?desk|it support|"
    r"favours?|errands?|(?:make|build|write) (?:the|his|her|their) \w+ for (?:him|her|them))\b",
    "career help": r"\b(?:promotion|sponsor\w*|career|job (?:hunt\w*|move)|reference|"
    r"introduc\w* (?:me|him|her) to|network\w*)\b",
    "age": r"\b(?:age|young\w*|old(?:er)?|generation\w*|gen ?z|millennials?|boomers?|kids?|daughter'?s age|"
    r"son'?s age|snowflakes?)\b",
    "feedback": r"\b(?:feedback|criticis\w*|critique|tell (?:him|her|them) (?:that|they)|honest(?:y|ly)? "
    r"(?:with|about))\b",
    "screen": r"\b(?:on screen|video|teams calls?|zoom|remote(?:ly)?|different sites?|in person|"
    r"face to face|camera)\b",
    "awkward": r"\b(?:awkward\w*|silences?|stilted|dread\w*|don'?t click|no chemistry|nothing in common|"
    r"forced)\b",
    "goals": r"\b(?:goals?|purpose|what (?:it'?s|the programme is) for|no direction|aimless|pointless chats?|"
    r"objectives?)\b",
    # something that goes on after it was raised: "keeps telling his mentor…, she's reported it twice"
    "persisting": r"\b(?:keeps|kept on|again|twice|three times|\d+ times|repeatedly|after being raised|"
    r"go(?:es)? on after|reported it|still (?:does|doing|happening))\b",
    # what the sessions cover, steered: "she keeps showing me tiktok trends but i want to learn power bi"
    "what to cover": r"\b(?:i want(?:ed)? to (?:learn|cover|work on|focus on)|"
    r"what (?:i|you|we) (?:want|need) to (?:learn|cover)|what to cover|what you want to cover|steer\w*|"
    r"agenda|for (?:my|your) (?:actual|real) job|success would look like)\b",
    # what was learnt not lasting: "nothing sticks, i forget everything by the next week"
    "retention": r"\b(?:nothing sticks|(?:doesn'?t|does not|didn'?t) stick|forget\w*|forgot|recap|"
    r"hold on to|go over the same|same steps)\b",
    "line manager": r"\b(?:line manager|my manager|my boss|workload|objectives|recognised)\b",
}
COMPILED = {name: re.compile(words, re.IGNORECASE) for name, words in CONCEPTS.items()}


def concepts(text: str) -> set[str]:
    """The concepts a text speaks of (CONCEPTS)."""
    return {name for name, words in COMPILED.items() if words.search(text)}
