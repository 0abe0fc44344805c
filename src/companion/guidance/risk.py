"""Whether a safeguarding message is about someone who may be at risk, or about how someone behaves.

The two call for different first steps. Harassment, discrimination, bullying or a threat: stop,
do not investigate, keep away from one-to-one meetings, tell the programme team. A person who may
harm themselves, is unsafe at home, has nowhere to sleep, or is taken ill: check they are safe now,
get urgent help, stay close, tell the programme team. Telling a mentee whose mentor "doesn't see
the point any more" to pause one-to-one meetings is the wrong advice.

A small logistic regression over the same two readings as the situation classifier (sentence
embeddings and TF-IDF of words and character n-grams), learnt from the safeguarding examples
(`data/coaching_examples.jsonl`, those marked `"at_risk": true` against the rest) and from the
safeguarding guide's two lists of signs. The whole message is read, not its clauses one by one:
cross-validated, reading clauses too raised recall a little but halved precision (short clauses
read as at-risk), and a conduct concern read as at-risk loses "stop" and "pause one-to-one
meetings".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from companion.guidance.classifier import Anchor, lexical_model, semantic_model
from companion.rag.embeddings import Embedder

AT_RISK, CONDUCT = "at-risk", "conduct"
# From this probability the answer takes the at-risk steps. Chosen by 5-fold cross-validation on
# the safeguarding examples (bench/risk_cv.py: the highest recall whose precision stays >= 0.9),
# never on an eval set.
AT_RISK_THRESHOLD = 0.35
LEXICAL_WEIGHT = 0.6  # the words' share, as in the situation classifier


@dataclass
class RiskReader:
    embedder: Embedder
    semantic: LogisticRegression
    lexical: Pipeline

    @classmethod
    def fit(cls, embedder: Embedder, anchors: Sequence[Anchor], vectors: np.ndarray) -> RiskReader:
        """`anchors` and their `vectors` are the situation classifier's; only safeguarding ones count."""
        keep = [index for index, anchor in enumerate(anchors) if anchor.label == "safeguarding"]
        texts = [anchors[index].text for index in keep]
        kinds = [AT_RISK if anchors[index].at_risk else CONDUCT for index in keep]
        return cls(embedder, semantic_model(vectors[keep], kinds), lexical_model(texts, kinds))

    def probability(self, situation: str) -> float:
        """How likely the message is about someone at risk rather than about behaviour."""
        return self._read([situation])[0]

    def at_risk(self, situation: str) -> bool:
        return self.probability(situation) >= AT_RISK_THRESHOLD

    def _read(self, texts: list[str]) -> list[float]:
        meaning = self._column(self.semantic, self.semantic.predict_proba(self.embedder.embed(texts)))
        words = self._column(self.lexical, self.lexical.predict_proba(texts))
        return [
            float((1 - LEXICAL_WEIGHT) * m + LEXICAL_WEIGHT * w) for m, w in zip(meaning, words, strict=True)
        ]

    @staticmethod
    def _column(model: LogisticRegression | Pipeline, rows: np.ndarray) -> np.ndarray:
        return rows[:, list(model.classes_).index(AT_RISK)]
