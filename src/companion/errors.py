"""Errors shared by the services, the CLI and the API."""

from __future__ import annotations


class DependencyUnavailable(RuntimeError):
    """A service the companion depends on (the Chroma index, the database) cannot be used now.

    The API answers 503 with code `dependency_unavailable`; the CLI exits with status 1. Both
    show the message, which names the dependency and what was found.
    """

    def __init__(self, dependency: str, message: str) -> None:
        super().__init__(message)
        self.dependency = dependency
        self.message = message
