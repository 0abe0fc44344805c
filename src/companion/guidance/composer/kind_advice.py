"""The guide's advice for each kind of disclosure and each kind of request outside reverse
mentoring (guidance/kinds.py reads the kind), found by the bold lead it is written under.

The leads are the guides' own words: a test checks that each one is still in the knowledge base.
"""

from __future__ import annotations

from typing import TypeVar

from companion.text import plain

T = TypeVar("T")

# The disclosure guide's advice for the writer's side, per kind.
DISCLOSURE_LEADS = {
    "mentor": {
        "affects-own": "If what you were told affects your own job",
        "wrongdoing": "If your mentee tells you about wrongdoing",
        "asks-about-colleague": "If your mentee asks you about a colleague",
        "personal-crisis": "If your mentee shares a personal crisis",
        "health": "If your mentee tells you about their own health",
        "conflict": "If your mentee will decide something about you",
        "passed-on": "If your mentee passes on what you told them",
        "let-slip": "If you passed on something your mentee told you",
        "inside-information": "If you are told something that could move a share price",
        "data-breach": "If personal data has gone where it should not",
        "hardship": "If your mentee tells you they are struggling for money",
    },
    "mentee": {
        "asks-about-colleague": "Do not ask your mentor about your own team",
        "overshared": "If you have overshared",
        "inside-information": "If you have mentioned something price-sensitive",
        "passed-on": "If your mentor passes on what you said",
        "let-slip": "If you passed on something your mentor told you",
        "wrongdoing": "If your mentor reports fraud",
        "personal-crisis": "When your mentor confides in you",
        "health": "If your mentor tells you about their own health",
        "conflict": "If a decision you make involves your mentor",
        "data-breach": "If personal data has gone where it should not",
        "hardship": "If your mentor tells you they are struggling for money",
    },
}
# The mentee's side when the mentor told them (composer.actor.partner_told), where it differs.
TOLD_BY_PARTNER_LEADS = {
    "mentee": {"inside-information": "If your mentor tells you something price-sensitive"},
}
# ... and in the safeguarding guide, when the partner told the writer of someone else's behaviour
# towards them (composer.actor.about_someone_else), of any kind but someone at risk: the advice for
# a concern brought ("my mentee told me in confidence that his manager mocks his accent"), not "if
# your mentor seems to be in distress" with its emergency numbers.
CONCERN_BROUGHT = {
    "mentee": "When your mentor brings you a concern",
    "mentor": "When your mentee brings you a concern",
}
# ... and in the safeguarding guide, for the writer the behaviour was aimed at: "he keeps touching my
# shoulder and calling me sweetheart" is met with "trust what you noticed", not with the advice
# for a mentee in distress that the closest words drew.
SAFEGUARDING_LEADS = {
    "mentor": {"harassment": "Trust what you noticed", "discrimination": "Trust what you noticed"},
}
# The guide's advice for a partner in distress, which fits only a message that tells of distress.
DISTRESS_LEADS = ("If your mentee seems to be in distress", "If your mentor seems to be in distress")
# The safeguarding guide's first steps for a concern about the partner's own behaviour, which a
# concern about someone else does not call for: the pair goes on meeting.
PARTNER_CONDUCT_STEPS = ("Stop.", "Pause one-to-one meetings")
# What the opening calls each kind of disclosure ("This sounds like a conflict of interest...").
DISCLOSURE_NAMES = {
    "affects-own": "confidential news that affects you or people close to you",
    "wrongdoing": "a report of wrongdoing, which belongs with the speak-up route",
    "asks-about-colleague": "a question about colleagues that mentoring should not answer",
    "personal-crisis": "a personal crisis shared in confidence",
    "health": "a confidential disclosure about your partner's health",
    "conflict": "a conflict of interest, which needs declaring",
    "passed-on": "a confidence that was passed on",
    "overshared": "something said in a session that should not have been",
    "let-slip": "a confidence of your partner's that you passed on, which is yours to own",
    "inside-information": "inside information, which is a legal matter",
    "data-breach": "personal data that went where it should not, a possible data breach",
    "hardship": "money worries shared in confidence",
}
# The disclosure guide's general step for news that was not the teller's to share, and the kinds
# that are the teller's own news ("signed off with anxiety", "being made redundant in jan",
# "skipping meals till payday"), which it does not fit.
SHARED_CHECK = "Check whether it should have been shared"
OWN_NEWS = frozenset({"health", "personal-crisis", "hardship"})
# Where each kind of request outside reverse mentoring belongs: questions-to-take-elsewhere.
REQUEST_LEADS = {
    "fact": "A bet or a disagreement about a fact",
    "do-work": "A request to do the work itself",
    "legal": "A legal or employment question",
    "medical": "A medical or medication question",
    "money": "A tax, pension or investment question",
    "people-data": "Code or data that collects information about people",
    "personal-task": "Homework, translation, recipes",
    "how-to": "A how-to question about an app or a device",
    "injection": "Instructions tucked inside a message",
}


def under_lead(lines: list[tuple[str, T]], lead: str | None) -> list[tuple[str, T]]:
    """The line written under `lead` (its first one), or none."""
    if not lead:
        return []
    found = [(text, chunk) for text, chunk in lines if plain(text).lstrip("- ").startswith(lead)]
    return found[:1]
