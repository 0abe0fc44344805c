"""The organisation's own contacts and guidance, end to end with the example in examples/:
a safeguarding situation names its people, an agenda on AI tools cites its approved-tools
article, a broken local article stops the service and `kb check` with a clear message, and
without settings the answers say plainly that the contacts are not set."""

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from companion.cli.main import app
from companion.config import Settings
from companion.guidance.schemas import AgendaRequest, CoachingRequest
from companion.services import OrganisationSettingsInvalid, Services, build_services
from tests.conftest import REPO_ROOT

EXAMPLE = REPO_ROOT / "examples" / "organisation"
HARASSMENT = "my mentee asked me for drinks after our session and keeps texting me at night, i feel uneasy"


def organisation_settings(settings: Settings, **changes: object) -> Settings:
    values = {"local_knowledge_dir": EXAMPLE / "knowledge", "programme_file": EXAMPLE / "programme.yaml"}
    return settings.model_copy(update=values | changes)


@pytest.fixture
def services(settings: Settings):
    built = build_services(organisation_settings(settings))
    yield built
    built.close()


def test_a_safety_answer_names_the_organisations_people(services: Services) -> None:
    answer = services.guidance.coach(CoachingRequest(situation=HARASSMENT, role="mentor"))
    assert answer.safety
    assert answer.escalate_when[0].startswith("Programme lead: Priya Shah")
    assert any("extension 2222" in line for line in answer.escalate_when)
    tell = next(step for step in answer.act_now if step.startswith("Tell the programme team"))
    assert "Priya Shah" in tell
    urgent = next(step for step in answer.act_now if step.startswith("Get urgent help"))
    assert "Security desk" in urgent


def test_an_agenda_on_ai_tools_cites_the_approved_tools_article(services: Services) -> None:
    agenda = services.guidance.agenda(
        AgendaRequest(topic="using Copilot for meeting notes", minutes=45, session_number=2)
    )
    local = [citation for citation in agenda.citations if citation.local]
    assert [citation.id.split("#")[0] for citation in local] == ["northwind-approved-ai-tools"]
    opening = agenda.segments[0].activities
    assert any("Microsoft Copilot (work account)" in line for line in opening)
    assert any("“Approved AI tools at Northwind”" in line for line in opening)
    assert {use.article_id: use.answers for use in services.usage.counts()} == {
        "northwind-approved-ai-tools": 1
    }


def test_a_first_meeting_books_dates_in_the_programmes_rhythm(services: Services) -> None:
    agenda = services.guidance.agenda(
        AgendaRequest(topic="getting to know each other", minutes=60, session_number=1)
    )
    dates = next(segment for segment in agenda.segments if segment.title == "Dates and next steps")
    assert dates.activities[-1].startswith("In Northwind Housing reverse mentoring, pairs meet every 4 weeks")


def test_without_settings_the_answer_says_the_contacts_are_not_set(kb_services) -> None:
    answer = kb_services.guidance.coach(CoachingRequest(situation=HARASSMENT, role="mentor"))
    assert answer.escalate_when[0].startswith("Your organisation has not set its contacts")
    assert not any(citation.local for citation in answer.citations)


def test_a_broken_local_article_stops_the_service_and_kb_check(
    settings: Settings, tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "local"
    shutil.copytree(EXAMPLE / "knowledge", folder)
    broken = folder / "northwind-approved-ai-tools.md"
    broken.write_text(
        broken.read_text().replace("topics: [generative-ai, data-protection]", "topics: [gardening]")
    )
    services = Services(organisation_settings(settings, local_knowledge_dir=folder))
    with pytest.raises(OrganisationSettingsInvalid, match="unknown topic 'gardening'"):
        services.check_organisation()
    services.close()
    monkeypatch.setenv("COMPANION_LOCAL_KNOWLEDGE_DIR", str(folder))
    result = CliRunner().invoke(app, ["kb", "check"])
    assert result.exit_code == 1
    assert "local/northwind-approved-ai-tools.md:1: unknown topic 'gardening'" in result.output
