"""API keys and roles: who may call what."""

from companion.auth.keys import ROLES, KeyInfo, KeyRequestError, KeyStore, Role

__all__ = ["ROLES", "KeyInfo", "KeyRequestError", "KeyStore", "Role"]
