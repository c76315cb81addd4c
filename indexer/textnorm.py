"""Text normalisation for matching, shared by index time and query time.

Displayed text is never normalised: offsets always point into the document as written.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pythainlp.util import normalize as thai_normalize

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Characters that are invisible in print and only split words apart.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# The same two mappings as regular expressions: str.translate with a dict costs ~25 µs for a
# 500-character Thai passage, a regex scan ~1.5 µs, and passages are tested by the dozen per query.
_INVISIBLE_RE = re.compile("[" + "".join(map(chr, INVISIBLE)) + "]")
_THAI_DIGIT_RE = re.compile("[\u0e50-\u0e59]")
_SPACES = re.compile(r"\s+")
THAI_RANGE = re.compile(r"[\u0e00-\u0e7f]")
LATIN_LETTER = re.compile(r"[A-Za-z]")


# SARA AM is the one Thai letter NFKC changes (to NIKHAHIT + SARA AA, both of combining class 0,
# which compose with nothing), so a Thai text fails NFKC's quick check and is rebuilt character by
# character. Standing in for it with a noncharacter (class 0, stable, composes with nothing) gives
# the same result, joined up again, and lets most Thai text pass the quick check untouched.
_SARA_AM, _STAND_IN = "\u0e33", "\ufdd0"


def _nfkc_keeping_sara_am(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)`` with SARA AM kept as one letter."""
    if _SARA_AM in text and _STAND_IN not in text:
        return unicodedata.normalize("NFKC", text.replace(_SARA_AM, _STAND_IN)).replace(_STAND_IN, _SARA_AM)
    return unicodedata.normalize("NFKC", text).replace("\u0e4d\u0e32", _SARA_AM)


# PyThaiNLP ``normalize`` is ~30 regular-expression substitutions (~30 µs for a short title,
# most of a query's normalising), and it changes a text only where one of them matches. This
# one pattern matches wherever any of them could (zero-width characters, NIKHAHIT, LAKKHANGYAO,
# a tone mark before a vowel above or below, a vowel that follows before a tone mark, two tone
# marks, a mark that dangles at the start or after white space, a vowel or sign repeated across
# spaces); white space it changes, ours collapses anyway. A text it does not match is returned
# unchanged by ``normalize``, so it is not run (tests/test_textnorm.py checks the two agree).
_DANGLING = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_MAY_REORDER = re.compile(
    "[\u200b\u200c\u0e4d\u0e45]"
    "|[\u0e48-\u0e4c][\u0e31\u0e34-\u0e37\u0e38\u0e39\u0e47\u0e4d]"
    "|[\u0e30\u0e32\u0e33\u0e45][\u0e48-\u0e4b]"
    "|[\u0e48-\u0e4b]{2}"
    f"|(?:^|\\s)[{_DANGLING}]"
    "|([\u0e30\u0e32\u0e33\u0e45\u0e40-\u0e44\u0e31\u0e34-\u0e3a\u0e47\u0e4c-\u0e4e])\\s*\\1")


def thai_normalize_fast(text: str) -> str:
    """PyThaiNLP ``normalize`` of ``text``, white space aside, run only where it can change it."""
    return thai_normalize(text) if _MAY_REORDER.search(text) else text


def normalize_for_match(text: str, reorder_marks: bool = True) -> str:
    """The key under which text is matched: same input at index and query time.

    - zero-width characters and soft hyphens removed;
    - NFKC (no-break and other odd spaces become spaces, full-width forms fold),
      then SARA AM put back together, because NFKC splits it into NIKHAHIT + SARA AA;
    - Thai digits become ASCII digits;
    - Thai marks reordered and repeated marks removed (PyThaiNLP ``normalize``);
    - case folded, runs of white space collapsed.

    ``reorder_marks=False`` skips the PyThaiNLP step (most of the cost): for tests of patterns
    of digits, units and month names over many texts a query, never for index keys.
    """
    text = _INVISIBLE_RE.sub("", text)
    text = _nfkc_keeping_sara_am(text)
    text = text.replace("\u0e4d\u0e32", "\u0e33")
    if _THAI_DIGIT_RE.search(text):
        text = text.translate(THAI_DIGITS)
    if reorder_marks:
        text = thai_normalize_fast(text)
    text = text.casefold()
    return _SPACES.sub(" ", text).strip()


def detect_lang(text: str) -> str:
    """'th' when Thai letters are at least a fifth of the letters, else 'en'."""
    thai = len(THAI_RANGE.findall(text))
    latin = len(LATIN_LETTER.findall(text))
    if thai == 0:
        return "en"
    return "th" if thai >= 0.2 * (thai + latin) else "en"


@lru_cache(maxsize=4096)
def query_lang(query: str) -> str:
    """``detect_lang`` of a question, remembered: a search asks it for every hit of its page."""
    return detect_lang(query)


def split_runs(text: str, limit: int) -> list[tuple[int, int]]:
    """``text`` as (start, end) pieces of at most ``limit`` characters, cut at the last white
    space in the second half of each window, else (a run without spaces) at ``limit``.

    Segmenters (newmm, the CRF sentence cutter) are given pieces, never an unbounded run:
    cutting at white space changes nothing they find, since they break there anyway.
    """
    pieces, start, n = [], 0, len(text)
    while n - start > limit:
        window = text[start + limit // 2:start + limit]
        gap = max(window.rfind(" "), window.rfind("\n"), window.rfind("\t"))
        cut = start + limit // 2 + gap + 1 if gap >= 0 else start + limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, n))
    return pieces
