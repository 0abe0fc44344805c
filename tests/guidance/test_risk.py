"""The kind of a safeguarding message, on the real examples and guide."""

from __future__ import annotations

import pytest

from companion.guidance.classifier import load_examples
from companion.guidance.risk import (
    AT_RISK,
    KINDS,
    decide_kind,
    leaving_a_job,
    minor_concerned,
    safety_kind,
    says_at_risk,
    told_harmless,
    without_idioms,
    writer_at_risk,
)
from companion.guidance.schemas import CoachingRequest


def test_safeguarding_examples_carry_only_safeguarding_kinds() -> None:
    examples = load_examples()
    assert {example.kind for example in examples if example.label == "safeguarding" and example.kind} == set(
        KINDS
    )
    assert all(example.label == "safeguarding" for example in examples if example.kind in KINDS)
    # kind-only examples (`risk_only`) teach a kind, of any situation, never the situation itself
    assert all(example.kind for example in examples if example.risk_only)


def test_risk_only_examples_do_not_train_the_situation(kb_services) -> None:
    classifier = kb_services.guidance.classifier
    assert len(classifier.vectors) == len(classifier.anchors), "one vector per anchor, for the kind reader"
    assert sum(not anchor.risk_only for anchor in classifier.anchors) < len(classifier.anchors)


def test_someone_at_risk_and_behaviour_read_apart(kb_services) -> None:
    reader = kb_services.guidance.kind_reader("safeguarding")

    def kind(situation: str) -> str | None:
        return safety_kind(reader, situation)

    assert kind("she said she's been sleeping in her car since she left him, and hasn't eaten") == AT_RISK
    assert kind("my mentee keeps putting his hand on my knee under the table") == "harassment"
    assert kind("he said people like me are only hired to fill a quota, I'm the only Black person here") == (
        "discrimination"
    )


def test_a_kind_is_named_only_when_clear() -> None:
    unclear = {AT_RISK: 0.1, "harassment": 0.35, "discrimination": 0.3, "bullying": 0.25}
    assert decide_kind(unclear) is None
    assert decide_kind({**unclear, AT_RISK: 0.65}) == AT_RISK, "someone at risk comes first"


def test_words_about_self_harm_mean_someone_at_risk_and_idioms_do_not() -> None:
    at_risk = [
        "my mentee told me in confidence that he doesnt want to be alive anymore",
        "she's been hurting herself again",
        "he said everyone would be better off without him",
        "my mentor mentioned thoughts of suicide",
        "i've been self-harming again",
        "she told me she's been thinking about taking her own life",
        "my husband put me in A&E on Saturday and says next time will be worse",
        "she said she's scared to go home tonight",
        "he's stopped his meds and said he won't be around after Friday anyway",
        "she took a load of pills on Sunday, laughed that it didn't work and she'll do it properly next time",
        "most days I don't see the point in anything",
        "I've written a note for my wife and I've decided it'll be Sunday",
        "her instagram story showed a pile of pills and the words 'goodnight forever'",
        "he says everything's pointless and there's a rope in the boot of his car",
        "a voice note from him: 'I'm on the bridge, thanks for everything'. then his phone went off",
        "she texted from the cliff top: sorry for everything",
        "his apprentice has been crying in the toilets and told a colleague she wants to die",
        "the bank is taking the house on monday and ive decided i wont be around to see it",
    ]
    idioms = [
        "this deadline is killing me",
        "that would be career suicide",
        "I cut myself off mid sentence",
        "he hurt himself playing football and cancelled",
        "I'd rather kill myself than sit through another all-hands",
        "she doesn't want to live in the past, she loves new tools",
        "honestly i wanted to die when my mic was on",
        "the next version will be worse for accessibility",
        "I put her in the picture about the hospital project",
        "I wont be around after friday, im on leave",
        "took a load of pills to the pharmacy returns bin for my mum",
        "I don't see the point in anything he suggests",
        "wrote a note for my wife saying it will be late",
        "goodbye forever to paper timesheets",
        "we'll rope in the comms team for the car park signs",
        "i was on the bridge call, thanks for everything you did on the launch",
        "leaving do at the pub tonight, thanks for everything",
        "we walked on the bridge at lunch and said goodbye to the old intranet",
        "i want to die every time he shares his screen",
        "i decided i wont be here for the offsite, im on leave",
    ]
    assert [text for text in at_risk if not says_at_risk(text)] == []
    assert [text for text in idioms if says_at_risk(text)] == []


def test_the_words_match_only_safeguarding_examples() -> None:
    matched = [example for example in load_examples() if says_at_risk(example.text)]
    assert matched, "the training examples tell such risks in these words"
    assert {example.label for example in matched} == {"safeguarding"}


def test_a_risk_told_in_confidence_gets_the_at_risk_steps(kb_services) -> None:
    classification = kb_services.guidance.classify(
        "my mentee told me in confidence he doesnt want to be alive anymore, he asked me not to tell anyone"
    )
    assert (classification.label, classification.kind, classification.also) == ("safeguarding", AT_RISK, None)
    buried = kb_services.guidance.classify(
        "can i swap mentors? we dont click. also he's been cutting his arms again"
    )
    assert (buried.label, buried.kind) == ("safeguarding", AT_RISK)


def test_told_harmless_reads_the_writers_own_word_and_idioms_that_only_sound_like_harm() -> None:
    for harmless in (
        "keeps messaging me at 11pm about work stuff, not creepy just annoying",
        "she hugged me at the end, totally friendly, it's a huggy office",
        "a heart attack two years ago, fully recovered",
        "i could strangle him (not literally)",
        "it's a secret - i'm planning a surprise thank you for her at the end",
    ):
        assert told_harmless(harmless), harmless
    for not_told in (
        "she says she's fine and it was just stress",
        "he keeps messaging me at 11pm",
        "it's serious",
        "he said it would be a surprise if i kept my job after complaining",
    ):
        assert not told_harmless(not_told), not_told


def test_a_message_told_harmless_takes_the_ordinary_route_with_the_safety_check_first(kb_services) -> None:
    found = kb_services.guidance.classify(
        "my mentor keeps messaging me on whatsapp at like 11pm about work stuff, not creepy just annoying"
    )
    assert not found.safety and found.safety_first
    # ... but never past a floor: words of harm to oneself or of unwanted touching still take the route
    assert kb_services.guidance.classify("not in a creepy way but he said he wants to end his life").safety
    assert kb_services.guidance.classify(
        "he's not creepy or anything, but he put his hand on my thigh under the table and asked me out"
    ).safety


def test_idioms_that_only_sound_like_harm_are_read_as_what_they_mean() -> None:
    assert (
        without_idioms("mentee said i'd kill for your energy lol") == "mentee said would love your energy lol"
    )
    assert without_idioms("I'm dying to tell someone") == "I'm eager to tell someone"
    assert without_idioms("he wants to kill himself") == "he wants to kill himself"
    assert without_idioms("he touched on strategy") == "he talked about strategy"
    assert without_idioms("she hit me with a wall of questions") == "she sent me a wall of questions"
    assert without_idioms("Im going to murder my mentees PA lol") == "Im be so cross with my mentees PA lol"
    assert (
        without_idioms("one word answers, im losing the will tbh")
        == "one word answers, im losing patience tbh"
    )
    assert without_idioms("these meetings make me lose the will to live") == "these meetings bores me"
    assert without_idioms("i've lost the will to live") == "i've lost the will to live"
    # frustration and embarrassment, and a harm that would follow an everyday trigger
    assert without_idioms("i want to bang my head against the wall") == "i want to get frustrated"
    assert without_idioms("i wanted the ground to swallow me up") == "i was mortified"
    assert without_idioms("i nearly died of embarrassment") == "i was mortified"
    assert without_idioms("another hour on it. shoot me now") == "another hour on it. how tedious"
    assert (
        without_idioms("if he says 'synergy' one more time i'll throw myself out the window. help")
        == "if he says 'synergy' I'll be very annoyed. help"
    )
    assert (
        without_idioms("i'll be dead before he reads my emails")
        == "it will take forever before he reads my emails"
    )
    assert (
        without_idioms("could have strangled myself with my lanyard when i got his name wrong")
        == "was mortified when i got his name wrong"
    )
    assert without_idioms("it makes me want to gnaw my own arm off") == "it makes me want to escape"
    # ... and said with nothing to trigger it, as written
    for plain in ("i want to throw myself off the roof", "he said it again and i just want to die"):
        assert without_idioms(plain) == plain


def test_money_trouble_gets_the_disclosure_guides_advice_not_the_at_risk_steps(kb_services) -> None:
    found = kb_services.guidance.classify(
        "my mentor mentioned she sometimes skips meals because she cant afford food till payday"
    )
    assert (found.label, found.kind) == ("disclosure", "hardship")
    # ... but words of harm to oneself keep the at-risk steps, and an ordinary reading stays
    assert (
        kb_services.guidance.classify("she's behind on rent and says she wants to end her life").kind
        == AT_RISK
    )
    assert not kb_services.guidance.classify(
        "my mentor cant afford the train on session days, can we just go online?"
    ).safety


def test_a_plan_to_take_ones_life_and_a_missing_child_are_read_as_risk_whatever_else_is_asked() -> None:
    assert says_at_risk("I've been stockpiling my sertraline and thinking this weekend might be it. Sorry.")
    assert says_at_risk("Since the diagnosis I have been stockpiling my morphine")
    assert says_at_risk("her 14-year-old sister went to meet a man from Snapchat and hasn't come home")
    assert says_at_risk("my son went missing from the school trip")
    for ordinary in (
        "this weekend might be it for our old CRM",
        "my daughter didn't come home till 2am lol teenagers",
        "the slide deck is missing",
    ):
        assert not says_at_risk(ordinary), ordinary


@pytest.mark.parametrize(
    "text",
    [
        "he said he's got his tablets lined up for after the leaving party",
        "she told me she sat in the garage last night with the engine running",
        "there was a to-do list in his notebook: rehome the dog, cancel the gym, letters to my kids",
        "he keeps giving away all his things and says he won't be around much longer",
        "her partner checks her phone every night and she's not allowed her own bank account",
    ],
)
def test_the_means_made_ready_and_affairs_put_in_order_are_at_risk(text: str) -> None:
    assert says_at_risk(text)


@pytest.mark.parametrize(
    "text",
    [
        "the mechanic left the car engine running in the garage",
        "he's giving away his old laptops to the grads",
        "I won't be around for Tuesday's session, I'm on leave",
        "we lined up the tablets for the demo of the new app",
    ],
)
def test_the_same_words_in_ordinary_messages_are_not(text: str) -> None:
    assert not says_at_risk(text)


@pytest.mark.parametrize(
    ("situation", "leaving"),
    [
        ("she told me she is thinking of quitting because of the workload", True),
        ("he's handing in his notice next week, asked me not to say", True),
        ("she's applying for other jobs and is exhausted", True),
        ("she said she's quitting and doesn't want to be alive any more", False),
        ("he is thinking of quitting and can't cope, crying every day", False),
        ("she wants to leave the meeting early every week", False),
    ],
)
def test_leaving_a_job_is_told_apart_from_words_of_harm(situation: str, leaving: bool) -> None:
    assert leaving_a_job(situation) is leaving


@pytest.mark.parametrize(
    ("text", "at_risk", "writer"),
    [
        (
            "He messaged to cancel and added that he won't be around for the next one anyway, that he's "
            "rehomed his dog and sorted his will this week",
            True,
            False,
        ),
        ("I have cleared my desk and I have decided that this weekend is when I stop.", True, True),
        ("i dont want to be alive anymore, i have the pills lined up", True, True),
        ("my mentee said she doesnt want to be alive anymore", True, False),
        ("i sorted out my will after the baby was born", False, False),
        ("this weekend is when I stop working on the deck", False, False),
        ("i wont be around for the next one, im on holiday", False, False),
    ],
)
def test_affairs_put_in_order_a_day_decided_and_whose_risk_it_is(
    text: str, at_risk: bool, writer: bool
) -> None:
    assert says_at_risk(text) is at_risk
    assert writer_at_risk(text) is writer


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("she mentioned her manager grabbed her wrist in the car park last week", True),
        ("the supervisor shoved him against the lockers", True),
        ("he pushed me to post more on linkedin", False),
        ("she hit her target for the quarter", False),
    ],
)
def test_someone_at_work_laying_hands_on_someone_is_told_by_its_words(text: str, found: bool) -> None:
    from companion.guidance.risk import PHYSICAL_AGGRESSION

    assert (PHYSICAL_AGGRESSION.search(text) is not None) == found


def test_a_manager_grabbing_a_wrist_is_bullying_not_someone_at_risk_of_harming_themselves(
    kb_services,
) -> None:
    from companion.guidance.schemas import CoachingRequest

    message = (
        "how often should we meet? monthly feels too little. also, she mentioned her manager grabbed her "
        "wrist in the car park last week and she's been shaky since"
    )
    answer = kb_services.guidance.coach(CoachingRequest(situation=message, role="mentee"))
    assert answer.safety and answer.kind == "bullying"
    assert not any("harming yourself" in line for line in answer.act_now + answer.scripts)


@pytest.mark.parametrize(
    "situation",
    [
        "my mentee is 17, she's an apprentice. the senior guy she's paired with messages her late at night",
        "a 16-year-old on work experience told me her supervisor asked for her snapchat",
        "the apprentice is only seventeen and he keeps offering her lifts home",
    ],
)
def test_someone_else_under_18_is_a_young_person(situation: str) -> None:
    assert minor_concerned(situation)


@pytest.mark.parametrize(
    "situation",
    [
        "she's 17 minutes late every week",
        "he is 16 years into the job and won't try copilot",
        "i was 17 when i started here",
    ],
)
def test_minutes_years_in_the_job_and_the_writers_own_past_are_not(situation: str) -> None:
    assert not minor_concerned(situation)


def test_a_concern_about_a_young_person_goes_to_the_safeguarding_lead_first(kb_services) -> None:
    answer = kb_services.guidance.coach(
        CoachingRequest(
            situation="my mentee is 17, she's an apprentice. the senior guy she's paired with has been "
            "messaging her on instagram late at night",
            role="mentor",
        )
    )
    assert answer.challenge == "safeguarding"
    assert "designated safeguarding lead" in answer.act_now[0]
