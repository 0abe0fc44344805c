"""`companion kb check` on the real corpus, and on broken corpora that it must reject."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from companion.cli import app
from companion.kb import load_corpus
from companion.kb.check import check_corpus
from tests.conftest import KNOWLEDGE_DIR

GOOD_FRONT = """---
id: {id}
title: A test article
kind: {kind}
audience: [mentor]
topics: [{topic}]
{extra}sources: [{sources}]
updated: 2026-11-28
summary: An article written by a test to exercise the checker.
---
"""


def write(root: Path, folder: str, article_id: str, body: str, kind: str = "guide", **fields: str) -> Path:
    path = root / folder / f"{article_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    front = GOOD_FRONT.format(
        id=fields.get("id", article_id),
        kind=kind,
        topic=fields.get("topic", "pairing"),
        extra=fields.get("extra", ""),
        sources=fields.get("sources", ""),
    )
    path.write_text(front + body, encoding="utf-8")
    return path


@pytest.fixture
def corpus_root(tmp_path: Path) -> Path:
    root = tmp_path / "knowledge"
    root.mkdir()
    (root / "sources.yaml").write_text(
        "murphy-2012:\n  authors: Murphy W.M.\n  title: Reverse mentoring at work\n  year: 2012\n"
    )
    write(
        root, "guides", "good", "## Intro\n\nText with a [link](../guides/other.md).\n", sources="murphy-2012"
    )
    write(root, "guides", "other", "## Body\n\nMore text.\n")
    return root


def messages(root: Path) -> list[str]:
    return [problem.message for problem in check_corpus(load_corpus(root))]


def test_the_real_knowledge_base_passes() -> None:
    problems = check_corpus(load_corpus(KNOWLEDGE_DIR))
    assert problems == [], "\n".join(str(problem) for problem in problems)


def test_cli_check_passes_on_the_real_knowledge_base() -> None:
    result = CliRunner().invoke(app, ["kb", "check"])
    assert result.exit_code == 0, result.output
    assert "ok" in result.output


def test_a_clean_small_corpus_passes(corpus_root: Path) -> None:
    assert messages(corpus_root) == []


def test_broken_link_unknown_topic_and_unknown_source(corpus_root: Path) -> None:
    write(
        corpus_root,
        "guides",
        "bad",
        "## Intro\n\nSee [x](../nowhere/missing.md).\n",
        topic="astrology",
        sources="nobody-2020",
    )
    found = messages(corpus_root)
    assert any("points at no article" in message for message in found)
    assert any("unknown topic 'astrology'" in message for message in found)
    assert any("source 'nobody-2020' is not in sources.yaml" in message for message in found)


def test_empty_section_and_missing_playbook_sections(corpus_root: Path) -> None:
    write(
        corpus_root,
        "playbooks",
        "pb",
        "## Signs\n\n## Likely causes\n\nSome.\n",
        kind="playbook",
        extra="challenges: [time]\n",
    )
    found = messages(corpus_root)
    assert "section 'Signs' is empty" in found
    assert any("needs a section '## Words to say'" in message for message in found)


def test_id_must_match_file_name_and_be_unique(corpus_root: Path) -> None:
    write(corpus_root, "guides", "third", "## A\n\nText.\n", id="good")
    found = messages(corpus_root)
    assert any("differs from the file name 'third'" in message for message in found)
    assert any("id 'good' is used by more than one article" in message for message in found)


def test_item_tags_are_validated_and_items_unique(corpus_root: Path) -> None:
    body = (
        "## Icebreakers\n\n"
        "- [purpose: icebreaker; stage: first] What app could you not live without, and why?\n"
        "- [purpose: gossip; stage: first] Who in the office do you like least, honestly?\n"
        "- [purpose: deepen; stage: never] How would you explain this to a new starter?\n"
        "- [purpose: icebreaker; stage: first] What app could you NOT live without and why\n"
        "- [purpose: deepen; stage: any; when: always] Which tool do you reach for first, and why that one?\n"
        "- [purpose: deepen; stage: middle; names: skill] How has the skill gone since we last met?\n"
        "- [purpose: deepen; stage: first; names: issue] Can we talk about the issue before we start?\n"
        "- [purpose: deepen; stage: any; detail: wish] You said the detail. What would you change first?\n"
    )
    write(corpus_root, "starters", "starters-x", body, kind="starters")
    found = messages(corpus_root)
    assert any(message.startswith("purpose must be one of") for message in found)
    assert any(message.startswith("stage must be one of") for message in found)
    assert any(message.startswith("item repeats the one at") for message in found)
    assert any(message.startswith("when must be 'reluctant'") for message in found)
    assert any(message.startswith("detail must be 'aim' or 'fact'") for message in found)
    assert (
        sum(
            message.startswith("names must be 'skill' or 'detail' on a first-meeting starter")
            for message in found
        )
        == 2
    )


def test_bad_front_matter_is_reported_not_raised(corpus_root: Path) -> None:
    (corpus_root / "guides" / "broken.md").write_text("---\nid: broken\ntitle: [unclosed\n---\nBody\n")
    (corpus_root / "guides" / "nofront.md").write_text("Just text\n")
    (corpus_root / "guides" / "wrongkind.md").write_text(
        GOOD_FRONT.format(id="wrongkind", kind="poem", topic="pairing", extra="", sources="") + "## A\n\nB\n"
    )
    found = messages(corpus_root)
    assert any("not valid YAML" in message for message in found)
    assert any("missing YAML front matter" in message for message in found)
    assert any("field 'kind'" in message for message in found)


def test_cli_check_exits_non_zero_with_one_line_per_problem(
    corpus_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(corpus_root, "guides", "bad", "## Intro\n\n", topic="astrology")
    monkeypatch.setenv("COMPANION_KNOWLEDGE_DIR", str(corpus_root))
    result = CliRunner().invoke(app, ["kb", "check"])
    assert result.exit_code == 1
    assert "knowledge/guides/bad.md:1: unknown topic 'astrology'" in result.output
    assert "problem(s)" in result.output
