"""Who may see and change what in a pair's workspace.

- A mentor or mentee sees only the pairs they are in; any other pair is "not found", so that
  its existence is not revealed.
- An admin sees every pair's cadence (dates, topics, counts), goals and shared items, never a
  private reflection and never the pair's session notes, and changes nothing inside a pair.
- Reflections are their author's alone unless shared; agendas are their planner's until shared.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from companion.db.models import Pair
from companion.pairs.schemas import Side


@dataclass(frozen=True)
class Viewer:
    """The caller: their key, the person it belongs to (if any) and the key's role."""

    key_id: int
    person_id: int | None
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


class WorkspaceError(ValueError):
    """A request that cannot be carried out as sent (a wrong person, a date in the future...)."""


class Conflict(WorkspaceError):
    """The request is well formed but clashes with what is stored (a name taken, a duplicate)."""


class NotFound(LookupError):
    """No such item, or one the caller may not know about."""


class Forbidden(PermissionError):
    """The caller can see the item but may not do this to it."""


def side_of(pair: Pair, viewer: Viewer) -> Side | None:
    if viewer.person_id is not None and viewer.person_id == pair.mentor_id:
        return "mentor"
    if viewer.person_id is not None and viewer.person_id == pair.mentee_id:
        return "mentee"
    if viewer.is_admin:
        return "admin"
    return None


def visible_pair(session: Session, viewer: Viewer, pair_id: int) -> tuple[Pair, Side]:
    pair = session.get(Pair, pair_id)
    side = side_of(pair, viewer) if pair is not None else None
    if pair is None or side is None:
        raise NotFound(f"no pair {pair_id} of yours")
    return pair, side


def member_pair(session: Session, viewer: Viewer, pair_id: int) -> tuple[Pair, Side]:
    """The pair when the caller is its mentor or mentee: only they write in it."""
    pair, side = visible_pair(session, viewer, pair_id)
    if side == "admin":
        raise Forbidden("only the pair's mentor and mentee write in its workspace")
    return pair, side
