"""The HTTP API: app factory, lifespan, dependencies and routes."""

from companion.api.app import create_app

__all__ = ["create_app"]
