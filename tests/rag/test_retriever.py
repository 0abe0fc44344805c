"""Hybrid retrieval on the real, indexed knowledge base."""

from companion.rag.chunking import Chunk
from companion.rag.retriever import RRF_K, Filters, Hit, fuse


def test_hybrid_finds_the_time_playbook_for_a_paraphrase(kb_services) -> None:
    hits = kb_services.retriever.search("we keep having to move our catch-ups because he is so busy", k=5)
    assert "playbook-time" in [hit.chunk.article_id for hit in hits]


def test_filters_apply_to_dense_and_bm25(kb_services) -> None:
    filters = Filters(kinds=("starters",), topic="cybersecurity")
    for method in ("dense", "bm25", "hybrid"):
        hits = kb_services.retriever.search("passwords and phishing", k=8, filters=filters, method=method)
        assert hits, method
        assert all(hit.chunk.kind == "starters" and "cybersecurity" in hit.chunk.topics for hit in hits)


def test_diverse_results_are_distinct_and_relevant(kb_services) -> None:
    filters = Filters(kinds=("starters",), topic="generative-ai")
    hits = kb_services.retriever.search("AI chatbots at work", k=6, filters=filters, diverse=True)
    assert len(hits) == 6
    assert len({hit.chunk.id for hit in hits}) == 6


def test_bm25_ignores_a_query_of_stop_words_only(kb_services) -> None:
    assert kb_services.retriever.search("the and of", k=5, method="bm25") == []


def _chunk(chunk_id: str) -> Chunk:
    return Chunk(
        chunk_id, "a", "A", "guide", "H", ("H",), "knowledge/a.md", "t", ("mentor",), ("pairing",), ()
    )


def test_reciprocal_rank_fusion_rewards_agreement() -> None:
    a, b, c = _chunk("a#1"), _chunk("a#2"), _chunk("a#3")
    fused = fuse([[Hit(a, 1), Hit(b, 1)], [Hit(b, 1), Hit(c, 1)]])
    assert [hit.chunk.id for hit in fused] == ["a#2", "a#1", "a#3"]
    assert abs(fused[0].score - (1 / (RRF_K + 2) + 1 / (RRF_K + 1))) < 1e-12


def test_every_eval_query_has_a_strong_match_and_off_topic_text_does_not(kb_services) -> None:
    """The floor of "no strong match" keeps the recall of the retrieval eval whole."""
    import json

    from tests.conftest import REPO_ROOT

    retriever = kb_services.retriever
    lines = (REPO_ROOT / "evals" / "retrieval" / "queries.jsonl").read_text().splitlines()
    weak = [q["query"] for q in map(json.loads, lines) if not retriever.has_strong_match(q["query"])]
    assert weak == []
    for text in ("best pizza recipe", "mortgage rates", "asdf qwerty zxcv"):
        assert not retriever.has_strong_match(text), text
