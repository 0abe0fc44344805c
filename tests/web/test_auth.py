"""Signing in and out, the session cookie's flags, CSRF, roles and revoked keys."""

from __future__ import annotations

from fastapi.testclient import TestClient

from companion.web.session import COOKIE_NAME
from tests.conftest import make_key
from tests.web.conftest import WebApp, csrf_of, sign_in


def test_pages_need_signing_in_and_come_back_after(client: TestClient, web_app: WebApp) -> None:
    response = client.get("/plan")
    assert response.status_code == 303
    assert response.headers["location"] == "/signin?next=%2Fplan"
    form = client.get(response.headers["location"])
    assert form.status_code == 200 and 'value="/plan"' in form.text
    signed_in = client.post(
        "/signin", data={"csrf": csrf_of(form.text), "key": web_app.keys["mentor"], "next": "/plan"}
    )
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/plan"
    assert client.get("/plan").status_code == 200


def test_session_cookie_is_http_only_lax_and_holds_no_key(client: TestClient, web_app: WebApp) -> None:
    form = client.get("/signin")
    response = client.post("/signin", data={"csrf": csrf_of(form.text), "key": web_app.keys["mentee"]})
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE_NAME}=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # plain http here (tests, a laptop): see the https test
    assert web_app.keys["mentee"] not in cookie
    assert web_app.keys["mentee"][:12] not in response.text


def test_cookie_is_secure_over_https(web_app: WebApp) -> None:
    client = TestClient(web_app.app, base_url="https://testserver", follow_redirects=False)
    form = client.get("/signin")
    assert "Secure" in form.headers["set-cookie"]
    response = client.post("/signin", data={"csrf": csrf_of(form.text), "key": web_app.keys["mentor"]})
    assert response.status_code == 303 and "Secure" in response.headers["set-cookie"]
    assert client.get("/").status_code == 200


def test_sign_out_ends_the_session(client: TestClient, web_app: WebApp) -> None:
    csrf = sign_in(client, web_app.keys["mentor"])
    response = client.post("/signout", data={"csrf": csrf})
    assert response.status_code == 303 and response.headers["location"] == "/signin?reason=goodbye"
    assert "Max-Age=0" in response.headers["set-cookie"]
    assert client.get("/").status_code == 303
    assert "You are signed out" in client.get("/signin?reason=goodbye").text


def test_a_stolen_cookie_value_stays_valid_only_while_the_key_is(client: TestClient, web_app: WebApp) -> None:
    """Revoking a key signs its sessions out at once, even with the cookie still in the browser."""
    secret = make_key(web_app.settings, "mentor", name="leaver")
    sign_in(client, secret)
    assert client.get("/plan").status_code == 200
    web_app.app.state.services.keys.revoke("leaver")
    response = client.get("/plan")
    assert response.status_code == 303
    assert response.headers["location"] == "/signin?next=%2Fplan&reason=signed-out"
    assert "Max-Age=0" in response.headers["set-cookie"]
    assert "your key was revoked" in client.get(response.headers["location"]).text


def test_unknown_and_empty_keys_are_refused_without_echoing_them(client: TestClient) -> None:
    form = client.get("/signin")
    csrf = csrf_of(form.text)
    wrong = "cmp_abcdefgh_" + "x" * 43
    response = client.post("/signin", data={"csrf": csrf, "key": wrong})
    assert response.status_code == 400 and "not valid, or it has been replaced" in response.text
    assert wrong not in response.text
    empty = client.post("/signin", data={"csrf": csrf, "key": "  "})
    assert empty.status_code == 400 and "Paste your sign-in key." in empty.text
    assert client.get("/").status_code == 303


def test_sign_in_without_its_csrf_token_is_refused(client: TestClient, web_app: WebApp) -> None:
    response = client.post("/signin", data={"key": web_app.keys["admin"]})  # no cookie, no token
    assert response.status_code == 400 and "expired" in response.text
    assert client.get("/").status_code == 303
    client.get("/signin")
    forged = client.post("/signin", data={"csrf": "guess", "key": web_app.keys["admin"]})
    assert forged.status_code == 400
    assert client.get("/").status_code == 303


def test_posts_without_the_session_csrf_token_are_refused(client: TestClient, web_app: WebApp) -> None:
    csrf = sign_in(client, web_app.keys["mentor"])
    for data in (
        {"topic": "AI tools", "minutes": "30"},
        {"csrf": "x" + csrf, "topic": "AI", "minutes": "30"},
    ):
        response = client.post("/plan", data=data)
        assert response.status_code == 403 and "This form has expired" in response.text
    assert client.post("/signout", data={}).status_code == 403
    other = TestClient(web_app.app, follow_redirects=False)
    other_csrf = sign_in(other, web_app.keys["mentee"])
    assert client.post("/coach", data={"csrf": other_csrf, "situation": "We never meet."}).status_code == 403


def test_mentors_and_mentees_get_the_403_page_on_admin_pages(client: TestClient, web_app: WebApp) -> None:
    for role in ("mentor", "mentee"):
        csrf = sign_in(client, web_app.keys[role])
        for path in ("/admin/themes", "/admin/import", "/admin/organisation", "/admin"):
            response = client.get(path)
            assert response.status_code == 403, path
            assert response.headers["content-type"].startswith("text/html")
            assert "<h1>Admins only</h1>" in response.text and f"signed in as a {role}" in response.text
        upload = client.post("/admin/import", data={"csrf": csrf}, files={"file": ("a.csv", b"text\nhi\n")})
        assert upload.status_code == 403
        assert "Import feedback" not in client.get("/").text  # not offered in the navigation either


def test_admin_pages_redirect_to_sign_in_when_signed_out(client: TestClient) -> None:
    response = client.get("/admin/themes")
    assert response.status_code == 303 and response.headers["location"].startswith("/signin?next=")


def test_next_never_leaves_the_site(client: TestClient, web_app: WebApp) -> None:
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        form = client.get("/signin", params={"next": target})
        response = client.post(
            "/signin", data={"csrf": csrf_of(form.text), "key": web_app.keys["mentor"], "next": target}
        )
        assert response.headers["location"] == "/"
        client.cookies.clear()


def test_a_tampered_cookie_is_no_session(client: TestClient, web_app: WebApp) -> None:
    sign_in(client, web_app.keys["admin"])
    value = client.cookies[COOKIE_NAME]
    payload, signature = value.split(".")
    client.cookies.clear()
    client.cookies.set(COOKIE_NAME, payload + "." + signature[::-1])
    assert client.get("/").status_code == 303


def test_pages_carry_security_headers(client: TestClient, web_app: WebApp) -> None:
    sign_in(client, web_app.keys["mentor"])
    headers = client.get("/").headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "script-src" not in headers["content-security-policy"]  # default-src 'none': no scripts
    assert headers["cache-control"] == "no-store"
    assert headers["x-content-type-options"] == "nosniff"


def test_a_copied_cookie_stops_working_at_sign_out(web_app: WebApp) -> None:
    """Sign-out once only cleared the browser's cookie: a copy stayed valid for 12 hours."""
    browser = TestClient(web_app.app, follow_redirects=False)
    csrf = sign_in(browser, web_app.keys["mentor"])
    copied = browser.cookies.get(COOKIE_NAME)
    assert browser.get("/plan").status_code == 200
    assert browser.post("/signout", data={"csrf": csrf}).status_code == 303
    thief = TestClient(web_app.app, follow_redirects=False, cookies={COOKIE_NAME: copied})
    response = thief.get("/plan")
    assert response.status_code == 303 and "reason=signed-out" in response.headers["location"]
