"""`companion eval --suite NAME|all`: run offline eval suites, write evals/results/<suite>.json and
the report (evals/results/report.md with report.png), and exit 1 when the gate fails: a headline
metric below its target or more than report.TOLERANCE below evals/baseline.json."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Annotated, Any

import typer
from rich.table import Table

from companion.cli.context import console
from companion.config import SOURCE_ROOT, get_settings
from companion.evaluation import feedback as feedback_suite
from companion.evaluation import guidance_blind, llm_path, report
from companion.evaluation.coaching import run_coaching_blind_suite, run_coaching_suite
from companion.evaluation.guidance import run_guidance_suite
from companion.evaluation.guidance_blind import run_guidance_blind_suite
from companion.evaluation.llm_path import run_llm_path_suite
from companion.evaluation.retrieval import load_queries, run_retrieval_suite
from companion.evaluation.safety import run_safety_suite
from companion.services import Services, build_services

EVALS_DIR = SOURCE_ROOT / "evals"
SUITES = report.SUITES


def evaluate(
    suite: Annotated[str, typer.Option(help=f"One of: {', '.join(SUITES)}, all.")] = "all",
    update_baseline: Annotated[
        bool, typer.Option(help="Write this run's headline metrics to evals/baseline.json.")
    ] = False,
    provider: Annotated[
        str | None,
        typer.Option(
            help="'openai': run the LLM path beside the offline composer on the blind rubric sets, "
            "against the configured OpenAI-compatible server (COMPANION_OPENAI_BASE_URL, "
            "COMPANION_OPENAI_MODEL), instead of the offline suites."
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, help="With --provider: this many cases of each kind, spread evenly.")
    ] = None,
) -> None:
    """Run offline eval suites and write their results and the report to evals/results/."""
    if provider is not None:
        if provider != "openai":
            raise typer.BadParameter(f"unknown provider {provider!r}; the LLM path is 'openai'")
        _llm_path(limit)
        return
    names = SUITES if suite == "all" else (suite,)
    unknown = [name for name in names if name not in SUITES]
    if unknown:
        raise typer.BadParameter(f"unknown suite {unknown[0]!r}; choose from {', '.join(SUITES)}, all")
    services = build_services(get_settings())
    results_dir = EVALS_DIR / "results"
    results_dir.mkdir(parents=True, exist_ok=True)
    baseline_path = EVALS_DIR / "baseline.json"
    # When the baseline is being reset, only the targets gate this run.
    baseline = {} if update_baseline else report.read_json(baseline_path)
    failures: list[str] = []
    try:
        for name in names:
            started = time.perf_counter()
            results = RUNNERS[name](services)
            results["eval_seconds"] = round(time.perf_counter() - started, 1)
            path = results_dir / f"{name}.json"
            path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            failures += _show(name, results, baseline)
    finally:
        services.close()
    if update_baseline:
        headlines = report.current_headlines(results_dir)
        report.write_baseline(baseline_path, {name: headlines[name] for name in names})
        console.print(f"baseline written: {baseline_path}")
    console.print(f"report: {report.write_report(results_dir, baseline_path)}")
    for failure in failures:
        console.print(f"[red]{failure}[/red]")
    if failures:
        raise typer.Exit(1)


def _llm_path(limit: int | None) -> None:
    """Both providers on the blind sets; results in evals/results/llm-path.json and .md."""
    settings = get_settings().model_copy(update={"provider": "openai"})
    services = build_services(settings)
    try:
        with console.status("answering") as status:
            results = run_llm_path_suite(
                services.guidance, EVALS_DIR, limit, lambda case: status.update(f"answered {case}")
            )
    finally:
        services.close()
    results["base_url"] = settings.openai_base_url
    results_dir = EVALS_DIR / "results"
    results_dir.mkdir(parents=True, exist_ok=True)
    (results_dir / "llm-path.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    table_text = llm_path.markdown(results)
    (results_dir / "llm-path.md").write_text(table_text, encoding="utf-8")
    keys = ("rubric", "citations_valid", "grounding", "by_model", "degraded")
    table = Table("kind", "provider", *(key.replace("_", " ") for key in keys), "median s")
    for kind, figures in [*results["by_kind"].items(), ("all", results["overall"])]:
        for name in ("offline", "llm"):
            f = figures[name]
            table.add_row(
                kind,
                name,
                *(f"{f[key]:.3f}" for key in keys),
                f"{f['seconds_median']:.2f}",
            )
    console.print(table)
    console.print(f"results: {results_dir / 'llm-path.json'}")


def _show(name: str, results: dict[str, Any], baseline: dict[str, dict[str, float]]) -> list[str]:
    """Print the suite's tables; return its gate failures."""
    DETAILS.get(name, lambda _: None)(results)
    figures = report.headline(name, results)
    table = Table("metric", "this run", "baseline", "target", title=f"{name} ({results['eval_seconds']} s)")
    for metric, value in figures.items():
        base = baseline.get(name, {}).get(metric)
        target = report.TARGETS[name].get(metric)
        table.add_row(
            metric, f"{value:.4f}", "—" if base is None else str(base), "—" if target is None else str(target)
        )
    console.print(table)
    failures = report.gate(name, figures, baseline)
    if name == "feedback" and any(data["quotes_with_personal_data"] for data in _datasets(results)):
        failures.append("feedback: a quote shows personal data")
    return failures


def _retrieval(services: Services) -> dict[str, Any]:
    results = run_retrieval_suite(services.retriever, load_queries(EVALS_DIR / "retrieval" / "queries.jsonl"))
    results["embedding_model"] = services.embedder.model_id
    return results


def _feedback(services: Services) -> dict[str, Any]:
    """The labelled set and the held-out sets, each in a fresh database."""
    results: dict[str, Any] = {}
    for name in feedback_suite.DATASETS:
        dataset = EVALS_DIR / "feedback" / f"{name}.jsonl"
        if dataset.exists():
            results[name] = feedback_suite.run_feedback_suite(
                services.retriever, services.themes_embedder, dataset
            )
    return results


def _guidance(services: Services) -> dict[str, Any]:
    """The earlier set, and the blind set when it is there (scored once, then a regression check)."""
    results = run_guidance_suite(services.guidance, EVALS_DIR / "guidance")
    blind = EVALS_DIR / "guidance" / "blind"
    if guidance_blind.SCORED and (blind / "agendas.jsonl").exists():
        results["blind"] = run_guidance_blind_suite(services.guidance, blind)
    return results


def _coaching(services: Services) -> dict[str, Any]:
    """The earlier set, and the blind set when it is there (scored once, then a regression check)."""
    results = run_coaching_suite(services.guidance, EVALS_DIR / "coaching" / "situations.jsonl")
    blind = EVALS_DIR / "coaching" / "blind" / "situations.jsonl"
    if blind.exists():
        results["blind"] = run_coaching_blind_suite(services.guidance, blind)
    return results


def _datasets(results: dict[str, Any]) -> list[dict[str, Any]]:
    return [figures for figures in results.values() if isinstance(figures, dict)]


RUNNERS: dict[str, Callable[[Services], dict[str, Any]]] = {
    "retrieval": _retrieval,
    "feedback": _feedback,
    "guidance": lambda services: _guidance(services),
    "coaching": lambda services: _coaching(services),
    "safety": lambda services: run_safety_suite(
        services.guidance,
        EVALS_DIR / "safety" / "injections.jsonl",
        EVALS_DIR / "feedback" / "entries.jsonl",
        services.themes_embedder,
        services.feedback.namer,
    ),
}


def _retrieval_table(results: dict[str, Any]) -> None:
    table = Table("method", "recall@5", "MRR@10", "nDCG@10", "ms/query", title="retrieval")
    for method, figures in results["methods"].items():
        table.add_row(
            method, *(str(figures[key]) for key in ("recall@5", "mrr@10", "ndcg@10", "ms_per_query"))
        )
    console.print(table)


def _feedback_table(results: dict[str, Any]) -> None:
    table = Table("dataset", "entries", "labels", "themes", "ARI", "NMI", "quotes with personal data", "s")
    for name, figures in results.items():
        if not isinstance(figures, dict):
            continue
        table.add_row(
            name,
            *(str(figures[key]) for key in ("entries", "labels", "themes_found", "ari", "nmi")),
            str(figures["quotes_with_personal_data"]),
            str(figures["seconds"]),
        )
    console.print(table)


def _cases_table(results: dict[str, Any]) -> None:
    if results.get("failures"):
        table = Table("case", "problems", title="failing cases")
        for failure in results["failures"]:
            table.add_row(failure["id"], "; ".join(failure["problems"]))
        console.print(table)


def _coaching_table(results: dict[str, Any]) -> None:
    if "blind" in results:
        _matrix_table(results["blind"], "coaching, blind set")
    _matrix_table(results, "coaching, earlier set")


def _matrix_table(results: dict[str, Any], title: str) -> None:
    matrix = results["confusion_matrix"]
    table = Table("true \\ predicted", *matrix["labels"], "precision", "recall", title=title)
    for label, counts in zip(matrix["labels"], matrix["counts"], strict=True):
        figures = results["per_class"][label]
        table.add_row(label, *map(str, counts), str(figures["precision"]), str(figures["recall"]))
    console.print(table)


DETAILS: dict[str, Callable[[dict[str, Any]], None]] = {
    "retrieval": _retrieval_table,
    "feedback": _feedback_table,
    "guidance": _cases_table,
    "coaching": _coaching_table,
    "safety": _cases_table,
}
