"""Pages for people: a browser gets an HTML page for an unknown address, a role's pages are its
own, the menu marks where you are, and the API link is for admins."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import WebApp, sign_in

HTML = {"Accept": "text/html,application/xhtml+xml"}


def test_a_browser_gets_a_page_for_an_unknown_address_and_a_client_gets_json(client: TestClient) -> None:
    page = client.get("/no-such-page", headers=HTML)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "<h1>Page not found</h1>" in page.text and "{" not in page.text.split("<main", 1)[1][:200]
    wrong = client.put("/signin", headers=HTML)
    assert wrong.status_code == 405 and "<h1>Not available this way</h1>" in wrong.text
    api = client.get("/v1/no-such-route", headers=HTML)
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"
    assert client.get("/no-such-page").json()["error"]["code"] == "not_found"  # no Accept: text/html


def test_a_role_opens_only_its_own_pages(client: TestClient, web_app: WebApp) -> None:
    sign_in(client, web_app.keys["mentee"])
    for path in ("/plan", "/starters"):
        page = client.get(path)
        assert page.status_code == 403 and "This page is for mentors and programme admins" in page.text
    sign_in(client, web_app.keys["mentor"])
    assert client.get("/reflect").status_code == 403
    assert client.get("/plan").status_code == 200


def test_the_menu_marks_the_current_page_and_the_api_is_for_admins(
    client: TestClient, web_app: WebApp
) -> None:
    sign_in(client, web_app.keys["mentor"])
    page = client.get("/coach").text
    assert '<a href="/coach" aria-current="page">Coaching</a>' in page
    assert '<a href="/plan">Plan a session</a>' in page
    assert 'href="/docs"' not in page
    sign_in(client, web_app.keys["admin"])
    assert 'href="/docs"' in client.get("/coach").text


def test_sign_in_speaks_to_people_not_operators(client: TestClient) -> None:
    page = client.get("/signin").text
    assert "companion keys create" not in page and "Your sign-in key" in page
