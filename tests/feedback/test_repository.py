"""The programme repository on SQLite and PostgreSQL: idempotent imports, one transaction each."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import numpy as np
import pytest
from sqlalchemy.orm import Session

from companion.db import Database
from companion.feedback import repository as repository_module
from companion.feedback.repository import ProgrammeRepository
from companion.feedback.schemas import FeedbackIn, SessionIn

SOURCE = "survey.csv"


@pytest.fixture
def repository(database: Database) -> ProgrammeRepository:
    return ProgrammeRepository(database)


def survey(external_ids: bool) -> list[FeedbackIn]:
    """Three answers of two pairs, as one survey export gives them."""
    answers = [
        ("Our sessions keep getting cancelled", 2, "mentor", "pair-01"),
        ("Learning to prompt an assistant was great", 5, "mentee", "pair-02"),
        ("Good, but too short", 4, "mentee", "pair-01"),
    ]
    return [
        FeedbackIn(
            text=text,
            rating=rating,
            author_role=role,
            pair_id=pair,
            submitted_at=datetime(2026, 3, day, 10, 0, tzinfo=UTC),
            external_id=f"r{day}" if external_ids else None,
        )
        for day, (text, rating, role, pair) in enumerate(answers, start=1)
    ]


@pytest.mark.parametrize("external_ids", [True, False], ids=["external-id", "content-hash"])
def test_importing_the_same_entries_twice_stores_them_once(
    repository: ProgrammeRepository, external_ids: bool
) -> None:
    entries = survey(external_ids)
    assert repository.import_feedback(entries, SOURCE) == (3, 0)
    assert repository.import_feedback(entries, "survey-again.csv") == (0, 3)
    stored = repository.feedback()
    assert sorted(entry.text for entry in stored) == sorted(entry.text for entry in entries)
    if not external_ids:  # the same answer re-exported with other spacing and case: a duplicate
        reexported = entries[0].model_copy(update={"text": "  our sessions KEEP getting\ncancelled "})
        assert repository.import_feedback([reexported], SOURCE) == (0, 1)
        other_rating = entries[0].model_copy(update={"rating": 3})
        assert repository.import_feedback([other_rating], SOURCE) == (1, 0)


def test_duplicates_inside_one_file_are_stored_once_the_first_one_wins(
    repository: ProgrammeRepository,
) -> None:
    first, second, third = survey(external_ids=True)
    same_id = second.model_copy(update={"text": "An edited answer"})
    copy_without_id = FeedbackIn(text="No id", rating=3)
    entries = [first, second, same_id, third, copy_without_id, copy_without_id]
    assert repository.import_feedback(entries, SOURCE) == (4, 2)
    assert sorted(entry.text for entry in repository.feedback()) == sorted(
        [first.text, second.text, third.text, "No id"]
    )


def test_add_feedback_with_a_known_external_id_returns_the_stored_entry(
    repository: ProgrammeRepository,
) -> None:
    repository.import_feedback(survey(external_ids=True), SOURCE)
    imported = {entry.public_id: entry.id for entry in repository.feedback()}
    assert repository.add_feedback(FeedbackIn(text="Posted again", external_id="r1")) == imported["r1"]
    first = repository.add_feedback(FeedbackIn(text="Posted", external_id="form-1"))
    assert repository.add_feedback(FeedbackIn(text="Posted", external_id="form-1")) == first
    # Without an external id, two identical posts are two entries: people may say the same thing.
    same = FeedbackIn(text="Same")
    assert repository.add_feedback(same) != repository.add_feedback(same)
    assert len(repository.feedback()) == 3 + 1 + 2


def test_an_import_that_fails_midway_leaves_nothing_and_can_be_rerun(
    repository: ProgrammeRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = survey(external_ids=True)
    insert = repository_module._insert_ignoring_duplicates
    inserted: list[int] = []

    def insert_then_crash(session: Session, rows: list[dict[str, object]]) -> None:
        insert(session, rows)
        inserted.append(len(rows))
        raise RuntimeError("the process died mid-import")

    with monkeypatch.context() as patch:
        patch.setattr(repository_module, "_insert_ignoring_duplicates", insert_then_crash)
        with pytest.raises(RuntimeError, match="mid-import"):
            repository.import_feedback(entries, SOURCE)
    assert inserted == [3]  # the rows and their pairs had been written in the transaction
    assert repository.feedback() == []
    assert repository.pair_names() == []

    assert repository.import_feedback(entries, SOURCE) == (3, 0)
    assert sorted(repository.pair_names()) == ["pair-01", "pair-02"]


def test_pairs_are_created_once_and_reused(repository: ProgrammeRepository) -> None:
    repository.import_feedback(survey(external_ids=True), SOURCE)
    repository.import_feedback([FeedbackIn(text="Later", pair_id="pair-02", external_id="r9")], SOURCE)
    repository.add_feedback(FeedbackIn(text="Posted", pair_id="pair-01"))
    repository.add_session(SessionIn(pair_id="pair-03", held_on=date(2026, 3, 5), topic="AI tools"))
    repository.add_session(SessionIn(pair_id="pair-01", held_on=date(2026, 3, 5), topic="AI tools"))
    assert sorted(repository.pair_names()) == ["pair-01", "pair-02", "pair-03"]
    pairs = [entry.pair for entry in repository.feedback()]
    assert sorted(pairs) == ["pair-01", "pair-01", "pair-01", "pair-02", "pair-02"]


def test_add_session_records_a_meeting_once_per_pair_day_and_topic(repository: ProgrammeRepository) -> None:
    meeting = SessionIn(pair_id="pair-01", held_on=date(2026, 3, 5), topic="Prompting", notes="good")
    assert repository.add_session(meeting) is True
    assert repository.add_session(meeting.model_copy(update={"notes": "other notes"})) is False
    assert repository.add_session(meeting.model_copy(update={"topic": "Video calls"})) is True
    assert repository.add_session(meeting.model_copy(update={"held_on": date(2026, 3, 6)})) is True
    pairs, dates = repository.pair_activity()
    assert pairs == 1
    assert sorted(dates["pair-01"]) == [date(2026, 3, 5), date(2026, 3, 5), date(2026, 3, 6)]


def test_feedback_reads_back_aware_utc_datetimes_in_time_order(repository: ProgrammeRepository) -> None:
    paris = timezone(timedelta(hours=2))
    repository.add_feedback(FeedbackIn(text="Naive", submitted_at=datetime(2026, 3, 2, 9, 0)))
    repository.add_feedback(FeedbackIn(text="Paris", submitted_at=datetime(2026, 3, 2, 10, 0, tzinfo=paris)))
    repository.add_feedback(FeedbackIn(text="Now", external_id="x1", private=True))
    before = datetime.now(UTC) - timedelta(minutes=5)
    stored = repository.feedback()
    assert [entry.text for entry in stored] == ["Paris", "Naive", "Now"]
    assert all(entry.submitted_at.tzinfo == UTC for entry in stored)
    assert stored[0].submitted_at == datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    assert stored[1].submitted_at == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # naive is taken as UTC
    assert stored[2].submitted_at > before
    assert (stored[2].public_id, stored[2].private) == ("x1", True)
    assert stored[0].public_id == stored[0].id and not stored[0].private


def test_embeddings_round_trip_as_float32(
    repository: ProgrammeRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(repository_module, "IN_CLAUSE", 2)  # several IN (...) queries
    ids = [repository.add_feedback(FeedbackIn(text=f"Entry {index}")) for index in range(4)]
    vectors = {
        ids[0]: np.array([0.1, -0.2, 0.3]),  # float64 in, float32 out
        ids[1]: np.array([1.5, 0.0, -2.25], dtype=np.float32),
        ids[3]: np.linspace(-1, 1, 384, dtype=np.float32),
    }
    repository.store_embeddings("model-a", vectors)
    repository.store_embeddings("model-b", {ids[0]: np.array([9.0, 9.0, 9.0])})

    found = repository.embeddings("model-a", ids)
    assert set(found) == {ids[0], ids[1], ids[3]}
    for feedback_id, vector in vectors.items():
        assert found[feedback_id].dtype == np.float32
        np.testing.assert_array_equal(found[feedback_id], vector.astype(np.float32))
    assert set(repository.embeddings("model-b", ids)) == {ids[0]}
    assert repository.embeddings("model-a", []) == {}

    repository.store_embeddings("model-a", {ids[0]: np.array([4.0, 5.0, 6.0])})  # replaced, not added
    np.testing.assert_array_equal(repository.embeddings("model-a", [ids[0]])[ids[0]], [4.0, 5.0, 6.0])
