"""The admin dashboard's charts, drawn on the server as inline SVG (no JavaScript): the numbers
here, the markup in templates/themes.html."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from companion.feedback.schemas import Theme

MONTH_SLOT = 80  # width given to each month's column
MAX_WIDTH = 640
# Sentiment colours with at least 4.5:1 contrast on white; the label is written beside each bar
# too, so that colour is never the only cue.
# Mixed, the commonest, is a quiet slate rather than a brown that reads as "bad".
SENTIMENT_FILL = {"positive": "#1a7f37", "mixed": "#52606d", "negative": "#c0222b"}


@dataclass(frozen=True)
class ThemeBar:
    """One theme's bar: its label and figures are HTML text beside an SVG bar `percent` long, so
    that the text stays readable at any width while the bars scale."""

    label: str
    count: int
    sentiment: str
    score: float
    percent: float  # of the largest theme
    fill: str


def theme_chart(themes: list[Theme]) -> list[ThemeBar]:
    """One bar per theme: its length is the number of entries, its colour the sentiment."""
    largest = max((theme.count for theme in themes), default=1) or 1
    return [
        ThemeBar(
            label=theme.label,
            count=theme.count,
            sentiment=theme.sentiment.label,
            score=theme.sentiment.score,
            percent=max(1.0, round(100 * theme.count / largest, 1)),
            fill=SENTIMENT_FILL.get(theme.sentiment.label, "#555555"),
        )
        for theme in themes
    ]


@dataclass(frozen=True)
class MonthColumn:
    month: str
    count: int
    label: str  # "Sep", or "Jan ’27" where a year starts and on the first column
    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class MonthChart:
    columns: list[MonthColumn]
    width: int
    height: int
    baseline: int


def month_totals(themes: list[Theme]) -> dict[str, int]:
    """Entries per month over all themes (every entry is in exactly one theme)."""
    totals: dict[str, int] = {}
    for theme in themes:
        for point in theme.trend.months:
            totals[point.month] = totals.get(point.month, 0) + point.count
    return dict(sorted(totals.items()))


def month_chart(totals: dict[str, int], plot_height: int = 120) -> MonthChart:
    """A column per month; room above for the count and below for the month. The drawing is as
    wide as its months need (at most MAX_WIDTH), so that a few months stay legible on a phone."""
    top, bottom = 22, 26
    chart_width = min(MAX_WIDTH, max(4, len(totals)) * MONTH_SLOT)
    slot = chart_width // max(1, len(totals))
    width = max(8, min(48, slot - 16))
    largest = max(totals.values(), default=1) or 1
    columns = []
    for index, (month, count) in enumerate(totals.items()):
        height = max(1, round(plot_height * count / largest))
        columns.append(
            MonthColumn(
                month=month,
                count=count,
                label=month_label(month, first=index == 0),
                x=index * slot + (slot - width) // 2,
                y=top + plot_height - height,
                width=width,
                height=height,
            )
        )
    return MonthChart(
        columns=columns, width=chart_width, height=top + plot_height + bottom, baseline=top + plot_height
    )


def month_label(month: str, first: bool = False) -> str:
    """'2026-09' -> 'Sep'; with the year ('Jan ’27') on the first column and where a year starts."""
    try:
        year, number = (int(part) for part in month.split("-")[:2])
        name = date(year, number, 1).strftime("%b")
    except ValueError:
        return month
    return f"{name} ’{year % 100:02d}" if first or number == 1 else name
