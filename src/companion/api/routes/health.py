"""Liveness and readiness; no key needed."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from companion import __version__
from companion.server.deps import ServicesDep

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is up")
def healthz() -> dict[str, str]:
    return {"status": "ok", "version": __version__}


@router.get(
    "/readyz",
    summary="The index and the database are usable",
    responses={503: {"description": "Not ready: the failing checks are named"}},
)
def readyz(services: ServicesDep) -> JSONResponse:
    checks = services.readiness()
    ready = all(check.ok for check in checks)
    body = {
        "status": "ready" if ready else "unavailable",
        "checks": {check.name: check.detail for check in checks},
    }
    if not ready:
        failing = ", ".join(check.name for check in checks if not check.ok)
        body["error"] = {"code": "dependency_unavailable", "message": f"not ready: {failing}"}
    return JSONResponse(body, status_code=200 if ready else 503)
