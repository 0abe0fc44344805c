"""Reflections grounded in the notes: the framework fits, two prompts quote the notes, people
read stage names, and the wrong side of the pair is never addressed."""

import pytest

from companion.guidance.composer.notes import read_notes
from companion.guidance.composer.reflections import (
    choose_framework,
    in_its_sentence,
    pick_clauses,
    pointed_back_to,
    quoted,
    skill_topic,
    subjects,
)
from companion.guidance.schemas import ReflectionRequest
from companion.kb.vocabulary import FRAMEWORK_STAGES

NOTES = "Copilot got two numbers wrong, I felt embarrassed, I'll try it on the board pack"


@pytest.mark.parametrize(
    ("notes", "count", "framework"),
    [
        (NOTES, 6, "gibbs"),
        ("we practised filters on the sales dashboard and set up a saved view together", 4, "kolb"),
        ("fun", 6, "what-so-what-now-what"),
        (None, 6, "gibbs"),
        (None, 3, "what-so-what-now-what"),
    ],
)
def test_the_framework_fits_the_notes(notes: str | None, count: int, framework: str) -> None:
    assert choose_framework(count, notes) == framework


def test_the_notes_are_read_clause_by_clause() -> None:
    assert [(c.text, c.kind) for c in read_notes(NOTES)] == [
        ("Copilot got two numbers wrong", "wrong"),
        ("I felt embarrassed", "felt"),
        ("I'll try it on the board pack", "next"),
    ]


def test_prompts_pick_up_the_notes_under_an_honest_title(kb_services) -> None:
    answer = kb_services.guidance.reflect(ReflectionRequest(topic="copilot session", notes=NOTES, count=6))
    quoting = [p for p in answer.prompts if p.text.startswith("You wrote “")]
    assert len(quoting) >= 2
    assert any("“Copilot got two numbers wrong”" in p.text for p in quoting)
    assert answer.title.startswith("Gibbs's reflective cycle, for a session with a hard moment")
    assert {p.stage_label for p in answer.prompts} <= {
        "Description",
        "Feelings",
        "Evaluation",
        "Analysis",
        "Conclusion",
        "Action plan",
    }
    assert all(p.citations for p in answer.prompts)


def test_a_mentor_is_never_told_about_their_junior_mentor(kb_services) -> None:
    answer = kb_services.guidance.reflect(
        ReflectionRequest(
            topic="inclusion", notes="he got defensive and I nearly cried", count=8, role="mentor"
        )
    )
    text = " ".join(p.text.lower() for p in answer.prompts)
    assert "your junior mentor" not in text and "when you observed" not in text


@pytest.mark.parametrize(
    ("topic", "notes", "expected"),
    [
        ("chatgpt for minutes", "it made up an action, glad i checked", {"tool"}),
        ("linkedin", "posted my first article, one weird comment", {"posting"}),
        ("feedback", "i told him his slides were hard to read and he got defensive", {"relationship"}),
        ("hybrid work", "", {"relationship"}),  # without notes the relationship prompts stay open
        # a platform named in longer notes is posting only when something was posted
        ("first meeting", "nervous, talked too much about myself. we agreed to look at tiktok", set()),
    ],
)
def test_what_the_session_was_about_is_read_from_topic_and_notes(
    topic: str, notes: str, expected: set[str]
) -> None:
    assert subjects(topic, notes) == expected


def test_a_session_about_a_tool_is_not_asked_about_rank(kb_services) -> None:
    answer = kb_services.guidance.reflect(
        ReflectionRequest(
            topic="copilot in excel",
            notes="asked it to build a forecast and it used the wrong column, bit shaken",
            count=5,
        )
    )
    cited = [kb_services.guidance.retriever.by_id[p.citations[0]] for p in answer.prompts]
    assert all(chunk.tags.get("about") != "relationship" for chunk in cited)
    assert sum(chunk.tags.get("about") == "tool" for chunk in cited) >= 3


@pytest.mark.parametrize(
    ("notes", "framework"),
    [
        # a hiccup in a good session is not a hard moment
        ("good session tbh. he kept replying in the wrong thread lol but got the hang of @mentions", "kolb"),
        ("i called her meetings 'boomer meetings' as a joke and it landed wrong, she went quiet", "gibbs"),
        ("sat in on his ops meeting, he talked for 40 of the 50 mins and asked me back in 2 months", None),
        # tears of laughter and a mild annoyance at a power cut are no hard moment in a practice
        (
            "she typed 2.5 not 25 and all the alarms went off, we laughed until we cried. set up 40 sensors",
            "kolb",
        ),
        ("he did 6 replies himself. power went off, lost 2 drafts, he was a bit annoyed, me too", "kolb"),
    ],
)
def test_a_hard_moment_is_told_from_a_hiccup(notes: str, framework: str | None) -> None:
    chosen = choose_framework(5, notes)
    assert chosen == framework if framework else chosen != "gibbs"


def test_notes_with_several_points_have_each_picked_up(kb_services) -> None:
    notes = (
        "learnt to give it a role and the audience. my first prompt was one line lol. rewrote the job advert "
        "prompt 3 times, third version was usable. will try on the quarterly newsletter"
    )
    answer = kb_services.guidance.reflect(
        ReflectionRequest(topic="writing better prompts", notes=notes, count=4, role="mentee")
    )
    text = " ".join(p.text.lower() for p in answer.prompts)
    for point in ("job advert", "quarterly newsletter", "first prompt"):
        assert point in text
    assert answer.title.startswith("Kolb")


def test_a_quoted_line_is_followed_by_a_question_about_that_line(kb_services) -> None:
    notes = "ran out of time, she kept checking her phone. i think i went too fast. next time one thing only"
    answer = kb_services.guidance.reflect(
        ReflectionRequest(topic="excel pivot tables", notes=notes, count=3, role="mentor")
    )
    quoting = [p for p in answer.prompts if p.text.startswith("You wrote")]
    assert len(quoting) >= 2
    assert all(p.citations[0].startswith("following-up-your-notes#") for p in quoting)
    assert any("next time one thing only" in p.text for p in quoting)


def test_notes_about_my_mentee_are_the_mentors() -> None:
    assert ReflectionRequest(topic="tiktok", notes="my mentee froze on camera").role == "mentor"
    assert ReflectionRequest(topic="tiktok", notes="my mentor froze on camera").role == "mentee"
    assert ReflectionRequest(topic="tiktok", notes="my mentee froze", role="mentee").role == "mentee"


def test_a_feeling_in_the_notes_gets_feelings_even_when_no_general_prompt_fits(kb_services) -> None:
    notes = (
        "she showed me how to filter by region, i kept clicking the wrong thing and felt slow. "
        "want to build the q3 one myself before next session"
    )
    answer = kb_services.guidance.reflect(
        ReflectionRequest(topic="power bi dashboard for the board pack", notes=notes, role="mentee", count=5)
    )
    # (a practice with a wobble in it is looked back on with Kolb: the feeling is asked about where
    # that cycle reflects, with the follow-up written for a feeling)
    feelings = [prompt for prompt in answer.prompts if "felt slow" in prompt.text]
    assert feelings and "feeling" in feelings[0].text.split("”", 1)[1]
    assert feelings[0].stage in ("feelings", "reflective-observation")


def test_something_the_tool_missed_reads_as_something_that_went_wrong() -> None:
    (clause,) = read_notes("copilot missed the bit about the overtime budget completely")
    assert clause.kind == "wrong"


def test_a_mentor_is_asked_about_the_mentees_post_not_their_own(kb_services) -> None:
    answer = kb_services.guidance.reflect(
        ReflectionRequest(
            topic="LinkedIn",
            notes="she posted her first article!! only 3 likes and she seemed deflated",
            role="mentor",
            count=5,
        )
    )
    texts = " ".join(prompt.text for prompt in answer.prompts)
    assert "What did you post" not in texts
    assert "your mentee's post" in texts or "your mentee post" in texts


def test_a_last_session_looks_back_on_the_programme_and_never_at_a_next_session(kb_services) -> None:
    notes = "we covered excel, canva and copilot. i'm proud i can do pivot tables now. sad it's ending"
    answer = kb_services.guidance.reflect(
        ReflectionRequest(topic="last session", notes=notes, count=5, role="mentee")
    )
    texts = " ".join(p.text for p in answer.prompts).lower()
    assert answer.title.startswith("A look back at the whole programme")
    assert "next session" not in texts and "next meet" not in texts
    assert sum("first session" in p.text or "whole programme" in p.text for p in answer.prompts) >= 1
    assert sum(p.text.startswith("You wrote “") for p in answer.prompts) >= 2


def test_a_post_that_was_not_made_is_not_asked_about() -> None:
    assert "posting" not in subjects(
        "linkedin profile", "he didnt want to post anything, said it felt like bragging"
    )
    assert "posting" in subjects("linkedin profile", "he posted his first article and got 40 likes")


def test_a_clause_that_only_says_it_went_fine_is_not_quoted_back() -> None:
    from companion.guidance.composer.notes import telling_clauses

    clauses = telling_clauses(read_notes("quick one, went fine, he made his first poster"))
    assert [clause.text for clause in clauses] == ["he made his first poster"]


def test_a_first_session_is_never_asked_about_sessions_before_it(kb_services) -> None:
    notes = "we talked about our careers and agreed ground rules. she wants to show me instagram next time"
    answer = kb_services.guidance.reflect(
        ReflectionRequest(topic="first meeting", notes=notes, count=6, role="mentee")
    )
    texts = " ".join(p.text for p in answer.prompts).lower()
    assert "since the last session" not in texts and "at the start of the pairing" not in texts


def test_what_someone_wants_to_do_next_is_read_as_what_comes_next() -> None:
    assert read_notes("want to use it for the budget report")[0].kind == "next"


def test_a_post_planned_for_later_is_not_a_post_made() -> None:
    notes = "we rewrote her headline together and she wants to post on linkedin friday about the launch"
    assert "posting" not in subjects("linkedin feedback", notes)
    assert "posting" in subjects(
        "linkedin feedback", "her post on linkedin got 40 likes and two odd comments"
    )


def test_a_plan_asks_about_what_went_wrong_when_the_notes_name_no_next_step() -> None:
    clauses = read_notes("he built his first pivot on the rota data. I talked too much at the start tho")
    picked = pick_clauses(clauses, "kolb", FRAMEWORK_STAGES["kolb"], count=4)
    assert picked["active-experimentation"].text == "I talked too much at the start tho"


def test_no_line_is_quoted_again_in_place_of_one_not_yet_quoted() -> None:
    notes = (
        "i got two numbers wrong. i was so embarrassed i rushed the rest. he was nice about it. i felt stupid"
    )
    picked = pick_clauses(read_notes(notes), "gibbs", FRAMEWORK_STAGES["gibbs"], count=4)
    assert "action-plan" not in picked


def test_of_several_lines_about_what_happened_the_one_that_found_something_out_is_asked_about() -> None:
    notes = "I brought the monthly pack. It turns out the closed figure counts reopened cases twice."
    picked = pick_clauses(read_notes(notes), "kolb", FRAMEWORK_STAGES["kolb"], count=2)
    assert picked["concrete-experience"].text.startswith("It turns out")


def test_a_skill_practised_keeps_kolb_when_three_prompts_are_asked_for() -> None:
    notes = "we practised pivot tables on the rota data and she built one on her own by the end"
    assert choose_framework(3, notes) == "kolb"
    assert choose_framework(2, notes) == "what-so-what-now-what"


def test_gibbs_describes_the_writers_own_hard_moment_and_evaluates_the_writers_own_part() -> None:
    notes = (
        "we looked at the survey results. I froze when he asked about the axis, I knew the answer. "
        "he went quiet after that. I think I handled it clumsily"
    )
    picked = pick_clauses(read_notes(notes), "gibbs", FRAMEWORK_STAGES["gibbs"], count=6)
    assert picked["description"].text.startswith("I froze")
    assert picked["evaluation"].text.startswith("I think I handled it clumsily")


def test_the_other_persons_reaction_is_not_described_as_the_hard_moment() -> None:
    notes = "told him about the banter at tea break. he went quiet then said its how we bond. felt sick after"
    picked = pick_clauses(read_notes(notes), "gibbs", FRAMEWORK_STAGES["gibbs"], count=4)
    assert picked["description"].text.startswith("told him about the banter")


def test_a_hard_session_asked_in_four_prompts_or_more_keeps_its_feelings_stage(kb_services) -> None:
    notes = (
        "I froze when he asked about the axis. I knew the answer. he was kind about it. next time ill prep"
    )
    answer = kb_services.guidance.reflect(
        ReflectionRequest(topic="data visualisation", notes=notes, role="mentor", count=5)
    )
    assert "feelings" in [prompt.stage for prompt in answer.prompts]


def test_missing_someone_is_a_feeling_and_homework_is_a_plan() -> None:
    assert read_notes("will miss our chats")[0].kind == "felt"
    assert read_notes("homework: rebuild the overtime report with slicers")[0].kind == "next"


def test_a_change_the_writer_made_is_the_line_asked_about() -> None:
    notes = "we looked back at the linkedin stuff. i now post once a fortnight, which surprised me"
    picked = pick_clauses(
        read_notes(notes), "what-so-what-now-what", FRAMEWORK_STAGES["what-so-what-now-what"], 3
    )
    assert picked["what"].text.startswith("i now post")


def test_a_short_plan_and_a_commitment_are_plans_and_enjoying_it_went_well() -> None:
    from companion.guidance.composer.notes import telling_clauses

    clauses = read_notes("she made a working slicer by the end. next: measures")
    assert [c.text for c in telling_clauses(clauses) if c.kind == "next"] == ["next: measures"]
    assert read_notes("I've committed to raising it at ExCo in January")[0].kind == "next"
    assert read_notes("first time ive seen her actually enjoy it")[0].kind == "well"


def test_a_job_post_is_not_a_post_made_online() -> None:
    notes = "she had been passed over twice for the team lead post and wondered why. she became tearful"
    assert "posting" not in subjects("career aspirations", notes)


def test_a_long_line_is_quoted_up_to_its_last_comma_not_cut_mid_phrase() -> None:
    from companion.guidance.composer.reflections import quoted

    line = (
        "During our meeting I raised that he often interrupts the grads in team meetings and on the calls, "
        "which he took rather badly at first and then came round to"
    )
    assert quoted(line) == (
        "During our meeting I raised that he often interrupts the grads in team meetings and on the calls"
    )
    assert quoted("a b c d e f g h i j k l m n o p q r s t u v w x y z").endswith("v…")


def test_what_someone_said_is_quoted_whole_and_never_cut_at_a_comma_inside_it() -> None:
    from companion.guidance.composer.reflections import quoted

    line = (
        'at the door he stopped and said loud infront of the graders "maybe you send someone who can walk '
        'the floor with me, this is not a place for wheels".'
    )
    assert quoted(line).endswith('this is not a place for wheels"'), quoted(line)
    assert quoted(line).startswith("said loud infront of the graders")
    line = (
        "He smiled and said 'me also, the first time I met the minister I said thank you before he said "
        "anything'."
    )
    assert "thank you before he said anything'" in quoted(line)


def test_a_first_meeting_is_looked_back_on_lightly_whatever_was_set_up(kb_services) -> None:
    notes = "we mostly got to know each other. she asked why i volunteered. set up a whatsapp group for admin"
    answer = kb_services.guidance.reflect(
        ReflectionRequest(role="mentor", topic="intro session", count=4, notes=notes)
    )
    assert answer.title == "A look back at your first meeting (What? So what? Now what?)"
    assert all(prompt.framework == "what-so-what-now-what" for prompt in answer.prompts)


@pytest.mark.parametrize(
    ("topic", "skill"),
    [
        ("pivot tables round 2", "pivot tables"),
        ("ChatGPT prompts", "ChatGPT prompts"),
        ("Google Sites, part 3", "Google Sites"),
        ("session 4", ""),
        ("tough one today", ""),
        ("catch up w/ Priya", ""),
    ],
)
def test_a_topic_names_the_skill_practised_or_the_session(topic: str, skill: str) -> None:
    assert skill_topic(topic) == skill


def test_the_plan_does_not_quote_a_line_that_only_says_what_happened() -> None:
    notes = (
        "last session w/ mr patel. he said the best bit was learning to use voice typing for his reports. "
        "still hasnt tried copilot, says maybe next year. gave me a lovely card"
    )
    clauses = read_notes(notes)
    stages = FRAMEWORK_STAGES["what-so-what-now-what"]
    picked = pick_clauses(clauses, "what-so-what-now-what", stages, 3)
    assert "card" not in picked["now-what"].text and "copilot" in picked["now-what"].text
    assert "mr patel" not in " ".join(clause.text for clause in picked.values())


def test_only_a_quick_look_back_is_called_a_quick_check(kb_services) -> None:
    quick = kb_services.guidance.reflect(
        ReflectionRequest(topic="passwords", notes="useful, need practice", count=2)
    )
    assert quick.title.startswith("A quick check")
    notes = (
        "Watched Priya film a clip for the grad scheme in one take. She says authenticity beats polish, "
        "and I'll try a behind the scenes video with the team on Thursday."
    )
    longer = kb_services.guidance.reflect(ReflectionRequest(topic="recruitment", notes=notes, count=5))
    assert not longer.title.startswith("A quick check")


def test_a_feeling_of_the_partners_is_asked_about_as_the_writer_met_it(kb_services) -> None:
    notes = "he shared his screen by accident in an exec call. we practised one window. he was v embarrassed"
    answer = kb_services.guidance.reflect(
        ReflectionRequest(topic="teams", notes=notes, count=4, role="mentor")
    )
    feeling = [p.text for p in answer.prompts if "“he was v embarrassed”" in p.text]
    assert feeling and "How did you feel when you saw that" in feeling[0]
    assert not any("Where did that feeling come from" in p.text for p in answer.prompts)


def test_a_hurtful_remark_by_the_partner_is_the_hard_moment_and_is_quoted(kb_services) -> None:
    notes = (
        "pivot tables today. she got the hang of it fast. then she said 'you're quite clever for someone "
        "from the call centre'. didnt know what to say, laughed. keeps replaying in my head"
    )
    answer = kb_services.guidance.reflect(
        ReflectionRequest(topic="excel", notes=notes, count=4, role="mentor")
    )
    assert answer.title.startswith("Gibbs's reflective cycle, for a session with a hard moment")
    assert "clever for someone from the call centre" in answer.prompts[0].text
    assert not any("“pivot tables today”" in prompt.text for prompt in answer.prompts)


def test_a_post_only_talked_about_gets_no_questions_about_its_reactions(kb_services) -> None:
    notes = (
        "he told me my idea for his post was 'a bit childish'. i went quiet and we moved on. "
        "i wish i'd asked what he meant"
    )
    answer = kb_services.guidance.reflect(
        ReflectionRequest(topic="linkedin", notes=notes, count=4, role="mentor")
    )
    text = " ".join(prompt.text for prompt in answer.prompts)
    assert "went out" not in text and "react" not in text
    # the regret is what to do if it happens again
    plan = answer.prompts[-1].text
    assert "“i wish i'd asked what he meant”" in plan and "If the same thing happens next time" in plan


def test_what_the_partner_told_is_described_not_the_writers_silence_after_it(kb_services) -> None:
    notes = (
        "she told me about being mistaken for the intern in meetings. i didnt know what to say, i think i "
        "said something like 'that must be annoying'. it felt inadequate"
    )
    answer = kb_services.guidance.reflect(
        ReflectionRequest(topic="inclusion", notes=notes, count=5, role="mentee")
    )
    assert "mistaken for the intern" in answer.prompts[0].text
    assert any("“i didnt know what to say”" in prompt.text for prompt in answer.prompts[1:])


def test_a_good_feeling_is_not_a_problem_for_the_plan(kb_services) -> None:
    notes = (
        "showed her how to use breakout rooms. she got it first time and ran one in her own team meeting "
        "the next day. really proud of her"
    )
    answer = kb_services.guidance.reflect(
        ReflectionRequest(topic="teams meetings", notes=notes, count=4, role="mentor")
    )
    assert "really proud of her" not in answer.prompts[-1].text


def test_a_plan_does_not_ask_what_to_do_about_something_that_went_well(kb_services) -> None:
    notes = (
        "talked about my experience as the only woman in the engineering team. he listened really well and "
        "asked good questions. i was nervous to share but glad i did. he wants to talk to his leadership team"
    )
    answer = kb_services.guidance.reflect(
        ReflectionRequest(topic="inclusion", notes=notes, count=5, role="mentor")
    )
    plans = [prompt.text for prompt in answer.prompts if prompt.stage == "now-what"]
    assert not any("listened really well" in plan for plan in plans)


@pytest.mark.parametrize(
    ("topic", "notes"),
    [
        (
            "whatsapp communities",
            "set one up for the allotment society. added 12 people. my mentor showed me admin settings",
        ),
        (
            "instagram",
            "posted my first reel!! 200 views. bit cringe watching it back. my mentor says thats normal",
        ),
        (
            "copilot in word",
            "she used it to summarise a 30 page policy. summary missed the bit about exemptions",
        ),
    ],
)
def test_a_skill_practised_in_plain_words_is_looked_back_on_with_kolb(
    kb_services, topic: str, notes: str
) -> None:
    answer = kb_services.guidance.reflect(ReflectionRequest(topic=topic, notes=notes, count=4, role="mentee"))
    assert answer.title.startswith("Kolb's learning cycle")


def test_something_agreed_that_did_not_happen_is_asked_about_without_blame(kb_services) -> None:
    answer = kb_services.guidance.reflect(
        ReflectionRequest(
            topic="teams channels",
            notes="he promised to try posting in the channel before today and hadnt. "
            "i was annoyed but didnt say. next time i'll ask him at the start",
            count=4,
        )
    )
    unkept = [p for p in answer.prompts if "he promised to try posting" in p.text]
    assert unkept and "got in the way" in unkept[0].text
    cited = [kb_services.guidance.retriever.by_id[p.citations[0]] for p in unkept]
    assert cited[0].tags["about"] == "notes-unkept"


def test_a_practice_that_did_not_happen_is_not_looked_back_on_as_practice() -> None:
    notes = (
        "we were supposed to do the prompt thing but ran out of time. i talked too much about the restructure"
    )
    assert choose_framework(3, notes) == "what-so-what-now-what"


def test_a_regret_is_followed_up_even_when_retrieval_ranks_its_question_low(kb_services) -> None:
    answer = kb_services.guidance.reflect(
        ReflectionRequest(
            topic="hybrid working",
            notes="he said young people just want to work from home and it stung. i said nothing. "
            "i wish i'd pushed back",
            count=3,
        )
    )
    assert "i wish i'd pushed back" in answer.prompts[-1].text


def test_a_choice_left_open_is_asked_what_pulls_each_way(kb_services) -> None:
    answer = kb_services.guidance.reflect(
        ReflectionRequest(
            topic="how young staff experience hybrid work",
            notes='she said "but you chose a job with flexible working" and i felt a bit shut down. '
            "I didn't push back. I havent decided whether to name people. "
            "i'm annoyed at myself for going quiet",
            count=5,
        )
    )
    deciding = [p for p in answer.prompts if "I havent decided whether to name people" in p.text]
    assert deciding
    cited = kb_services.guidance.retriever.by_id[deciding[0].citations[0]]
    assert cited.tags["about"] == "notes-deciding"


def test_long_notes_get_their_points_quoted_before_any_general_question(kb_services) -> None:
    notes = (
        "i explained why lots of us keep cameras off on big calls (bandwidth at home, sharing rooms, feeling "
        "watched) and he went quite quiet. then he said in his day you showed your face or you weren't taken "
        "seriously. we agreed he'd try saying at the start of his team call that cameras are optional. "
        "i was nervous raising it but glad i did"
    )
    answer = kb_services.guidance.reflect(
        ReflectionRequest(topic="teams etiquette", notes=notes, count=4, role="mentor")
    )
    assert all(p.text.startswith("You wrote") for p in answer.prompts)


def test_a_doubt_the_partner_will_follow_through_is_asked_what_makes_you_doubt_it(kb_services) -> None:
    answer = kb_services.guidance.reflect(
        ReflectionRequest(
            topic="being an ally to young disabled staff",
            notes="I shared my experience as a wheelchair user at work. I was drained afterwards, it takes a "
            "lot to talk about this stuff. I'm not sure he'll follow through once things get busy. "
            "We agreed to revisit in a month.",
            count=5,
            role="mentor",
        )
    )
    doubt = [p for p in answer.prompts if "not sure he'll follow through" in p.text]
    assert doubt and "What makes you doubt it" in doubt[0].text


def test_a_remark_that_stung_is_the_writers_feeling_and_own_practice_comes_first(kb_services) -> None:
    stung = kb_services.guidance.reflect(
        ReflectionRequest(
            topic="our final session",
            notes="Jordan said the team have noticed. she said I still interrupt junior staff in meetings, "
            "which stung a bit. Going to write to her this week.",
            count=4,
            role="mentee",
        )
    )
    felt = [p for p in stung.prompts if "which stung a bit" in p.text]
    assert felt and "How did you feel when you saw that" not in felt[0].text
    practice = kb_services.guidance.reflect(
        ReflectionRequest(
            topic="Canva for team newsletters",
            notes="Amara had prepared a template based on our brand colours. I managed to build most of the "
            "March newsletter myself, only needed help with resizing images. Next time I'll bring the April "
            "content.",
            count=4,
            role="mentee",
        )
    )
    assert "I managed to build" in practice.prompts[0].text


def test_a_last_session_with_three_points_quotes_each_once(kb_services) -> None:
    answer = kb_services.guidance.reflect(
        ReflectionRequest(
            topic="last meeting of the programme",
            notes="Final session. Honestly I've learnt more than I expected, especially about how junior "
            "staff feel ignored in meetings. We never got to the data dashboards. I'll miss our chats.",
            count=3,
            role="mentee",
        )
    )
    texts = " ".join(p.text for p in answer.prompts)
    for line in (
        "I've learnt more than I expected",
        "We never got to the data dashboards",
        "I'll miss our chats",
    ):
        assert texts.count(line) == 1


def test_a_hard_moment_keeps_the_remark_and_the_feeling_however_few_prompts(kb_services) -> None:
    answer = kb_services.guidance.reflect(
        ReflectionRequest(
            topic="social media policy",
            notes='it went badly. i showed him some of the staff tiktoks and he said "this is exactly why we '
            'should ban phones at work". he cut me off. i felt like a naughty kid. not sure if i should '
            "raise it with the programme lead",
            count=4,
            role="mentor",
        )
    )
    stages = [p.stage for p in answer.prompts]
    assert stages[:2] == ["description", "feelings"]
    assert "ban phones at work" in answer.prompts[0].text
    deciding = [p for p in answer.prompts if "not sure if i should raise it" in p.text]
    assert deciding and "What pulls you each way" in deciding[0].text


def test_being_mocked_by_the_partner_is_the_hard_moment_gibbs_describes_first(kb_services) -> None:
    answer = kb_services.guidance.reflect(
        ReflectionRequest(
            topic="teams etiquette",
            notes='session 3 w/ Graham. went ok until he did an impression of my accent when i said "data". '
            "everyone in the open plan heard. i laughed along but it's been bugging me all day. we did get "
            "through channels vs chats, he's going to try posting in the channel instead of emailing",
            count=4,
            role="mentor",
        )
    )
    assert answer.prompts[0].framework == "gibbs"
    assert "impression of my accent" in answer.prompts[0].text
    assert any("bugging me all day" in p.text for p in answer.prompts)
    assert not any("session 3 w/ Graham" in p.text for p in answer.prompts)


def test_a_put_down_said_in_a_sentence_of_its_own_is_described_not_the_writers_regret(kb_services) -> None:
    answer = kb_services.guidance.reflect(
        ReflectionRequest(
            topic="whatsapp groups",
            notes="she got defensive when i said the group chat was excluding the part timers. "
            'said "I don\'t need a 24 year old telling me how to run my team". we moved on. '
            "i think i pushed too hard",
            count=3,
            role="mentor",
        )
    )
    assert answer.prompts[0].stage == "description"
    assert "24 year old telling me" in answer.prompts[0].text


def test_a_plan_without_its_subject_and_a_doubt_about_the_partner_are_each_asked_about(kb_services) -> None:
    excel = kb_services.guidance.reflect(
        ReflectionRequest(
            topic="excel",
            notes="Asha says the pivot table finally makes sense, will try that on thursday with the sales "
            "data. she still hates vlookup lol",
            count=3,
            role="mentor",
        )
    )
    assert any("will try that on thursday with the sales data" in p.text for p in excel.prompts)
    late = kb_services.guidance.reflect(
        ReflectionRequest(
            topic="session 5",
            notes="she cancelled twice this month then turned up 20 mins late today. we only had time for 10 "
            "mins on copilot. im starting to feel like shes not that bothered",
            count=3,
            role="mentor",
        )
    )
    quoted = [p.text for p in late.prompts]
    assert any("shes not that bothered" in text for text in quoted)
    assert sum("she cancelled twice" in text for text in quoted) == 1


def test_a_last_session_looks_back_on_what_changed_and_plans_for_what_went_wrong(kb_services) -> None:
    answer = kb_services.guidance.reflect(
        ReflectionRequest(
            topic="final meeting",
            notes="final one w/ mrs okafor. she gave me a card which made me tear up a bit. honestly she "
            "changed more than i expected - she posts on linkedin now without asking me first. we didnt "
            "really agree on staying in touch which i regret",
            count=3,
            role="mentor",
        )
    )
    by_stage = {p.stage: p.text for p in answer.prompts}
    assert "changed more than i expected" in by_stage["so-what"] or "posts on linkedin" in by_stage["so-what"]
    assert "staying in touch" in by_stage["now-what"]


def test_a_hard_moment_of_ones_own_is_described_before_the_plan_to_apologise(kb_services) -> None:
    answer = kb_services.guidance.reflect(
        ReflectionRequest(
            topic="generations",
            notes='I said something like "your lot never pick up the phone" and Ama went very quiet. '
            "Realised afterwards that was exactly the stereotype we'd been discussing. "
            "I want to apologise next time.",
            count=3,
            role="mentee",
        )
    )
    by_stage = {p.stage: p.text for p in answer.prompts}
    assert "your lot never pick up the phone" in by_stage["description"]
    assert "apologise" in by_stage["action-plan"]


def test_a_second_thought_is_asked_with_its_choice_and_a_quote_is_not_cut_at_its_but(kb_services) -> None:
    excel = kb_services.guidance.reflect(
        ReflectionRequest(
            topic="excel",
            notes="1. vlookup done\n2. he got frustrated at the #REF errors and swore at the laptop lol\n"
            '3. then said "this is why I have an assistant" and closed it\n4. i didnt push. should i have?',
            count=4,
            role="mentor",
        )
    )
    assert any(
        "i didnt push. should i have" in p.text and "pulls you each way" in p.text for p in excel.prompts
    )
    posts = kb_services.guidance.reflect(
        ReflectionRequest(
            topic="social media",
            notes='He then asked me to write his next post "in my voice but make it sound young". '
            "He looked a bit annoyed when I said no.",
            count=3,
            role="mentor",
        )
    )
    assert not any(p.text.count("“") > p.text.count("”") for p in posts.prompts)
    assert any('"in my voice but make it sound' in p.text for p in posts.prompts)


def test_the_last_session_is_looked_back_on_as_a_whole_whatever_was_hard() -> None:
    notes = (
        "final one. he gave me a box of cigars for my dad and i almost cried. never got to the english site"
    )
    assert choose_framework(5, notes, ending=True) == "what-so-what-now-what"
    notes = "last session. in april the board called the mentoring a waste of time in front of everyone"
    assert choose_framework(5, notes, ending=True) == "what-so-what-now-what"


def test_a_skill_practised_told_in_a_second_language_gets_kolb() -> None:
    notes = "session about the bank app. he make first transfer alone!! scan the QR he learn very quick"
    assert choose_framework(4, notes) == "kolb"


def test_a_long_line_is_quoted_from_the_part_that_says_what_it_tells() -> None:
    from companion.guidance.composer.reflections import quoted

    line = (
        "then drifted into how the grads feel about the hot-desking, which was eye-opening: two of them "
        "sit in their cars at lunch because there's nowhere quiet"
    )
    assert quoted(line, "learnt").startswith("which was eye-opening: two of them sit in their cars")
    assert quoted(line).startswith("then drifted into how the grads feel"), "without a kind, the head"
    assert not quoted(line, "learnt").endswith(".…")


def test_a_long_line_is_quoted_from_what_happened_not_from_when() -> None:
    line = (
        "Since the break-in at the depot in May, Priya has been showing me how to use two-factor codes "
        "instead of the sticky note on my monitor."
    )
    assert quoted(line).startswith("Priya has been showing me")


def test_two_lines_read_as_one_are_cut_at_the_sentence_end() -> None:
    line = (
        "In spring I promised him I would walk the other four shift supervisors through everything he "
        "taught me at a Monday huddle. I never did."
    )
    assert quoted(line, "unkept") == line.split(". ")[0]


def test_a_line_is_not_quoted_twice_while_others_are_left(kb_services) -> None:
    notes = (
        "Since the scam email in March, Ravi has been teaching me to use the shared drive instead of the "
        "USB stick in my desk. Today I moved the board papers, the grant files and the minutes into it "
        "myself. I picked folder names from the old filing cabinet. There was one bad moment: I deleted a "
        "folder and it took ten minutes to find the bin, and I admit I blamed Ravi, unfairly. After that "
        "it came back. I have not yet shown any of this to my co-director Ann, who still emails everything "
        "to herself."
    )
    answer = kb_services.guidance.reflect(
        ReflectionRequest(topic="shared drive at the office", notes=notes, count=5, role="mentee")
    )
    quotes = [p.text.split("”")[0] for p in answer.prompts if p.text.startswith("You wrote")]
    assert len(quotes) == len(set(quotes))
    assert not any(quote.endswith("Since the scam email in March") for quote in quotes)


def test_notes_that_open_on_the_first_meeting_are_looked_back_on_as_one(kb_services) -> None:
    notes = (
        "first meeting w Dara at the depot. showed him the route app, he asked loads. his phone rang twice."
    )
    answer = kb_services.guidance.reflect(
        ReflectionRequest(topic="route planning app", notes=notes, count=4, role="mentor")
    )
    assert answer.title.startswith("A look back at your first meeting")


def test_a_title_is_no_place_to_cut_a_quote() -> None:
    line = (
        "Yesterday after lunch I finally asked Mrs. Achterberg whether the two of us could go through the "
        "rota app together on Friday afternoon before the others came back in from the site"
    )
    assert not quoted(line).endswith("Mrs")


def test_a_slip_that_stands_out_is_quoted_though_it_was_laughed_off(kb_services) -> None:
    notes = (
        "- 2nd lesson with pa Noi at her stall\n- showed how to accept the order on the delivery app\n"
        "- she accept one order then change the quantity to 40 by mistake lol 🤣 we laugh so much\n"
        "- app log her out 2 times\n- end: she do 5 orders alone"
    )
    answer = kb_services.guidance.reflect(
        ReflectionRequest(topic="orders on the delivery app", notes=notes, count=5, role="mentor")
    )
    assert any("quantity to 40" in prompt.text for prompt in answer.prompts)


def test_a_slip_only_the_hard_moment_reader_found_leaves_a_practice_carried_through_with_kolb() -> None:
    notes = (
        "Fourth go at the rota planner with Mrs Adeyemi. I told her the copy button copies the whole "
        "month and it copied one day, and she gave me a look like I had lost her shifts. She then "
        "built the March rota herself without help."
    )
    assert choose_framework(4, notes, hard_read=True) == "kolb"
    # ... but a moment the reader found in a practice nobody carried through stays Gibbs's
    assert choose_framework(4, notes.split(" She then")[0], hard_read=True) == "gibbs"


def test_a_quoted_line_keeps_the_rest_of_a_short_sentence_up_to_a_line_another_prompt_quotes() -> None:
    notes = (
        "We sorted the returns shelf on the stock app. She handed me a jar of her lime pickle, i went red "
        "and said nothing.\n- lesson: scan the shelf label first"
    )
    assert in_its_sentence("i went red and said nothing", notes) == (
        "She handed me a jar of her lime pickle, i went red and said nothing."
    )
    # (up to, never into, a line another prompt quotes)
    others = ["She handed me a jar of her lime pickle"]
    assert in_its_sentence("i went red and said nothing", notes, others) == "i went red and said nothing."
    gift = "she gave me a shawl she wove, i didnt know what to say so i just said thanks and cried"
    assert in_its_sentence("i didnt know what to say", gift, ["i just said thanks and cried"]) == (
        "she gave me a shawl she wove, i didnt know what to say"
    )
    # (a list mark is no part of the quote)
    assert in_its_sentence("scan the shelf label first", notes) == "lesson: scan the shelf label first"
    long_sentence = " ".join(["word"] * 30) + ", i went red."
    assert in_its_sentence("i went red", long_sentence) == "i went red"


def test_gibbs_describes_the_line_a_feeling_points_back_to() -> None:
    clauses = read_notes(
        "we did vlookups today. then she asked why i never share my screen and i said its broken, it "
        "isnt. felt like a fraud saying that"
    )
    assert [clause.text for clause in pointed_back_to(clauses)] == [
        "she asked why i never share my screen and i said its broken, it isnt."
    ]
    # (a feeling that points back to nothing names no line)
    assert pointed_back_to(read_notes("we did vlookups today. i felt like a fraud all session")) == []


def test_a_feeling_of_the_writers_own_found_by_the_reader_keeps_gibbs_beside_a_practice_carried_through() -> (
    None
):
    notes = (
        "I booked three rooms alone on the new system. Then I learnt she comes in unpaid. Felt like a crook."
    )
    assert choose_framework(4, notes, hard_read=True, felt_read=True) == "gibbs"
    assert choose_framework(4, notes, hard_read=True, felt_read=False) == "kolb"
