"""Share a session's minutes between its segments so that they add up exactly."""

from __future__ import annotations

import math
from collections.abc import Sequence


def allocate(shares: Sequence[float], total: int, minimum: int = 2) -> list[int]:
    """Largest-remainder allocation of `total` minutes in proportion to `shares`.

    Each segment gets at least `minimum` minutes when the total allows it; the result always
    sums to `total`.
    """
    if not shares:
        return []
    if total < minimum * len(shares):
        minimum = 0
    weight = sum(shares) or len(shares)
    exact = [total * (share or weight / len(shares)) / weight for share in shares]
    minutes = [max(minimum, math.floor(value)) for value in exact]
    # Hand out (or take back) the difference, largest remainders first.
    order = sorted(range(len(exact)), key=lambda index: exact[index] - math.floor(exact[index]), reverse=True)
    difference = total - sum(minutes)
    step = 1 if difference > 0 else -1
    while difference:
        for index in order if step > 0 else sorted(range(len(minutes)), key=lambda i: -minutes[i]):
            if difference == 0:
                break
            if step < 0 and minutes[index] <= minimum:
                continue
            minutes[index] += step
            difference -= step
    return minutes
