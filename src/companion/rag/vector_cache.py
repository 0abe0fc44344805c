"""A bounded, thread-safe memory of text -> vector.

The guidance composers compare requests with the same knowledge passages again and again, so
most of what they embed has been embedded before; without this, an agenda spent nine tenths of
its time re-embedding passages (see README, "Benchmarks": load).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

CAPACITY = 20_000  # about 30 MB of 384-dimension vectors


class VectorCache:
    """Least-recently-used text -> vector map."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._vectors)

    def get(self, text: str) -> np.ndarray | None:
        with self._lock:
            vector = self._vectors.get(text)
            if vector is not None:
                self._vectors.move_to_end(text)
            return vector

    def clear(self) -> None:
        with self._lock:
            self._vectors.clear()

    def put(self, text: str, vector: np.ndarray) -> None:
        if self.capacity <= 0:
            return
        vector = vector.copy()
        vector.flags.writeable = False  # callers get a view of what is stored: keep it intact
        with self._lock:
            self._vectors[text] = vector
            self._vectors.move_to_end(text)
            while len(self._vectors) > self.capacity:
                self._vectors.popitem(last=False)
