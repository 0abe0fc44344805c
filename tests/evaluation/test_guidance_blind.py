"""The blind guidance scorer reads rubrics as the set's README says (on made-up cases: the blind
set itself is scored once, after the planner work)."""

import json

from companion.evaluation.guidance_blind import run_guidance_blind_suite


def write(folder, name, rows) -> None:
    (folder / name).write_text("".join(json.dumps(row) + "\n" for row in rows))


def test_the_scorer_counts_each_check_once_per_case(kb_services, tmp_path) -> None:
    write(
        tmp_path,
        "agendas.jsonl",
        [
            {
                "id": "a1",
                "request": {"topic": "spotting phishing emails", "minutes": 45, "session_number": 3},
                "rubric": {
                    "coverage": "covered",
                    "segments": {"min": 3, "max": 7},
                    "must_mention_any": [["phishing"]],
                    "must_not_mention": ["tiktok"],
                },
            },
            {
                "id": "a2",
                "request": {"topic": "mail merge in word", "minutes": 45, "session_number": 3},
                "rubric": {"coverage": "covered", "segments": {"min": 1, "max": 2}},
            },
        ],
    )
    write(
        tmp_path,
        "starters.jsonl",
        [
            {
                "id": "s1",
                "request": {"topic": "linkedin", "count": 3},
                "rubric": {"must_mention_any": [["zzzz"]]},
            }
        ],
    )
    write(
        tmp_path,
        "reflections.jsonl",
        [
            {
                "id": "r1",
                "request": {"topic": "ai", "notes": "It went fine.", "count": 3},
                "rubric": {"must_not_mention": ["[framework"]},
            }
        ],
    )
    results = run_guidance_blind_suite(kb_services.guidance, tmp_path)
    agenda = results["by_kind"]["agenda"]
    assert agenda["cases"] == 2
    assert agenda["per_check"] == {
        "must_mention_any": 1.0,
        "must_not_mention": 1.0,
        "coverage": 0.5,
        "segments": 0.5,
    }
    assert agenda["checks_passed"] == round(4 / 6, 4) and agenda["cases_passing_every_check"] == 0.5
    assert results["by_kind"]["starters"]["checks_passed"] == 0.0
    assert results["by_kind"]["reflections"]["checks_passed"] == 1.0
    assert {failure["id"] for failure in results["failures"]} == {"a2", "s1"}
