"""The FastAPI app factory. Long-lived services are built once, in the lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from companion import __version__
from companion.api.errors import install_error_handlers
from companion.api.routes import feedback, guidance, health, search
from companion.config import Settings, get_settings
from companion.services import build_services


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; services are created when it starts, not at import."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services = build_services(settings)
        app.state.services = services
        try:
            yield
        finally:
            services.close()

    app = FastAPI(
        title="companion",
        version=__version__,
        summary="An AI-assisted companion for reverse-mentoring programmes.",
        lifespan=lifespan,
    )
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(search.router)
    app.include_router(guidance.router)
    app.include_router(feedback.router)
    return app
