"""Gradient-boosted trees for the answer sentence, written as ``search_api.rerank.TreeModel``.

LightGBM's LambdaRank (the eval extra; only training needs it) learns from the same sentence
groups as the linear listwise fit (``eval.train_rerank``: the units of each answer-holding
passage of a train question, the ones that hold a gold answer positive). Several bags of trees,
each from its own seed, are averaged: one bag's valid span@1 moved by up to a point with its
seed. The trees are read out of LightGBM's model dump into plain arrays (no pickle, no LightGBM
at serving time). The settings were chosen on iApp valid through the whole pipeline (rank-1
span@1 of the Thai questions; ``README.md``, issue 10).
"""
from __future__ import annotations

import numpy as np

from search_api.rerank import TreeModel

BAGS = 3
TREES = 200          # per bag
DEPTH = 3            # every split at most 3 deep: a row reaches its leaf in 3 steps
LEARNING_RATE = 0.1
MIN_CHILD_ROWS = 20
TRUNCATION = 5       # LambdaRank looks at the first 5 places of each group


def fit_trees(x: np.ndarray, y: np.ndarray, groups: np.ndarray, features: tuple[str, ...],
              bags: int = BAGS, trees: int = TREES, depth: int = DEPTH,
              learning_rate: float = LEARNING_RATE) -> TreeModel:
    """LambdaRank trees over ``x`` (``groups``: contiguous ids, one per set of candidates of
    which one is chosen; ``y`` 1 where a candidate holds the answer), ``bags`` of them averaged."""
    import lightgbm

    groups = np.asarray(groups)
    if len(groups) and (np.diff(groups) < 0).any():
        raise ValueError("groups must be contiguous and in order")
    _, sizes = np.unique(groups, return_counts=True)
    dumps = []
    for seed in range(1, bags + 1):
        ranker = lightgbm.LGBMRanker(
            objective="lambdarank", lambdarank_truncation_level=TRUNCATION, n_estimators=trees,
            learning_rate=learning_rate, num_leaves=2 ** depth, max_depth=depth,
            min_child_samples=MIN_CHILD_ROWS, subsample=0.8, subsample_freq=1, colsample_bytree=0.8,
            random_state=seed, deterministic=True, force_row_wise=True, verbose=-1)
        ranker.fit(np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64), group=sizes)
        dumps += [t["tree_structure"] for t in ranker.booster_.dump_model()["tree_info"]]
    return tree_arrays(dumps, features, bags)


def tree_arrays(dumps: list[dict], features: tuple[str, ...], bags: int = 1) -> TreeModel:
    """``TreeModel`` of LightGBM ``tree_structure`` dicts (numerical ``<=`` splits only)."""
    tables = [_flatten(d) for d in dumps]
    nodes = max((len(t) for t in tables), default=1)
    shape = (len(tables), nodes)
    feature, left, right = (np.zeros(shape, dtype=np.int64) for _ in range(3))
    threshold, value = np.zeros(shape), np.zeros(shape)
    left[:], right[:] = np.arange(nodes), np.arange(nodes)   # padding nodes: leaves worth 0
    depth = 0
    for t, table in enumerate(tables):
        for j, (f, thr, lo, hi, v, d) in enumerate(table):
            feature[t, j], threshold[t, j], value[t, j] = f, thr, v
            left[t, j], right[t, j] = (j, j) if lo < 0 else (lo, hi)
            depth = max(depth, d)
    return TreeModel(tuple(features), feature, threshold, left, right, value, depth, bags)


def _flatten(tree: dict) -> list[tuple]:
    """(feature, threshold, left, right, value, depth) per node, breadth first; a leaf's children -1."""
    out, queue = [], [(tree, 0)]
    while queue:
        node, d = queue.pop(0)
        if "leaf_value" in node:
            out.append((0, 0.0, -1, -1, float(node["leaf_value"]), d))
            continue
        if node.get("decision_type", "<=") != "<=":
            raise ValueError(f"unsupported split {node.get('decision_type')!r}")
        base = len(out) + len(queue) + 1
        out.append((int(node["split_feature"]), float(node["threshold"]), base, base + 1, 0.0, d + 1))
        queue += [(node["left_child"], d + 1), (node["right_child"], d + 1)]
    return out
