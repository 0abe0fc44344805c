"""Screenshots of every main page of every role at 1440 and 360 px wide, for the README.

Starts `companion serve` on a throw-away data directory (a copy of the built index, or a new one),
adds a pair with a recorded session and a shared plan, imports the example survey, then drives
Debian's chromium with Playwright and writes docs/screenshots/<role>-<page>-<width>.jpg.

    .venv/bin/python scripts/screenshots.py            # needs `make models` and scripts/chromium.sh
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx
from playwright.sync_api import Page, sync_playwright

from companion.auth import KeyStore
from companion.db import Database
from companion.pairs import PeopleStore, PersonIn
from companion.pairs.schemas import PairIn
from companion.pairs.store import PairStore

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("COMPANION_TEST_CHROMIUM", "/usr/bin/chromium")
WIDTHS = (1440, 360)
PAGES = {
    "mentor": ["/", "/pairs/1", "/agendas/1", "/coach", "/search?q=meetings+keep+getting+cancelled"],
    "mentee": ["/", "/pairs/1"],
    "admin": ["/", "/pairs", "/admin/themes", "/admin/people"],
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def seed(data_dir: Path) -> dict[str, str]:
    """Sam (mentor) and Dana (mentee) in pair 1, Priya (admin); a key each."""
    database = Database(f"sqlite:///{data_dir / 'companion.db'}")
    database.migrate()
    sam, dana, priya = PeopleStore(database).add_many(
        [
            PersonIn(name="Sam Okafor", email="sam@example.org", role="mentor", timezone="Europe/London"),
            PersonIn(name="Dana Reid", email="dana@example.org", role="mentee", timezone="Europe/London"),
            PersonIn(name="Priya Shah", email="priya@example.org", role="admin", timezone="Europe/London"),
        ]
    )
    PairStore(database, 45).create(
        PairIn(
            mentor_id=sam.id,
            mentee_id=dana.id,
            started_on=date.today() - timedelta(days=20),
            planned_sessions=6,
        )
    )
    keys = {
        role: KeyStore(database).create(person.role, person.name, person.id)[1]
        for role, person in (("mentor", sam), ("mentee", dana), ("admin", priya))
    }
    database.close()
    return keys


def sign_in(page: Page, url: str, key: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{url}/signin")
    page.get_by_label("Your sign-in key").fill(key)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{url}/")


def prepare(page: Page, url: str) -> None:
    """As the mentor: a recorded session with two action items, then session 2 planned and shared."""
    page.goto(f"{url}/pairs/1")
    page.get_by_label("Held on").fill((date.today() - timedelta(days=6)).isoformat())
    page.locator("#session_topic").fill("AI assistants for first drafts")
    page.get_by_label("Notes").fill(
        "Dana drafted a board summary with the assistant. Unsure what is safe to paste in."
    )
    page.get_by_role("textbox", name="Action items").fill(
        "mentee: Try the assistant on next week's team update\nmentor: Send Dana the approved tools list"
    )
    page.get_by_role("button", name="Record the session").click()
    page.locator("#plan").get_by_label("Topic").fill("Checking AI output for errors")
    page.locator("#plan").get_by_label("Minutes").fill("45")
    page.locator("#plan").get_by_label("Date").fill((date.today() + timedelta(days=8)).isoformat())
    page.locator("#plan").get_by_label("Start time").fill("10:00")
    page.get_by_role("button", name="Plan the session").click()
    page.wait_for_url("**/agendas/*")
    page.get_by_role("button", name="Share with the pair").click()


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="companion-shots-"))
    data_dir = work / "data"
    index = ROOT / ".cache" / "test-index"
    if index.exists():
        shutil.copytree(index, data_dir)
        (data_dir / "companion.db").unlink(missing_ok=True)
    data_dir.mkdir(exist_ok=True)
    keys = seed(data_dir)
    port = free_port()
    env = {name: value for name, value in os.environ.items() if not name.startswith("COMPANION_")}
    env |= {
        "COMPANION_DATA_DIR": str(data_dir),
        "COMPANION_MODELS_DIR": os.environ.get("COMPANION_MODELS_DIR", ""),
    }
    env = {name: value for name, value in env.items() if value}
    companion = Path(sys.executable).with_name("companion")
    server = subprocess.Popen([str(companion), "serve", "--port", str(port)], env=env, cwd=work)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--headless", "--no-sandbox"]
            )
            context = browser.new_context()
            page = context.new_page()
            sign_in(page, url, keys["admin"])
            page.goto(f"{url}/admin/import")
            page.get_by_label("Survey export").set_input_files(
                str(ROOT / "examples/feedback/survey-export.csv")
            )
            page.get_by_role("button", name="Import", exact=True).click()
            page.wait_for_selector("#imported")
            sign_in(page, url, keys["mentor"])
            prepare(page, url)
            context.close()
            for role, paths in PAGES.items():
                for width in WIDTHS:
                    context = browser.new_context(
                        viewport={"width": width, "height": 900 if width > 400 else 780}
                    )
                    page = context.new_page()
                    sign_in(page, url, keys[role])
                    for path in paths:
                        page.goto(f"{url}{path}")
                        name = path.strip("/").split("?")[0].replace("/", "-") or "home"
                        target = OUT / f"{role}-{name}-{width}.jpg"
                        page.screenshot(path=str(target), type="jpeg", quality=70)
                        print(target.relative_to(ROOT))
                    context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
