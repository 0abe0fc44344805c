"""Activities are read whole from the modules and fitted to their slot without losing a step."""

import pytest

from companion.guidance.planner.activities import fits, parse_activities
from companion.kb.vocabulary import Heading


@pytest.fixture(scope="module")
def activities(kb_services):
    found = {}
    for chunk in kb_services.chunks:
        if chunk.kind == "topic" and chunk.heading == Heading.PRACTICE_ACTIVITY:
            found.setdefault(chunk.article_id, []).append(chunk)
    return {article: parse_activities(chunks) for article, chunks in found.items()}


def test_every_topic_module_has_timed_activities_whose_steps_add_up(activities) -> None:
    assert len(activities) == 15  # every topic module (meetings the fifteenth, 2026-12-06)
    for article, parsed in activities.items():
        assert parsed, article
        for activity in parsed:
            assert len(activity.steps) >= 2 and activity.minutes > 0, (article, activity.name)


def test_every_titled_activity_is_read_even_when_its_steps_start_in_the_next_passage(
    activities, kb_services
) -> None:
    """Each "**Activity n: name (m minutes).**" of a module's practice section is parsed, whole,
    though the index splits a long section into several passages."""
    import re

    from tests.conftest import KNOWLEDGE_DIR

    for article, parsed in activities.items():
        text = (KNOWLEDGE_DIR / "topics" / f"{article}.md").read_text(encoding="utf-8")
        titled = re.findall(r"^\*\*Activity \d+: (.+?) \((\d+) minutes?\)", text, re.MULTILINE)
        assert [(a.name, a.minutes) for a in parsed] == [(name, int(m)) for name, m in titled], article


def test_the_observation_visit_is_not_a_main_activity(activities) -> None:
    names = [activity.name for activity in activities["topic-inclusion"]]
    assert names == ["decision audit"]


@pytest.mark.parametrize("minutes", [4, 8, 11, 19, 30])
def test_fitting_rescales_every_step_and_keeps_their_order(activities, minutes: int) -> None:
    activity = activities["topic-generative-ai"][0]
    lines = activity.fitted(minutes)
    assert [line.split(") ", 1)[1] for line in lines] == [step.text for step in activity.steps]
    assert sum(int(line[1 : line.index(" min)")]) for line in lines) == minutes


def test_an_activity_fits_between_half_and_one_and_a_half_its_length(activities) -> None:
    activity = activities["topic-generative-ai"][0]  # 11 minutes
    assert fits(activity, 6) and fits(activity, 16)
    assert not fits(activity, 5) and not fits(activity, 17)
