"""Speed-ups inside the Searcher must select exactly what the plain code selected."""
from __future__ import annotations

import numpy as np

from search_api.searcher import top_indices


def test_top_indices_is_the_stable_argsort_prefix_as_a_set():
    rng = np.random.default_rng(7)
    for trial in range(2000):
        m, n = int(rng.integers(0, 40)), int(rng.integers(0, 50))
        # Half the trials with many ties, where the cut must prefer lower indices.
        scores = (rng.integers(0, 4, size=m) if trial % 2 else rng.random(m)).astype(np.float32)
        expected = set(np.argsort(-scores, kind="stable")[:n].tolist())
        assert set(top_indices(scores, n).tolist()) == expected


def test_top_indices_ties_at_the_cut_go_to_lower_indices():
    scores = np.array([1.0, 3.0, 2.0, 2.0, 2.0, 0.5], dtype=np.float32)
    assert sorted(top_indices(scores, 3).tolist()) == [1, 2, 3]
