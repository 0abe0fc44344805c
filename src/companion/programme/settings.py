"""The organisation's own programme settings: its name, the people to contact, its rhythm where it
differs from the corpus, and the AI tools it approves.

One YAML file (COMPANION_PROGRAMME_FILE; `examples/organisation/programme.yaml` is a worked
example) that the programme team edits. It is validated when the service starts and by
`companion kb check`: a mistake is reported with the file, line and field, never met later as a
wrong answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from companion.yamlfile import line_of

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=300)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Contact(_Strict):
    """Someone to contact: who, how to reach them, and when they are the right person."""

    name: Text = Field(description="A person or a team, e.g. 'Priya Shah, programme lead'.")
    reach: Text = Field(description="How to reach them: e-mail, phone, extension, a page.")
    when: Text = Field(description="When to contact them.")


class Contacts(_Strict):
    programme_lead: Contact
    hr: Contact
    speak_up: Contact = Field(
        description="The speak-up route: a Freedom to Speak Up guardian, an ethics line."
    )
    urgent_help: Contact = Field(description="Urgent help when someone may be at risk now.")
    wellbeing: Contact | None = Field(default=None, description="An employee assistance programme, optional.")

    def in_order(self) -> list[tuple[str, Contact]]:
        """Each contact with the label people read, the first call first."""
        labelled = [
            ("Programme lead", self.programme_lead),
            ("HR", self.hr),
            ("Speak-up route", self.speak_up),
            ("Urgent help", self.urgent_help),
        ]
        if self.wellbeing is not None:
            labelled.append(("Wellbeing support", self.wellbeing))
        return labelled


class Rhythm(_Strict):
    """Where the programme's rhythm differs from the corpus's defaults (knowledge/defaults.yaml)."""

    weeks_between_sessions: int | None = Field(default=None, ge=1, le=12)
    session_minutes: int | None = Field(default=None, ge=15, le=240)


class Programme(_Strict):
    name: Text
    contacts: Contacts
    rhythm: Rhythm = Field(default_factory=Rhythm)
    approved_ai_tools: list[
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
    ] = Field(default_factory=list, max_length=30)


class ProgrammeError(ValueError):
    """The programme file is missing, not YAML, or breaks a rule; `problems` holds (line, message)."""

    def __init__(self, path: Path, problems: list[tuple[int, str]]) -> None:
        self.path = path
        self.problems = problems
        lines = "\n".join(f"{path}:{line}: {message}" for line, message in problems)
        super().__init__(f"invalid programme settings:\n{lines}")


def load_programme(path: Path) -> Programme:
    """Read and validate the programme file; raise ProgrammeError with every problem."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise ProgrammeError(path, [(1, "the file does not exist (COMPANION_PROGRAMME_FILE)")])
    return parse_programme(path.read_text(encoding="utf-8"), path)


# The starter file an admin edits in the browser marks what to fill in; it never reaches answers.
PLACEHOLDER = "REPLACE:"
STARTER = Path(__file__).with_name("starter.yaml")


def parse_programme(text: str, path: Path) -> Programme:
    """Validate the text of a programme file (`path` names it in the problems)."""
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ProgrammeError(path, [((mark.line + 1) if mark else 1, f"not valid YAML: {error}")]) from None
    if not isinstance(data, dict):
        raise ProgrammeError(path, [(1, "the file must be a YAML mapping (name:, contacts:, ...)")])
    placeholders = [
        (number, "replace the placeholder with your organisation's own words")
        for number, line in enumerate(text.splitlines(), start=1)
        if PLACEHOLDER in line and not line.lstrip().startswith("#")
    ]
    if placeholders:
        raise ProgrammeError(path, placeholders)
    try:
        return Programme.model_validate(data)
    except ValidationError as error:
        problems = []
        for detail in error.errors():
            field = ".".join(str(part) for part in detail["loc"])
            problems.append((line_of(root, detail["loc"]), f"'{field}': {_message(detail)}"))
        raise ProgrammeError(path, problems) from None


def _message(detail: Any) -> str:
    if detail["type"] == "missing":
        return "is required"
    if detail["type"] == "extra_forbidden":
        return "is not a known setting"
    return str(detail["msg"])
