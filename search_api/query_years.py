"""Years a question names, and which candidates are dated in one of them.

A question that names a year ("MOU ... ปี 2565", "the December 2021 MOU") asks about a release
of that year more often than about a later release that recalls it. Years are four-digit numbers
read as Buddhist Era (2493-2643, minus 543) or Christian Era (1950-2100); a candidate whose
document date range (``date_first``/``date_last`` in the store) covers one of them gets
``YEAR_WEIGHT`` added to its hybrid score, the way a candidate holding the asked answer kind
gets ``answer_type_weight``. Undated documents (iApp's Wikipedia articles, most of corpus/)
never match, so the bonus only reorders dated releases among themselves.
"""
from __future__ import annotations

import re

import numpy as np

from indexer.dates import gregorian_year
from indexer.textnorm import THAI_DIGITS

YEAR_WEIGHT = 0.1
_YEAR = re.compile(r"(?<![\d.,])(\d{4})(?![\d.,:]\d)")


def years_in(query: str) -> frozenset[int]:
    """Christian Era years named in ``query`` (Buddhist Era years converted)."""
    years = set()
    for m in _YEAR.finditer(query.translate(THAI_DIGITS)):
        y = int(m[1])
        if 2493 <= y <= 2643 or 1950 <= y <= 2100:
            years.add(gregorian_year(y))
    return frozenset(years)


def dated_in(date_first: np.ndarray, date_last: np.ndarray, years: frozenset[int]) -> np.ndarray:
    """1.0 where a document's date range (ISO bytes, b"" when undated) covers one of ``years``."""
    out = np.zeros(len(date_first))
    if not years or not len(date_first):
        return out
    first, last = _year_of(date_first), _year_of(date_last)
    dated = first > 0
    for y in years:
        out[dated & (first <= y) & (y <= last)] = 1.0
    return out


def _year_of(dates: np.ndarray) -> np.ndarray:
    """The year of each ISO date (bytes), 0 for b"" (undated)."""
    head = np.asarray(dates).astype("S4")
    return np.where(head == b"", b"0", head).astype(np.int64)
