"""API keys and roles: who may call what; web sessions revoked at sign-out."""

from companion.auth.keys import (
    ROLES,
    KeyInfo,
    KeyNameTaken,
    KeyNotFound,
    KeyPersonMismatch,
    KeyPersonNotFound,
    KeyRequestError,
    KeyStore,
    Role,
)
from companion.auth.web_sessions import RevokedSessions

__all__ = [
    "ROLES",
    "KeyInfo",
    "KeyNameTaken",
    "KeyNotFound",
    "KeyPersonMismatch",
    "KeyPersonNotFound",
    "KeyRequestError",
    "KeyStore",
    "RevokedSessions",
    "Role",
]
