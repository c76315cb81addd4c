"""Character spans of the query's terms in a displayed passage, for highlighting.

The same words as ``indexer.analysis.term_spans`` (newmm over the analyzer's dictionary, each
word analyzed on its own), but that function segments every token a second time and costs
~5 ms per passage. Here a passage is segmented once and cached, and each distinct word's
analysis is cached, so a results page costs well under a millisecond per passage once warm
and ~1 ms cold.
"""
from __future__ import annotations

from functools import lru_cache

from pythainlp.tokenize import word_tokenize

from indexer.analysis import _segmenter_dict, analyze

PASSAGE_CACHE = 4096
BRACKETS = "()[]{}<>\"'“”‘’«»"   # kept out of a highlighted word: "(MOU)" marks "MOU"
WORD_CACHE = 200_000


@lru_cache(maxsize=WORD_CACHE)
def _word_terms(word: str) -> frozenset[str]:
    return frozenset(analyze(word))


@lru_cache(maxsize=PASSAGE_CACHE)
def _words(text: str) -> tuple[tuple[int, int, frozenset[str]], ...]:
    """(start, end, terms) of every word of ``text`` that has terms; offsets into ``text``."""
    out = []
    pos = 0
    for token in word_tokenize(text, engine="newmm", custom_dict=_segmenter_dict(),
                               keep_whitespace=True):
        start, pos = pos, pos + len(token)
        stripped = token.strip()
        if not stripped:
            continue
        terms = _word_terms(token)
        word = stripped.strip(BRACKETS)
        if terms and word:
            lead = len(token) - len(token.lstrip()) + stripped.index(word)
            out.append((start + lead, start + lead + len(word), terms))
    return tuple(out)


def highlights(text: str, terms: set[str] | frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, term) for each word of ``text`` that analyzes to one of ``terms``.

    ``term`` is the query term the word matched (a concept term such as ``~country:laos``
    when the word matched through the glossary only).
    """
    if not terms:
        return []
    spans = []
    for start, end, word_terms in _words(text):
        common = word_terms & terms
        if common:
            plain = sorted(t for t in common if not t.startswith("~"))
            spans.append((start, end, plain[0] if plain else sorted(common)[0]))
    return spans
