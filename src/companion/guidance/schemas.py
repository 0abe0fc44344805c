"""Requests and answers of the four guidance kinds (shared by both providers, the API and the CLI)."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from companion.citations import Citation

# At least one character that is not a space, and two for a topic (a pattern, so that OpenAPI states
# what the stripping implies: "\n" is no goal). "Space" as the stripping reads it, which is more than
# a JSON Schema (ECMAScript) "\s": NEL (\x85) too, so an action item of "\x85" is refused by the
# schema, not accepted by it and then refused as empty.
NOT_SPACE = r"[^\s\x85]"
ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300, pattern=NOT_SPACE)
]
Topic = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=2, max_length=200, pattern=rf"{NOT_SPACE}[\s\S]*{NOT_SPACE}"
    ),
]
Notes = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
# A topic that names the stage of the relationship rather than a subject.
FIRST_MEETING = re.compile(
    # ("our first mentoring chat", "first reverse mentoring meeting", "first rm session")
    r"\b((first|1st|initial|opening|inaugural)( (ever|proper|real|official|actual))?"
    r"( (reverse[- ])?(mentoring|mentorship|rm))? "
    r"(meeting|mtg|meet(?:[- ]?up)?\b|session|sesh|time|chat|call|coffee|conversation|convo|1:1|1-1|121|"
    r"one[- ]to[- ]one|catch[- ]?up|"
    r"get[- ]together|sit[- ]?down)|first ever(?=\s*(?:[.,;:!?)]|$))|getting to know|get to know|"
    r"intro(duction)?s?\b|"
    # ("questions to kick off a session on deepfakes" starts a session, not the pairing)
    r"intro (chat|call|meeting)|kick[- ]?off(?! (a|the|this|our|my|next|today'?s) (\w+ )?"
    r"(session|sesh|meeting|chat|conversation|discussion) (on|about|abt|re|around)\b)|meet (n|and|&) greet|"
    r"(meet|meeting|see|seeing) (him |her |them |each other )?for the (first|1st) time|"
    # "an apprentice at the water company, paired with our chief exec" (not "since i was paired with…")
    r"(?<!since )(?<!since i was )(?<!since we were )(?<!when i was )(?<!when we were )(?<!months )"
    r"(?<!weeks )\bpaired (up )?with (our|my|the|a|an)\b(?! (first|last|second|third|next)\b)|"
    # "I shall shortly meet my reverse mentor", "about to meet my new mentee"
    r"(shortly|soon|about to|due to|going to|will|shall|'ll) (soon |shortly )?meet (my|our) (new )?"
    r"(reverse[- ])?(mentor|mentee)|"
    r"(haven'?t|have not|never) (actually |properly )?(met|spoken|talked|been introduced)|"
    r"(starting|start|begin|beginning) (the|our) (programme|program|scheme|mentoring)|"
    r"(session|meeting|mtg|sesh) (one|1)\b|(just|newly) (been |got |gotten )?(paired|matched)|first one\b|"
    r"new (pairing|match|mentee|mentor|reverse mentor)\b|(been|got|just) (paired|matched) (up )?with|"
    # "Pairs were announced today: I'm matched with a cyber security analyst"
    r"(i'?m|im|i am|we'?re|we are) (now )?(paired|matched) (up )?with\b|"
    r"(pairs|pairings|matches) (were|have been|are|got) (announced|out|published))",
    re.IGNORECASE,
)
LAST_SESSION = re.compile(
    r"\b((last|final|closing|concluding)( (reverse[- ])?(mentoring|mentorship|rm))? "
    r"(meeting|mtg|meet(?:[- ]?up)?\b|session|sesh|catch[- ]?up|chat|call|slot|"
    r"121|1:1|1-1|one[- ]to[- ]one|conversation|convo|get[- ]together|sit[- ]?down)|"
    # "how should I close it?", "how do I end this well?"
    r"how (?:should|do|can|would|shall) (?:i|we) (?:close|end|wrap up|finish) (?:it|this|things|our \w+)\b|"
    r"wrap(ping)?[- ]?up|ending (the|our)|end of (the |our )?(programme|program|pairing|mentoring|scheme)|"
    r"(programme|program|scheme|mentoring|pairing) (ends|finishes|wraps|closes|is ending|is finishing|"
    r"finishing)|(last|final) time we meet\b|saying goodbye|"
    # ("the final one is ok i guess" is the last of nine takes, not the last session)
    r"(last|final) one\b(?! (is|was|looks|looked|came|turned|worked|version|take|draft|attempt|go|"
    r"we (made|did|tried|filmed|wrote))\b)|"
    # "ending session", "session 10 of 10", "8th and last", "our last ever meeting"
    r"ending (session|meeting|sesh|chat|call)|(session|sesh|meeting|mtg) (?P<n>\d+) ?(of|/) ?(?P=n)\b|"
    r"(and|&) (last|final)\b|(last|final) (ever|proper|official) (meeting|session|sesh|chat|call)|"
    r"wind(ing)? (it )?(down|up)|finishing up|farewell|"
    # "programme's over after this one", "wrapping things up w my mentee"
    r"(programme|program|scheme|mentoring|pairing)('s| is) (over|ending|finishing)|"
    r"wrap(ping)? (things|it|everything|this)( all)? up|over after this (one|session|week)|"
    # "our last session, he's been lovely, want to end on a high"
    # (not "the session didn't end well")
    r"end(ing)? (it |things |the programme |the mentoring |the pairing )?on a high|"
    r"end(ing)? (things|the programme|the mentoring|the pairing) (well|nicely|properly)|"
    r"finish(ing)? on a high|"
    # "an appropriate way to conclude my reverse mentoring with a graduate"
    r"conclud(e|ing) (the|our|my) (reverse[- ])?(mentoring|mentorship|programme|program|pairing|sessions))",
    re.IGNORECASE,
)
# "last session" told as the one before this ("last session got a bit tense", "since our last
# session", "better than last session"), not the pair's final one.
PREVIOUS_SESSION = re.compile(
    r"\b(?:(?:in|at|during|since|from|than|like|after) (?:our |the |my |that )?(?:very )?"
    r"last (?:session|sesh|meeting|mtg|catch[- ]?up|call|chat|1:1|one[- ]to[- ]one)\b"
    r"|last (?:session|sesh|meeting|mtg|catch[- ]?up|call|chat)\b,? (?:got|went|was|wasn'?t|felt|ended|ran|"
    # ("our last session, we've done 6 months on AI tools" looks back on the programme)
    r"turned|did|didn'?t|we(?!'ve| have)|i(?!'ve| have)|my|left|took|overran)\b"
    # ... but "last session, he retires in march" names the one to come
    r"|last (?:session|sesh|meeting|mtg|catch[- ]?up|call|chat)\b,? (?:he|she|they|it)\b"
    r"(?!'s|'ll|\s+(?:will|is|are|(?!was\b)\w+s)\b))",
    re.IGNORECASE,
)


def says_last_session(text: str) -> bool:
    """The text names the pair's last session ("final session next week", "our last session is on
    Friday"), not merely the one before ("last session got tense")."""
    return LAST_SESSION.search(PREVIOUS_SESSION.sub(" ", text)) is not None


Challenge = Literal[
    "resistance",
    "communication",
    "time",
    "pairing-fit",
    "expectations",
    "generational-bias",
    "disclosure",
    "safeguarding",
    "out-of-scope",
]
# What a client may send as a hint: the situations, and "other", the earlier name of out-of-scope.
ChallengeHint = Literal[Challenge, "other"]
Likelihood = Literal["likely", "possibly"]
Role = Literal["mentor", "mentee"]
# Who asks for coaching: either side of the pair, or the programme team about a pair or the cohort.
CoachingRole = Literal["mentor", "mentee", "programme"]


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PreviousSession(Request):
    topic: Topic
    notes: Notes | None = None
    held_on: str | None = Field(default=None, max_length=20, description="When, as the pair's record says.")


class OpenAction(Request):
    """An action item still open from an earlier session: the follow-up names it."""

    text: ShortText
    owner: Literal["mentor", "mentee", "both"] = "mentee"
    session_number: int | None = Field(default=None, ge=1, le=100)


class AgendaRequest(Request):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "topic": "Using AI assistants safely for first drafts",
                    "minutes": 45,
                    "session_number": 2,
                    "mentee_role": "finance director",
                    "goals": ["draft a board summary with an AI assistant"],
                    "talking_points": ["what not to paste into a chatbot"],
                }
            ]
        },
    )

    topic: Topic = Field(description="What the session is about, in the mentor's words.")
    minutes: int = Field(ge=15, le=240, description="Length of the session; the segments add up to it.")
    session_number: int = Field(default=1, ge=1, le=100, description="1 for the first meeting.")
    total_sessions: int | None = Field(
        default=None,
        ge=1,
        le=100,
        description="Planned sessions; when equal to session_number, a closing plan.",
    )
    mentee_role: ShortText | None = Field(default=None, description="e.g. 'finance director'.")
    goals: list[ShortText] = Field(default_factory=list, max_length=10)
    talking_points: list[ShortText] = Field(default_factory=list, max_length=10)
    previous_sessions: list[PreviousSession] = Field(default_factory=list, max_length=20)
    open_actions: list[OpenAction] = Field(
        default_factory=list,
        max_length=20,
        description="Action items still open; the review follows them up.",
    )
    avoid_starters: list[Annotated[str, StringConstraints(max_length=300)]] = Field(
        default_factory=list, max_length=100, description="Starters already used with this pair."
    )
    pair_id: Annotated[str, StringConstraints(max_length=64)] | None = None

    @property
    def topic_is_subject(self) -> bool:
        """Whether the topic names a subject ("Gen Z at work") rather than the stage itself
        ("our last session", "first meeting")."""
        return not (FIRST_MEETING.search(self.topic) or says_last_session(self.topic))

    @property
    def stage(self) -> Literal["first", "middle", "closing"]:
        """The stage the topic names ("last session with my mentee…"), as starters and reflections
        read it; else the session's number and the total."""
        if says_last_session(self.topic) and not FIRST_MEETING.search(self.topic):
            return "closing"
        if self.session_number == 1:
            return "first"
        if self.total_sessions is not None and self.session_number >= self.total_sessions:
            return "closing"
        return "middle"


class StartersRequest(Request):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"topic": "hybrid work", "count": 5, "audience": "mentor"}]},
    )

    topic: Topic
    count: int = Field(default=5, ge=1, le=20)
    audience: Role | None = None
    exclude: list[Annotated[str, StringConstraints(max_length=300)]] = Field(
        default_factory=list,
        max_length=50,
        description="Starters already shown ('More starters'): never returned again, nor near-copies.",
    )


class CoachingRequest(Request):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"situation": "My mentee keeps cancelling at the last minute.", "role": "mentor"}]
        },
    )

    situation: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=4000)]
    role: CoachingRole | None = Field(
        default=None,
        description="Who is asking: 'mentor' (the junior side, the default), 'mentee' (the senior side) or "
        "'programme' (the programme team, about a pair or the cohort).",
    )
    challenge: ChallengeHint | None = Field(
        default=None,
        description="Optional: what the person thinks the situation is. It breaks a near tie, never "
        "the safety route. 'other' is accepted as the earlier name of 'out-of-scope'.",
    )


class ReflectionRequest(Request):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"topic": "short-form video", "notes": "I felt out of my depth at first.", "count": 4}
            ]
        },
    )

    topic: Topic
    notes: Notes | None = None
    count: int = Field(default=6, ge=1, le=20)
    role: Role = Field(
        default="mentee",
        description="Whose reflection: the mentee's or the mentor's. When not given, notes that speak of "
        "'my mentee' are the mentor's, otherwise the mentee's.",
    )
    notes_by: Literal["me", "pair"] = Field(
        default="me",
        description="Who wrote the notes: the person reflecting ('me'), or the pair's shared session "
        "record ('pair'), which prompts quote as the session notes rather than as 'You wrote'.",
    )

    @model_validator(mode="before")
    @classmethod
    def role_from_notes(cls, data: Any) -> Any:
        """Notes about "my mentee" were written by the mentor: their prompts, not the mentee's."""
        if not isinstance(data, dict) or data.get("role") is not None:
            return data
        notes = data.get("notes")
        if isinstance(notes, str) and WRITER_IS_MENTOR.search(notes) and not WRITER_IS_MENTEE.search(notes):
            return {**data, "role": "mentor"}
        return data


WRITER_IS_MENTOR = re.compile(r"\bmy (?:reverse )?mentee\b", re.IGNORECASE)
WRITER_IS_MENTEE = re.compile(r"\bmy (?:reverse )?mentor\b", re.IGNORECASE)


class Grounding(BaseModel):
    """How far an LLM answer's lines are supported by the passages they cite (the grounding check)."""

    threshold: float = Field(description="The least similarity to a passage that counts as support.")
    checked: int = 0
    supported: int = 0
    rate: float = Field(default=1.0, description="supported / checked.")
    dropped: list[str] = Field(default_factory=list, description="Unsupported lines removed.")


class Answer(BaseModel):
    citations: list[Citation] = Field(default_factory=list)
    provider: str = "offline"
    degraded: bool = False
    degraded_reason: str | None = None
    grounding: Grounding | None = Field(
        default=None, description="LLM answers only: the grounding check of their lines."
    )

    def referenced_ids(self) -> set[str]:
        """Every chunk id that the body of the answer cites (segments, starters, prompts)."""
        found: set[str] = set()
        for value in self.model_dump().values():
            if isinstance(value, list):
                for element in value:
                    if isinstance(element, dict):
                        found.update(element.get("citations", []) or [])
        return found


class Segment(BaseModel):
    title: str
    minutes: int = Field(ge=1)
    activities: list[str]
    citations: list[str] = Field(default_factory=list)


Coverage = Literal["covered", "not_covered"]


class Agenda(Answer):
    title: str
    minutes: int
    spare_minutes: int = Field(
        default=0, ge=0, description="Minutes kept unplanned at the end; the segments add up to the rest."
    )
    coverage: Coverage = Field(
        default="covered",
        description="'covered' when the knowledge base has a module on the topic (see module), "
        "'not_covered' when it has none and the plan is the general practice structure.",
    )
    module: str | None = Field(default=None, description="The id of the module the topic matched.")
    module_title: str | None = None
    coverage_note: str | None = Field(
        default=None,
        description="For a topic no module covers: what the plan is built from instead, in words.",
    )
    objectives: list[str]
    segments: list[Segment]
    starters: list[str]
    follow_ups: list[str]
    from_record: list[str] = Field(
        default_factory=list,
        description="What this plan took from the pair's record (goals, last notes, open actions), "
        "so that the mentor can see why an item is there.",
    )


class Starter(BaseModel):
    text: str
    purpose: str
    citations: list[str] = Field(default_factory=list)


class Starters(Answer):
    starters: list[Starter]


class Coaching(Answer):
    challenge: Challenge = Field(description="The situation this most likely is.")
    also: Challenge | None = Field(
        default=None, description="A second situation the message possibly describes too."
    )
    likelihood: Likelihood = Field(
        default="likely", description="'possibly' when the reading is uncertain: words people see."
    )
    confidence: float = Field(ge=0, le=1, description="The classifier's score, for machines.")
    kind: str | None = Field(
        default=None,
        description="What kind of safeguarding matter (at-risk, harassment, child, exploitation...), "
        "disclosure (conflict, "
        "inside-information...) or request outside mentoring (fact, money...) it is, when read.",
    )
    safety: bool = Field(
        default=False,
        description="A safeguarding or disclosure situation: act_now comes first, no skills tips.",
    )
    diagnosis: str
    act_now: list[str] = Field(
        default_factory=list, description="Safety situations: what to do now, in order."
    )
    confidentiality: list[str] = Field(
        default_factory=list, description="Safety situations: what confidentiality does and does not cover."
    )
    support: list[str] = Field(
        default_factory=list, description="Safety situations: support for the person writing."
    )
    strategies: list[str]
    scripts: list[str]
    escalate_when: list[str]


class ReflectionPrompt(BaseModel):
    text: str
    stage: str = Field(description="The framework's stage, as a tag (for machines).")
    stage_label: str = Field(default="", description="The stage as people read it: 'Feelings', 'So what?'.")
    framework: str
    citations: list[str] = Field(default_factory=list)


class Reflections(Answer):
    title: str = Field(default="", description="What this set of prompts is for, in words.")
    prompts: list[ReflectionPrompt]
