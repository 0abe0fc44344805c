"""Incremental indexing against a real embedded Chroma and the real embedder, on a tiny corpus."""

import shutil
from pathlib import Path

import pytest

from companion.config import Settings
from companion.services import build_services
from tests.conftest import KNOWLEDGE_DIR


@pytest.fixture
def small_knowledge(tmp_path: Path) -> Path:
    root = tmp_path / "knowledge"
    (root / "playbooks").mkdir(parents=True)
    shutil.copy(KNOWLEDGE_DIR / "sources.yaml", root / "sources.yaml")
    for name in ("playbook-time.md", "playbook-resistance.md"):
        shutil.copy(KNOWLEDGE_DIR / "playbooks" / name, root / "playbooks" / name)
    return root


def test_index_adds_updates_removes_and_skips(small_knowledge: Path, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", knowledge_dir=small_knowledge)
    first = build_services(settings).index_report
    assert first.added > 10 and first.updated == first.removed == first.unchanged == 0

    again = build_services(settings).index_report
    assert (again.added, again.updated, again.removed) == (0, 0, 0)
    assert again.unchanged == first.added

    time_playbook = small_knowledge / "playbooks" / "playbook-time.md"
    text = time_playbook.read_text()
    # (a word changed, not a sentence added, which may split a long section into two passages)
    assert "The pair keeps rescheduling" in text
    time_playbook.write_text(text.replace("The pair keeps rescheduling", "The pair keeps moving", 1))
    (small_knowledge / "playbooks" / "playbook-resistance.md").unlink()
    changed = build_services(settings)
    report = changed.index_report
    assert report.updated == 1
    assert report.removed > 5
    assert report.added == 0
    assert changed.store.count() == len(changed.chunks)


def test_rebuild_starts_from_empty(small_knowledge: Path, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", knowledge_dir=small_knowledge)
    first = build_services(settings).index_report
    rebuilt = build_services(settings, rebuild=True).index_report
    assert rebuilt.added == first.added and rebuilt.unchanged == 0


def test_a_corrupted_index_directory_is_rebuilt(small_knowledge: Path, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", knowledge_dir=small_knowledge)
    build_services(settings)
    for path in settings.chroma_path.rglob("*"):
        if path.is_file():
            path.write_bytes(b"this is not a database")
    services = build_services(settings)
    assert services.store.count() == len(services.chunks)
    assert all(check.ok for check in services.readiness())


def test_a_deleted_index_directory_is_rebuilt(small_knowledge: Path, tmp_path: Path) -> None:
    """What start-up and `companion index` do (open the store, sync), without the rest of the services."""
    from companion.kb import load_corpus
    from companion.rag.chunking import chunk_corpus
    from companion.rag.embeddings import build_embedder
    from companion.rag.indexer import sync_index
    from companion.services import open_store

    (small_knowledge / "playbooks" / "playbook-resistance.md").unlink()  # one article is enough
    settings = Settings(data_dir=tmp_path / "data", knowledge_dir=small_knowledge)
    chunks = chunk_corpus(load_corpus(small_knowledge))
    embedder = build_embedder(settings)
    store = open_store(settings, embedder)
    first = sync_index(chunks, store, embedder)
    store.close()  # as when the process ends: the next start opens the directory afresh
    shutil.rmtree(settings.chroma_path)
    store = open_store(settings, embedder)
    again = sync_index(chunks, store, embedder)
    assert again.added == first.added == len(chunks) and again.unchanged == 0
    assert store.count() == len(chunks)
    assert (settings.chroma_path / "chroma.sqlite3").is_file()
    store.close()


def test_each_embedding_model_gets_its_own_collection(small_knowledge: Path, tmp_path: Path) -> None:
    from companion.rag.store import collection_name

    assert collection_name("all-minilm-l6-v2-int8") != collection_name("openai-text-embedding-3-small")
    services = build_services(Settings(data_dir=tmp_path / "data", knowledge_dir=small_knowledge))
    assert services.store.name == "companion-all-minilm-l6-v2-int8"
