"""Search, articles and passages, for every role; Markdown rendered with raw HTML escaped."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from companion.rag.store import StoreUnavailable
from tests.web.conftest import ROLES, WebApp, sign_in


@pytest.mark.parametrize("role", ROLES)
def test_everyone_searches_and_reads(client: TestClient, web_app: WebApp, role: str) -> None:
    sign_in(client, web_app.keys[role])
    response = client.get("/search", params={"q": "ground rules and confidentiality"})
    assert response.status_code == 200
    passages = re.findall(r'<li><a href="(/passages/[^"]+)">', response.text)
    articles = re.findall(r'<h3><a href="(/articles/[^"]+)">', response.text)
    assert len(passages) == 10 and 1 <= len(articles) <= 10  # ten passages, under their articles
    assert len(articles) == len(set(articles))
    assert "ground-rules-and-confidentiality" in passages[0]
    assert client.get(html.unescape(passages[0])).status_code == 200
    assert client.get("/articles").status_code == 200


def test_snippets_are_plain_text_with_the_matched_words_marked(client: TestClient, web_app: WebApp) -> None:
    sign_in(client, web_app.keys["mentee"])
    page = client.get("/search", params={"q": "cancelled sessions"}).text
    results = page.split('class="results"', 1)[1]
    assert "<mark>" in results and ("<mark>cancel" in results.lower() or "<mark>session" in results.lower())
    assert "**" not in results and "](" not in results and ".md" not in results


def test_nonsense_gets_no_strong_match(client: TestClient, web_app: WebApp) -> None:
    sign_in(client, web_app.keys["mentor"])
    page = client.get("/search", params={"q": "best pizza recipe"}).text
    assert 'id="no-strong-match"' in page and "No strong match" in page
    assert (
        'id="no-strong-match"'
        not in client.get("/search", params={"q": "meetings keep getting cancelled"}).text
    )


def test_an_article_has_anchors_and_internal_links(client: TestClient, web_app: WebApp) -> None:
    sign_in(client, web_app.keys["mentee"])
    page = client.get("/articles/playbook-time").text
    assert page.count("<h1>") == 1 and "<h1>Lack of time</h1>" in page
    assert 'id="strategies-for-the-mentor"' in page and 'id="summary"' in page
    assert 'href="/articles/session-formats"' in page  # ../sessions/session-formats.md
    assert ".md" not in re.sub(r'class="source-path">[^<]*<', "", page)


def test_a_passage_page_highlights_the_text_and_links_to_its_section(
    client: TestClient, web_app: WebApp
) -> None:
    sign_in(client, web_app.keys["mentor"])
    page = client.get("/passages/playbook-time%23words-to-say-0").text
    assert 'class="passage-text highlight"' in page and "after a second cancellation" in page
    assert 'href="/articles/playbook-time#words-to-say"' in page


def test_unknown_articles_and_passages_are_404_pages(client: TestClient, web_app: WebApp) -> None:
    sign_in(client, web_app.keys["mentor"])
    for path in ("/articles/nope", "/passages/nope%23x-0", "/passages/"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("text/html")


def test_long_or_odd_queries_are_not_errors(client: TestClient, web_app: WebApp) -> None:
    sign_in(client, web_app.keys["mentor"])
    too_long = client.get("/search", params={"q": "a" * 600})
    assert too_long.status_code == 422 and "Enter at most 500 characters." in too_long.text
    odd = client.get("/search", params={"q": '"<b>bold</b>" \x00 %%% AND OR ('})
    assert odd.status_code == 200 and "<b>bold</b>" not in odd.text
    assert client.get("/search", params={"q": "   "}).status_code == 200


def test_a_dependency_down_is_a_friendly_503_page(
    client: TestClient, web_app: WebApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    csrf = sign_in(client, web_app.keys["mentor"])
    retriever = web_app.app.state.services.retriever

    def down(*_: object, **__: object) -> None:
        raise StoreUnavailable("the Chroma server at http://127.0.0.1:1 cannot be reached")

    monkeypatch.setattr(retriever, "search", down)
    for response in (
        client.get("/search", params={"q": "time"}),
        client.post("/plan", data={"csrf": csrf, "topic": "AI tools", "minutes": "30"}),
    ):
        assert response.status_code == 503
        assert response.headers["retry-after"] == "5"
        assert "<h1>Temporarily unavailable</h1>" in response.text and "chroma" in response.text
