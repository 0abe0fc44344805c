"""An admin edits the programme settings in the browser: a broken file is refused with its lines
and nothing is saved; a good one is saved and the next coaching answer names the new people."""

from __future__ import annotations

import shutil
from pathlib import Path

from fastapi.testclient import TestClient

from companion.app import create_app
from companion.config import Settings
from tests.conftest import KNOWLEDGE_DIR, REPO_ROOT, make_key
from tests.web.conftest import csrf_of, sign_in

EXAMPLE = REPO_ROOT / "examples" / "organisation" / "programme.yaml"


def safety_answer(client: TestClient, mentor: str) -> str:
    """The coaching page's answer to a safeguarding situation, asked as the mentor."""
    sign_in(client, mentor)
    form = client.get("/coach")
    situation = "my mentee keeps touching my arm and texting me at night"
    answer = client.post("/coach", data={"csrf": csrf_of(form.text), "situation": situation})
    assert answer.status_code == 200
    return answer.text


def test_an_admin_edits_the_settings_and_coaching_follows(tmp_path: Path, kb_services) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(kb_services.settings.data_dir, data_dir)
    (data_dir / "companion.db").unlink(missing_ok=True)
    programme_file = tmp_path / "programme.yaml"
    shutil.copy(EXAMPLE, programme_file)
    settings = Settings(data_dir=data_dir, knowledge_dir=KNOWLEDGE_DIR, programme_file=programme_file)
    admin, mentor = make_key(settings, "admin", "admin"), make_key(settings, "mentor", "mentor")
    with TestClient(create_app(settings), follow_redirects=False) as client:
        sign_in(client, admin)
        page = client.get("/admin/organisation")
        assert "Priya Shah" in page.text and 'id="settings"' in page.text
        broken = EXAMPLE.read_text().replace("  hr:\n", "  h_r:\n")
        refused = client.post("/admin/organisation", data={"csrf": csrf_of(page.text), "settings": broken})
        assert refused.status_code == 422 and "Nothing was saved" in refused.text
        assert "&#39;contacts.hr&#39;: is required" in refused.text
        assert programme_file.read_text() == EXAMPLE.read_text()
        changed = EXAMPLE.read_text().replace("Priya Shah", "Dana Whitfield")
        saved = client.post("/admin/organisation", data={"csrf": csrf_of(page.text), "settings": changed})
        assert saved.status_code == 303 and saved.headers["location"] == "/admin/organisation?saved=1"
        assert "Dana Whitfield" in programme_file.read_text()
        assert "Dana Whitfield" in safety_answer(client, mentor)


def test_an_admin_without_settings_starts_from_the_starter_and_fills_it_in(
    tmp_path: Path, kb_services
) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(kb_services.settings.data_dir, data_dir)
    (data_dir / "companion.db").unlink(missing_ok=True)
    settings = Settings(data_dir=data_dir, knowledge_dir=KNOWLEDGE_DIR)
    admin, mentor = make_key(settings, "admin", "admin"), make_key(settings, "mentor", "mentor")
    with TestClient(create_app(settings), follow_redirects=False) as client:
        sign_in(client, admin)
        page = client.get("/admin/organisation")
        assert (
            'id="contacts-not-set"' in page.text
            and "REPLACE: name and job title of the programme lead" in page.text
        )
        starter = (REPO_ROOT / "src/companion/programme/starter.yaml").read_text()
        refused = client.post("/admin/organisation", data={"csrf": csrf_of(page.text), "settings": starter})
        assert refused.status_code == 422 and "Line 5: replace the placeholder" in refused.text
        assert not (data_dir / "programme.yaml").exists()  # nothing written
        filled = EXAMPLE.read_text().replace("Priya Shah", "Robin Hale")
        saved = client.post("/admin/organisation", data={"csrf": csrf_of(page.text), "settings": filled})
        assert saved.status_code == 303 and "Robin Hale" in (data_dir / "programme.yaml").read_text()
        assert "Robin Hale" in safety_answer(client, mentor)
    with TestClient(create_app(settings), follow_redirects=False) as client:  # kept across a restart
        sign_in(client, admin)
        assert "Robin Hale" in client.get("/admin/organisation").text
