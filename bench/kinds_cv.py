"""The kind of a disclosure, of a request outside reverse mentoring, and of a topic no module
covers, cross-validated on the training examples.

    python -m bench.kinds_cv
    python -m bench.kinds_cv --topic-dev   # the topic reader's pair threshold, on evals/guidance/topic-dev2
    python -m bench.kinds_cv --topic-dev evals/guidance/topic-dev/topics.jsonl   # the same on another set

5-fold stratified cross-validation over the examples marked with a kind: the disclosure and
out-of-scope examples of `guidance/data/coaching_examples.jsonl`, and the topics of
`guidance/data/topic_examples.jsonl`. Each held-out example is read as the product reads it
(`KindReader.most_likely`), and the bench reports, per threshold, how many examples get a kind
(coverage) and how often it is right (precision), with per-kind recall at the product's threshold.
A disclosure read as "told-general", or a request read as "other", gets the general answer, as
one with no kind does: "steered" counts the examples given one of the other kinds, whose own
advice then comes first, and "steered precision" how often that kind is right.

The rule, written before looking at the figures of steered precision (the first run reported
plain precision only): a disclosure's or a request's threshold is the lowest whose steered
precision is at least 0.85 (a wrong kind gives the wrong first step; the general answer is never
wrong, only less fitting); a topic takes the most probable kind (threshold 0).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from sklearn.model_selection import StratifiedKFold

from bench.common import save
from companion.config import get_settings
from companion.guidance import classifier
from companion.guidance.classifier import Anchor
from companion.guidance.kinds import DISCLOSURE_KINDS, KIND_THRESHOLDS, REQUEST_KINDS, KindReader
from companion.guidance.topic_kind import (
    PAIR,
    PAIR_THRESHOLD,
    TOPIC_KINDS,
    load_topic_examples,
    topic_kind,
    topic_reader,
)
from companion.rag.embeddings import Embedder
from companion.services import Services

THRESHOLDS = (0.0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7)
GENERAL = ("told-general", "other")  # kinds that get the general answer


def cross_validate(
    embedder: Embedder, examples: list[Anchor], kinds: tuple[str, ...], product: float
) -> dict[str, Any]:
    truth = [str(example.kind) for example in examples]
    vectors = embedder.embed([example.text for example in examples])
    found: list[dict[str, float]] = [{} for _ in examples]
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(examples, truth):
        reader = KindReader.fit(kinds, embedder, [examples[i] for i in train], vectors[train], balanced=True)
        for i in test:
            found[i] = reader.probabilities(examples[i].text)
    best = [max(kinds, key=lambda kind, p=p: p[kind]) for p in found]  # type: ignore[misc]
    results: dict[str, Any] = {"examples": len(examples), "by_kind": dict(Counter(truth)), "thresholds": {}}
    for threshold in THRESHOLDS:
        said = [i for i, p in enumerate(found) if p[best[i]] >= threshold]
        right = sum(best[i] == truth[i] for i in said)
        steered = [i for i in said if best[i] not in GENERAL]
        figures = {
            "coverage": round(len(said) / len(examples), 3),
            "precision": round(right / max(1, len(said)), 3),
            "steered": round(len(steered) / len(examples), 3),
            "steered_precision": round(sum(best[i] == truth[i] for i in steered) / max(1, len(steered)), 3),
        }
        results["thresholds"][str(threshold)] = figures
        print(f"  threshold {threshold}: {figures}")
    said_at = {i for i, p in enumerate(found) if p[best[i]] >= product}
    results["product_threshold"] = product
    results["recall_at_product"] = {
        kind: round(
            sum(1 for i in said_at if truth[i] == kind and best[i] == kind) / max(1, truth.count(kind)), 3
        )
        for kind in kinds
    }
    print(f"  recall per kind at {product}: {results['recall_at_product']}")
    results["confusion"] = {
        kind: dict(Counter(best[i] for i in range(len(truth)) if truth[i] == kind)) for kind in kinds
    }
    return results


TOPIC_DEV = Path(__file__).resolve().parent.parent / "evals" / "guidance" / "topic-dev2" / "topics.jsonl"
PAIR_THRESHOLDS = (0.34, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8)


def topic_dev(embedder: Embedder, path: Path = TOPIC_DEV) -> dict[str, Any]:
    """The topic reader, learnt from all its examples, on the development set of topics written
    apart from them: accuracy per pair threshold, and how many skills each reads as the pair."""
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    reader = topic_reader(embedder)
    results: dict[str, Any] = {"topics": len(rows), "by_kind": dict(Counter(row["kind"] for row in rows))}
    for threshold in PAIR_THRESHOLDS:
        found = [topic_kind(reader, row["topic"], threshold) for row in rows]
        figures = {
            "accuracy": round(
                sum(f == row["kind"] for f, row in zip(found, rows, strict=True)) / len(rows), 3
            ),
            "skill_read_as_pair": sum(
                f == PAIR and row["kind"] != PAIR for f, row in zip(found, rows, strict=True)
            ),
            "pair_missed": sum(f != PAIR and row["kind"] == PAIR for f, row in zip(found, rows, strict=True)),
            "confusion": {
                kind: dict(Counter(f for f, row in zip(found, rows, strict=True) if row["kind"] == kind))
                for kind in TOPIC_KINDS
            },
        }
        results[str(threshold)] = figures
        print(f"  pair threshold {threshold}: {figures}")
    results["product_threshold"] = PAIR_THRESHOLD
    return results


def main() -> None:
    services = Services(get_settings())
    if "--topic-dev" in sys.argv:
        rest = sys.argv[sys.argv.index("--topic-dev") + 1 :]
        path = Path(rest[0]) if rest else TOPIC_DEV
        print(f"topic development set {path}")
        name = "kinds_topic_dev" if path == TOPIC_DEV else f"kinds_topic_dev_{path.parent.name}"
        save(name, topic_dev(services.meaning_embedder, path))
        services.close()
        return
    embedder = services.meaning_embedder
    examples = classifier.load_examples()
    results: dict[str, Any] = {}
    for label, kinds in (("disclosure", DISCLOSURE_KINDS), ("out-of-scope", REQUEST_KINDS)):
        marked = [example for example in examples if example.label == label and example.kind in kinds]
        if not marked:
            continue
        print(label)
        results[label] = cross_validate(embedder, marked, kinds, KIND_THRESHOLDS.get(label, 0.0))
    print("topics")
    results["topics"] = cross_validate(embedder, load_topic_examples(), TOPIC_KINDS, 0.0)
    save("kinds_cv", results)
    services.close()


if __name__ == "__main__":
    main()
