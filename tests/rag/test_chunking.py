from pathlib import Path

from companion.kb import load_corpus
from companion.rag.chunking import chunk_article, chunk_corpus, split_by_size
from tests.conftest import KNOWLEDGE_DIR

CORPUS = load_corpus(KNOWLEDGE_DIR)
CHUNKS = chunk_corpus(CORPUS)


def test_chunk_ids_are_unique_and_stable_across_runs() -> None:
    ids = [chunk.id for chunk in CHUNKS]
    assert len(ids) == len(set(ids))
    again = [chunk.id for chunk in chunk_corpus(load_corpus(KNOWLEDGE_DIR))]
    assert ids == again
    assert all(chunk.id.startswith(f"{chunk.article_id}#") for chunk in CHUNKS)


def test_every_chunk_carries_its_metadata_and_source_path() -> None:
    for chunk in CHUNKS:
        meta = chunk.metadata()
        assert meta["article_id"] and meta["title"] and meta["kind"]
        assert meta["source"].startswith("knowledge/") and meta["source"].endswith(".md")
        assert Path(KNOWLEDGE_DIR.parent / meta["source"]).is_file()
        for topic in chunk.topics:
            assert meta[f"topic:{topic}"] is True


def test_chunk_text_is_verbatim_from_its_file() -> None:
    """Citations quote chunk text, so every line of it must appear in the cited file."""
    for chunk in CHUNKS:
        source = (KNOWLEDGE_DIR.parent / chunk.source).read_text(encoding="utf-8")
        for line in chunk.text.splitlines():
            assert line.strip() in source, (chunk.id, line)


def test_starters_and_prompts_are_single_items_with_tags() -> None:
    starters = [chunk for chunk in CHUNKS if chunk.kind == "starters" and chunk.is_item]
    prompts = [chunk for chunk in CHUNKS if chunk.kind == "reflection" and chunk.is_item]
    items = sum(len(article.items) for article in CORPUS.articles)
    assert len(starters) + len(prompts) == items
    assert all("purpose" in chunk.tags and "stage" in chunk.tags for chunk in starters)
    assert all("framework" in chunk.tags for chunk in prompts)
    assert all("\n" not in chunk.text and not chunk.text.startswith("[") for chunk in starters + prompts)


def test_playbook_sections_keep_their_heading_path() -> None:
    time_playbook = CORPUS.by_id()["playbook-time"]
    headings = {chunk.heading for chunk in chunk_article(time_playbook)}
    assert {"Signs", "Words to say", "When to involve the programme team"} <= headings


def test_split_by_size_keeps_paragraphs_whole() -> None:
    text = "\n\n".join(f"Paragraph {index}" + " word" * 50 for index in range(10))
    pieces = split_by_size(text, max_chars=700)
    assert len(pieces) > 1
    assert all(len(piece) <= 700 for piece in pieces)
    assert "\n\n".join(pieces) == text
