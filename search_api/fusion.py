"""Hybrid ranking: dense and BM25 evidence, weighted by how much the lexical side can know.

Plain reciprocal-rank fusion trusts BM25 as much for an English question over Thai text,
where almost none of the query's words can occur, as for a Thai question over Thai text; its
noise then buries the right passage. Here each query gets a lexical weight from its
*coverage*: the share of the query's idf mass that the best-matching chunk contains (glossary
concept terms included, so "MoU" does count against "บันทึกความเข้าใจ"). Scores are min-max
normalised over the candidate pool and mixed convexly.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Tuned on the iApp *validation* split (Thai questions and English translations); see
# eval/tune_fusion.py and the README. Test-split figures are never used to choose them.
LEXICAL_WEIGHT = 0.5      # lexical share of the fused score at full coverage
COVERAGE_POWER = 2.0      # how fast the lexical share falls as coverage falls
SENTENCE_WEIGHT = 0.5     # share of the best sentence's cosine in the dense score


@dataclass(frozen=True)
class FusionParams:
    """The knobs of hybrid ranking; evaluation can try others without touching the code."""

    lexical_weight: float = LEXICAL_WEIGHT
    coverage_power: float = COVERAGE_POWER
    sentence_weight: float = SENTENCE_WEIGHT


def minmax(values: np.ndarray) -> np.ndarray:
    """Scale to [0, 1] over the pool; a pool with no spread maps to all ones (or zeros if empty)."""
    values = np.asarray(values, dtype=np.float64)
    if values.size == 0:
        return values
    lo, hi = values.min(), values.max()
    if hi - lo <= 1e-12:
        return np.ones_like(values) if hi > 0 else np.zeros_like(values)
    return (values - lo) / (hi - lo)


def coverage(query_idf: dict[str, float], matched: set[str]) -> float:
    """Share of the query's idf mass present in ``matched``: 0 (none) .. 1 (all terms)."""
    total = sum(query_idf.values())
    if total <= 0:
        return 0.0
    return sum(w for t, w in query_idf.items() if t in matched) / total


def lexical_share(cov: float, weight: float = LEXICAL_WEIGHT, power: float = COVERAGE_POWER) -> float:
    return weight * max(0.0, min(1.0, cov)) ** power


def dense_evidence(chunk_cos: np.ndarray, best_sentence_cos: np.ndarray,
                   sentence_weight: float = SENTENCE_WEIGHT) -> np.ndarray:
    """Chunk-level and best-sentence cosine mixed: a sharp sentence lifts a diffuse chunk."""
    return (1 - sentence_weight) * np.asarray(chunk_cos) + sentence_weight * np.asarray(best_sentence_cos)


def fuse(dense: np.ndarray, lexical: np.ndarray, share: float) -> np.ndarray:
    """Convex mix of min-max normalised dense and lexical scores over one candidate pool."""
    return (1 - share) * minmax(dense) + share * minmax(lexical)


def rrf(rankings: list[list[int]], k: int = 60) -> dict[int, float]:
    """Reciprocal rank fusion (kept for comparison in evaluation): sum of 1 / (k + rank)."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, 1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return scores
