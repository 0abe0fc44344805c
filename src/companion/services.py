"""The long-lived services, built once per process (by the app's lifespan or the CLI)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass

from companion.config import Settings
from companion.kb import Corpus, load_corpus


@dataclass(frozen=True)
class Check:
    """One readiness check: its name, whether it passed, and what it found."""

    name: str
    ok: bool
    detail: str


@dataclass
class Services:
    settings: Settings
    corpus: Corpus

    def readiness(self) -> list[Check]:
        return [self._check_data_dir(), self._check_knowledge()]

    def _check_data_dir(self) -> Check:
        try:
            self.settings.data_dir.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.settings.data_dir):
                pass
        except OSError as error:
            return Check("data_dir", False, f"not writable: {error.strerror}")
        return Check("data_dir", True, "writable")

    def _check_knowledge(self) -> Check:
        if not self.corpus.articles:
            return Check("knowledge", False, f"no articles in {self.settings.knowledge_dir}")
        return Check("knowledge", True, f"{len(self.corpus.articles)} articles")

    def close(self) -> None:
        """Release what the services hold (clients, connections)."""


def build_services(settings: Settings) -> Services:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    corpus = load_corpus(settings.knowledge_dir)
    return Services(settings=settings, corpus=corpus)
