"""`companion eval --suite NAME`: run an offline eval suite and write evals/results/<suite>.json."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from companion.config import SOURCE_ROOT, get_settings
from companion.evaluation.retrieval import TARGETS, load_queries, run_retrieval_suite
from companion.services import build_services

EVALS_DIR = SOURCE_ROOT / "evals"
SUITES = ("retrieval",)
console = Console()


def evaluate(
    suite: Annotated[str, typer.Option(help=f"One of: {', '.join(SUITES)}, all.")] = "all",
) -> None:
    """Run offline eval suites and write their results to evals/results/."""
    names = SUITES if suite == "all" else (suite,)
    unknown = [name for name in names if name not in SUITES]
    if unknown:
        raise typer.BadParameter(f"unknown suite {unknown[0]!r}; choose from {', '.join(SUITES)}, all")
    services = build_services(get_settings())
    results_dir = EVALS_DIR / "results"
    results_dir.mkdir(parents=True, exist_ok=True)
    failed = False
    if "retrieval" in names:
        results = run_retrieval_suite(
            services.retriever, load_queries(EVALS_DIR / "retrieval" / "queries.jsonl")
        )
        results["embedding_model"] = services.embedder.model_id
        (results_dir / "retrieval.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        table = Table("method", "recall@5", "MRR@10", "nDCG@10", "ms/query", title="retrieval")
        for method, figures in results["methods"].items():
            table.add_row(
                method, *(str(figures[key]) for key in ("recall@5", "mrr@10", "ndcg@10", "ms_per_query"))
            )
        console.print(table)
        for method, targets in TARGETS.items():
            for metric, target in targets.items():
                if results["methods"][method][metric] < target:
                    console.print(f"[red]{method} {metric} below its target {target}[/red]")
                    failed = True
    if failed:
        raise typer.Exit(1)
