"""Admins import survey exports and read the themes dashboard."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from companion.feedback.choices import ThemeChoiceError
from companion.feedback.drilldown import Filters, ThemeEntries, entries_csv
from companion.feedback.export import rejected_csv
from companion.feedback.parsing import ImportFileError
from companion.feedback.service import FeedbackService
from companion.pairs import PairWorkspace, Viewer
from companion.programme.settings import STARTER, ProgrammeError
from companion.rag.retriever import HybridRetriever
from companion.server.deps import FeedbackDep, JobsDep, RetrieverDep, ServicesDep, SettingsDep, WorkspaceDep
from companion.server.uploads import UploadTooLarge, read_upload
from companion.services import Services
from companion.web.auth import Admin, PostedForm, User
from companion.web.charts import month_chart, month_totals, theme_chart
from companion.web.pages import PageError, render
from companion.web.routes.common import page_router
from companion.web.sources import source_links

router = page_router()
SHOWN_ENTRIES = 200  # on the page; the CSV has them all


@router.get("/admin")
def admin_home(_: Admin) -> Response:
    return RedirectResponse("/admin/themes", status_code=303)


@router.get("/admin/import")
def import_form(request: Request, user: Admin) -> Response:
    return render(request, "import.html", {"user": user, "csrf": user.csrf})


@router.post("/admin/import")
async def import_feedback(
    request: Request,
    user: Admin,
    form: PostedForm,
    feedback: FeedbackDep,
    settings: SettingsDep,
    jobs: JobsDep,
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
    job = await run_in_threadpool(jobs.embed_feedback)
    return render(
        request,
        "import.html",
        {
            **context,
            "report": report,
            "filename": upload.filename,
            "job": job,
            "rejected_csv": rejected_csv(report.rejected),
        },
    )


@router.post("/admin/import/sessions")
async def import_sessions(
    request: Request, user: Admin, form: PostedForm, feedback: FeedbackDep, settings: SettingsDep
) -> Response:
    context = {"user": user, "csrf": user.csrf}
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        errors = {"sessions_file": "Choose a CSV or JSONL file of sessions."}
        return render(request, "import.html", {**context, "errors": errors}, 422)
    try:
        content = await read_upload(upload, settings.max_body_bytes)
        report = await run_in_threadpool(feedback.import_sessions, upload.filename, content)
    except (UploadTooLarge, ImportFileError) as error:
        status = 413 if isinstance(error, UploadTooLarge) else 400
        errors = {"sessions_file": f"{upload.filename}: {error}"}
        return render(request, "import.html", {**context, "errors": errors}, status)
    extra = {"sessions_report": report, "sessions_filename": upload.filename}
    return render(request, "import.html", {**context, **extra})


@router.get("/admin/jobs/{job_id}")
def job_page(request: Request, job_id: int, user: Admin, jobs: JobsDep) -> Response:
    job = jobs.status(job_id)
    if job is None:
        raise PageError(404, "No such job", "There is no background job with that number.")
    return render(request, "job.html", {"user": user, "csrf": user.csrf, "job": job})


@router.get("/admin/themes")
def themes(
    request: Request,
    user: Admin,
    feedback: FeedbackDep,
    retriever: RetrieverDep,
    workspace: WorkspaceDep,
    jobs: JobsDep,
) -> Response:
    reading = jobs.current()
    if reading is not None:  # the themes wait for the answers to be read, rather than read them here
        return render(request, "job.html", {"user": user, "csrf": user.csrf, "job": reading})
    done = request.query_params.get("done")
    return _themes_page(request, user, feedback, retriever, workspace, done=done if done in DONE else None)


DONE = {"renamed": "Theme renamed.", "merged": "Themes merged.", "undone": "Choice undone."}


def _themes_page(
    request: Request,
    user: User,
    feedback: FeedbackService,
    retriever: HybridRetriever,
    workspace: PairWorkspace,
    status: int = 200,
    **extra: object,
) -> Response:
    summary = feedback.summary()
    stalled = workspace.stalled(Viewer(user.key.id, user.key.person_id, user.role))
    totals = month_totals(summary.themes)
    context = {
        "user": user,
        "csrf": user.csrf,
        "summary": summary,
        "chart": theme_chart(summary.themes),
        "months": month_chart(totals),
        "month_names": list(totals),
        "sources": source_links(summary.citations, retriever.by_id),
        "stalled": stalled,
        "choices": feedback.theme_choices(),
        "done_message": DONE.get(str(extra.pop("done", None))),
        **extra,
    }
    return render(request, "themes.html", context, status)


async def _theme_choice(
    request: Request,
    user: User,
    feedback: FeedbackService,
    retriever: HybridRetriever,
    workspace: PairWorkspace,
    change: Callable[[], object],
    done: str,
) -> Response:
    """Make an admin's choice about the themes, then show them; an impossible choice shows the
    themes again with the reason, and nothing is stored."""
    try:
        await run_in_threadpool(change)
    except ThemeChoiceError as error:
        return await run_in_threadpool(
            _themes_page, request, user, feedback, retriever, workspace, error.status, choice_error=str(error)
        )
    return RedirectResponse(f"/admin/themes?done={done}#theme-choices", status_code=303)


def _number(value: object) -> int:
    text = str(value or "").strip()
    if not text.isdigit():
        raise ThemeChoiceError("Choose a theme.")
    return int(text)


@router.post("/admin/themes/{number}/rename")
async def rename_theme(
    request: Request,
    number: int,
    user: Admin,
    form: PostedForm,
    feedback: FeedbackDep,
    retriever: RetrieverDep,
    workspace: WorkspaceDep,
) -> Response:
    name, current = str(form.get("name") or ""), str(form.get("current_label") or "") or None
    return await _theme_choice(
        request,
        user,
        feedback,
        retriever,
        workspace,
        lambda: feedback.rename_theme(number, name, user.name, current_label=current),
        "renamed",
    )


@router.post("/admin/themes/merge")
async def merge_themes(
    request: Request,
    user: Admin,
    form: PostedForm,
    feedback: FeedbackDep,
    retriever: RetrieverDep,
    workspace: WorkspaceDep,
) -> Response:
    name = str(form.get("name") or "").strip() or None
    return await _theme_choice(
        request,
        user,
        feedback,
        retriever,
        workspace,
        lambda: feedback.merge_themes(
            [_number(form.get("first")), _number(form.get("second"))], user.name, name
        ),
        "merged",
    )


@router.post("/admin/themes/choices/{choice_id}/undo")
async def undo_theme_choice(
    request: Request,
    choice_id: int,
    user: Admin,
    form: PostedForm,
    feedback: FeedbackDep,
    retriever: RetrieverDep,
    workspace: WorkspaceDep,
) -> Response:
    return await _theme_choice(
        request,
        user,
        feedback,
        retriever,
        workspace,
        lambda: feedback.undo_theme_choice(choice_id, user.name),
        "undone",
    )


def _organisation_page(
    request: Request, user: User, services: Services, text: str | None = None, **extra: object
) -> Response:
    counts = {use.article_id: use for use in services.usage.counts()}
    local = [(article, counts.get(article.id)) for article in services.knowledge.articles if article.local]
    path = services.settings.effective_programme_file
    if text is None:
        # The settings in force, or the example to start from when there are none yet
        text = (path if path.is_file() else STARTER).read_text(encoding="utf-8")
    context = {
        "user": user,
        "csrf": user.csrf,
        "programme": services.programme,
        "local": local,
        "settings_file": path,
        "text": text,
        **extra,
    }
    status = 422 if extra.get("problems") else 200
    return render(request, "organisation.html", context, status=status)


@router.get("/admin/organisation")
def organisation(request: Request, user: Admin, services: ServicesDep) -> Response:
    """The organisation's contacts and rules as companion renders them, an editor for the
    programme settings, and how often answers cite each of the organisation's own articles."""
    return _organisation_page(request, user, services, saved=request.query_params.get("saved") == "1")


@router.post("/admin/organisation")
async def save_organisation(
    request: Request, user: Admin, form: PostedForm, services: ServicesDep
) -> Response:
    text = str(form.get("settings") or "")
    try:
        await run_in_threadpool(services.save_programme, text)
    except ProgrammeError as error:
        return _organisation_page(request, user, services, text, problems=error.problems)
    return RedirectResponse("/admin/organisation?saved=1", status_code=303)


def _filters(request: Request) -> Filters:
    """The drill-down's filters from the address; a value that is not one of the choices is ignored."""
    query = request.query_params
    month = query.get("month") or None
    rating = query.get("rating") or None
    return Filters(
        month=month if month and re.fullmatch(r"\d{4}-\d{2}", month) else None,
        role=query.get("role") or None,
        rating=int(rating) if rating and rating.isdigit() else None,
    )


def _theme_entries(feedback: FeedbackService, number: int, filters: Filters) -> ThemeEntries:
    found = feedback.theme_entries(number, filters)
    if found is None:
        raise PageError(
            404, "No such theme", "The themes have changed since that link was made: open them again."
        )
    return found


@router.get("/admin/themes/{number}")
def theme_page(request: Request, number: int, user: Admin, feedback: FeedbackDep) -> Response:
    """One theme's entries, filterable by month, role and rating, private answers withheld."""
    filters = _filters(request)
    found = _theme_entries(feedback, number, filters)
    context = {
        "user": user,
        "csrf": user.csrf,
        "number": number,
        "found": found,
        "filters": filters,
        "shown": found.entries[:SHOWN_ENTRIES],
        "query": request.url.query,
    }
    return render(request, "theme.html", context)


@router.get("/admin/themes/{number}/entries.csv")
def theme_csv(request: Request, number: int, user: Admin, feedback: FeedbackDep) -> Response:
    found = _theme_entries(feedback, number, _filters(request))
    return Response(
        entries_csv(found),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="theme-{number}-entries.csv"',
            "Cache-Control": "no-store",
        },
    )
