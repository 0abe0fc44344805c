"""A real pair workspace on an empty database (SQLite, and PostgreSQL when the server is there),
with the session's real guidance service, and two people in one pair."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from companion.auth import KeyStore
from companion.db import Database
from companion.kb.defaults import load_defaults
from companion.pairs import PairWorkspace, PeopleStore, PersonIn, Viewer
from companion.pairs.records import RecordStore
from companion.pairs.schemas import PairIn
from companion.pairs.store import PairStore, today
from tests.conftest import KNOWLEDGE_DIR


@dataclass(frozen=True)
class Programme:
    workspace: PairWorkspace
    pair_id: int
    mentor: Viewer
    mentee: Viewer
    admin: Viewer
    outsider: Viewer


def viewer(database: Database, role: str, person_id: int | None) -> Viewer:
    key, _ = KeyStore(database).create(role, person_id=person_id)
    return Viewer(key.id, key.person_id, key.role)


@pytest.fixture
def programme(database: Database, kb_services) -> Programme:
    defaults = load_defaults(KNOWLEDGE_DIR)
    people = PeopleStore(database)
    workspace = PairWorkspace(
        PairStore(database, defaults.monitoring.stalled_days),
        RecordStore(database),
        people,
        lambda: kb_services.guidance,
        defaults,
        lambda: kb_services.chunks,
    )
    sam, dana, priya, lee = people.add_many(
        [
            PersonIn(name="Sam Okafor", email="sam@example.org", role="mentor", timezone="Europe/London"),
            PersonIn(name="Dana Reid", email="dana@example.org", role="mentee", timezone="America/New_York"),
            PersonIn(name="Priya Shah", email="priya@example.org", role="admin"),
            PersonIn(name="Lee Chan", email="lee@example.org", role="mentor"),
        ]
    )
    pair = workspace.pairs.create(
        PairIn(
            mentor_id=sam.id, mentee_id=dana.id, started_on=today() - timedelta(days=90), planned_sessions=6
        )
    )
    return Programme(
        workspace,
        pair.id,
        viewer(database, "mentor", sam.id),
        viewer(database, "mentee", dana.id),
        viewer(database, "admin", priya.id),
        viewer(database, "mentor", lee.id),
    )
