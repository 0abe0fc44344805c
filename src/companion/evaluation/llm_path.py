"""The LLM path beside the offline composer, on the blind rubric sets (`companion eval --provider openai`).

Every case of the blind sets (evals/coaching/blind/ and evals/guidance/blind/, or an evenly spread
`limit` of each kind) is answered twice, by the offline composer and by the configured
OpenAI-compatible model, through the same service. Per provider and kind:

- `rubric`: the share of the case rubrics' checks passed (as the blind suites score them);
- `citations_valid`: the share of answers whose every citation names a passage retrieved for the
  request, from the right file, with a verbatim quote (as the guidance suite checks them);
- `grounding`: the share of checked lines supported by the passages they cite (the grounding
  check, `companion.guidance.grounding`), over the answers the model wrote; offline answers are
  checked the same way, for reference;
- `by_model`: the share of answers the model wrote (safety coaching is always composed offline);
- `degraded`: the share of answers the model was asked for but that fell back to the composer;
- `seconds_median` and `seconds_p90`: latency per answer.

The blind sets were scored once for the offline composer; here they are a fixed yardstick for the
two providers side by side, and nothing is tuned on them.
"""

from __future__ import annotations

import copy
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from companion.evaluation.answers import citation_problems, read_jsonl
from companion.evaluation.coaching import rubric_problems
from companion.evaluation.guidance_blind import agenda_checks, mention_checks, reflection_checks, shown_text
from companion.guidance.organisation import local_guidance
from companion.guidance.schemas import (
    Agenda,
    AgendaRequest,
    Answer,
    Coaching,
    CoachingRequest,
    ReflectionRequest,
    Reflections,
    StartersRequest,
)
from companion.guidance.service import GuidanceService
from companion.rag.chunking import Chunk

KINDS = ("agenda", "starters", "reflections", "coaching")
Checks = dict[str, tuple[bool, str]]


def spread(rows: list[dict[str, Any]], limit: int | None) -> list[dict[str, Any]]:
    """`limit` rows spread evenly over the file (all of them without a limit)."""
    if limit is None or limit >= len(rows):
        return rows
    step = len(rows) / limit
    return [rows[int(index * step)] for index in range(limit)]


def load_cases(evals_dir: Path, limit: int | None) -> dict[str, list[dict[str, Any]]]:
    guidance = evals_dir / "guidance" / "blind"
    return {
        "agenda": spread(read_jsonl(guidance / "agendas.jsonl"), limit),
        "starters": spread(read_jsonl(guidance / "starters.jsonl"), limit),
        "reflections": spread(read_jsonl(guidance / "reflections.jsonl"), limit),
        "coaching": spread(read_jsonl(evals_dir / "coaching" / "blind" / "situations.jsonl"), limit),
    }


def answer_case(
    service: GuidanceService, kind: str, row: dict[str, Any]
) -> tuple[Answer, Checks, dict[str, Chunk]]:
    """The answer to one case, its rubric checks, and the passages retrieved for it."""
    rubric = row.get("rubric", {})
    if kind == "agenda":
        agenda_request = AgendaRequest.model_validate(row["request"])
        agenda: Agenda = service.agenda(agenda_request)
        return agenda, agenda_checks(rubric, agenda), service.agenda_passages(agenda_request).by_id()
    if kind == "starters":
        starters_request = StartersRequest.model_validate(row["request"])
        starters = service.starters(starters_request)
        passages = service.starters_passages(starters_request).by_id()
        return starters, mention_checks(rubric, shown_text(starters)), passages
    if kind == "reflections":
        reflection_request = ReflectionRequest.model_validate(row["request"])
        reflections: Reflections = service.reflect(reflection_request)
        passages = service.reflection_passages(reflection_request).by_id()
        return reflections, reflection_checks(rubric, reflections), passages
    coaching: Coaching = service.coach(CoachingRequest(situation=row["text"], role=row["role"]))
    problems = rubric_problems(rubric, coaching)
    classification = service.classify(row["text"])
    retrieved = service.coaching_passages(classification)
    retrieved.groups["local"] = local_guidance(service.retriever.chunks, label=classification.label)
    return coaching, {"first_step": (not problems, "; ".join(problems))}, retrieved.by_id()


def grounding_rate(service: GuidanceService, answer: Answer, passages: dict[str, Chunk]) -> tuple[int, int]:
    """(supported, checked) lines: the LLM answer's own check, or the same check on a copy of an
    offline answer."""
    grounding = answer.grounding
    if grounding is None:
        checked = service.grounding.apply(copy.deepcopy(answer), passages, [], strict=False)
        grounding = checked.grounding
    assert grounding is not None
    return grounding.supported, grounding.checked


def summarise(records: list[dict[str, Any]]) -> dict[str, Any]:
    seconds = sorted(record["seconds"] for record in records)
    checks = sum(record["checks"] for record in records)
    # the LLM's grounding is over the answers it wrote (a fallback is the composer's answer)
    written = [record for record in records if record["by_model"]] or records
    lines = sum(record["lines"] for record in written)
    asked = [record for record in records if record["asked_model"]]
    return {
        "cases": len(records),
        "rubric": round(sum(record["passed"] for record in records) / max(checks, 1), 4),
        "citations_valid": round(sum(record["citations_ok"] for record in records) / max(len(records), 1), 4),
        "grounding": round(sum(record["supported"] for record in written) / max(lines, 1), 4),
        "by_model": round(sum(record["by_model"] for record in records) / max(len(records), 1), 4),
        "degraded": round(sum(record["degraded"] for record in asked) / max(len(asked), 1), 4),
        "seconds_median": round(statistics.median(seconds), 2) if seconds else 0.0,
        "seconds_p90": round(seconds[int(0.9 * (len(seconds) - 1))], 2) if seconds else 0.0,
    }


def run_llm_path_suite(
    service: GuidanceService,
    evals_dir: Path,
    limit: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Both providers on the same cases; `service` has the LLM configured."""
    if service.llm is None:
        raise ValueError("the LLM path needs a provider: set COMPANION_PROVIDER=openai")
    offline = copy.copy(service)
    offline.llm = None
    providers = {"offline": offline, "llm": service}
    results: dict[str, Any] = {"model": service.llm.name, "limit": limit, "by_kind": {}, "cases": []}
    all_records: dict[str, list[dict[str, Any]]] = {name: [] for name in providers}
    for kind, rows in load_cases(evals_dir, limit).items():
        per_provider: dict[str, list[dict[str, Any]]] = {name: [] for name in providers}
        for row in rows:
            for name, provider in providers.items():
                started = time.perf_counter()
                answer, checks, passages = answer_case(provider, kind, row)
                seconds = time.perf_counter() - started
                supported, lines = grounding_rate(provider, answer, passages)
                record = {
                    "id": row["id"],
                    "kind": kind,
                    "provider": name,
                    "seconds": round(seconds, 2),
                    "passed": sum(ok for ok, _ in checks.values()),
                    "checks": len(checks),
                    "problems": [f"{check}: {why}" for check, (ok, why) in checks.items() if not ok],
                    "citations_ok": not citation_problems(answer, passages),
                    "supported": supported,
                    "lines": lines,
                    "asked_model": name == "llm" and (answer.provider != "offline" or answer.degraded),
                    "by_model": answer.provider != "offline",
                    "degraded": answer.degraded,
                    "degraded_reason": answer.degraded_reason,
                    "dropped": answer.grounding.dropped if answer.grounding else [],
                }
                per_provider[name].append(record)
                all_records[name].append(record)
                results["cases"].append(record)
            if progress:
                progress(f"{kind} {row['id']}")
        results["by_kind"][kind] = {name: summarise(records) for name, records in per_provider.items()}
    results["overall"] = {name: summarise(records) for name, records in all_records.items()}
    return results


def markdown(results: dict[str, Any]) -> str:
    """The side-by-side table of a run, for the README and evals/results/llm-path.md."""
    head = (
        "| kind | provider | cases | rubric | citations valid | grounding | by model | degraded "
        "| median s | p90 s |"
    )
    lines = [
        f"LLM path: model `{results['model']}`"
        + (f", {results['limit']} cases of each kind" if results["limit"] else ", every case"),
        "",
        head,
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    rows = [*((kind, figures) for kind, figures in results["by_kind"].items()), ("all", results["overall"])]
    for kind, figures in rows:
        for name in ("offline", "llm"):
            f = figures[name]
            lines.append(
                f"| {kind} | {name} | {f['cases']} | {f['rubric']:.3f} | {f['citations_valid']:.3f} | "
                f"{f['grounding']:.3f} | {f['by_model']:.3f} | {f['degraded']:.3f} | "
                f"{f['seconds_median']:.2f} | {f['seconds_p90']:.2f} |"
            )
    return "\n".join(lines) + "\n"
