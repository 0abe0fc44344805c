"""FastAPI dependencies, as `Annotated` aliases that routes take as parameters.

Each route asks for the one service it uses (guidance, feedback, keys, search, the corpus), so
that what a route depends on is visible in its signature and nothing is built before it is
needed. `ServicesDep` is for the health routes and the organisation page, which saves settings
that several services share."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from companion.auth import KeyStore, RevokedSessions
from companion.config import Settings
from companion.feedback.service import FeedbackService
from companion.guidance.service import GuidanceService
from companion.jobs import JobRunner
from companion.kb import Corpus
from companion.pairs import PairWorkspace, PeopleStore
from companion.rag.retriever import HybridRetriever
from companion.services import Services


def get_services(request: Request) -> Services:
    return request.app.state.services


ServicesDep = Annotated[Services, Depends(get_services)]


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_guidance(services: ServicesDep) -> GuidanceService:
    return services.guidance


def get_jobs(services: ServicesDep) -> JobRunner:
    return services.jobs


def get_feedback(services: ServicesDep) -> FeedbackService:
    return services.feedback


def get_keys(services: ServicesDep) -> KeyStore:
    return services.keys


def get_revoked_sessions(services: ServicesDep) -> RevokedSessions:
    return services.revoked_sessions


def get_retriever(services: ServicesDep) -> HybridRetriever:
    return services.retriever


def get_corpus(services: ServicesDep) -> Corpus:
    return services.knowledge


def get_workspace(services: ServicesDep) -> PairWorkspace:
    return services.workspace


def get_people(services: ServicesDep) -> PeopleStore:
    return services.people


SettingsDep = Annotated[Settings, Depends(get_settings)]
GuidanceDep = Annotated[GuidanceService, Depends(get_guidance)]
FeedbackDep = Annotated[FeedbackService, Depends(get_feedback)]
JobsDep = Annotated[JobRunner, Depends(get_jobs)]
KeysDep = Annotated[KeyStore, Depends(get_keys)]
RevokedSessionsDep = Annotated[RevokedSessions, Depends(get_revoked_sessions)]
RetrieverDep = Annotated[HybridRetriever, Depends(get_retriever)]
CorpusDep = Annotated[Corpus, Depends(get_corpus)]
WorkspaceDep = Annotated[PairWorkspace, Depends(get_workspace)]
PeopleDep = Annotated[PeopleStore, Depends(get_people)]
