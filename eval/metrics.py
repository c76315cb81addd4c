"""Metrics named as strings (``"ndcg@10"``, ``"mrr@10"``, ``"recall@5"``), computed by ir-measures.

Per-query values are what significance tests need, so :func:`per_query` is the primitive and
means are taken over *every judged query*: a judged query the run has no result for scores 0
(trec_eval, and so ir-measures, would silently leave it out of the mean).
Relevance for the binary metrics (RR, recall, hit) is grade >= 1; nDCG uses the grades as gains.
"""
from __future__ import annotations

import re

# hit@k (ir-measures' Success@k): some relevant item in the top k. recall@1 is 1/n when n
# documents are judged relevant (a re-release judged by the same quote), so a right release at
# rank 1 scores 0.5 there; hit@1 scores it 1, as "the right document at rank 1" means
DEFAULT_METRICS = ("ndcg@10", "mrr@10", "recall@1", "hit@1", "recall@5", "recall@10")
_NAMES = {"ndcg": "nDCG", "mrr": "RR", "rr": "RR", "recall": "R", "r": "R", "precision": "P",
          "p": "P", "map": "AP", "ap": "AP", "hit": "Success", "success": "Success"}


def measure(name: str):
    """The ir-measures measure for a metric name such as ``"ndcg@10"`` or ``"mrr@10"``."""
    import ir_measures

    m = re.fullmatch(r"([a-z]+)(?:@(\d+))?", name.strip().lower())
    if not m or m[1] not in _NAMES:
        raise ValueError(f"unknown metric {name!r}: use ndcg@k, mrr@k, recall@k, hit@k, precision@k or map")
    return ir_measures.parse_measure(_NAMES[m[1]] + (f"@{m[2]}" if m[2] else ""))


def per_query(qrels: dict[str, dict[str, int]], run: dict[str, dict[str, float]],
              metrics=DEFAULT_METRICS) -> dict[str, dict[str, float]]:
    """``metric name -> qid -> value`` for every query in ``qrels``.

    ``run`` is ``qid -> {docno: score}``; ranks are read from the scores (make them strictly
    decreasing first, see :func:`eval.trec.as_scored`).
    """
    import ir_measures

    by_measure = {measure(n): n for n in metrics}
    out = {n: {qid: 0.0 for qid in qrels} for n in metrics}
    judged_run = {qid: docs for qid, docs in run.items() if qid in qrels and docs}
    if judged_run:
        for row in ir_measures.iter_calc(list(by_measure), qrels, judged_run):
            out[by_measure[row.measure]][row.query_id] = float(row.value)
    return out


def mean(values: dict[str, float], qids=None) -> float:
    qids = list(values) if qids is None else [q for q in qids if q in values]
    return sum(values[q] for q in qids) / len(qids) if qids else float("nan")


def reliability(p, y, bins: int = 10) -> tuple[float, list[dict]]:
    """Expected calibration error of probabilities ``p`` against outcomes ``y`` (0/1), and the
    reliability table over equal-width bins: how many, mean predicted, share observed."""
    import numpy as np

    p, y = np.asarray(p, dtype=np.float64), np.asarray(y, dtype=np.float64)
    rows, ece = [], 0.0
    for lo in np.linspace(0, 1, bins, endpoint=False):
        hi = lo + 1.0 / bins
        sel = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
        if sel.any():
            ece += sel.mean() * abs(p[sel].mean() - y[sel].mean())
            rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": int(sel.sum()),
                         "predicted": round(float(p[sel].mean()), 3), "observed": round(float(y[sel].mean()), 3)})
    return float(ece), rows
