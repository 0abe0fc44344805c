"""Admins' theme choices: matched to today's themes by their entries, kept as a log (both stores)."""

from __future__ import annotations

import numpy as np
import pytest

from companion.db import Database
from companion.feedback.choices import (
    OTHER,
    Choice,
    ThemeChoiceError,
    ThemeChoiceStore,
    apply_merges,
    clean_name,
    holder,
    names_by_label,
)

IDS = [f"e{number}" for number in range(10)]


def choice(
    number: int, action: str, members: set[str], other: set[str] | None = None, name: str | None = None
) -> Choice:
    return Choice(
        number, action, name, frozenset(members), frozenset(other or ()), "then", "admin", None, None
    )  # type: ignore[arg-type]


def test_a_choice_follows_the_theme_that_holds_most_of_its_entries() -> None:
    labels = np.array([0, 0, 0, 1, 1, 1, 2, 2, OTHER, OTHER])
    assert holder(frozenset({"e0", "e1", "e2"}), IDS, labels) == 0
    # re-clustered: two of the three now sit in theme 5, the third moved
    assert holder(frozenset({"e0", "e1", "e3"}), IDS, np.array([5, 5, 0, 0, 1, 1, 2, 2, 3, 3])) == 5
    assert holder(frozenset({"e0", "e3", "e6", "e8"}), IDS, labels) is None  # scattered: no majority
    assert holder(frozenset({"e8", "e9"}), IDS, labels) is None  # "Other" is never a theme to name
    assert holder(frozenset({"gone-1", "gone-2"}), IDS, labels) is None  # entries no longer stored


def test_merges_join_themes_and_names_go_to_the_theme_of_their_entries() -> None:
    labels = np.array([0, 0, 0, 1, 1, 1, 2, 2, OTHER, OTHER])
    merge = choice(1, "merge", {"e0", "e1"}, {"e6", "e7"})
    stale = choice(2, "merge", {"e0"}, {"e1"})  # both now in one theme: nothing to do
    merged, applied = apply_merges(labels, IDS, [merge, stale])
    assert merged.tolist() == [0, 0, 0, 1, 1, 1, 0, 0, OTHER, OTHER] and applied == [1]
    first = choice(3, "rename", {"e3", "e4"}, name="Scheduling")
    later = choice(4, "rename", {"e4", "e5"}, name="Cancellations")
    named = names_by_label(merged, IDS, [merge, first, later])
    assert set(named) == {1} and named[1].name == "Cancellations"  # the later choice wins
    assert 0 not in named  # a merge without a name keeps the larger theme's


@pytest.mark.parametrize("name", ["", " ", "x", "a" * 81, "bad\x07name"])
def test_a_name_must_be_readable(name: str) -> None:
    with pytest.raises(ThemeChoiceError):
        clean_name(name)
    assert clean_name("  Senior   mentees short of time ") == "Senior mentees short of time"


def test_the_store_keeps_undone_choices_as_a_log(database: Database) -> None:
    store = ThemeChoiceStore(database)
    before = store.version()
    made = store.add("rename", {"a", "b"}, "Slot · end", "programme-admin", name="Scheduling")
    merged = store.add("merge", {"a"}, "A + B", "programme-admin", other_members={"c"})
    assert store.version() != before
    assert [item.id for item in store.active()] == [made.id, merged.id]
    assert merged.other_members == frozenset({"c"}) and made.members == frozenset({"a", "b"})
    undone = store.undo(made.id)
    assert undone.undone_at is not None
    assert [item.id for item in store.active()] == [merged.id]
    assert [item.id for item in store.all()] == [made.id, merged.id]  # still in the log
    with pytest.raises(ThemeChoiceError) as again:
        store.undo(made.id)
    assert again.value.status == 409
    with pytest.raises(ThemeChoiceError) as missing:
        store.undo(9999)
    assert missing.value.status == 404
