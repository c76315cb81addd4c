"""Paired significance tests over per-query scores: is B really better than A, or is it noise?

Three tests on the same per-query differences: a two-sided paired randomization (sign-flip)
test, the one the report uses to mark differences; scipy's paired t-test; and the Wilcoxon
signed-rank test. With ~100 queries a difference of one question is ~0.01 and is not
significant; the reports say so instead of calling it progress.
"""
from __future__ import annotations

import math

import numpy as np

ALPHA = 0.05
RESAMPLES = 10_000


def randomization_test(a, b, resamples: int = RESAMPLES, seed: int = 0) -> float:
    """Two-sided p-value of the mean paired difference ``b - a`` under random sign flips.

    Exact (all 2^n sign patterns) when n <= 16, otherwise ``resamples`` random patterns plus the
    observed one ((hits + 1) / (resamples + 1), so p is never 0).
    """
    d = np.asarray(b, dtype=np.float64) - np.asarray(a, dtype=np.float64)
    n = d.size
    if n == 0 or not np.any(d):
        return 1.0
    observed = abs(d.mean())
    tol = 1e-12
    if n <= 16:
        signs = ((np.arange(2 ** n)[:, None] >> np.arange(n)) & 1) * 2 - 1
        means = np.abs((signs * d).mean(axis=1))
        return float(np.mean(means >= observed - tol))
    rng = np.random.default_rng(seed)
    hits = 0
    for start in range(0, resamples, 2000):
        m = min(2000, resamples - start)
        signs = rng.integers(0, 2, size=(m, n), dtype=np.int8) * 2 - 1
        hits += int(np.sum(np.abs((signs * d).mean(axis=1)) >= observed - tol))
    return (hits + 1) / (resamples + 1)


def paired_t_test(a, b) -> float:
    from scipy import stats

    d = np.asarray(b, dtype=np.float64) - np.asarray(a, dtype=np.float64)
    if d.size < 2 or not np.any(d):
        return 1.0
    if np.allclose(d, d[0]):
        return 0.0  # every query moved by the same non-zero amount: no variance left to doubt
    p = stats.ttest_rel(b, a).pvalue
    return float(p) if not math.isnan(p) else 1.0


def wilcoxon_test(a, b) -> float:
    from scipy import stats

    d = np.asarray(b, dtype=np.float64) - np.asarray(a, dtype=np.float64)
    if not np.any(d):
        return 1.0
    try:
        return float(stats.wilcoxon(d, zero_method="wilcox").pvalue)
    except ValueError:
        return 1.0


def compare(a: dict[str, float], b: dict[str, float], qids=None) -> dict:
    """Paired comparison of two per-query score maps over ``qids`` (default: the shared ones)."""
    qids = sorted(set(a) & set(b)) if qids is None else [q for q in qids if q in a and q in b]
    xa = [a[q] for q in qids]
    xb = [b[q] for q in qids]
    d = np.subtract(xb, xa) if qids else np.zeros(0)
    p = randomization_test(xa, xb)
    return {
        "n": len(qids),
        "mean_a": float(np.mean(xa)) if qids else float("nan"),
        "mean_b": float(np.mean(xb)) if qids else float("nan"),
        "diff": float(d.mean()) if qids else 0.0,
        "wins": int(np.sum(d > 0)), "losses": int(np.sum(d < 0)), "ties": int(np.sum(d == 0)),
        "p_randomization": p,
        "p_ttest": paired_t_test(xa, xb) if qids else 1.0,
        "p_wilcoxon": wilcoxon_test(xa, xb) if qids else 1.0,
        "significant": bool(p < ALPHA),
    }
