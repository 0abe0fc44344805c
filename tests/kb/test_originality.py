"""The knowledge base is written in our own words: no long run of words from the seed article or
the research notes it was built from."""

import re

import pytest

from companion.kb import load_corpus
from tests.conftest import KNOWLEDGE_DIR, REPO_ROOT

SHARED = REPO_ROOT.parent / "shared"
RUN = 8  # words in a row


def shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[index : index + RUN]) for index in range(len(words) - RUN + 1)}


@pytest.mark.skipif(
    not SHARED.is_dir(), reason="the shared/ folder with the seed is not beside this checkout"
)
def test_no_article_copies_eight_words_in_a_row_from_the_sources() -> None:
    source_texts = [path.read_text(encoding="utf-8") for path in sorted((SHARED / "seeds").glob("*"))]
    source_texts.append((SHARED / "research-facts.md").read_text(encoding="utf-8"))
    sources = set().union(*(shingles(text) for text in source_texts))
    copied = {}
    for article in load_corpus(KNOWLEDGE_DIR).articles:
        shared = shingles(article.body) & sources
        if shared:
            copied[article.id] = " ".join(sorted(shared)[0])
    assert not copied, f"passages copied from the sources: {copied}"


def test_shingles_finds_a_copied_run() -> None:
    assert shingles("One two three four five six seven eight") == {
        ("one", "two", "three", "four", "five", "six", "seven", "eight")
    }
    assert not shingles("too short to count")
