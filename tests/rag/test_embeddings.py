import numpy as np

from companion.rag.embeddings import MiniLMOnnxEmbeddings


def test_offline_embedder_gives_unit_vectors_that_capture_meaning() -> None:
    embedder = MiniLMOnnxEmbeddings()
    vectors = embedder.embed(
        [
            "My mentee keeps cancelling our meetings.",
            "We never manage to meet because his diary is always full.",
            "How do I bake sourdough bread?",
        ]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_order_and_batching_do_not_change_vectors() -> None:
    embedder = MiniLMOnnxEmbeddings()
    texts = [f"text number {index} " + "word " * index for index in range(70)]
    together = embedder.embed(texts)
    alone = np.vstack([embedder.embed([text]) for text in texts[:5]])
    assert np.allclose(together[:5], alone, atol=1e-4)


def test_langchain_interface() -> None:
    embedder = MiniLMOnnxEmbeddings()
    assert len(embedder.embed_query("hello")) == 384
    assert len(embedder.embed_documents(["a", "b"])) == 2
    assert embedder.embed([]).shape == (0, 384)
