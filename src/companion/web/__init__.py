"""The web UI: server-rendered pages (Jinja2) and their static files, on the API's services."""

from companion.web.pages import STATIC_DIR
from companion.web.routes import router

__all__ = ["STATIC_DIR", "router"]
