"""Property-based run of schemathesis against the app's own OpenAPI schema (offline, bounded):
every operation, generated valid and invalid requests, with an admin key. No response may be a
500, and every response must match the schema (status codes and bodies)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from companion.app import create_app
from companion.config import Settings
from tests.conftest import KNOWLEDGE_DIR, REPO_ROOT, bearer, make_key, wait_until_ready

EXAMPLES = 5  # per operation, on top of schemathesis' own coverage cases; bounded for CI
DATA_DIR = Path(tempfile.mkdtemp(prefix="companion-schemathesis-")) / "data"
# Every call runs the lifespan again: no classifier warm-up for each of them to wait for.
SETTINGS = Settings(
    data_dir=DATA_DIR, knowledge_dir=KNOWLEDGE_DIR, rate_limit_per_minute=100_000, warm_up_coaching=False
)
APP = create_app(SETTINGS)  # services are built in the lifespan, in the fixture below
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module")
def admin_key(kb_services) -> str:
    shutil.copytree(REPO_ROOT / ".cache" / "test-index", DATA_DIR, dirs_exist_ok=True)
    (DATA_DIR / "companion.db").unlink(missing_ok=True)
    key = make_key(SETTINGS, "admin", name="schemathesis-admin-7f3c")
    with TestClient(APP) as client:  # runs the lifespan once for the whole module
        # schemathesis runs the lifespan again around every call, on the same data directory:
        # let this one's background index sync finish first, so that the two never overlap
        wait_until_ready(client)
        yield key
    shutil.rmtree(DATA_DIR.parent, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_and_schema_conformance(case, admin_key: str) -> None:
    if case.path == "/v1/keys/{name}" and case.method == "DELETE":
        case.path_parameters = {"name": "not-the-test-key"}
    excluded = []
    if case.path in ("/v1/feedback/import", "/v1/people/import", "/v1/sessions/import"):
        # The file's format comes from its name (.csv or .jsonl), which OpenAPI cannot express:
        # a generated file named "file" is rightly refused with 400.
        excluded.append(schemathesis.checks.positive_data_acceptance)
    if case.path in ("/v1/sessions", "/v1/feedback"):
        # Dates must fall between 2000-01-01 and tomorrow, a window OpenAPI cannot state for a
        # date: schema-valid dates outside it are rightly refused with 422.
        excluded.append(schemathesis.checks.positive_data_acceptance)
    if case.path == "/v1/people" and case.method == "POST":
        # An e-mail address and a time zone (one of the IANA names the machine knows) are checked
        # beyond what OpenAPI states, so that a person reads "enter an e-mail address such as
        # name@example.org" rather than a regular expression: schema-valid text that is neither
        # is rightly refused with 422.
        excluded.append(schemathesis.checks.positive_data_acceptance)
    if case.path == "/readyz":
        # schemathesis runs the app's lifespan around every call, so each call meets an index
        # that is still being synced in the background: a documented 503, not a server error.
        excluded.append(schemathesis.checks.not_a_server_error)
    # Every call restarts the app (schemathesis runs the lifespan around it), so a coaching call
    # also loads the classifier: allow for that on a busy two-core machine.
    case.call_and_validate(headers=bearer(admin_key), excluded_checks=excluded, timeout=60)
