"""What a hit marks: the answering sentence (learned), the span inside it, and how sure we are.

:func:`choose` runs the sentence model over a passage's sentences, the span model
(:mod:`search_api.answer_span`) inside the chosen sentence (or takes the whole list the sentence
opens or belongs to; or the whole sentence when the span model is not sure of its span), and
returns the evidence the answer model turns into a probability that the marked span answers
(:func:`answer_probability`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from indexer.agreements.extract import thai_venue
from indexer.answer_kinds import base_kind
from indexer.lines import line_end, start_of_line
from search_api.answer import sentence_features
from search_api.answer_span import (asks_place, best_span, clause, complete, list_block, match_key,
                                     score_span)
from search_api.definitions import definition_span
from search_api.rerank import AnswerModels, sigmoid
from search_api.span_companions import widen

if TYPE_CHECKING:
    from search_api.fact_mark import FactMark

# For a question in another language than the passage, the span model's probability below which the whole unit
# is marked, when higher than ``AnswerModels.span_fallback``: the span model learned from Thai questions and is
# surer of its spans over an English one than they are right. Chosen on iApp valid's 360 English questions
# (``eval/cross_fallback.py``: span@1 0.644 -> 0.689, marks 142 -> 178 characters on average)
CROSS_LINGUAL_FALLBACK = 0.25
SINGLE_SENTENCE_MARGIN = 5.0   # the margin of a passage's only sentence
BLOCKED_PENALTY = 1e3          # subtracted from a furniture unit's logit (it is then never first)
# A question that asks for several things: Thai "บ้าง" ("อะไรบ้าง", "ด้านใดบ้าง"), English
# "which/what" + a plural noun ("which areas", "what fields") or "list".
_LIST_QUESTION = re.compile(r"บ้าง|\blist\b|\b(?:which|what)\s+(?!(?:does|was|has|is|this|its)\b)[a-z]{2,}s\b",
                            re.IGNORECASE)


def asks_for_list(query: str) -> bool:
    return bool(_LIST_QUESTION.search(query))


# Lines of a press release that never answer: the source line ("ที่มา : https://...", "Source:"),
# a credit line ("Image credits: mdes.go.th"),
# a bare URL, a line of rules or hashtags ("*******", "#ไทยคู่ฟ้า #ร่วมต้านโควิด19").
_SOURCE_LINE = re.compile(r"^\s*(?:ที่มา|source|credit)\b[^\n]{0,20}(?:https?://|www\.)|^\s*(?:https?://|www\.)\S*\s*$"
                          # "Image credits: mdes.go.th", "ภาพ: ..." (a short credit line of its own)
                          r"|^\s*(?:(?:image|photo|picture|ภาพ)\s*)?(?:credits?|เครดิต(?:ภาพ)?|ที่มา(?:ภาพ)?|source|ภาพ)"
                          r"\s*:[^\n]{0,80}$", re.IGNORECASE)
_NO_WORDS = re.compile(r"^[\W_]*(?:#\S+[\W_]*)*$")
_SPACES = re.compile(r"\s+")
FURNITURE_MAX_CHARS = 300


def furniture(doc_text: str, start: int, end: int, title: str = "", typed: bool = False) -> bool:
    """Whether the unit ``start..end`` of a document lies on a line that cannot answer: the
    document's headline (a line that is its title: the reader has it above the passage, and a
    press release's headline restates the question without its details) unless it holds the
    asked-for kind (``typed``: "... ระยะเวลา 8 ปี"), a source or URL line, or a line without words."""
    line_start = start_of_line(doc_text, start)
    line_stop = line_end(doc_text, end)
    if line_stop - line_start > max(FURNITURE_MAX_CHARS, 2 * len(title)):
        return False   # a paragraph: no headline, source line or rule is this long
    line = doc_text[line_start:line_stop]
    if _SOURCE_LINE.match(line) or _NO_WORDS.match(line):
        return True
    if title and not typed and "\n" not in doc_text[start:end]:
        # the headline, or its repetition in full under a title the archive cut short
        flat, head = _SPACES.sub(" ", line).strip(" \u200b"), _SPACES.sub(" ", title).strip(" \u200b")
        return len(flat) >= 8 and (flat == head or (len(head) >= 40 and flat.startswith(head) and len(flat) <= len(head) + 12))
    return False


@dataclass
class Choice:
    sentence: int                 # index of the chosen sentence in the passage
    span: tuple[int, int]         # the answer span, document offsets
    is_list: bool
    sentence_logit: float
    sentence_margin: float
    span_logit: float
    span_is_unit: bool = False    # the span model was not sure: the span is the whole unit
    # what the span is: "span" (the model's), "clause" (the clause around it: the model was not
    # sure of its edges), "sentence" (the whole unit), "list" (a list that answers, whole), "venue"
    # (the "ณ <venue>" a Thai release states, for a question that asks where) or "fact" (the
    # asked fact's words, located by an agreement record's evidence)
    span_kind: str = "span"
    fact_confidence: float | None = None   # of a "fact" span: the fact's (the lowest of a list's)
    unit: tuple[int, int] | None = None    # the unit marked, when it is not ``sentence``'s own (``continued``)


def choose(models: AnswerModels, doc_text: str, spans: list[tuple[int, int]], sentence_cos: np.ndarray,
           sentence_terms: list[set[str]], query: str, query_idf: dict[str, float],
           typed: list[bool] | None, kind: str | None, cross_lingual: bool, concept_forms: dict,
           with_span: bool = True, title: str = "", sentence_logits: np.ndarray | None = None,
           facts: "list[FactMark] | None" = None, rated_logits: np.ndarray | None = None) -> Choice:
    """:func:`choose_span`, the span taken over what its answer goes on with (a duration's
    extension, the venue of a "when and where": ``span_companions.widen``). ``rated_logits``: the
    linear sentence model's logits of ``spans`` when ``sentence_logits`` are another model's (the
    trees of a Thai question, ``AnswerModels.sentence_for``): the answer model reads the chosen
    unit's logit and margin from them, the scale it was fitted on (a ranking's scores say which
    unit is best, not how sure), and a unit the linear model would not have chosen has a
    negative margin."""
    blocked = furniture_units(doc_text, spans, title, typed)
    choice = choose_span(models, doc_text, spans, sentence_cos, sentence_terms, query, query_idf, typed, kind,
                         cross_lingual, concept_forms, with_span, title, sentence_logits, facts, blocked)
    if rated_logits is not None:
        choice = _rated(choice, np.asarray(rated_logits, dtype=np.float64), blocked)
    if choice.span_kind not in COMPANIONED:
        return choice
    start, end = widen(doc_text, *choice.span, query, kind and base_kind(kind))
    return choice if end == choice.span[1] else replace(choice, span=(start, end))


def furniture_units(doc_text: str, spans: list[tuple[int, int]], title: str = "",
                    typed: list[bool] | None = None) -> np.ndarray:
    """Which of a passage's units lie on a :func:`furniture` line, as a choice leaves them out: none
    when the passage has one unit, or when every unit does."""
    if len(spans) < 2:
        return np.zeros(len(spans), dtype=bool)
    blocked = np.array([furniture(doc_text, a, b, title, bool(typed and typed[j])) for j, (a, b) in enumerate(spans)])
    return blocked if not blocked.all() else np.zeros(len(spans), dtype=bool)


def _rated(choice: Choice, rated: np.ndarray, blocked: np.ndarray) -> Choice:
    """``choice`` with its sentence logit and margin read from ``rated`` (the ``blocked`` furniture
    units left out of the margin, as ``choose_span`` leaves them out)."""
    j = choice.sentence
    others = ~blocked
    others[j] = False
    others = rated[others]
    margin = float(rated[j] - others.max()) if len(others) else SINGLE_SENTENCE_MARGIN
    return replace(choice, sentence_logit=float(rated[j]), sentence_margin=margin)


# the marks a companion may widen: not a whole unit or list (they hold what they hold)
COMPANIONED = ("span", "clause", "fact", "venue")


def choose_span(models: AnswerModels, doc_text: str, spans: list[tuple[int, int]], sentence_cos: np.ndarray,
                sentence_terms: list[set[str]], query: str, query_idf: dict[str, float],
                typed: list[bool] | None, kind: str | None, cross_lingual: bool, concept_forms: dict,
                with_span: bool = True, title: str = "", sentence_logits: np.ndarray | None = None,
                facts: "list[FactMark] | None" = None, blocked: np.ndarray | None = None) -> Choice:
    """The sentence and span to mark in a passage whose sentences are ``spans`` (document offsets).

    Without ``with_span`` only the sentence is chosen (the span model is most of the cost of a
    hit): the choice's span is then the sentence, or the list it opens, and its logit is NaN.
    A unit on a :func:`furniture` line (``title``: the document's) is chosen only when every
    unit of the passage is. ``sentence_logits``: the sentence model's logits of ``spans``, when
    the caller scored a whole page at once (``answer.sentence_features_many``; without them the
    linear ``models.sentence`` scores them, ``query`` being the question the features read, not
    the one asked). ``facts``: where
    agreement records state the fact the question asks for (``fact_mark.fact_marks``, best
    first): the first whose unit is not furniture is marked, unit and span (``span_kind`` "fact"),
    unless a list is asked for and the passage has one. ``blocked``: ``furniture_units`` of
    ``spans``, when the caller has them."""
    texts = [doc_text[a:b] for a, b in spans]
    if sentence_logits is not None:
        logits = sentence_logits
    else:
        logits = models.sentence.logit(sentence_features(sentence_cos, sentence_terms, query_idf, texts,
                                                         typed, cross_lingual, query, models.sentence_crossed))
    if blocked is None:
        blocked = furniture_units(doc_text, spans, title, typed)
    if blocked.any():
        logits = np.where(blocked, logits - BLOCKED_PENALTY, logits)
    order = np.argsort(-logits, kind="stable")
    best = int(order[0])
    # the margin to the next unit that could have been chosen (furniture units do not count)
    runner = logits[order[1]] if len(order) > 1 else -np.inf
    margin = float(logits[best] - runner) if runner > logits[best] - BLOCKED_PENALTY / 2 else SINGLE_SENTENCE_MARGIN
    listed = []
    if kind is None and asks_for_list(query):
        # a list is asked for: the best-scored sentence that shares a query term and opens or
        # belongs to a list, when the passage has one (the whole list is then the span)
        listed = [int(j) for j in order if sentence_terms[j] and list_block(doc_text, *spans[j]) is not None]
    # a record's fact, unless a list is asked for and the passage lists (the items a record reads
    # from running text are no match for a bulleted list: the list is never cut)
    for fact in (facts or ()) if not listed else ():
        if logits[fact.unit] > logits[best] - BLOCKED_PENALTY / 2:
            return _fact_choice(fact, logits, spans, with_span)
    if listed:
        best = listed[0]
    a, b = spans[best]
    block = list_block(doc_text, a, b) if kind is None else None
    if block is not None:
        return Choice(best, block, True, float(logits[best]), margin, 0.0, span_kind="list")
    if not with_span:
        return Choice(best, (a, b), False, float(logits[best]), margin, float("nan"), span_kind="sentence")
    unit = continued(doc_text, spans, best, query)
    if unit is not None:
        choice = _choose_in(models, doc_text, unit, best, query, query_idf, concept_forms, kind,
                            float(logits[best]), margin, cross_lingual)
        return replace(choice, unit=unit)
    choice = _choose_in(models, doc_text, (a, b), best, query, query_idf, concept_forms, kind, float(logits[best]),
                        margin, cross_lingual)
    return run_on(doc_text, spans, best, choice) or choice


RUN_ON_CHARS = 30   # the longest first word of the next unit a span that ends its unit runs on into (valid: 30, 60)
_ENDS_SENTENCE = re.compile(r"[.!?;:。]\W*$")


def run_on(doc_text: str, spans: list[tuple[int, int]], best: int, choice: Choice) -> Choice | None:
    """``choice`` run on into the next unit on its line, when its span ends where the segmenter cut
    the unit at a space, not at a sentence's end: the unit and the span then take the next unit's
    first word, when it is no longer than ``RUN_ON_CHARS`` (the unit marked ends with the span: the
    sentence as context, not the next one too) ("... มีสำนักงานใหญ่อยู่ที่เมืองโอซะกะ" |
    "ประเทศญี่ปุ่น โดย..."). Only a span the model chose ("span", "clause"), not a whole unit, list,
    venue or fact. iApp valid: span@1 th->th 0.761 -> 0.764, en->th 0.642 -> 0.644, none lost; 92
    of 1,102 spans longer, by 2 characters on average. None when it does not apply."""
    following = _next_on_line(doc_text, spans, best) if choice.span_kind in ("span", "clause") else None
    if following is None:
        return None
    a, b = spans[best]
    c, d = following
    if doc_text[choice.span[1]:b].strip() or _ENDS_SENTENCE.search(doc_text[a:b]):
        return None
    word = re.match(r"\S+", doc_text[c:d])
    if word is None or len(word[0]) > RUN_ON_CHARS:
        return None
    end = c + word.end()
    return replace(choice, span=(choice.span[0], end), unit=(a, end))


def continued(doc_text: str, spans: list[tuple[int, int]], best: int, query: str) -> tuple[int, int] | None:
    """The unit ``best`` run on into the next one on its line, when it ends with the words the question
    puts right before its question word ("... จะพบธาตุ Ga ในธรรมชาติจำพวก" | "แร่บอไซด์และสังกะสี" for
    "... ในธรรมชาติจำพวกอะไร"): the sentence restates the question up to the slot its answer fills, and
    the segmenter cut it there; else None."""
    following = _next_on_line(doc_text, spans, best)
    stem = _asked_stem(query) if following is not None else None
    if stem is None:
        return None
    a, b = spans[best]
    tail = _SPACES.sub("", match_key(doc_text[a:b]))
    return (a, following[1]) if tail.endswith(stem) else None


def _next_on_line(doc_text: str, spans: list[tuple[int, int]], best: int) -> tuple[int, int] | None:
    """The unit after ``best``, when there is one and it goes on on the same line; else None."""
    if best + 1 >= len(spans) or "\n" in doc_text[spans[best][1]:spans[best + 1][0]]:
        return None
    return spans[best + 1]


@lru_cache(maxsize=1024)
def _asked_stem(query: str) -> str | None:
    """The last ``STEM_CHARS`` of a Thai question before the question word it ends with (spaces left out), or None
    when it does not end with one or too little is left (every hit of a question asks)."""
    asked = _SPACES.sub("", match_key(query))
    stem = _ASKED_LAST.sub("", asked)
    if stem == asked:
        return None   # the question does not end with its question word
    stem = stem[-STEM_CHARS:]
    return stem if len(stem) >= MIN_STEM_CHARS else None


STEM_CHARS, MIN_STEM_CHARS = 8, 4   # the question's last characters before its question word the unit must end with
# a Thai question word that ends the question, with "บ้าง" and a question mark after it
_ASKED_LAST = re.compile(r"(?:อะไร|ใคร|ที่ไหน|ที่ใด|ไหน|ใด|เท่าไร|เท่าไหร่|เท่าใด|อย่างไร|ยังไง|เมื่อไร|เมื่อไหร่|เมื่อใด)(?:บ้าง)?[?？]*$")


def _choose_in(models: AnswerModels, doc_text: str, unit: tuple[int, int], best: int, query: str,
               query_idf: dict[str, float], concept_forms: dict, kind: str | None, logit: float,
               margin: float, cross_lingual: bool = False) -> Choice:
    """The span marked inside ``unit`` (document offsets) of the chosen sentence ``best``."""
    a, b = unit
    text = doc_text[a:b]
    span, span_logit = best_span(models.span, text, query, query_idf, concept_forms, kind,
                                 models.span_widen, models.span_words)
    defined = definition_span(text, query) if kind is None else None
    if defined is not None:
        # "X คืออะไร": the predicate the text gives X, whole (the span model marks a few words of it)
        s, e = defined
        return Choice(best, (a + s, a + e), False, logit, margin, span_logit, span_kind="clause")
    venue = thai_venue(text) if asks_place(query) else None
    if venue is not None and not (span.start < venue.end(1) and venue.start(1) < span.end):
        # a Thai release puts the venue after "ณ"; the span model, trained on encyclopaedia text,
        # takes the visitor named right after it ("ณ ห้องสีงาช้าง ตึกไทยคู่ฟ้า ทำเนียบรัฐบาล นายเอมิลิโอ ...")
        s, e = venue.span(1)
        return Choice(best, (a + s, a + e), False, logit, margin,
                      score_span(models.span, text, s, e, query, query_idf, concept_forms, kind,
                                 models.span_words), span_kind="venue")
    tier = span_tier(sigmoid(span_logit), fallback_of(models, cross_lingual), models.span_clause)
    if tier == "sentence":
        return Choice(best, (a, b), False, logit, margin, span_logit, True, "sentence")
    if tier == "clause":
        s, e = clause(text, span.start, span.end, models.clause_chars)
        return Choice(best, (a + s, a + complete(text, s, e)), False, logit, margin,
                      span_logit, span_kind="clause")
    return Choice(best, (a + span.start, a + complete(text, span.start, span.end)), False,
                  logit, margin, span_logit)


def fallback_of(models: AnswerModels, cross_lingual: bool) -> float:
    """The span probability below which a hit marks its whole unit: the learned one, raised to
    ``CROSS_LINGUAL_FALLBACK`` for a question in another language than the passage."""
    return max(models.span_fallback, CROSS_LINGUAL_FALLBACK) if cross_lingual else models.span_fallback


def span_tier(sure: float, fallback: float, clause_below: float) -> str:
    """How a span the span model is ``sure`` of (its probability) is marked: "sentence" below
    ``fallback`` (not sure of the short span: the whole unit, which holds the answer far more
    often than a guessed span), "clause" from there to ``clause_below`` (sure of where the answer
    is, not of its edges: the clause around the span), "span" above. The thresholds are chosen on
    valid under a bound on the mean marked length (``eval/train_rerank.py``)."""
    return "sentence" if sure < fallback else "clause" if sure < clause_below else "span"


def _fact_choice(fact: "FactMark", logits: np.ndarray, spans: list[tuple[int, int]], with_span: bool) -> Choice:
    """The choice a record's evidence makes: its unit, and the fact's words as the span. The
    answer model reads the unit's own logit and margin, and the fact's confidence as the span's."""
    j = fact.unit
    others = np.delete(logits, j)
    margin = float(logits[j] - others.max()) if len(others) else SINGLE_SENTENCE_MARGIN
    span_logit = float(np.log(fact.confidence / (1 - fact.confidence))) if 0 < fact.confidence < 1 else 0.0
    if not with_span:
        return Choice(j, spans[j], False, float(logits[j]), margin, float("nan"), span_kind="sentence")
    return Choice(j, (fact.start, fact.end), False, float(logits[j]), margin, span_logit,
                  span_kind="fact", fact_confidence=fact.confidence)


def answer_features(passage_logit: float, passage_margin: float, choice: Choice) -> np.ndarray:
    """The ``ANSWER_FEATURES`` row of one hit."""
    return np.array([[passage_logit, passage_margin, choice.sentence_logit, choice.sentence_margin,
                      choice.span_logit, float(choice.span_is_unit), float(choice.span_kind == "clause")]])
