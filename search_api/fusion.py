"""Hybrid ranking: dense and BM25 evidence, weighted by how much the lexical side can know.

Plain reciprocal-rank fusion trusts BM25 as much for an English question over Thai text,
where almost none of the query's words can occur, as for a Thai question over Thai text; its
noise then buries the right passage. Here each query gets a lexical weight from its
*coverage*: the share of the query's idf mass that its best-covered candidate contains
(glossary concept terms included, so "MoU" does count against "บันทึกความเข้าใจ"), and each
candidate's BM25 score counts in proportion to its own coverage, so a chunk that matches one
frequent word cannot outrank one that matches the question. Scores are min-max normalised
over the candidate pool and mixed convexly, but dense scores are stretched over at least
``DENSE_SPREAD`` of cosine: when every candidate is about as close to the question (a small
corpus on one topic; E5 cosines of a Thai question to English passages span a few hundredths),
min-max would turn those hundredths into the whole 0..1 range and let noise outvote the
lexical evidence.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from search_api.query_years import YEAR_WEIGHT

# Chosen on the iApp *validation* split (Thai questions and their English translations;
# eval/tune_fusion.py, eval/reports/tune_fusion.md), ties broken on the odd-numbered half of
# the agreement questions. The iApp test split and the even half are never used to choose.
LEXICAL_WEIGHT = 0.7      # lexical share of the fused score at full coverage
COVERAGE_POWER = 1.0      # how fast the lexical share falls as coverage falls
SENTENCE_WEIGHT = 0.5     # share of the best sentence's cosine in the dense score
COVERAGE_FROM = "max"     # the query's coverage: that of its best-covered candidate
PER_CANDIDATE = True      # each candidate's BM25 score counts in proportion to its own coverage
ANSWER_TYPE_WEIGHT = 0.1  # bonus for holding the kind of answer asked for (a duration, a date)
DENSE_SPREAD = 0.15       # the least cosine spread over a pool that counts as the full dense range


@dataclass(frozen=True)
class FusionParams:
    """The knobs of hybrid ranking; evaluation can try others without touching the code."""

    lexical_weight: float = LEXICAL_WEIGHT
    coverage_power: float = COVERAGE_POWER
    sentence_weight: float = SENTENCE_WEIGHT
    coverage_from: str = COVERAGE_FROM     # "top": the best BM25 chunk; "max": the best-covered candidate
    per_candidate: bool = PER_CANDIDATE    # scale each candidate's lexical score by its own coverage
    answer_type_weight: float = ANSWER_TYPE_WEIGHT
    dense_spread: float = DENSE_SPREAD


def minmax(values: np.ndarray, least_spread: float = 0.0) -> np.ndarray:
    """Scale to [0, 1] over the pool; a pool with no spread maps to all ones (or zeros if empty).

    With ``least_spread``, a pool whose values span less than that is scaled by it instead, so
    its best value still maps to 1 but near-equal values stay near each other.
    """
    values = np.asarray(values, dtype=np.float64)
    if values.size == 0:
        return values
    lo, hi = values.min(), values.max()
    lo = min(lo, hi - least_spread)
    if hi - lo <= 1e-12:
        return np.ones_like(values) if hi > 0 else np.zeros_like(values)
    return (values - lo) / (hi - lo)


def coverages(query_idf: dict[str, float], contains) -> np.ndarray:
    """Coverage of every candidate at once; ``contains(term)`` is a boolean mask over them."""
    return grouped_coverages(query_idf, (), contains)


def grouped_coverages(query_idf: dict[str, float], groups, contains) -> np.ndarray:
    """``coverages`` where each of ``groups`` (sets of terms that say the same thing in other
    words: the Thai forms of one English word) counts once, with its largest idf, and is
    present where any of its terms is; a term in no group counts alone."""
    grouped: set[str] = set()
    parts: list[tuple[float, list[str]]] = []
    for group in groups:
        members = [t for t in sorted(group) if t in query_idf and t not in grouped]
        if members:
            grouped.update(members)
            parts.append((max(query_idf[t] for t in members), members))
    parts += [(w, [t]) for t, w in query_idf.items() if t not in grouped]
    total = sum(w for w, _ in parts)
    out = None
    for weight, members in parts:
        present = contains(members[0])
        for t in members[1:]:
            present = present | contains(t)
        out = present * weight if out is None else out + present * weight
    if out is None or total <= 0:
        return np.zeros(0) if out is None else np.zeros_like(out, dtype=np.float64)
    return out / total


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


def fuse(dense: np.ndarray, lexical: np.ndarray, share: float, dense_spread: float = 0.0) -> np.ndarray:
    """Convex mix of min-max normalised dense and lexical scores over one candidate pool."""
    return (1 - share) * minmax(dense, dense_spread) + share * minmax(lexical)


def hybrid(dense: np.ndarray, lexical: np.ndarray, cov: np.ndarray, params: FusionParams,
           typed: np.ndarray | None = None, dated: np.ndarray | None = None) -> np.ndarray:
    """The hybrid score of a pool: lexical share from coverage, the convex mix, a bonus for
    candidates holding the kind of answer the question asks for (``typed``), and one for those
    dated in a year the question names (``dated``, ``search_api.query_years``)."""
    bonus = params.answer_type_weight * np.asarray(typed, dtype=np.float64) if typed is not None else 0.0
    fused = _mix(dense, lexical, cov, params) + bonus
    return fused + YEAR_WEIGHT * dated if dated is not None else fused


def _mix(dense: np.ndarray, lexical: np.ndarray, cov: np.ndarray, params: FusionParams) -> np.ndarray:
    if len(lexical) == 0 or not np.any(lexical > 0):
        return minmax(dense, params.dense_spread)
    query_cov = float(cov[np.argmax(lexical)]) if params.coverage_from == "top" else float(cov.max())
    share = lexical_share(query_cov, params.lexical_weight, params.coverage_power)
    if params.per_candidate:
        lexical = np.asarray(lexical) * (cov / max(query_cov, 1e-12))
    return fuse(dense, lexical, share, params.dense_spread)


def rrf(rankings: list[list[int]], k: int = 60) -> dict[int, float]:
    """Reciprocal rank fusion (kept for comparison in evaluation): sum of 1 / (k + rank)."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, 1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return scores
