"""The web UI end to end: a real `companion serve` and Debian's chromium, driven by Playwright.

No browser is downloaded: `make test` installs Debian's `chromium` (scripts/chromium.sh) and
sets COMPANION_TEST_CHROMIUM. Every page visited is saved to tests/web/artifacts/; the agenda
and the dashboard are copied to docs/screenshots/ for the README when
COMPANION_PUBLISH_SCREENSHOTS=1.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest

from companion.config import Settings
from tests.conftest import KNOWLEDGE_DIR, REPO_ROOT, make_key
from tests.web.conftest import ROLES

# Read at import: the autouse fixture removes COMPANION_ variables before each test.
CHROMIUM = os.environ.get("COMPANION_TEST_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).parent / "artifacts"
SCREENSHOTS = REPO_ROOT / "docs" / "screenshots"
# The README's screenshots are refreshed on request only, so that `make test` leaves the tree clean:
#   COMPANION_PUBLISH_SCREENSHOTS=1 .venv/bin/python -m pytest tests/web/test_e2e.py
PUBLISH = os.environ.get("COMPANION_PUBLISH_SCREENSHOTS") == "1"
SURVEY = REPO_ROOT / "examples" / "feedback" / "survey-export.csv"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason=f"no browser at {CHROMIUM}: run scripts/chromium.sh (make test does)",
    ),
]


@dataclass(frozen=True)
class Server:
    url: str
    keys: dict[str, str]


def make_pair(settings: Settings) -> dict[str, str]:
    """Sam (mentor, London) and Dana (mentee, New York) in pair 1, and Priya (admin), with keys of
    their own: "sam", "dana" and "priya"."""
    from companion.auth import KeyStore
    from companion.db import Database
    from companion.pairs import PeopleStore, PersonIn
    from companion.pairs.schemas import PairIn
    from companion.pairs.store import PairStore

    database = Database(settings.effective_database_url)
    database.migrate()
    sam, dana, priya = PeopleStore(database).add_many(
        [
            PersonIn(name="Sam Okafor", email="sam@example.org", role="mentor", timezone="Europe/London"),
            PersonIn(name="Dana Reid", email="dana@example.org", role="mentee", timezone="America/New_York"),
            PersonIn(name="Priya Shah", email="priya@example.org", role="admin"),
        ]
    )
    PairStore(database, 45).create(PairIn(mentor_id=sam.id, mentee_id=dana.id, planned_sessions=6))
    keys = {
        person.email.split("@")[0]: KeyStore(database).create(person.role, f"{person.email}-e2e", person.id)[
            1
        ]
        for person in (sam, dana, priya)
    }
    database.close()
    return keys


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, kb_services) -> Iterator[Server]:
    """`companion serve` on a copy of the test index, with a key per role made before it starts."""
    root = tmp_path_factory.mktemp("e2e")
    data_dir = root / "data"
    shutil.copytree(kb_services.settings.data_dir, data_dir)
    (data_dir / "companion.db").unlink(missing_ok=True)
    keys = {role: make_key(Settings(data_dir=data_dir), role, name=f"{role}-e2e") for role in ROLES}
    keys |= make_pair(Settings(data_dir=data_dir))
    port = _free_port()
    env = {name: value for name, value in os.environ.items() if not name.startswith("COMPANION_")}
    env |= {"COMPANION_DATA_DIR": str(data_dir), "COMPANION_KNOWLEDGE_DIR": str(KNOWLEDGE_DIR)}
    log = (root / "server.log").open("w")
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("companion")), "serve", "--port", str(port)],
        env=env,
        cwd=root,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert process.poll() is None, (root / "server.log").read_text()
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            raise AssertionError("companion serve did not answer /healthz in time")
        yield Server(url, keys)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser) -> Iterator:
    """Pages in fresh browser contexts (no cookies shared), closed after the test."""
    contexts = []

    def make(width: int = 1280, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height})
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def shot(page, name: str, publish: str | None = None) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if publish and PUBLISH:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, SCREENSHOTS / publish)


def sign_in(page, server: Server, role: str) -> None:
    page.goto(f"{server.url}/")
    assert page.url.startswith(f"{server.url}/signin")
    page.get_by_label("Your sign-in key").fill(server.keys[role])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{server.url}/")


def plan_agenda(page, server: Server) -> None:
    page.goto(f"{server.url}/plan")
    page.get_by_label("Topic").fill("Using generative AI tools safely")
    page.get_by_label("Minutes").fill("45")
    page.get_by_label("Session number").fill("2")
    page.get_by_label("Total sessions").fill("6")
    page.get_by_label("Mentee's role").fill("finance director")
    page.get_by_label("Goals").fill("Draft a board summary with an assistant\nKnow what not to paste")
    page.get_by_label("Talking points").fill("Privacy settings")
    page.get_by_role("button", name="Plan the agenda").click()
    page.wait_for_selector("#total-minutes")


def test_each_role_signs_in_and_sees_its_own_home(new_page, server: Server) -> None:
    page = new_page()
    page.goto(f"{server.url}/signin")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    shot(page, "signin")
    offers = {"mentor": "Plan a session", "mentee": "Reflection prompts", "admin": "Feedback themes"}
    for role in ROLES:
        page = new_page()
        sign_in(page, server, role)
        assert page.locator("h1").count() == 1
        assert " ".join(page.locator(".who").text_content().split()).endswith(f"({role})")
        assert page.locator(".cards").get_by_role("link", name=offers[role]).is_visible()
        assert (page.get_by_role("link", name="Themes").count() > 0) == (role == "admin")
        shot(page, f"home-{role}")
        page.get_by_role("button", name="Sign out").click()
        page.wait_for_url(f"{server.url}/signin?reason=goodbye")


def test_mentor_plans_an_agenda_and_follows_a_citation(new_page, server: Server) -> None:
    page = new_page()
    sign_in(page, server, "mentor")
    plan_agenda(page, server)
    minutes = [
        int(m) for m in page.locator("li.segment").evaluate_all("els => els.map(e => e.dataset.minutes)")
    ]
    total = int(page.locator("#total-minutes").get_attribute("data-minutes"))
    assert total == 45 and sum(minutes) <= total
    assert "kept spare" in page.locator("p.total").inner_text() or sum(minutes) == total
    shot(page, "agenda", publish="agenda.png")

    page.locator("li.segment a.cite").first.click()
    page.wait_for_url("**/passages/**")
    assert page.locator(".highlight").is_visible()
    shot(page, "passage")
    page.get_by_role("link", name="Read it in the article").click()
    page.wait_for_url("**/articles/**#*")
    anchor = page.url.split("#", 1)[1]
    assert page.locator(f"[id='{anchor}']").is_visible()
    shot(page, "article")


def test_mentor_gets_more_starters_and_a_print_view(new_page, server: Server) -> None:
    page = new_page()
    sign_in(page, server, "mentor")
    plan_agenda(page, server)
    page.get_by_role("link", name="Print view").click()
    page.wait_for_selector("body.print-view")
    assert not page.locator(".site-header").is_visible()
    shot(page, "agenda-print")
    plan_agenda(page, server)
    page.get_by_role("button", name="More starters").click()
    page.wait_for_selector("ol.starters")
    assert page.locator("ol.starters > li").count() == 8
    shot(page, "starters")


def test_mentee_reflects_and_gets_coaching(new_page, server: Server) -> None:
    page = new_page()
    sign_in(page, server, "mentee")
    page.locator(".cards").get_by_role("link", name="Reflection prompts").click()
    page.get_by_label("What was the session about?").fill("Short-form video for our team")
    page.get_by_label("Your notes").fill("I felt out of my depth at first, then it clicked.")
    page.get_by_role("button", name="Get reflection prompts").click()
    page.wait_for_selector("ol.prompts")
    assert page.locator("ol.prompts > li").count() == 6
    shot(page, "reflections")

    page.get_by_role("navigation").get_by_role("link", name="Coaching").click()
    page.get_by_label("What is happening?").fill(
        "My mentor seems nervous to correct me and we keep talking past each other."
    )
    page.get_by_role("button", name="Get coaching").click()
    page.wait_for_selector(".challenge")
    assert page.locator(".challenge").inner_text()
    assert page.get_by_role("heading", name="When to involve the programme team").is_visible()
    assert page.locator(".sources li").count() >= 1
    shot(page, "coaching")


def test_admin_imports_a_survey_and_reads_the_dashboard(new_page, server: Server) -> None:
    page = new_page()
    sign_in(page, server, "admin")
    page.get_by_role("navigation").get_by_role("link", name="Import", exact=True).click()
    page.get_by_label("Survey export").set_input_files(str(SURVEY))
    page.get_by_role("button", name="Import", exact=True).click()
    page.wait_for_selector("table.rejected")
    lines = page.locator("table.rejected tbody tr td:first-child").all_inner_texts()
    assert lines == ["46", "47", "48"]
    assert int(page.locator("#imported").inner_text()) > 30
    assert "Reading the answers for the themes" in page.locator("#job").inner_text()
    shot(page, "import")

    page.get_by_role("link", name="See the themes dashboard").click()
    # The job's progress refreshes itself until the answers are read, then the dashboard shows
    page.wait_for_selector(".theme-chart", timeout=120_000)
    bars = page.locator(".theme-chart li.bar svg rect")
    assert bars.count() >= 2 and bars.first.bounding_box()["width"] > bars.last.bounding_box()["width"]
    assert page.locator("svg.month-chart g.month").count() >= 1
    assert page.locator("article.theme").count() == bars.count()
    shot(page, "dashboard", publish="dashboard.png")


def test_a_mentor_gets_the_403_page_on_the_dashboard(new_page, server: Server) -> None:
    page = new_page()
    sign_in(page, server, "mentor")
    response = page.goto(f"{server.url}/admin/themes")
    assert response is not None and response.status == 403
    assert page.locator("h1").inner_text() == "Admins only"
    shot(page, "forbidden")


def test_the_agenda_fits_a_phone(new_page, server: Server) -> None:
    page = new_page(390, 844)
    sign_in(page, server, "mentor")
    plan_agenda(page, server)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("window.innerWidth")
    shot(page, "agenda-phone")
    page.goto(f"{server.url}/plan")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("window.innerWidth")


def main_text(page) -> str:
    return page.locator("main").inner_text()


def test_a_pair_plans_records_follows_up_shares_and_reflects(new_page, server: Server) -> None:
    """The pair workspace end to end: session 1 planned, notes and two action items recorded,
    session 2 planned with both items in its review, shared, put in a calendar; the mentee sees
    the plan and writes a private reflection that neither the mentor nor the admin can read."""
    page = new_page()
    sign_in(page, server, "sam")
    page.get_by_role("navigation").get_by_role("link", name="My pair").click()
    page.get_by_role("link", name="sam-dana").click()
    page.locator("#plan").get_by_label("Topic").fill("AI assistants for first drafts")
    page.locator("#plan").get_by_label("Minutes").fill("45")
    page.get_by_role("button", name="Plan the session").click()
    page.wait_for_url("**/agendas/*")
    assert page.locator("h1").inner_text().startswith("Session 1 of 6")
    first = main_text(page)
    shot(page, "pair-agenda-1")

    page.get_by_role("link", name="Back to the pair").click()
    page.get_by_label("Held on").fill((date.today() - timedelta(days=1)).isoformat())
    page.locator("#session_topic").fill("AI assistants for first drafts")
    page.get_by_label("Notes").fill(
        "Dana drafted a board summary with the assistant. Worried about what is safe to paste in."
    )
    page.get_by_role("textbox", name="Action items").fill(
        "mentee: Try the assistant on next week's team update\nmentor: Send Dana the approved tools list"
    )
    page.get_by_role("button", name="Record the session").click()
    page.wait_for_selector("ul.open-actions")
    assert page.locator("ul.open-actions > li").count() == 2

    page.locator("#plan").get_by_label("Topic").fill("Checking AI output for errors")
    page.locator("#plan").get_by_label("Minutes").fill("60")
    page.locator("#plan").get_by_label("Date").fill("2027-01-12")
    page.locator("#plan").get_by_label("Start time").fill("10:00")
    page.get_by_role("button", name="Plan the session").click()
    page.wait_for_url("**/agendas/*")
    second_url = page.url
    assert page.locator("h1").inner_text().startswith("Session 2 of 6")
    review = page.locator("li.segment", has=page.get_by_role("heading", name="Review")).inner_text()
    assert (
        "Try the assistant on next week's team update" in review
        and "the mentee's action from session 1" in review
    )
    assert "Send Dana the approved tools list" in review
    assert page.get_by_role("heading", name="Built on your pair's record").is_visible()

    page.get_by_role("button", name="Share with the pair").click()
    page.wait_for_selector("text=Shared with the pair")
    second = main_text(page)
    shot(page, "pair-agenda-2", publish="pair-agenda.png")
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    ics = Path(download.value.path()).read_text()
    assert "DTSTART;TZID=Europe/London:20270112T100000" in ics and "Checking AI output" in ics
    page.get_by_role("link", name="Print view").click()
    page.wait_for_selector("body.print-view")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 710, "height": 1000})
    shot(page, "pair-agenda-2-print")
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    (ARTIFACTS / "pair-agenda-2.pdf").write_bytes(pdf)
    assert pages == 1, f"the run sheet should print on one A4 page, not {pages}"
    page.go_back()
    page.go_back()  # a page reached by a redirect: going back never resubmits a form
    assert "agendas" in page.url or "pairs" in page.url
    assert "Confirm Form Resubmission" not in page.content()
    (ARTIFACTS / "pair-agendas.txt").write_text(f"{first}\n\n=====\n\n{second}\n")

    mentee = new_page()
    sign_in(mentee, server, "dana")
    mentee.goto(second_url)
    assert mentee.locator("h1").inner_text().startswith("Session 2 of 6")
    assert not mentee.get_by_role("link", name="Edit and regenerate").count()
    mentee.get_by_role("link", name="Back to the pair").click()
    secret = "I was embarrassed that I had never used it before; I hid that from Sam."
    mentee.get_by_label("Your reflection").fill(secret)
    mentee.get_by_role("button", name="Save the reflection").click()
    mentee.wait_for_selector("article.reflection")
    assert secret in main_text(mentee)
    shot(mentee, "pair-mentee")

    page.reload()
    page.goto(second_url.rsplit("/agendas", 1)[0] + "/pairs/1")
    assert secret not in main_text(page)

    admin = new_page()
    sign_in(admin, server, "priya")
    admin.get_by_role("navigation").get_by_role("link", name="Pairs").click()
    assert "sam-dana" in admin.locator("#pairs").inner_text()
    admin.get_by_role("link", name="sam-dana").click()
    cadence = admin.locator("#cadence").inner_text()
    assert "1 session held of 6 planned" in cadence
    text = main_text(admin)
    assert secret not in text and "Worried about what is safe" not in text
    assert admin.get_by_role("link", name=re.compile("Session 2 of 6")).count() == 1  # the shared plan
    shot(admin, "pair-admin")


AXE = os.environ.get("COMPANION_TEST_AXE", str(REPO_ROOT / "tests/web/axe/node_modules/axe-core/axe.min.js"))
PAGES = {
    "sam": [
        "/",
        "/pairs",
        "/pairs/1",
        "/plan",
        "/starters",
        "/coach",
        "/search?q=cancelled+sessions",
        "/search?q=best+pizza+recipe",
        "/articles",
        "/articles/playbook-time",
        "/no-such-page",
    ],
    "dana": ["/", "/pairs/1", "/reflect", "/coach"],
    "priya": [
        "/",
        "/pairs",
        "/admin/people",
        "/admin/import",
        "/admin/themes",
        "/admin/themes/1",
        "/admin/organisation",
    ],
}


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=AXE)
    result = page.evaluate(
        "async () => await axe.run(document, "
        "{runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']})"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
    ]


# The first thing a page is for: its first field, result, plan segment, next step or table.
FIRST_USEFUL = (
    "main :is(input:not([type=hidden]), textarea, select, .segment, .hits > li, .next-step, table, "
    ".theme, ul, ol)"
)


def below_the_fold(page, height: int) -> str | None:
    """What of the page's heading and first useful content starts below the first screen."""
    tops = page.evaluate(
        """(selector) => [document.querySelector('main h1'), document.querySelector(selector)]
            .map(e => e ? e.getBoundingClientRect().top + window.scrollY : null)""",
        FIRST_USEFUL,
    )
    heading, useful = tops
    if heading is None or heading > height:
        return f"heading at {heading}"
    if useful is not None and useful > height - 40:
        return f"first useful content at {useful:.0f} px"
    return None


# Visible controls smaller than 24 x 24 px, except links inside a sentence (WCAG 2.5.8's inline
# exception), which keep the sentence's line.
SMALL_TARGETS = """() => [...document.querySelectorAll('a, button, input, select, textarea, summary')]
    .filter(e => {
        const box = e.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || e.type === 'hidden') return false;
        if (box.width >= 24 && box.height >= 24) return false;
        const sentence = e.tagName === 'A' && e.parentElement.textContent.trim().length
            > e.textContent.trim().length + 15;
        return !sentence;
    })
    .map(e => `${e.tagName} "${(e.textContent || e.value || '').trim().slice(0, 30)}"`)"""


@pytest.mark.skipif(not Path(AXE).exists(), reason="no axe-core: run scripts/axe.sh (make test does)")
@pytest.mark.parametrize("width", [360, 1440])
def test_axe_finds_no_violation_on_any_page_of_any_role(browser, server: Server, width: int) -> None:
    """axe-core in the real Chromium, on every main page of every role, at a phone's and a
    desktop's width, WCAG 2.2 AA included (its target-size rule: tap targets of 24 px or more).
    No page scrolls sideways, and at 1440 x 900 each page's heading and first useful content are
    on the first screen. The pages' own policy forbids scripts, so this context alone bypasses it."""
    found: dict[str, list[dict]] = {}
    signin = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = signin.new_page()
    page.goto(f"{server.url}/signin")
    found["signin"] = axe_violations(page)
    signin.close()
    for who, paths in PAGES.items():
        context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
        context.set_default_timeout(30_000)
        page = context.new_page()
        sign_in(page, server, who)
        visits = list(paths)
        if who == "sam":  # a saved agenda of a pair, and its print view
            page.goto(f"{server.url}/pairs/1")
            page.locator("#plan").get_by_label("Topic").fill("Short-form video")
            page.locator("#plan").get_by_label("Minutes").fill("30")
            page.get_by_role("button", name="Plan the session").click()
            page.wait_for_url("**/agendas/*")
            agenda = page.url.removeprefix(server.url)
            visits += [agenda, f"{agenda}/print", f"{agenda}/edit"]
        for path in visits:
            page.goto(f"{server.url}{path}")
            if page.evaluate("document.documentElement.scrollWidth") > width + 1:
                found.setdefault(f"{who} {path}", []).append({"id": "scrolls-sideways"})
            if small := page.evaluate(SMALL_TARGETS):
                found.setdefault(f"{who} {path}", []).append({"id": "small-tap-targets", "nodes": small[:5]})
            if width > 1000 and (fold := below_the_fold(page, 900)):
                found.setdefault(f"{who} {path}", []).append({"id": "below-the-fold", "detail": fold})
            if width < 1000 and path == "/":  # the folded menu, opened
                page.locator(".phone-menu summary").click()
            found.setdefault(f"{who} {path}", []).extend(axe_violations(page))
        context.close()
    found = {where: v for where, v in found.items() if v}
    assert found == {}, json.dumps(found, indent=1)
