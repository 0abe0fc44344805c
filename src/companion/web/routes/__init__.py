"""The web UI's pages, one module per area."""

from fastapi import APIRouter

from companion.web.routes import account, admin, agendas, knowledge, mentee, mentor, pairs, people

router = APIRouter()
for module in (account, mentor, mentee, admin, knowledge, pairs, agendas, people):
    router.include_router(module.router)
