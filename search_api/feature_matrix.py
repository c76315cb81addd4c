"""The feature matrix the learned models read: one row per candidate, one column per feature."""
from __future__ import annotations

import numpy as np


def feature_matrix(columns: list) -> np.ndarray:
    """``np.column_stack(columns)`` (float64, C order) for equal-length 1-D columns, at a
    fraction of its cost: it is built for every hit's sentences and spans on every search."""
    return np.ascontiguousarray(np.array(columns, dtype=np.float64).T)
