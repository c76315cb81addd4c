"""Which passage of the first document is shown first.

Retrieval finds a press release by its headline passage and the release answers further down
("... มีผลบังคับใช้เป็นระยะเวลา 5 ปี ..." three paragraphs in). Two moves, in this order, put the
first document's answering passage at the top without changing the document ranking:

- :func:`answer_first`: the passage on the first page whose best unit the sentence model scores
  ``ANSWER_FIRST_MARGIN`` above the first passage's best unit;
- :func:`fact_first`: for a question asking a fact of an agreement, the best-ranked pooled
  passage where a record the document reports has that fact's evidence, when the first passage
  has none (``fact_mark.fact_marks``).

A passage moved up must stand for the countries the question names (:func:`names_countries`).
The searcher's direct answer reads the order :func:`answer_first` gives, not the one
:func:`fact_first` gives (a passage moved up for a record would vouch for that record), and the
scores are reassigned place by place.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from search_api.agreements import canonical_parties
from search_api.direct_answer import question_partners
from search_api.fact_mark import fact_marks

if TYPE_CHECKING:
    from search_api.searcher import Pool, Searcher

FACT_WINDOW = 10   # places searched for the first document's passage that answers best
# how much higher (sentence-model logit) the best unit of another passage of the first document
# must score than the first passage's for that passage to be shown first; chosen on iApp valid
# (0.5: answer@1 th->th 0.807, span@1 0.701; 1.0: 0.813 / 0.704; 2.0: 0.811 / 0.702; never: 0.811 / 0.702;
# again with the refitted sentence model and 360 English valid questions, answer@1 th->th / en->th:
# 0.805 / 0.564, 0.811 / 0.558, 0.810 / 0.553, never 0.810 / 0.550)
ANSWER_FIRST_MARGIN = 1.0


def _to_front(order: np.ndarray, place: int) -> np.ndarray:
    return order if place == 0 else np.concatenate([[order[place]], np.delete(order, place)])


def answer_first(searcher: "Searcher", pool: "Pool", order: np.ndarray, doc_of: list[int],
                 query: str) -> tuple[np.ndarray, dict]:
    """``order`` with the first hit's document shown by the passage whose best unit the sentence
    model scores highest, when that passage is among the first ``FACT_WINDOW`` places and its
    best unit beats the first passage's by ``ANSWER_FIRST_MARGIN``; and the
    ``Searcher._page_logits`` of the document's passages it read (the page reuses them)."""
    if searcher.models is None or len(order) < 2:
        return order, {}
    top_doc = doc_of[int(order[0])]
    places = [p for p in range(min(len(order), FACT_WINDOW)) if doc_of[int(order[p])] == top_doc]
    if len(places) < 2:
        return order, {}
    prepared = searcher._page_logits(pool, [int(order[p]) for p in places], query)
    best = [float(np.max(prepared[int(order[p])][1][0])) for p in places]   # the logits that choose its unit
    for j in np.argsort(best, kind="stable")[::-1].tolist():
        if not j or best[j] <= best[0] + ANSWER_FIRST_MARGIN:
            break
        if names_countries(searcher, pool, int(order[places[j]]), question_partners(query) - {"thailand"}):
            return _to_front(order, places[j]), prepared
    return order, prepared


def names_countries(searcher: "Searcher", pool: "Pool", i: int, countries: set[str]) -> bool:
    """Whether pooled passage ``i`` may stand for ``countries`` (canonical names, the ones a
    question names): it names them all, or no other country than Thailand (a passage deep in a
    report need not repeat its partner). A report of two agreements: "which parties signed the
    Finland MoU" is not shown the passage of the Japan MoC."""
    if not countries:
        return True
    named = canonical_parties(searcher.store.chunk_text(int(pool.rows[i])))
    return countries <= named or not named - {"thailand"}


def fact_first(searcher: "Searcher", pool: "Pool", order: np.ndarray, doc_of: list[int], query: str,
               reading: tuple, prepared: dict | None = None) -> np.ndarray:
    """``order`` with the first hit's document shown by its best-ranked pooled passage where an
    agreement record it reports has the evidence of the fact the question asks for, when the
    passage ranked first in it has none; ``reading``: ``fact_mark.question_reading(query, ...)``;
    ``prepared``: what ``answer_first`` read of the document's passages (their answer units).
    A question that asks no fact of an agreement, or a document whose records do not hold the
    fact, keeps the ranking's order."""
    records, st = searcher.index.agreements, searcher.store
    top_doc = doc_of[int(order[0])]
    doc_id = st.doc_id(top_doc)
    if not records.by_document.get(doc_id):
        return order
    doc_text = None
    partners = reading[0] - {"thailand"}
    for place in range(len(order)):
        i = int(order[place])
        if doc_of[i] != top_doc:
            continue
        c = st.chunks[int(pool.rows[i])]
        passage = int(c["start"]), int(c["end"])
        if not records.overlapping(doc_id, *passage):
            continue
        if place and not names_countries(searcher, pool, i, partners):
            continue   # a passage of another agreement the report tells of ("... with Japan" for Finland)
        # the passage's answer units, as its hit reads them (``Searcher._evidence``)
        _, (_, _, spans, *_), _, _ = prepared[i][0] if prepared and i in prepared else searcher._evidence(pool, i, query)
        doc_text = st.doc_text(top_doc) if doc_text is None else doc_text
        if fact_marks(query, records, doc_id, doc_text, spans, passage, reading):
            return _to_front(order, place)
    return order
