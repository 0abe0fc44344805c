"""Admins' choices about the themes: renames and merges that outlive re-imports and re-clustering.

Themes are recomputed from the entries on every summary, so a theme has no lasting identity of
its own. A choice therefore records the theme by its entries, and is applied to whichever theme
holds most of those entries now (at least MATCH of the ones still stored): a theme that grew with
a new import keeps its admin's name, and a choice whose entries have scattered across several
themes is kept in the log but no longer applied. Choices are applied in the order they were made,
so a later rename of the same theme wins. Undoing a choice keeps its row (the log of who chose
what, and when).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from companion.db import Database
from companion.db.models import ThemeChoice

OTHER = -1  # the label of the entries in no theme (as in summary.py)
MATCH = 0.5
NAME = re.compile(r"[^\x00-\x1f\x7f]{2,80}")


class ThemeChoiceError(ValueError):
    """A choice that cannot be made, in words for the admin; `status` is the HTTP status."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Choice:
    id: int
    action: str  # rename, merge
    name: str | None
    members: frozenset[str]  # the entries' stored ids
    other_members: frozenset[str]  # a merge's second theme
    label_then: str
    chosen_by: str
    created_at: datetime
    undone_at: datetime | None


def clean_name(name: str) -> str:
    """The name as shown: spaces collapsed; 2 to 80 characters, no control characters."""
    cleaned = " ".join(name.split())
    if not NAME.fullmatch(cleaned):
        raise ThemeChoiceError("A theme's name must have 2 to 80 characters (letters, digits, punctuation).")
    return cleaned


def holder(members: frozenset[str], ids: Sequence[str], labels: np.ndarray) -> int | None:
    """The theme (cluster label) that holds at least MATCH of the members still stored, or None."""
    present = [int(labels[index]) for index, entry_id in enumerate(ids) if entry_id in members]
    if not present:
        return None
    label, count = Counter(present).most_common(1)[0]
    return label if label != OTHER and count >= MATCH * len(present) else None


def apply_merges(
    labels: np.ndarray, ids: Sequence[str], choices: Sequence[Choice]
) -> tuple[np.ndarray, list[int]]:
    """The labels with each merge applied (the second theme's entries join the first), and the ids
    of the merges that applied."""
    merged = labels.copy()
    applied = []
    for choice in choices:
        if choice.action != "merge":
            continue
        first, second = holder(choice.members, ids, merged), holder(choice.other_members, ids, merged)
        if first is not None and second is not None and first != second:
            merged[merged == second] = first
            applied.append(choice.id)
    return merged, applied


def names_by_label(labels: np.ndarray, ids: Sequence[str], choices: Sequence[Choice]) -> dict[int, Choice]:
    """The admin's name for each theme that has one: a rename, or a merge given a name. Applied in
    the order made, so the latest choice about a theme wins."""
    named: dict[int, Choice] = {}
    for choice in choices:
        if choice.name is None:
            continue
        label = holder(choice.members | choice.other_members, ids, labels)
        if label is not None:
            named[label] = choice
    return named


class ThemeChoiceStore:
    def __init__(self, database: Database) -> None:
        self.database = database

    def add(
        self,
        action: str,
        members: set[str],
        label_then: str,
        chosen_by: str,
        name: str | None = None,
        other_members: set[str] | None = None,
    ) -> Choice:
        def work(session: Session) -> Choice:
            row = ThemeChoice(
                action=action,
                name=name,
                members_json=json.dumps(sorted(members)),
                other_members_json=json.dumps(sorted(other_members)) if other_members is not None else None,
                label_then=label_then[:200],
                chosen_by=chosen_by[:200],
                created_at=datetime.now(UTC),
            )
            session.add(row)
            session.flush()
            return _choice(row)

        return self.database.write(work)

    def all(self) -> list[Choice]:
        """Every choice, undone ones included, oldest first."""
        return self.database.read(
            lambda session: [
                _choice(row) for row in session.scalars(select(ThemeChoice).order_by(ThemeChoice.id))
            ]
        )

    def active(self) -> list[Choice]:
        return [choice for choice in self.all() if choice.undone_at is None]

    def undo(self, choice_id: int) -> Choice:
        def work(session: Session) -> Choice:
            row = session.get(ThemeChoice, choice_id)
            if row is None:
                raise ThemeChoiceError(f"There is no theme choice {choice_id}.", status=404)
            if row.undone_at is not None:
                raise ThemeChoiceError(f"Theme choice {choice_id} was undone already.", status=409)
            row.undone_at = datetime.now(UTC)
            session.flush()
            return _choice(row)

        return self.database.write(work)

    def version(self) -> tuple[object, ...]:
        """Changes whenever a choice is made or undone (for the summary's cache)."""
        return self.database.read(
            lambda session: tuple(
                session.execute(
                    select(
                        func.count(ThemeChoice.id),
                        func.max(ThemeChoice.id),
                        func.count(ThemeChoice.undone_at),
                    )
                ).one()
            )
        )


def _choice(row: ThemeChoice) -> Choice:
    return Choice(
        id=row.id,
        action=row.action,
        name=row.name,
        members=frozenset(json.loads(row.members_json)),
        other_members=frozenset(json.loads(row.other_members_json or "[]")),
        label_then=row.label_then,
        chosen_by=row.chosen_by,
        created_at=row.created_at,
        undone_at=row.undone_at,
    )
