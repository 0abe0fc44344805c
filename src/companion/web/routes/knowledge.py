"""Everyone signed in: search the knowledge base, read an article, open a cited passage."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from companion.kb.vocabulary import KINDS
from companion.server.deps import CorpusDep, RetrieverDep
from companion.web.auth import SignedIn
from companion.web.markdown import render_article, render_text
from companion.web.pages import PageError, render
from companion.web.routes.common import page_router
from companion.web.snippets import grouped
from companion.web.sources import article_href

router = page_router()
MAX_QUERY = 500
RESULTS = 10


@router.get("/search")
def search(
    request: Request,
    user: SignedIn,
    retriever: RetrieverDep,
    q: Annotated[str, Query(max_length=2000)] = "",
) -> Response:
    query = q.strip()
    context = {"user": user, "csrf": user.csrf, "values": {"q": q}, "hits": None}
    if len(query) > MAX_QUERY:
        context["errors"] = {"q": f"Enter at most {MAX_QUERY} characters."}
        return render(request, "search.html", context, status=422)
    if query:
        hits = retriever.search(query, k=RESULTS)
        context["hits"] = hits
        context["groups"] = grouped(hits, query, article_href)
        context["strong"] = retriever.has_strong_match(query)
    return render(request, "search.html", context)


@router.get("/articles")
def articles(request: Request, user: SignedIn, corpus: CorpusDep) -> Response:
    by_kind = {kind: [a for a in corpus.articles if a.kind == kind] for kind in KINDS}
    context = {"user": user, "csrf": user.csrf, "by_kind": {k: v for k, v in by_kind.items() if v}}
    return render(request, "articles.html", context)


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str, user: SignedIn, corpus: CorpusDep) -> Response:
    found = corpus.by_id().get(article_id)
    if found is None:
        raise PageError(
            404, "No such article", "There is no article with this address in the knowledge base."
        )
    sources = [corpus.sources[key] for key in found.front.sources if key in corpus.sources]
    context = {
        "user": user,
        "csrf": user.csrf,
        "article": found,
        "html": render_article(found.body, {a.id for a in corpus.articles}),
        "sources": sources,
    }
    return render(request, "article.html", context)


@router.get("/passages/{chunk_id:path}")
def passage(request: Request, chunk_id: str, user: SignedIn, retriever: RetrieverDep) -> Response:
    chunk = retriever.by_id.get(chunk_id)
    if chunk is None:
        raise PageError(404, "No such passage", "The knowledge base has no passage with this id any more.")
    context = {
        "user": user,
        "csrf": user.csrf,
        "chunk": chunk,
        "html": render_text(chunk.text),
        "article_href": article_href(chunk),
    }
    return render(request, "passage.html", context)
