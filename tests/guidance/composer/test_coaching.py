"""Coaching that may also be a safety matter: one check before anything else, whoever wrote the
rest; ordinary problems are not told about HR."""

import pytest

from companion.guidance.classifier import Classification
from companion.guidance.composer.coaching import CONFIDED, compose_coaching, content_words, with_safety_check
from companion.guidance.schemas import Coaching, CoachingRequest
from companion.prompts.loader import phrases

MODEL_ANSWER = Coaching(
    challenge="time",
    confidence=0.6,
    likelihood="possibly",
    diagnosis="This looks like a scheduling problem.",
    strategies=["Book the dates."],
    scripts=[],
    escalate_when=[],
    citations=[],
)


def test_the_safety_check_comes_first_and_once() -> None:
    checked = with_safety_check(MODEL_ANSWER, "safeguarding")
    assert checked.diagnosis.startswith("One thing to check first")
    assert "programme team today" in checked.diagnosis
    assert with_safety_check(checked, "safeguarding").diagnosis == checked.diagnosis
    disclosure = with_safety_check(MODEL_ANSWER, "disclosure")
    assert "told you something in confidence" in disclosure.diagnosis


def test_a_possible_safety_matter_keeps_the_ordinary_first_step(kb_services) -> None:
    guidance = kb_services.guidance
    scores = dict.fromkeys(("resistance", "communication", "pairing-fit", "expectations"), 0.0)
    scores |= {"time": 0.6, "safeguarding": 0.27, "disclosure": 0.0, "generational-bias": 0.0}
    scores["out-of-scope"] = 0.13
    classification = Classification("time", 0.6, scores, also="safeguarding")
    request = CoachingRequest(situation="she cancels every week and I feel uneasy around her", role="mentor")
    passages = guidance.coaching_passages(classification).groups
    answer = compose_coaching(request, classification, passages, guidance.classifier.embedder)
    assert not answer.act_now, "the first step is the ordinary one"
    assert answer.strategies
    opening, check = answer.diagnosis.split(". ", 1)
    assert opening.startswith("This could be a time and scheduling problem")
    assert check.startswith("One thing to check first")


def test_an_ordinary_problem_is_not_told_about_hr(kb_services) -> None:
    answer = kb_services.guidance.coach(
        CoachingRequest(situation="He keeps cancelling our sessions at the last minute.", role="mentor")
    )
    assert not answer.safety and answer.also is None
    text = " ".join(answer.escalate_when)
    assert "programme team" in text and " HR" not in text


def test_a_confidence_passed_on_gets_advice_for_the_one_whose_words_travelled(kb_services) -> None:
    answer = kb_services.guidance.coach(
        CoachingRequest(
            situation="my mentor keeps cc'ing my line manager on our session notes, some of it is personal",
            role="mentee",
        )
    )
    assert answer.challenge == "disclosure" and answer.safety
    assert answer.act_now[0].startswith("If your mentor passes on what you said")
    assert len(answer.act_now) <= 4, "only the closest of the general steps for the one who was told"
    assert "a confidence that was passed on" in answer.diagnosis


def test_a_partner_in_distress_is_not_told_to_stay_away(kb_services) -> None:
    answer = kb_services.guidance.coach(
        CoachingRequest(
            situation="I think my mentor is struggling, she said she's not eating and cries at work a lot",
            role="mentee",
        )
    )
    assert answer.challenge == "safeguarding"
    assert answer.act_now[0].startswith("Check that they are safe now, and get urgent help")
    assert "Samaritans" in answer.act_now[0], "a crisis line in the first step"
    assert not any(step.startswith(("Stop.", "Pause one-to-one")) for step in answer.act_now)
    assert any(step.startswith("Stay in touch; do not withdraw") for step in answer.act_now)


def test_behaviour_still_opens_with_stop(kb_services) -> None:
    answer = kb_services.guidance.coach(
        CoachingRequest(
            situation="my mentee keeps commenting on my body and asked if i have a boyfriend",
            role="mentor",
        )
    )
    assert answer.challenge == "safeguarding"
    assert not any(step.startswith("Check that they are safe now") for step in answer.act_now)
    assert any(step.startswith("Stop.") for step in answer.act_now[:2])


def test_advice_for_the_writers_situation_counts_when_it_is_clearly_the_closest(kb_services) -> None:
    answer = kb_services.guidance.coach(
        CoachingRequest(
            situation="the ceo i mentor told me our site is closing in march, i have a mortgage "
            "and my team doesnt know",
            role="mentor",
        )
    )
    assert answer.challenge == "disclosure"
    assert answer.act_now[0].startswith(
        "If what you were told affects your own job, your team or your family"
    )


def test_someone_at_risk_gets_the_words_for_asking_not_for_setting_limits(kb_services) -> None:
    answer = kb_services.guidance.coach(
        CoachingRequest(
            situation="my mentor messaged me at 11pm saying 'sorry for being useless, you won't have to put "
            "up with me for much longer'. not answering since",
            role="mentee",
        )
    )
    assert answer.act_now[0].startswith("Check that they are safe now")
    assert any(script.startswith("Asking about risk") for script in answer.scripts)
    assert not any("messages after seven" in script for script in answer.scripts)


def test_someone_under_18_gets_the_designated_safeguarding_lead_first(kb_services) -> None:
    answer = kb_services.guidance.coach(
        CoachingRequest(
            situation="im 17 and on an apprenticeship, my mentee keeps messaging me on insta late at night "
            "saying im mature for my age",
            role="mentor",
        )
    )
    assert answer.safety
    assert "designated safeguarding lead" in answer.act_now[0]
    assert sum(step.startswith("Tell the programme team the same day") for step in answer.act_now) == 1


def test_a_sign_is_quoted_for_the_words_it_shares_not_the_shape_of_the_sentence(kb_services) -> None:
    # "he keeps asking… she wants…" once quoted the promotion-panel sign for a PA in the sessions
    answer = kb_services.guidance.coach(
        CoachingRequest(
            situation="my mentee keeps bringing his PA to our sessions and she answers for him", role="mentor"
        )
    )
    assert "promotion panel" not in answer.diagnosis
    assert "PA" in answer.diagnosis or "common sign" not in answer.diagnosis


def test_content_words_leave_out_who_and_when() -> None:
    assert content_words("She says my mentee keeps bringing his PA to sessions") == {"bringing", "pa"}


@pytest.mark.parametrize(
    ("message", "confided"),
    [
        ("she begged me not to tell anyone about her manager", True),
        ("he made me promise i wouldn't say anything", True),
        ("she doesn't want hr to know what he did", True),
        ("I'm the only person she's told", True),
        ("he asked me to keep it a secret", True),
        ("she told me he grabbed her at the party", False),
        ("we did secret santa and he made a comment about my body", False),
    ],
)
def test_a_confidence_is_read_in_the_words_people_use(message: str, confided: bool) -> None:
    assert bool(CONFIDED.search(message)) is confided


def test_a_mentee_told_of_someone_elses_bullying_gets_the_advice_for_a_concern_brought(kb_services) -> None:
    situation = "my mentor told me she's being bullied by her team lead and begged me not to say anything"
    answer = kb_services.guidance.coach(CoachingRequest(situation=situation, role="mentee"))
    assert answer.safety and answer.act_now[0].startswith("When your mentor brings you a concern")
    assert "emergency services" not in " ".join(answer.act_now[:2])


def test_someone_with_nowhere_to_sleep_is_not_asked_about_harming_themselves(kb_services) -> None:
    answer = kb_services.guidance.coach(
        CoachingRequest(
            situation="my reverse mentor said she's been sleeping in her car since her landlord evicted her",
            role="mentee",
        )
    )
    assert answer.safety and answer.scripts
    assert not any("harming yourself" in script for script in answer.scripts)
    assert not any("stopped meeting" in script or "Declining" in script for script in answer.scripts)


def test_the_programme_team_gets_its_own_steps_and_no_words_for_the_pair(kb_services) -> None:
    answer = kb_services.guidance.coach(
        CoachingRequest(
            situation="one of our mentees says her mentor asked her to a hotel bar after their session",
            role="programme",
        )
    )
    assert answer.safety and answer.act_now[0].startswith("The same day")
    assert not any(step.startswith(("Stop.", "Tell the programme team")) for step in answer.act_now)
    assert not any(script.startswith(("Declining", "Mentor,", "Mentee,")) for script in answer.scripts)


def test_the_programme_team_gets_its_own_strategies_and_words(kb_services) -> None:
    situation = "two of my pairs keep cancelling, one hasnt met since september"
    team = kb_services.guidance.coach(CoachingRequest(situation=situation, role="programme"))
    assert team.challenge == "time" and team.strategies and team.scripts
    assert all(script.startswith("Programme team,") for script in team.scripts)
    assert any("strategies-for-the-programme-team" in citation.id for citation in team.citations)
    assert not any("first call for anything about the pair" in line for line in team.escalate_when)
    mentor = kb_services.guidance.coach(
        CoachingRequest(situation="my mentee keeps cancelling", role="mentor")
    )
    assert not any(script.startswith("Programme team,") for script in mentor.scripts)


def test_no_step_is_a_whole_list_shown_as_one(kb_services) -> None:
    situation = (
        "he grabbed my arm pretty hard when i disagreed with him in the meeting room. probably nothing"
    )
    answer = kb_services.guidance.coach(CoachingRequest(situation=situation, role="mentor"))
    assert answer.safety
    assert not any(step.lstrip().startswith("-") or "\n-" in step for step in answer.act_now)
    assert any(script.startswith("After unwanted physical contact") for script in answer.scripts)


def test_words_for_receiving_a_concern_only_when_someone_brought_one(kb_services) -> None:
    situation = "mentee keeps commenting on what i wear, says i should dress up more to cheer the office up"
    answer = kb_services.guidance.coach(CoachingRequest(situation=situation, role="mentor"))
    assert answer.safety and answer.scripts
    assert not any("receiving a concern" in script for script in answer.scripts)


def test_a_remark_about_a_group_gets_words_to_challenge_it(kb_services) -> None:
    situation = (
        "my mentee made a nasty joke about the eastern european drivers at the depot. do i say something?"
    )
    answer = kb_services.guidance.coach(CoachingRequest(situation=situation, role="mentor"))
    assert answer.safety
    assert any(script.startswith("Challenging a remark about a group") for script in answer.scripts)


def test_the_programme_teams_disclosure_opening_is_whole_and_for_the_team() -> None:
    say = phrases()
    for named in (True, False):
        team = say.disclosure_opening("possibly", "a question about colleagues", named, True)
        assert "to guide the person who came to you" in team and "do not have to sort it out" not in team
        pair = say.disclosure_opening("possibly", "a question about colleagues", named, False)
        assert "do not have to sort it out alone" in pair


def test_unwanted_touching_is_met_with_trust_what_you_noticed_not_the_advice_for_distress(
    kb_services,
) -> None:
    answer = kb_services.guidance.coach(
        CoachingRequest(
            situation="mentee keeps touching my shoulder and calling me sweetheart during sessions, the rest "
            "of the mentoring is going ok though, how do i get him to do his homework",
            role="mentor",
        )
    )
    assert answer.kind == "harassment"
    assert answer.act_now[0].startswith("Trust what you noticed")
    assert answer.act_now[1].startswith("Stop.")  # then the guide's own steps, in its order
    assert not any("seems to be in distress" in step for step in answer.act_now)


def test_a_partner_thinking_of_quitting_their_job_is_no_risk_to_life(kb_services) -> None:
    answer = kb_services.guidance.coach(
        CoachingRequest(
            situation="she told me in confidence that she is thinking of quitting because of the workload. "
            "how do i help her without overstepping",
            role="mentee",
        )
    )
    assert answer.challenge == "disclosure"
    assert not any("Are you safe" in step for step in answer.act_now)


@pytest.mark.parametrize(
    ("situation", "role", "first"),
    [
        (
            "i was paired with my own boss's boss which makes every session feel like a performance review, "
            "i cant be honest at all",
            "mentor",
            "If your mentee turns out to be in your own management line",
        ),
        (
            "i'm autistic and my mentee's style (lots of small talk, jokes, vague questions) really wears me "
            "out. how can we make it work or should i ask for someone else?",
            "mentor",
            "If you are autistic, ADHD or otherwise work differently",
        ),
        (
            "we click fine as people but she's in a completely different site and we can only ever do video, "
            "it feels cold. worth asking for someone local?",
            "mentee",
            "If you only ever meet your mentor on screen",
        ),
    ],
)
def test_a_pair_that_does_not_fit_gets_the_step_for_its_own_reason(
    kb_services, situation: str, role: str, first: str
) -> None:
    answer = kb_services.guidance.coach(CoachingRequest(situation=situation, role=role))
    assert answer.challenge == "pairing-fit"
    assert answer.strategies[0].startswith(first)


def test_a_disclosure_nobody_told_the_writer_does_not_open_with_pause_before_you_respond(kb_services) -> None:
    situation = (
        "ive been forwarding my mentee the weekly sales figures before the board sees them. is that ok?"
    )
    answer = kb_services.guidance.coach(CoachingRequest(situation=situation, role="mentor"))
    assert answer.challenge == "disclosure" and not answer.act_now[0].startswith("Pause before you respond")
