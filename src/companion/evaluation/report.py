"""Headline metrics of each suite, the gate (targets and the committed baseline), and the
Markdown report with its chart (evals/results/report.md and report.png)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from companion.evaluation import coaching, feedback, guidance, guidance_blind, retrieval, safety

TOLERANCE = 0.02  # a headline metric may fall this far below the committed baseline, no further
SUITES = ("retrieval", "feedback", "guidance", "coaching", "safety")
TARGETS: dict[str, dict[str, float]] = {
    "retrieval": retrieval.TARGETS["hybrid"],
    "feedback": feedback.TARGETS,
    # the blind set's targets join once it has been scored (guidance_blind.SCORED)
    "guidance": guidance.TARGETS | (guidance_blind.TARGETS if guidance_blind.SCORED else {}),
    "coaching": coaching.TARGETS,
    "safety": safety.TARGETS,
}
# A target that is missed, known, and not allowed to block every other change while it is worked
# on: the report still marks it "below target (waived: ...)", and the baseline still holds the
# figure where it is now, so that it can only go up. Each waiver says when and why.
WAIVERS: dict[tuple[str, str], str] = {
    ("coaching", "accuracy"): (
        "2026-12-02: 0.808 on the earlier set, written for four labels, since coaching tells nine "
        "situations apart: some of its cases now read, arguably rightly, as pairing fit, expectations "
        "or safeguarding; the blind set of nine situations is the yardstick, scored once when the "
        "coaching work is done (evals/coaching/blind/README.md)"
    ),
    **{
        ("coaching", metric): (
            "2026-12-02: the blind coaching set missed its targets at its one blind score (safety "
            "recall 0.798, macro-F1 0.822, first step 0.732; evals/coaching/blind/README.md). It "
            "stays in the gate as a regression check; the target stays and is reported as missed"
        )
        for metric in ("blind safety recall", "blind macro_f1", "blind first step")
    },
    **{
        ("guidance", metric): (
            "2026-12-02: the blind guidance set missed the target for starters (0.778) and "
            "reflections (0.780) at its one score (evals/guidance/blind/README.md); agendas met it "
            "(0.942). It stays in the gate as a regression check; the target stays"
        )
        for metric in ("blind starters checks", "blind reflections checks")
    },
    ("retrieval", "ndcg@10"): (
        "2026-12-02: 0.783 since the knowledge base grew by 11 long articles (safety route, "
        "regulated employers); the queries were re-judged for them (evals/retrieval/README.md) "
        "and folding and fusion settings re-checked on the tuning half without a gain"
    ),
}


def headline(suite: str, results: dict[str, Any]) -> dict[str, float]:
    """The few numbers of a suite's results that the gate and the chart follow."""
    if suite == "retrieval":
        hybrid = results["methods"]["hybrid"]
        return {metric: hybrid[metric] for metric in ("recall@5", "mrr@10", "ndcg@10")}
    if suite == "feedback":
        figures = {f"{metric}": results["entries"][metric] for metric in ("ari", "nmi")}
        for held_out in feedback.DATASETS[1:]:
            if held_out in results:
                figures |= {f"{held_out} {metric}": results[held_out][metric] for metric in ("ari", "nmi")}
        return figures
    if suite == "coaching":
        figures = {metric: results[metric] for metric in ("accuracy", "macro_f1")}
        if "blind" in results:
            blind = results["blind"]
            figures |= {
                "blind safety recall": blind["safety_recall"],
                "blind macro_f1": blind["macro_f1"],
                "blind first step": blind["first_step"],
            }
        return figures
    figures = dict(results["pass_rates"])
    if suite == "guidance" and "blind" in results:
        figures |= {
            f"blind {kind} checks": kind_results["checks_passed"]
            for kind, kind_results in results["blind"]["by_kind"].items()
        }
    return figures


def gate(suite: str, figures: dict[str, float], baseline: dict[str, dict[str, float]]) -> list[str]:
    """Why the suite fails the gate: a metric below its target, or more than TOLERANCE below the
    committed baseline. Empty when it passes."""
    failures = []
    for metric, value in figures.items():
        target = TARGETS[suite].get(metric)
        if target is not None and value < target and (suite, metric) not in WAIVERS:
            failures.append(f"{suite} {metric} {value:.4f} is below its target {target}")
        base = baseline.get(suite, {}).get(metric)
        if base is not None and value < base - TOLERANCE:
            failures.append(f"{suite} {metric} {value:.4f} fell below the baseline {base} - {TOLERANCE}")
    return failures


def read_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def current_headlines(results_dir: Path) -> dict[str, dict[str, float]]:
    """The headline of every suite that has a results file."""
    found = {}
    for suite in SUITES:
        results = read_json(results_dir / f"{suite}.json")
        if results:
            found[suite] = headline(suite, results)
    return found


def write_baseline(path: Path, headlines: dict[str, dict[str, float]]) -> None:
    baseline = read_json(path) | headlines
    ordered = {suite: baseline[suite] for suite in SUITES if suite in baseline}
    path.write_text(json.dumps(ordered, indent=2) + "\n", encoding="utf-8")


def write_report(results_dir: Path, baseline_path: Path) -> Path:
    """report.md (and report.png when matplotlib is installed) from the results on disk."""
    headlines = current_headlines(results_dir)
    baseline = read_json(baseline_path)
    chart = draw_chart(headlines, baseline, results_dir / "report.png")
    lines = [
        "# Offline evaluation report",
        "",
        "Written by `companion eval`. Each headline metric against its target and the committed",
        f"baseline (`evals/baseline.json`); the gate fails below the target or more than {TOLERANCE}",
        "below the baseline.",
        "",
        "![Headline metrics against the baseline](report.png)"
        if chart
        else "(No chart: matplotlib is not installed.)",
        "",
    ]
    for suite, figures in headlines.items():
        results = read_json(results_dir / f"{suite}.json")
        lines += [f"## {suite}", "", *_table(suite, figures, baseline), ""]
        lines += _notes(suite, results)
    text = "\n".join(lines).rstrip() + "\n"
    path = results_dir / "report.md"
    path.write_text(text, encoding="utf-8")
    return path


def _table(suite: str, figures: dict[str, float], baseline: dict[str, dict[str, float]]) -> list[str]:
    rows = [
        "| metric | this run | baseline | change | target | gate |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for metric, value in figures.items():
        base = baseline.get(suite, {}).get(metric)
        target = TARGETS[suite].get(metric)
        change = f"{value - base:+.3f}" if base is not None else "—"
        status = "fail" if gate(suite, {metric: value}, baseline) else "pass"
        if target is not None and value < target and (suite, metric) in WAIVERS:
            status += f" (below target, waived: {WAIVERS[suite, metric]})"
        rows.append(f"| {metric} | {value:.3f} | {_cell(base)} | {change} | {_cell(target)} | {status} |")
    return rows


def _cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _matrix(results: dict[str, Any]) -> list[str]:
    matrix = results["confusion_matrix"]
    notes = ["", "Confusion matrix (rows: true label, columns: predicted):", ""]
    notes.append("| | " + " | ".join(matrix["labels"]) + " |")
    notes.append("| --- " * (len(matrix["labels"]) + 1) + "|")
    for label, counts in zip(matrix["labels"], matrix["counts"], strict=True):
        notes.append(f"| **{label}** | " + " | ".join(str(count) for count in counts) + " |")
    notes += ["", "| class | precision | recall | F1 |", "| --- | --- | --- | --- |"]
    for label, figures in results["per_class"].items():
        notes.append(
            f"| {label} | {figures['precision']:.3f} | {figures['recall']:.3f} | {figures['f1']:.3f} |"
        )
    return notes


def _notes(suite: str, results: dict[str, Any]) -> list[str]:
    """What a reader needs beside the numbers: failing cases, the confusion matrix, timings."""
    notes = []
    if "eval_seconds" in results:
        notes.append(f"Run time: {results['eval_seconds']} s.")
    if suite == "coaching" and "blind" in results:
        blind = results["blind"]
        notes += [
            "",
            f"Blind set ({blind['situations']} situations, evals/coaching/blind/): safety false "
            f"alarms {blind['safety_false_alarms']:.3f}, accuracy {blind['accuracy']:.3f}.",
        ]
        notes += _matrix(blind)
        notes += ["", "Blind cases that fail (label or rubric):", ""]
        notes += [
            f"- `{f['id']}` {f['labels']} answered {f['answered']}: {'; '.join(f['problems'])}"
            for f in blind["failures"]
        ]
        notes += ["", "Earlier set (evals/coaching/situations.jsonl, four labels):"]
    if suite == "coaching":
        notes += _matrix(results)
    if suite == "guidance" and "blind" in results:
        blind = results["blind"]
        notes += ["", "Blind set (evals/guidance/blind/): checks passed per kind and per check:", ""]
        for kind, figures in blind["by_kind"].items():
            per_check = ", ".join(f"{name} {value:.2f}" for name, value in figures["per_check"].items())
            notes.append(
                f"- {kind} ({figures['cases']} cases): {figures['checks_passed']:.3f} of checks; "
                f"{figures['cases_passing_every_check']:.3f} of cases pass every check ({per_check})"
            )
        notes += ["", "Blind cases that fail a check:", ""]
        notes += [f"- `{f['id']}`: {'; '.join(f['problems'])}" for f in blind["failures"]]
    if results.get("feedback_attacks_not_recognised"):
        unrecognised = ", ".join(f"`{case}`" for case in results["feedback_attacks_not_recognised"])
        notes += ["", f"Feedback attacks the quote filter does not recognise (not gated): {unrecognised}."]
    if results.get("failures"):
        notes += ["", "Cases that fail a check:", ""]
        for failure in results["failures"]:
            notes.append(f"- `{failure['id']}`: {'; '.join(failure['problems'])}")
    return [*notes, ""] if notes else []


def draw_chart(
    headlines: dict[str, dict[str, float]], baseline: dict[str, dict[str, float]], path: Path
) -> bool:
    """A horizontal bar per headline metric: this run beside the baseline, the target marked."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    labels, current, base, targets = [], [], [], []
    for suite, figures in headlines.items():
        for metric, value in figures.items():
            labels.append(f"{suite}: {metric}")
            current.append(max(value, 0.0))
            base.append(max(baseline.get(suite, {}).get(metric, float("nan")), 0.0))
            targets.append(TARGETS[suite].get(metric, float("nan")))
    positions = list(range(len(labels)))[::-1]
    figure, axes = plt.subplots(figsize=(8, 0.32 * len(labels) + 1.2), dpi=110)
    axes.barh([p + 0.2 for p in positions], base, height=0.4, color="#b8b8b8", label="baseline")
    axes.barh([p - 0.2 for p in positions], current, height=0.4, color="#2b6cb0", label="this run")
    axes.scatter(targets, positions, marker="|", s=160, color="#c53030", label="target", zorder=3)
    axes.set_yticks(positions, labels, fontsize=8)
    axes.set_xlim(0, 1.05)
    axes.grid(axis="x", alpha=0.3)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.03), ncol=3, fontsize=8, frameon=False)
    axes.set_title("Offline eval suites: headline metrics (higher is better)")
    figure.tight_layout()
    figure.savefig(path, metadata={"Software": None})
    plt.close(figure)
    return True
