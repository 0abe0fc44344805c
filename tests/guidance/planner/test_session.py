"""A session's phases follow knowledge/defaults.yaml: the stage's template, the buffer, no
review at 30 minutes or less, the first meeting's taster only when it fits."""

import pytest

from companion.config import get_settings
from companion.guidance.planner.session import TASTER_MINIMUM, guide_flow, plan_phases
from companion.kb.defaults import load_defaults

DEFAULTS = load_defaults(get_settings().knowledge_dir)


@pytest.fixture(scope="module")
def flows(kb_services):
    def flow(article_id: str):
        return guide_flow([c for c in kb_services.chunks if c.article_id == article_id])

    return {
        "first": flow("first-meeting"),
        "middle": flow("typical-session"),
        "closing": flow("closing-session"),
    }


@pytest.mark.parametrize("minutes", [15, 20, 25, 30, 45, 60, 75, 90, 120, 240])
@pytest.mark.parametrize("stage", ["first", "middle", "closing"])
def test_phases_add_up_and_follow_the_stage(flows, stage: str, minutes: int) -> None:
    phases, spare = plan_phases(stage, minutes, DEFAULTS, flows[stage])
    assert sum(phase.minutes for phase in phases) + spare == minutes
    assert spare == DEFAULTS.session_length.buffer_for(minutes)
    assert all(phase.minutes >= 1 and phase.activities and phase.cited for phase in phases)
    ids = [phase.id for phase in phases]
    template = [phase.id for phase in DEFAULTS.template(stage).phases]
    assert all(phase_id in template for phase_id in ids)  # never a phase of another stage
    if stage == "middle":
        assert ("review" in ids) == (minutes > DEFAULTS.session_length.drop_review_at_or_below)
        assert ids.count("main-activity") == 1  # split later, by the activities chosen
    if stage == "closing":
        assert "main-activity" not in ids and "review" in ids


def test_a_taster_too_short_to_be_useful_gives_its_time_to_the_goals(flows) -> None:
    short, _ = plan_phases("first", 20, DEFAULTS, flows["first"])
    full, _ = plan_phases("first", 60, DEFAULTS, flows["first"])
    assert "taster" not in [phase.id for phase in short]
    taster = next(phase for phase in full if phase.id == "taster")
    assert taster.minutes >= TASTER_MINIMUM
