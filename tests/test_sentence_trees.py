"""The boosted sentence trees: read from JSON as LightGBM wrote them, used for Thai questions only."""
from __future__ import annotations

import json

import numpy as np
import pytest

from eval.fit_trees import fit_trees, tree_arrays
from eval.train_rerank import model_json
from search_api.answer import sentence_feature_names
from search_api.rerank import TreeModel, load_models

# one tree: x0 <= 0.5 ? (x1 <= 2 ? 1.0 : 2.0) : -3.0, as LightGBM's dump writes it
STUMP = {"split_feature": 0, "threshold": 0.5, "decision_type": "<=",
         "left_child": {"split_feature": 1, "threshold": 2.0, "decision_type": "<=",
                        "left_child": {"leaf_value": 1.0}, "right_child": {"leaf_value": 2.0}},
         "right_child": {"leaf_value": -3.0}}


def test_trees_route_each_row_to_its_leaf_and_bags_are_averaged():
    one = tree_arrays([STUMP], ("a", "b"))
    assert one.depth == 2
    x = np.array([[0.0, 1.0], [0.0, 5.0], [1.0, 0.0], [0.5, 2.0]])
    assert one.logit(x).tolist() == [1.0, 2.0, -3.0, 1.0]
    # a missing value reads as 0 (the trees were fitted on complete rows)
    assert one.logit(np.array([[np.nan, np.nan]])).tolist() == [1.0]
    # two bags of one tree each: the mean, not the sum
    two = tree_arrays([STUMP, {"leaf_value": 4.0}], ("a", "b"), bags=2)
    assert two.logit(x).tolist() == [2.5, 3.0, 0.5, 2.5]
    assert two.logit(np.zeros((0, 2))).shape == (0,)


def test_tree_model_round_trips_through_the_model_file_and_refuses_bad_arrays():
    model = tree_arrays([STUMP, {"leaf_value": 4.0}], ("a", "b"), bags=2)
    data = json.loads(model_json({"sentence_trees": model.as_dict()}))["sentence_trees"]
    back = TreeModel.from_dict(data, ("a", "b"))
    x = np.random.default_rng(0).normal(size=(50, 2))
    assert np.array_equal(back.logit(x), model.logit(x))
    with pytest.raises(ValueError, match="retrain"):
        TreeModel.from_dict(data, ("b", "a"))
    bad = json.loads(json.dumps(data))
    bad["left"][0][0] = 99   # a child outside the tree
    with pytest.raises(ValueError, match="outside"):
        TreeModel.from_dict(bad)
    bad = json.loads(json.dumps(data))
    bad["feature"][0][0] = 2   # a feature the model does not have
    with pytest.raises(ValueError, match="outside"):
        TreeModel.from_dict(bad)


def test_fitted_trees_score_as_lightgbm_does():
    lightgbm = pytest.importorskip("lightgbm")
    rng = np.random.default_rng(3)
    x = rng.normal(size=(600, 4))
    groups = np.repeat(np.arange(100), 6)
    y = np.zeros(600)
    y[np.arange(100) * 6 + np.argmax(x[:, 0].reshape(100, 6) + 0.5 * x[:, 1].reshape(100, 6), axis=1)] = 1.0
    model = fit_trees(x, y, groups, ("a", "b", "c", "d"), bags=2, trees=20)
    reference = []
    for seed in (1, 2):
        ranker = lightgbm.LGBMRanker(
            objective="lambdarank", lambdarank_truncation_level=5, n_estimators=20, learning_rate=0.1,
            num_leaves=8, max_depth=3, min_child_samples=20, subsample=0.8, subsample_freq=1,
            colsample_bytree=0.8, random_state=seed, deterministic=True, force_row_wise=True, verbose=-1)
        reference.append(ranker.fit(x, y, group=np.full(100, 6)).booster_.predict(x, raw_score=True))
    assert np.allclose(model.logit(x), np.mean(reference, axis=0), atol=1e-9)
    # and they learned the rule: the best-scored row of a group is its positive
    top = np.argmax(model.logit(x).reshape(100, 6), axis=1)
    assert y.reshape(100, 6)[np.arange(100), top].mean() > 0.9


def test_shipped_trees_serve_thai_questions_and_english_ones_keep_the_linear_model():
    models = load_models()
    assert models.sentence_trees is not None and models.tree_langs == ("th",)
    assert models.sentence_trees.features == sentence_feature_names(False)
    assert models.sentence_for("MoU ไทย-ลาว มีอายุกี่ปี") is models.sentence_trees
    assert models.sentence_for("how long does the Laos MoU last") is models.sentence
