"""Counts for `companion kb stats`."""

from __future__ import annotations

from collections import Counter
from typing import Any

from companion.kb.models import Corpus


def corpus_stats(corpus: Corpus) -> dict[str, Any]:
    articles = corpus.articles
    starters = [item for article in articles if article.kind == "starters" for item in article.items]
    prompts = [item for article in articles if article.kind == "reflection" for item in article.items]
    starter_topics = Counter(
        article.front.topics[0] for article in articles if article.kind == "starters" for _ in article.items
    )

    def count(values: list[str]) -> dict[str, int]:
        return dict(sorted(Counter(values).items()))

    return {
        "articles": len(articles),
        "words": sum(article.word_count() for article in articles),
        "starters": len(starters),
        "prompts": len(prompts),
        "by": {
            "articles by kind": count([article.kind for article in articles]),
            "articles by audience": count([a for article in articles for a in article.front.audience]),
            "starters by purpose": count([item.tags.get("purpose", "?") for item in starters]),
            "starters by stage": count([item.tags.get("stage", "?") for item in starters]),
            "starters by topic": dict(sorted(starter_topics.items())),
            "prompts by framework": count([item.tags.get("framework", "?") for item in prompts]),
            "prompts by framework stage": count(
                [f"{item.tags.get('framework', '?')}: {item.tags.get('stage', '?')}" for item in prompts]
            ),
        },
    }
