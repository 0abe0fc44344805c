"""Reading session notes: clauses, what each says, and whether the session had a hard moment."""

import pytest

from companion.guidance.composer.notes import hard_moment, own_words, read_notes, shorter, telling_clauses
from companion.guidance.schemas import ReflectionRequest


@pytest.mark.parametrize(
    "notes",
    [
        "copilot got two numbers wrong in front of my team, i felt embarrassed",
        "she said my idea was naive and i got defensive. it went badly",
        "bit embarrassing tbh but fair. she pointed out i interrupt people",
        "told him his posts read as boastful. he laughed but i could see he was hurt",
        "i finally told him his jokes make grads feel small. he went red. long silence. i was shaking after",
        "it invented a decision we never made. I nearly sent it to the chair. I felt like an idiot",
    ],
)
def test_a_hard_moment_is_read_from_the_writers_own_words(notes: str) -> None:
    assert hard_moment(notes)


@pytest.mark.parametrize(
    "notes",
    [
        'told him his emails "come across badly" to juniors. he took it well actually, we rewrote two',
        "I said her headline sounded stiff and a bit awkward. she laughed and said nobody had told her",
        "we set up the pivot table and filtered by region, she got the hang of it",
        "she called the old process ‘a total disaster’ and we mapped a better one",
    ],
)
def test_words_someone_said_and_a_moment_that_passed_well_are_not_a_hard_moment(notes: str) -> None:
    assert not hard_moment(notes)


def test_own_words_drop_quoted_and_reported_speech_but_keep_the_writers_next_clause() -> None:
    text = own_words("she said i was patronising and i felt awful. then we moved on")
    assert "patronising" not in text
    assert "i felt awful" in text
    assert "didn't" in own_words("i didn't say 'that was wrong' at all")


def test_a_clause_reporting_what_was_said_is_what_happened_not_a_feeling() -> None:
    clauses = read_notes("I said her headline sounded stiff and a bit awkward. she wants to post on friday")
    assert [c.kind for c in clauses] == ["happened", "next"]


def test_a_plan_that_did_not_happen_is_unkept_and_next_colon_is_what_comes_next() -> None:
    clauses = read_notes(
        "Planned to cover the survey results, but he spent most of it on a reorg. "
        "Next: agree the agenda first"
    )
    assert [c.kind for c in clauses] == ["unkept", "happened", "next"]


@pytest.mark.parametrize(
    "notes",
    [
        # a quote with an apostrophe inside it is still someone else's words
        "she said 'that's awful, i look ancient' but then we redid it and she loved it",
        # laughter, not tears
        "i deleted the whole chart by accident and we both cried laughing",
    ],
)
def test_a_quote_holding_an_apostrophe_and_tears_of_laughter_are_not_a_hard_moment(notes: str) -> None:
    assert not hard_moment(notes)


def test_tears_of_the_writers_own_are_still_a_hard_moment() -> None:
    assert hard_moment("i deleted the whole chart by accident and cried")


def test_a_clause_that_only_says_which_session_it_was_is_not_quoted_back() -> None:
    clauses = telling_clauses(
        read_notes("last session today. she now drafts in chatgpt every week. our last one")
    )
    assert [clause.text for clause in clauses] == ["she now drafts in chatgpt every week."]


@pytest.mark.parametrize(
    "notes",
    [
        "asked for honest feedback. she said my posts read like press releases. stung a bit but fair",
        "told my mentee i have adhd and why i wear headphones in the office. felt exposed but he listened",
    ],
)
def test_feedback_that_stung_and_telling_something_of_ones_own_are_hard_moments(notes: str) -> None:
    assert hard_moment(notes)


def test_a_skill_practised_in_few_words_gets_kolb(kb_services) -> None:
    notes = (
        "conditional formatting. colour rules on the overdue column. she got it second go. next: data bars"
    )
    answer = kb_services.guidance.reflect(
        ReflectionRequest(topic="excel", notes=notes, count=5, role="mentor")
    )
    assert answer.title.startswith("Kolb")


@pytest.mark.parametrize(
    "notes",
    [
        "tried to show him the rota in nvda. he cut me off after two minutes and i froze",
        "omg rough one, he got proper annoyed and shut the laptop",
        "got emotional talking about my brother, had to stop for a minute",
        "felt my face go hot when she asked why the flow failed",
        "he got quite sharp with me about the summary. i felt my cheeks burn",
        "she asked me to explain it back and i had to admit id been copying her clicks. felt about 12",
    ],
)
def test_a_hard_moment_is_read_in_the_words_people_use(notes: str) -> None:
    assert hard_moment(notes)


@pytest.mark.parametrize("notes", ["the laptop froze twice but we got there", "a rough draft of the post"])
def test_a_frozen_screen_or_a_rough_draft_is_not_a_hard_moment(notes: str) -> None:
    assert not hard_moment(notes)


def test_a_long_clause_is_quoted_in_parts_that_keep_its_end() -> None:
    clause = (
        "over the six months i sat in on maybe ten of zara's team standups and what stuck with me is how "
        "they use the chat during calls so quieter people get heard"
    )
    parts = shorter(clause)
    assert len(parts) > 1 and parts[-1].endswith("quieter people get heard")
    assert all(len(part.split()) >= 4 for part in parts)


def test_a_pair_of_nouns_and_a_which_clause_are_not_cut() -> None:
    clause = "my mentor was kind about it and suggested we try a weekly walk and talk instead of a video call"
    assert all("walk and talk" in part for part in shorter(clause) if "walk" in part)
    text = (
        "she now posts every fortnight and got two speaking invites from it, which she never expected at all"
    )
    assert not any(part.startswith("which") for part in shorter(text))


def test_a_bullet_mark_is_not_quoted() -> None:
    assert all(
        not clause.text.startswith("*")
        for clause in read_notes("* he said the template is fine\n* i rushed it")
    )


def test_angry_callers_someone_else_handled_are_not_the_sessions_hard_moment() -> None:
    notes = "watched her handle 3 angry callers in a row without flinching. asked how she stays calm"
    assert not hard_moment(notes)
    assert read_notes(notes)[0].kind != "felt"
    assert hard_moment("he got angry when the formula broke")


@pytest.mark.parametrize(
    ("clause", "kind"),
    [
        ("Will practise with the finance channel on Monday.", "next"),
        ("we'll do a coffee in 3 months", "next"),
        ("i'm going to miss it weirdly", "felt"),
        ("Sad it's ending", "felt"),
        ("I fell for the axis one every time", "wrong"),
    ],
)
def test_a_plan_without_its_subject_and_a_feeling_about_the_ending_are_read_as_such(
    clause: str, kind: str
) -> None:
    assert [c.kind for c in read_notes(clause)] == [kind]


def test_which_session_it_was_is_not_quoted_back_whatever_its_number() -> None:
    assert telling_clauses(read_notes("This was our sixth session.")) == []


FEEDBACK = (
    "During our meeting I raised that he often interrupts the grads in team meetings, which he took badly "
    "at first, and then he went quiet for a while. By the end he thanked me. I felt drained but proud."
)


def test_two_hard_moments_stay_hard_however_the_session_ended() -> None:
    assert hard_moment(FEEDBACK)
    assert not hard_moment("he took it badly at first but by the end he thanked me")


def test_tears_at_a_last_session_are_no_hard_moment() -> None:
    notes = (
        "last meet w/ Saoirse. she said the sessions changed how she runs team meetings. bit emotional tbh"
    )
    assert hard_moment(notes) and not hard_moment(notes, ending=True)


def test_a_cut_clause_is_quoted_without_the_word_that_joined_it() -> None:
    texts = [clause.text for clause in read_notes(FEEDBACK)]
    assert "he went quiet for a while." in texts


def test_a_line_that_only_says_which_session_is_not_quoted() -> None:
    clauses = read_notes(
        "first session w Priya (CIO). nervous beforehand but she was really warm. we agreed goals"
    )
    assert all(not clause.text.startswith("first session") for clause in telling_clauses(clauses))


def test_a_lesson_the_writer_draws_is_read_as_one() -> None:
    kinds = {
        clause.text: clause.kind
        for clause in read_notes("we fixed the date range. lesson: check the filters")
    }
    assert kinds["lesson: check the filters"] == "learnt"
    assert read_notes("i learnt to use pivot tables today and filtered by region")[0].kind != "learnt"
    insight = "gave him a card. honestly I learnt more about how juniors feel about the open plan office"
    assert read_notes(insight)[-1].kind == "learnt"  # neither a feeling ("feel") nor a plan ("plan")


def test_a_plan_to_post_is_no_post() -> None:
    from companion.guidance.composer.reflections import subjects

    assert "posting" not in subjects(
        "linkedin profile", "we fixed the photo. next time: posting. he was keen"
    )
    assert "posting" in subjects("linkedin profile", "we fixed the photo and posted it. he was so proud")


def test_a_practice_that_came_right_in_the_end_is_no_hard_moment() -> None:
    notes = (
        'he got really frustrated with vlookup and said "this is why i have an analyst". '
        "we switched to xlookup and it clicked"
    )
    assert not hard_moment(notes)


def test_a_wish_that_is_not_a_plan_and_a_to_do_are_told_apart() -> None:
    kinds = [
        c.kind
        for c in read_notes("I'm starting to think he doesn't want to do this. To do: send her the link")
    ]
    assert kinds == ["happened", "next"]


def test_a_feeling_told_in_two_words_is_quoted() -> None:
    clauses = read_notes("He said he was sure it wasn't meant badly. That stung. I didn't say anything.")
    assert "That stung." in [c.text for c in telling_clauses(clauses)]


@pytest.mark.parametrize(
    "notes",
    [
        "We filmed the intro for the supplier day. I kept freezing every time the camera was on me.",
        "She rolled her eyes when I asked about the dashboard and I felt small for the rest of it.",
    ],
)
def test_freezing_and_being_made_to_feel_small_are_hard_moments(notes: str) -> None:
    assert hard_moment(notes)


def test_a_plan_that_needs_doing_and_something_not_yet_done_are_read() -> None:
    kinds = {
        c.text: c.kind
        for c in read_notes(
            "tried SUMIFS on my own. Need to practise before month end. "
            "He still hasnt tried copilot. It took the wind out of me."
        )
    }
    assert kinds == {
        "tried SUMIFS on my own.": "happened",
        "Need to practise before month end.": "next",
        "He still hasnt tried copilot.": "unkept",
        "It took the wind out of me.": "felt",
    }


def test_a_short_piece_joined_back_keeps_its_joining_word() -> None:
    clause = (
        "Noemi and I built my first Power Automate flow: enquiries to the admissions mailbox are now "
        "sorted by "
        "programme and the reply goes out within minutes."
    )
    assert shorter(clause)[0].startswith("Noemi and I built")


def test_a_hard_conversation_is_a_hard_moment_and_not_doing_harm_is_no_mistake() -> None:
    notes = "hard convo about race. he listened properly, didnt try to fix it. i felt lighter after"
    assert hard_moment(notes)
    kinds = {clause.text: clause.kind for clause in read_notes(notes)}
    assert kinds["he listened properly, didnt try to fix it."] != "wrong"
    assert read_notes("she didnt get the formula and we ran out of time")[0].kind == "wrong"


def test_a_remark_met_with_silence_is_a_hard_moment_and_an_apostrophe_opens_no_quote() -> None:
    from companion.guidance.composer.notes import partner_remark

    assert hard_moment(
        "went well. he said 'you lot only care about colours'. i said nothing but it stuck with me"
    )
    assert partner_remark("at the end he said 'you lot only care about pretty colours'")
    assert not partner_remark("she said she'd never thought about it")
    assert not hard_moment("she laughed when the formula broke, then we fixed it and it went well")
    # laughter at a jibe is not the session recovering
    assert hard_moment(
        "he said 'we cant all be born with an iphone in our hand'. everyone laughed. felt small"
    )


def test_tears_at_a_goodbye_are_no_hard_moment_at_a_last_session() -> None:
    notes = "our last session today. i told her how much shes changed how i see the grads. she cried a bit"
    assert not hard_moment(notes, ending=True)
    assert hard_moment("he said my work was sloppy in front of everyone. i cried a bit after", ending=False)


def test_a_goal_written_down_is_what_comes_next() -> None:
    assert [
        c.kind for c in read_notes("we agreed ground rules today. goal: get comfortable with teams channels")
    ][-1] == "next"


@pytest.mark.parametrize(
    ("notes", "unkept"),
    [
        (
            "she said she'd send me the guide afterwards but nothing came. we fixed my headline",
            "she said she'd send me the guide afterwards but nothing came.",
        ),
        (
            "he promised to try posting in the channel before today and hadnt. i was annoyed",
            "he promised to try posting in the channel before today and hadnt.",
        ),
        (
            "we were supposed to do the prompt thing but ran out of time",
            "we were supposed to do the prompt thing",
        ),
    ],
)
def test_something_agreed_that_did_not_happen_is_read_as_unkept(notes: str, unkept: str) -> None:
    kinds = {clause.text: clause.kind for clause in read_notes(notes)}
    assert kinds[unkept] == "unkept"


def test_a_short_tail_after_but_stays_with_its_clause_and_a_remark_is_no_plan() -> None:
    kinds = {
        c.text: c.kind
        for c in read_notes("he said young people just want to work from home. i was annoyed but didnt say")
    }
    assert kinds == {
        "he said young people just want to work from home.": "happened",
        "i was annoyed but didnt say": "felt",
    }
    (plan,) = read_notes("she said she wants to move into product, i'll introduce her to our CPO")[:1]
    assert plan.kind == "next"


def test_a_doubt_a_cancellation_a_lesson_and_a_hiccup_are_read() -> None:
    kinds = {
        c.text: c.kind
        for c in read_notes(
            "mentee cancelled twice before this one. we did get through the canva basics. not sure he's "
            "committed. I had not realised how it feels from the other side. he forgot his charger lol. "
            "i'll really miss her honesty"
        )
    }
    assert kinds == {
        "mentee cancelled twice before this one.": "wrong",
        "we did get through the canva basics.": "happened",
        "not sure he's committed.": "felt",
        "I had not realised how it feels from the other side.": "learnt",
        "he forgot his charger lol.": "hiccup",
        "i'll really miss her honesty": "felt",
    }
    telling = telling_clauses(
        read_notes("showed him how to mute groups. he forgot his charger lol. went fine")
    )
    assert [c.text for c in telling] == ["showed him how to mute groups."]


def test_confusion_goals_set_and_a_meeting_that_will_not_happen_are_read() -> None:
    kinds = {
        c.text: c.kind
        for c in read_notes(
            "I still don't really get why it happened. we set 3 goals (teams, ai, understanding hybrid). "
            "we won't meet again formally"
        )
    }
    assert kinds == {
        "I still don't really get why it happened.": "wrong",
        "we set 3 goals (teams, ai, understanding hybrid).": "next",
        "we won't meet again formally": "happened",
    }


def test_a_question_left_open_a_worry_and_what_was_not_wanted_are_read() -> None:
    kinds = {
        c.text: c.kind
        for c in read_notes(
            "Not sure if that's resistance or habit. i didnt really want to speak for them. "
            "im slightly worried they'll know it came from me. She got it but said she'll 'just email'"
        )
    }
    assert kinds["Not sure if that's resistance or habit."] == "wondering"
    assert kinds["i didnt really want to speak for them."] != "next"
    assert kinds["im slightly worried they'll know it came from me."] == "felt"
    assert kinds["said she'll 'just email'"] != "next"


def test_a_dashboard_that_went_red_and_shaking_hands_are_no_hard_moment() -> None:
    assert not hard_moment("the dashboard went red on two kpis, we fixed the filter together")
    assert not hard_moment("we ended shaking hands, a good session on the budget pack")


def test_a_choice_left_open_a_plan_told_as_said_and_a_doubt_about_the_partner_are_read() -> None:
    kinds = {
        c.text: c.kind
        for c in read_notes(
            "I havent decided whether to name people. i said i'd use it every morning this week. "
            "i'm not sure he'll actually do it tbh. She asked me to send her two examples. "
            "I didn't push back. Overall I think it went better than I feared"
        )
    }
    assert kinds["I havent decided whether to name people."] == "wondering"
    assert kinds["i said i'd use it every morning this week."] == "next"
    assert kinds["i'm not sure he'll actually do it tbh."] == "felt"
    assert kinds["She asked me to send her two examples."] == "next"
    assert kinds["I didn't push back."] == "wrong"
    assert kinds["Overall I think it went better than I feared"] == "well"
    # a choice about what to do next, not a plan: "what pulls you each way"
    assert read_notes("dont know if i want to bring it up again")[0].kind == "wondering"
    assert read_notes("not sure i'll keep in touch tbh, he's very busy")[0].kind == "wondering"


def test_a_plan_not_to_a_reason_understood_and_a_feeling_that_lingers_are_read() -> None:
    kinds = {
        c.text: c.kind
        for c in read_notes(
            "learnt what a duet is. I'm not going to post but I get why the grads use it. "
            "it's been bugging me all day. I'll use it for structure only, not figures, next month."
        )
    }
    assert kinds["I'm not going to post"] != "next"
    assert kinds["I get why the grads use it."] == "learnt"
    assert kinds["it's been bugging me all day."] == "felt"
    assert kinds["I'll use it for structure only, not figures, next month."] == "next"


def test_meeting_someone_for_the_first_time_and_an_emoticon_only_set_the_scene() -> None:
    telling = [
        c.text
        for c in telling_clauses(
            read_notes(
                "Met Zainab for the first time. I was more nervous than I expected. "
                "last one :( we looked back at the goals from session 1"
            )
        )
    ]
    assert telling == ["I was more nervous than I expected.", "we looked back at the goals from session 1"]


def test_a_line_that_only_sets_the_scene_is_not_quoted() -> None:
    telling = telling_clauses(
        read_notes(
            "ok so session 4 with Mr Osei. Session 3 with Dr Adeyemi (head of cardiology). we filmed a reel"
        )
    )
    assert [c.text for c in telling] == ["we filmed a reel"]


def test_a_list_and_a_bracket_stay_whole_and_news_is_quoted_with_what_it_was() -> None:
    clauses = read_notes(
        "Jess showed me how my profile looks to a graduate: no photo, a job title from 2019, nothing posted "
        "in years. i explained why lots of us keep cameras off on big calls (bandwidth at home, sharing "
        "rooms, feeling watched). she said it's how grads decide who is worth working for. Did not know that."
    )
    texts = [c.text for c in clauses]
    assert any(text.endswith("nothing posted in years.") for text in texts)
    assert any(text.endswith("(bandwidth at home, sharing rooms, feeling watched).") for text in texts)
    assert (
        clauses[-1]
        == read_notes("x. she said it's how grads decide who is worth working for. Did not know that.")[-1]
    )
    assert clauses[-1].kind == "learnt"


def test_a_things_fault_is_no_feeling_nor_hard_moment() -> None:
    assert read_notes("the lighting was awful near the ovens so we moved to the window")[0].kind != "felt"
    assert not hard_moment("the lighting was awful near the ovens so we moved to the window. filmed 3 takes")


@pytest.mark.parametrize(
    "notes",
    [
        'we built two pivot tables. halfway through she said "you young ones never read the manual"',
        "made a template. at the end he goes 'not bad for someone who still lives with her parents'",
        'showed him breakout rooms. he kept calling me "young lady" in front of his PA',
    ],
)
def test_a_put_down_by_the_partner_is_a_hard_moment_without_a_feeling_word(notes: str) -> None:
    assert hard_moment(notes)


@pytest.mark.parametrize(
    "notes",
    [
        'She showed me prompts. I said "I\'m a dinosaur with this stuff" but by the end I was fine',
        'he said "your generation is so good at this" and we built the dashboard',
        "now I understand why you young ones always sigh at us, he joked at the end of a good session",
    ],
)
def test_self_mockery_and_praise_are_no_put_down(notes: str) -> None:
    assert not hard_moment(notes)


def test_a_surprise_a_mishap_by_accident_an_omission_and_a_choice_to_think_about_are_read() -> None:
    kinds = {
        c.text: c.kind
        for c in read_notes(
            "he thanked me properly which i didnt expect. she kept muting herself by accident haha. "
            "I forgot to mention heading styles in Word. I also want to think about whether I should tell my "
            "peers. she said she prefers meetings with agendas tho, not sure she'll stick with it"
        )
    }
    assert kinds["he thanked me properly which i didnt expect."] != "wrong"
    assert kinds["she kept muting herself by accident haha."] == "hiccup"
    assert kinds["I forgot to mention heading styles in Word."] == "wrong"
    assert kinds["I also want to think about whether I should tell my peers."] == "wondering"
    assert kinds["she said she prefers meetings with agendas tho, not sure she'll stick with it"] == "felt"


def test_a_mishap_laughed_off_and_then_felt_is_a_moment_to_look_back_on() -> None:
    kinds = [
        c.kind
        for c in read_notes("it invented a meeting with the CFO lol. felt a bit daft. next time i check")
    ]
    assert kinds[:2] == ["wrong", "felt"]
    kinds = [c.kind for c in read_notes("he forgot his charger lol. we used mine. next time i bring two")]
    assert kinds[0] == "hiccup"


def test_what_was_not_managed_a_lesson_learnt_and_a_session_named_by_its_place_are_read() -> None:
    kinds = {
        c.text: c.kind
        for c in read_notes(
            "we didnt manage to do the sharepoint stuff we planned. Honestly I've learnt more than I "
            "expected, especially about how junior staff feel ignored in meetings."
        )
    }
    assert kinds["we didnt manage to do the sharepoint stuff we planned."] == "unkept"
    assert kinds[next(text for text in kinds if text.startswith("Honestly"))] == "learnt"
    assert not telling_clauses(read_notes("Our sixth and last session. we did a quiz"))[0].text.startswith(
        "Our"
    )
    assert not hard_moment(
        "last one!! he admitted he'd been sceptical. i told him i was nervous too at the start"
    )


def test_a_tool_called_planner_a_surprise_that_taught_something_and_an_open_doubt_are_read() -> None:
    kinds = {
        c.text: c.kind
        for c in read_notes(
            "She walked me through planner. I was surprised how much the wording matters. "
            "Still not sure it's better than my spreadsheet. Will try for two weeks."
        )
    }
    assert kinds["She walked me through planner."] != "next"
    assert kinds["I was surprised how much the wording matters."] == "learnt"
    assert kinds["Still not sure it's better than my spreadsheet."] == "wondering"
    assert kinds["Will try for two weeks."] == "next"


def test_a_last_sessions_changes_tears_and_second_thoughts_are_read() -> None:
    kinds = {
        c.text: c.kind
        for c in read_notes(
            "Went through what's stuck: I use Teams channels daily now. she gave me a card which made me "
            "tear up a bit. she posts on linkedin now without asking me first. "
            "I said I'd have practised between sessions instead of only in them."
        )
    }
    assert kinds["Went through what's stuck: I use Teams channels daily now."] == "well"
    assert kinds["she gave me a card which made me tear up a bit."] == "felt"
    assert kinds["she posts on linkedin now without asking me first."] == "well"
    assert kinds["I said I'd have practised between sessions instead of only in them."] == "learnt"
    assert not telling_clauses(read_notes("First meeting with my reverse mentor Yusuf. ok"))


def test_a_line_that_only_restates_the_topic_is_told_from_one_that_says_more() -> None:
    from companion.guidance.composer.notes import restates_topic

    topic = "ABA app and KHQR, paying farmers"
    scene, moment = read_notes(
        "session with Lok about ABA app and KHQR for pay the farmers. he sent 4000 riel to me"
    )
    assert restates_topic(scene, topic) and not restates_topic(moment, topic)
    (practised,) = read_notes("pivot tables finally clicked for her")
    assert not restates_topic(practised, "pivot tables")


def test_what_the_session_was_meant_to_be_about_is_no_plan_left_undone() -> None:
    (said,) = read_notes("today was meant to be Libby, the ebook app")
    assert said.kind != "unkept"
    (undone,) = read_notes("we were meant to try copilot")
    assert undone.kind == "unkept"


def test_a_patronising_introduction_swallowed_with_a_smile_is_a_hard_moment() -> None:
    notes = (
        'went fine honestly. but then he introduces me like "this is Jess, shes so inspiring, just getting '
        'here is amazing" and i just sat there smiling like an idiot'
    )
    assert hard_moment(notes)


def test_something_the_writer_still_has_not_asked_is_left_undone() -> None:
    (undone,) = read_notes("i still havent asked him if i can take over tech help tuesdays")
    assert undone.kind == "unkept"


def test_an_event_told_after_until_is_no_plan_and_which_explains_is_a_lesson() -> None:
    assert read_notes("it went fine until she asked me to explain the chart back to her")[0].kind != "next"
    assert read_notes("the grads never read the channel, which explains a lot about my posts")[0].kind == (
        "learnt"
    )


def test_a_line_that_announces_the_next_is_read_with_it() -> None:
    clauses = read_notes(
        "good session on the budget sheet. found out something awkward. Drivers buy their own gloves."
    )
    assert clauses[-1].text == "found out something awkward. Drivers buy their own gloves."
    assert clauses[-1].kind == "learnt"


def test_a_harm_that_did_not_happen_is_not_a_hard_moment() -> None:
    kinds = {
        clause.text: clause.kind
        for clause in read_notes("We tried the new till. Nobody was rude. Tea after.")
    }
    assert kinds["Nobody was rude."] == "happened"


@pytest.mark.parametrize(
    "line",
    ["I have not informed my deputy", "Not raised with HR yet.", "the demo was postponed again, by me"],
)
def test_a_step_not_taken_is_read_as_not_kept(line: str) -> None:
    assert read_notes(f"We did the dashboards together today and it went fine. {line}")[-1].kind == "unkept"


def test_an_abbreviation_does_not_end_a_line() -> None:
    clauses = read_notes("We never trained the night shift for the 4 a.m. delivery. She laughed.")
    assert clauses[0].text.startswith("We never trained the night shift for the 4 a.m. delivery")


@pytest.mark.parametrize(
    "line",
    [
        "I showed him how to void a wrong receipt",
        "how to reset the account when they type the wrong code twice",
    ],
)
def test_a_wrong_thing_someone_is_taught_to_handle_is_no_mistake(line: str) -> None:
    assert read_notes(f"Good session on the till. {line}")[-1].kind != "wrong"


def test_tears_of_laughter_and_a_mishap_are_no_hard_moment() -> None:
    assert not hard_moment(
        "she clicked the wrong thing and the chart went sideways, she laughed till she cried"
    )


@pytest.mark.parametrize(
    ("line", "kind"), [("I'm not fine.", "felt"), ("she did the last three by herself.", "well")]
)
def test_not_being_all_right_is_a_feeling_and_a_go_alone_went_well(line: str, kind: str) -> None:
    assert read_notes(f"We did the rota app together. {line}")[-1].kind == kind


@pytest.mark.parametrize(
    "line",
    [
        "I must write this down honestly",
        "ok so long one",
        "Tough one today.",
        "our last meeting today with Mr Diallo in the depot",
    ],
)
def test_a_line_that_only_says_a_line_follows_is_not_quoted(line: str) -> None:
    clauses = read_notes(f"{line}. He mocked my accent in front of the drivers. I said nothing.")
    assert line.rstrip(".") not in [c.text.rstrip(".") for c in telling_clauses(clauses)]


def test_a_title_does_not_end_a_line() -> None:
    clauses = read_notes("I have not yet shown it to Mrs. Okoro, the head. Next week maybe.")
    assert clauses[0].text.startswith("I have not yet shown it to Mrs. Okoro, the head")


def test_a_line_owned_as_untrue_is_read_with_it() -> None:
    clauses = read_notes("We did the scanner. I said the battery was flat. It was not. He waited.")
    assert ("I said the battery was flat. It was not.", "wrong") in [(c.text, c.kind) for c in clauses]


def test_holding_back_from_taking_over_is_no_hard_moment_but_a_reply_swallowed_is() -> None:
    assert not hard_moment(
        "He filled in the expenses form on his own. I was itching to grab the keyboard twice. Bit my "
        "tongue both times and he got there."
    )
    assert hard_moment("He called my idea 'very millennial' and I bit my tongue.")


def test_a_remark_made_infront_of_others_written_as_one_word_is_a_hard_moment() -> None:
    assert hard_moment("she corrected me infront of the whole shift and i just carried on")
