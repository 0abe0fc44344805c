"""The controlled vocabularies of the knowledge base (see knowledge/README.md)."""

from typing import Literal, get_args

Kind = Literal[
    "principle",
    "guide",
    "playbook",
    "session",
    "topic",
    "starters",
    "reflection",
    "measurement",
    "case-study",
]
Audience = Literal["mentor", "mentee", "admin"]
KINDS: tuple[str, ...] = get_args(Kind)
AUDIENCES: tuple[str, ...] = get_args(Audience)
TOPICS = (
    "reverse-mentoring",
    "any-skill",  # starters for a skill no topic module covers
    "history",
    "principles",
    "leadership-support",
    "objectives",
    "pairing",
    "training",
    "ground-rules",
    "confidentiality",
    "psychological-safety",
    "monitoring",
    "closing",
    "re-engagement",
    "session-design",
    "formats",
    "coaching",
    "generative-ai",
    "social-media",
    "short-form-video",
    "accessibility",
    "online-reputation",
    "collaboration-tools",
    "data-analytics",
    "spreadsheets",
    "cybersecurity",
    "visual-design",
    "messaging-apps",
    "meetings",
    "hybrid-work",
    "younger-generations",
    "inclusion",
    "reflection",
    "measurement",
    "surveys",
    "feedback-themes",
    "evidence",
    "data-protection",
    "safeguarding",
    "speak-up",
    "frontline-staff",
    "neurodiversity",
    "cross-cultural",
    "mentor-selection",
    "reciprocal-mentoring",
    "benefits",
)
CHALLENGES = (
    "resistance",
    "communication",
    "time",
    "generational-bias",
    "expectations",
    "pairing-fit",
    "disclosure",
    "safeguarding",
)
STARTER_PURPOSES = ("icebreaker", "deepen", "challenge-assumption", "reverse-the-lens")
STARTER_STAGES = ("first", "early", "middle", "closing", "any", "learning")
# What a reflection prompt is about, when it is about one thing: a tool's output, posting in
# public, or the relationship across the power gap. The composer offers such a prompt only when the
# notes speak of that thing; a prompt without the tag fits any session.
# `notes-…` prompts follow a line quoted from the person's notes, by what the line says
# (guidance/composer/reflections.py); the others are about what the session was about.
NOTES_ENDING = "notes-ending"  # a follow-up for any line of a last session's notes
NOTES_FELT_OTHER = "notes-felt-other"  # ... for a feeling of the partner's ("he was embarrassed")
NOTES_DOUBT = "notes-doubt"  # ... for a doubt the partner will follow through ("not sure he'll do it")
NOTES_DECIDING = "notes-deciding"  # ... for a choice left open ("I havent decided whether to name people")
NOTES_FOLLOW_UPS = (
    "notes-any", "notes-happened", "notes-felt", "notes-wrong", "notes-well", "notes-next", "notes-learnt",
    NOTES_ENDING,
    NOTES_FELT_OTHER, "notes-unkept", "notes-wondering", NOTES_DECIDING, NOTES_DOUBT,
)  # fmt: skip
REFLECTION_ABOUT = ("tool", "posting", "relationship", "ending", *NOTES_FOLLOW_UPS)
FRAMEWORK_STAGES: dict[str, tuple[str, ...]] = {
    "kolb": (
        "concrete-experience",
        "reflective-observation",
        "abstract-conceptualisation",
        "active-experimentation",
    ),
    "gibbs": ("description", "feelings", "evaluation", "analysis", "conclusion", "action-plan"),
    "what-so-what-now-what": ("what", "so-what", "now-what"),
}


class Heading:
    """Section headings that the code reads by name (the articles' `##` headings)."""

    OVERVIEW = "What is going on"
    SIGNS = "Signs"
    AT_RISK_SIGNS = "Signs that someone may be at risk"  # the safeguarding guide's second list
    LIKELY_CAUSES = "Likely causes"
    MENTOR_STRATEGIES = "Strategies for the mentor"
    MENTEE_STRATEGIES = "Strategies for the mentee"
    WORDS_TO_SAY = "Words to say"
    ESCALATION = "When to involve the programme team"
    LEARNING_OBJECTIVES = "Learning objectives"
    PRACTICE_ACTIVITY = "Practice activity"
    COMMON_PITFALLS = "Common pitfalls"
    FOLLOW_UPS = "Follow-ups"
    SUGGESTED_FLOW = "Suggested flow"
    AFTER_THE_SESSION = "After the session"
    PLAN_GOES_WRONG = "When the plan goes wrong"
    SUMMARY = "Summary"
    # the safety guides (safeguarding-in-a-pair, disclosures-and-confidentiality)
    WHAT_TO_DO_FIRST = "What to do first"
    WHAT_TO_DO_AT_RISK = "What to do first when someone may be at risk"
    WRITER_AT_RISK = "If you are the one at risk"  # the safeguarding guide's steps for the writer
    SOMEONE_ELSE_IN_DANGER = "When what you hear puts someone else in danger"  # someone outside the pair
    CONFIDENTIALITY = "What confidentiality covers and what it does not"
    WHO_TO_CONTACT = "Who to contact"
    SUPPORT = "Support for the person who raised it"
    ELSEWHERE = "Where each kind of question belongs"  # requests outside reverse mentoring
    FACT_CHECKING = "Turning a disagreement about a fact into practice"

    @staticmethod
    def if_you_are(role: str) -> str:
        return f"If you are the {role}"

    PROGRAMME_TEAM_DOES = "What the programme team does"  # the safeguarding guide's steps for the team

    @staticmethod
    def strategies_for(role: str) -> str:
        """ "Strategies for the mentor"; for the programme team ("programme"), "… the programme team"."""
        return f"Strategies for the {'programme team' if role == 'programme' else role}"


REQUIRED_SECTIONS: dict[str, tuple[str, ...]] = {
    "playbook": (
        Heading.SIGNS,
        Heading.LIKELY_CAUSES,
        Heading.MENTOR_STRATEGIES,
        Heading.MENTEE_STRATEGIES,
        Heading.WORDS_TO_SAY,
        Heading.ESCALATION,
    ),
    "topic": (Heading.LEARNING_OBJECTIVES, Heading.PRACTICE_ACTIVITY, Heading.COMMON_PITFALLS),
    "session": (Heading.SUGGESTED_FLOW,),
}
# Kinds whose articles are collections of tagged one-line items.
ITEM_KINDS = ("starters", "reflection")
