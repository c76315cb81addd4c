"""The sentence of a passage that best answers the question: dense and lexical evidence."""
from __future__ import annotations

import numpy as np

from search_api.fusion import coverage, minmax

LEXICAL_SHARE = 0.3
TYPE_BONUS = 0.3


def best_sentence(sentence_cos: np.ndarray, sentence_terms: list[set[str]],
                  query_idf: dict[str, float], lexical_share: float = LEXICAL_SHARE,
                  typed: list[bool] | None = None, type_bonus: float = TYPE_BONUS) -> int:
    """Index of the answering sentence: normalised cosine plus a share of idf-weighted overlap,
    plus a bonus for sentences that hold the kind of answer asked for (``typed``)."""
    if len(sentence_cos) == 0:
        raise ValueError("a passage has at least one sentence")
    dense = minmax(sentence_cos)
    lexical = np.array([coverage(query_idf, terms) for terms in sentence_terms])
    score = (1 - lexical_share) * dense + lexical_share * lexical
    if typed is not None:
        score = score + type_bonus * np.asarray(typed, dtype=np.float64)
    return int(np.argmax(score))
