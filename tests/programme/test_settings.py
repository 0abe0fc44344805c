"""Programme settings: the example loads, and a mistake is named with its line and field."""

from pathlib import Path

import pytest

from companion.programme.settings import ProgrammeError, load_programme
from tests.conftest import REPO_ROOT

EXAMPLE = REPO_ROOT / "examples" / "organisation" / "programme.yaml"


def test_the_example_loads_with_every_contact() -> None:
    programme = load_programme(EXAMPLE)
    labels = [label for label, _ in programme.contacts.in_order()]
    assert labels[:4] == ["Programme lead", "HR", "Speak-up route", "Urgent help"]
    assert programme.approved_ai_tools


def test_a_missing_contact_and_an_unknown_setting_are_named_with_their_lines(tmp_path: Path) -> None:
    text = EXAMPLE.read_text().replace("  hr:\n", "  human_resources:\n").replace("rhythm:", "rythm:")
    path = tmp_path / "programme.yaml"
    path.write_text(text)
    with pytest.raises(ProgrammeError) as caught:
        load_programme(path)
    messages = [message for _, message in caught.value.problems]
    assert "'contacts.hr': is required" in messages
    assert "'contacts.human_resources': is not a known setting" in messages
    assert "'rythm': is not a known setting" in messages
    lines = dict((message, line) for line, message in caught.value.problems)
    assert lines["'rythm': is not a known setting"] == text.splitlines().index("rythm:") + 1


def test_a_file_that_is_not_there_or_not_yaml_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ProgrammeError, match="does not exist"):
        load_programme(tmp_path / "nope.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [unclosed\n")
    with pytest.raises(ProgrammeError, match="not valid YAML"):
        load_programme(broken)
