"""Character spans of the query's terms in a displayed passage, for highlighting.

The same words as ``indexer.analysis.term_spans`` (newmm over the analyzer's dictionary, each
word analyzed on its own), but that function segments every token a second time and costs
~5 ms per passage. Here a passage is cut at white space into pieces (newmm never puts a word
across white space, except for the dictionary's few words that hold a space: a piece reaches
over those), only the pieces that could hold a query term are segmented (a word analyzes to a
term only if its text holds the term, or all but the last letter of it: the S-stemmer), and
pieces and words are cached. A results page of press releases cost ~5.6 ms when every passage
was segmented whole; ``tests/test_highlight.py`` checks both give the same spans.
"""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from pythainlp.tokenize import word_tokenize

from indexer.analysis import CONCEPT_PREFIX, _segmenter_dict, _words as _analysis_words, analyze
from indexer.glossary import concept_forms
from indexer.textnorm import normalize_for_match
from search_api.pieces import white_space_pieces

# A passage's pieces cost ~17 kB cached, a piece's words ~0.7 kB: ~30 MB when both are full
PASSAGE_CACHE = 1024
PIECE_CACHE = 16_384
BRACKETS = "()[]{}<>\"'“”‘’«»"   # kept out of a highlighted word: "(MOU)" marks "MOU"
WORD_CACHE = 200_000


@lru_cache(maxsize=WORD_CACHE)
def _word_terms(word: str) -> frozenset[str]:
    return frozenset(analyze(word))


def _segmented(text: str) -> tuple[tuple[int, int, frozenset[str]], ...]:
    """(start, end, terms) of every word of ``text`` that has terms; offsets into ``text``.
    Given a whole passage, this is what ``highlights`` finds piece by piece."""
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


@lru_cache(maxsize=PIECE_CACHE)
def _piece_words(piece: str) -> tuple[tuple[int, int, frozenset[str]], ...]:
    return _segmented(piece)


@lru_cache(maxsize=PASSAGE_CACHE)
def _passage(text: str) -> tuple[list[tuple[int, int]], str, list[int], list]:
    """(``white_space_pieces`` of ``text``, their normalised texts joined by line breaks, where
    each starts in that string, the words of each piece once segmented): a query's terms are
    looked for in the joined string, once each, and only the pieces that hold one are segmented."""
    pieces = white_space_pieces(text)
    keys = [normalize_for_match(text[a:b]) for a, b in pieces]
    starts, at = [], 0
    for key in keys:
        starts.append(at)
        at += len(key) + 1
    return pieces, "\n".join(keys), starts, [None] * len(pieces)


@lru_cache(maxsize=4096)
def _triggers(terms: frozenset[str]) -> tuple[str, ...]:
    """Strings one of which the normalised text of any word analyzing to one of ``terms``
    holds: the term (a concept: the first word of each of its forms) without its last letter
    when it has four or more (the S-stemmer turns "policies" into "policy")."""
    forms = concept_forms()
    heads = set()
    for term in terms:
        if term.startswith(CONCEPT_PREFIX):
            for form in forms.get(term[len(CONCEPT_PREFIX):], ()):
                words = _analysis_words(normalize_for_match(form))
                if words:
                    heads.add(words[0])
        else:
            heads.add(term)
    return tuple(sorted({h[:-1] if len(h) >= 4 else h for h in heads if h}))


def highlights(text: str, terms: set[str] | frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, term) for each word of ``text`` that analyzes to one of ``terms``.

    ``term`` is the query term the word matched (a concept term such as ``~country:laos``
    when the word matched through the glossary only).
    """
    if not terms:
        return []
    terms = frozenset(terms)
    pieces, keys, key_starts, words = _passage(text)
    chosen = set()
    for trigger in _triggers(terms):
        at = keys.find(trigger)
        while at >= 0:
            chosen.add(bisect_right(key_starts, at) - 1)
            at = keys.find(trigger, at + 1)
    spans = []
    for i in sorted(chosen):
        a, b = pieces[i]
        if words[i] is None:
            # with the white space that follows it: newmm reads a word at the very end of a
            # text otherwise than before a space ("แบกเตรีย (Bactrian)")
            words[i] = _piece_words(text[a:b + 1])
        for start, end, word_terms in words[i]:
            common = word_terms & terms
            if common:
                plain = sorted(t for t in common if not t.startswith("~"))
                spans.append((a + start, a + end, plain[0] if plain else sorted(common)[0]))
    return spans
