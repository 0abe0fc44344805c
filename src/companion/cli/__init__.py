"""The `companion` command line. Human output with Rich; `--json` where machines read it."""

from companion.cli.main import app

__all__ = ["app"]
