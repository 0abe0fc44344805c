"""Sentiment of one entry: VADER's lexicon score of the text (the lexicon ships inside the
`vadersentiment` package; nothing is downloaded), averaged with the rating when there is one."""

from __future__ import annotations

from functools import lru_cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

POSITIVE = 0.2  # a theme scoring at least this is positive, at most -POSITIVE negative
NEGATIVE_ENTRY = -0.05


@lru_cache(maxsize=1)
def _analyser() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def text_score(text: str) -> float:
    """-1 to 1."""
    return float(_analyser().polarity_scores(text)["compound"])


def entry_score(text: str, rating: int | None) -> float:
    """The text's score, averaged with the rating mapped to -1..1 (1 -> -1, 3 -> 0, 5 -> 1)."""
    score = text_score(text)
    if rating is None:
        return score
    return (score + (rating - 3) / 2) / 2


def label(score: float) -> str:
    if score >= POSITIVE:
        return "positive"
    if score <= -POSITIVE:
        return "negative"
    return "mixed"
