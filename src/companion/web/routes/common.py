"""What every page module shares: its router settings."""

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from companion.web.pages import PageRoute


def page_router() -> APIRouter:
    return APIRouter(route_class=PageRoute, include_in_schema=False, default_response_class=HTMLResponse)
