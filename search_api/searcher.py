"""The Searcher: a question in, ranked passages with their answering sentence out.

The API, the command line and the evaluation scripts all call this one class, so a number in
an evaluation report is a number a user gets.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from indexer.analysis import CONCEPT_PREFIX, analyze, analyze_query
from indexer.dates import date_range
from indexer.encoders import Encoder
from indexer.glossary import concept_forms
from indexer.textnorm import normalize_for_match
from search_api import fusion
from search_api.answer import best_sentence
from search_api.loaded_index import LoadedIndex

MODES = ("hybrid", "dense", "lexical")
MIN_POOL = 100
QUERY_CACHE_SIZE = 1024
FILTER_CACHE_SIZE = 64
SENTENCE_CACHE_SIZE = 65536


@lru_cache(maxsize=SENTENCE_CACHE_SIZE)
def _normalized_sentence(text: str) -> str:
    """normalize_for_match of a displayed sentence; sentences recur across queries."""
    return normalize_for_match(text)


def top_indices(scores: np.ndarray, n: int) -> np.ndarray:
    """The indices ``np.argsort(-scores, kind="stable")[:n]`` holds, in no particular order.

    A partial sort: O(len) instead of O(len log len), which matters over 100k chunks. Ties at
    the cut are broken by the lower index, as the stable sort does.
    """
    if n >= len(scores):
        return np.arange(len(scores))
    if n <= 0:
        return np.zeros(0, dtype=np.int64)
    threshold = scores[np.argpartition(-scores, n - 1)[:n]].min()
    above = np.flatnonzero(scores > threshold)
    ties = np.flatnonzero(scores == threshold)[:n - len(above)]
    return np.concatenate([above, ties])


@dataclass
class Filters:
    lang: str | None = None
    date_from: str | None = None   # ISO date, inclusive
    date_to: str | None = None     # ISO date, inclusive
    party: str | None = None       # country, English or Thai name

    def active(self) -> bool:
        return any((self.lang, self.date_from, self.date_to, self.party))


@dataclass
class Answer:
    text: str
    start: int
    end: int


@dataclass
class Hit:
    rank: int
    score: float
    doc_id: str
    chunk_id: str
    title: str
    date: str | None
    lang: str
    source: str
    text: str
    answer: Answer
    scores: dict
    start: int = 0            # offsets of the passage in the whole document
    end: int = 0
    parties: list[str] = field(default_factory=list)
    matched_terms: list[str] = field(default_factory=list)


@dataclass
class SearchResponse:
    query: str
    mode: str
    total: int
    results: list[Hit]

    def as_dict(self) -> dict:
        return asdict(self)


class Searcher:
    def __init__(self, index_dir: Path | str, encoder: Encoder | str | None = None,
                 verify: bool = True, params: fusion.FusionParams | None = None) -> None:
        self.index = LoadedIndex(Path(index_dir), encoder, verify=verify)
        self.params = params or fusion.FusionParams()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_lock = threading.Lock()
        # Rows of each document, and each row's document number: filters and document views
        # select rows with array operations instead of scanning every chunk.
        self._doc_ids = list(self.index.documents)
        number = {d: i for i, d in enumerate(self._doc_ids)}
        self._row_doc = np.array([number[d] for d in self.index.chunk_doc], dtype=np.int64)
        self._doc_rows: dict[str, list[int]] = {}
        for row, doc_id in enumerate(self.index.chunk_doc):
            self._doc_rows.setdefault(doc_id, []).append(row)
        self._allowed_cache: OrderedDict[tuple, np.ndarray | None] = OrderedDict()
        self._concept_forms = {CONCEPT_PREFIX + c: tuple(normalize_for_match(f) for f in forms)
                               for c, forms in concept_forms().items()}
        analyze("warm up ตัวตัดคำ")  # load the segmenter's dictionary now, not on the first query

    # -- query side ---------------------------------------------------------------------
    def embed_query(self, query: str) -> np.ndarray:
        key = normalize_for_match(query)
        with self._cache_lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        vector = self.index.encoder.encode([query], "query")[0]
        with self._cache_lock:
            self._cache[key] = vector
            if len(self._cache) > QUERY_CACHE_SIZE:
                self._cache.popitem(last=False)
        return vector

    def chunks_of(self, doc_id: str) -> list[dict]:
        """The chunk records of one document, in document order."""
        return [self.index.chunks[r] for r in self._doc_rows.get(doc_id, ())]

    def _allowed_rows(self, filters: Filters | None) -> np.ndarray | None:
        if filters is None or not filters.active():
            return None
        key = (filters.lang, filters.date_from, filters.date_to, filters.party)
        with self._cache_lock:
            if key in self._allowed_cache:
                self._allowed_cache.move_to_end(key)
                return self._allowed_cache[key]
        rows = self._filter_rows(filters)
        rows.flags.writeable = False       # shared by every query with these filters
        with self._cache_lock:
            self._allowed_cache[key] = rows
            if len(self._allowed_cache) > FILTER_CACHE_SIZE:
                self._allowed_cache.popitem(last=False)
        return rows

    def _filter_rows(self, filters: Filters) -> np.ndarray:
        party = None
        if filters.party:
            from indexer.documents import detect_parties

            named = detect_parties(filters.party)
            party = {p.lower() for p in named} or {filters.party.strip().lower()}
        keep_docs = set()
        for doc_id, doc in self.index.documents.items():
            if filters.lang and doc.get("lang") != filters.lang:
                continue
            if filters.date_from or filters.date_to:
                if not doc.get("date"):
                    continue
                first, last = date_range(doc["date"])
                if filters.date_from and last < filters.date_from:
                    continue
                if filters.date_to and first > filters.date_to:
                    continue
            if party and not party & {p.lower() for p in doc.get("parties", [])}:
                continue
            keep_docs.add(doc_id)
        keep = np.zeros(len(self._doc_ids), dtype=bool)
        keep[[i for i, d in enumerate(self._doc_ids) if d in keep_docs]] = True
        return np.flatnonzero(keep[self._row_doc]).astype(np.int64)

    def search(self, query: str, k: int = 10, mode: str = "hybrid", offset: int = 0,
               filters: Filters | None = None, unique_documents: bool = False) -> SearchResponse:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}: use one of {', '.join(MODES)}")
        index = self.index
        n_chunks = len(index.chunks)
        allowed = self._allowed_rows(filters)
        want = offset + k
        pool_size = max(MIN_POOL, 3 * want)
        terms, units = analyze_query(query)
        query_idf = {t: index.bm25.term_idf(t) for t in set(units)}

        pool: set[int] = set()
        qvec = None
        if mode in ("dense", "hybrid"):
            qvec = self.embed_query(query)
            pool.update(self._dense_candidates(qvec, allowed, pool_size))
        lexical_all = index.bm25.scores(terms) if mode in ("lexical", "hybrid") else None
        if lexical_all is not None:
            scores = lexical_all if allowed is None else lexical_all[allowed]
            rows = np.arange(n_chunks) if allowed is None else allowed
            positive = np.flatnonzero(scores > 0)
            top = positive[top_indices(scores[positive], pool_size)]
            pool.update(int(r) for r in rows[top])
        if not pool:
            return SearchResponse(query, mode, 0, [])
        rows = np.array(sorted(pool), dtype=np.int64)

        if qvec is None:
            qvec = self.embed_query(query)  # still needed to pick the answer sentence
        chunk_cos = index.chunk_vectors[rows] @ qvec
        sentence_cos = [self._sentence_cos(r, qvec) for r in rows]
        dense = fusion.dense_evidence(chunk_cos, np.array([s.max() for s in sentence_cos]),
                                      self.params.sentence_weight)
        lexical = lexical_all[rows] if lexical_all is not None else np.zeros(len(rows))
        share = 0.0
        if mode == "hybrid":
            best_lex = int(rows[np.argmax(lexical)])
            share = fusion.lexical_share(
                fusion.coverage(query_idf, index.bm25.matched(terms, best_lex)),
                self.params.lexical_weight, self.params.coverage_power)
            fused = fusion.fuse(dense, lexical, share)
        else:
            fused = dense if mode == "dense" else lexical.astype(np.float64)
        order = np.argsort(-fused, kind="stable")
        if unique_documents:
            seen, kept = set(), []
            for i in order:
                doc = index.chunk_doc[rows[i]]
                if doc not in seen:
                    seen.add(doc)
                    kept.append(i)
            order = np.array(kept, dtype=np.int64)
        total = len(order)
        hits = []
        for rank, i in enumerate(order[offset:want], offset + 1):
            hits.append(self._hit(rank, int(rows[i]), float(fused[i]), float(dense[i]),
                                  float(lexical[i]), sentence_cos[i], terms, query_idf))
        return SearchResponse(query, mode, total, hits)

    def _dense_candidates(self, qvec: np.ndarray, allowed: np.ndarray | None, n: int) -> list[int]:
        index = self.index
        if allowed is None:
            _, ids = index.faiss.search(qvec[None, :].astype(np.float32), min(n, len(index.chunks)))
            return [index.row_of_id[int(i)] for i in ids[0] if i >= 0]
        if len(allowed) == 0:
            return []
        cos = index.chunk_vectors[allowed] @ qvec
        top = top_indices(cos, n)
        return [int(r) for r in allowed[top]]

    def _sentence_cos(self, row: int, qvec: np.ndarray) -> np.ndarray:
        chunk = self.index.chunks[row]
        first = chunk["sent_row"]
        block = self.index.sentence_vectors[first:first + chunk["sent_count"]].astype(np.float32)
        return block @ qvec

    def _terms_in(self, text: str, terms: set[str]) -> set[str]:
        """Query terms that occur in ``text`` (normalised substring match; concepts by any form)."""
        norm = _normalized_sentence(text)
        found = set()
        for t in terms:
            forms = self._concept_forms.get(t, (t,))
            if any(f and f in norm for f in forms):
                found.add(t)
        return found

    def _hit(self, rank, row, score, dense, lexical, sentence_cos, terms, query_idf) -> Hit:
        index = self.index
        chunk = index.chunks[row]
        doc = index.documents[chunk["doc_id"]]
        text = doc["text"][chunk["start"]:chunk["end"]]
        first_sentence = chunk["sent_row"] - doc["sentence_row"]
        spans = doc["sentences"][first_sentence:first_sentence + chunk["sent_count"]]
        term_set = set(terms)
        sentence_terms = [self._terms_in(doc["text"][a:b], term_set) for a, b in spans]
        best = best_sentence(sentence_cos, sentence_terms, query_idf)
        a, b = spans[best]
        start, end = a - chunk["start"], b - chunk["start"]
        matched = sorted(set().union(*sentence_terms) if sentence_terms else set())
        return Hit(rank=rank, score=round(score, 6), doc_id=chunk["doc_id"], chunk_id=chunk["chunk_id"],
                   title=doc.get("title", ""), date=doc.get("date"), lang=doc.get("lang", ""),
                   source=doc.get("source", ""), text=text, answer=Answer(text[start:end], start, end),
                   scores={"dense": round(dense, 6), "lexical": round(lexical, 6), "fused": round(score, 6)},
                   start=chunk["start"], end=chunk["end"], parties=doc.get("parties", []),
                   matched_terms=[t for t in matched if not t.startswith(CONCEPT_PREFIX)])
