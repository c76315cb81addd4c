"""The sentence of a passage that best answers the question: dense and lexical evidence.

Two pickers share the evidence: :func:`best_sentence`, the hand-set mix (normalised cosine plus
a share of idf-weighted query-term overlap plus an answer-kind bonus), used when no learned
model is shipped; and :func:`sentence_features` + the learned sentence model
(:mod:`search_api.rerank`), which also reads where the sentence sits, its length, whether it
holds digits, and the query-term overlap of its neighbours (an answer often follows the
sentence that repeats the question); and, tokenizer-free, the share of the question's
character trigrams the sentence and its neighbours hold, how much of the question's text next
to its question word the sentence restates (``answer_span.question_context``), and whether it
holds a person's title or a place word when "who" or "where" is asked, or the word the question
puts before its question word ("ประเทศ" in "ประเทศอะไร").
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from indexer.textnorm import THAI_DIGITS
from search_api.feature_matrix import feature_matrix
from search_api.fusion import coverage, minmax

LEXICAL_SHARE = 0.3
TYPE_BONUS = 0.3

SENTENCE_FEATURES = (
    "cos", "cos_gap", "cos_rank", "coverage", "coverage_gap", "typed", "kind_untyped", "first",
    "relative_position", "log_chars", "has_digit", "prev_coverage", "next_coverage", "old_score",
    "cross_x_cos_gap", "log_sentences", "grams", "grams_gap", "prev_grams", "next_grams",
    "left_context", "right_context", "kind_match", "type_word",
)
# the sentence model may also read every feature again for a passage in another language than
# the question (``cross_x_`` + the feature; an English question over a Thai passage), learned
# from English train questions (``eval.train_rerank --sentence-cross yes``). Not crossed: the
# cosine gap (``cross_x_cos_gap`` is it) and the passage's sentence count (the same for all its
# sentences, so it cannot move the choice among them)
CROSSED = tuple(f for f in SENTENCE_FEATURES if f not in ("cos_gap", "cross_x_cos_gap", "log_sentences"))
CROSS_SENTENCE_FEATURES = tuple("cross_x_" + f for f in CROSSED)
_CROSSED_AT = np.array([SENTENCE_FEATURES.index(f) for f in CROSSED])
_DIGIT = re.compile(r"[0-9๐-๙]")


def sentence_feature_names(crossed: bool) -> tuple[str, ...]:
    """The sentence model's features: ``SENTENCE_FEATURES``, and the crossed ones after them."""
    return SENTENCE_FEATURES + (CROSS_SENTENCE_FEATURES if crossed else ())


def reads_crossed(features) -> bool:
    """Whether a sentence model of these features reads the crossed ones (a model file's list is
    then checked against ``sentence_feature_names(True)`` by ``LinearModel.from_dict``)."""
    return len(features) > len(SENTENCE_FEATURES)


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


def _longest_end_in(context: str, text: str, from_end: bool) -> float:
    """Share of ``context`` whose longest suffix (``from_end``) or prefix ``text`` contains."""
    if not context:
        return 0.0
    lo, hi = 0, len(context)
    while lo < hi:   # containment is monotone in the length: binary search
        mid = (lo + hi + 1) // 2
        part = context[-mid:] if from_end else context[:mid]
        if part in text:
            lo = mid
        else:
            hi = mid - 1
    return lo / len(context)


_THAI_DIGIT = re.compile(r"[๐-๙]")


@lru_cache(maxsize=16384)
def _keys(text: str) -> tuple[str, str]:
    """(``answer_span.match_key`` of a sentence, the same without white space); sentences recur
    across queries. str.translate is slow on Thai, so it runs only where Thai digits are."""
    key = text.lower()
    if _THAI_DIGIT.search(key):
        key = key.translate(THAI_DIGITS)
    key = key.replace("\xa0", " ")
    return key, "".join(key.split())


def query_evidence(query: str, texts: list[str]) -> np.ndarray:
    """(trigram share, left context, right context, kind match, holds the word the question puts
    before its question word) of each of ``texts``."""
    from search_api.answer_span import (_ASKS_PERSON, _ASKS_PLACE, _PLACE, _WHO, _query_cues, match_key,
                                        question_context, question_grams)

    out = np.zeros((len(texts), 5))
    if not query:
        return out
    grams = question_grams(query)
    _, type_word = _query_cues(query)
    _, left, right = question_context(query)
    q = match_key(query)
    pattern = _WHO if _ASKS_PERSON.search(q) else _PLACE if _ASKS_PLACE.search(q) else None
    for j, t in enumerate(texts):
        key, flat = _keys(t)
        if grams:
            out[j, 0] = sum(1 for g in grams if g in flat) / len(grams)
        out[j, 1] = _longest_end_in(left, flat, True)
        out[j, 2] = _longest_end_in(right, flat, False)
        if pattern is not None and pattern.search(key):
            out[j, 3] = 1.0
        if type_word and type_word in key:
            out[j, 4] = 1.0
    return out


def sentence_features(sentence_cos: np.ndarray, sentence_terms: list[set[str]],
                      query_idf: dict[str, float], texts: list[str], typed: list[bool] | None,
                      cross_lingual: bool, query: str = "", crossed: bool = False) -> np.ndarray:
    """The ``sentence_feature_names(crossed)`` matrix of one passage's sentences."""
    return sentence_features_many([(sentence_cos, sentence_terms, query_idf, texts, typed, cross_lingual,
                                     query)], crossed)[0]


def sentence_features_many(passages: list[tuple], crossed: bool = False) -> list[np.ndarray]:
    """The ``sentence_feature_names(crossed)`` matrices of several passages (one tuple of
    ``sentence_features``' arguments each), each as it would be alone, with each array step run
    once over all their sentences instead of once a passage: a results page marks 10 passages,
    and the steps cost more per call than per sentence. The ``old_score`` column is
    ``_old_scores`` per passage; with ``crossed``, ``CROSS_SENTENCE_FEATURES`` follow, each the
    ``CROSSED`` feature where the passage is in another language than the question, else 0."""
    sizes = np.array([len(p[0]) for p in passages], dtype=np.int64)
    if len(passages) == 0:
        return []
    if (sizes == 0).any():
        raise ValueError("a passage has at least one sentence")
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    seg = np.repeat(np.arange(len(passages)), sizes)
    total = int(sizes.sum())

    def seg_max(x):
        return np.maximum.reduceat(x, starts)[seg]

    def shifted(x, back: bool):
        out = np.zeros(total)
        if back:   # the previous sentence's value, 0 for a passage's first
            out[1:] = x[:-1]
            out[starts] = 0.0
        else:      # the next sentence's, 0 for a passage's last
            out[:-1] = x[1:]
            out[starts + sizes - 1] = 0.0
        return out

    cos = np.concatenate([np.asarray(p[0], dtype=np.float64) for p in passages])
    cov = np.array([coverage(p[2], terms) for p in passages for terms in p[1]], dtype=np.float64)
    texts = [t for p in passages for t in p[3]]
    position = (np.arange(total) - starts[seg]).astype(np.float64)
    order = np.lexsort((-cos, seg))   # by passage, then by cosine, ties in passage order
    rank = np.empty(total)
    rank[order] = np.arange(total) - starts[seg[order]]
    typed_arr = np.concatenate([np.zeros(len(p[0])) if p[4] is None else np.asarray(p[4], dtype=np.float64)
                                for p in passages])
    kind_untyped = np.concatenate([np.zeros(len(p[0])) if p[4] is None else 1.0 - np.asarray(p[4], dtype=np.float64)
                                   for p in passages])
    cos_gap = cos - seg_max(cos)
    # _old_scores: the cosine scaled to [0, 1] within its passage, plus coverage and kind
    lo, hi = np.minimum.reduceat(cos, starts), np.maximum.reduceat(cos, starts)
    flat = hi - lo <= 1e-12
    dense = np.where(flat[seg], np.where(hi[seg] > 0, 1.0, 0.0),
                     (cos - lo[seg]) / np.where(flat, 1.0, hi - lo)[seg])
    old = (1 - LEXICAL_SHARE) * dense + LEXICAL_SHARE * cov
    has_typed = np.array([p[4] is not None for p in passages])[seg]
    old = np.where(has_typed, old + TYPE_BONUS * typed_arr, old)
    cross = np.array([float(p[5]) for p in passages])[seg]
    n = sizes[seg]
    ev = np.concatenate([query_evidence(p[6], p[3]) for p in passages])
    grams = ev[:, 0]
    columns = [
        cos, cos_gap, np.log1p(rank), cov, cov - seg_max(cov), typed_arr, kind_untyped,
        (position == 0).astype(np.float64), position / np.maximum(1, n - 1),
        np.log1p([len(t) for t in texts]), np.array([1.0 if _DIGIT.search(t) else 0.0 for t in texts]),
        shifted(cov, True), shifted(cov, False), old, cross * cos_gap, np.log(n),
        grams, grams - seg_max(grams), shifted(grams, True), shifted(grams, False),
        ev[:, 1], ev[:, 2], ev[:, 3], ev[:, 4],
    ]
    if crossed:
        columns += [cross * columns[i] for i in _CROSSED_AT.tolist()]
    return np.split(feature_matrix(columns), np.cumsum(sizes)[:-1])
