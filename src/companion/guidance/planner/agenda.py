"""Offline session plans: the stage's phases, timed by the corpus's rules, with whole activities.

- Phases and minutes come from `session.plan_phases` (knowledge/defaults.yaml).
- A middle session's main activity is one of the matched module's activities, whole, its step
  minutes rescaled to the slot; a long session (from `second_activity_from` minutes) gets a second
  activity rather than a stretched one. A topic the corpus does not cover gets the hands-on
  practice structure built around the user's own topic, and nothing from a neighbouring module.
- A first meeting keeps to introductions, ground rules, goals and at most one short taster; a
  closing session looks back and forward and sets no new skill.
- The pair's previous sessions and open action items feed the review (the opening phase when a
  short session has none), the mentor's talking points the discussion.
User text is quoted, never pasted into the middle of a sentence.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from companion.citations import cite
from companion.guidance.composer.minutes import allocate
from companion.guidance.composer.topic_words import (
    HOME_LIFE,
    TOPIC_WORDS,
    as_activity,
    topic_covered,
    topic_detail,
    topic_phrase,
    topic_role,
    topic_worry,
)
from companion.guidance.planner.activities import Activity, fits, parse_activities
from companion.guidance.planner.outline import OutlinePhase, parse_outline
from companion.guidance.planner.session import Phase, guide_flow, plan_phases
from companion.guidance.planner.topics import TopicMatch
from companion.guidance.schemas import Agenda, AgendaRequest, Segment
from companion.kb.defaults import ProgrammeDefaults
from companion.kb.vocabulary import Heading
from companion.prompts.loader import phrases
from companion.rag.chunking import Chunk
from companion.rag.embeddings import Embedder
from companion.text import list_items, plain

Lines = list[tuple[str, Chunk]]
MAIN = "main-activity"
# Phases a talking point never goes to: the practice, and the short openings and closings.
NO_TALKING_POINTS = {MAIN, "check-in", "opening", "thanks", "next-steps", "commitments"}
# The discussion's generic opener ("the mentor shares how colleagues their age see the topic") is
# left out when one of the module's own lines for it is this similar (all-MiniLM): across the 14
# covered modules the module's own versions of it ("the mentor says how people of their age use
# assistants", "reverse the lens: the mentor explains how they look someone up") read 0.56 to 0.71,
# and the next closest, a different step, 0.49.
REPEATED_OPENER = 0.55
MAX_FOLLOWED_UP = 6  # open action items named in one review; more would crowd out the session
NOTES_SHOWN = 240  # characters of a previous session's notes quoted in the review


# A worry the topic states about the tool or the topic: "he's nervous about onedrive", "she is
# a bit scared of breaking the spreadsheet".
WORRY_WORDS = r"(?:nervous|worried|anxious|scared|afraid|terrified|wary|hesitant|uneasy|paranoid|twitchy)"
STATED_WORRY = re.compile(
    r"(?:\b(?:he|she|they|my mentee|the mentee)(?:'s|'re|s|\s+is|\s+are|\s+seems|\s+gets|\s+feels)\s+)?"
    r"(?:a (?:bit|little) |very |really |quite |v |super |so |kinda |pretty )?"
    rf"\b{WORRY_WORDS}\s+"
    r"(?:about|of|around|with|to)\s+[^,.;:!?()]{2,60}?(?=\s*(?:[,.;:!?()]|$|\s(?:but|and|so|because|bc|pls)\b))",
    re.IGNORECASE,
)


# ... and the writer's own worry ("i'm worried about confidential stuff"), which is not the mentee's.
WRITER_WORRIES = re.compile(
    rf"\b(?:i|i'm|im|i am|i've been|ive been|i get|i feel)\s+(?:\w+\s+){{0,2}}?{WORRY_WORDS}\b", re.I
)


def stated_worry(topic: str) -> str:
    """The worry the topic states, as written ("he's nervous about onedrive"), or ""."""
    found = STATED_WORRY.search(topic)
    if found is None or WRITER_WORRIES.search(f"{topic[: found.start()]} {found.group(0)}"):
        return ""  # "i'm worried about confidential stuff" is the mentor's, not the mentee's to name
    return found.group(0).strip()


def brief_notes(notes: str | None) -> str | None:
    """The notes whole when short, else their first sentences up to NOTES_SHOWN characters."""
    if not notes:
        return None
    text = " ".join(notes.split())
    if len(text) <= NOTES_SHOWN:
        return text.removesuffix(".")
    cut = text[:NOTES_SHOWN]
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    return cut[:end] if end > 60 else cut.rsplit(" ", 1)[0] + " …"


def section_items(chunks: list[Chunk], heading: str) -> Lines:
    return [
        (plain(item), chunk)
        for chunk in chunks
        if chunk.heading == heading
        for item in list_items(chunk.text)
    ]


def is_navigation(line: str) -> bool:
    """A line that points elsewhere in the corpus ("For opening questions, see ...") rather than
    saying what to do."""
    lowered = line.lower()
    return lowered.startswith(("for ", "see ", "read ", "more ")) or " see the " in lowered


def ranked(embedder: Embedder, focus: str, texts: list[str]) -> list[int]:
    """Indices of `texts`, most similar to `focus` first."""
    if not texts:
        return []
    vectors = embedder.embed([focus, *texts])
    return [int(index) for index in np.argsort(-(vectors[1:] @ vectors[0]))]


def best_lines(embedder: Embedder, focus: str, lines: Lines, n: int) -> Lines:
    """The `n` lines closest to the focus, in their original order."""
    keep = sorted(ranked(embedder, focus, [text for text, _ in lines])[:n])
    return [lines[index] for index in keep]


# How much closer to the request one of two activities must come to go first, out of the module's
# order (cosine similarity, the mean of name and steps).
FIRST_BY_FIT = 0.05


def choose_activities(
    activities: list[Activity], minutes: int, two: bool, embedder: Embedder, focus: str
) -> list[Activity]:
    """One activity that fits the slot, the most relevant first; two when the session is long
    enough for a second activity, or when no single one fills the slot without stretching."""
    if not activities:
        return []
    # An activity is judged by its name (what it is for) as much as by its steps (what happens):
    # the steps alone let a profile exercise that mentions LinkedIn beat "one post, drafted
    # safely" for "his first LinkedIn post".
    vectors = embedder.embed([focus, *(a.summary for a in activities), *(a.name for a in activities)])
    count = len(activities)
    fit = (vectors[1 : 1 + count] @ vectors[0] + vectors[1 + count :] @ vectors[0]) / 2
    ranking = np.argsort(-fit)
    order = [activities[int(index)] for index in ranking]
    if len(order) >= 2 and (two or minutes > order[0].minutes * 1.5):
        pair = order[:2]
        if fit[ranking[0]] - fit[ranking[1]] >= FIRST_BY_FIT:
            return pair  # "checking AI output for errors": catching the error first, then prompting
        return sorted(pair, key=activities.index)  # else in the module's order, which builds
    fitting = [activity for activity in order if fits(activity, minutes)]
    best = order[0]
    if fitting and (fitting[0] is best or fit[ranking[0]] - fit[activities.index(fitting[0])] < FIRST_BY_FIT):
        return fitting[:1]
    if best.minutes > minutes:
        # the activity the request is about, too long for the slot, is begun rather than swapped for
        # one that fits and is about something else ("stop printing everything and use onedrive": the
        # shared-document steps, not a calendar audit)
        return [opening_steps(best, minutes)]
    return fitting[:1] or [min(order, key=lambda activity: abs(activity.minutes - minutes))]


def opening_steps(activity: Activity, minutes: int) -> Activity:
    """The activity's first steps, as many as the slot holds when compressed no more than `fits`
    allows (always the first): a later step builds on the earlier ones, never the other way round."""
    steps = list(activity.steps[:1])
    for step in activity.steps[1:]:
        if sum(s.minutes for s in steps) + step.minutes > minutes * 2:
            break
        steps.append(step)
    return replace(activity, steps=tuple(steps))


# Words of a topic that name no setting ("using", "with", "basics").
SETTING_FILLER = frozenset(
    {"using", "with", "basics", "intro", "introduction", "getting", "started", "more", "better",
     "some", "about", "from", "into", "your", "their", "first", "steps", "tips", "help", "how",
     "what", "when", "learn", "learning", "session", "work", "tools", "tool",
     # nor words for what is done or judged in any setting ("checking AI output for errors")
     "output", "outputs", "results", "answers", "mistakes", "accuracy", "quality", "checking",
     "advanced", "beginner", "beginners", "skills", "practice", "practical", "ideas", "best",
     "practices", "safely", "properly", "effectively", "good", "great", "well", "right", "wrong"}
)  # fmt: skip


# A detail that says how the mentee feels about the topic ("hating pivot tables"), not a setting.
FEELING = re.compile(
    r"(?:hat(?:es|ing|e)|lov(?:es|ing|e)|scared|nervous|worried|terrified|afraid|anxious|frightened|"
    r"fed up|sick of|bored|embarrassed|confused|overwhelmed)\b",
    re.IGNORECASE,
)


def own_setting(topic: str, match: TopicMatch, topic_chunks: list[Chunk]) -> str | None:
    """The topic as the pair wrote it (or, for a long one, what they said after its subject), when it
    names a setting the module never mentions ("Copilot in Outlook", "a speech with ChatGPT"): the
    activity's examples are the module's, so the plan says to use the mentee's own from that
    setting."""
    module = match.module
    if module is None:
        return None
    known = " ".join(
        [module.title, *module.names, module.topic or ""] + [c.text for c in topic_chunks]
    ).lower()
    detail = topic_detail(topic)
    worry = topic_worry(topic)
    if (worry and worry in detail) or FEELING.match(detail):
        # "she's terrified of looking stupid" is how the mentee feels, not where the examples come from
        detail, topic = "", shown_topic(topic)
    extra = [  # compared by their first five letters: "errors" is known from "error"
        word
        for word in re.findall(r"[a-z][a-z'-]{3,}", topic.lower())
        if word[:5] not in known and word not in SETTING_FILLER
    ]
    if not extra:
        return None
    # a long topic is shown by what the pair said about it ("a fake invoice from a supplier"),
    # unless its subject names the task itself ("use copilot to summarise long email chains", not
    # "getting 200 emails a day")
    shown = shown_topic(topic)
    own_task = any(word in shown.lower() for word in extra)
    return shown if own_task or not detail else detail


def activity_segments(
    chosen: list[Activity], phase: Phase, say: object, setting: str | None = None
) -> list[Segment]:
    """The main activity (or two), each whole and fitted to its minutes; with `setting`, the first
    one's title says it is done on the pair's own topic, and its first step says to take the
    examples from there (the steps' examples are the module's)."""
    natural = [activity.minutes for activity in chosen]
    split = allocate(natural, phase.minutes, minimum=1)
    segments: list[Segment] = []
    for activity, minutes in zip(chosen, split, strict=True):
        steps = (
            activity.fitted(minutes) if minutes >= len(activity.steps) else [s.text for s in activity.steps]
        )
        on = setting if setting and not segments else None
        if on:  # the steps' examples are the module's: the pair's own setting replaces them
            steps = [say.setting_lead(on), *steps]  # type: ignore[attr-defined]
        segments.append(
            Segment(
                title=say.activity_title(activity.name, on),  # type: ignore[attr-defined]
                minutes=minutes,
                activities=steps,
                citations=[activity.chunk.id],
            )
        )
    return segments


def add_taster(
    taster: Phase, activities: list[Activity], embedder: Embedder, focus: str, say: object
) -> None:
    """A first meeting about a skill the corpus covers gets its taster from that skill's module:
    its most relevant activity, whole and fitted to the taster's minutes when it can be, else its
    first steps (never steps that refer to ones left out)."""
    first = choose_activities(activities, taster.minutes, False, embedder, focus)[0]
    steps = list(first.steps)
    while len(steps) > 1 and (
        len(steps) > taster.minutes or sum(s.minutes for s in steps) > 2 * taster.minutes
    ):
        steps.pop()
    taste = Activity(first.name, tuple(steps), first.chunk, first.number)
    taster.activities = []
    taster.topical = [
        say.taster_lead(first.name, len(steps) < len(first.steps)),  # type: ignore[attr-defined]
        *taste.fitted(taster.minutes),
    ]
    taster.cited.append(first.chunk)
    taster.whole_activity = True


def add_closing_topic(
    phases: list[Phase], topic: str, topic_chunks: list[Chunk], embedder: Embedder, focus: str, say: object
) -> None:
    """A closing session on a subject looks back at that subject in "what changed", and, when a
    module covers it, takes one of the module's follow-ups into "what next"."""
    changed = next((phase for phase in phases if phase.id == "what-changed"), None)
    if changed is not None:
        changed.own.append(say.closing_topic(topic))  # type: ignore[attr-defined]
    after = next((phase for phase in phases if phase.id == "what-next"), None)
    lines = [(t, c) for t, c in section_items(topic_chunks, Heading.FOLLOW_UPS) if not is_navigation(t)]
    if after is not None and lines:
        text, chunk = best_lines(embedder, focus, lines, 1)[0]
        after.topical.append(say.keep_practising(text))  # type: ignore[attr-defined]
        after.cited.append(chunk)


def add_outline(
    phases: list[Phase],
    outline: dict[str, OutlinePhase],
    activities: list[Activity],
    chosen: list[Activity],
    say: object,
) -> None:
    """A middle session on a covered skill: the module's own check-in, discussion and close. An
    activity the outline names for the discussion is done there when it is not today's main
    activity; one it names for the close is announced as the next session's."""
    by_number = {activity.number: activity for activity in activities}
    for phase in phases:
        entry = outline.get(phase.name.lower())
        if phase.id not in ("check-in", "discussion", "commitments") or entry is None:
            continue
        phase.topical += entry.sentences
        if entry.chunk is not None and entry.sentences:
            phase.cited.append(entry.chunk)
        for number in entry.activities:
            activity = by_number.get(number)
            if activity is None or activity in chosen:
                continue
            if phase.id == "discussion" and phase.minutes >= len(activity.steps):
                lead = say.discussion_activity(activity.name)  # type: ignore[attr-defined]
                phase.topical[:0] = [lead, *activity.fitted(phase.minutes)]
                phase.whole_activity = True
            elif phase.id == "commitments":
                phase.topical.append(say.next_activity(activity.name))  # type: ignore[attr-defined]
            else:
                continue
            phase.cited.append(activity.chunk)


def mark_repeated_openers(phases: list[Phase], embedder: Embedder) -> None:
    """A discussion whose module lines already say what the guide's opening line does ("the mentor
    says how people of their age use assistants" after "the mentor shares how colleagues their age
    see the topic") shows the module's lines only: the same step twice reads as padding. (Not the
    close: there a similar line, "next session's main activity", is a different step.)"""
    for phase in phases:
        if phase.id != "discussion" or not phase.activities or not phase.topical or phase.whole_activity:
            continue
        vectors = embedder.embed([phase.activities[0], *phase.topical])
        phase.opener_repeated = bool(max(vectors[1:] @ vectors[0]) >= REPEATED_OPENER)


def compose_agenda(
    request: AgendaRequest,
    match: TopicMatch,
    groups: dict[str, list[Chunk]],
    embedder: Embedder,
    starters: list[str],
    defaults: ProgrammeDefaults,
    conversation: bool = False,
    listening: bool = False,
) -> Agenda:
    """`groups`: "guide" (the stage's session guide), "topic" (the matched module's passages),
    "practice" (the hands-on practice guide, or with `conversation` the conversation guide, for a
    subject no module covers, and with `listening` too the listening guide, for one to understand
    rather than to say) and "starters" (the starters chosen)."""
    say = phrases()
    guide, topic_chunks, practice = (
        groups.get("guide", []),
        groups.get("topic", []),
        groups.get("practice", []),
    )
    stage = request.stage
    flow = guide_flow([chunk for chunk in guide if chunk.heading == Heading.SUGGESTED_FLOW])
    if not flow:
        raise ValueError("the session guide has no 'Suggested flow' passage")
    if stage == "middle" and conversation:
        # the conversation and listening guides say what happens in each of the typical session's
        # phases around their main activity: the close checks what was heard, not "one thing to try"
        flow |= guide_flow([chunk for chunk in practice if chunk.heading == Heading.SUGGESTED_FLOW])
    phases, spare = plan_phases(stage, request.minutes, defaults, flow)
    focus = " ".join([request.topic, *request.goals, *request.talking_points])
    skill_module = match.module is not None and match.module.kind == "topic"
    used: Lines = []

    # The review follows up the last sessions and the actions still open; a session too short for
    # a separate review does it in its opening phase.
    review = next((phase for phase in phases if phase.id == "review"), None)
    if review is None and stage != "first":
        review = phases[0]
    if review is not None:
        for previous in request.previous_sessions[-2:]:
            review.own.append(say.previous_session(previous.topic, brief_notes(previous.notes)))
        for action in request.open_actions[:MAX_FOLLOWED_UP]:
            review.own.append(say.open_action(action.text, action.owner, action.session_number))
    worry = stated_worry(request.topic) if stage == "middle" else ""
    if worry and (advice := section_items(guide, Heading.PLAN_GOES_WRONG)):
        # "he's nervous about onedrive": named at the start, and the practice starts small
        calming = best_lines(embedder, f"the mentee is nervous: {worry}", advice, 1)
        phases[0].own.append(say.worry_check_in(worry))
        phases[0].cited.append(calming[0][1])
    for phase in phases:
        if phase.id == "discussion" and request.mentee_role and not HOME_LIFE.search(request.topic):
            # (a family WhatsApp group does not show up in a finance director's week)
            phase.own.append(say.role_question(request.mentee_role))
        if phase.id == "goals" and request.goals:
            phase.own.append(say.goals_to_shape(request.goals))
    # Each talking point goes to the phase it belongs to, by meaning (the discussion, the goals,
    # the look back...), never into a practice activity or a phase too short to hold it.
    talk = [phase for phase in phases if phase.id not in NO_TALKING_POINTS] or phases
    for point in request.talking_points:
        best = ranked(embedder, point, [f"{phase.name}: {' '.join(phase.activities)}" for phase in talk])[0]
        talk[best].own.append(say.talking_point(point))

    activities = parse_activities([c for c in topic_chunks if c.heading == Heading.PRACTICE_ACTIVITY])
    taster = next((phase for phase in phases if phase.id == "taster"), None)
    if taster is not None and skill_module and activities:
        add_taster(taster, activities, embedder, focus, say)
    if stage == "closing" and (request.topic_is_subject or topic_covered(request.topic)):
        # what the pair says it covered ("linkedin, copilot and teams etiquette"), not "last session,
        # we covered…" quoted whole
        looked_back = topic_covered(request.topic) or request.topic
        add_closing_topic(phases, looked_back, topic_chunks if skill_module else [], embedder, focus, say)
    main_activities: list[Activity] = []
    if stage == "middle" and skill_module and activities:
        main = next(phase for phase in phases if phase.id == MAIN)
        two = request.minutes >= defaults.session_length.second_activity_from
        main_activities = choose_activities(activities, main.minutes, two, embedder, focus)
        add_outline(phases, parse_outline(topic_chunks), activities, main_activities, say)
        mark_repeated_openers(phases, embedder)

    segments: list[Segment] = []
    for phase in phases:
        if phase.id == MAIN and stage == "middle":
            segments += (
                activity_segments(
                    main_activities, phase, say, own_setting(request.topic, match, topic_chunks)
                )
                if main_activities
                else main_activity(
                    request,
                    phase,
                    match,
                    topic_chunks,
                    practice,
                    embedder,
                    focus,
                    say,
                    conversation,
                    listening,
                )
            )
            continue
        segments.append(
            Segment(
                title=phase.name,
                minutes=phase.minutes,
                activities=phase.lines(),
                citations=[chunk.id for chunk in phase.cited],
            )
        )

    goal_line = {"first": say.first_goal, "closing": say.closing_goal}.get(stage, say.goal_objective)
    objectives = [goal_line(goal) for goal in request.goals]
    if stage == "middle" and skill_module:
        # Objectives the session's own activities work towards, not ones it never gets to.
        doing = " ".join([focus, *(activity.summary for activity in main_activities)])
        count = 2 if len(main_activities) <= 1 else 3  # one activity works towards two at most
        chosen = best_lines(embedder, doing, section_items(topic_chunks, Heading.LEARNING_OBJECTIVES), count)
        objectives += [text for text, _ in chosen]
        used += chosen
    elif stage == "middle" and conversation:
        objectives.append(say.conversation_objective(shown_topic(request.topic), listening))
    elif stage == "middle":
        objectives.append(say.uncovered_objective(practised_topic(request.topic)))
    else:
        lines = [line for line in say.stage_objectives(stage).splitlines() if line.strip()]
        objectives += lines[1:] if stage == "closing" and request.goals else lines

    if stage == "middle" and skill_module:
        follow_up_lines = [
            (t, c) for t, c in section_items(topic_chunks, Heading.FOLLOW_UPS) if not is_navigation(t)
        ]
    elif stage == "middle":
        follow_up_lines = section_items(practice, Heading.AFTER_THE_SESSION)
    else:
        follow_up_lines = section_items(guide, Heading.AFTER_THE_SESSION)
    follow_ups = best_lines(embedder, focus, follow_up_lines, 3)
    used += follow_ups

    cited = [chunk for phase in phases for chunk in phase.cited]
    cited += [
        chunk for segment in segments for chunk in topic_chunks + practice if chunk.id in segment.citations
    ]
    cited += [chunk for _, chunk in used] + groups.get("starters", [])
    if match.module is not None:
        cited.append(match.module.chunk)
    return Agenda(
        title=say.agenda_title(
            title_topic(request.topic),
            request.session_number,
            request.total_sessions,
            request.mentee_role or (topic_role(request.topic) if stage == "first" else None),
            # a last session the topic names, with no number that says so: not "Session 1"
            last=stage == "closing" and request.session_number < (request.total_sessions or 2),
            closing=stage == "closing",
        ),
        minutes=request.minutes,
        spare_minutes=spare,
        coverage="covered" if match.covered else "not_covered",
        module=match.module.article_id if match.module else None,
        module_title=match.module.title if match.module else None,
        coverage_note=None
        if match.covered
        else say.coverage_note(shown_topic(request.topic), stage, conversation, listening),
        objectives=objectives,
        segments=segments,
        starters=starters,
        follow_ups=[text for text, _ in follow_ups],
        citations=cite(cited, {chunk.id: text for text, chunk in used}),
    )


def shown_topic(topic: str) -> str:
    """The topic as a plan repeats it: the phrase a question can carry ("whatsapp business for the
    farm shop"), else its first words; the pair's whole sentence is not pasted four times."""
    words = topic.split()
    phrase = topic_phrase(topic)
    if STAGE_ONLY.fullmatch(phrase):
        # "first session - she's head of legal, wants to get going with copilot": the title says what
        # the session is about, which comes after the words that only say which session it is
        rest = topic[topic.lower().find(phrase.lower()) + len(phrase) :].strip(" ,.;:-–—")
        phrase = topic_phrase(rest) if rest else phrase
        said = phrase and not STAGE_ONLY.fullmatch(phrase) and not NOT_A_TITLE.match(phrase)
        phrase = phrase if said else topic_phrase(topic)
    if (
        phrase
        and (NOT_A_TITLE.match(phrase) or STAGE_ONLY.fullmatch(phrase))
        and (covered := topic_covered(topic))
    ):
        phrase = covered  # "final session, we did excel and teams" is about "excel and teams"
    return phrase or (" ".join(words[:TOPIC_WORDS]) + "…" if len(words) > TOPIC_WORDS else topic)


def title_topic(topic: str) -> str:
    """The topic as the plan's title quotes it: "" when it only says which session it is ("first
    meeting with my mentee"), which the title says already."""
    shown = shown_topic(topic)
    return "" if STAGE_ONLY.fullmatch(shown) else shown


# ... and what follows it that says when, or what the pair did, not what the session is about.
NOT_A_TITLE = re.compile(
    r"(?:tmrw|tomorrow|today|tonight|next week|this week|on\s+\w+day|\w+day)$|(?:we|i|i'?m|im|we'?re)\b",
    re.IGNORECASE,
)
# A phrase that only says which session it is: "first session", "intro chat w my mentee tmrw".
STAGE_ONLY = re.compile(
    r"(?:(?:(?:my|our|the|a|an)\s+)?(?:(?:very|new)\s+)?(?:first|1st|initial|intro|introductory|opening|last|"
    r"final|closing)\s+(?:ever\s+)?"
    r"(?:session|sesh|meeting|mtg|chat|call|one|1:1|catch[- ]?up|meet(?:[- ]?up)?)"
    # "wrapping up with my mentee", "saying goodbye to my mentor"
    r"|wrap(?:ping)?[- ]?(?:it |things )?up|winding (?:it )?(?:up|down)|saying goodbye(?: to)?)"
    r"(?:\s+(?:w|w/|with)?\s*(?:my|our)\s+(?:new\s+)?(?:reverse\s+)?(?:mentee|mentor))?"
    r"(?:\s+(?:tmrw|tomorrow|today|next week|this week|on\s+\w+day|\w+day))?",
    re.IGNORECASE,
)


def practised_topic(topic: str) -> str:
    """The topic as the thing practised: "practise making a slideshow", not "practise make…"."""
    shown = shown_topic(topic)
    return as_activity(shown) or shown


def own_aim(topic: str) -> str | None:
    """What the pair wrote after the topic's phrase, when it says what the practice is for ("he
    wants to send offers to customers"): the real task to practise on."""
    phrase = topic_phrase(topic)
    if not phrase or not topic.startswith(phrase):
        return None
    rest = PAIR_LEAD.sub("", topic[len(phrase) :].strip(" ,.;:-–—")).strip(" ,.;:-–—")
    # (who the partner is, "she's the finance manager", is no task to practise on)
    return rest if 3 <= len(rest.split()) <= 25 and AIM.search(rest) else None


# "for my mentee, she's…": who the practice is for, before what they want.
PAIR_LEAD = re.compile(r"^(?:for|with|w/?)\s+(?:my|our)\s+(?:reverse\s+)?(?:mentee|mentor)\b", re.IGNORECASE)
# What says the words are an aim: "he wants to sell more eggs", "to stop copy pasting the report".
AIM = re.compile(
    r"\b(?:wants?|wanting|would like|'d like|hopes?|hoping|plans?|planning|needs?|trying|aims?|goal|"
    r"so (?:that|she|he|they|we|i)|in order to|to (?:stop|start|get|make|send|sell|build|run|share|find|"
    r"write|post|reach|save|cut|track|fix|learn|use|set up|keep|manage|plan|book|answer|reply|avoid))\b",
    re.IGNORECASE,
)


def main_activity(
    request: AgendaRequest,
    phase: Phase,
    match: TopicMatch,
    topic_chunks: list[Chunk],
    practice: list[Chunk],
    embedder: Embedder,
    focus: str,
    say: object,
    conversation: bool = False,
    listening: bool = False,
) -> list[Segment]:
    """The middle session's main activity when the module has no timed activities: a
    conversation for a relationship topic, or, for a topic the corpus does not cover, the
    hands-on practice structure around the user's topic (with `conversation`, a subject: the
    conversation guide's talk from both sides and rehearsal, or with `listening` the listening
    guide's view from the junior side)."""
    if match.module is not None and match.module.kind == "relationship":
        items = [
            (plain(item), chunk)
            for chunk in topic_chunks
            if chunk.heading != "Summary"
            for item in list_items(chunk.text)
        ]
        chosen = best_lines(embedder, focus, items, 3)
        return [
            Segment(
                title=say.conversation_title(shown_topic(request.topic)),  # type: ignore[attr-defined]
                minutes=phase.minutes,
                activities=[say.conversation_lead(), *(text for text, _ in chosen)],  # type: ignore[attr-defined]
                citations=[chunk.id for _, chunk in chosen] or [c.id for c in phase.cited],
            )
        ]
    flow = guide_flow([chunk for chunk in practice if chunk.heading == Heading.SUGGESTED_FLOW])
    steps, chunk = flow.get(phase.name.lower(), (phase.activities, None))
    if conversation:
        title = (say.listening_title if listening else say.rehearsal_title)(shown_topic(request.topic))  # type: ignore[attr-defined]
    else:
        title = say.practice_title(practised_topic(request.topic))  # type: ignore[attr-defined]
        steps = [say.practice_lead(own_aim(request.topic)), *steps]  # type: ignore[attr-defined]
    return [
        Segment(
            title=title,
            minutes=phase.minutes,
            activities=steps,
            citations=[chunk.id] if chunk else [c.id for c in phase.cited],
        )
    ]
