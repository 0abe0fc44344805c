"""knowledge/defaults.yaml: its schema, and `companion kb check` holding every article to it."""

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from companion.cli import app
from companion.kb import load_corpus
from companion.kb.check import check_corpus, check_defaults
from companion.kb.defaults import DefaultsError, ProgrammeDefaults, load_defaults
from tests.conftest import KNOWLEDGE_DIR

DEFAULTS = load_defaults(KNOWLEDGE_DIR)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A private copy of the real knowledge base."""
    root = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, root)
    return root


def append(root: Path, relative: str, text: str) -> int:
    """Add a paragraph at the end of an article; return its line number."""
    path = root / relative
    body = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(body, encoding="utf-8")
    return body.count("\n")


def problems(root: Path) -> list[str]:
    return [str(problem) for problem in check_corpus(load_corpus(root))]


# --- the file itself ------------------------------------------------------------------------


def test_the_real_defaults_load_and_hang_together() -> None:
    assert isinstance(DEFAULTS, ProgrammeDefaults)
    for stage, template in DEFAULTS.all_templates().items():
        assert sum(phase.share for phase in template.phases) == 100, stage
        assert template.articles, f"{stage} names no article"
    length = DEFAULTS.session_length
    assert length.drop_review_at_or_below < DEFAULTS.rhythm.session_minutes < length.second_activity_from
    assert DEFAULTS.monitoring.bands[-1].min_days == DEFAULTS.monitoring.stalled_days
    assert DEFAULTS.booking.books_sessions in ("mentor", "mentee")


@pytest.mark.parametrize("minutes", [20, 30, 45, 60, 75, 90, 120])
def test_phase_minutes_fill_the_session_less_the_buffer(minutes: int) -> None:
    length = DEFAULTS.session_length
    plan = DEFAULTS.phase_minutes("middle", minutes)
    assert sum(count for _, count in plan) == minutes - length.buffer_for(minutes)
    ids = [phase.id for phase, _ in plan]
    assert ("review" in ids) == (minutes > length.drop_review_at_or_below)
    assert ("second-activity" in ids) == (minutes >= length.second_activity_from)


def test_bands_cover_every_day_and_stalled_means_red() -> None:
    monitoring = DEFAULTS.monitoring
    green, amber, _red = monitoring.bands
    assert monitoring.band_for(0).name == "green"
    assert monitoring.band_for(green.max_days).name == "green"
    assert monitoring.band_for(amber.min_days).name == "amber"
    assert monitoring.band_for(monitoring.stalled_days).name == "red"
    assert monitoring.is_stalled(monitoring.stalled_days)
    assert not monitoring.is_stalled(monitoring.stalled_days - 1)


def _edit_defaults(root: Path, old: str, new: str) -> None:
    path = root / "defaults.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"defaults.yaml no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shares_that_do_not_add_up_give_a_clear_error_with_its_line(corpus: Path) -> None:
    _edit_defaults(corpus, "name: Main activity, share: 35", "name: Main activity, share: 30")
    with pytest.raises(DefaultsError) as caught:
        load_defaults(corpus)
    line, message = caught.value.problems[0]
    assert "templates.middle: the phase shares add up to 95, not 100" in message
    lines = (corpus / "defaults.yaml").read_text(encoding="utf-8").splitlines()
    assert "middle:" in lines[line - 1]
    # `kb check` reports the same problem against the file and line
    assert f"knowledge/defaults.yaml:{line}: templates.middle: the phase shares add up to 95" in "\n".join(
        problems(corpus)
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  stalled_days: 45", "  stalled_days: 40", "the red band starts at 45 days but stalled_days is 40"),
        (
            "      min_days: 31",
            "      min_days: 32",
            "the amber band must start the day after the green band ends",
        ),
        (
            "  weeks_between_sessions: 4",
            "  weeks_between_sessions: 6",
            "before the next session is due (42 days",
        ),
        (
            "    new_skill_objectives: false",
            "    new_skill_objectives: true",
            "the last session sets no new skill",
        ),
        ("  books_sessions: mentee", "  books_sessions: sponsor", "booking.books_sessions: Input should be"),
        (
            "  buffer_minutes: 5",
            "  buffer_minutes: 5\n  coffee_minutes: 5",
            "session_length.coffee_minutes: Extra inputs",
        ),
        ("rhythm:\n", "rhythm: [\n", "not valid YAML"),
    ],
)
def test_invalid_defaults_name_the_rule_broken(corpus: Path, old: str, new: str, expected: str) -> None:
    _edit_defaults(corpus, old, new)
    with pytest.raises(DefaultsError) as caught:
        load_defaults(corpus)
    assert expected in str(caught.value)
    assert str(corpus / "defaults.yaml") in str(caught.value)


def test_a_missing_defaults_file_is_an_error_to_load_but_not_to_check(corpus: Path) -> None:
    (corpus / "defaults.yaml").unlink()
    with pytest.raises(DefaultsError, match="the file is missing"):
        load_defaults(corpus)
    assert check_defaults(load_corpus(corpus)) == []


# --- the articles against the file ----------------------------------------------------------


def test_the_aligned_corpus_states_no_other_value() -> None:
    found = check_defaults(load_corpus(KNOWLEDGE_DIR))
    assert found == [], "\n".join(str(problem) for problem in found)


def test_an_article_with_another_rhythm_fails_naming_file_line_and_value(corpus: Path) -> None:
    line = append(
        corpus,
        "programme/ground-rules-and-confidentiality.md",
        "Pairs meet every three weeks for 60 minutes.",
    )
    found = problems(corpus)
    assert any(
        problem.startswith(
            f"knowledge/programme/ground-rules-and-confidentiality.md:{line}: "
            "states a rhythm of every 3 weeks"
        )
        and "'every three weeks'" in problem
        and "default monthly (every 4 weeks)" in problem
        for problem in found
    ), found


def test_a_wrong_template_share_fails_naming_file_line_and_share(corpus: Path) -> None:
    path = corpus / "sessions" / "typical-session.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, text in enumerate(lines) if re.match(r"^3\. \*\*Main activity\*\* \(35%\)", text))
    lines[index] = lines[index].replace("(35%)", "(40%)")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = problems(corpus)
    assert (
        f"knowledge/sessions/typical-session.md:{index + 1}: "
        "gives 'Main activity' 40%; the middle template has 35%"
        " (knowledge/defaults.yaml)"
    ) in found, found


def test_a_different_stalled_threshold_fails(corpus: Path) -> None:
    line = append(
        corpus, "programme/re-engaging-stalled-pairs.md", "A pair with no session for 60 days has stalled."
    )
    found = problems(corpus)
    assert any(
        problem.startswith(
            f"knowledge/programme/re-engaging-stalled-pairs.md:{line}: states 60 days without a session"
        )
        and "default 45" in problem
        for problem in found
    ), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Keep virtual sessions to 45 minutes.", "maximum of 45 minutes for virtual sessions"),
        ("At 20 minutes or less, drop the review.", "drops the review at or below 20 minutes"),
        ("Over 60 minutes, add a second main activity.", "adds a second activity from 61 minutes"),
        ("Keep a buffer of 10 minutes.", "buffer of 10 minutes"),
        ("Around session three of eight, send the mid-point survey.", "states 8 sessions"),
        ("Pairs with a session in the last 21 days are on track.", "in the last 21 days"),
        ("The mentor books every session.", "says the mentor books sessions"),
        ("Run a 30-minute mentor circle every four weeks.", "30-minute peer support"),
        (
            'The pulse asks "How was it?" and "Anything the programme team should know?"',
            "as a pulse question",
        ),
        ('The fit check asks "Would you like to continue with this pairing?"', "as a fit-check question"),
        ("Send the fit check within two weeks of the first meeting.", "sends the fit check within 14 days"),
        ("A session may move with 24 hours' notice if the other agrees.", "24 hours' notice"),
        ("Six fortnightly sessions over three months suit a single topic.", "rhythm of fortnightly"),
    ],
)
def test_other_defaults_stated_differently_fail(corpus: Path, text: str, expected: str) -> None:
    line = append(corpus, "programme/monitoring-and-adjusting.md", text)
    found = [problem for problem in problems(corpus) if f"monitoring-and-adjusting.md:{line}:" in problem]
    assert any(expected in problem for problem in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Some programmes meet every two weeks for 45 minutes.",
        "In the account, the pair met fortnightly (Raza and Onyesoh, 2020).",
        "A pair may agree to meet fortnightly instead of the monthly default during a launch.",
        "The director's weekly team meeting runs for 45 minutes.",
        "The mentee practises alone for ten minutes every Friday.",
        "A 45-minute call with the sponsor helps when several pairs stall.",
        "Sessions can be 45 minutes when diaries are tight.",
    ],
)
def test_sentences_that_are_not_about_the_default_pass(corpus: Path, text: str) -> None:
    line = append(corpus, "programme/monitoring-and-adjusting.md", text)
    found = [problem for problem in problems(corpus) if f"monitoring-and-adjusting.md:{line}:" in problem]
    assert found == []


def test_cli_check_fails_on_a_changed_rhythm(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line = append(corpus, "sessions/first-meeting.md", "We meet fortnightly.")
    monkeypatch.setenv("COMPANION_KNOWLEDGE_DIR", str(corpus))
    result = CliRunner().invoke(app, ["kb", "check"])
    assert result.exit_code == 1
    assert f"knowledge/sessions/first-meeting.md:{line}: states a rhythm of fortnightly" in result.output


def test_a_short_slot_keeps_fewer_minutes_spare() -> None:
    length = DEFAULTS.session_length
    assert (
        length.buffer_for(length.short_session_below - 1)
        == length.short_buffer_minutes
        < length.buffer_minutes
    )
    assert length.buffer_for(length.short_session_below) == length.buffer_minutes
