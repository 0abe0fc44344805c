"""Offline reflection prompts: one framework, its stages in order, prompts chosen for the session."""

from __future__ import annotations

import numpy as np

from companion.citations import cite
from companion.guidance.schemas import ReflectionPrompt, ReflectionRequest, Reflections
from companion.kb.vocabulary import FRAMEWORK_STAGES
from companion.prompts.loader import phrases
from companion.rag.chunking import Chunk
from companion.rag.embeddings import Embedder


def choose_framework(count: int) -> str:
    """The framework whose cycle fits the number of prompts asked for: three questions for a
    short reflection, Kolb's four stages, Gibbs's six for a fuller one."""
    if count <= 3:
        return "what-so-what-now-what"
    if count <= 5:
        return "kolb"
    return "gibbs"


def compose_reflections(
    request: ReflectionRequest, candidates: list[Chunk], embedder: Embedder
) -> Reflections:
    framework = choose_framework(request.count)
    stages = FRAMEWORK_STAGES[framework]
    candidates = [chunk for chunk in candidates if chunk.tags.get("audience", request.role) == request.role]
    pool = [chunk for chunk in candidates if chunk.tags.get("framework") == framework]
    if not pool:
        pool = candidates
    focus = f"{request.topic}. {request.notes or ''}"
    vectors = embedder.embed([focus] + [chunk.text for chunk in pool])
    relevance = vectors[1:] @ vectors[0]
    # For each stage, its prompts from most to least relevant to this session.
    ranked = {
        stage: [pool[i] for i in np.argsort(-relevance) if pool[i].tags.get("stage") == stage]
        for stage in stages
    }
    chosen: list[Chunk] = []
    round_index = 0
    while len(chosen) < request.count and any(len(ranked[stage]) > round_index for stage in stages):
        for stage in stages:
            if len(chosen) < request.count and len(ranked[stage]) > round_index:
                chosen.append(ranked[stage][round_index])
        round_index += 1
    chosen.sort(
        key=lambda chunk: stages.index(chunk.tags["stage"]) if chunk.tags.get("stage") in stages else 99
    )
    lead = phrases().reflection_lead(request.topic)
    prompts = [
        ReflectionPrompt(
            text=f"{lead} {chunk.text}" if position == 0 else chunk.text,
            stage=chunk.tags.get("stage", ""),
            framework=chunk.tags.get("framework", framework),
            citations=[chunk.id],
        )
        for position, chunk in enumerate(chosen)
    ]
    return Reflections(prompts=prompts, citations=cite(chosen))
