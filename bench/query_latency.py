"""Query latency of hybrid search on synthetic corpora of 1k, 10k and 100k chunks.

Chunk texts are built from the knowledge base's own vocabulary and vectors are random unit
vectors (embedding 100k texts would measure the embedder, not the search); each query is
embedded for real, then searched densely in an embedded Chroma and by BM25, and fused.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.common import REPO, save, summary_ms, time_calls
from companion.config import Settings
from companion.evaluation.retrieval import load_queries
from companion.kb import load_corpus
from companion.rag.bm25 import TOKEN
from companion.rag.chunking import Chunk, chunk_corpus
from companion.rag.embeddings import MiniLMOnnxEmbeddings
from companion.rag.retriever import Filters, HybridRetriever
from companion.rag.store import ChunkStore, build_chroma_client

SIZES = (1_000, 10_000, 100_000)
QUERIES = 100


def synthetic_chunks(size: int, vocabulary: list[str], rng: random.Random) -> list[Chunk]:
    kinds = ("guide", "playbook", "topic", "session", "starters")
    return [
        Chunk(
            id=f"synthetic-{index}#s-0",
            article_id=f"synthetic-{index // 8}",
            title=f"Synthetic article {index // 8}",
            kind=kinds[index % len(kinds)],
            heading="Section",
            heading_path=("Section",),
            source=f"knowledge/synthetic/{index // 8}.md",
            text=" ".join(rng.choices(vocabulary, k=rng.randint(40, 160))),
            audience=("mentor",),
            topics=("pairing",),
            challenges=(),
        )
        for index in range(size)
    ]


def measure(retriever: HybridRetriever, queries: list[str], filters: Filters) -> list[float]:
    """Milliseconds per hybrid search, one search per query."""
    remaining = iter(queries)
    return time_calls(lambda: retriever.search(next(remaining), k=5, filters=filters), len(queries))


def main(sizes: tuple[int, ...] = SIZES) -> dict:
    rng = random.Random(7)
    corpus_text = " ".join(chunk.text for chunk in chunk_corpus(load_corpus(REPO / "knowledge")))
    vocabulary = TOKEN.findall(corpus_text.lower())
    queries = [query.text for query in load_queries(REPO / "evals" / "retrieval" / "queries.jsonl")][:QUERIES]
    embedder = MiniLMOnnxEmbeddings()
    embedder.load()
    results: dict = {"queries": len(queries), "sizes": {}}
    for size in sizes:
        chunks = synthetic_chunks(size, vocabulary, rng)
        with tempfile.TemporaryDirectory() as data_dir:
            store = ChunkStore(build_chroma_client(Settings(data_dir=Path(data_dir))), "synthetic")
            vectors = np.random.default_rng(size).normal(size=(size, 384)).astype(np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            started = time.perf_counter()
            store.upsert(
                [chunk.id for chunk in chunks],
                vectors.tolist(),
                [chunk.text for chunk in chunks],
                [chunk.metadata() for chunk in chunks],
            )
            load_seconds = time.perf_counter() - started
            started = time.perf_counter()
            retriever = HybridRetriever(chunks, store, embedder)
            bm25_seconds = time.perf_counter() - started
            hybrid = measure(retriever, queries, Filters())
            filtered = measure(retriever, queries, Filters(kinds=("playbook",)))
            results["sizes"][str(size)] = {
                "hybrid": summary_ms(hybrid),
                "hybrid_filtered_by_kind": summary_ms(filtered),
                "chroma_insert_s": round(load_seconds, 1),
                "bm25_build_s": round(bm25_seconds, 1),
            }
            print(size, results["sizes"][str(size)], file=sys.stderr)
    embed_only = time_calls(lambda: embedder.embed([queries[0]]), 50)
    results["query_embedding"] = summary_ms(embed_only)
    save("query_latency", results)
    return results


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
