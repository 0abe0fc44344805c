"""Themes in feedback: group the entries into communities of a similarity graph (the number of
themes comes from the data), then name each theme by its distinctive words (class-based TF-IDF)."""

from __future__ import annotations

import re
from functools import lru_cache

import networkx as nx
import numpy as np
import snowballstemmer
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import normalize

from companion.rag.embeddings import unit_rows

MIN_THEME = 3  # smaller clusters are folded into "other" so that nobody can be singled out
NEIGHBOURS = 10  # links per entry in each graph
RUNS = 5  # seeded Louvain runs combined by consensus
LARGE = 3000  # above this many entries, fewer runs
LOUVAIN_THRESHOLD = 1e-4  # stop a level when modularity gains less than this (default 1e-7)
BLOCK = 1024  # rows of the similarity matrix computed at once
# Above this many entries, the graph is built on an evenly spread sample of this size and every
# other entry joins the theme whose centre is nearest: time and memory stay bounded (50,000
# entries), and a sample this large already holds every theme big enough to report.
SAMPLE = 6000
# Words every entry of a mentoring survey uses: they tell no theme from another.
DOMAIN_WORDS = frozenset(
    {
        "mentor", "mentee", "mentoring", "mentors", "mentees", "reverse", "programme", "program",
        "really", "just", "think", "feel", "felt", "like", "bit", "lot", "things", "thing", "way",
        "quite", "also", "would", "could", "get", "got", "one", "session", "sessions", "know", "great",
        "good", "want", "need", "make", "made", "much", "even", "still", "actually",
        "email", "phone", "link", "didn", "doesn", "don", "isn", "wasn", "won", "couldn", "wouldn",
        "shouldn", "haven", "hasn", "aren", "weren", "ve", "ll",
    }
)  # fmt: skip
STOP_WORDS = sorted(ENGLISH_STOP_WORDS | DOMAIN_WORDS)


def cluster(
    vectors: np.ndarray,
    texts: list[str],
    neighbours: int = NEIGHBOURS,
    runs: int = RUNS,
    resolution: float = 1.0,
) -> np.ndarray:
    """A theme label per entry; the number of themes comes out of the data.

    Entries are linked to their nearest neighbours twice: by meaning (embeddings) and by the
    words they share (stemmed TF-IDF), because survey answers about one subject share either
    the idea or the vocabulary, while embeddings alone group them by tone. Communities of that
    graph are found by Louvain modularity, which chooses their number itself; several seeded
    runs are combined (consensus clustering) so that the result does not hang on one seed.
    `resolution` is Louvain's: above 1 gives more, smaller themes; below 1 fewer, broader ones.
    """
    count = len(vectors)
    if count < 2 * MIN_THEME:
        return np.zeros(count, dtype=int)
    if count > SAMPLE:
        return _cluster_sampled(vectors, texts, neighbours, runs, resolution)
    k = min(neighbours, count - 1)
    graph = _knn_graph(unit_rows(vectors), k)
    lexical = _lexical_vectors(texts)
    if lexical is not None:
        for (a, b), weight in _knn_graph(lexical, k).items():
            graph[(a, b)] = graph.get((a, b), 0.0) + weight
    if count > LARGE:
        runs = min(runs, 2)  # thousands of entries make single runs stable already; each costs seconds
    runs_labels = [_louvain(count, graph, seed, resolution) for seed in range(runs)]
    agreement = {
        edge: sum(labels[edge[0]] == labels[edge[1]] for labels in runs_labels) / runs for edge in graph
    }
    consensus = {edge: weight for edge, weight in agreement.items() if weight >= 0.5}
    return _louvain(count, consensus, 0, resolution)


def _cluster_sampled(
    vectors: np.ndarray, texts: list[str], neighbours: int, runs: int, resolution: float
) -> np.ndarray:
    """Cluster an evenly spread sample, then give every entry the label of the nearest centre."""
    sample = np.linspace(0, len(vectors) - 1, SAMPLE).round().astype(int)
    sample_labels = cluster(vectors[sample], [texts[index] for index in sample], neighbours, runs, resolution)
    unit = unit_rows(vectors)
    names = np.unique(sample_labels)
    centres = unit_rows(np.vstack([unit[sample[sample_labels == name]].mean(axis=0) for name in names]))
    labels = np.empty(len(vectors), dtype=int)
    for start in range(0, len(vectors), BLOCK):
        labels[start : start + BLOCK] = names[np.argmax(unit[start : start + BLOCK] @ centres.T, axis=1)]
    return labels


def _knn_graph(unit: np.ndarray | sparse.csr_matrix, k: int) -> dict[tuple[int, int], float]:
    """Undirected k-nearest-neighbour edges weighted by cosine similarity, computed in blocks so
    that 10,000 entries never need a 10,000 x 10,000 matrix."""
    edges: dict[tuple[int, int], float] = {}
    count = unit.shape[0]
    for start in range(0, count, BLOCK):
        block = unit[start : start + BLOCK] @ unit.T
        similarities = block.toarray() if sparse.issparse(block) else np.asarray(block)
        for offset, row in enumerate(similarities):
            index = start + offset
            row[index] = -np.inf
            nearest = np.argpartition(-row, k)[:k]
            for other in nearest:
                weight = float(row[other])
                if weight > 0:
                    edge = (min(index, int(other)), max(index, int(other)))
                    edges[edge] = max(edges.get(edge, 0.0), weight)
    return edges


def _lexical_vectors(texts: list[str]) -> sparse.csr_matrix | None:
    stem = lru_cache(maxsize=None)(snowballstemmer.stemmer("english").stemWord)  # few distinct words
    stop = set(STOP_WORDS)

    def analyse(text: str) -> list[str]:
        return [stem(word) for word in re.findall(r"[a-z][a-z'-]{2,}", text.lower()) if word not in stop]

    try:
        matrix = TfidfVectorizer(analyzer=analyse, sublinear_tf=True, min_df=2).fit_transform(texts)
    except ValueError:  # no word occurs twice
        return None
    return normalize(matrix).tocsr()


def _louvain(
    count: int, edges: dict[tuple[int, int], float], seed: int, resolution: float = 1.0
) -> np.ndarray:
    graph = nx.Graph()
    graph.add_nodes_from(range(count))
    graph.add_weighted_edges_from((a, b, weight) for (a, b), weight in edges.items())
    communities = nx.community.louvain_communities(
        graph, weight="weight", seed=seed, threshold=LOUVAIN_THRESHOLD, resolution=resolution
    )
    labels = np.zeros(count, dtype=int)
    for label, members in enumerate(sorted(communities, key=lambda c: (-len(c), min(c)))):
        labels[list(members)] = label
    return labels


def keywords(texts: list[str], labels: np.ndarray, top: int = 5) -> dict[int, list[str]]:
    """The most distinctive words and two-word phrases of each theme: those used by a much larger
    share of the theme's entries than of the other entries (at least two entries of the theme)."""
    clusters = sorted(set(labels.tolist()))
    vectoriser = CountVectorizer(
        stop_words=STOP_WORDS, ngram_range=(1, 2), token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z-]{2,}\b", binary=True
    )
    try:
        present = vectoriser.fit_transform(texts).tocsr()
    except ValueError:  # nothing but stop words
        return {c: [] for c in clusters}
    terms = vectoriser.get_feature_names_out()
    membership = sparse.csr_matrix(
        (
            np.ones(len(labels)),
            ([clusters.index(label) for label in labels.tolist()], np.arange(len(labels))),
        ),
        shape=(len(clusters), len(labels)),
    )
    used = np.asarray((membership @ present).todense())  # entries of each cluster using each term
    used_anywhere = used.sum(axis=0)
    found: dict[int, list[str]] = {}
    for row, c in enumerate(clusters):
        size = int((labels == c).sum())
        used_inside = used[row]
        used_outside = used_anywhere - used_inside
        lift = used_inside / size - used_outside / max(len(labels) - size, 1)
        chosen: list[str] = []
        for index in np.argsort(-lift):
            term = str(terms[index])
            if lift[index] <= 0:
                break
            if used_inside[index] < 2:
                continue
            if any(term in other or other in term for other in chosen):
                continue
            chosen.append(term)
            if len(chosen) == top:
                break
        found[c] = chosen
    return found


def keyword_label(words: list[str]) -> str:
    """'cancelled, diary, reschedule' -> 'Cancelled · diary · reschedule'."""
    if not words:
        return "Miscellaneous"
    text = " · ".join(words[:3])
    return text[:1].upper() + text[1:]


def representative(vectors: np.ndarray, members: list[int], count: int) -> list[int]:
    """The members closest to their cluster's centre, best first."""
    unit = unit_rows(vectors[members])
    centre = unit.mean(axis=0)
    order = np.argsort(-(unit @ centre))
    return [members[index] for index in order[:count]]
