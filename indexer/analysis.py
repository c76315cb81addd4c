"""The one analyzer: text -> lexical terms, for BM25 at index time and at query time.

Thai has no spaces between words, so text is segmented with PyThaiNLP's ``newmm`` over its
dictionary plus the glossary's Thai forms. Glossary concepts add a language-neutral term
(``~mou``) wherever any of their forms occurs, which lets lexical evidence cross languages.
"""
from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache

from pythainlp.corpus import thai_stopwords, thai_words
from pythainlp.tokenize import word_tokenize
from pythainlp.util import dict_trie

from indexer.glossary import concept_forms
from indexer.textnorm import normalize_for_match, split_runs

CONCEPT_PREFIX = "~"
# Words a question is made of but an answer rarely repeats, and English function words.
ENGLISH_STOPWORDS = frozenset("""
a an the and or of to in on at by for from with as is are was were be been being do does did
what which who whom whose when where why how that this these those it its into about than then
there their they them he she his her we our you your i me my can could will would shall should
may might must has have had not no yes if so such any all each much many more most
""".split())
ANALYZER_VERSION = 3  # bump when the analysis code changes meaning
MAX_DICT_FORM = 12
MAX_SEGMENT_CHARS = 2_000  # newmm is given pieces of at most this many characters
EXTRA_WORDS = ("สปป.", "ศ.ดร.", "รศ.ดร.", "ผศ.ดร.", "ค.ศ.", "พ.ศ.", "ครม.", "รมว.", "ฯลฯ")
_WORD = re.compile(r"[0-9a-z\u00c0-\u024f]+(?:[.'][0-9a-z\u00c0-\u024f]+)*|[\u0e00-\u0e7f]+(?:\.[\u0e00-\u0e7f]+)*\.?")


@lru_cache(maxsize=1)
def _segmenter_dict():
    words = set(thai_words()) | set(EXTRA_WORDS)
    for forms in concept_forms().values():
        # Short Thai names and acronyms that newmm would shred (ดีอีเอส -> ดี/อี/เอส). Long
        # phrases stay out so that their parts remain searchable; concepts match them anyway.
        words.update(normalize_for_match(f) for f in forms
                     if re.search(r"[\u0e00-\u0e7f]", f) and len(f) <= MAX_DICT_FORM)
    return dict_trie(words)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(normalize_for_match(w) for w in thai_stopwords()) | ENGLISH_STOPWORDS


def s_stem(word: str) -> str:
    """Harman's S-stemmer for English plurals: policies -> policy, countries -> country,
    agreements -> agreement; leaves -ss, -us, -is, -aes/-ees/-oes and short words alone."""
    if len(word) <= 3 or not word.isascii() or not word.isalpha():
        return word
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if word.endswith("s") and not word.endswith(("us", "ss", "is")):
        return word[:-1]
    return word


def _words(normalized: str) -> list[str]:
    """Segment normalised text into words, dropping spaces and punctuation."""
    out: list[str] = []
    for a, b in split_runs(normalized, MAX_SEGMENT_CHARS):
        for token in word_tokenize(normalized[a:b], engine="newmm", custom_dict=_segmenter_dict(),
                                   keep_whitespace=False):
            out.extend(s_stem(w) for w in _WORD.findall(token))
    return out


@lru_cache(maxsize=1)
def _concept_index() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First word of a form -> [(the form's words, concept term)], longest forms first."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for concept, forms in concept_forms().items():
        for form in forms:
            words = tuple(_words(normalize_for_match(form)))
            if words:
                index.setdefault(words[0], []).append((words, CONCEPT_PREFIX + concept))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


@lru_cache(maxsize=1)
def analyzer_fingerprint() -> str:
    """Changes whenever the terms of a text could change: glossary, word lists, patterns, versions.

    Recorded in the index manifest; a build with another fingerprint re-analyses every document
    (embeddings are still reused, they depend on the text alone).
    """
    from importlib.metadata import version

    parts = [json.dumps(concept_forms(), sort_keys=True, ensure_ascii=False), repr(EXTRA_WORDS),
             str(MAX_DICT_FORM), _WORD.pattern, s_stem.__doc__ or "", " ".join(sorted(ENGLISH_STOPWORDS)),
             version("pythainlp"), str(ANALYZER_VERSION)]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def analyze(text: str) -> list[str]:
    """Terms of ``text``: normalised words without stopwords, plus glossary concept terms."""
    return analyze_query(text)[0]


def analyze_query(text: str) -> tuple[list[str], list[str]]:
    """(terms, units): the terms, and the units the query's meaning is counted in.

    A word that is part of a glossary form is represented among the units by its concept
    only, so "ญี่ปุ่น" is not counted missing from an English passage that says "Japan".
    """
    words = _words(normalize_for_match(text))
    stop = _stopwords()
    concepts = _concept_index()
    terms = [w for w in words if w not in stop]
    absorbed: set[int] = set()
    found: list[str] = []
    i = 0
    while i < len(words):
        for form, concept in concepts.get(words[i], ()):
            if tuple(words[i:i + len(form)]) == form:
                found.append(concept)
                absorbed.update(range(i, i + len(form)))
                i += len(form) - 1
                break
        i += 1
    units = [w for j, w in enumerate(words) if j not in absorbed and w not in stop] + found
    return terms + found, units


@lru_cache(maxsize=4096)
def query_analysis(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``analyze_query`` of a question, kept: the searcher and the API's highlighting both
    analyse every question."""
    terms, units = analyze_query(text)
    return tuple(terms), tuple(units)


def term_spans(text: str, terms: set[str]) -> list[tuple[int, int]]:
    """Character spans of ``text`` (as written) whose word analyzes to one of ``terms``.

    Used to highlight matched query terms in a displayed passage.
    """
    spans: list[tuple[int, int]] = []
    for a, b in split_runs(text, MAX_SEGMENT_CHARS):
        pos = a
        for token in word_tokenize(text[a:b], engine="newmm", custom_dict=_segmenter_dict(),
                                   keep_whitespace=True):
            start, pos = pos, pos + len(token)
            stripped = token.strip()
            if stripped and set(analyze(token)) & terms:
                lead = len(token) - len(token.lstrip())
                spans.append((start + lead, start + lead + len(stripped)))
    return spans
