"""The shortest span that answers, inside the answering sentence.

Candidates are runs of up to ``MAX_WORDS`` words of the sentence (Thai words from PyThaiNLP
``newmm``; spans are chosen for the first ``searcher.SPAN_HITS`` hits only) plus every
expression of the kind the question asks for (a date, a duration, a number). A learned
logistic model (:mod:`search_api.rerank`, trained by ``eval/train_rerank.py`` on iApp *train*)
scores each candidate from where it sits relative to the question's words (answers
follow or precede the words the question repeats and rarely contain them), whether it starts
with the word the question puts before its question word ("ประเทศ" in "ประเทศอะไร"), its length,
script, digits, whether it holds the asked-for kind, whether the question's words sit right
before a gloss in brackets that ends where it starts ("NAME (อังกฤษ: ...) เป็น ..."), and how often
annotators' answers start or end at its edge words (an edge-word table learned from iApp train:
answers follow "คือ" and "ว่า" and are followed by "ซึ่ง"). The best candidate is the span.

A list is never cut: when the answering sentence introduces a list (a line ending with ``:``
followed by bulleted or numbered lines) or is one of its items, and the question asks for no
single date, duration or number, the span is the whole list, even where it runs past the
passage (the hit's passage is then extended to show it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from indexer.answer_kinds import kind_pattern
from indexer.lines import line_end, start_of_line
from indexer.textnorm import THAI_DIGITS
from search_api.feature_matrix import feature_matrix

MAX_WORDS = 8
NEAR_CHARS = 24
LIST_MAX_CHARS = 3000
_BREAK = set(" \t\n\r\xa0,.;:!?()[]\"'“”‘’/|")
_BREAK_CODES = np.array(sorted(ord(c) for c in _BREAK), dtype=np.uint32)
_SPACE_CODES = np.array([ord(c) for c in " \t\n\r"], dtype=np.uint32)
# lookup tables over every code point: ``_IS_BREAK[codes]`` is ``np.isin(codes, _BREAK_CODES)``
# at a fraction of its cost (isin sorts both arrays on every call)
_IS_BREAK = np.zeros(0x110000, dtype=bool)
_IS_BREAK[_BREAK_CODES] = True
_IS_SPACE = np.zeros(0x110000, dtype=bool)
_IS_SPACE[_SPACE_CODES] = True
_WORD = re.compile(r"[^\s]+")
_PUNCT_ONLY = re.compile(r"^[\W_]+$")
_WH_THAI = re.compile(r"อะไร|ใคร|ที่ไหน|ไหน|อย่างไร|เท่าไร|เท่าไหร่|เมื่อไร|เมื่อไหร่|เมื่อใด|กี่|ใด")
_WH_EN = re.compile(r"\b(?:what|which|who|whom|whose|where|when|how many|how much|how long|how)\b")
_ITEM = re.compile(r"^\s*(?:[•●▪◦\-*–]|\(?[0-9๐-๙]{1,2}[.)](?!\d)|\(?[a-zก-ฮ][.)]\s)\s*")

SPAN_FEATURES = (
    "log_chars", "log_words", "query_overlap", "prev_near", "next_near", "follows_term",
    "precedes_term", "type_word", "typed", "exact_expression", "has_digit", "latin",
    "unbalanced_paren", "starts_at_break", "ends_at_break", "is_whole", "relative_start",
    "kind_asked", "left_context", "right_context", "in_question", "kind_match",
    "paren_context", "in_parens", "word_before", "word_first", "word_last", "word_after",
)
# the edge-word columns: how much more often than elsewhere a word is the one right before an
# annotator's answer, its first, its last, or the one right after it (``edge_word_columns``)
EDGE_SLOTS = ("before", "first", "last", "after")
UNIT_START, UNIT_END = "<s>", "</s>"   # the edge "words" of the unit itself
_NO_EDGE = (0.0, 0.0, 0.0, 0.0)
CONTEXT_CHARS = 24   # question characters matched on each side of a candidate (left/right_context)
GRAM = 3


@dataclass(frozen=True)
class Span:
    start: int     # offsets in the text the span was chosen in
    end: int
    is_list: bool = False


def match_key(text: str) -> str:
    """Lower case, Thai digits as ASCII, no-break spaces as spaces: the same length as ``text``,
    so offsets found in it are offsets in ``text``."""
    return text.translate(THAI_DIGITS).lower().replace("\xa0", " ")


def _term_form(term: str) -> str:
    """A normalised query term as it is written (SARA AM recomposed after NFKC)."""
    return term.replace("\u0e4d\u0e32", "\u0e33")


@lru_cache(maxsize=4096)
def _query_cues(query: str) -> tuple[str, str]:
    """(question word, the word the question puts right before it in Thai or right after it in
    English: "ประเทศ" in "ประเทศอะไร", "province" in "which province")."""
    q = match_key(query)
    m = _WH_THAI.search(q)
    if m:
        before = q[:m.start()].rstrip()
        words = _words_fine(before)[-1:] if before else []
        return m.group(0), before[words[0][0]:words[0][1]] if words else ""
    m = _WH_EN.search(q)
    if m:
        after = _WORD.findall(q[m.end():])
        return m.group(0), (after[0] if after and after[0] not in _EN_NOT_TYPE else "")
    return "", ""


# words after an English question word that are not the kind of thing asked for
_EN_NOT_TYPE = frozenset(("is", "are", "was", "were", "did", "does", "do", "will", "would", "can", "could",
                          "has", "have", "had", "should", "shall", "may", "the", "a", "an", "of"))
_SPACE_RE = re.compile(r"\s+")
_SPACE_CHARS = re.compile(r"[ \t\n\r]+")   # the white space ``span_features`` counts


@lru_cache(maxsize=4096)
def question_context(query: str) -> tuple[str, str, str]:
    """(the question's text right before its question word, the same without the word the
    question puts before its question word, the text right after it), spaces removed, at most
    ``CONTEXT_CHARS`` each: in "ประเทศไทยมีกี่จังหวัด" ("ประเทศไทยมี", "ประเทศไทยมี", "จังหวัด");
    in "เขาเกิดวันที่เท่าไร" the second is "เขาเกิด". An answer in a sentence that restates the
    question sits between the two ("มี 77 จังหวัด", "เกิด 3 ธันวาคม")."""
    q = match_key(query)
    m = _WH_THAI.search(q)
    if not m:
        return "", "", ""
    before = q[:m.start()].rstrip()
    _, type_word = _query_cues(query)
    shorter = before[:len(before) - len(type_word)] if type_word and before.endswith(type_word) else before
    left = _SPACE_RE.sub("", before)[-CONTEXT_CHARS:]
    left_short = _SPACE_RE.sub("", shorter)[-CONTEXT_CHARS:]
    right = _SPACE_RE.sub("", q[m.end():]).rstrip("?")[:CONTEXT_CHARS]
    return left, left_short, right


@lru_cache(maxsize=4096)
def question_grams(query: str) -> frozenset:
    """Character trigrams of the question (spaces removed, question word left out)."""
    grams = set()
    for part in _WH_THAI.split(match_key(query)):   # no trigram spans the question word
        part = _SPACE_RE.sub("", part)
        grams.update(part[i:i + GRAM] for i in range(len(part) - GRAM + 1))
    return frozenset(grams)


def _matched_before(key: str, at: int, left: str) -> int:
    """How many characters of ``left`` (from its end) the text ends with at ``at``, spaces skipped."""
    n, i, j = 0, at - 1, len(left) - 1
    while i >= 0 and j >= 0:
        c = key[i]
        if c.isspace():
            i -= 1
            continue
        if c != left[j]:
            break
        n, i, j = n + 1, i - 1, j - 1
    return n


def _matched_after(key: str, at: int, right: str) -> int:
    """How many characters of ``right`` (from its start) the text starts with at ``at``, spaces skipped."""
    n, i, j, size = 0, at, 0, len(key)
    while i < size and j < len(right):
        c = key[i]
        if c.isspace():
            i += 1
            continue
        if c != right[j]:
            break
        n, i, j = n + 1, i + 1, j + 1
    return n


# what a question word asks for beyond the typed kinds: a person, a place
_ASKS_PERSON = re.compile(r"ใคร|\bwho\b|\bwhom\b")
_ASKS_PLACE = re.compile(r"ที่ไหน|ที่ใด|จังหวัดใด|จังหวัดอะไร|ประเทศใด|ประเทศอะไร|เมืองใด|เมืองอะไร|\bwhere\b")
_PERSON = re.compile(r"(?:นาย|นางสาว|นาง|ดร\.|พล\.|พระ|หม่อม|ศาสตราจารย์|mr\.?|mrs\.?|ms\.?|dr\.?|h\.e\.)")
# who signs or presides in a press release is often an office, not a name: "Director-General of
# the Marine Department", "รัฐมนตรีว่าการกระทรวงสาธารณสุข"
_OFFICE = re.compile(r"(?:รัฐมนตรี|อธิบดี|ปลัดกระทรวง|ผู้ว่าราชการ|เอกอัครราชทูต|ผู้อำนวยการ|เลขาธิการ|ผู้บัญชาการ|"
                     r"อธิการบดี|\bminister\b|director-general|\bdirector\b|commissioner|ambassador|"
                     r"secretary|\bgovernor\b|\bpresident\b|\bchairman\b)")
_WHO = re.compile(f"(?:{_PERSON.pattern}|{_OFFICE.pattern})")
_PLACE = re.compile(r"(?:จังหวัด|อำเภอ|ตำบล|ประเทศ|เมือง|กรุง|เขต|ห้องประชุม|อาคาร|ทำเนียบ|(?<![ก-๙])ณ\s|"
                    r"province|city|district|\broom\b|\bhall\b|building)")


def _kind_match(query: str, key: str, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """1 for candidates holding a person's title (who) or a place word (where) when asked."""
    q = match_key(query)
    pattern = _WHO if _ASKS_PERSON.search(q) else _PLACE if _ASKS_PLACE.search(q) else None
    out = np.zeros(len(starts))
    if pattern is None:
        return out
    for m in pattern.finditer(key):
        a, b = m.span()
        out = np.maximum(out, ((starts <= a) & (ends >= b)).astype(np.float64))
    return out


@lru_cache(maxsize=8192)
def _words_fine(text: str) -> list[tuple[int, int]]:
    from pythainlp.tokenize import word_tokenize

    out, at = [], 0
    for token in word_tokenize(text, engine="newmm", keep_whitespace=True):
        if token.strip() and not _PUNCT_ONLY.match(token):
            out.append((at, at + len(token)))
        at += len(token)
    return out


def occurrences(key: str, query_idf: dict[str, float], concept_forms: dict[str, tuple[str, ...]]):
    """(start, end, share of the query's idf) of every query term found in ``key``."""
    total = sum(query_idf.values()) or 1.0
    found = []
    for term, weight in query_idf.items():
        for form in concept_forms.get(term, (term,)):
            form = _term_form(form)
            if not form:
                continue
            at = key.find(form)
            while at >= 0:
                found.append((at, at + len(form), weight / total))
                at = key.find(form, at + 1)
    return found


def typed_expressions(key: str, kind: str | None) -> list[tuple[int, int]]:
    """Extents of the expressions of the asked-for ``kind`` (a date, a duration, a number) in a
    text's ``match_key``; none when no kind is asked."""
    return [m.span() for m in kind_pattern(kind).finditer(key)] if kind else []


def candidates(text: str, kind: str | None, key: str | None = None) -> tuple[np.ndarray, np.ndarray, list]:
    """(starts, ends, typed-expression extents) of the candidate spans of ``text`` (``key``:
    ``match_key(text)`` when the caller has it)."""
    ws = _words_fine(text)
    key = match_key(text) if key is None else key
    typed = typed_expressions(key, kind)
    if ws:
        first, last = np.array(ws).T
        i, width = np.divmod(np.arange(len(ws) * MAX_WORDS), MAX_WORDS)
        keep = i + width < len(ws)
        starts, ends = first[i[keep]], last[(i + width)[keep]]
    else:
        starts, ends = np.array([0]), np.array([len(text)])
    if typed:
        starts = np.concatenate([starts, [a for a, _ in typed]])
        ends = np.concatenate([ends, [b for _, b in typed]])
    return starts, ends, typed


def edge_word_columns(text: str, starts: np.ndarray, ends: np.ndarray,
                      edge_words: dict[str, tuple] | None, key: str | None = None) -> list[np.ndarray]:
    """``word_before``, ``word_first``, ``word_last``, ``word_after`` of each candidate: the
    ``edge_words`` scores (word -> one score per ``EDGE_SLOTS``, learned from iApp train's gold
    answers by ``eval.train_rerank.edge_word_table``) of the word right before the candidate, its
    first and last words and the word right after it ("ว่า" and "คือ" come right before an
    answer, "ซึ่ง" and "[2]" right after one). 0 for words the table does not hold and for edges
    that are not word edges (a typed expression cut inside a word). ``key``: ``match_key(text)``
    when the caller has it."""
    n = len(starts)
    words = _words_fine(text)
    if not edge_words or not words or n == 0:
        return [np.zeros(n) for _ in EDGE_SLOTS]
    key = match_key(text) if key is None else key
    row_of, scores = _edge_matrix(edge_words)
    rows = [row_of.get(UNIT_START, 0)] + [row_of.get(key[a:b], 0) for a, b in words] + [row_of.get(UNIT_END, 0)]
    table = scores[rows]
    bounds = np.array(words, dtype=np.int64)
    word_starts, word_ends = bounds[:, 0], bounds[:, 1]
    i = np.minimum(np.searchsorted(word_starts, starts), len(words) - 1)   # the candidate's first word
    j = np.minimum(np.searchsorted(word_ends, ends), len(words) - 1)       # and its last
    at_start, at_end = word_starts[i] == starts, word_ends[j] == ends
    return [np.where(at_start, table[i, 0], 0.0), np.where(at_start, table[i + 1, 1], 0.0),
            np.where(at_end, table[j + 1, 2], 0.0), np.where(at_end, table[j + 2, 3], 0.0)]


_EDGE_MATRICES: dict[int, tuple] = {}


def _edge_matrix(edge_words: dict) -> tuple[dict[str, int], np.ndarray]:
    """(word -> row, scores matrix with a row of zeros first) of an edge-word table, built once
    per table (a model's table lives as long as the model)."""
    cached = _EDGE_MATRICES.get(id(edge_words))
    if cached is None or cached[0] is not edge_words:
        words = list(edge_words)
        scores = np.zeros((len(words) + 1, len(EDGE_SLOTS)))
        if words:
            scores[1:] = np.array([edge_words[w] for w in words], dtype=np.float64)
        cached = (edge_words, {w: i + 1 for i, w in enumerate(words)}, scores)
        if len(_EDGE_MATRICES) > 8:
            _EDGE_MATRICES.clear()
        _EDGE_MATRICES[id(edge_words)] = cached
    return cached[1], cached[2]


def _left_share(key: str, at: int, left: str, left_short: str) -> float:
    """The larger share of the question's text before its question word, whole or without the
    word it puts right before it (``question_context``), that ``key`` ends with at ``at``."""
    return max(_matched_before(key, at, left) / len(left),
               _matched_before(key, at, left_short) / max(1, len(left_short)))


PAREN_SKIP = 2          # parentheticals skipped by ``paren_context``
PAREN_MAX_CHARS = 300   # how far back a parenthetical's opening bracket is looked for
_OPENING = {")": "(", "]": "["}


def _paren_context(key: str, unique_starts: list[int], left: str, left_short: str) -> np.ndarray:
    """For each start: how much of the question's text before its question word the text repeats
    right before a parenthetical (up to ``PAREN_SKIP``) that ends right before the start. Thai
    Wikipedia puts a gloss between the subject the question names and what is said of it:
    "กาลิบ มูซา โอกลู ยาฟารอฟ (Galib Musa oglu Jafarov; ...) เป็นนักมวย..." for "... ยาฟารอฟ คือใคร"."""
    out = np.zeros(len(unique_starts))
    if ")" not in key and "]" not in key:
        return out
    for k, a in enumerate(unique_starts):
        p = a
        for _ in range(PAREN_SKIP):
            while p > 0 and key[p - 1].isspace():
                p -= 1
            if p == 0 or key[p - 1] not in _OPENING:
                break
            p = key.rfind(_OPENING[key[p - 1]], max(0, p - PAREN_MAX_CHARS), p - 1)
            if p < 0:
                break
            while p > 0 and key[p - 1].isspace():
                p -= 1
            out[k] = max(out[k], _left_share(key, p, left, left_short))
    return out


def _prefix_counts(values: np.ndarray) -> np.ndarray:
    """0, then the running sum of ``values``: ``out[b] - out[a]`` sums ``values[a:b]`` (the
    array's own ``cumsum``: ``np.cumsum`` adds Python layers, ~2 % of a search under load)."""
    out = np.zeros(len(values) + 1, dtype=np.float64 if values.dtype.kind == "f" else np.int64)
    values.cumsum(out=out[1:])
    return out


def span_features(text: str, starts: np.ndarray, ends: np.ndarray, typed: list, query: str,
                  query_idf: dict[str, float], concept_forms: dict, kind: str | None,
                  edge_words: dict[str, tuple] | None = None, key: str | None = None) -> np.ndarray:
    """The ``SPAN_FEATURES`` matrix of the candidates ``starts``/``ends`` of ``text``
    (``edge_words``: the model's edge-word table; without it those columns are 0; ``key``:
    ``match_key(text)`` when the caller has it)."""
    key = match_key(text) if key is None else key
    n, length = len(starts), max(1, len(text))
    occ = occurrences(key, query_idf, concept_forms)
    chars = (ends - starts).astype(np.float64)
    overlap = np.zeros(n)
    prev_near = np.zeros(n)
    next_near = np.zeros(n)
    follows = np.zeros(n)
    precedes = np.zeros(n)
    for a, b, w in occ:
        inside = (np.minimum(ends, b) - np.maximum(starts, a)) > 0
        overlap += inside * w
        before = (b <= starts) & (starts - b <= NEAR_CHARS)
        prev_near = np.maximum(prev_near, before * w)
        follows = np.maximum(follows, ((b <= starts) & (starts - b <= 1)).astype(np.float64))
        after = (a >= ends) & (a - ends <= NEAR_CHARS)
        next_near = np.maximum(next_near, after * w)
        precedes = np.maximum(precedes, ((a >= ends) & (a - ends <= 1)).astype(np.float64))
    _, type_word = _query_cues(query)
    # the tests below run once a distinct start or end
    unique_starts, start_of = np.unique(starts, return_inverse=True)
    unique_ends, end_of = np.unique(ends, return_inverse=True)
    if type_word and type_word.isascii():
        # English puts the head noun last ("the 75th anniversary" for "which anniversary",
        # "Bhakdi Bodin Building" for "which building"): the candidate ends with it
        type_start = np.array([key.endswith(type_word, 0, b) or key.endswith(type_word + "s", 0, b)
                               for b in unique_ends.tolist()], dtype=np.float64)[end_of]
    elif type_word:
        type_start = np.array([key.startswith(type_word, a) for a in unique_starts.tolist()],
                              dtype=np.float64)[start_of]
    else:
        type_start = np.zeros(n)
    typed_in = np.zeros(n)
    exact = np.zeros(n)
    for a, b in typed:
        typed_in = np.maximum(typed_in, ((starts <= a) & (ends >= b)).astype(np.float64))
        exact = np.maximum(exact, ((starts == a) & (ends == b)).astype(np.float64))
    codes = np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32)
    digit = _prefix_counts((codes >= 48) & (codes <= 57))
    latin = _prefix_counts((codes >= 97) & (codes <= 122))
    opening = _prefix_counts(codes == 40)
    closing = _prefix_counts(codes == 41)
    # characters inside brackets: a gloss ("(อังกฤษ: ...)") rarely answers
    depth = ((codes == 40) | (codes == 91)).cumsum() - ((codes == 41) | (codes == 93)).cumsum()
    bracketed = _prefix_counts(depth > 0)
    is_break = np.concatenate([_IS_BREAK[codes], [True]])
    space = _prefix_counts(_IS_SPACE[codes])
    starts_break = np.where(starts == 0, True, is_break[np.maximum(starts - 1, 0)]).astype(np.float64)
    ends_break = is_break[np.minimum(ends, len(key))].astype(np.float64)
    n_words = 1.0 + (space[ends] - space[starts])
    left, left_short, right = question_context(query)
    left_ctx, right_ctx, paren_ctx = np.zeros(n), np.zeros(n), np.zeros(n)
    if left:
        left_ctx = np.array([_left_share(key, a, left, left_short) for a in unique_starts.tolist()],
                            dtype=np.float64)[start_of]
        paren_ctx = _paren_context(key, unique_starts.tolist(), left, left_short)[start_of]
    if right:
        right_ctx = np.array([_matched_after(key, b, right) for b in unique_ends.tolist()],
                             dtype=np.float64)[end_of] / len(right)
    grams = question_grams(query)
    in_question = np.zeros(n)
    if grams:
        flat = _SPACE_CHARS.sub("", key)
        if len(flat) >= GRAM:
            # share of the candidate's trigrams that are the question's (answers rarely repeat it)
            hit = np.array([1.0 if flat[i:i + GRAM] in grams else 0.0 for i in range(len(flat) - GRAM + 1)])
            cum = _prefix_counts(hit)
            # candidate offsets in the text without spaces
            flat_at = np.arange(len(key) + 1) - space[np.arange(len(key) + 1)]
            fa, fb = flat_at[starts], np.maximum(flat_at[ends] - GRAM + 1, flat_at[starts])
            fa = np.minimum(fa, len(hit))
            fb = np.minimum(fb, len(hit))
            in_question = (cum[fb] - cum[fa]) / np.maximum(fb - fa, 1)
    columns = [
        np.log1p(chars), np.log1p(n_words), np.minimum(overlap, 1.0), prev_near, next_near, follows,
        precedes, type_start, typed_in, exact, ((digit[ends] - digit[starts]) > 0).astype(np.float64),
        (latin[ends] - latin[starts]) / np.maximum(chars, 1.0),
        ((opening[ends] - opening[starts]) != (closing[ends] - closing[starts])).astype(np.float64),
        starts_break, ends_break, ((starts == 0) & (ends >= len(text))).astype(np.float64),
        starts / length, np.full(n, 1.0 if kind else 0.0), left_ctx, right_ctx, in_question,
        _kind_match(query, key, starts, ends),
        paren_ctx, (bracketed[ends] - bracketed[starts]) / np.maximum(chars, 1.0),
        *edge_word_columns(text, starts, ends, edge_words, key),
    ]
    return feature_matrix(columns)


def asks_place(query: str) -> bool:
    """Whether the question asks where ("ที่ไหน", "จังหวัดใด", "where")."""
    return bool(_ASKS_PLACE.search(match_key(query)))


def score_span(model, text: str, start: int, end: int, query: str, query_idf: dict[str, float],
               concept_forms: dict, kind: str | None, edge_words: dict[str, tuple] | None = None) -> float:
    """The span model's logit of the span ``start..end`` of ``text`` (one candidate)."""
    key = match_key(text)
    typed = typed_expressions(key, kind)
    x = span_features(text, np.array([start]), np.array([end]), typed, query, query_idf, concept_forms, kind,
                      edge_words, key)
    return float(model.logit(x)[0])


def best_span(model, text: str, query: str, query_idf: dict[str, float], concept_forms: dict,
              kind: str | None, widen: float = 0.0, edge_words: dict[str, tuple] | None = None
              ) -> tuple[Span, float]:
    """The best candidate span of ``text`` and its model logit. With ``widen`` > 0 the span
    reaches over every candidate that overlaps the best one and scores within ``widen`` of its
    logit: where the model cannot tell which edge is right ("ณ ห้องประชุมประสงค์ รณะนันท์ ชั้น"
    or "... ชั้น 5 ก.แรงงาน"), the span holds both."""
    key = match_key(text)
    starts, ends, typed = candidates(text, kind, key)
    x = span_features(text, starts, ends, typed, query, query_idf, concept_forms, kind, edge_words, key)
    logits = model.logit(x)
    best = int(np.argmax(logits))
    a, b = int(starts[best]), int(ends[best])
    if widen > 0:
        near = (logits >= logits[best] - widen) & (starts < b) & (ends > a)
        a, b = int(starts[near].min()), int(ends[near].max())
    a, b = snap(text, a, b)
    return Span(a, b), float(logits[best])


SNAP_CHARS = 12      # how far an edge may move to finish a Thai run of letters
PAIR_CHARS = 40      # how far a closing quote or bracket is looked for
_PAIRS = {"(": ")", "“": "”", "[": "]", "‘": "’"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}


def _thai_letter(c: str) -> bool:
    return "\u0e01" <= c <= "\u0e4e"


def _latin_word(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _whole_run(text: str, a: int, b: int, in_run) -> tuple[int, int]:
    """``a``/``b`` moved to the edges of the run of characters ``in_run`` accepts that they
    cut, when the rest of the run is at most ``SNAP_CHARS`` long (the end first, then the start)."""
    if 0 < b < len(text) and in_run(text[b - 1]) and in_run(text[b]):
        stop = b
        while stop < len(text) and stop - b <= SNAP_CHARS and in_run(text[stop]):
            stop += 1
        if stop - b <= SNAP_CHARS:
            b = stop
    if 0 < a < len(text) and in_run(text[a - 1]) and in_run(text[a]):
        start = a
        while start > 0 and a - start <= SNAP_CHARS and in_run(text[start - 1]):
            start -= 1
        if a - start <= SNAP_CHARS:
            a = start
    return a, b


def snap(text: str, a: int, b: int) -> tuple[int, int]:
    """Edges moved to where a reader would put them: a Thai run of letters (Thai writes no
    space between words) is not cut when its rest is short ("2.5 ล้าน|บาท", "ไตร|ศุลี"), nor
    a run of Latin letters and digits ("75|th"), and a
    quote or bracket the span opens (closes) is closed (opened) when its mate is near
    ("“HORIZON PLUS|”")."""
    a, b = _whole_run(text, a, b, _thai_letter)
    # nor a run of Latin letters and digits ("75|th anniversary", "Calabi|a")
    a, b = _whole_run(text, a, b, _latin_word)
    inside = text[a:b]
    for opener, closer in _PAIRS.items():
        if inside.count(opener) > inside.count(closer):
            at = text.find(closer, b, b + PAIR_CHARS)
            if at >= 0:
                b = at + 1
        elif inside.count(closer) > inside.count(opener):
            at = text.rfind(opener, max(0, a - PAIR_CHARS), a)
            if at >= 0:
                a = at
    return a, b


def list_block(doc_text: str, start: int, end: int) -> tuple[int, int] | None:
    """The list (introduction line + bulleted/numbered lines) the text at ``start..end`` opens or
    belongs to, as document offsets; None when it is not part of one."""
    line_start = start_of_line(doc_text, start)
    end_of_line = line_end(doc_text, end)
    line = doc_text[line_start:end_of_line]
    is_item = bool(_ITEM.match(line))
    if not is_item and not line.rstrip().endswith(":"):
        return None
    # walk back to the introduction (or the first item), forward to the last item
    first = line_start
    if is_item:
        at = line_start
        while at > 0:
            prev_start = start_of_line(doc_text, at - 1)
            prev = doc_text[prev_start:at - 1]
            if _ITEM.match(prev):
                first = prev_start
            elif prev.rstrip().endswith(":"):
                first = prev_start
                break
            elif prev.strip():
                break
            at = prev_start
    last = at = end_of_line
    items = 0 if not is_item else 1
    while at < len(doc_text) and last - first < LIST_MAX_CHARS:
        nxt_end = line_end(doc_text, at + 1)
        nxt = doc_text[at + 1:nxt_end]
        if _ITEM.match(nxt):
            last, items = nxt_end, items + 1
        elif nxt.strip():
            break
        at = nxt_end
    if items < 2 and not is_item:
        return None
    return first + (len(doc_text[first:]) - len(doc_text[first:].lstrip())), last


# the pieces a clause is made of: text between white space (Thai writes a space between
# phrases and clauses, not between words) or the punctuation that closes a phrase
_CLAUSE_PIECE = re.compile(r"[^\s,;]+")


def clause(text: str, a: int, b: int, min_chars: int) -> tuple[int, int]:
    """The clause around the span ``a..b`` of ``text``: the span reaches to the edges of the
    white-space pieces it touches, then takes whole neighbouring pieces, the next one first
    (answers follow what the question repeats more often than they precede it), then the one
    before, until it is ``min_chars`` long. It never crosses a line break (a line is a heading or
    a list item of its own). "ณ ห้องประชุม 1 ชั้น 5" marks "ห้องประชุม 1 ชั้น 5 ..." where the span
    model was sure only of "ห้องประชุม"."""
    pieces = [m.span() for m in _CLAUSE_PIECE.finditer(text)]
    if not pieces:
        return a, b
    first = next((i for i, (_, e) in enumerate(pieces) if e > a), len(pieces) - 1)
    last = max(first, next((i for i in range(len(pieces) - 1, -1, -1) if pieces[i][0] < b), first))
    start, end = min(a, pieces[first][0]), max(b, pieces[last][1])
    turn = 0
    while end - start < min_chars:
        grow_right = last + 1 < len(pieces) and "\n" not in text[end:pieces[last + 1][1]]
        grow_left = first > 0 and "\n" not in text[pieces[first - 1][0]:start]
        if not grow_right and not grow_left:
            break
        if grow_right and (turn % 2 == 0 or not grow_left):
            last += 1
            end = pieces[last][1]
        else:
            first -= 1
            start = pieces[first][0]
        turn += 1
    # never end or start inside a name: "at Bhakdi Bodin Building, Government" goes on to "House"
    extra = 0
    while last + 1 < len(pieces) and extra < NAME_PIECES and _name_goes_on(text, pieces, last, last + 1):
        last, extra = last + 1, extra + 1
    end = max(end, pieces[last][1])
    extra = 0
    while first > 0 and extra < NAME_PIECES and _name_goes_on(text, pieces, first - 1, first):
        first, extra = first - 1, extra + 1
    start = min(start, pieces[first][0])
    return start, end


NAME_PIECES = 6   # at most this many pieces are added to finish a name
_JOINERS = frozenset(("of", "for", "and", "the", "de", "van", "von"))


def _name_goes_on(text: str, pieces: list[tuple[int, int]], i: int, j: int) -> bool:
    """Whether pieces ``i`` and ``j = i + 1`` of ``text`` are words of one capitalised name: both
    capitalised (or a joiner such as "of" between capitalised words), nothing but a space between."""
    if text[pieces[i][1]:pieces[j][0]] != " ":
        return False

    def capital(k: int) -> bool:
        return 0 <= k < len(pieces) and text[pieces[k][0]].isascii() and text[pieces[k][0]].isupper()

    def joiner(k: int) -> bool:
        return text[pieces[k][0]:pieces[k][1]] in _JOINERS

    if capital(i) and capital(j):
        return True
    # "Ministry | of Foreign Affairs" and "Ministry of | Foreign Affairs"
    return ((capital(i) and joiner(j) and capital(j + 1) and text[pieces[j][1]:pieces[j + 1][0]] == " ")
            or (joiner(i) and capital(j) and capital(i - 1) and text[pieces[i - 1][1]:pieces[i][0]] == " "))


# words that never end what answers: a preposition, a connective, a title or a place word waiting
# for its name ("... อำเภอพระนครศรีอยุธยา จังหวัด" | "พระนครศรีอยุธยา", "ทอเลมีที่" | "4")
DANGLING = frozenset(("ที่", "ใน", "ของ", "และ", "กับ", "คือ", "หรือ", "โดย", "ว่า", "เป็น", "จาก", "แห่ง", "ปี", "พ.ศ.",
                      "ค.ศ.", "จังหวัด", "อำเภอ", "ตำบล", "ประเทศ", "เมือง", "ชั้น", "ถนน", "นาย", "นาง", "นางสาว",
                      "ราว", "ประมาณ", "กว่า", "ได้แก่", "ซึ่ง", "ให้", "แก่", "ต่อ", "ถึง", "ตั้งแต่", "วันที่", "เมื่อ",
                      "จำนวน", "ณ", "ทรง", "พระ", "เลขที่", "สู่", "ไปยัง", "ด้วย", "เพื่อ", "ได้", "มี", "อยู่", "ทาง",
                      "the", "of", "at", "in", "on", "and", "to", "for", "by", "from", "with", "a", "an", "mr.", "dr."))
COMPLETE_WORDS = 3   # at most this many words are added to finish a span


def complete(text: str, start: int, end: int) -> int:
    """The end of the span ``start..end`` of ``text``, past the words it was left waiting for: a
    span whose last word is ``DANGLING`` takes the next word, up to ``COMPLETE_WORDS`` of them,
    never past a line break."""
    words = _words_fine(text)
    last = next((w for w in reversed(words) if w[0] < end), None)
    if last is None or last[1] != end or text[last[0]:last[1]].lower() not in DANGLING:
        return end
    for a, b in [w for w in words if w[0] >= end][:COMPLETE_WORDS]:
        if "\n" in text[end:a]:
            break
        end = b
        if text[a:b].lower() not in DANGLING:
            break
    return end
