"""The programme defaults in `knowledge/defaults.yaml`: one rhythm, one session template per
stage, one fit check and pulse, one booking rule and one set of monitoring bands.

The articles describe these values and `companion kb check` holds them to it; the planner and
the coaching code read them through `load_defaults`. Every rule the file must obey is checked
here, so a mistake in it is reported with the YAML path and line, never met later as a wrong
agenda.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from companion.yamlfile import line_of

DEFAULTS_FILE = "defaults.yaml"
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Stage = Literal["first", "middle", "closing"]
Scale = Literal["agree-1-5", "useful-1-5", "yes-no", "yes-not-sure-no", "free-text"]
Role = Literal["mentor", "mentee"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Rhythm(_Strict):
    """How often a pair meets, for how long, and how many times in a cohort."""

    weeks_between_sessions: int = Field(ge=1, le=12)
    session_minutes: int = Field(ge=15, le=180)
    planned_sessions: int = Field(ge=1, le=24)

    @property
    def days_between_sessions(self) -> int:
        return self.weeks_between_sessions * 7


class SessionLength(_Strict):
    """How a session's length changes its plan."""

    drop_review_at_or_below: int = Field(ge=10, le=120)
    buffer_minutes: int = Field(ge=0, le=30)
    # a slot shorter than `short_session_below` keeps `short_buffer_minutes` spare instead
    short_session_below: int = Field(ge=10, le=60)
    short_buffer_minutes: int = Field(ge=0, le=30)
    second_activity_from: int = Field(ge=30, le=480)
    max_virtual_minutes: int = Field(ge=15, le=240)

    def buffer_for(self, minutes: int) -> int:
        """The minutes kept unplanned at the end of a session of `minutes`."""
        return self.short_buffer_minutes if minutes < self.short_session_below else self.buffer_minutes


class Phase(_Strict):
    """One phase of a session: `name` is how articles label it, `share` its percentage."""

    id: str = Field(pattern=SLUG)
    name: str = Field(min_length=2)
    share: int = Field(gt=0, le=100)
    optional: bool = False


class SessionTemplate(_Strict):
    """Ordered phases whose shares divide a session's planned time (its length minus the buffer)."""

    label: str = Field(min_length=2)
    articles: list[str] = Field(default_factory=list)
    phases: list[Phase] = Field(min_length=2)
    new_skill_objectives: bool = True

    @model_validator(mode="after")
    def _shares_and_names(self) -> SessionTemplate:
        total = sum(phase.share for phase in self.phases)
        if total != 100:
            raise ValueError(f"the phase shares add up to {total}, not 100")
        for field, values in (
            ("id", [phase.id for phase in self.phases]),
            ("name", [phase.name.lower() for phase in self.phases]),
        ):
            repeated = sorted({value for value in values if values.count(value) > 1})
            if repeated:
                raise ValueError(f"phase {field} used twice: {', '.join(repeated)}")
        return self

    def phase(self, phase_id: str) -> Phase | None:
        return next((phase for phase in self.phases if phase.id == phase_id), None)

    def allocate(self, minutes: int) -> list[tuple[Phase, int]]:
        """Whole minutes per phase that add up exactly to `minutes` (largest remainder)."""
        total_share = sum(phase.share for phase in self.phases)
        exact = [phase.share * minutes / total_share for phase in self.phases]
        whole = [int(value) for value in exact]
        order = sorted(range(len(exact)), key=lambda index: (-(exact[index] - whole[index]), index))
        for index in order[: minutes - sum(whole)]:
            whole[index] += 1
        return list(zip(self.phases, whole, strict=True))


REQUIRED_PHASES: dict[str, tuple[str, ...]] = {
    "first": ("introductions", "ground-rules", "goals"),
    "middle": ("check-in", "review", "main-activity", "commitments"),
    "closing": ("review", "what-changed", "what-next"),
}
# Phases that teach a new skill: a closing session has none of them.
SKILL_PHASES = ("main-activity", "practice", "taster")
TASTER_MAX_SHARE = 15


class Templates(_Strict):
    first: SessionTemplate
    middle: SessionTemplate
    closing: SessionTemplate

    @model_validator(mode="after")
    def _stage_rules(self) -> Templates:
        for stage, required in REQUIRED_PHASES.items():
            template: SessionTemplate = getattr(self, stage)
            missing = [phase_id for phase_id in required if template.phase(phase_id) is None]
            if missing:
                raise ValueError(f"{stage}: the template needs the phases {', '.join(missing)}")
        tasters = [phase for phase in self.first.phases if phase.id == "taster"]
        if len(tasters) > 1:
            raise ValueError("first: at most one short taster")
        if tasters and tasters[0].share > TASTER_MAX_SHARE:
            raise ValueError(f"first: the taster is short, at most {TASTER_MAX_SHARE}% of the time")
        if self.closing.new_skill_objectives:
            raise ValueError(
                "closing: new_skill_objectives must be false; the last session sets no new skill"
            )
        skill = [phase.id for phase in self.closing.phases if phase.id in SKILL_PHASES]
        if skill:
            raise ValueError(f"closing: no new-skill phases ({', '.join(skill)})")
        return self


class Question(_Strict):
    id: str = Field(pattern=SLUG)
    text: str = Field(min_length=5)
    scale: Scale
    optional: bool = False


class FitCheck(_Strict):
    """Sent to each person separately within `within_days` after session `after_session`."""

    after_session: int = Field(ge=1)
    within_days: int = Field(ge=1, le=31)
    questions: list[Question] = Field(min_length=1, max_length=6)


class Pulse(_Strict):
    """A short survey after every session."""

    within_hours: int = Field(ge=1, le=72)
    questions: list[Question] = Field(min_length=1, max_length=4)


class Booking(_Strict):
    books_sessions: Role
    all_dates_at_first_meeting: bool
    move_notice_working_days: int = Field(ge=0, le=10)
    rebook_within_days: int = Field(ge=1, le=31)


class PeerSupport(_Strict):
    mentor_circle_minutes: int = Field(ge=15, le=180)
    mentor_circle_every_weeks: int = Field(ge=1, le=26)
    mentee_group_call_minutes: int = Field(ge=15, le=180)
    mentee_group_call_week: int = Field(ge=1, le=52)


class Band(_Strict):
    """Pairs whose days since the last session fall in [min_days, max_days]."""

    name: Literal["green", "amber", "red"]
    min_days: int = Field(default=0, ge=0)
    max_days: int | None = Field(default=None, ge=0)
    action: str = Field(min_length=3)


class Monitoring(_Strict):
    stalled_days: int = Field(ge=7, le=365)
    bands: list[Band] = Field(min_length=3, max_length=3)

    @model_validator(mode="after")
    def _contiguous(self) -> Monitoring:
        names = [band.name for band in self.bands]
        if names != ["green", "amber", "red"]:
            raise ValueError(f"bands must be green, amber, red in that order, not {', '.join(names)}")
        green, amber, red = self.bands
        if green.min_days != 0:
            raise ValueError("the green band starts at 0 days")
        for lower, upper in ((green, amber), (amber, red)):
            if lower.max_days is None or upper.min_days != lower.max_days + 1:
                raise ValueError(f"the {upper.name} band must start the day after the {lower.name} band ends")
        if red.max_days is not None:
            raise ValueError("the red band has no upper limit")
        if red.min_days != self.stalled_days:
            raise ValueError(
                f"the red band starts at {red.min_days} days but stalled_days is {self.stalled_days}"
            )
        return self

    def band_for(self, days_since_session: int) -> Band:
        """The band of a pair whose last session was `days_since_session` days ago."""
        for band in self.bands:
            if band.min_days <= days_since_session and (
                band.max_days is None or days_since_session <= band.max_days
            ):
                return band
        return self.bands[0]  # negative days: a session in the future counts as on track

    def is_stalled(self, days_since_session: int) -> bool:
        return days_since_session >= self.stalled_days


class ProgrammeDefaults(_Strict):
    """Everything in `knowledge/defaults.yaml`."""

    rhythm: Rhythm
    session_length: SessionLength
    templates: Templates
    formats: dict[str, SessionTemplate] = Field(default_factory=dict)
    fit_check: FitCheck
    pulse: Pulse
    booking: Booking
    peer_support: PeerSupport
    monitoring: Monitoring

    @model_validator(mode="after")
    def _consistent(self) -> ProgrammeDefaults:
        length, minutes = self.session_length, self.rhythm.session_minutes
        if length.buffer_minutes >= length.drop_review_at_or_below:
            raise ValueError("session_length: the buffer must be shorter than the shortest full session")
        if length.short_buffer_minutes > length.buffer_minutes:
            raise ValueError("session_length: a short session's buffer must not be longer than the usual one")
        if not length.drop_review_at_or_below < minutes < length.second_activity_from:
            raise ValueError(
                f"session_length: the default session ({minutes} minutes) must be longer than "
                f"drop_review_at_or_below ({length.drop_review_at_or_below}) and shorter than "
                f"second_activity_from ({length.second_activity_from})"
            )
        if length.max_virtual_minutes < length.drop_review_at_or_below:
            raise ValueError("session_length: max_virtual_minutes is shorter than any full session")
        gap = self.rhythm.days_between_sessions
        green_max = self.monitoring.bands[0].max_days or 0
        if green_max < gap:
            raise ValueError(
                f"monitoring: the green band ends at {green_max} days, before the next session is "
                f"due ({gap} days on the rhythm)"
            )
        if self.monitoring.stalled_days <= gap:
            raise ValueError("monitoring: stalled_days must be longer than the gap between sessions")
        if self.fit_check.after_session > self.rhythm.planned_sessions:
            raise ValueError("fit_check: after_session is later than the last planned session")
        owners: dict[str, str] = {}
        for stage, template in self.all_templates().items():
            for article in template.articles:
                if article in owners:
                    raise ValueError(f"article '{article}' is listed by both {owners[article]} and {stage}")
                owners[article] = stage
        return self

    def all_templates(self) -> dict[str, SessionTemplate]:
        """The stage templates (first, middle, closing) and then the format templates."""
        stages = {stage: getattr(self.templates, stage) for stage in ("first", "middle", "closing")}
        return {**stages, **self.formats}

    def template(self, stage: str) -> SessionTemplate:
        templates = self.all_templates()
        if stage not in templates:
            raise KeyError(f"no session template '{stage}' (known: {', '.join(templates)})")
        return templates[stage]

    def phase_minutes(self, stage: str, minutes: int | None = None) -> list[tuple[Phase, int]]:
        """Whole minutes per phase for a session of `minutes` (default: the rhythm's length).

        The buffer comes off first; at or below `drop_review_at_or_below` minutes a session with
        a main activity drops its review phase and the others keep their proportions (a closing
        session's look back is the session itself); from `second_activity_from`
        minutes the main activity becomes two activities of equal length.
        """
        minutes = self.rhythm.session_minutes if minutes is None else minutes
        length = self.session_length
        template = self.template(stage)
        planned = max(minutes - length.buffer_for(minutes), 0)
        phases = list(template.phases)
        main = template.phase("main-activity")
        if minutes <= length.drop_review_at_or_below and main is not None:
            phases = [phase for phase in phases if phase.id != "review"]
        if minutes >= length.second_activity_from and main is not None:
            # Doubling every other share keeps whole numbers while the main activity splits in two.
            split: list[Phase] = []
            for phase in phases:
                if phase.id == "main-activity":
                    split.append(phase.model_copy(update={"name": "First activity"}))
                    split.append(
                        phase.model_copy(update={"id": "second-activity", "name": "Second activity"})
                    )
                else:
                    split.append(phase.model_copy(update={"share": phase.share * 2}))
            phases = split
        return template.model_copy(update={"phases": phases}).allocate(planned)


class DefaultsError(ValueError):
    """defaults.yaml is missing, not YAML, or breaks a rule; `problems` holds (line, message)."""

    def __init__(self, path: Path, problems: list[tuple[int, str]]) -> None:
        self.path = path
        self.problems = problems
        lines = "\n".join(f"{path}:{line}: {message}" for line, message in problems)
        super().__init__(f"invalid programme defaults:\n{lines}")


def load_defaults(knowledge_dir: Path) -> ProgrammeDefaults:
    """Read and validate `<knowledge_dir>/defaults.yaml`; raise DefaultsError on any problem."""
    path = Path(knowledge_dir) / DEFAULTS_FILE
    if not path.is_file():
        raise DefaultsError(path, [(1, "the file is missing")])
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise DefaultsError(path, [((mark.line + 1) if mark else 1, f"not valid YAML: {error}")]) from None
    if not isinstance(data, dict):
        raise DefaultsError(path, [(1, "must be a mapping with rhythm, session_length, templates, ...")])
    try:
        return ProgrammeDefaults.model_validate(data)
    except ValidationError as error:
        problems = []
        for detail in error.errors():
            loc = tuple(part for part in detail["loc"] if part != "__root__")
            where = ".".join(str(part) for part in loc) or "top level"
            message = str(detail["msg"]).removeprefix("Value error, ")
            problems.append((line_of(root, loc), f"{where}: {message}"))
        raise DefaultsError(path, problems) from None
