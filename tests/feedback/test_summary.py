"""Small clusters: folded into "Other", and never an "Other" so small it singles someone out."""

import numpy as np

from companion.feedback.summary import OTHER, fold_small


def test_clusters_below_the_smallest_theme_become_other() -> None:
    labels = np.array([0, 0, 0, 1, 1, 1, 2, 3, 4])
    assert fold_small(labels).tolist() == [0, 0, 0, 1, 1, 1, OTHER, OTHER, OTHER]


def test_an_other_of_fewer_than_three_entries_joins_the_nearest_theme() -> None:
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [0.0, 1.0], [0.1, 0.99]])
    labels = np.array([0, 0, 0, 1, 1, 1, 2])
    assert fold_small(labels, vectors).tolist() == [0, 0, 0, 1, 1, 1, 1]
    # (without the vectors, as before: "Other")
    assert fold_small(labels).tolist()[-1] == OTHER
