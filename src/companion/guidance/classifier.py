"""Which situation a free-text message describes, among the nine the knowledge base covers.

Two logistic regressions, their probabilities mixed: one over sentence embeddings (the themes
model, all-mpnet-base-v2, where it is installed), which reads meaning, and one over the words and
character n-grams of the text (TF-IDF), which reads the telling words an embedding blurs ("racist",
"touched my knee", "redundancies"). Both learn from labelled example situations
(`data/coaching_examples.jsonl`, written as users tell their problems, including requests outside
reverse mentoring and prompt injections, labelled `out-of-scope`) and from the bullet points of
the challenge playbooks' and safety guides' "Signs" (and the playbooks' "Likely causes"). No
hand-written keyword lists: the words that count are learnt from the examples.

Safety comes first: a message whose safeguarding and disclosure probabilities together reach
SAFETY_THRESHOLD is routed there (a missed harassment disclosure is the worst error the product
can make; a false alarm costs a careful, friendly answer). A second situation that is also
probable is reported (`also`), so that the answer can say "could be X, and possibly Y" and give
first steps for both.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import BinaryIO, Final

import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union

from companion.kb.vocabulary import Heading
from companion.rag.chunking import Chunk
from companion.rag.embeddings import Embedder
from companion.text import list_items, plain

SAFETY = ("safeguarding", "disclosure")
OUT_OF_SCOPE: Final = "out-of-scope"
LABELS = (
    "resistance",
    "communication",
    "time",
    "pairing-fit",
    "expectations",
    "generational-bias",
    *SAFETY,
    OUT_OF_SCOPE,
)
# Earlier names of the same situations, still accepted (hints from clients, older eval sets).
ALIASES = {"other": OUT_OF_SCOPE}
# The article that holds each situation's guidance.
ARTICLES = {
    "playbook-resistance": "resistance",
    "playbook-communication": "communication",
    "playbook-time": "time",
    "playbook-pairing-fit": "pairing-fit",
    "playbook-mismatched-expectations": "expectations",
    "playbook-generational-bias": "generational-bias",
    "safeguarding-in-a-pair": "safeguarding",
    "disclosures-and-confidentiality": "disclosure",
}
ANCHOR_SECTIONS = (Heading.SIGNS, Heading.AT_RISK_SIGNS, Heading.LIKELY_CAUSES)
REGULARISATION = 4.0  # logistic regression's C, chosen by cross-validation on the examples
# The lexical model's C and its share of the mixed probabilities, chosen with the thresholds below
# by 5-fold cross-validation on the examples (bench/coaching_cv.py): the mix raised safety recall
# from 0.875 to 0.931 and macro-F1 from 0.785 to 0.808, with fewer false alarms (0.049 to 0.044).
LEXICAL_REGULARISATION = 10.0
LEXICAL_WEIGHT = 0.6
# Safety comes first. From FULL_SAFETY (or when a safety situation is the best reading) the answer
# takes the safety route alone; from SAFETY_THRESHOLD it reads the ordinary problem with one safety
# check before anything else. Both chosen by 5-fold cross-validation on the training examples
# (bench/coaching_cv.py, never an eval set). 0.12 put that check on half of all ordinary problems
# (false_safety_first 0.50 on 932 examples); 0.25 puts it on 16 % for safety steps first on 0.94
# of safety examples (0.99 at 0.12; 0.2 would add one point of that for nine more of false checks).
SAFETY_THRESHOLD = 0.25
FULL_SAFETY = 0.3  # from here (or when a safety situation is the best reading): the safety route alone
# A safety concern is often one clause of a longer message about something ordinary ("he cancels
# every other week, and last time he put his hand on my knee"), where the whole message reads as
# the ordinary problem. So each clause of a longer message is read too, and one clause that reads
# as a safety matter with at least this probability takes the message to the safety route, the
# ordinary problem named beside it. Chosen by 5-fold cross-validation on the training examples
# (bench/coaching_cv.py), never on an eval set.
CLAUSE_SAFETY = 0.5
MIN_CLAUSE_WORDS = 4
# A clause that only asks for help, and says nothing of the situation.
ONLY_ASKS = re.compile(
    r"^\W*(?:(?:so|and|but|ok|anyway|honestly)\W+)*(?:"
    r"(?:how|what) (?:do|should|can|would) (?:i|we|you) (?:best )?(?:handle|deal with|approach|manage|"
    r"respond to|tackle|say to|do about|do with|go about) (?:that|this|it|him|her|them|this one)"
    r"|what (?:do|should|can) (?:i|we) (?:even )?do(?: now| next| here)?"
    r"|(?:any|some) (?:advice|tips|ideas|thoughts|suggestions|help)(?: (?:please|pls|appreciated|welcome))?"
    r"|(?:i )?(?:don'?t|do not|dont) know what to do(?: now| here)?"
    r"|(?:can|could) you help(?: me)?(?: please| pls)?|advice (?:please|pls|needed|welcome)"
    r")\W*$",
    re.IGNORECASE,
)
CLAUSE_BREAK = re.compile(
    r"(?<=[.!?;:])\s+|\n+|\s+[-–—]+\s+|,?\s+(?:but also|and also|also|and then|plus|anyway|btw|oh and|"
    # a second matter added: "…, not to mention she has cancelled twice", "and on top of that…"
    r"not to mention|(?:and )?on top of (?:that|this|all that)|what'?s more|and another thing|"
    r"(?:and )?separately)\s+",
    re.IGNORECASE,
)
# A message on the disclosure route whose whole or one clause reads as safeguarding with at least
# this probability ("we don't click… oh and she mentioned she's hurting herself again") is
# possibly someone at risk: the answer puts the safeguarding guide's first step for that before
# the confidentiality steps. Chosen by 5-fold cross-validation on the training examples (the
# lowest level at which at most 30 % of disclosures get that step: 11 of the 16 safeguarding
# examples on the disclosure route get it, and 55 of its 196 disclosures), never on an eval set.
POSSIBLY_AT_RISK = 0.25
CLOSE = 0.15  # a hint within this probability of the best reading wins the tie
ALSO = 0.25  # a second situation at least this probable is named as possible too
# ... or one clause of a longer message that reads as another ordinary problem from this level.
# Chosen by 5-fold cross-validation on the training examples, which each hold one problem: from
# 0.5 a clause names a second problem for 2.4 % of the ordinary answers (0.4: 6.3 %), on top of the
# 16 % that ALSO names on the whole message.
CLAUSE_ALSO = 0.5


def canonical(label: str) -> str:
    return ALIASES.get(label, label)


@dataclass(frozen=True)
class Anchor:
    text: str
    label: str
    kind: str | None = None  # its kind within the situation: at-risk, conflict, fact... (risk.py, kinds.py)
    # teaches the kind only, not the situation: examples added for the kind readers (risk.py,
    # kinds.py) that would move the situation's cross-validated routing if they trained it too
    risk_only: bool = False


@dataclass(frozen=True)
class Classification:
    label: str
    confidence: float
    scores: dict[str, float]
    also: str | None = None
    kind: str | None = None  # the kind of safeguarding matter, when clear (guidance/risk.py)

    @property
    def safety(self) -> bool:
        """The safety route alone: what to do now, no skills tips."""
        return self.label in SAFETY

    @property
    def safety_first(self) -> bool:
        """The safety steps come first: the safety route, or a possible safety matter."""
        return self.label in SAFETY or self.also in SAFETY


def load_examples() -> list[Anchor]:
    text = resources.files("companion.guidance").joinpath("data/coaching_examples.jsonl").read_text("utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return [
        Anchor(row["text"], canonical(row["label"]), row.get("kind"), row.get("risk_only", False))
        for row in rows
    ]


def playbook_anchors(chunks: list[Chunk]) -> list[Anchor]:
    anchors = []
    for chunk in chunks:
        label = ARTICLES.get(chunk.article_id)
        if label and chunk.heading in ANCHOR_SECTIONS:
            kind = "at-risk" if chunk.heading == Heading.AT_RISK_SIGNS else None
            anchors += [Anchor(plain(item), label, kind) for item in list_items(chunk.text)]
    return anchors


class ChallengeClassifier:
    """Logistic regression over sentence embeddings of the anchors, fitted when built.

    The anchors' vectors are kept in `cache_dir` (keyed by the model and the texts), so that only
    the first start embeds them."""

    def __init__(self, embedder: Embedder, anchors: list[Anchor], cache_dir: Path | None = None) -> None:
        self.embedder = embedder
        self.anchors = anchors
        self.cache_dir = cache_dir
        self.vectors = _anchor_vectors(embedder, [anchor.text for anchor in anchors], cache_dir)
        keep = [index for index, anchor in enumerate(anchors) if not anchor.risk_only]
        texts, labels = [anchors[i].text for i in keep], [anchors[i].label for i in keep]
        self.model = semantic_model(self.vectors[keep], labels)
        self.lexical = _cached_lexical_model(texts, labels, cache_dir)

    def probabilities(self, situation: str) -> dict[str, float]:
        return self._read([situation])[0]

    def example_vectors(self, texts: list[str]) -> np.ndarray:
        """Other examples' vectors by this classifier's model, cached as its anchors' are."""
        return _anchor_vectors(self.embedder, texts, self.cache_dir)

    def classify(self, situation: str, hint: str | None = None) -> Classification:
        whole, *parts = self._read([situation, *clauses(situation)])
        return decide(whole, canonical(hint) if hint else None, parts)

    def _read(self, texts: list[str]) -> list[dict[str, float]]:
        return mixed_readings(self.model, self.lexical, self.embedder.embed(texts), texts)


def semantic_model(
    vectors: np.ndarray, labels: list[str], class_weight: str | None = None
) -> LogisticRegression:
    model = LogisticRegression(C=REGULARISATION, max_iter=3000, class_weight=class_weight)
    return model.fit(vectors, labels)


def lexical_model(texts: list[str], labels: list[str], class_weight: str | None = None) -> Pipeline:
    """TF-IDF of words and word pairs, and of character 3- to 5-grams (typos, "harrassed"), into a
    logistic regression."""
    features = make_union(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2),
    )
    classifier = LogisticRegression(C=LEXICAL_REGULARISATION, max_iter=3000, class_weight=class_weight)
    model = make_pipeline(features, classifier)
    return model.fit(texts, labels)


def _as_readings(classes: Sequence[object], rows: np.ndarray) -> list[dict[str, float]]:
    return [
        dict.fromkeys(LABELS, 0.0) | dict(zip(map(str, classes), map(float, row), strict=True))
        for row in rows
    ]


def mixed_readings(
    semantic: LogisticRegression, lexical: Pipeline, vectors: np.ndarray, texts: Sequence[str]
) -> list[dict[str, float]]:
    """Each text's probability per situation: the two models mixed, LEXICAL_WEIGHT to the words."""
    meaning = _as_readings(semantic.classes_, semantic.predict_proba(vectors))
    words = _as_readings(lexical.classes_, lexical.predict_proba(list(texts)))
    return [
        {label: (1 - LEXICAL_WEIGHT) * m[label] + LEXICAL_WEIGHT * w[label] for label in LABELS}
        for m, w in zip(meaning, words, strict=True)
    ]


def clauses(situation: str) -> list[str]:
    """The clauses of a message of more than one, each long enough to read on its own and saying
    more than a request for help ("how do i handle that" read on its own as a disclosure)."""
    parts = [part.strip() for part in CLAUSE_BREAK.split(situation) if part and part.strip()]
    long_enough = [
        part for part in parts if len(part.split()) >= MIN_CLAUSE_WORDS and not ONLY_ASKS.match(part)
    ]
    return long_enough if len(long_enough) > 1 else []


def _anchor_vectors(embedder: Embedder, texts: list[str], cache_dir: Path | None) -> np.ndarray:
    """The texts' vectors, from the cache when this model embedded these texts before. The file is
    written whole or not at all (a temporary name, then a rename); a cache that cannot be written
    is skipped."""
    if cache_dir is None:
        return embedder.embed(texts)
    key = hashlib.sha256("\x1f".join([embedder.model_id, *texts]).encode()).hexdigest()[:16]
    path = cache_dir / f"coaching-anchors-{key}.npy"
    if path.exists():
        return np.load(path)
    vectors = embedder.embed(texts)
    _write_cache(path, lambda file: np.save(file, vectors))
    return vectors


def _write_cache(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write a cache file whole or not at all (a temporary name, then a rename); a cache that
    cannot be written (a read-only models folder) is skipped: the work is done again next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.stem}.{os.getpid()}.partial")
        with partial.open("wb") as file:
            write(file)
        partial.replace(path)
    except OSError:
        pass


def _cached_lexical_model(texts: list[str], labels: list[str], cache_dir: Path | None) -> Pipeline:
    """The lexical model, fitted once per set of examples and settings and kept beside the anchor
    vectors (fitting it takes about two seconds, at every start otherwise). Only files this
    process family wrote are read; one that cannot be read is refitted."""
    if cache_dir is None:
        return lexical_model(texts, labels)
    settings = f"{LEXICAL_REGULARISATION}|sklearn-{sklearn.__version__}"
    key = hashlib.sha256("\x1f".join([settings, *texts, *labels]).encode()).hexdigest()[:16]
    path = cache_dir / f"coaching-lexical-{key}.pickle"
    if path.exists():
        try:
            with path.open("rb") as file:
                cached = pickle.load(file)  # our own cache file, written below
            if isinstance(cached, Pipeline):
                return cached
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass
    model = lexical_model(texts, labels)
    _write_cache(path, lambda file: pickle.dump(model, file))
    return model


def decide(
    probabilities: dict[str, float],
    hint: str | None = None,
    parts: Sequence[dict[str, float]] = (),
    clause_safety: float = CLAUSE_SAFETY,
    full_safety: float = FULL_SAFETY,
    possible_safety: float = SAFETY_THRESHOLD,
) -> Classification:
    """The situation (safety first), how sure, and a second possible one. `parts` are the
    readings of the message's clauses, when it has more than one. A disclosure that may also be
    about someone at risk (POSSIBLY_AT_RISK) names safeguarding as the second situation."""
    found = _decide(probabilities, hint, parts, clause_safety, full_safety, possible_safety)
    if (
        found.label == "disclosure"
        and max(r["safeguarding"] for r in [probabilities, *parts]) >= POSSIBLY_AT_RISK
    ):
        return Classification(found.label, found.confidence, found.scores, "safeguarding")
    return found


def _decide(
    probabilities: dict[str, float],
    hint: str | None,
    parts: Sequence[dict[str, float]],
    clause_safety: float,
    full_safety: float,
    possible_safety: float,
) -> Classification:
    ranked = sorted(LABELS, key=lambda label: -probabilities[label])
    best = ranked[0]
    if hint in LABELS and probabilities[hint] >= probabilities[best] - CLOSE:
        best = hint  # the person's own reading breaks a near tie
    safety = sum(probabilities[label] for label in SAFETY)
    likeliest_safety = max(SAFETY, key=lambda label: probabilities[label])
    if best in SAFETY or safety >= full_safety:
        return Classification(likeliest_safety, round(probabilities[likeliest_safety], 3), probabilities)
    clause = max(parts, key=lambda part: sum(part[label] for label in SAFETY), default=None)
    if clause is not None and sum(clause[label] for label in SAFETY) >= clause_safety:
        label = max(SAFETY, key=lambda name: clause[name])
        ordinary = best if best != OUT_OF_SCOPE else None
        return Classification(label, round(clause[label], 3), probabilities, ordinary)
    if safety >= possible_safety:  # possibly a safety matter: its first steps come first
        return Classification(best, round(probabilities[best], 3), probabilities, likeliest_safety)
    others = [label for label in ranked if label not in (best, OUT_OF_SCOPE, *SAFETY)]
    also = others[0] if best != OUT_OF_SCOPE and probabilities[others[0]] >= ALSO else None
    if also is None and best != OUT_OF_SCOPE:
        also = _clause_also(best, parts)
    return Classification(best, round(probabilities[best], 3), probabilities, also)


def _clause_also(best: str, parts: Sequence[dict[str, float]]) -> str | None:
    """A second ordinary problem told in a clause of its own ("we just don't click. and he cancels
    every other week"), when the whole message reads as the first one only (CLAUSE_ALSO)."""
    ordinary = [label for label in LABELS if label not in (best, OUT_OF_SCOPE, *SAFETY)]
    found = [(part[label], label) for part in parts for label in ordinary]
    probability, label = max(found, default=(0.0, ""))
    return label if probability >= CLAUSE_ALSO else None
