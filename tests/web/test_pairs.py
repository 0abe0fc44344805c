"""The pair workspace in the browser (TestClient): post, redirect, get everywhere; a form with a
mistake keeps what was typed and stores nothing; notes and reflections stay private."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from companion.auth import KeyStore
from companion.db import Database
from companion.pairs import PeopleStore, PersonIn
from companion.pairs.schemas import PairIn
from companion.pairs.store import PairStore
from tests.web.conftest import WebApp, csrf_of, sign_in, wait_for_themes


@dataclass(frozen=True)
class Pair:
    id: int
    keys: dict[str, str]


@pytest.fixture(scope="module")
def pair(web_app: WebApp) -> Pair:
    """Two people in a pair and an admin, each with a key of their own, in the app's database."""
    database = Database(web_app.settings.effective_database_url)
    people = PeopleStore(database).add_many(
        [
            PersonIn(name="Ola Mentor", email="ola@example.org", role="mentor", timezone="Europe/Berlin"),
            PersonIn(name="Ben Mentee", email="ben@example.org", role="mentee"),
            PersonIn(name="Ada Admin", email="ada@example.org", role="admin"),
        ]
    )
    created = PairStore(database, 45).create(
        PairIn(mentor_id=people[0].id, mentee_id=people[1].id, planned_sessions=4)
    )
    keys = {p.role: KeyStore(database).create(p.role, f"web-{p.role}", p.id)[1] for p in people}
    database.close()
    return Pair(created.id, keys)


def test_a_mentor_records_a_session_and_plans_the_next_from_it(
    client: TestClient, web_app: WebApp, pair: Pair
) -> None:
    csrf = sign_in(client, pair.keys["mentor"])
    home = f"/pairs/{pair.id}"
    assert client.get("/pairs").text.count(home) >= 1
    held = (date.today() - timedelta(days=3)).isoformat()
    response = client.post(
        f"{home}/sessions",
        data={
            "csrf": csrf,
            "held_on": held,
            "topic": "Instagram for the charity shop",
            "minutes": "45",
            "notes": "Set up a business account. Ben unsure what to post.",
            "actions": "mentee: Post three photos from the shop\nFind two local accounts to learn from",
        },
    )
    assert response.status_code == 303 and response.headers["location"] == f"{home}?saved=session#sessions"
    page = client.get(response.headers["location"]).text
    assert 'class="notice saved" role="status">Session recorded.' in page
    assert "Post three photos from the shop" in page and "Ben unsure what to post." in page
    assert "(mentor, from session 1)" in page  # no prefix: the writer's own action

    planned = client.post(
        f"{home}/plan",
        data={
            "csrf": csrf,
            "topic": "Instagram stories",
            "minutes": "45",
            "date": "2027-01-12",
            "time": "14:30",
            "talking_points": "",
        },
    )
    assert planned.status_code == 303
    agenda = client.get(planned.headers["location"]).text
    assert "Session 2 of 4" in agenda and "Built on your pair's record" in agenda
    assert "Follow up on “Post three photos from the shop” (the mentee&#39;s action from session 1)" in agenda
    assert "2027-01-12 at 14:30 (Europe/Berlin)" in agenda
    ics = client.get(planned.headers["location"] + "/calendar.ics")
    assert ics.headers["content-type"].startswith("text/calendar")
    assert "DTSTART;TZID=Europe/Berlin:20270112T143000" in ics.text


def test_a_form_with_a_mistake_keeps_the_input_and_stores_nothing(client: TestClient, pair: Pair) -> None:
    csrf = sign_in(client, pair.keys["mentee"])
    home = f"/pairs/{pair.id}"
    before = client.get(home).text.count("<li value=")
    response = client.post(
        f"{home}/sessions",
        data={"csrf": csrf, "held_on": "2999-01-01", "topic": "Future", "notes": "kept text", "actions": ""},
    )
    assert response.status_code == 422
    assert "kept text" in response.text and 'id="held_on-error"' in response.text
    assert client.get(home).text.count("<li value=") == before
    bad_plan = client.post(
        f"{home}/plan",
        data={
            "csrf": csrf,
            "topic": "x",
            "minutes": "5",
            "date": "",
            "time": "",
            "talking_points": "keep me",
        },
    )
    assert (
        bad_plan.status_code == 422 and "keep me" in bad_plan.text and 'id="minutes-error"' in bad_plan.text
    )


def test_reflections_are_private_and_shared_plans_reach_the_mentee(client: TestClient, pair: Pair) -> None:
    home = f"/pairs/{pair.id}"
    csrf = sign_in(client, pair.keys["mentor"])
    planned = client.post(
        f"{home}/plan",
        data={
            "csrf": csrf,
            "topic": "LinkedIn",
            "minutes": "30",
            "date": "",
            "time": "",
            "talking_points": "",
        },
    )
    address = planned.headers["location"]
    agenda_id = address.rsplit("/", 1)[1]

    csrf = sign_in(client, pair.keys["mentee"])
    assert client.get(address).status_code == 404  # not shared yet
    secret = "I did not want to admit I had never posted anything."
    saved = client.post(f"{home}/reflections", data={"csrf": csrf, "text": secret, "session_id": ""})
    assert saved.status_code == 303 and secret in client.get(home).text

    csrf = sign_in(client, pair.keys["mentor"])
    assert secret not in client.get(home).text
    assert client.post(f"{address}/share", data={"csrf": csrf, "shared": "1"}).status_code == 303

    sign_in(client, pair.keys["mentee"])
    assert client.get(address).status_code == 200
    assert f'href="/agendas/{agenda_id}"' in client.get(home).text
    assert "Edit and regenerate" not in client.get(address).text

    sign_in(client, pair.keys["admin"])
    admin_view = client.get(home).text
    assert secret not in admin_view and "Ben unsure what to post." not in admin_view
    assert 'id="plan"' not in admin_view and f'href="/agendas/{agenda_id}"' in admin_view
    assert client.post(f"{home}/goals", data={"csrf": csrf_of(admin_view), "goal": "x"}).status_code == 403


def test_someone_outside_the_pair_finds_nothing(client: TestClient, web_app: WebApp, pair: Pair) -> None:
    sign_in(client, web_app.keys["mentor"])  # a mentor key that belongs to nobody
    assert client.get(f"/pairs/{pair.id}").status_code == 404
    assert "not in a pair yet" in client.get("/pairs").text


def test_an_admin_adds_people_from_a_roster_and_pairs_them(client: TestClient, pair: Pair) -> None:
    csrf = sign_in(client, pair.keys["admin"])
    bad = client.post(
        "/admin/people/import",
        data={"csrf": csrf},
        files={
            "roster": ("r.csv", b"name,email,role\nKim,kim@example.org,mentor\nLou,nope,mentee\n", "text/csv")
        },
    )
    assert bad.status_code == 422 and "line 3, email" in bad.text and "kim@example.org" not in bad.text
    good = client.post(
        "/admin/people/import",
        data={"csrf": csrf},
        files={
            "roster": (
                "r.csv",
                b"name,email,role\nKim,kim@example.org,mentor\nLou,lou@example.org,mentee\n",
                "text/csv",
            )
        },
    )
    assert good.status_code == 303
    page = client.get("/admin/people").text
    ids = {name: re.search(rf'<option value="(\d+)">{name} ', page).group(1) for name in ("Kim", "Lou")}
    made = client.post(
        "/admin/pairs",
        data={
            "csrf": csrf,
            "mentor_id": ids["Kim"],
            "mentee_id": ids["Lou"],
            "started_on": "",
            "planned_sessions": "6",
            "rhythm_days": "",
            "name": "",
        },
    )
    assert made.status_code == 303 and made.headers["location"].startswith("/pairs/")
    wrong = client.post(
        "/admin/pairs",
        data={
            "csrf": csrf,
            "mentor_id": ids["Lou"],
            "mentee_id": ids["Kim"],
            "started_on": "",
            "planned_sessions": "",
            "rhythm_days": "",
            "name": "",
        },
    )
    assert wrong.status_code == 422 and 'id="mentor_id-error"' in wrong.text


def test_an_admin_adds_a_person_and_makes_their_sign_in_key(client: TestClient, pair: Pair) -> None:
    csrf = sign_in(client, pair.keys["admin"])
    person = {"csrf": csrf, "name": "Noor Aziz", "email": "noor@example.org", "role": "mentee"}
    city = client.post("/admin/people", data=person | {"timezone": "London"})
    assert city.status_code == 422 and "did you mean Europe/London?" in city.text
    assert "Value error" not in city.text and "noor@example.org" in city.text  # what was typed is kept
    added = client.post("/admin/people", data=person | {"timezone": "Europe/London"})
    assert added.status_code == 303
    page = client.get(added.headers["location"]).text
    assert "Added Noor Aziz." in page
    noor = re.search(
        r'action="/admin/people/(\d+)/key#new-key" class="inline"><input [^>]*>'
        r'<button [^>]*aria-label="Make a key for Noor Aziz"',
        page,
    )
    made = client.post(f"/admin/people/{noor.group(1)}/key", data={"csrf": csrf})
    secret = re.search(r'<code class="secret">([^<]+)</code>', made.text).group(1)
    assert made.status_code == 200 and "shown only this once" in made.text
    assert made.headers["cache-control"] == "no-store"
    fresh = TestClient(client.app, follow_redirects=False)
    sign_in(fresh, secret)
    assert "Noor Aziz" in fresh.get("/").text  # the key signs Noor in, as a mentee
    assert client.post("/admin/people/9999/key", data={"csrf": csrf}).status_code == 404


def test_the_admin_sees_stalled_pairs_with_their_next_step(
    client: TestClient, web_app: WebApp, pair: Pair
) -> None:
    database = Database(web_app.settings.effective_database_url)
    kim, lou = PeopleStore(database).add_many(
        [
            PersonIn(name="Kit Quiet", email="kit@example.org", role="mentor"),
            PersonIn(name="Lee Quiet", email="leeq@example.org", role="mentee"),
        ]
    )
    quiet = PairStore(database, 45).create(
        PairIn(
            mentor_id=kim.id,
            mentee_id=lou.id,
            name="quiet-pair",
            started_on=date.today() - timedelta(days=58),
        )
    )
    database.close()
    sign_in(client, pair.keys["admin"])
    listing = client.get("/pairs").text
    assert 'id="stalled"' in listing and f'href="/pairs/{quiet.id}"' in listing
    assert "Day 55, if no reply: a five-minute call" in listing  # 58 days: the step for day 55
    assert 'href="/passages/re-engaging-stalled-pairs' in listing
    dashboard = wait_for_themes(client)
    assert 'id="stalled-pairs"' in dashboard and "quiet-pair" in dashboard


def test_home_pages_say_what_to_do_next(client: TestClient, pair: Pair) -> None:
    csrf = sign_in(client, pair.keys["mentor"])
    home = client.get("/").text
    assert 'id="next"' in home and "With Ben Mentee" in home
    assert f'href="/pairs/{pair.id}#plan"' in home or 'href="/agendas/' in home
    client.post(
        f"/pairs/{pair.id}/plan",
        data={
            "csrf": csrf,
            "topic": "Podcasts",
            "minutes": "30",
            "date": "2031-05-06",
            "time": "09:15",
            "talking_points": "",
        },
    )
    # the earliest plan still to come, in the mentor's own zone (Europe/Berlin; plans here are typed in it)
    upcoming = re.search(
        r'Next: <a href="/agendas/\d+">[^<]+</a>, \w{3} \d{2} \w{3}, (\d{2}:\d{2})\.', client.get("/").text
    )
    assert upcoming and upcoming.group(1) in ("09:15", "14:30")

    sign_in(client, pair.keys["mentee"])
    mentee_home = client.get("/").text
    assert "With Ola Mentor" in mentee_home

    sign_in(client, pair.keys["admin"])
    admin_home = client.get("/").text
    assert 'id="health"' in admin_home and "<dt>Pairs</dt>" in admin_home
    wait_for_themes(client)  # works the themes out; the home page then says which moved
    after = client.get("/").text
    assert 'id="themes-moved"' in after or "No theme rose or fell" in after
