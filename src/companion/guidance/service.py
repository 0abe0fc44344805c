"""The guidance service: retrieve passages, ask a provider, validate and cite, fall back."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Final, TypeVar

from pydantic import BaseModel

from companion.citations import Citation, cite
from companion.config import get_settings
from companion.guidance.classifier import (
    ALSO,
    ARTICLES,
    OUT_OF_SCOPE,
    SAFETY,
    ChallengeClassifier,
    Classification,
    clauses,
)
from companion.guidance.composer.coaching import PROGRAMME, compose_coaching, with_safety_check
from companion.guidance.composer.coverage import issue_said
from companion.guidance.composer.notes import SHORT_NOTES, read_notes
from companion.guidance.composer.reflections import compose_reflections
from companion.guidance.composer.starters import compose_starters, issue_stems
from companion.guidance.composer.topic_words import (
    ASKS_AFTER,
    PARTNER_TEACHES,
    REQUEST_WRAPPER,
    to_partner,
    topic_covered,
    topic_detail,
    topic_focus,
    without_asks,
    without_stage,
)
from companion.guidance.drafts import draft_messages, draft_models
from companion.guidance.grounding import GROUNDING_THRESHOLD, GroundingCheck, user_words
from companion.guidance.hard_moments import HardMomentReader
from companion.guidance.kinds import (
    DISCLOSURE_KINDS,
    HARDSHIP_WORDS,
    KIND_THRESHOLDS,
    REQUEST_KINDS,
    WORDS_OVERRIDE,
    KindReader,
    harm_told_in_confidence,
    kind_from_words,
)
from companion.guidance.llm_answers import (
    agenda_from,
    coaching_from,
    likelihood,
    reflections_from,
    starters_from,
)
from companion.guidance.organisation import local_guidance, with_contacts, with_organisation
from companion.guidance.passages import Passages, article_chunks
from companion.guidance.passing_disclosure import (
    DISCLOSURE_IN_PASSING,
    HARM_UNCONFIRMED,
    NEAR_TIE,
    UNCONFIRMED,
    PassingDisclosureReader,
)
from companion.guidance.passing_harm import HARM_IN_PASSING, PassingHarmReader
from companion.guidance.planner.agenda import compose_agenda
from companion.guidance.planner.topics import Module, TopicMatch, TopicMatcher
from companion.guidance.risk import (
    AT_RISK,
    AT_RISK_ON_DISCLOSURE,
    health_news,
    leaving_a_job,
    minor_concerned,
    safety_kind,
    says_at_risk,
    told_harmless,
    without_idioms,
    writer_at_risk,
)
from companion.guidance.risk import KINDS as SAFETY_KINDS
from companion.guidance.routing import (
    at_risk,
    beside_instructions,
    checked_first,
    clash_then_silence,
    confidence_only,
    hardship,
    harmless_confidence,
    in_distress,
    likeliest_ordinary,
    named_second,
    ordinary_labels,
    ordinary_lead,
    power_gap_honesty,
    serious_in_passing,
    serious_named,
    told_as_disclosure,
)
from companion.guidance.schemas import (
    FIRST_MEETING,
    Agenda,
    AgendaRequest,
    Answer,
    Coaching,
    CoachingRequest,
    ReflectionRequest,
    Reflections,
    Starters,
    StartersRequest,
    says_last_session,
)
from companion.guidance.topic_kind import NEWS_TO_TELL, PAIR, SKILL, SUBJECT, TO_SAY, topic_kind, topic_reader
from companion.kb.defaults import ProgrammeDefaults, load_defaults
from companion.kb.vocabulary import Heading
from companion.llm import LLMFailure, LLMProvider
from companion.programme.settings import Programme
from companion.prompts.loader import phrases
from companion.rag.chunking import Chunk
from companion.rag.retriever import Filters, HybridRetriever

log = logging.getLogger(__name__)
AnswerT = TypeVar("AnswerT", bound=Answer)

GUIDES = {"first": "first-meeting", "middle": "typical-session", "closing": "closing-session"}
PRACTICE_GUIDE = "hands-on-practice-session"  # the main activity for a topic no module covers
CONVERSATION_GUIDE = "conversation-session"  # ... and for a subject no module covers
LISTENING_GUIDE = "listening-session"  # ... and for one the mentee wants to understand, with nothing to say
RELATIONSHIP_STARTERS = "reverse-mentoring"  # the topic tag of the relationship starters
ANY_SKILL_STARTERS = "any-skill"  # starters that take the pair's own topic, for one no module covers
RELATIONSHIP_ARTICLE = "starters-relationship"
# Topic modules about how people experience work rather than a skill to practise: their starter
# about the pair's own words asks about it as a subject, not a skill to practise on a real task.
CONVERSATION_TOPICS = frozenset({"younger-generations", "inclusion"})
# Modules that hold both a skill and a subject ("setting up a hybrid meeting room" and "feeling
# invisible as a junior in a hybrid team"): the topic kind reader says which the topic is.
MIXED_TOPICS = frozenset({"hybrid-work", "accessibility"})
# The relationship starters for a pair whose sessions feel stuck: never beside a skill.
STUCK_STARTERS = "When the sessions feel stuck"
# The kinds of each situation whose kind changes the answer (classify).
KIND_SETS = {"safeguarding": SAFETY_KINDS, "disclosure": DISCLOSURE_KINDS, OUT_OF_SCOPE: REQUEST_KINDS}
# The agenda is the mentor's plan: its starters are the mentor's to ask ("what worries you most
# about onedrive?"), not ones written for either side that take any words as their detail.
AGENDA_ASKER: Final = "mentor"
STARTERS_LOOKED_AT = 120  # more than any one starters file holds
ISSUE_POOL = 60  # the starters a pair's issue is matched against (retrieval's first 20 were too few)
CLOSING_OWN = 8  # a last session with this many starters of its own takes no middle-stage ones
STARTER_STAGES = {
    "first": ("first", "early", "any"),
    "middle": ("middle", "early", "any"),
    "closing": ("closing", "any"),
}
# A topic that speaks of the pair ("from my mentor", "our sessions", "we"): it may be about how
# the sessions go rather than a skill (match_topic).
ABOUT_THE_PAIR = re.compile(
    r"\b(?:my|our)\s+(?:reverse\s+)?(?:mentor|mentee)s?\b|\bour\s+(?:sessions?|meetings?|catch[- ]?ups?)\b|"
    r"\b(?:we|he|she|us)\b",
    re.IGNORECASE,
)
# The partner's habit in the sessions, or how the sessions have become: "mentor keeps using acronyms
# i dont understand", "my mentee (cfo) keeps saying 'we tried that in 2015'", "sessions have become a
# bit of a moan about her team": how the pair gets on, whatever tool is named beside it.
PAIR_HABIT = re.compile(
    r"^(?:(?:my|our)\s+)?(?:reverse\s+)?(?:mentee|mentor)(?:\s*\([^)]*\))?\s+(?:always\s+|still\s+)?"
    r"(?:keeps|kept|keep)\s+(?:on\s+)?(?:saying|using (?:jargon|acronyms|buzzwords)|checking|cancell\w*|"
    r"reschedul\w*|interrupt\w*|talking (?:over|about)|bringing|forgetting|turning up|arriving|going off|"
    r"changing the subject|looking at|answering|taking calls|ignoring|dismissing|brushing|moaning|"
    r"complaining|ranting|venting|"
    r"correcting|deferring|agreeing|doing (?:it|everything|things) for|showing up late|running late|"
    r"being late|skipping|missing|postponing|moving)\b"
    r"|^(?:our\s+|the\s+|my\s+)?(?:sessions?|meetings?|sesh|mentoring)\s+(?:have|has|are|is|keep|feel|felt)\s+"
    r"(?:become|got(?:ten)?|turned into|been|getting|turning into)?\s*"
    r"(?:a bit of\s+|a bit\s+|kind of\s+)?(?:a\s+)?"
    r"(?:moan|rant|vent|drift\w*|off[- ]track|pointless|boring|awkward|stale|repetitive|one[- ]sided|"
    r"therapy|gossip|social)\b"
    # "we always end up talking about his kids' phones instead of his stuff at work"
    r"|^we\s+(?:always\s+|just\s+|often\s+|usually\s+|keep\s+|somehow\s+)?(?:end(?:ing)? up|drift(?:ing)?|"
    r"get(?:ting)? (?:sidetracked|distracted)|go(?:ing)? off (?:on|topic)|never get (?:to|round to))\b",
    re.IGNORECASE,
)
# A starter that speaks of the first meeting as past, which a first meeting cannot ask.
FIRST_AS_PAST = re.compile(
    r"\b(?:walk|walked|came|come) into our first meeting\b|\bat our first meeting\b", re.I
)
# A falling-out between the two, about whatever subject ("we had a row about return to office"):
# about the pair, even when the subject names a module.
PAIR_FELL_OUT = re.compile(
    r"\b(?:we|my (?:reverse )?(?:mentee|mentor) and i|me and my (?:reverse )?(?:mentee|mentor))\s+"
    r"(?:had\s+(?:a|an|our first|a bit of a|a big|a real)\s+"
    r"(?:row|argument|disagreement|clash|falling[- ]out)|"
    r"rowed|argued|disagreed|fell out|clashed|got (?:into it|heated|cross))\b"
    r"|\b(?:row|argument|disagreement|clash|falling[- ]out)\s+with\s+(?:my|our)\s+"
    r"(?:reverse )?(?:mentee|mentor)\b"
    # "last session got a bit tense when i pushed back on her idea of posting daily on linkedin"
    r"|\b(?:session|sesh|meeting|conversation|call|chat|things|it)\s+(?:got|was|felt|went|turned)\s+"
    r"(?:a (?:bit|little) |quite |really |very |pretty |so |kind of |kinda )?"
    r"(?:tense|heated|awkward|frosty|prickly|sour|uncomfortable)\b"
    r"|\b(?:i|she|he|they|my (?:reverse )?(?:mentee|mentor))\s+pushed\s+back\s+on\s+"
    r"(?:her|his|their|my|our)\b",
    re.IGNORECASE,
)
LEARNING_STAGES = ("learning",)  # the relationship starters that sit beside any skill
GUIDANCE = {label: article for article, label in ARTICLES.items()}  # situation -> its article
OUTSIDE_SCOPE_CONTEXT = "what-is-reverse-mentoring"
OUTSIDE_SCOPE_GUIDE = "questions-to-take-elsewhere"  # where each kind of request outside it belongs
TOPIC_SECTIONS = (Heading.LEARNING_OBJECTIVES, Heading.PRACTICE_ACTIVITY, Heading.FOLLOW_UPS)


class GuidanceService:
    """Answers the four kinds of guidance request from the knowledge base.

    With an LLM configured, the LLM writes the answer from the retrieved passages; an invalid
    answer is asked for again up to `retries` times; a timeout, a connection error or repeated
    invalid answers fall back to the offline composer, marked `degraded` with the reason.
    """

    def __init__(
        self,
        retriever: HybridRetriever,
        classifier: ChallengeClassifier | Callable[[], ChallengeClassifier],
        llm: LLMProvider | None = None,
        retries: int = 2,
        defaults: ProgrammeDefaults | None = None,
        programme: Programme | None = None,
        record: Callable[[list[Citation]], None] | None = None,
        grounding_threshold: float = GROUNDING_THRESHOLD,
    ) -> None:
        self.retriever = retriever
        self.embedder = retriever.embedder
        self._classifier = classifier
        self.llm = llm
        self.retries = retries
        self.defaults = defaults or load_defaults(get_settings().knowledge_dir)
        self.programme = programme  # the organisation's contacts and rules, when it has set them
        self._record = record  # counts the answers that cite the organisation's own guidance
        self._topics: TopicMatcher | None = None
        self._kind_readers: dict[str, KindReader] = {}
        self._topic_reader: KindReader | None = None
        self._passing_harm: PassingHarmReader | None = None
        self._passing_disclosure: PassingDisclosureReader | None = None
        self._hard_moments: HardMomentReader | None = None
        self.grounding = GroundingCheck(self.embedder, grounding_threshold)

    @property
    def topics(self) -> TopicMatcher:
        """Matches a request's topic to a module (built on first use: it embeds the module cards)."""
        if self._topics is None:
            self._topics = TopicMatcher(self.retriever.chunks, self.embedder)
        return self._topics

    @property
    def passing_harm(self) -> PassingHarmReader:
        """Reads a message's clauses for harm told in passing (built on first use, with the
        classifier)."""
        if self._passing_harm is None:
            self._passing_harm = PassingHarmReader(self.classifier)
        return self._passing_harm

    @property
    def passing_disclosure(self) -> PassingDisclosureReader:
        """Reads a message's clauses for a disclosure told in passing (built on first use)."""
        if self._passing_disclosure is None:
            self._passing_disclosure = PassingDisclosureReader(self.classifier)
        return self._passing_disclosure

    @property
    def hard_moments(self) -> HardMomentReader:
        """Reads session notes for a hard moment told without the cue lists' words (built on
        first use, with the classifier)."""
        if self._hard_moments is None:
            self._hard_moments = HardMomentReader(self.classifier)
        return self._hard_moments

    @property
    def classifier(self) -> ChallengeClassifier:
        """Built when coaching first needs it (it fits a model), so agendas never wait for it."""
        if callable(self._classifier) and not isinstance(self._classifier, ChallengeClassifier):
            self._classifier = self._classifier()
        return self._classifier

    def _answer(
        self,
        kind: str,
        passages: list[Chunk],
        build: Callable[[Any, dict[str, Chunk]], AnswerT],
        offline: Callable[[], AnswerT],
        **values: Any,
    ) -> AnswerT:
        if self.llm is None:
            return offline()
        by_id = {chunk.id: chunk for chunk in passages}
        schema = draft_models(list(by_id))[kind]
        user_data = values.pop("user_data")
        messages = draft_messages(kind, passages, user_data, **values)
        try:
            words = user_words(user_data)
            answer = self.llm.ask(
                schema,
                messages,
                lambda draft: self.grounding.apply(build(draft, by_id), by_id, words),
                self.retries,
            )
        except LLMFailure as error:
            reason = str(error)
        else:
            answer.provider = self.llm.name
            return answer
        log.warning("LLM %s answer failed (%s); using the offline composer", kind, reason)
        answer = offline()
        answer.degraded = True
        answer.degraded_reason = f"the LLM gave no usable answer: {reason}"[:500]
        return answer

    # -- retrieval: the passages every provider works from ------------------------------------

    def agenda_passages(self, request: AgendaRequest) -> Passages:
        match = self.match_topic(request.topic)
        module = match.module
        topic = module.topic if module else None
        passages = Passages(topic_article=module.article_id if module else None, topic=topic, match=match)
        passages.groups["guide"] = article_chunks(self.retriever, GUIDES[request.stage])
        passages.groups["topic"] = article_chunks(self.retriever, module.article_id) if module else []
        kind = self.topic_kind(module, request.topic)
        # a subject no module covers ("prep for a difficult conversation with my team about the
        # restructure") is talked through and rehearsed, not practised on a device
        passages.conversation = module is None and kind == SUBJECT
        passages.listening = passages.conversation and not TO_SAY.search(request.topic)
        guide = PRACTICE_GUIDE
        if passages.conversation:
            guide = LISTENING_GUIDE if passages.listening else CONVERSATION_GUIDE
        passages.groups["practice"] = article_chunks(self.retriever, guide)
        topics = set(module.chunk.topics) if module else set()
        passages.groups["local"] = local_guidance(self.retriever.chunks, topics=topics)
        # A skill session gets its module's starters; a first or last session, a relationship
        # topic or a topic no module covers gets the relationship starters (never a neighbour's).
        skill = request.stage == "middle" and topic is not None
        starters = self._starter_candidates(
            request.topic,
            topic if skill else RELATIONSHIP_STARTERS,
            STARTER_STAGES[request.stage],
            AGENDA_ASKER,
            12,
        )
        passages.groups["starter_candidates"] = starters
        # A skill session's starters may carry the pair's own words too, as in `starters_passages`.
        passages.subject = passages.topic in CONVERSATION_TOPICS or kind == SUBJECT
        if kind != PAIR or request.stage != "middle":
            passages.groups["starter_candidates"] = [c for c in starters if c.heading != STUCK_STARTERS]
        if request.stage == "middle" and kind != PAIR:
            passages.groups["own_topic_starters"] = self._starter_candidates(
                request.topic, ANY_SKILL_STARTERS, None, AGENDA_ASKER, 30
            )
        return passages

    def starters_passages(self, request: StartersRequest) -> Passages:
        """The topic module's starters; for a first meeting or a relationship topic, the
        relationship starters (a first meeting is not the time for tool questions); for a topic
        no module covers, the relationship starters rather than a neighbour's. Beside them, the
        any-skill starters (`own_topic_starters`), which put the pair's own words in a question:
        one for a covered skill, several for a skill no module covers."""
        match = self.match_topic(request.topic)
        module = match.module
        first = FIRST_MEETING.search(request.topic) is not None
        last = not first and says_last_session(request.topic)
        skill = module is not None and module.kind == "topic" and not (first or last)
        topic = module.topic if skill and module else RELATIONSHIP_STARTERS
        passages = Passages(topic_article=module.article_id if module else None, topic=topic, match=match)
        # a topic about the pair with no stage named is a middle one: no "who were you paired
        # with?", no "how shall we stay in touch after our last session?"
        stage = "first" if first else "closing" if last else None if skill else "middle"
        stages = STARTER_STAGES[stage] if stage else None
        kind = self.topic_kind(module, request.topic)
        if module is None and kind == SKILL and stage == "middle":
            # a skill no module covers: beside its own questions, how the two of you learn it
            # together, not "is there anything you have held back from saying in our sessions?"
            stages = LEARNING_STAGES
        middle_issue = kind == PAIR and stage == "middle"
        # a last session with something the person wants from it ("want to thank her properly")
        # gets the starters closest to that first, as a pair's issue does
        # (or a thank-you: "we did linkedin and copilot, want to say thanks properly")
        closing_wish = stage == "closing" and (
            bool(issue_stems(request.topic))
            or (bool(topic_detail(request.topic)) and not topic_covered(request.topic))
        )
        passages.issue = middle_issue or closing_wish
        n = max(20, (request.count + len(request.exclude)) * 5)
        if passages.issue:  # the starters closest to the issue are looked for among all of the stage's
            n = max(n, ISSUE_POOL)
        passages.groups["starter_candidates"] = self._starter_candidates(
            request.topic, topic, stages, request.audience, n
        )
        passages.subject = passages.topic in CONVERSATION_TOPICS or kind == SUBJECT
        if first and module is not None and module.kind == "topic" and match.named:
            # "first session, she apparently hates linkedin": the question about the skill named,
            # however far down retrieval ranked it
            passages.named_skill = match.named
        elif first and (focus := topic_focus(request.topic)):
            # "we're supposed to focus on digital rostering": no module's name, the pair's own words
            passages.named_skill = f"“{to_partner(focus, request.topic)}”"  # "snapchat for your grandkids"
        asker = request.audience or "mentor"
        if passages.named_skill:
            about = self.relationship_starters("skill", asker)
            candidates = passages.groups["starter_candidates"]
            passages.groups["starter_candidates"] = about + [c for c in candidates if c not in about]
        if middle_issue and issue_said(request.topic):
            # "he checks his phone the whole session": named in the pair's words, first
            raising = self.relationship_starters("issue")
            passages.groups["starter_candidates"] = raising + passages.groups["starter_candidates"]
        if not middle_issue:
            candidates = passages.groups["starter_candidates"]
            passages.groups["starter_candidates"] = [c for c in candidates if c.heading != STUCK_STARTERS]
        if not (first or last) and kind != PAIR:
            passages.groups["own_topic_starters"] = self._starter_candidates(
                request.topic, ANY_SKILL_STARTERS, None, request.audience, 30
            )
        elif first or last:
            # what the writer said about the partner beside the first meeting ("she hates teams
            # calls") is asked about as a note the mentor made before meeting; beside the last
            # ("he retires in march and wants to keep up linkedin"), as what to keep going with
            passages.groups["own_topic_starters"] = [
                chunk
                for chunk in self.relationship_starters("detail", asker)
                if chunk.tags.get("stage") == ("first" if first else "closing")
            ]
        return passages

    def relationship_starters(self, names: str, audience: str | None = None) -> list[Chunk]:
        """The relationship starters that name something of the pair's (`names`: the skill, the
        issue, the detail), for `audience` when given."""
        return [
            chunk
            for chunk in article_chunks(self.retriever, RELATIONSHIP_ARTICLE)
            if chunk.is_item
            and chunk.tags.get("names") == names
            and (audience is None or chunk.tags.get("audience") == audience)
        ]

    def match_topic(self, topic: str) -> TopicMatch:
        """The module the topic is about (planner/topics.py); but a topic about how the pair's
        sessions go ("feedback from my mentor stings a bit") that names no skill is not a skill
        module's, however close its words come to one (online reputation's "criticism"), and a
        falling-out is the pair's whatever it was about ("a row about return to office")."""
        # matched without "questions for my mentee who is a ship captain about" before it
        match = self.topics.match(REQUEST_WRAPPER.sub("", ASKS_AFTER.sub("", topic.strip())) or topic)
        module = match.module
        if (
            module is not None
            and module.kind == "topic"
            and (
                PAIR_FELL_OUT.search(topic)
                or PAIR_HABIT.search(without_stage(topic) or topic)
                or (not match.named and ABOUT_THE_PAIR.search(topic) and self.topic_kind(None, topic) == PAIR)
                # a subject that only comes close to a skill's words ("how our night shift actually
                # use their phones" to the messaging-apps module) is talked about, not that skill
                or (
                    not match.named
                    and module.topic not in MIXED_TOPICS | CONVERSATION_TOPICS
                    and self.topic_kind(None, topic) == SUBJECT
                )
            )
        ):
            return TopicMatch(None, match.score)
        return match

    def topic_kind(self, module: Module | None, topic: str) -> str:
        """A relationship module's topic (a first meeting, an ending) is about the pair, a
        conversation module's (inclusion, generations) a subject, another module's a skill;
        a topic no module covers is read by the topic kind reader (topic_kind.py)."""
        if module is not None:
            if module.kind == "relationship":
                return PAIR
            if module.topic not in MIXED_TOPICS:
                return SUBJECT if module.topic in CONVERSATION_TOPICS else SKILL
        if PAIR_FELL_OUT.search(topic) or PAIR_HABIT.search(without_stage(topic) or topic):
            return PAIR  # "my mentee and i disagreed about tiktok", "mentor keeps using acronyms"
        if self._topic_reader is None:
            classifier = self.classifier
            self._topic_reader = topic_reader(classifier.embedder, classifier.example_vectors)
        said = without_stage(topic) or topic  # without "… what do i ask", "qs for my mentor pls,"
        if PARTNER_TEACHES.match(said):
            return SKILL  # "my mentor showed me notion last time and i didnt get it": a skill
        if module is None and NEWS_TO_TELL.search(said):
            return SUBJECT  # "prep for telling my team the canteen is closing": words to find, no tool
        kind = topic_kind(self._topic_reader, said)
        return SKILL if module is not None and kind == PAIR else kind  # (a mixed module's topic)

    def reflection_passages(self, request: ReflectionRequest) -> Passages:
        query = f"{request.topic}. {request.notes or ''}"
        hits = self.retriever.search(query, k=200, filters=Filters(kinds=("reflection",)), candidates=200)
        ranked = [hit.chunk for hit in hits if hit.chunk.is_item]
        # every prompt is a candidate, in retrieval's order first: the 200 hits include headings,
        # so the cut left prompts out, among them the follow-up written for a line of the notes
        # ("If the same thing happens next time, what will you do first?")
        seen = {chunk.id for chunk in ranked}
        rest = [c for c in self.retriever.chunks if c.kind == "reflection" and c.is_item and c.id not in seen]
        return Passages(groups={"prompts": ranked + rest})

    def coaching_passages(self, classification: Classification) -> Passages:
        """The article of each situation named (and a summary of the companion for requests
        outside reverse mentoring)."""
        passages = Passages()
        for label in (classification.label, classification.also):
            if label in GUIDANCE:
                passages.groups[label] = article_chunks(self.retriever, GUIDANCE[label])
        summary = article_chunks(self.retriever, OUTSIDE_SCOPE_CONTEXT)
        passages.groups[OUT_OF_SCOPE] = [chunk for chunk in summary if chunk.heading == Heading.SUMMARY]
        if classification.label == OUT_OF_SCOPE:
            passages.groups[OUT_OF_SCOPE] += article_chunks(self.retriever, OUTSIDE_SCOPE_GUIDE)
        return passages

    def _starter_candidates(
        self, text: str, topic: str | None, stages: tuple[str, ...] | None, audience: str | None, n: int
    ) -> list[Chunk]:
        filters = Filters(kinds=("starters",), topic=topic, audience=audience)
        # every starter of the topic's file is looked at: the stage's own come first below,
        # however far down retrieval ranks them
        k = max(n * 3, STARTERS_LOOKED_AT)
        hits = self.retriever.search(text, k=k, filters=filters, candidates=k)
        # a starter written for one side ("…with someone of your seniority") is asked by that side
        # only; an agenda is the mentor's plan
        asker = audience or "mentor"
        # (the starter that names a pair's issue in their words is added by starters_passages, where
        # there is one)
        items = [
            hit.chunk
            for hit in hits
            if hit.chunk.is_item
            and hit.chunk.tags.get("audience", asker) == asker
            and hit.chunk.tags.get("names") != "issue"
        ]
        if asker == "mentee":
            # most starters are written for the mentor to ask; those written for the mentee to ask
            # come first (a stable sort: retrieval's order otherwise)
            items.sort(key=lambda chunk: chunk.tags.get("audience") != "mentee")
        if stages:
            preferred = [chunk for chunk in items if chunk.tags.get("stage") in stages]
            if stages[0] in ("first", "closing"):
                # a first meeting's own starters before early-stage ones ("what would make these
                # sessions a success?" before "what needs to stay between us?"), and a last
                # session's look back and what next before "so far…", in retrieval order
                preferred.sort(key=lambda chunk: chunk.tags["stage"] != stages[0])
            if stages[0] == "closing":
                # a last session's first question looks back and ahead at once (`looks: both`), so
                # that its questions are never only a look back or only goodbyes
                preferred.sort(key=lambda chunk: chunk.tags.get("looks") != "both")
            items = preferred + [chunk for chunk in items if chunk not in preferred]
            if stages != LEARNING_STAGES:  # learning a skill together is for a skill's session
                items = [chunk for chunk in items if chunk.tags.get("stage") != "learning"]
            if stages[0] == "first":  # a first meeting never asks about "last time", nor about
                # itself as past ("how did it feel to walk into our first meeting?")
                items = [
                    chunk
                    for chunk in items
                    if chunk.tags.get("stage") not in ("middle", "closing")
                    and not FIRST_AS_PAST.search(chunk.text)
                ]
            if stages[0] == "closing":  # nor a last session how the sessions should feel, nor, with
                # enough of its own, how they are going ("are we being too polite with each other?")
                gone = ("first", "early", "middle") if len(preferred) >= CLOSING_OWN else ("first", "early")
                items = [chunk for chunk in items if chunk.tags.get("stage") not in gone]
        if not stages or stages[0] in ("middle", LEARNING_STAGES[0]):
            # nor a middle one first impressions or goodbyes; a skill's session with no stage named
            # is one in the middle (not "three months from now, which habit will you still use?")
            items = [chunk for chunk in items if chunk.tags.get("stage") not in ("first", "closing")]
        return items[:n]

    # -- the four kinds ---------------------------------------------------------------------------

    def agenda(self, request: AgendaRequest) -> Agenda:
        passages = self.agenda_passages(request)
        match = passages.match or TopicMatch(None, 0.0)
        starter_request = StartersRequest(
            topic=request.topic, count=3, audience=AGENDA_ASKER, exclude=request.avoid_starters[-50:]
        )
        own_topic = passages.groups.get("own_topic_starters", [])
        starters = compose_starters(
            starter_request,
            passages.groups["starter_candidates"],
            self.embedder,
            own_topic,
            covered=passages.topic_article is not None,
            subject=passages.subject,
        )
        chosen = starters.referenced_ids()
        chosen_starters = [
            chunk for chunk in passages.groups["starter_candidates"] + own_topic if chunk.id in chosen
        ]
        passages.groups["starters"] = chosen_starters
        # The offline plan is made first: its segments (fitted to the length and stage rules) are
        # the skeleton the LLM fills, and it is the answer when the LLM gives none.
        plan = compose_agenda(
            request,
            match,
            passages.groups,
            self.embedder,
            [s.text for s in starters.starters],
            self.defaults,
            conversation=passages.conversation,
            listening=passages.listening,
        )
        llm_passages = [
            *(
                chunk
                for chunk in passages.groups["guide"]
                if chunk.heading in (Heading.SUGGESTED_FLOW, Heading.AFTER_THE_SESSION)
            ),
            *(chunk for chunk in passages.groups["topic"] if chunk.heading in TOPIC_SECTIONS),
            *(passages.groups["practice"] if match.module is None else []),
            *chosen_starters,
        ]
        module = match.module
        answer = self._answer(
            "agenda",
            llm_passages,
            lambda draft, by_id: agenda_from(draft, request, by_id, match, plan),
            lambda: plan,
            request=request,
            coverage=module.title if module else None,
            skeleton=[(segment.title, segment.minutes) for segment in plan.segments],
            user_data=_user_data(
                request,
                "topic",
                "mentee_role",
                "goals",
                "talking_points",
                "previous_sessions",
                "open_actions",
            ),
        )
        topics = set(match.module.chunk.topics) if match.module else set()
        answer = with_organisation(answer, self.programme, topics, passages.groups["local"])
        return self.recorded(validated(answer, passages))

    def starters(self, request: StartersRequest) -> Starters:
        # "…She plays guitar. Can you propose questions to ask my mentor?": what the questions are
        # about, without the sentence that asks for them
        request = request.model_copy(update={"topic": without_asks(request.topic)})
        passages = self.starters_passages(request)
        candidates = passages.groups["starter_candidates"]
        answer = self._answer(
            "starters",
            candidates[: max(10, request.count * 2)],
            lambda draft, by_id: starters_from(draft, request.count, by_id),
            lambda: compose_starters(
                request,
                candidates,
                self.embedder,
                passages.groups.get("own_topic_starters", []),
                covered=passages.topic_article is not None,
                subject=passages.subject,
                issue=passages.issue,
                readers=(self.embedder, self.classifier.embedder) if passages.issue else (),
                skill=passages.named_skill,
            ),
            request=request,
            first_meeting=FIRST_MEETING.search(request.topic) is not None,
            user_data=_user_data(request, "topic", "audience", "exclude"),
        )
        return validated(answer, passages)

    def coach(self, request: CoachingRequest) -> Coaching:
        classification = self.classify(request.situation, request.challenge)
        team = request.role == PROGRAMME  # the programme team asks, about a pair or the cohort
        if team:
            classification = self.relayed(classification, request.situation)
        passages = self.coaching_passages(classification)
        playbook = passages.groups.get(classification.label, [])

        def offline() -> Coaching:
            # lines are chosen with the classifier's model, which reads situations best
            return compose_coaching(request, classification, passages.groups, self.classifier.embedder)

        # Outside reverse mentoring there is nothing to ask a model; a safety situation's answer
        # (what to do now, who to contact) is always composed from the guide, never by a model.
        local = local_guidance(self.retriever.chunks, label=classification.label)
        passages.groups["local"] = local
        if classification.label not in GUIDANCE or classification.safety:
            answer = offline()
            if classification.label in GUIDANCE:
                answer = with_contacts(answer, self.programme, local, team)
            return self.recorded(validated(answer, passages))
        sections = {
            Heading.OVERVIEW,
            Heading.LIKELY_CAUSES,
            Heading.strategies_for(request.role or "mentor"),
            Heading.WORDS_TO_SAY,
            Heading.ESCALATION,
        }
        answer = self._answer(
            "coaching",
            [chunk for chunk in playbook if chunk.heading in sections],
            lambda draft, by_id: coaching_from(draft, classification, by_id),
            offline,
            role=request.role or "mentor",
            challenge=classification.label,
            also=classification.also,
            likelihood=likelihood(classification),
            user_data=_user_data(request, "situation"),
        )
        if classification.also in SAFETY:  # possibly a safety matter: the check is never left to a model
            kind = self.possible_kind(classification.also, request.situation)
            answer = with_safety_check(answer, classification.also, kind, team)
        if beside_instructions(request.situation):  # the question was answered, the instructions not
            answer = answer.model_copy(
                update={"diagnosis": f"{phrases().instructions_set_aside()} {answer.diagnosis}"}
            )
        return self.recorded(validated(with_contacts(answer, self.programme, local, team), passages))

    def reflect(self, request: ReflectionRequest) -> Reflections:
        passages = self.reflection_passages(request)
        prompts = passages.groups["prompts"]
        answer = self._answer(
            "reflections",
            [chunk for chunk in prompts if chunk.tags.get("audience", request.role) == request.role][:12],
            lambda draft, by_id: reflections_from(draft, request.count, by_id),
            lambda: compose_reflections(request, prompts, self.embedder, self.hard_moments_in(request.notes)),
            request=request,
            user_data=_user_data(request, "topic", "notes"),
        )
        return validated(answer, passages)

    def hard_moments_in(self, notes: str | None) -> list[str]:
        """The clauses of the notes the hard-moment reader reads as a hard moment (none without
        notes, or in a quick look back of a few words)."""
        if not notes or len(notes.split()) <= SHORT_NOTES:
            return []
        return self.hard_moments.hard_clauses([clause.text for clause in read_notes(notes)])

    def recorded(self, answer: AnswerT) -> AnswerT:
        """The answer, its citations of the organisation's own guidance counted (never blocking it)."""
        if self._record is not None and any(citation.local for citation in answer.citations):
            try:
                self._record(answer.citations)
            except Exception:  # a count must never cost a person their answer
                log.exception("could not count the local guidance an answer cited")
        return answer

    def classify(self, situation: str, hint: str | None = None) -> Classification:
        """The situation and its kind (`read_situation`); a question about the pair told beside
        instructions to a model is read without them (`beside_instructions`); money trouble told
        in so many words (`hardship`) gets the disclosure guide's advice for it."""
        found = self.read_situation(situation, hint)
        if found.label == OUT_OF_SCOPE and (rest := beside_instructions(situation)):
            # instructions to a model are ignored; a question about the pair beside them is answered
            beside = self.read_situation(rest, hint)
            if beside.label not in (OUT_OF_SCOPE, *SAFETY):  # a weak safety reading stays refused
                found = beside
        money = HARDSHIP_WORDS.search(situation) and not says_at_risk(situation)
        return hardship(found) if money else found

    def read_situation(self, situation: str, hint: str | None = None) -> Classification:
        """The situation, and its kind where the kind changes the answer: for safeguarding,
        someone at risk (other first steps) or a kind of behaviour clear enough to name; for a
        disclosure, which of the guide's situations it is (a conflict of interest, inside
        information...); for a request outside reverse mentoring, where it belongs."""
        classification = self.classifier.classify(without_idioms(situation), hint)
        if says_at_risk(situation):
            return at_risk(classification)
        if told_harmless(situation):
            classification = checked_first(classification)
        classification = clash_then_silence(serious_in_passing(classification, situation), situation)
        classification = power_gap_honesty(classification, situation)
        plain = confidence_only(situation)
        if classification.label in SAFETY and plain and not serious_named(situation):
            # what was told in confidence decides, not that it was: read the message without those words
            reread = self.classifier.classify(without_idioms(plain), hint)
            classification = harmless_confidence(classification, reread)
        classification = self.weak_safety_checked(classification, situation)
        if (passing := self.harm_in_passing(classification, situation)) is not None:
            return passing
        if (passing := self.disclosure_in_passing(classification, situation)) is not None:
            return passing
        label = classification.label
        if label == "safeguarding":
            found = replace(classification, kind=safety_kind(self.kind_reader(label), situation))
            if minor_concerned(situation) and not writer_at_risk(situation):
                return replace(found, kind="child")  # a young person: the safeguarding lead first
            if found.kind in (AT_RISK, None) and (elsewhere := self.harm_to_someone_else(situation)):
                return replace(found, kind=elsewhere)
            return in_distress(told_as_disclosure(found, situation), situation)
        if label == "disclosure" and harm_told_in_confidence(situation):
            # "my mentor told me she's being bullied by her team lead and begged me not to tell": a
            # concern about someone's safety, whose first step is not to promise secrecy, not a
            # confidence to keep; a confidence the writer passed on stays one
            kind = safety_kind(self.kind_reader("safeguarding"), situation)
            return in_distress(replace(classification, label="safeguarding", also=None, kind=kind), situation)
        if label not in KIND_THRESHOLDS:
            return named_second(classification, situation)
        kind = self.possible_kind(label, situation)
        if label == "disclosure" and classification.also == "safeguarding":
            # possibly someone at risk: only when the message, or one of its clauses, reads as
            # someone at risk, not as a confidence passed on that happens to sound like conduct
            reader = self.kind_reader("safeguarding")
            texts = [situation, *clauses(situation)]
            if (
                leaving_a_job(situation)
                or health_news(situation)
                # personal data gone astray ("a spreadsheet of every nurse's sickness absence, saved
                # to his personal dropbox") is nobody at risk, however its words read; nor is
                # wrongdoing reported by someone afraid for their job ("moving sales from January
                # into December… She's 21 and terrified for her job")
                # ... nor the writer whose own confidence travelled ("one of her friends said 'sorry
                # to hear about your divorce'"): "are you safe?" would be asked of the partner
                or (kind in ("data-breach", "wrongdoing", "passed-on") and not says_at_risk(situation))
                or (max(reader.probabilities(text)[AT_RISK] for text in texts) < AT_RISK_ON_DISCLOSURE)
            ):
                classification = replace(classification, also=None)
        return replace(classification, kind=kind)

    def harm_in_passing(self, classification: Classification, situation: str) -> Classification | None:
        """Harm told in passing beside an ordinary question (guidance/passing_harm.py): the
        safeguarding route first, the ordinary problem named beside it, the kind read from the
        clause that told it. None when the message is on the safety route already, its writer tells
        it is harmless, or no clause tells of harm."""
        if classification.label in SAFETY or told_harmless(situation):
            return None
        told = self.passing_harm.told(without_idioms(situation))  # not "one more time and i'll jump"
        if told is None:
            return None
        kind = told.elsewhere or safety_kind(self.kind_reader("safeguarding"), told.clause)
        beside = classification.label if classification.label != OUT_OF_SCOPE else None
        found = Classification(
            "safeguarding", round(told.probability, 3), classification.scores, beside, kind
        )
        return in_distress(told_as_disclosure(found, situation), situation)

    def weak_safety_checked(self, classification: Classification, situation: str) -> Classification:
        """A safety reading of the situation classifier checked by the two clause readers
        (passing_harm, passing_disclosure) over the message and each of its clauses, when nobody is
        said to be at risk in so many words and no kind of behaviour (harassment, bullying…) is
        named.
        - A reading on the safety route only by the two safety situations' sum (FULL_SAFETY), an
          ordinary problem likelier than either, that neither reader confirms (harm below
          HARM_UNCONFIRMED, a disclosure below UNCONFIRMED): the ordinary problem with the safety
          check first (routing.checked_first): "we dont click. he told me strictly between us
          that he hates powerpoint". The harm reader
          was not written for harassment within the pair, and reads "keeps touching my shoulder and
          calling me sweetheart" 0.46, which keeps it on the safety route.
        - A safeguarding reading the harm reader does not confirm (below HARM_IN_PASSING, its own
          threshold) where the disclosure reader is sure (from DISCLOSURE_IN_PASSING, its own), or
          where an ordinary problem reads about as likely (within NEAR_TIE) and the disclosure
          reader reads a disclosure (from UNCONFIRMED) likelier than harm: a disclosure, the
          ordinary problem named beside it. "he's been offered a job at a rival and hasn't decided,
          please don't mention it" was asked "are you safe?"; "she sometimes thinks about stepping
          in front of a train", told "almost in passing", reads 0.64 harm and 0.66 disclosure, on
          a clear safeguarding reading, and stays."""
        scores = classification.scores
        if classification.label not in SAFETY or classification.also is not None or says_at_risk(situation):
            return classification
        if safety_kind(self.kind_reader("safeguarding"), situation) not in (None, AT_RISK):
            return classification
        texts = [situation, *clauses(situation)]
        vectors = self.classifier.embedder.embed(texts)  # once, for both readers
        harm = self.passing_harm.read(texts, vectors).probability
        disclosure = self.passing_disclosure.read(vectors)
        lead = ordinary_lead(scores)
        unconfirmed = harm < HARM_UNCONFIRMED and disclosure < UNCONFIRMED
        if lead > 0 and unconfirmed:
            return checked_first(classification)
        ordinary_sum = sum(scores[label] for label in ordinary_labels(scores))
        if classification.label == "safeguarding" and unconfirmed and ordinary_sum > scores["safeguarding"]:
            # ... and one where the ordinary problems together read likelier than safeguarding, which
            # neither reader confirms: "she keeps saying shes 'too old for this' and laughs it off but
            # doesnt do the homework, also cancelled twice" read 0.41 safeguarding (a child, from
            # "homework") beside 0.24 time and 0.16 resistance, and was sent to the emergency services
            return checked_first(classification)
        sure = disclosure >= DISCLOSURE_IN_PASSING
        likelier = lead >= -NEAR_TIE and disclosure >= UNCONFIRMED and disclosure > harm
        if classification.label == "safeguarding" and harm < HARM_IN_PASSING and (sure or likelier):
            ordinary = likeliest_ordinary(scores)
            also = ordinary if scores[ordinary] >= ALSO else None  # "tips to keep sessions short?"
            return Classification("disclosure", round(disclosure, 3), scores, also)  # its kind read later
        return classification

    def relayed(self, classification: Classification, situation: str) -> Classification:
        """For the programme team, who relay what pairs told them ("two mentors have told me their
        mentees keep sending work tasks their way"): a reading on the safety route only by the two
        safety situations' sum, an ordinary problem likelier than either, with no kind of behaviour
        named and nobody said to be at risk, is the ordinary problem with the safety check first
        (routing.checked_first). The clause readers are not asked: they learnt from what partners
        write, and read the team's "how should i handle this across the programme" as a
        disclosure (0.94)."""
        scores = classification.scores
        if (
            classification.label not in SAFETY
            or classification.also is not None
            or ordinary_lead(scores) <= 0
            or says_at_risk(situation)
            or safety_kind(self.kind_reader("safeguarding"), situation) is not None
        ):
            return classification
        return checked_first(classification)

    def disclosure_in_passing(self, classification: Classification, situation: str) -> Classification | None:
        """A disclosure told in passing beside an ordinary question (guidance/passing_disclosure.py):
        the disclosure route first, the ordinary problem named beside it, the kind (a conflict of
        interest, personal data…) read from the message as for any disclosure, or else from the
        clause that told it. None when the message is on the safety route already or is a request
        outside mentoring (a mortgage to fix, SQL to write: read for a disclosure, such requests
        took the disclosure route), its writer tells it is harmless, or no clause tells of one."""
        if classification.label in (*SAFETY, OUT_OF_SCOPE) or told_harmless(situation):
            return None
        told = self.passing_disclosure.told(situation)
        if told is None:
            return None
        kind = self.possible_kind("disclosure", situation) or self.possible_kind("disclosure", told.clause)
        return Classification(
            "disclosure", round(told.probability, 3), classification.scores, classification.label, kind
        )

    def harm_to_someone_else(self, situation: str) -> str | None:
        """The kind of harm to someone outside the pair a safeguarding message tells of (a child
        alone at home, a relative's carer using their card), read from its likeliest clause of
        harm; None when it is within the pair or the writer is the one at risk."""
        if writer_at_risk(situation):
            return None
        found = self.passing_harm.likeliest(clauses(situation) or [situation])
        return found.elsewhere if found is not None else None

    def possible_kind(self, label: str, situation: str) -> str | None:
        """The kind of a disclosure or a request outside mentoring (KIND_THRESHOLDS), by the kind
        reader or, when it is unsure, the words; the words also tell a partner's confidence the
        writer passed on from an overshare or the partner's slip, which the reader confuses ("I let
        slip to my PA what my mentor told me"). For a message that may also be a disclosure, the
        kind its safety check is written for. None for other situations."""
        if label not in KIND_THRESHOLDS:
            return None
        kind = self.kind_reader(label).most_likely(situation, KIND_THRESHOLDS[label])
        words = kind_from_words(label, situation)
        if words in WORDS_OVERRIDE or kind in (None, "told-general"):
            return words or kind
        if kind in ("overshared", "passed-on") and words == "let-slip":
            return words
        if kind == "health" and words == "personal-crisis":
            return words  # a relative's illness ("his wife has just been diagnosed"), not their own
        return kind

    def kind_reader(self, label: str) -> KindReader:
        """Built once per situation, with the classifier, from its examples marked with a kind."""
        if label not in self._kind_readers:
            classifier = self.classifier
            self._kind_readers[label] = KindReader.fit(
                KIND_SETS[label],
                classifier.embedder,
                classifier.anchors,
                classifier.vectors,
                balanced=label != "safeguarding",  # its thresholds were chosen unweighted (risk_cv)
            )
        return self._kind_readers[label]


def _user_data(request: BaseModel, *fields: str) -> dict[str, Any]:
    """The user's own text, passed to the LLM as data (fenced in the prompt), never as instructions."""
    data = request.model_dump(include=set(fields), exclude_none=True)
    return {name: value for name, value in data.items() if value != []}  # nothing said, nothing sent


def validated(answer: AnswerT, passages: Passages) -> AnswerT:
    """Drop citations of passages that were not retrieved, and body references to dropped ids. A
    body reference to a retrieved passage missing from the list (a line the grounding check
    re-cited to the passage that supports it) is added to the list."""
    retrieved = passages.by_id()
    answer.citations = [citation for citation in answer.citations if citation.id in retrieved]
    listed = {citation.id for citation in answer.citations}
    unlisted = sorted(cid for cid in answer.referenced_ids() - listed if cid in retrieved)
    answer.citations += cite([retrieved[cid] for cid in unlisted])
    listed |= set(unlisted)
    missing = answer.referenced_ids() - listed
    if missing:
        log.warning("removing %d citation(s) not among the retrieved passages", len(missing))
        for value in answer.__dict__.values():
            if isinstance(value, list):
                for element in value:
                    if hasattr(element, "citations"):
                        element.citations = [cid for cid in element.citations if cid in listed]
    return answer
