"""BM25 over the same chunks as the dense index (Chroma has no local full-text ranking)."""

from __future__ import annotations

import re
from functools import lru_cache

import bm25s
import numpy as np
import snowballstemmer
from bm25s.stopwords import STOPWORDS_EN

TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
STOPWORDS = frozenset(STOPWORDS_EN)
# Term-frequency saturation and length normalisation. b = 0.3 rather than the usual 0.75:
# passages are capped at 1,200 characters and carry their article's title and summary, so
# their lengths differ mostly between prose and one-line items, and full normalisation let
# short conversation starters crowd out the articles that answer a question (README).
K1 = 1.5
B = 0.3
_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _stemmer.stemWord(word)


def tokenize(text: str) -> list[str]:
    """Lower-case word stems without stop words: 'Cancelled meetings' -> ['cancel', 'meet']."""
    words = (word.replace("'", "") for word in TOKEN.findall(text.lower().replace("’", "'")))
    return [_stem(word) for word in words if word not in STOPWORDS and len(word) > 1]


class BM25Index:
    """A BM25 ranking of a fixed list of documents."""

    def __init__(self, texts: list[str]) -> None:
        self.size = len(texts)
        self._model = bm25s.BM25(k1=K1, b=B)
        if texts:  # bm25s cannot index an empty corpus; an empty index scores nothing
            self._model.index([tokenize(text) or ["∅"] for text in texts], show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        """A BM25 score for every document (0 where no query term occurs)."""
        if self.size == 0:
            return np.zeros(0, dtype=np.float32)
        terms = [term for term in tokenize(query) if term in self._model.vocab_dict]
        if not terms:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._model.get_scores(terms), dtype=np.float32)

    def top(self, query: str, n: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The best `n` documents with a positive score, optionally only where `mask` is true."""
        scores = self.scores(query)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        n = min(n, int((scores > 0).sum()))
        if n <= 0:
            return []
        best = np.argpartition(-scores, n - 1)[:n]
        best = best[np.argsort(-scores[best], kind="stable")]
        return [(int(index), float(scores[index])) for index in best]
