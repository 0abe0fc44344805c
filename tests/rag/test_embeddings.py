import numpy as np
import pytest

from companion.config import Settings
from companion.rag.embeddings import (
    Embedder,
    EmbeddingModelMissing,
    MiniLMOnnxEmbeddings,
    MPNetOnnxEmbeddings,
    build_themes_embedder,
)
from companion.rag.vector_cache import VectorCache


def assert_unit_vectors_that_capture_meaning(
    embedder: Embedder, texts: list[str], dimensions: int, margin: float
) -> None:
    """The first two texts mean much the same, the third something else."""
    vectors = embedder.embed(texts)
    assert vectors.shape == (3, dimensions)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + margin


def test_offline_embedder_gives_unit_vectors_that_capture_meaning() -> None:
    texts = [
        "My mentee keeps cancelling our meetings.",
        "We never manage to meet because his diary is always full.",
        "How do I bake sourdough bread?",
    ]
    assert_unit_vectors_that_capture_meaning(MiniLMOnnxEmbeddings(), texts, 384, margin=0.2)


def test_order_and_batching_do_not_change_vectors() -> None:
    embedder = MiniLMOnnxEmbeddings()
    texts = [f"text number {index} " + "word " * index for index in range(70)]
    together = embedder.embed(texts)
    fresh = MiniLMOnnxEmbeddings()  # nothing remembered: each text computed alone
    alone = np.vstack([fresh.embed([text]) for text in texts[:5]])
    assert np.allclose(together[:5], alone, atol=1e-4)


def test_langchain_interface() -> None:
    embedder = MiniLMOnnxEmbeddings()
    assert len(embedder.embed_query("hello")) == 384
    assert len(embedder.embed_documents(["a", "b"])) == 2
    assert embedder.embed([]).shape == (0, 384)


def test_remembered_vectors_equal_computed_ones_and_are_not_recomputed() -> None:
    embedder = MiniLMOnnxEmbeddings()
    texts = ["Agree the ground rules first.", "Ask what surprised them.", "Agree the ground rules first."]
    first = embedder.embed(texts)
    assert len(embedder.cache) == 2  # the repeated text is embedded once
    calls: list[list[str]] = []
    compute = embedder._compute
    embedder._compute = lambda batch: calls.append(batch) or compute(batch)  # type: ignore[method-assign]
    again = embedder.embed(["Ask what surprised them.", "A text not seen before.", texts[0]])
    assert calls == [["A text not seen before."]]
    assert np.array_equal(again[0], first[1]) and np.array_equal(again[2], first[0])
    assert np.allclose(again[1], MiniLMOnnxEmbeddings().embed(["A text not seen before."])[0], atol=1e-6)


def test_vector_cache_forgets_the_least_recently_used_and_keeps_what_it_stores_intact() -> None:
    cache = VectorCache(capacity=2)
    cache.put("a", np.ones(3))
    cache.put("b", np.zeros(3))
    assert cache.get("a") is not None  # "a" is now the most recently used
    cache.put("c", np.full(3, 2.0))
    assert cache.get("b") is None and cache.get("a") is not None and len(cache) == 2
    stored = cache.get("c")
    assert stored is not None
    with pytest.raises(ValueError):
        stored[0] = 99.0  # a caller cannot change what later callers get
    cache.clear()
    assert len(cache) == 0 and cache.get("a") is None


def test_themes_model_tells_subjects_apart(kb_services) -> None:
    embedder = kb_services.themes_embedder
    assert isinstance(embedder, MPNetOnnxEmbeddings)
    texts = [
        "Half our sessions got moved because her diary is always full.",
        "We could never find a slot that suited both calendars.",
        "I finally understood how to write a prompt for the chatbot.",
    ]
    assert_unit_vectors_that_capture_meaning(embedder, texts, 768, margin=0.1)  # 0.34 against 0.18


def test_themes_read_feedback_at_int8_and_the_classifier_at_fp32(kb_services) -> None:
    themes, meaning = kb_services.themes_embedder, kb_services.meaning_embedder
    assert (themes.model_id, meaning.model_id) == ("all-mpnet-base-v2-int8", "all-mpnet-base-v2")
    texts = [
        "we kept rescheduling because his diary was rammed",
        "Honestly the best part was learning to use the AI tool for my reports.",
        "ok",
    ]
    cosines = (themes.embed(texts) * meaning.embed(texts)).sum(axis=1)
    assert cosines.min() >= 0.98  # the bar the set-up check applies to int8


def test_int8_refused_at_set_up_falls_back_to_fp32(tmp_path, caplog) -> None:
    folder = tmp_path / "models" / "all-mpnet-base-v2"
    folder.mkdir(parents=True)
    for name in ("model.onnx", "tokenizer.json"):
        (folder / name).write_bytes(b"")
    (folder / "int8.json").write_text('{"accepted": false, "cosine_min": 0.61}')
    settings = Settings(data_dir=tmp_path, models_dir=tmp_path / "models")
    chosen = build_themes_embedder(settings, MiniLMOnnxEmbeddings())
    assert isinstance(chosen, MPNetOnnxEmbeddings) and chosen.model_id == "all-mpnet-base-v2"
    assert "refused int8 on this machine: cosine to fp32 as low as 0.61" in caplog.text


def test_themes_model_missing_says_how_to_build_it(tmp_path) -> None:
    embedder = MPNetOnnxEmbeddings(tmp_path / "nowhere")
    with pytest.raises(EmbeddingModelMissing, match="make serve"):
        embedder.embed(["any text"])


def test_themes_can_reuse_the_search_embedder(tmp_path) -> None:
    search = MiniLMOnnxEmbeddings()
    settings = Settings(data_dir=tmp_path, themes_embedding_backend="search")
    assert build_themes_embedder(settings, search) is search


def test_themes_fall_back_to_the_search_embedder_when_the_model_is_not_built(tmp_path, caplog) -> None:
    search = MiniLMOnnxEmbeddings()
    settings = Settings(data_dir=tmp_path, models_dir=tmp_path / "models")
    assert build_themes_embedder(settings, search) is search
    assert "make serve" in caplog.text
