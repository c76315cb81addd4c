"""Judgements in document coordinates resolved, per index, to passage and document qrels.

A judgement names a document and quotes the relevant passage. At evaluation time the quote is
found in the text the index holds for that document (a character span), and every chunk whose
``[start, end)`` overlaps the span is relevant at passage level with the judgement's grade (a
chunk overlapping several spans takes the highest). At document level a document's grade is the
highest of its judgements. Nothing here depends on how the text was chunked, so the same
judgements serve an index built with any chunk size.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from eval.datasets import Dataset

Qrels = dict[str, dict[str, int]]   # qid -> docno -> grade (ranx / ir-measures shape)


@dataclass(frozen=True)
class Span:
    doc_id: str     # index doc id
    start: int
    end: int
    grade: int


@dataclass
class Resolved:
    spans: dict[str, list[Span]] = field(default_factory=dict)     # qid -> spans found
    passage: Qrels = field(default_factory=dict)
    document: Qrels = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)              # quotes or docs not found


def find_quote(text: str, quote: str, hint: int | None = None) -> int:
    """Start of ``quote`` in ``text`` (exact characters), nearest ``hint`` if it occurs more than
    once; -1 if absent."""
    starts, at = [], text.find(quote)
    while at >= 0:
        starts.append(at)
        if hint is None:
            break
        at = text.find(quote, at + 1)
    if not starts:
        return -1
    return min(starts, key=lambda s: abs(s - hint)) if hint is not None else starts[0]


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def resolve(dataset: Dataset, documents: dict[str, dict], chunks: list[dict]) -> Resolved:
    """Qrels for one index: ``documents`` (doc id -> record with ``text``) and ``chunks`` (records
    with ``doc_id``, ``chunk_id``, ``start``, ``end``), as ``LoadedIndex`` holds them."""
    by_doc: dict[str, list[dict]] = {}
    for chunk in chunks:
        by_doc.setdefault(chunk["doc_id"], []).append(chunk)
    out = Resolved()
    for q in dataset.queries:
        spans: list[Span] = []
        doc_grades: dict[str, int] = {}
        passage: dict[str, int] = {}
        for j in q.judgements:
            doc_id = dataset.index_id(j.doc_id)
            doc = documents.get(doc_id)
            if doc is None:
                out.problems.append(f"{q.qid}: document {j.doc_id!r} is not in the index")
                continue
            doc_grades[doc_id] = max(doc_grades.get(doc_id, 0), j.grade)
            if j.quote is None:
                continue
            start = find_quote(doc["text"], j.quote, j.hint)
            if start < 0:
                out.problems.append(f"{q.qid}: quote not found in {j.doc_id}: {j.quote[:60]!r}")
                continue
            span = Span(doc_id, start, start + len(j.quote), j.grade)
            spans.append(span)
            for chunk in by_doc.get(doc_id, ()):
                if overlaps(chunk["start"], chunk["end"], span.start, span.end):
                    cid = chunk["chunk_id"]
                    passage[cid] = max(passage.get(cid, 0), span.grade)
        if doc_grades:
            out.document[q.qid] = doc_grades
        if passage:
            out.passage[q.qid] = passage
        out.spans[q.qid] = spans
    return out
