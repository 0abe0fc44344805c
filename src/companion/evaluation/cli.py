"""`companion eval --suite NAME`: run an offline eval suite and write evals/results/<suite>.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from companion.config import SOURCE_ROOT, get_settings
from companion.evaluation import feedback as feedback_suite
from companion.evaluation.retrieval import TARGETS, load_queries, run_retrieval_suite
from companion.rag.retriever import HybridRetriever
from companion.services import build_services

EVALS_DIR = SOURCE_ROOT / "evals"
SUITES = ("retrieval", "feedback")
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
    if "feedback" in names:
        failed = _feedback(services.retriever, results_dir) or failed
    if failed:
        raise typer.Exit(1)


def _feedback(retriever: HybridRetriever, results_dir: Path) -> bool:
    """Run the feedback suite on the labelled set and the held-out set; True when below target."""
    results: dict[str, Any] = {}
    for name in ("entries", "holdout"):
        dataset = EVALS_DIR / "feedback" / f"{name}.jsonl"
        if dataset.exists():
            results[name] = feedback_suite.run_feedback_suite(retriever, dataset)
    (results_dir / "feedback.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    table = Table("dataset", "entries", "labels", "themes", "ARI", "NMI", "quotes with personal data", "s")
    for name, figures in results.items():
        table.add_row(
            name,
            *(str(figures[key]) for key in ("entries", "labels", "themes_found", "ari", "nmi")),
            str(figures["quotes_with_personal_data"]),
            str(figures["seconds"]),
        )
    console.print(table)
    failed = False
    for metric, target in feedback_suite.TARGETS.items():
        if results["entries"][metric] < target:
            console.print(f"[red]feedback {metric} below its target {target}[/red]")
            failed = True
    if any(figures["quotes_with_personal_data"] for figures in results.values()):
        console.print("[red]a feedback quote shows personal data[/red]")
        failed = True
    return failed
