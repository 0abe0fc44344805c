"""Whole plans through the service: the corpus's rules, whole activities, honest coverage."""

import re

import pytest

from companion.guidance.planner.agenda import shown_topic, stated_worry
from companion.guidance.schemas import AgendaRequest, PreviousSession


@pytest.fixture(scope="module")
def guidance(kb_services):
    return kb_services.guidance


def kinds_cited(agenda, kb_services) -> set[str]:
    by_id = {chunk.id: chunk for chunk in kb_services.chunks}
    return {by_id[c].article_id for segment in agenda.segments for c in segment.citations}


def test_a_short_session_on_a_named_tool(guidance) -> None:
    agenda = guidance.agenda(
        AgendaRequest(
            topic="using Copilot in Outlook", minutes=20, session_number=3, mentee_role="head of legal"
        )
    )
    assert agenda.coverage == "covered" and agenda.module == "topic-generative-ai"
    assert agenda.title.startswith("Session 3: “using Copilot in Outlook”")
    titles = [segment.title for segment in agenda.segments]
    assert "Review" not in titles  # dropped at 30 minutes or less
    activities = [segment for segment in agenda.segments if segment.title.startswith("Main activity")]
    lead, *steps = activities[0].activities
    assert len(activities) == 1 and all(line.startswith("(") for line in steps)
    assert activities[0].title.endswith(", on “using Copilot in Outlook”"), "its examples are not Outlook"
    assert lead == (
        "Use the mentee's own case, “using Copilot in Outlook”, and swap in examples from it wherever the "
        "ones below do not fit."
    ), "where the examples come from"
    assert sum(s.minutes for s in agenda.segments) + agenda.spare_minutes == 20 and agenda.spare_minutes == 2


@pytest.mark.parametrize(
    "topic",
    [
        "building confidence to post on linkedin, she's terrified of looking stupid",
        "excel - he hates pivot tables",
        "Checking AI output for errors",
    ],
)
def test_a_feeling_or_a_check_is_not_where_the_examples_come_from(guidance, topic: str) -> None:
    agenda = guidance.agenda(AgendaRequest(topic=topic, minutes=45, session_number=2))
    lines = [line for segment in agenda.segments for line in segment.activities]
    assert agenda.coverage == "covered"
    assert not any(line.startswith("Use the mentee's own case") for line in lines)


def test_a_long_session_gets_a_second_activity_not_a_stretched_one(guidance, kb_services) -> None:
    agenda = guidance.agenda(
        AgendaRequest(topic="prompting ChatGPT to draft board papers", minutes=90, session_number=4)
    )
    activities = [segment for segment in agenda.segments if segment.title.startswith("Main activity")]
    assert len(activities) == 2 and activities[0].title != activities[1].title
    for segment in activities:
        timed = [line for line in segment.activities if line.startswith("(")]
        stated = sum(int(line[1 : line.index(" min)")]) for line in timed)
        assert stated == segment.minutes  # the steps fill their own slot, no more
    assert kinds_cited(agenda, kb_services) <= {"typical-session", "topic-generative-ai"}


def test_a_short_slot_begins_the_activity_the_topic_is_about_rather_than_one_that_fits(guidance) -> None:
    agenda = guidance.agenda(
        AgendaRequest(
            topic="getting her to stop printing everything and use onedrive", minutes=25, session_number=3
        )
    )
    (activity,) = [segment for segment in agenda.segments if segment.title.startswith("Main activity")]
    steps = [line for line in activity.activities if line.startswith("(")]
    assert "one piece of work" in activity.title and "calendar" not in activity.title.lower()
    assert "shared document" in " ".join(steps)  # its first steps, in order, fitted to the slot
    assert sum(int(line[1 : line.index(" min)")]) for line in steps) == activity.minutes


def test_a_topic_no_module_covers_says_so_and_borrows_nothing(guidance, kb_services) -> None:
    agenda = guidance.agenda(
        AgendaRequest(
            topic="mail merge in word", minutes=45, session_number=3, mentee_role="finance director"
        )
    )
    assert agenda.coverage == "not_covered" and agenda.module is None
    by_id = {chunk.id: chunk for chunk in kb_services.chunks}
    assert not [c.id for c in agenda.citations if by_id[c.id].kind == "topic"]
    assert any("“mail merge in word”" in line for line in agenda.objectives)
    main = next(segment for segment in agenda.segments if segment.title.startswith("Main activity"))
    assert "“mail merge in word”" in main.title


def test_a_first_meeting_has_no_step_about_earlier_sessions(guidance) -> None:
    agenda = guidance.agenda(
        AgendaRequest(
            topic="getting to know each other and setting goals",
            minutes=60,
            session_number=1,
            mentee_role="managing director",
            talking_points=["what would success look like by the summer"],
        )
    )
    text = " ".join(line for segment in agenda.segments for line in segment.activities).lower()
    assert "since the last session" not in text and "last time" not in text
    titles = [segment.title for segment in agenda.segments]
    assert titles[:3] == ["Introductions and expectations", "Ground rules", "Goals"]
    assert titles.count("A short taster") <= 1
    goals = next(segment for segment in agenda.segments if segment.title == "Goals")
    assert any("“what would success look like by the summer”" in line for line in goals.activities)


def test_a_first_meeting_about_a_covered_skill_tastes_that_skill(guidance) -> None:
    agenda = guidance.agenda(
        AgendaRequest(topic="using ChatGPT safely at work", minutes=60, session_number=1, total_sessions=6)
    )
    taster = next(segment for segment in agenda.segments if segment.title == "A short taster")
    assert "taste of what is coming" in taster.activities[0]
    # one activity, whole or its first steps, its step minutes fitted to the taster's
    step_minutes = [int(re.match(r"\((\d+) min\)", line).group(1)) for line in taster.activities[1:]]  # type: ignore[union-attr]
    assert step_minutes and sum(step_minutes) == taster.minutes
    module = agenda.module
    assert module is not None and any(cited.startswith(module) for cited in taster.citations)
    assert "muting a noisy chat channel" not in " ".join(taster.activities)  # not the guide's generic example
    uncovered = guidance.agenda(AgendaRequest(topic="beekeeping for beginners", minutes=60, session_number=1))
    generic = next(segment for segment in uncovered.segments if segment.title == "A short taster")
    assert all(not cited.startswith("topic-") for cited in generic.citations)


def test_a_closing_session_sets_no_new_skill(guidance) -> None:
    agenda = guidance.agenda(
        AgendaRequest(
            topic="generative AI",
            minutes=45,
            session_number=6,
            total_sessions=6,
            goals=["post on LinkedIn weekly"],
        )
    )
    assert not [s for s in agenda.segments if s.title.startswith("Main activity")]
    assert (
        agenda.objectives[0]
        == "Look back at the goal “post on LinkedIn weekly”: met, changed or dropped, and why."
    )
    assert not any("prompt" in objective.lower() for objective in agenda.objectives)


def test_the_review_names_the_previous_session(guidance) -> None:
    agenda = guidance.agenda(
        AgendaRequest(
            topic="spotting phishing emails",
            minutes=60,
            session_number=3,
            previous_sessions=[PreviousSession(topic="password managers", notes="set one up on her phone")],
        )
    )
    review = next(segment for segment in agenda.segments if segment.title == "Review")
    assert any(
        "“password managers”" in line and "“set one up on her phone”" in line for line in review.activities
    )


def test_a_middle_session_uses_the_modules_own_outline(guidance) -> None:
    agenda = guidance.agenda(
        AgendaRequest(topic="reading dashboards", minutes=60, session_number=3, total_sessions=6)
    )
    check_in = next(segment for segment in agenda.segments if segment.title == "Check-in")
    assert any("dashboard" in line for line in check_in.activities)
    assert any(
        cited.startswith("topic-data-analytics#suggested-session-outline") for cited in check_in.citations
    )
    text = " ".join(line for segment in agenda.segments for line in segment.activities)
    assert "below" not in text and "above" not in text  # nothing points at a list the plan does not show
    close = next(segment for segment in agenda.segments if segment.title == "Commitments and close")
    assert any(line.startswith("Next session's main activity") for line in close.activities)


def test_short_phases_are_not_crammed(guidance) -> None:
    agenda = guidance.agenda(
        AgendaRequest(
            topic="LinkedIn", minutes=20, session_number=6, total_sessions=6, talking_points=["my new role"]
        )
    )
    for segment in agenda.segments:
        assert len(segment.activities) <= max(2, segment.minutes // 2 + 1), segment
    opening = agenda.segments[0]
    assert not any("my new role" in line for line in opening.activities)  # not in a 2-minute opening


def test_a_closing_session_on_a_subject_looks_back_at_it(guidance) -> None:
    agenda = guidance.agenda(
        AgendaRequest(topic="Gen Z in the workplace", minutes=45, session_number=6, total_sessions=6)
    )
    text = " ".join(line for segment in agenda.segments for line in segment.activities)
    assert "“Gen Z in the workplace”" in text
    stage_only = guidance.agenda(
        AgendaRequest(topic="our last session", minutes=45, session_number=6, total_sessions=6)
    )
    assert "“our last session”" not in " ".join(line for s in stage_only.segments for line in s.activities)


def test_an_uncovered_topic_is_named_by_its_phrase_and_its_aim_becomes_the_task(guidance) -> None:
    topic = "ebay listings for the farm shop, he wants to send offers to customers"
    agenda = guidance.agenda(AgendaRequest(topic=topic, minutes=40, session_number=3))
    assert agenda.coverage == "not_covered"
    text = " ".join(
        [agenda.title, *agenda.objectives, *(s.title for s in agenda.segments)]
        + [a for s in agenda.segments for a in s.activities]
    )
    assert topic not in text, "the whole sentence is not pasted into the plan"
    assert "“ebay listings for the farm shop”" in agenda.title
    assert "one that serves what you wrote: “he wants to send offers to customers”" in text
    assert any("ebay listings for the farm shop" in starter for starter in agenda.starters)


def test_the_discussion_does_not_say_the_same_step_twice(guidance) -> None:
    agenda = guidance.agenda(
        AgendaRequest(topic="ChatGPT for committee reports", minutes=45, session_number=3, total_sessions=6)
    )
    discussion = next(segment for segment in agenda.segments if segment.title == "Two-way discussion")
    mentor_view = [line for line in discussion.activities if line.startswith("The mentor s")]
    assert len(mentor_view) == 1  # the module's "the mentor says how people of their age use…"


def test_an_assistant_inside_a_covered_tool_gets_the_activity_written_for_it(guidance) -> None:
    agenda = guidance.agenda(AgendaRequest(topic="copilot in excel", minutes=45, session_number=3))
    main = next(segment for segment in agenda.segments if segment.title.startswith("Main activity"))
    assert "Copilot" in main.title and any("SUM" in step for step in main.activities)


def test_a_subject_no_module_covers_is_talked_through_and_rehearsed_not_practised_on_a_device(
    guidance,
) -> None:
    agenda = guidance.agenda(
        AgendaRequest(
            topic="prep for a difficult conversation with my team about restructure",
            minutes=45,
            session_number=2,
        )
    )
    assert agenda.coverage == "not_covered"
    main = next(segment for segment in agenda.segments if segment.title.startswith("Main activity"))
    assert "rehearsal" in main.title
    shown = " ".join([main.title, *main.activities, *agenda.objectives]).lower()
    assert "device" not in shown and "keyboard" not in shown
    # a skill no module covers keeps the hands-on structure
    podcast = guidance.agenda(
        AgendaRequest(topic="starting a podcast for the trust", minutes=45, session_number=2)
    )
    assert any("real task" in segment.title for segment in podcast.segments)


def test_a_subject_to_understand_is_listened_to_and_borrows_no_skill_module(guidance, kb_services) -> None:
    # close in words to the messaging-apps module, which once gave it a scam-message exercise
    agenda = guidance.agenda(
        AgendaRequest(
            topic="how our night shift staff actually use their phones at work", minutes=45, session_number=3
        )
    )
    assert agenda.coverage == "not_covered" and agenda.module is None
    assert kinds_cited(agenda, kb_services) <= {"typical-session", "listening-session"}
    main = next(segment for segment in agenda.segments if segment.title.startswith("Main activity"))
    assert main.title.endswith("seen from the junior side")
    assert "rehearsal" not in main.title and not any("rehears" in step for step in main.activities)
    close = agenda.segments[-1]
    assert close.title == "Commitments and close" and "check what they heard" in " ".join(close.activities)


def test_news_to_tell_a_team_is_rehearsed_and_a_closing_canteen_is_no_last_session(guidance) -> None:
    agenda = guidance.agenda(
        AgendaRequest(topic="prep for telling my team the canteen is closing", minutes=30, session_number=2)
    )
    assert agenda.coverage == "not_covered" and agenda.module is None  # not the closing-session guide
    main = next(segment for segment in agenda.segments if segment.title.startswith("Main activity"))
    assert "rehearsal" in main.title


@pytest.mark.parametrize(
    ("topic", "shown"),
    [
        # the words that only say which session it is are not its title when more follows
        ("first session - she's head of legal, wants to get going with copilot", "get going with copilot"),
        ("first session with my mentee tomorrow", "first session with my mentee"),
        ("final session, we did excel and teams", "excel and teams"),
        ("excel formulas", "excel formulas"),
    ],
)
def test_a_plan_is_titled_by_what_the_session_is_about(topic: str, shown: str) -> None:
    assert shown_topic(topic) == shown


def test_a_worry_the_topic_states_is_named_in_the_check_in_and_asked_about(guidance) -> None:
    topic = "getting my mentee (head of estates) to stop printing every email, he's nervous about onedrive"
    agenda = guidance.agenda(AgendaRequest(topic=topic, minutes=30, session_number=3))
    check_in = agenda.segments[0]
    assert any("“he's nervous about onedrive”" in line for line in check_in.activities)
    assert any(citation.startswith("typical-session#") for citation in check_in.citations)
    starters = " ".join(agenda.starters)
    assert "What worries you most about onedrive" in starters
    assert "“nervous about onedrive” fit into" not in starters


@pytest.mark.parametrize(
    ("topic", "worry"),
    [
        (
            "excel for the budget, she is a bit scared of breaking the formulas",
            "she is a bit scared of breaking the formulas",
        ),
        (
            "copilot in outlook. my mentee is worried about confidential stuff",
            "my mentee is worried about confidential stuff",
        ),
        ("copilot in outlook. i'm worried about confidential stuff, any tips", ""),
        ("linkedin headline for the new ceo", ""),
    ],
)
def test_a_stated_worry_is_read_as_written(topic: str, worry: str) -> None:
    assert stated_worry(topic) == worry


def test_a_first_meeting_is_titled_as_one_not_by_the_words_that_say_so(guidance) -> None:
    topic = "first meeting with my mentee, she's the director of nursing"
    agenda = guidance.agenda(AgendaRequest(topic=topic, minutes=45, session_number=1))
    assert agenda.title == "Session 1: your first meeting, with your mentee (director of nursing)"


def test_a_last_session_is_titled_as_the_last_and_names_what_the_pair_covered(guidance) -> None:
    agenda = guidance.agenda(
        AgendaRequest(
            topic="wrapping up with my mentee, we did whatsapp and canva",
            minutes=45,
            session_number=6,
            total_sessions=6,
        )
    )
    assert agenda.title == "Session 6 of 6, your last: looking back at “whatsapp and canva”"
    changed = next(s for s in agenda.segments if s.title == "What changed")
    assert any(line.startswith("Look back at “whatsapp and canva”") for line in changed.activities)


def test_the_mentees_own_case_is_the_task_the_topic_names_not_the_detail_beside_it(guidance) -> None:
    agenda = guidance.agenda(
        AgendaRequest(
            topic="showing him how to use copilot to summarise long email chains, he gets 200 emails a day",
            minutes=25,
            session_number=3,
        )
    )
    main = next(s for s in agenda.segments if s.title.startswith("Main activity"))
    assert "summarise long email chains" in main.title and "200 emails" not in main.title
