"""The sentence of a passage that best answers the question: dense and lexical evidence.

Two pickers share the evidence: :func:`best_sentence`, the hand-set mix (normalised cosine plus
a share of idf-weighted query-term overlap plus an answer-kind bonus), used when no learned
model is shipped; and :func:`sentence_features` + the learned sentence model
(:mod:`search_api.rerank`), which also reads where the sentence sits, its length, whether it
holds digits, and the query-term overlap of its neighbours (an answer often follows the
sentence that repeats the question).
"""
from __future__ import annotations

import re

import numpy as np

from search_api.fusion import coverage, minmax

LEXICAL_SHARE = 0.3
TYPE_BONUS = 0.3

SENTENCE_FEATURES = (
    "cos", "cos_gap", "cos_rank", "coverage", "coverage_gap", "typed", "kind_untyped", "first",
    "relative_position", "log_chars", "has_digit", "prev_coverage", "next_coverage", "old_score",
    "cross_x_cos_gap", "log_sentences",
)
_DIGIT = re.compile(r"[0-9๐-๙]")


def _old_scores(sentence_cos, sentence_terms, query_idf, lexical_share=LEXICAL_SHARE,
                typed=None, type_bonus=TYPE_BONUS) -> np.ndarray:
    dense = minmax(sentence_cos)
    lexical = np.array([coverage(query_idf, terms) for terms in sentence_terms])
    score = (1 - lexical_share) * dense + lexical_share * lexical
    if typed is not None:
        score = score + type_bonus * np.asarray(typed, dtype=np.float64)
    return score


def best_sentence(sentence_cos: np.ndarray, sentence_terms: list[set[str]],
                  query_idf: dict[str, float], lexical_share: float = LEXICAL_SHARE,
                  typed: list[bool] | None = None, type_bonus: float = TYPE_BONUS) -> int:
    """Index of the answering sentence: normalised cosine plus a share of idf-weighted overlap,
    plus a bonus for sentences that hold the kind of answer asked for (``typed``)."""
    if len(sentence_cos) == 0:
        raise ValueError("a passage has at least one sentence")
    return int(np.argmax(_old_scores(sentence_cos, sentence_terms, query_idf, lexical_share,
                                     typed, type_bonus)))


def sentence_features(sentence_cos: np.ndarray, sentence_terms: list[set[str]],
                      query_idf: dict[str, float], texts: list[str], typed: list[bool] | None,
                      cross_lingual: bool) -> np.ndarray:
    """The ``SENTENCE_FEATURES`` matrix of one passage's sentences."""
    n = len(sentence_cos)
    if n == 0:
        raise ValueError("a passage has at least one sentence")
    cos = np.asarray(sentence_cos, dtype=np.float64)
    cov = np.array([coverage(query_idf, terms) for terms in sentence_terms])
    order = np.argsort(-cos, kind="stable")
    rank = np.empty(n)
    rank[order] = np.arange(n)
    typed_arr = np.zeros(n) if typed is None else np.asarray(typed, dtype=np.float64)
    kind_untyped = np.zeros(n) if typed is None else 1.0 - typed_arr
    position = np.arange(n, dtype=np.float64)
    prev_cov = np.concatenate([[0.0], cov[:-1]])
    next_cov = np.concatenate([cov[1:], [0.0]])
    cos_gap = cos - cos.max()
    columns = [
        cos, cos_gap, np.log1p(rank), cov, cov - cov.max(), typed_arr, kind_untyped,
        (position == 0).astype(np.float64), position / max(1, n - 1),
        np.log1p([len(t) for t in texts]), np.array([1.0 if _DIGIT.search(t) else 0.0 for t in texts]),
        prev_cov, next_cov, _old_scores(cos, sentence_terms, query_idf, typed=typed),
        float(cross_lingual) * cos_gap, np.full(n, np.log(n)),
    ]
    return np.column_stack(columns)
