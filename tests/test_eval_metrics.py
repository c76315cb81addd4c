"""Metric plumbing against values worked out by hand on tiny runs."""
import math

import pytest

from eval.metrics import mean, per_query
from eval.significance import compare, randomization_test
from eval.trec import as_scored, read_qrels, read_run, strictly_decreasing, write_qrels, write_run

LOG2 = math.log2

QRELS = {"q1": {"a": 2, "b": 1}, "q2": {"x": 1}, "q3": {"z": 1}}
RUN = {"q1": [("c", 3.0), ("b", 2.0), ("a", 1.0)],   # grade 1 at rank 2, grade 2 at rank 3
       "q2": [("y", 0.9), ("w", 0.8), ("x", 0.7)],   # the only relevant doc at rank 3
       }                                             # q3 judged, nothing retrieved


def test_hand_worked_values():
    s = per_query(QRELS, as_scored(RUN))
    # q1: DCG = 0 + 1/log2(3) + 2/log2(4); ideal = 2/log2(2) + 1/log2(3)
    assert s["ndcg@10"]["q1"] == pytest.approx((1 / LOG2(3) + 2 / LOG2(4)) / (2 + 1 / LOG2(3)))
    assert s["mrr@10"]["q1"] == pytest.approx(1 / 2)
    assert s["recall@1"]["q1"] == 0
    assert s["recall@5"]["q1"] == pytest.approx(2 / 2)
    # q2: DCG = 1/log2(4) = 1/2, ideal = 1/log2(2) = 1
    assert s["ndcg@10"]["q2"] == pytest.approx(1 / 2)
    assert s["mrr@10"]["q2"] == pytest.approx(1 / 3)
    # q3 is judged but the run has nothing: 0, and it still counts in the mean
    assert s["ndcg@10"]["q3"] == 0 and s["mrr@10"]["q3"] == 0
    assert mean(s["mrr@10"]) == pytest.approx((1 / 2 + 1 / 3 + 0) / 3)
    assert mean(s["recall@10"]) == pytest.approx((1 + 1 + 0) / 3)


def test_hit_at_1_counts_a_re_release_at_rank_1_as_right():
    # a quote judges the release and its re-release: the release first is recall 1/2, hit 1
    qrels = {"q": {"release": 2, "re-release": 2}, "r": {"release": 2, "re-release": 2}}
    run = {"q": [("release", 2.0), ("other", 1.0)], "r": [("other", 2.0), ("release", 1.0)]}
    s = per_query(qrels, as_scored(run), metrics=("recall@1", "hit@1"))
    assert s["recall@1"]["q"] == pytest.approx(1 / 2) and s["hit@1"]["q"] == 1
    assert s["recall@1"]["r"] == 0 and s["hit@1"]["r"] == 0


def test_cutoffs_apply():
    run = {"q": [(f"d{i}", 20.0 - i) for i in range(1, 13)]}   # relevant d11 at rank 11
    s = per_query({"q": {"d11": 1}}, as_scored(run))
    assert s["mrr@10"]["q"] == 0 and s["recall@10"]["q"] == 0 and s["ndcg@10"]["q"] == 0


def test_ties_keep_our_rank_order():
    # trec_eval breaks score ties by docno; we keep the searcher's order: relevant "a" is 2nd
    run = {"q": [("b", 0.5), ("a", 0.5)]}
    assert strictly_decreasing([0.5, 0.5, 0.7]) == [0.5, 0.499999, 0.499998]
    assert per_query({"q": {"a": 1}}, as_scored(run))["mrr@10"]["q"] == pytest.approx(1 / 2)


def test_trec_files_round_trip(tmp_path):
    run = {"q 1": [("doc one.md#0", 0.9), ("d#1", 0.9)]}
    write_run(tmp_path / "r.trec", {"q1": run["q 1"]}, "tag")
    line = (tmp_path / "r.trec").read_text().splitlines()[0]
    assert line == "q1 Q0 doc%20one.md#0 1 0.900000 tag"
    assert read_run(tmp_path / "r.trec") == {"q1": [("doc one.md#0", 0.9), ("d#1", 0.899999)]}
    write_qrels(tmp_path / "q.txt", {"q1": {"doc one.md#0": 2}})
    assert read_qrels(tmp_path / "q.txt") == {"q1": {"doc one.md#0": 2}}


def test_randomization_test_exact_values():
    # one query of three moves: flipping its sign gives the same |mean|, so p = 1
    assert randomization_test([0, 0, 0], [1, 0, 0]) == 1.0
    # five queries all +1: only the all-plus and all-minus patterns reach |mean| = 1 -> 2 / 2**5
    assert randomization_test([0] * 5, [1] * 5) == pytest.approx(2 / 2 ** 5)
    assert randomization_test([0] * 6, [1] * 6) == pytest.approx(2 / 2 ** 6)
    assert randomization_test([1, 2], [1, 2]) == 1.0


def test_compare_reports_a_one_question_gain_as_not_significant():
    a = {f"q{i}": 0.0 for i in range(100)}
    b = dict(a, q0=1.0)
    c = compare(a, b)
    assert c["diff"] == pytest.approx(1 / 100)
    assert (c["wins"], c["losses"], c["ties"]) == (1, 0, 99)
    assert not c["significant"] and c["p_randomization"] > 0.5
    strong = compare(a, {q: 1.0 for q in a})
    assert strong["significant"] and strong["p_randomization"] < 0.001 and strong["p_wilcoxon"] < 0.001
