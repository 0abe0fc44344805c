"""`GET /v1/search`: scored passages of the knowledge base."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from companion.api.auth import AnyKey
from companion.api.responses import KEYED
from companion.kb.vocabulary import Audience, Kind
from companion.rag.retriever import Filters
from companion.server.deps import RetrieverDep

TAG = r"^[a-z0-9]+(-[a-z0-9]+)*$"  # a topic or challenge tag, e.g. "generative-ai"
router = APIRouter(prefix="/v1", tags=["knowledge"], responses=KEYED)


class SearchResult(BaseModel):
    id: str
    title: str
    source: str
    heading: str
    text: str
    score: float


class SearchResponse(BaseModel):
    results: list[SearchResult]


@router.get(
    "/search",
    summary="Search the knowledge base",
    response_model=SearchResponse,
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {
                        "results": [
                            {
                                "id": "playbook-time#signs-0",
                                "title": "Lack of time",
                                "source": "knowledge/playbooks/playbook-time.md",
                                "heading": "Signs",
                                "text": "- The pair keeps rescheduling ...",
                                "score": 0.0325,
                            }
                        ]
                    }
                }
            }
        }
    },
)
def search(
    retriever: RetrieverDep,
    _: AnyKey,
    q: Annotated[str, Query(min_length=1, max_length=500, description="What to look for.")],
    k: Annotated[int, Query(ge=1, le=50, description="How many results.")] = 5,
    kind: Annotated[Kind | None, Query(description="Only this kind of article.")] = None,
    audience: Annotated[Audience | None, Query()] = None,
    # Tags are lower-case words and hyphens ("generative-ai"): anything else is rejected, not
    # silently matched against nothing.
    topic: Annotated[str | None, Query(max_length=40, pattern=TAG)] = None,
    challenge: Annotated[str | None, Query(max_length=40, pattern=TAG)] = None,
) -> SearchResponse:
    filters = Filters(kinds=(kind,) if kind else (), audience=audience, topic=topic, challenge=challenge)
    hits = retriever.search(q, k=k, filters=filters)
    return SearchResponse(
        results=[
            SearchResult(
                id=hit.chunk.id,
                title=hit.chunk.title,
                source=hit.chunk.source,
                heading=hit.chunk.heading,
                text=hit.chunk.text,
                score=round(hit.score, 6),
            )
            for hit in hits
        ]
    )
