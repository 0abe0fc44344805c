"""The web UI's pages, one module per area."""

from fastapi import APIRouter

from companion.web.routes import account, admin, knowledge, mentee, mentor

router = APIRouter()
for module in (account, mentor, mentee, admin, knowledge):
    router.include_router(module.router)
