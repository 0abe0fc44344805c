"""The mentor's pages: an agenda whose minutes add up and whose citations resolve, saved at its
own address (post, redirect, get), validation that keeps what was typed, the print view of what
was saved, and more starters."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from tests.web.conftest import WebApp, sign_in

PLAN = {
    "topic": "Using generative AI tools safely",
    "minutes": "50",
    "session_number": "2",
    "total_sessions": "6",
    "mentee_role": "finance director",
    "goals": "Draft a board summary with an assistant\n\nKnow what not to paste",
    "talking_points": "privacy",
}


def planned(client: TestClient, csrf: str) -> str:
    """Plan through the form: the answer is a redirect to the saved agenda's page."""
    response = client.post("/plan", data={"csrf": csrf, **PLAN})
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    assert re.fullmatch(r"/agendas/\d+", location)
    return location


def test_the_agenda_adds_up_and_every_citation_resolves(client: TestClient, web_app: WebApp) -> None:
    csrf = sign_in(client, web_app.keys["mentor"])
    response = client.get(planned(client, csrf))
    assert response.status_code == 200
    page = response.text
    assert page.count("<h1>") == 1
    total = int(re.search(r'id="total-minutes" data-minutes="(\d+)"', page).group(1))
    segments = [int(m) for m in re.findall(r'<li class="segment" data-minutes="(\d+)"', page)]
    assert total == 50 and len(segments) >= 3 and sum(segments) == 45  # 5 minutes kept spare
    ends = [int(end) for end in re.findall(r'<span class="clock">\d+–(\d+) min</span>', page)]
    assert ends[-1] == 45 and ends == sorted(ends)
    assert "Total: 45 of 50 minutes, with 5 minutes kept spare at the end" in page
    assert "finance director" in page and "Session 2 of 6" in page
    passages = set(re.findall(r'href="(/passages/[^"]+)"', page))
    anchors = set(re.findall(r'href="(/articles/[^"#]+#[^"]+)"', page))
    assert passages and anchors
    assert re.search(r'class="cite" href="/passages/', page), "segments cite their passages"
    for link in passages:
        cited = client.get(html.unescape(link))
        assert cited.status_code == 200 and 'class="passage-text highlight"' in cited.text, link
    for link in anchors:
        path, anchor = html.unescape(link).split("#")
        article = client.get(path)
        assert article.status_code == 200 and f'id="{anchor}"' in article.text, link


def test_validation_errors_sit_by_their_fields_and_keep_the_input(
    client: TestClient, web_app: WebApp
) -> None:
    csrf = sign_in(client, web_app.keys["mentor"])
    typed = {
        "csrf": csrf,
        "topic": "x",
        "minutes": "ninety",
        "session_number": "0",
        "mentee_role": "head of <script>alert(1)</script> audit",
        "goals": "one\n" + "y" * 301,
    }
    response = client.post("/plan", data=typed)
    assert response.status_code == 422
    page = response.text
    assert 'value="x"' in page and 'value="ninety"' in page and 'value="0"' in page
    assert "head of &lt;script&gt;alert(1)&lt;/script&gt; audit" in page and "<script>" not in page
    assert "one\n" + "y" * 301 in page  # the textarea keeps its lines
    for field, message in (
        ("topic", "Enter at least 2 characters."),
        ("minutes", "Enter a whole number."),
        ("session_number", "Enter 1 or more."),
        ("goals", "Line 2: enter at most 300 characters."),
    ):
        assert f'<p class="field-error" id="{field}-error">{message}</p>' in page
        assert re.search(rf'id="{field}"[^>]*aria-describedby="{field}-error" aria-invalid="true"', page)
    assert 'id="total_sessions-error"' not in page


def test_the_print_view_drops_navigation_and_forms(client: TestClient, web_app: WebApp) -> None:
    csrf = sign_in(client, web_app.keys["mentor"])
    address = planned(client, csrf)
    agenda = client.get(address).text
    assert f'href="{address}/print"' in agenda  # the agenda page offers the print view
    printed = client.get(f"{address}/print")
    assert printed.status_code == 200
    assert 'class="print-view"' in printed.text and "Total: 45 of 50 minutes" in printed.text
    assert "More starters" not in printed.text
    starters = re.findall(r'<ul class="starters">(.*?)</ul>', agenda, re.S)
    assert starters and starters == re.findall(r'<ul class="starters">(.*?)</ul>', printed.text, re.S)


def test_a_saved_agenda_is_its_planners_alone(client: TestClient, web_app: WebApp) -> None:
    address = planned(client, sign_in(client, web_app.keys["mentor"]))
    for role in ("mentee", "admin"):
        sign_in(client, web_app.keys[role])
        assert client.get(address).status_code == 404
        assert client.get(f"{address}/print").status_code == 404


def test_more_starters_for_the_topic(client: TestClient, web_app: WebApp) -> None:
    csrf = sign_in(client, web_app.keys["mentor"])
    agenda = client.get(planned(client, csrf)).text
    assert "More conversation starters for “Using generative AI tools safely”" in agenda
    response = client.post("/starters", data={"csrf": csrf, "topic": PLAN["topic"], "count": "8"})
    assert response.status_code == 200
    items = re.findall(r'<span class="tag">', response.text)
    assert len(items) == 8
    assert (
        client.get(html.unescape(re.search(r'href="(/passages/[^"]+)"', response.text).group(1))).status_code
        == 200
    )


def test_starters_validation(client: TestClient, web_app: WebApp) -> None:
    csrf = sign_in(client, web_app.keys["mentor"])
    response = client.post(
        "/starters", data={"csrf": csrf, "topic": "hybrid work", "count": "99", "audience": "boss"}
    )
    assert response.status_code == 422
    assert "Enter 20 or less." in response.text and 'value="99"' in response.text
    assert 'id="audience-error"' in response.text
