"""FastAPI dependencies, as `Annotated` aliases that routes take as parameters."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from companion.config import Settings
from companion.services import Services


def get_services(request: Request) -> Services:
    return request.app.state.services


def get_app_settings(services: Annotated[Services, Depends(get_services)]) -> Settings:
    return services.settings


ServicesDep = Annotated[Services, Depends(get_services)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
