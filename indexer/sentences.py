"""Sentence boundaries as character offsets into the text as written.

Lines are split first (news text puts one sentence or heading per line); then Thai lines go
through PyThaiNLP's CRF sentence cutter and other lines through a punctuation splitter.
Fragments the CRF model leaves behind (an abbreviation such as ``สปป.`` cut from its name, a
lone word) are merged back.
"""
from __future__ import annotations

import re

from pythainlp.tokenize import sent_tokenize

from indexer.textnorm import detect_lang, split_runs

MIN_SENTENCE_CHARS = 16
MAX_SENTENCE_CHARS = 600
MAX_LINE_CHARS = 5_000  # longer lines go to the sentence cutters in pieces
_WHITESPACE = re.compile(r"\s+")
_ENGLISH_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9\u0e00-\u0e7f])")
# a full stop that ends none of a sentence: a title ("Mr.", "Pol. Gen.", "H.E."), a middle or first initial
# ("Antony J. Blinken", "J. K. Rowling"), a month or a company before what it names ("Nov. 7", "Co. Ltd.")
_ENGLISH_ABBREVIATIONS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|Nos|Vol|Gen|Col|Lt|Sen|Rep|Gov|Jr|Sr|Inc|Ltd|Co|vs|etc|e\.g|i\.e|U\.S|a\.m|p\.m"
    r"|Pol|Maj|Capt|Adm|Sgt|Cpl|Brig|Cmdr|Hon|Rev|Messrs|Assoc|Asst|Dept|Corp|Bros|approx"
    r"|Jan|Feb|Apr|Aug|Sep|Sept|Oct|Nov|Dec|(?:[A-Z]\.)*[A-Z])\.$")
ABBREVIATION_CHARS = 64
_THAI_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:[\u0e00-\u0e7f]{1,4}\.)+$")

Span = tuple[int, int]


def split_sentences(text: str) -> list[Span]:
    """Sentences of ``text`` as (start, end) offsets, stripped of surrounding white space."""
    spans: list[Span] = []
    for whole_start, whole in _lines(text):
        for a, b in split_runs(whole, MAX_LINE_CHARS):
            line, line_start = whole[a:b], whole_start + a
            pieces = _thai_pieces(line) if detect_lang(line) == "th" else _english_pieces(line)
            spans.extend(_merge_fragments(line, [(line_start + x, line_start + y) for x, y in pieces],
                                          line_start))
    return [piece for span in spans for piece in _split_long(text, span)]


def _lines(text: str):
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            yield pos + raw.index(stripped[0]), stripped
        pos += len(raw) + 1


def _locate(line: str, pieces: list[str]) -> list[Span]:
    spans, cursor = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        start = line.find(piece, cursor)
        if start < 0:  # the cutter changed the text; fall back to the whole rest of the line
            return spans + [(cursor, len(line))] if cursor < len(line) else spans
        spans.append((start, start + len(piece)))
        cursor = start + len(piece)
    return spans


# The CRF model reads spaces as its strongest boundary cue but does not know no-break or
# zero-width spaces, which real Thai pages are full of. It is given a copy in which they are
# plain spaces: the same length, so offsets found in the copy hold for the original.
SPACE_LIKE = str.maketrans({"\u00a0": " ", "\u200b": " ", "\u2009": " ", "\u202f": " ", "\u3000": " "})


def _thai_pieces(line: str) -> list[Span]:
    spaced = line.translate(SPACE_LIKE)
    return _locate(spaced, sent_tokenize(spaced, engine="crfcut"))


def _english_pieces(line: str) -> list[Span]:
    spans, start = [], 0
    for match in _ENGLISH_END.finditer(line):
        # the abbreviation ends right before the stop: its last ABBREVIATION_CHARS are enough (the whole
        # piece so far, searched at every stop of a line of initials, took time quadratic in the line)
        if _ENGLISH_ABBREVIATIONS.search(line[max(start, match.start() - ABBREVIATION_CHARS):match.start()]):
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(line)))
    return [(a, b) for a, b in spans if line[a:b].strip()]


def _merge_fragments(line: str, spans: list[Span], offset: int) -> list[Span]:
    """Join abbreviation cuts and fragments too short to stand as a sentence."""
    merged: list[Span] = []
    for start, end in spans:
        if merged:
            prev_start, prev_end = merged[-1]
            prev_text = line[prev_start - offset:prev_end - offset]
            if (_THAI_ABBREVIATION.search(prev_text) or end - start < MIN_SENTENCE_CHARS
                    or prev_end - prev_start < MIN_SENTENCE_CHARS):
                merged[-1] = (prev_start, end)
                continue
        merged.append((start, end))
    return merged


def _split_long(text: str, span: Span) -> list[Span]:
    """Cut a run-on sentence at white space so that no piece exceeds MAX_SENTENCE_CHARS."""
    start, end = span
    out = []
    while end - start > MAX_SENTENCE_CHARS:
        window = text[start + MAX_SENTENCE_CHARS // 2:start + MAX_SENTENCE_CHARS]
        gaps = [m.start() for m in _WHITESPACE.finditer(window)]
        cut = start + MAX_SENTENCE_CHARS // 2 + gaps[-1] if gaps else start + MAX_SENTENCE_CHARS
        out.append(_strip(text, start, cut))
        start = cut
    out.append(_strip(text, start, end))
    return [(a, b) for a, b in out if b > a]


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
