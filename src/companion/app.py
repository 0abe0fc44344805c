"""The FastAPI app: the JSON API (`api/`) and the web UI (`web/`) side by side.

Long-lived services are made once, in the lifespan, and built on first use; the knowledge index
is brought up to date in the background, so that `/healthz` answers at once and `/readyz`
reports "indexing N %" until the index is ready."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from swagger_ui_bundle import swagger_ui_path

from companion import __version__, web
from companion.api.routes import feedback, guidance, health, keys, pairs, people, search
from companion.config import Settings, get_settings
from companion.server.errors import http_error, install_error_handlers
from companion.server.headers import SecurityHeaders
from companion.server.limits import BodySizeLimit, RateLimiter
from companion.server.request_log import RequestLog
from companion.services import Services
from companion.web.pages import browser_error, wants_html

DESCRIPTION = """
An AI-assisted companion for reverse-mentoring programmes. Every `/v1` route needs an API key
(`Authorization: Bearer <key>`, from `companion keys create`). Mentors and mentees use the
guidance routes and submit feedback; admins also import feedback, read its summary and manage keys.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; services are created when it starts, not at import."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services = Services(settings)
        services.check_organisation()  # a broken programme file or local article stops the start
        app.state.services = services
        services.start_indexing()
        if settings.background_jobs:
            services.start_jobs()
        try:
            yield
        finally:
            services.close()

    app = FastAPI(
        title="companion",
        version=__version__,
        summary="An AI-assisted companion for reverse-mentoring programmes.",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served below from local files: /docs works offline
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.rate_limiter = RateLimiter(settings.rate_limit_per_minute)
    install_error_handlers(app)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> Response:
        """A browser gets a page for an unknown address or a wrong method; clients get JSON."""
        if wants_html(request) and error.status_code in (404, 405):
            return browser_error(request, error.status_code)
        return await http_error(request, error)

    routers = (health, search, guidance, feedback, keys, people, pairs)
    for router in (module.router for module in routers):
        app.include_router(router)
    app.mount("/static/swagger", StaticFiles(directory=str(swagger_ui_path)), name="swagger")
    app.include_router(web.router)  # the web UI's pages, at /
    app.mount("/static/web", StaticFiles(directory=str(web.STATIC_DIR)), name="web-static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="companion API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/swagger/favicon-32x32.png",
        )

    app.add_middleware(BodySizeLimit, limit=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(RequestLog)
    return app
