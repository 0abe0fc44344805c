"""The themes' granularity setting: Louvain's resolution gives fewer or more themes."""

from __future__ import annotations

import numpy as np

from companion.config import Settings
from companion.feedback import themes


def test_a_lower_resolution_gives_fewer_themes_and_a_higher_one_more() -> None:
    generator = np.random.default_rng(3)
    centres = generator.normal(size=(8, 32))
    centres[4:] = centres[:4] + 0.6 * generator.normal(size=(4, 32))  # four pairs of close subjects
    vectors = np.vstack([centre + 0.35 * generator.normal(size=(20, 32)) for centre in centres])
    texts = [f"answer {index}" for index in range(len(vectors))]
    counts = {
        resolution: len(set(themes.cluster(vectors, texts, resolution=resolution).tolist()))
        for resolution in (0.4, 1.0, 2.5)
    }
    assert counts[0.4] <= counts[1.0] <= counts[2.5]
    assert counts[0.4] < counts[2.5]


def test_the_setting_is_bounded() -> None:
    assert Settings(theme_resolution=1.5).theme_resolution == 1.5
    for wrong in (0.1, 5):
        try:
            Settings(theme_resolution=wrong)
        except ValueError:
            continue
        raise AssertionError(f"{wrong} was accepted")
