from hypothesis import given
from hypothesis import strategies as st

from companion.guidance.composer.minutes import allocate


@given(
    st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=9),
    st.integers(min_value=1, max_value=300),
)
def test_allocation_always_adds_up(shares: list[int], total: int) -> None:
    minutes = allocate(shares, total)
    assert sum(minutes) == total
    assert all(minute >= 0 for minute in minutes)
    if total >= 2 * len(shares):
        assert all(minute >= 2 for minute in minutes)


def test_allocation_follows_the_shares() -> None:
    assert allocate([10, 15, 35, 25, 15], 60) == [6, 9, 21, 15, 9]
