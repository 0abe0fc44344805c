"""Articles as HTML: raw HTML escaped, heading ids from heading paths, links between articles."""

from __future__ import annotations

from companion.web.markdown import heading_anchor, render_article, render_text


def test_raw_html_is_escaped_and_scripts_never_pass() -> None:
    rendered = render_article(
        "Hello <script>alert(1)</script> [x](javascript:alert(1))\n\n<img src=x>", set()
    )
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered
    assert "<img" not in rendered and 'href="javascript' not in rendered
    assert "<script>" not in render_text("<script>alert(1)</script>")


def test_headings_get_ids_from_their_whole_path() -> None:
    body = "## Signs\n\ntext\n\n### Early\n\nmore\n\n## Words to say\n\n### Early\n"
    rendered = render_article(body, set())
    for anchor in ('id="signs"', 'id="signs--early"', 'id="words-to-say"', 'id="words-to-say--early"'):
        assert anchor in rendered
    assert heading_anchor(()) == "intro" and heading_anchor(("Summary",)) == "summary"


def test_links_to_articles_become_pages_and_others_stay() -> None:
    body = (
        "See [formats](../sessions/session-formats.md#walk), [x](other.md) and [site](https://example.org)."
    )
    rendered = render_article(body, {"session-formats"})
    assert 'href="/articles/session-formats#walk"' in rendered
    assert 'href="other.md"' in rendered
    assert 'href="https://example.org" rel="noopener noreferrer"' in rendered


def test_tables_render() -> None:
    assert "<table>" in render_article("| a | b |\n| --- | --- |\n| 1 | 2 |\n", set())
