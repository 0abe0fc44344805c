"""The mentee's pages: reflection prompts and challenge coaching."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.conftest import WebApp, sign_in


def test_reflection_prompts_with_their_framework_and_sources(client: TestClient, web_app: WebApp) -> None:
    csrf = sign_in(client, web_app.keys["mentee"])
    assert client.get("/reflect").status_code == 200
    response = client.post(
        "/reflect", data={"csrf": csrf, "topic": "short-form video", "notes": "I felt out of my depth."}
    )
    assert response.status_code == 200
    prompts = re.search(r'<ol class="prompts">(.*?)</ol>', response.text, re.S).group(1)
    assert prompts.count("<li>") == 6
    assert 'id="sources-heading"' in response.text and "/passages/" in response.text
    assert "I felt out of my depth." in response.text  # the notes stay in their field


def test_coaching_names_the_challenge_and_when_to_escalate(client: TestClient, web_app: WebApp) -> None:
    csrf = sign_in(client, web_app.keys["mentee"])
    situation = "We have cancelled three sessions in a row; my diary is full and my PA keeps moving them."
    response = client.post("/coach", data={"csrf": csrf, "situation": situation})
    assert response.status_code == 200
    page = response.text
    assert 'data-challenge="time"' in page and "Lack of time" in page
    for heading in ("Strategies", "Words to say", "When to involve the programme team"):
        assert f">{heading}</h" in page
    assert re.search(r">Sources \(\d+\)</h2>", page), "sources fold away under their count"
    assert "/passages/playbook-time%23" in page


def test_a_safety_situation_shows_what_to_do_now_and_no_strategies(
    client: TestClient, web_app: WebApp
) -> None:
    csrf = sign_in(client, web_app.keys["mentor"])
    situation = "my mentee keeps texting me late at night about how i look and asked me to a hotel bar"
    response = client.post("/coach", data={"csrf": csrf, "situation": situation})
    assert response.status_code == 200
    page = response.text
    assert 'data-challenge="safeguarding"' in page and "Safety first:" in page
    assert ">What to do now</h3>" in page and ">Who to contact</h3>" in page
    assert ">Strategies</h3>" not in page and "Confidence" not in page
    assert "/passages/safeguarding-in-a-pair%23" in page


def test_coaching_validation_keeps_the_text(client: TestClient, web_app: WebApp) -> None:
    csrf = sign_in(client, web_app.keys["mentee"])
    response = client.post("/coach", data={"csrf": csrf, "situation": "hm"})
    assert response.status_code == 422
    assert "Enter at least 3 characters." in response.text and ">hm</textarea>" in response.text
    empty = client.post("/reflect", data={"csrf": csrf, "topic": "  ", "notes": "kept"})
    assert empty.status_code == 422 and "This is required." in empty.text and ">kept</textarea>" in empty.text


def test_a_programme_manager_is_answered_as_the_programme_team(client: TestClient, web_app: WebApp) -> None:
    csrf = sign_in(client, web_app.keys["admin"])
    situation = "a mentor told me her mentee keeps texting her late at night about how she looks"
    page = client.post("/coach", data={"csrf": csrf, "situation": situation}).text
    assert 'data-challenge="safeguarding"' in page and "The steps below are the programme team" in page
    # the team's own steps, not "tell the programme team"
    steps = re.search(r'<ol class="act-now">(.*?)</ol>', page, re.S).group(1)
    assert "The same day" in steps and "Tell the programme team the same day" not in steps


def test_the_programme_team_is_not_told_to_involve_the_programme_team(
    client: TestClient, web_app: WebApp
) -> None:
    csrf = sign_in(client, web_app.keys["admin"])
    situation = "two of our pairs have not met since september because the execs keep cancelling"
    page = client.post("/coach", data={"csrf": csrf, "situation": situation}).text
    assert "When to involve the programme team" not in page and "Who to contact" in page
