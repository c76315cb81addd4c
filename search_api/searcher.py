"""The Searcher: a question in, ranked passages with their answering sentence out.

The API, the command line and the evaluation scripts all call this one class, so a number in
an evaluation report is a number a user gets.
"""
from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from indexer.analysis import CONCEPT_PREFIX, analyze, query_analysis
from indexer.answer_kinds import has_answer, kind_bit
from indexer.encoders import Encoder
from indexer.glossary import concept_forms
from indexer.name_sounds import name_runs, spell_runs
from indexer.query_translation import reading_form, thai_alternatives, thai_form
from indexer.textnorm import normalize_for_match, query_lang
from search_api import fusion
from search_api import query_years, rerank
from search_api.answer import best_sentence
from search_api.answer_choice import answer_features, choose
from search_api.answer_types import answer_kind, question_kind
from search_api.direct_answer import EVIDENCE_HITS, direct_answer
from search_api.fact_mark import asked_facts, fact_marks, question_reading
from search_api.first_passage import answer_first, fact_first
from search_api.loaded_index import LoadedIndex
from search_api.party_lists import continues_list

MODES = ("hybrid", "dense", "lexical")
# questions being embedded at once, across searchers: enough for every search thread the server
# runs (``Settings.max_concurrent``) and evaluation's, so a search never waits for another's
_ENCODER_THREADS = ThreadPoolExecutor(max_workers=8, thread_name_prefix="mou-search-embed")
MIN_POOL = 50   # candidates from each of dense and BM25 (k=10); 100 ranked valid and dev identically
QUERY_CACHE_SIZE = 1024
FILTER_CACHE_SIZE = 64
SENTENCE_CACHE_SIZE = 65536
SENTENCE_LIFT = 0.75  # how far a Thai sentence's cosine moves to its cosine with the question's Thai form (valid)
NAME_PASSAGES = 20   # Thai chunks nearest an English question searched for its names in Thai (valid: 5-30 alike)
SPAN_HITS = 3   # hits whose answer span is chosen (the rest mark their answering sentence)
PICK_UP_WAIT = 0.002   # seconds a search waits for an encoder thread to take its question


@lru_cache(maxsize=QUERY_CACHE_SIZE)
def _thai_form(query: str) -> str | None:
    """``thai_form`` of a question, kept: its BM25 units and every hit of an English question
    over Thai ask for it. A question it translates nothing of ("What is glass?") is searched
    with its ``reading_form``, which knows the common words: the common words cost document
    R@1 where the vocabulary had found the passage's words already (iApp valid, README)."""
    return thai_form(query) or reading_form(query)


@lru_cache(maxsize=QUERY_CACHE_SIZE)
def _reading_form(query: str) -> str | None:
    """``reading_form`` of a question, kept: what the answer models read over a Thai passage."""
    return reading_form(query)


@lru_cache(maxsize=QUERY_CACHE_SIZE)
def _thai_groups(query: str) -> tuple[frozenset[str], ...]:
    """The units of an English question's Thai form that stand for one English word in other
    words (``thai_alternatives``; units every alternative shares are left out: they count
    alone), for ``fusion.grouped_coverages``."""
    groups = []
    for forms in thai_alternatives(query):
        unit_sets = [set(query_analysis(f)[1]) for f in forms]
        shared = set.intersection(*unit_sets)
        either = set.union(*unit_sets) - shared
        if len(either) > 1:
            groups.append(frozenset(either))
    return tuple(groups)


def _best_of(sentence_cos: list[np.ndarray]) -> np.ndarray:
    """Each chunk's best sentence cosine (-1 for a chunk without sentences), in one reduction
    rather than one ``max`` per chunk."""
    sizes = np.fromiter(map(len, sentence_cos), dtype=np.int64, count=len(sentence_cos))
    best = np.full(len(sentence_cos), -1.0)
    some = sizes > 0
    if some.any():
        best[some] = np.maximum.reduceat(np.concatenate(sentence_cos), (np.cumsum(sizes) - sizes)[some])
    return best


@lru_cache(maxsize=SENTENCE_CACHE_SIZE)
def _normalized_sentence(text: str) -> str:
    """normalize_for_match of a displayed sentence; sentences recur across queries."""
    return normalize_for_match(text)


@lru_cache(maxsize=SENTENCE_CACHE_SIZE)
def _sentence_has_answer(kind: str, text: str) -> bool:
    """has_answer of a displayed sentence; sentences recur across queries."""
    return has_answer(kind, text)


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
    answer_span: Answer | None = None  # the shortest span that answers, inside (or as) the sentence
    confidence: float | None = None    # calibrated probability that the passage holds the answer
    answer_probability: float | None = None  # ... that the marked span answers
    answer_confidence: str | None = None     # "low" | "medium" | "high"
    # what answer_span is: "span", "clause" (the clause around a span whose edges the model was
    # not sure of), "sentence" (not sure of the span at all), "list", "venue" ("ณ <venue>" for a
    # question that asks where, answer_choice.choose), or "fact" (an agreement
    # record's fact, search_api.fact_mark); and the span model's probability for its best
    # candidate (None for a list; the fact's confidence for a fact)
    span_kind: str | None = None
    span_confidence: float | None = None
    start: int = 0            # offsets of the passage in the whole document
    end: int = 0
    parties: list[str] = field(default_factory=list)
    matched_terms: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # near-duplicate documents folded into this hit
    agreements: list[str] = field(default_factory=list)  # records reported here, passage's first
    # what the answer model reads for answer_probability (``answer_choice.answer_features``; the
    # passage logit and margin None when it has none; None without a span): ``eval.train_rerank``
    # fits that model and chooses the span tiers on the rank-1 hits' own
    answer_inputs: tuple | None = field(default=None, repr=False)

    @property
    def given_span(self) -> Answer | None:
        """The answer span as users get it: none when it is a guess (answer confidence low)."""
        return self.answer_span if self.answer_confidence != "low" else None

    @property
    def given_span_fields(self) -> dict:
        """``span_kind`` and ``span_confidence`` as users get them: none without a given span."""
        given = self.given_span is not None
        return {"span_kind": self.span_kind if given else None,
                "span_confidence": self.span_confidence if given else None}


@dataclass
class SearchResponse:
    query: str
    mode: str
    total: int
    results: list[Hit]
    answer_confidence: str | None = None     # that of the rank-1 hit; None without models
    direct_answer: dict | None = None   # search_api.direct_answer: one fact of one record, or None

    def as_dict(self) -> dict:
        return asdict(self)


class Searcher:
    def __init__(self, index_dir: Path | str, encoder: Encoder | str | None = None,
                 verify: bool = True, params: fusion.FusionParams | None = None) -> None:
        self.index = LoadedIndex(Path(index_dir), encoder, verify=verify)
        self.params = params or fusion.FusionParams()
        self.models = rerank.load_models()   # None: hand-set fusion and sentence choice only
        if self.models is not None and self.models.encoder != self.index.encoder.name:
            self.models = None
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_lock = threading.Lock()
        self.store = self.index.store
        self._allowed_cache: OrderedDict[tuple, np.ndarray | None] = OrderedDict()
        # Whether each chunk holds an answer of a kind (search_api.answer_types), filled in as
        # chunks are pooled: -1 not known yet, then 0 or 1. Normalising a chunk's text for the
        # test was most of the ranking time of a question of a kind.
        self._typed_rows: dict[str, np.ndarray] = {}
        self._concept_forms = {CONCEPT_PREFIX + c: tuple(normalize_for_match(f) for f in forms)
                               for c, forms in concept_forms().items()}
        # per searcher, not per class: a class-level cache would keep reloaded searchers alive
        self._term_forms = lru_cache(maxsize=256)(self._term_forms_of)
        # searches running now: with another one running, a question is embedded on its own
        # search thread (see _embedding)
        self._running = 0
        self._running_lock = threading.Lock()
        analyze("warm up ตัวตัดคำ")  # load the segmenter's dictionary now, not on the first query

    # -- query side ---------------------------------------------------------------------
    def forget_queries(self) -> None:
        """Empty what queries leave behind: the query-embedding cache and the per-chunk
        answer-kind flags (benchmarks time a question as on a fresh server)."""
        with self._cache_lock:
            self._cache.clear()
        self._typed_rows.clear()

    def embed_query(self, query: str) -> np.ndarray:
        return self._embedding(query).result()

    def _embedding(self, query: str) -> Future:
        """The question's vector: from the cache, embedded here when another search is running,
        or being embedded on an encoder thread. The encoder tokenizes here first
        (``Encoder.encode_later``): what runs on the other thread then holds no GIL the search
        thread's analysis of the question wants meanwhile."""
        key = normalize_for_match(query)
        with self._cache_lock:
            vector = self._cache.get(key)
            if vector is not None:
                self._cache.move_to_end(key)
        if vector is None:
            encode = self.index.encoder.encode_later([query], "query")
            if self._running <= 1:
                return self._handed_over(key, encode)
            # Another search is running and has the GIL while the model runs here. Handing the
            # question over costs three thread wake-ups, and a thread that wakes another is often
            # descheduled while it holds the GIL: ~10 % of the GIL's time under 16 clients.
            vector = self._embedded(key, encode)
        done: Future = Future()
        done.set_result(vector)
        return done

    def _handed_over(self, key: str, encode) -> Future:
        """``encode`` run on an encoder thread, the model beside this thread's analysis."""
        picked = threading.Event()

        def embed() -> np.ndarray:
            picked.set()
            return self._embedded(key, encode)
        future = _ENCODER_THREADS.submit(embed)
        # Let the encoder thread have the GIL now: the model runs outside it from its first
        # step, whereas this thread would otherwise keep the GIL (and the encoder waiting)
        # until its first blocking call, ~0.5 ms into analysing the question.
        picked.wait(PICK_UP_WAIT)
        return future

    def _embedded(self, key: str, encode) -> np.ndarray:
        vector = encode()[0]
        with self._cache_lock:
            self._cache[key] = vector
            if len(self._cache) > QUERY_CACHE_SIZE:
                self._cache.popitem(last=False)
        return vector

    def embed_queries(self, queries: list[str], batch: int = 64) -> None:
        """Embed many questions at once into the query cache (evaluation: batches are several
        times cheaper than one question at a time); the cache keeps at least all of them."""
        todo = list(dict.fromkeys(q for q in queries if normalize_for_match(q) not in self._cache))
        for at in range(0, len(todo), batch):
            vectors = self.index.encoder.encode(todo[at:at + batch], "query")
            with self._cache_lock:
                for q, v in zip(todo[at:at + batch], vectors):
                    self._cache[normalize_for_match(q)] = v
        with self._cache_lock:
            while len(self._cache) > max(QUERY_CACHE_SIZE, len(queries)):
                self._cache.popitem(last=False)

    def chunks_of(self, doc_id: str) -> list[dict]:
        """The chunk records of one document, in document order."""
        d = self.store.doc_number(doc_id)
        if d is None:
            return []
        first = int(self.store.docs[d]["first_chunk"])
        return [self.store.chunk(r) for r in range(first, first + int(self.store.docs[d]["n_chunks"]))]

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
        docs = self.store.docs
        keep = np.ones(len(docs), dtype=bool)
        if filters.lang:
            keep &= docs["lang"] == filters.lang.encode("utf-8")
        if filters.date_from or filters.date_to:
            keep &= docs["date_first"] != b""  # undated documents match no date range
        if filters.date_from:  # ISO dates compare as bytes: overlap of the document's range
            keep &= docs["date_last"] >= filters.date_from.encode("ascii")
        if filters.date_to:
            keep &= docs["date_first"] <= filters.date_to.encode("ascii")
        if party:
            for d in np.flatnonzero(keep):
                named = self.store.doc_meta(int(d)).get("parties", [])
                keep[d] = bool(party & {p.lower() for p in named})
        return np.flatnonzero(keep[self.store.chunk_doc]).astype(np.int64)

    def search(self, query: str, k: int = 10, mode: str = "hybrid", offset: int = 0,
               filters: Filters | None = None, unique_documents: bool = False,
               collapse_duplicates: bool = True, floor: bool = True) -> SearchResponse:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}: use one of {', '.join(MODES)}")
        with self._running_lock:
            self._running += 1
        try:
            return self._search(query, k, mode, offset, filters, unique_documents, collapse_duplicates, floor)
        finally:
            with self._running_lock:
                self._running -= 1

    def _search(self, query: str, k: int, mode: str, offset: int, filters: Filters | None,
                unique_documents: bool, collapse_duplicates: bool, floor: bool) -> SearchResponse:
        pool = self.candidates(query, mode, filters, max(MIN_POOL, 3 * (offset + k)))
        if pool is None:
            return SearchResponse(query, mode, 0, [])
        fused, dense = self.rank(pool, mode)
        logits = confidence = None
        order = np.argsort(-fused, kind="stable")
        raw = None   # every passage's logit (the margins of one the answer model does not compare)
        if self.models is not None and mode == "hybrid":
            if self.models.reorders(query):
                fused, order, confidence, raw = self._learned_order(pool, fused, dense, query, order)
            else:   # the hybrid order stays; every passage gets the model's confidence
                confidence, raw = rerank.rescore(self, pool, fused, dense, query, self.models.passage)
            logits = self.answer_logits(pool, raw, query)
        doc_of = self.store.chunk_doc[pool.rows].tolist()
        folded: dict[int, list[int]] = {}
        if collapse_duplicates:
            order, folded = collapse_groups(order, doc_of, self.store.doc_groups().__getitem__)
        if unique_documents:
            order = first_per_document(order, doc_of)
        if floor and confidence is not None:  # the best passage is kept even when below the floor
            keep = ~(confidence[order] < self.models.floor_for(query))
            keep[0] = True
            order = order[keep]
        margins = rerank.margins(logits, raw) if logits is not None else None
        # what the question names (countries, bodies, a signing side), read once for every hit's fact marks
        reading = question_reading(query, self.index.agreements) if asked_facts(query) else None
        retrieved, prepared = order, {}
        answering = order   # the order the direct answer reads (below)
        if offset == 0:
            order, prepared = answer_first(self, pool, order, doc_of, query)
            answering = order
            if reading is not None:
                order = fact_first(self, pool, order, doc_of, query, reading, prepared)
        if order is not retrieved:
            # scores stay those of the ranking, place by place, so they fall with the rank
            fused = np.array(fused, dtype=np.float64)
            fused[order] = fused[retrieved]

        page = [int(i) for i in order[offset:offset + k]]
        prepared |= self._page_logits(pool, [i for i in page if i not in prepared], query)

        def hit(rank: int, i: int) -> Hit:
            # the answer model reads a passage's margins where it has them (``rerank.margins``: NaN only
            # when the model compared no passage of the question's language)
            ordered = margins is not None and not np.isnan(margins[0][i])
            return self._hit(rank, pool, i, float(fused[i]), float(dense[i]), query,
                             margins if ordered else None,
                             float(confidence[i]) if confidence is not None else None,
                             prepared.get(i), reading)

        hits = [hit(rank, i) for rank, i in enumerate(page, offset + 1)]
        records = self.index.agreements
        for h, i in zip(hits, page):
            h.duplicates = [self.store.doc_id(d) for d in folded.get(i, [])]
            h.agreements = records.for_passage(h.doc_id, h.start, h.end)
        level = None
        if margins is not None and len(order):
            first = hits[0] if offset == 0 and hits else hit(1, int(order[0]))
            level = first.answer_confidence
        answer = None
        if records.records and offset == 0:
            # the first page's top hits are the evidence, in the order the sentence model shows them
            # (``first_passage.answer_first``) but not as moved for stating the fact: a passage moved
            # first by ``first_passage.fact_first`` would vouch for the records that moved it
            shown = dict(zip(page, hits))
            top = [shown.get(int(i)) or hit(r, int(i)) for r, i in enumerate(answering[:max(EVIDENCE_HITS, len(hits))], 1)]
            answer = direct_answer(query, top, records)
        return SearchResponse(query, mode, len(order), hits, level, answer)

    def _learned_order(self, pool: "Pool", fused: np.ndarray, dense: np.ndarray, query: str,
                       order: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(scores, order, confidence, passage logits) with the learned passage model.

        The model was learned from Thai questions over Thai passages (iApp train has nothing
        else): it orders only the passages in the question's own language, and only for the
        question languages it was chosen for on valid (``AnswerModels.reorders``). Those
        passages are reordered among the places they hold in the hybrid ranking; passages in
        another language keep their hybrid places. Every passage gets its confidence (read as
        one in the question's language: ``rerank.own_language``) and its logit (the answer
        model's margins are over the reordered passages: ``answer_logits``). Scores stay
        those of the hybrid ranking, place by place, so they fall with the rank (a TREC run is
        sorted by score)."""
        probability, logits = rerank.rescore(self, pool, fused, dense, query, self.models.passage)
        own = self._own_language(pool, query)
        places = np.flatnonzero(own[order])
        learned = np.flatnonzero(own)[np.argsort(-probability[own], kind="stable")]
        new_order = order.copy()
        new_order[places] = learned
        scores = np.empty_like(fused, dtype=np.float64)
        scores[new_order] = np.sort(np.asarray(fused, dtype=np.float64))[::-1]
        return scores, new_order, probability, logits

    def _own_language(self, pool: "Pool", query: str) -> np.ndarray:
        """Which pooled passages are in the question's language (or have none)."""
        langs = self.store.chunks["lang"][pool.rows]
        return (langs == query_lang(query).encode("ascii")) | (langs == b"")

    def answer_logits(self, pool: "Pool", logits: np.ndarray, query: str) -> np.ndarray:
        """The passage logits the answer model reads its margins from (``rerank.margins``), NaN
        for the passages it does not: a question whose language the model orders compares the
        passages it orders (its own language's); any other, every passage (none is ordered,
        each read as one in the question's language). ``eval.train_rerank`` reads them here too."""
        if self.models is not None and self.models.reorders(query):
            return np.where(self._own_language(pool, query), logits, np.nan)
        return np.asarray(logits, dtype=np.float64)

    def candidates(self, query: str, mode: str = "hybrid", filters: Filters | None = None,
                   pool_size: int = MIN_POOL) -> "Pool | None":
        """Dense and lexical candidates for ``query`` with all the evidence ranking needs."""
        index = self.index
        # the question is embedded on another thread (the encoder releases the GIL) while this
        # one analyses it and scores BM25
        embedding = self._embedding(query)
        allowed = self._allowed_rows(filters)
        terms, units = map(list, query_analysis(query))
        query_idf = {t: index.bm25.term_idf(t) for t in sorted(set(units))}
        thai_units = self._thai_units(query, units)
        thai_idf = thai_embedding = None
        if thai_units is not None:
            # the Thai form embedded too, meanwhile: nearer the Thai passages that say it
            thai_embedding = self._embedding(_thai_form(query))
            thai_idf, terms = self._with_thai_units(terms, thai_units)
        pool: set[int] = set()
        lexical_all = None
        if mode in ("lexical", "hybrid"):
            # a concept stands for the words it absorbed
            lexical_all = own_lexical = index.bm25.scores(units)
            if thai_units is not None:   # the question's Thai form: the better of the two per chunk
                lexical_all = np.maximum(lexical_all, index.bm25.scores(thai_units))
            pool.update(self._lexical_top(lexical_all, allowed, pool_size))
        qvec = embedding.result()  # also needed by lexical mode, to pick answer sentences
        scored: dict[int, float] = {}   # chunk cosines the dense step already computed
        thai_vec = thai_embedding.result() if thai_embedding is not None else None
        if mode in ("dense", "hybrid"):
            pool.update(self._dense_candidates(qvec, allowed, pool_size, scored))
            if thai_vec is not None:
                pool.update(self._dense_candidates(thai_vec, allowed, pool_size))
        reading = _reading_form(query)
        spelled = self._spelled_names(query, pool, qvec) if lexical_all is not None else None
        if spelled is not None:
            # the names the question's best passages spell in Thai join its Thai forms: its BM25
            # units, coverage and the answer models' words
            reading = (reading or query) + " " + spelled
            thai_units = list(query_analysis((_thai_form(query) or query) + " " + spelled)[1])
            thai_idf, terms = self._with_thai_units(terms, thai_units)
            lexical_all = np.maximum(own_lexical, index.bm25.scores(thai_units))
            pool.update(self._lexical_top(lexical_all, allowed, pool_size))
        if not pool:
            return None
        rows = np.array(sorted(pool), dtype=np.int64)
        lexical = lexical_all[rows].astype(np.float64) if lexical_all is not None else np.zeros(len(rows))
        masks = index.bm25.contains(query_idf, rows)
        cov = fusion.coverages(query_idf, masks.__getitem__)
        if thai_idf is not None:
            thai_masks = index.bm25.contains(thai_idf, rows)
            cov = np.maximum(cov, fusion.grouped_coverages(thai_idf, _thai_groups(query),
                                                           thai_masks.__getitem__))
        sentence_cos = self._sentence_cos(rows, qvec)
        chunk_cos = self._chunk_cos(rows, qvec, scored)
        best_sentence_cos = _best_of(sentence_cos)
        if thai_vec is not None:
            chunk_cos, best_sentence_cos, sentence_cos = self._lift_thai(
                rows, thai_vec, chunk_cos, best_sentence_cos, sentence_cos)
        kind = question_kind(query)
        typed = None
        if kind is not None and mode == "hybrid":  # only the hybrid score reads it
            typed = self._typed(kind, rows)
        years = query_years.years_in(query) if mode == "hybrid" else frozenset()
        dated = None
        if years:
            docs, table = self.store.chunk_doc[rows], self.store.docs
            dated = query_years.dated_in(table["date_first"][docs], table["date_last"][docs], years)
        return Pool(rows=rows, chunk_cos=chunk_cos, best_sentence_cos=best_sentence_cos,
                    sentence_cos=sentence_cos, lexical=lexical, coverage=cov,
                    terms=terms, query_idf=query_idf, kind=kind, typed=typed, thai_idf=thai_idf,
                    answer_kind=answer_kind(query) if kind is not None else None,
                    dated=dated, reading_form=reading)

    def _with_thai_units(self, terms: list[str], thai_units: list[str]) -> tuple[dict[str, float], list[str]]:
        """(the BM25 idf of an English question's Thai units, ``terms`` followed by those of the
        units it does not hold yet)."""
        known = set(terms)
        return ({t: self.index.bm25.term_idf(t) for t in sorted(set(thai_units))},
                terms + [t for t in thai_units if t not in known])

    def _lexical_top(self, lexical_all: np.ndarray, allowed: np.ndarray | None, n: int) -> list[int]:
        """Rows of the ``n`` chunks (among ``allowed`` rows, if given) with the highest positive
        BM25 scores in ``lexical_all``."""
        scores = lexical_all if allowed is None else lexical_all[allowed]
        rows = np.arange(self.store.n_chunks) if allowed is None else allowed
        positive = np.flatnonzero(scores > 0)
        return [int(r) for r in rows[positive[top_indices(scores[positive], n)]]]

    def _spelled_names(self, query: str, pool: set[int], qvec: np.ndarray) -> str | None:
        """The Thai spellings of an English question's names (``indexer.name_sounds``) that the
        ``NAME_PASSAGES`` Thai chunks of ``pool`` nearest the question hold, space-separated;
        None when it names nothing or none is found."""
        if query_lang(query) != "en":
            return None
        # a name an English passage writes is found as written: its Thai spelling would lift
        # the Thai report of the news over the English one (thaigov dev en->en, lexical mode)
        runs = tuple(tuple(part) for run in name_runs(query)
                     for part in _split_where(run, lambda word: self._in_english_text(word[0]))
                     if any(alone for _, alone in part))
        if not runs or not pool:
            return None
        rows = np.array(sorted(pool), dtype=np.int64)
        rows = rows[self.store.chunks["lang"][rows] == b"th"]
        if len(rows) == 0:
            return None
        cos = self.index.chunk_vectors[rows] @ qvec
        nearest = rows[top_indices(cos, NAME_PASSAGES)]
        spellings = spell_runs(runs, [self._chunk_text(int(r)) for r in sorted(nearest)])
        return " ".join(spellings) if spellings else None

    def _in_english_text(self, word: str) -> bool:
        """Whether an English chunk of the index holds one of ``word``'s BM25 units."""
        bm25, langs = self.index.bm25, self.store.chunks["lang"]
        for unit in query_analysis(word)[1]:
            col = bm25.vocab.get(unit)
            if col is not None and (langs[bm25.postings(col)[0]] == b"en").any():
                return True
        return False

    def _thai_units(self, query: str, units: list[str]) -> list[str] | None:
        """The BM25 units of an English question's Thai form (``indexer.query_translation``),
        or None (a Thai question, or nothing the dictionary translates)."""
        if query_lang(query) != "en":
            return None
        form = _thai_form(query)
        if form is None:
            return None
        thai_units = list(query_analysis(form)[1])
        return thai_units if set(thai_units) - set(units) else None

    def _typed(self, kind: str, rows: np.ndarray) -> np.ndarray:
        """Which of ``rows`` hold an answer of ``kind``: the builder's bits (``store_kinds.npy``),
        or, in a version written before them, each chunk tested once per index."""
        if self.store.kinds is not None:
            return (self.store.kinds[rows] & kind_bit(kind)) != 0
        known = self._typed_rows.get(kind)
        if known is None:
            known = self._typed_rows.setdefault(kind, np.full(self.store.n_chunks, -1, dtype=np.int8))
        for r in rows[known[rows] < 0]:
            known[r] = has_answer(kind, self._chunk_text(int(r)))
        return known[rows] == 1

    def _chunk_text(self, row: int) -> str:
        return self.store.chunk_text(row)

    def rank(self, pool: "Pool", mode: str, params: fusion.FusionParams | None = None):
        """(fused score, dense evidence) of every pooled chunk under ``params``."""
        params = params or self.params
        dense = fusion.dense_evidence(pool.chunk_cos, pool.best_sentence_cos, params.sentence_weight)
        if mode == "dense":
            return dense, dense
        if mode == "lexical":
            return pool.lexical, dense
        return fusion.hybrid(dense, pool.lexical, pool.coverage, params, pool.typed, pool.dated), dense

    def _lift_thai(self, rows: np.ndarray, thai_vec: np.ndarray, chunk_cos: np.ndarray,
                   best_sentence_cos: np.ndarray, sentence_cos: list[np.ndarray]
                   ) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
        """Chunk, best-sentence and sentence cosines of ``rows`` where a Thai chunk also counts
        the cosine of the English question's Thai form. For ranking, the mean of the two, when
        that is higher. The mean, not the better one: the mixed-language form is nearer every
        Thai passage, and the better cosine lifted Thai passages over the English ones English
        questions ask about (thaigov dev en->en D R@1 0.909 -> 0.879; the mean kept 0.909).
        For choosing the answer among a Thai passage's sentences, each sentence's cosine moves
        ``SENTENCE_LIFT`` of the way to the Thai form's, when that is higher: the Thai form says
        what the question asks in the passage's words (iApp valid en->th answer@1 0.669 ->
        0.692; the whole way 0.697 but one thaigov dev question lost, half the way 0.681)."""
        thai = np.flatnonzero(self.store.chunks["lang"][rows] == b"th")
        if not len(thai):
            return chunk_cos, best_sentence_cos, sentence_cos
        chunk_t = self.index.chunk_vectors[rows[thai]] @ thai_vec
        sentence_t = self._sentence_cos(rows[thai], thai_vec)
        sent_t = _best_of(sentence_t)
        chunk_cos, best_sentence_cos = chunk_cos.copy(), best_sentence_cos.copy()
        chunk_cos[thai] = np.maximum(chunk_cos[thai], (chunk_cos[thai] + chunk_t) / 2)
        best_sentence_cos[thai] = np.maximum(best_sentence_cos[thai], (best_sentence_cos[thai] + sent_t) / 2)
        sentence_cos = list(sentence_cos)
        if sum(len(c) for c in sentence_t):
            own = np.concatenate([sentence_cos[i] for i in thai.tolist()])
            lifted = np.maximum(own, own + SENTENCE_LIFT * (np.concatenate(sentence_t) - own))
            ends = np.cumsum([len(c) for c in sentence_t]).tolist()
            for i, a, b in zip(thai.tolist(), [0] + ends[:-1], ends):
                sentence_cos[i] = lifted[a:b]
        return chunk_cos, best_sentence_cos, sentence_cos

    def _chunk_cos(self, rows: np.ndarray, qvec: np.ndarray, scored: dict[int, float]) -> np.ndarray:
        """Cosine of the query and each chunk of ``rows``; ``scored`` rows are not read again."""
        cos = np.empty(len(rows), np.float32)
        known = np.array([r in scored for r in rows.tolist()], dtype=bool)
        cos[known] = [scored[r] for r in rows[known].tolist()]
        if not known.all():
            cos[~known] = self.index.chunk_vectors[rows[~known]] @ qvec
        return cos

    def _dense_candidates(self, qvec: np.ndarray, allowed: np.ndarray | None, n: int,
                          scored: dict[int, float] | None = None) -> list[int]:
        """Rows of the ``n`` chunks closest to ``qvec`` (among ``allowed`` rows, if given); the
        exact cosines of approximate candidates go into ``scored``."""
        index = self.index
        total = self.store.n_chunks
        if total == 0:  # an index of an empty corpus: FAISS asserts k > 0
            return []
        query = np.ascontiguousarray(qvec[None, :], dtype=np.float32)
        if allowed is None and index.ann is not None:
            # Approximate candidates, twice as many as needed, re-scored with the exact vectors.
            _, ids = index.ann.search(query, min(2 * n, total))
            rows = ids[0][ids[0] >= 0]
            cos = index.chunk_vectors[rows] @ qvec
            if scored is not None:
                scored.update(zip(rows.tolist(), cos.tolist()))
            return rows[top_indices(cos, n)].tolist()
        if allowed is None:
            _, ids = index.faiss.search(query, min(n, total))
            return [int(i) for i in ids[0] if i >= 0]
        if len(allowed) == 0:
            return []
        import faiss

        mask = np.zeros(total, dtype=bool)
        mask[allowed] = True
        bits = np.packbits(mask, bitorder="little")
        params = faiss.SearchParameters(sel=faiss.IDSelectorBitmap(total, faiss.swig_ptr(bits)))
        _, ids = index.faiss.search(query, min(n, len(allowed)), params=params)
        return [int(i) for i in ids[0] if i >= 0]

    def _sentence_cos(self, rows: np.ndarray, qvec: np.ndarray) -> list[np.ndarray]:
        """Cosine of the query and each sentence of each chunk in ``rows`` (one product)."""
        first = self.store.sent_row[rows]
        counts = self.store.sent_count[rows].astype(np.int64)
        if counts.sum() == 0:
            return [np.zeros(0, np.float32) for _ in rows]
        cos = self.index.sentence_vectors.rows(first.astype(np.int64), counts) @ qvec
        ends = np.cumsum(counts).tolist()
        return [cos[a:b] for a, b in zip([0] + ends[:-1], ends)]

    def _terms_in(self, text: str, terms: set[str]) -> set[str]:
        """Query terms that occur in ``text`` (normalised substring match; concepts by any form)."""
        return self.terms_in_key(_normalized_sentence(text), terms)

    def terms_in_key(self, norm: str, terms: set[str]) -> set[str]:
        """``_terms_in`` of a text already normalised (``normalize_for_match``)."""
        return {t for f, t in self._term_forms(frozenset(terms)) if f in norm}

    def _term_forms_of(self, terms: frozenset[str]) -> tuple[tuple[str, str], ...]:
        """(form, term) of every written form of ``terms`` (a concept by any of its forms)."""
        return tuple((f, t) for t in terms for f in self._concept_forms.get(t, (t,)) if f)

    def sentence_evidence(self, pool: "Pool", i: int, min_unit_chars: int = 0, doc_text: str | None = None):
        """(chunk row of the store, document row, sentence offsets in the document, query terms
        in each sentence, whether each holds the asked-for kind, cosine of each) of pooled chunk
        ``i``. With ``min_unit_chars``, the segmenter's short pieces are joined into answer
        units of about that length (:func:`merge_units`): a unit's cosine is its best piece's.
        ``doc_text``: the chunk's document, when the caller has read it (sentences are then cut
        from it, and it is not read again)."""
        st = self.store
        c = st.chunks[int(pool.rows[i])]
        first, count = int(c["sent_row"]), int(c["sent_count"])
        spans = st.sentence_spans(first, count)
        sentences = [doc_text[a:b] for a, b in spans] if doc_text is not None \
            else [st.sentence_text(first + j) for j in range(count)]
        cos = pool.sentence_cos[i]
        if min_unit_chars > 0 and count > 1:
            groups = merge_units(spans, doc_text if doc_text is not None else st.doc_text(int(c["doc"])),
                                 min_unit_chars)
            if len(groups) < count:
                spans = [(spans[a][0], spans[b - 1][1]) for a, b in groups]
                sentences = [" ".join(sentences[a:b]) for a, b in groups]
                cos = np.array([cos[a:b].max() for a, b in groups], dtype=cos.dtype)
        term_set = set(pool.terms)
        sentence_terms = [self._terms_in(t, term_set) for t in sentences]
        typed = [_sentence_has_answer(pool.answer_kind, t) for t in sentences] if pool.answer_kind else None
        return c, int(c["doc"]), spans, sentence_terms, typed, cos

    def _evidence(self, pool: "Pool", i: int, query: str) -> tuple:
        """``answer_evidence`` of pooled chunk ``i`` with the shipped models' answer units."""
        if self.models is None:
            return self.answer_evidence(pool, i, query, None)
        return self.answer_evidence(pool, i, query, self.models.min_unit_chars)

    def answer_evidence(self, pool: "Pool", i: int, query: str, min_unit_chars: int | None) -> tuple:
        """(the chunk's document text, ``sentence_evidence``, whether the chunk is in another
        language than ``query``, the question the answer models read) of pooled chunk ``i``.
        ``min_unit_chars``: the learned models' answer units (None: no learned models, the
        segmenter's pieces and no document text). Training (``eval.train_rerank.collect``)
        reads its features through here too, so a model learns from the question it is given."""
        st = self.store
        row = int(pool.rows[i])
        # the learned choice reads the whole document (units, lists that run past the chunk)
        doc_text = st.doc_text(int(st.chunk_doc[row])) if min_unit_chars is not None else None
        evidence = self.sentence_evidence(pool, i, min_unit_chars or 0, doc_text)
        lang = evidence[0]["lang"]
        cross = lang.decode("ascii") != query_lang(query)
        # the answer models learned from Thai questions: over a Thai passage, an English
        # question's features (its words in the passage, the words around its question word)
        # are read from its Thai form (thaigov dev en->th span@1 0.300 -> 0.333, iApp valid
        # 0.417 -> 0.433; the other pairs do not change)
        feature_query = (pool.reading_form or query) if cross and lang == b"th" else query
        return doc_text, evidence, cross, feature_query

    def _page_logits(self, pool: "Pool", page: list[int], query: str) -> dict[int, tuple]:
        """``_evidence`` and the sentence model's logits of each pooled chunk of ``page``, the
        features of all their sentences computed in one pass (``answer.sentence_features_many``);
        as (the logits that choose the unit, the linear model's when another model chose: for a
        question the sentence trees score, ``AnswerModels.sentence_for``, the answer model reads
        the linear model's; else None)."""
        from search_api.answer import sentence_features_many

        prepared = {i: self._evidence(pool, i, query) for i in dict.fromkeys(page)}
        if self.models is None or not prepared:
            return {i: (ev, None) for i, ev in prepared.items()}
        rows = []
        for doc_text, (_, _, spans, terms, typed, cos), cross, feature_query in prepared.values():
            rows.append((cos, terms, pool.query_idf, [doc_text[a:b] for a, b in spans], typed, cross,
                         feature_query))
        model = self.models.sentence_for(query)
        # the trees read the plain columns, the first ones of a crossed linear model's
        x = np.vstack(sentence_features_many(rows, self.models.sentence_crossed))
        cuts = np.cumsum([len(r[0]) for r in rows])[:-1]
        pieces = np.split(model.logit(x[:, :len(model.features)]), cuts)
        # the linear model's logits too when the trees chose: what the answer model reads (``answer_choice.choose``)
        rated = np.split(self.models.sentence.logit(x), cuts) if model is not self.models.sentence else [None] * len(rows)
        return {i: (ev, (piece, linear)) for (i, ev), piece, linear in zip(prepared.items(), pieces, rated)}

    def _hit(self, rank: int, pool: "Pool", i: int, score: float, dense: float, query: str = "",
             margins: tuple | None = None, confidence: float | None = None,
             prepared: tuple | None = None, reading: tuple | None = None) -> Hit:
        st = self.store
        row = int(pool.rows[i])
        evidence, scored = prepared if prepared is not None else (self._evidence(pool, i, query), None)
        sentence_logits, rated_logits = scored if scored is not None else (None, None)
        doc_text, (c, d, spans, sentence_terms, typed, sentence_cos), cross, feature_query = evidence
        doc = st.doc_meta(d)
        text = st.chunk_text(row)
        span = probability = level = span_kind = span_confidence = read = None
        first, last = int(c["start"]), int(c["end"])
        if self.models is None:
            best = best_sentence(sentence_cos, sentence_terms, pool.query_idf, typed=typed)
        else:
            facts = fact_marks(query, self.index.agreements, doc["doc_id"], doc_text, spans, (first, last),
                               reading)
            choice = choose(self.models, doc_text, spans, sentence_cos, sentence_terms, feature_query,
                            pool.query_idf, typed, pool.answer_kind, cross,
                            self._concept_forms, with_span=rank <= SPAN_HITS, title=doc.get("title", ""),
                            sentence_logits=sentence_logits, facts=facts, rated_logits=rated_logits)
            best = choice.sentence
            first, last = min(first, choice.span[0]), max(last, choice.span[1])  # a list shown whole
            if choice.unit is not None:   # a unit run on into the next one (``answer_choice.continued``)
                first, last = min(first, choice.unit[0]), max(last, choice.unit[1])
            if choice.is_list or rank <= SPAN_HITS:
                span = Answer(doc_text[choice.span[0]:choice.span[1]], choice.span[0] - first,
                              choice.span[1] - first)
                span_kind = choice.span_kind
                if not choice.is_list and np.isfinite(choice.span_logit):
                    span_confidence = round(float(rerank.sigmoid(choice.span_logit)), 6)
                # what the answer model reads (the passage columns NaN when it has no margins)
                x = answer_features(*(margins[0][i], margins[1][i]) if margins is not None else (np.nan, np.nan),
                                    choice)
                read = tuple(None if np.isnan(v) else float(v) for v in x[0])   # equal when equal
                if margins is not None and choice.fact_confidence is not None and confidence is not None:
                    # the answer model learned from the generic spans: a fact's span answers when
                    # the passage is the right one and the fact was read right
                    probability = confidence * choice.fact_confidence
                elif margins is not None:
                    probability = float(self.models.answer.probability(x)[0])
                if probability is not None:
                    level = self.models.level(probability)
            if (first, last) != (int(c["start"]), int(c["end"])):
                text = doc_text[first:last]
        a, b = spans[best] if self.models is None or choice.unit is None else choice.unit
        if span_kind == "fact":   # the sentence holds the fact's words (they may run past the unit)
            a, b = min(a, span.start + first), max(b, span.end + first)
        start, end = a - first, b - first
        matched = sorted(set().union(*sentence_terms) if sentence_terms else set())
        lexical = float(pool.lexical[i])
        return Hit(rank=rank, score=round(score, 6), doc_id=doc["doc_id"],
                   chunk_id=f"{doc['doc_id']}#{int(c['ordinal'])}",
                   title=doc.get("title", ""), date=doc.get("date"), lang=doc.get("lang", ""),
                   source=doc.get("source", ""), text=text, answer=Answer(text[start:end], start, end),
                   scores={"dense": round(dense, 6), "lexical": round(lexical, 6), "fused": round(score, 6)},
                   start=first, end=last, parties=list(doc.get("parties", [])),
                   matched_terms=[t for t in matched if not t.startswith(CONCEPT_PREFIX)],
                   answer_span=span, confidence=None if confidence is None else round(confidence, 6),
                   answer_probability=None if probability is None else round(probability, 6),
                   answer_confidence=level, span_kind=span_kind, span_confidence=span_confidence,
                   answer_inputs=read)


# an English piece the segmenter cut after a title ("..., Government House, H.E." | "Mr. Remco ...")
_ENDS_WITH_TITLE = re.compile(r"(?:\bH\.E|\bMr|\bMrs|\bMs|\bDr|\bGen|\bProf|\bLt|\bCol)\.\s*$")


def _split_where(words: tuple, test: Callable[[object], bool]) -> list[list]:
    """``words`` cut into runs at (and without) the words ``test`` holds true for."""
    runs: list[list] = [[]]
    for word in words:
        if test(word):
            runs.append([])
        else:
            runs[-1].append(word)
    return runs


def merge_units(spans: list[tuple[int, int]], doc_text: str, min_chars: int) -> list[tuple[int, int]]:
    """Groups ``[a, b)`` of consecutive sentences: a piece joins the unit before it while that
    unit is shorter than ``min_chars`` or ends with a title the segmenter took for a full stop
    ("H.E.", "Mr.", "Gen.") or goes on with a list of parties it opened
    (``party_lists.continues_list``), and no line break lies between them (a list item or a
    paragraph is never joined to another); a last short piece joins the unit before it."""
    groups: list[list[int]] = []
    for j, (a, _) in enumerate(spans):
        if groups:
            g = groups[-1]
            unit = spans[g[1] - 1][1] - spans[g[0]][0]
            end = spans[g[1] - 1][1]
            if ((unit < min_chars or _ENDS_WITH_TITLE.search(doc_text, max(0, end - 8), end)
                 or continues_list(doc_text, spans[g[0]][0], end, a, spans[j][1]))
                    and "\n" not in doc_text[end:a]):
                g[1] = j + 1
                continue
        groups.append([j, j + 1])
    if len(groups) > 1:
        g, prev = groups[-1], groups[-2]
        if (spans[g[1] - 1][1] - spans[g[0]][0] < min_chars
                and "\n" not in doc_text[spans[prev[1] - 1][1]:spans[g[0]][0]]):
            prev[1] = g[1]
            groups.pop()
    return [(a, b) for a, b in groups]


def collapse_groups(order: np.ndarray, doc_of: list[int], group_of: Callable[[int], Hashable]
                    ) -> tuple[np.ndarray, dict[int, list[int]]]:
    """``order`` without the passages of near-duplicate documents (same ``group_of``, see
    ``indexer.duplicates``) of a better-ranked document, and, for the best-ranked passage of
    each kept document, the documents folded into it, in rank order."""
    owner: dict[str, int] = {}             # group -> the document that represents it
    first_hit: dict[int, int] = {}         # document -> its best-ranked passage
    folded: dict[int, list[int]] = {}
    groups: dict[int, str] = {}
    kept = []
    for i in order:
        doc = doc_of[i]
        if doc not in groups:  # one metadata read per document, not per passage
            groups[doc] = group_of(doc)
        head = owner.setdefault(groups[doc], doc)
        if head == doc:
            first_hit.setdefault(doc, int(i))
            kept.append(i)
            continue
        others = folded.setdefault(first_hit[head], [])
        if doc not in others:
            others.append(doc)
    return np.array(kept, dtype=np.int64), folded


def first_per_document(order: np.ndarray, doc_of: list) -> np.ndarray:
    """``order`` keeping only the best-ranked chunk of each document."""
    seen, kept = set(), []
    for i in order:
        if doc_of[i] not in seen:
            seen.add(doc_of[i])
            kept.append(i)
    return np.array(kept, dtype=np.int64)


@dataclass
class Pool:
    """The candidate chunks of one query and the evidence they are ranked on."""

    rows: np.ndarray                  # chunk rows
    chunk_cos: np.ndarray             # cosine of query and chunk
    best_sentence_cos: np.ndarray     # cosine of query and the chunk's closest sentence
    sentence_cos: list[np.ndarray]    # cosine of query and each sentence of each chunk
    lexical: np.ndarray               # BM25 score (0 outside lexical modes)
    coverage: np.ndarray              # share of the query's idf mass in each chunk
    terms: list[str]
    query_idf: dict[str, float]
    kind: str | None = None           # the kind of answer asked for (search_api.answer_types)
    # ... narrowed to what a count counts ("count:คน|ราย", ``answer_types.answer_kind``): the
    # sentences and spans that hold one are typed (a chunk's bits are of the broad kind)
    answer_kind: str | None = None
    typed: np.ndarray | None = None   # which chunks hold an answer of that kind
    thai_idf: dict[str, float] | None = None  # an English question's Thai form (its units' idf)
    dated: np.ndarray | None = None   # which chunks' documents are dated in a year the question names
    reading_form: str | None = None   # an English question's reading form, names spelled in Thai added
