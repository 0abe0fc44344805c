"""Admins import survey exports and read the themes dashboard."""

from __future__ import annotations

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from companion.feedback.parsing import ImportFileError
from companion.server.deps import CorpusDep, FeedbackDep, ProgrammeDep, RetrieverDep, SettingsDep, UsageDep
from companion.server.uploads import UploadTooLarge, read_upload
from companion.web.auth import Admin, PostedForm
from companion.web.charts import month_chart, month_totals, theme_chart
from companion.web.pages import render
from companion.web.routes.common import page_router
from companion.web.sources import source_links

router = page_router()


@router.get("/admin")
def admin_home(_: Admin) -> Response:
    return RedirectResponse("/admin/themes", status_code=303)


@router.get("/admin/import")
def import_form(request: Request, user: Admin) -> Response:
    return render(request, "import.html", {"user": user, "csrf": user.csrf})


@router.post("/admin/import")
async def import_feedback(
    request: Request, user: Admin, form: PostedForm, feedback: FeedbackDep, settings: SettingsDep
) -> Response:
    context = {"user": user, "csrf": user.csrf}
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return render(
            request, "import.html", {**context, "errors": {"file": "Choose a CSV or JSONL file."}}, 422
        )
    try:
        content = await read_upload(upload, settings.max_body_bytes)
    except UploadTooLarge as error:
        message = f"{upload.filename}: {error}"
        return render(request, "import.html", {**context, "errors": {"file": message}}, status=413)
    try:
        report = await run_in_threadpool(feedback.import_file, upload.filename, content)
    except ImportFileError as error:
        message = f"{upload.filename}: {error}"
        return render(request, "import.html", {**context, "errors": {"file": message}}, status=400)
    return render(request, "import.html", {**context, "report": report, "filename": upload.filename})


@router.get("/admin/themes")
def themes(request: Request, user: Admin, feedback: FeedbackDep, retriever: RetrieverDep) -> Response:
    summary = feedback.summary()
    totals = month_totals(summary.themes)
    context = {
        "user": user,
        "csrf": user.csrf,
        "summary": summary,
        "chart": theme_chart(summary.themes),
        "months": month_chart(totals),
        "month_names": list(totals),
        "sources": source_links(summary.citations, retriever.by_id),
    }
    return render(request, "themes.html", context)


@router.get("/admin/organisation")
def organisation(
    request: Request, user: Admin, programme: ProgrammeDep, knowledge: CorpusDep, usage: UsageDep
) -> Response:
    """The organisation's contacts and rules as companion renders them, and how often answers
    cite each of its own articles."""
    counts = {use.article_id: use for use in usage.counts()}
    local = [(article, counts.get(article.id)) for article in knowledge.articles if article.local]
    context = {"user": user, "csrf": user.csrf, "programme": programme, "local": local}
    return render(request, "organisation.html", context)
