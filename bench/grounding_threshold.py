"""The grounding check's threshold, chosen on a labelled set of lines and passages.

    python -m bench.grounding_threshold [--pairs bench/data/grounding_pairs_blind.jsonl]

`bench/data/grounding_pairs.jsonl` holds, for 30 knowledge-base passages drawn at random across
the kinds the LLM path cites (playbooks, topic modules, session guides, starters, reflection
frameworks, programme guides), three lines written as a model would write guidance: a paraphrase
adapted to a concrete situation (supported), a plausible line on the same subject that the
passage does not say (unsupported), and a line on another subject (unsupported). Who wrote them
and how: bench/data/README.md.

Each line is scored as the product scores it (`GroundingCheck.score`, against its one passage)
and the report gives the ROC AUC, the threshold with the best Youden's J, and precision and
recall of "supported" at a few thresholds. The default `COMPANION_GROUNDING_THRESHOLD` comes from
here.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from sklearn.metrics import roc_auc_score

from bench.common import save
from companion.config import get_settings
from companion.guidance.grounding import GROUNDING_THRESHOLD, GroundingCheck, Line
from companion.services import build_services

PAIRS = Path(__file__).resolve().parent / "data" / "grounding_pairs.jsonl"
THRESHOLDS = (0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)


def rates(scores: list[float], truth: list[bool], threshold: float) -> dict[str, float]:
    said = [score >= threshold for score in scores]
    true_pos = sum(s and t for s, t in zip(said, truth, strict=True))
    return {
        "precision": round(true_pos / max(sum(said), 1), 4),
        "recall": round(true_pos / max(sum(truth), 1), 4),
        "false_positive_rate": round(
            sum(s and not t for s, t in zip(said, truth, strict=True)) / max(truth.count(False), 1), 4
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=Path, default=PAIRS, help="a labelled set of the same format")
    args = parser.parse_args()
    pairs: Path = args.pairs
    rows = [json.loads(line) for line in pairs.read_text(encoding="utf-8").splitlines() if line.strip()]
    services = build_services(get_settings())
    try:
        chunks = {chunk.id: chunk for chunk in services.chunks}
        check = GroundingCheck(services.embedder, GROUNDING_THRESHOLD)
        scores: list[float] = []
        kinds: list[str] = []
        for row in rows:
            chunk = chunks[row["passage_id"]]
            line = Line(row["line"], [chunk.id])
            check.score([line], {chunk.id: chunk}, [])
            scores.append(line.support)
            kinds.append(row["kind"])
    finally:
        services.close()
    truth = [kind == "paraphrase" for kind in kinds]
    best = max(
        (round(0.3 + step * 0.01, 2) for step in range(51)),
        key=lambda t: rates(scores, truth, t)["recall"] - rates(scores, truth, t)["false_positive_rate"],
    )
    by_kind: dict[str, Any] = {}
    for kind in sorted(set(kinds)):
        values = sorted(score for score, k in zip(scores, kinds, strict=True) if k == kind)
        by_kind[kind] = {
            "lines": len(values),
            "median": round(values[len(values) // 2], 4),
            "p10": round(values[len(values) // 10], 4),
            "p90": round(values[(9 * len(values)) // 10], 4),
        }
    same_subject = [k in ("paraphrase", "unsupported") for k in kinds]
    results = {
        "lines": len(rows),
        "auc_all": round(float(roc_auc_score(truth, scores)), 4),
        "auc_paraphrase_vs_unsupported": round(
            float(
                roc_auc_score(
                    [t for t, keep in zip(truth, same_subject, strict=True) if keep],
                    [s for s, keep in zip(scores, same_subject, strict=True) if keep],
                )
            ),
            4,
        ),
        "youden_threshold": best,
        "at_youden": rates(scores, truth, best),
        "default_threshold": GROUNDING_THRESHOLD,
        "at_default": rates(scores, truth, GROUNDING_THRESHOLD),
        "by_kind": by_kind,
        "by_threshold": {str(t): rates(scores, truth, t) for t in THRESHOLDS},
    }
    save("grounding_threshold" if pairs == PAIRS else f"grounding_threshold-{pairs.stem}", results)
    print(json.dumps({key: value for key, value in results.items() if key != "by_threshold"}, indent=1))


if __name__ == "__main__":
    main()
