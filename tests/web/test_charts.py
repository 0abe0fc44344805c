"""The dashboard charts' geometry."""

from __future__ import annotations

from companion.feedback.schemas import MonthPoint, Sentiment, Theme, Trend
from companion.web.charts import MAX_WIDTH, SENTIMENT_FILL, month_chart, month_totals, theme_chart


def theme(label: str, count: int, sentiment: str, months: dict[str, int]) -> Theme:
    return Theme(
        label=label,
        keywords=[],
        count=count,
        share=0.5,
        pairs=1,
        sentiment=Sentiment(score=0.1, label=sentiment, average_rating=None, negative_share=0.0),
        trend=Trend(
            direction="steady",
            months=[MonthPoint(month=m, count=c, average_rating=None) for m, c in months.items()],
        ),
        quotes=[],
        feedback_ids=[],
        recommendation="",
        citations=[],
    )


THEMES = [
    theme("Time", 10, "negative", {"2026-05": 6, "2026-06": 4}),
    theme("Skills", 5, "positive", {"2026-06": 3, "2026-04": 2}),
]


def test_bars_are_proportional_and_coloured_by_sentiment() -> None:
    first, second = theme_chart(THEMES)
    assert first.percent == 100 and second.percent == 50
    assert first.fill == SENTIMENT_FILL["negative"] and second.fill == SENTIMENT_FILL["positive"]


def test_months_are_summed_in_order_and_fit_the_width() -> None:
    totals = month_totals(THEMES)
    assert totals == {"2026-04": 2, "2026-05": 6, "2026-06": 7}
    chart = month_chart(totals)
    tallest = max(chart.columns, key=lambda column: column.count)
    assert tallest.month == "2026-06" and tallest.y + tallest.height == chart.baseline
    assert all(column.x >= 0 and column.x + column.width <= chart.width for column in chart.columns)
    assert chart.width <= MAX_WIDTH
    many = month_chart(
        {f"2026-{m:02d}": m for m in range(1, 13)} | {f"2027-{m:02d}": m for m in range(1, 13)}
    )
    assert many.width == MAX_WIDTH and many.columns[-1].x + many.columns[-1].width <= MAX_WIDTH


def test_no_themes_is_an_empty_chart() -> None:
    assert theme_chart([]) == [] and month_chart({}).columns == []


def test_month_labels_are_short_words_with_the_year_where_it_starts() -> None:
    from companion.web.charts import month_label

    assert month_label("2026-09", first=True) == "Sep ’26"
    assert month_label("2026-10") == "Oct" and month_label("2027-01") == "Jan ’27"
    assert month_label("not a month") == "not a month"
