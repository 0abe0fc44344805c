"""The admin summary: themes with their size, sentiment, trend, quotes and a recommendation
from the knowledge base, beside the programme KPIs."""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy.stats import fisher_exact

from companion.feedback import sentiment, themes
from companion.feedback.catalogue import MERGE, Catalogue, Kind, readable_name
from companion.feedback.redaction import redact, shorten
from companion.feedback.repository import StoredFeedback
from companion.feedback.schemas import MonthPoint, Sentiment, Theme, Trend
from companion.injection import is_instruction_like
from companion.rag.chunking import Chunk

OTHER = -1
QUOTES = 3
RECENT_MONTHS = 3
TREND_CHANGE = 0.05  # a share that moves by 5 points or more between periods is a trend...
TREND_P = 0.10  # ...when Fisher's exact test says chance alone would rarely move it that far


def fold_small(labels: np.ndarray, vectors: np.ndarray | None = None) -> np.ndarray:
    """Clusters of fewer than MIN_THEME entries become OTHER. When that leaves OTHER itself with
    fewer than MIN_THEME entries (one entry shown as "Other" with its quote singles its writer out),
    each of them joins the theme whose centre is nearest (given the entries' `vectors`)."""
    sizes = Counter(labels.tolist())
    folded = np.array([label if sizes[label] >= themes.MIN_THEME else OTHER for label in labels.tolist()])
    left = np.flatnonzero(folded == OTHER)
    kept = sorted(set(folded.tolist()) - {OTHER})
    if vectors is None or not 0 < len(left) < themes.MIN_THEME or not kept:
        return folded
    centres = np.stack([vectors[folded == label].mean(axis=0) for label in kept])
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    for index in left:
        folded[index] = kept[int(np.argmax(centres @ vectors[index]))]
    return folded


def theme_sentiment(members: list[StoredFeedback]) -> Sentiment:
    scores = [sentiment.entry_score(entry.text, entry.rating) for entry in members]
    ratings = [entry.rating for entry in members if entry.rating is not None]
    mean = float(np.mean(scores))
    return Sentiment(
        score=round(mean, 3),
        label=sentiment.label(mean),  # type: ignore[arg-type]
        average_rating=round(sum(ratings) / len(ratings), 2) if ratings else None,
        negative_share=round(sum(score <= sentiment.NEGATIVE_ENTRY for score in scores) / len(scores), 3),
    )


def month_of(entry: StoredFeedback) -> str:
    return f"{entry.submitted_at.year:04d}-{entry.submitted_at.month:02d}"


def theme_trend(members: list[StoredFeedback], all_entries: list[StoredFeedback]) -> Trend:
    """Counts by month, and the theme's direction by a stated rule.

    The months that have entries are split in two: the later period is the last half of them (at
    most RECENT_MONTHS), the earlier period the months before. The theme is rising (or falling)
    when its share of all entries in the later period is TREND_CHANGE or more above (or below) its
    share in the earlier one, and Fisher's exact test on the two periods' counts gives p below
    TREND_P, so that a change a few entries could make by chance stays steady. With fewer than two
    months of data there is no trend to tell."""
    by_month: dict[str, list[StoredFeedback]] = defaultdict(list)
    for entry in members:
        by_month[month_of(entry)].append(entry)
    months = [
        MonthPoint(month=month, count=len(entries), average_rating=_average_rating(entries))
        for month, entries in sorted(by_month.items())
    ]
    everyone = Counter(month_of(entry) for entry in all_entries)
    all_months = sorted(everyone)
    if len(all_months) < 2:
        return Trend(direction="steady", months=months, basis="fewer than two months of feedback")
    later = set(all_months[-min(RECENT_MONTHS, len(all_months) // 2) :])
    mine = {point.month: point.count for point in months}
    in_later, total_later = _counts(mine, everyone, lambda month: month in later)
    in_earlier, total_earlier = _counts(mine, everyone, lambda month: month not in later)
    share_later, share_earlier = in_later / total_later, in_earlier / total_earlier
    change = share_later - share_earlier
    p_value = float(
        fisher_exact([[in_later, total_later - in_later], [in_earlier, total_earlier - in_earlier]]).pvalue
    )
    direction = "steady"
    if abs(change) >= TREND_CHANGE and p_value < TREND_P:
        direction = "rising" if change > 0 else "falling"
    basis = (
        f"{_span(sorted(later))} against {_span(sorted(set(all_months) - later))}: "
        f"{share_later:.0%} of entries against {share_earlier:.0%} (Fisher's exact test p = {p_value:.2f})"
    )
    return Trend(direction=direction, months=months, basis=basis)  # type: ignore[arg-type]


def _span(months: list[str]) -> str:
    first, last = month_label(months[0]), month_label(months[-1])
    return first if first == last else f"{first} to {last}"


def month_label(month: str) -> str:
    """'2026-03' as 'Mar 2026'."""
    year, number = month.split("-")
    return f"{calendar.month_abbr[int(number)]} {year}"


def _counts(mine: dict[str, int], everyone: Counter[str], period: Callable[[str], bool]) -> tuple[int, int]:
    """The theme's entries and all entries in the months of `period`."""
    return (
        sum(count for month, count in mine.items() if period(month)),
        sum(count for month, count in everyone.items() if period(month)),
    )


def _average_rating(entries: list[StoredFeedback]) -> float | None:
    ratings = [entry.rating for entry in entries if entry.rating is not None]
    return round(sum(ratings) / len(ratings), 2) if ratings else None


def quotes(entries: list[StoredFeedback], vectors: np.ndarray, members: list[int]) -> list[str]:
    """Up to three representative entries, never a private one, personal data redacted."""
    chosen: list[str] = []
    for index in themes.representative(vectors, members, len(members)):
        entry = entries[index]
        if entry.private or is_instruction_like(entry.text):
            continue
        quote = shorten(redact(entry.text))
        if quote not in chosen:
            chosen.append(quote)
        if len(chosen) == QUOTES:
            break
    return chosen


SHOWN_KEYWORDS = 5  # a theme's key phrases shown beside its name


@dataclass(frozen=True)
class KindOf:
    """A cluster's kind in the catalogue, and whether the theme takes the kind's name (a second
    cluster of a kind that was not close enough to merge keeps a name from its own words)."""

    kind: Kind
    named: bool


def merge_by_kind(
    labels: np.ndarray, vectors: np.ndarray, catalogue: Catalogue
) -> tuple[np.ndarray, dict[int, KindOf]]:
    """Each cluster's kind in the catalogue; two clusters close to the same kind become one theme
    (five subjects should read as five themes, not eight)."""
    kinds: dict[int, KindOf] = {}
    first: dict[str, tuple[int, float]] = {}  # kind name -> its largest cluster and its score
    merged = labels.copy()
    for label in sorted(set(labels.tolist()), key=lambda c: -int((labels == c).sum())):
        if label == OTHER:
            continue
        kind, score = catalogue.match(vectors[labels == label])
        if kind is None:
            continue
        if kind.name not in first:
            first[kind.name] = (label, score)
            kinds[label] = KindOf(kind, named=True)
        elif min(score, first[kind.name][1]) >= MERGE:
            merged[labels == label] = first[kind.name][0]
        else:
            kinds[label] = KindOf(kind, named=False)
    return merged, kinds


def build_theme(
    label: int,
    members: list[int],
    entries: list[StoredFeedback],
    vectors: np.ndarray,
    words: list[str],
    catalogue: Catalogue,
    kind_of: KindOf | None,
) -> tuple[Theme, Chunk | None]:
    people = [entries[index] for index in members]
    theme_quotes = quotes(entries, vectors, members)
    feeling = theme_sentiment(people)
    kind = kind_of.kind if kind_of else None
    advice, source = catalogue.advice(kind, positive=feeling.label == "positive")
    name = (
        "Other"
        if label == OTHER
        else kind.name
        if kind and kind_of and kind_of.named
        else readable_name(words)
    )
    theme = Theme(
        label=name,
        keywords=words[:SHOWN_KEYWORDS],
        count=len(people),
        share=round(len(people) / len(entries), 3),
        pairs=len({entry.pair for entry in people if entry.pair}),
        sentiment=feeling,
        trend=theme_trend(people, entries),
        quotes=theme_quotes,
        feedback_ids=[entry.public_id for entry in people],
        recommendation=advice,
        citations=[source.id] if source else [],
    )
    return theme, source


def executive_summary(total: int, found: list[Theme], as_of: date) -> str:
    """A few plain sentences from the figures (the offline provider's summary)."""
    named = [theme for theme in found if theme.label != "Other"]
    if not named:
        return f"{total} feedback entries as of {as_of.isoformat()}; too few to group into themes."
    largest = named[0]
    parts = [
        f"{total} feedback entries as of {as_of.isoformat()} fall into {len(named)} "
        f"theme{'s' if len(named) > 1 else ''}.",
        f"The largest is “{largest.label}” ({largest.count} entries, {largest.share:.0%}, "
        f"{largest.sentiment.label}).",
    ]
    negative = [theme for theme in named if theme.sentiment.label == "negative"]
    if negative:
        worst = min(negative, key=lambda theme: theme.sentiment.score)
        parts.append(f"The most negative is “{worst.label}” ({worst.count} entries).")
    rising = [theme.label for theme in named if theme.trend.direction == "rising"]
    if rising:
        parts.append("Rising: " + ", ".join(f"“{label}”" for label in rising) + ".")
    return " ".join(parts)
