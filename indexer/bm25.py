"""BM25 over analyzer terms, as a sparse term-by-chunk weight matrix of plain arrays.

Scores are the Lucene variant: idf = ln(1 + (N - df + 0.5) / (df + 0.5)) and
tf·(k1 + 1) / (tf + k1·(1 - b + b·len/avglen)), precomputed per (term, chunk), so a query
sums a few columns. Saved as ``.npy`` arrays and a JSON vocabulary.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import numpy as np

K1 = 1.2
B = 0.75


def _by_offset(array: np.ndarray):
    """``(start, end) -> array[start:end]``: for a memory-mapped ``.npy`` file, read by offset
    (``pread``, ``indexer.store.Blob``), so the postings a query reads stay in the kernel's shared
    page cache instead of growing the server's resident memory (at 1M chunks the two posting
    files are ~380 MB); plain slicing for an array in memory."""
    path = getattr(array, "filename", None)
    if not isinstance(array, np.memmap) or path is None or not array.flags.c_contiguous:
        return lambda start, end: array[start:end]
    from indexer.store import Blob

    blob, offset, dtype = Blob(path), int(array.offset), array.dtype

    def read(start: int, end: int) -> np.ndarray:
        if not 0 <= start <= end <= len(array):
            raise IndexError(f"postings {start}:{end} outside 0:{len(array)}")
        return np.frombuffer(blob.read(offset + start * dtype.itemsize, (end - start) * dtype.itemsize), dtype=dtype)

    return read


class BM25:
    def __init__(self, vocab: dict[str, int], idf: np.ndarray, indptr: np.ndarray,
                 rows: np.ndarray, weights: np.ndarray, n_docs: int) -> None:
        self.vocab, self.idf, self.n_docs = vocab, idf, n_docs
        self.indptr, self.rows, self.weights = indptr, rows, weights
        self._rows, self._weights = _by_offset(rows), _by_offset(weights)

    def postings(self, col: int) -> tuple[np.ndarray, np.ndarray]:
        """(chunk rows, weights) of the term in column ``col``."""
        s, e = int(self.indptr[col]), int(self.indptr[col + 1])
        return self._rows(s, e), self._weights(s, e)

    @classmethod
    def build(cls, documents: list[list[str]], k1: float = K1, b: float = B) -> "BM25":
        n = len(documents)
        counts = [Counter(terms) for terms in documents]
        lengths = np.array([len(t) for t in documents], dtype=np.float64)
        avg = float(lengths.mean()) if n and lengths.sum() else 1.0
        postings: dict[str, list[tuple[int, int]]] = {}
        for row, counter in enumerate(counts):
            for term, tf in counter.items():
                postings.setdefault(term, []).append((row, tf))
        vocab = {term: i for i, term in enumerate(sorted(postings))}
        idf = np.zeros(len(vocab), dtype=np.float32)
        indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        rows_out, weights_out = [], []
        for term, col in vocab.items():
            plist = postings[term]
            df = len(plist)
            idf[col] = math.log(1 + (n - df + 0.5) / (df + 0.5))
            r = np.array([p[0] for p in plist], dtype=np.int32)
            tf = np.array([p[1] for p in plist], dtype=np.float64)
            norm = tf + k1 * (1 - b + b * lengths[r] / avg)
            rows_out.append(r)
            weights_out.append((idf[col] * tf * (k1 + 1) / norm).astype(np.float32))
            indptr[col + 1] = indptr[col] + df
        rows = np.concatenate(rows_out) if rows_out else np.zeros(0, np.int32)
        weights = np.concatenate(weights_out) if weights_out else np.zeros(0, np.float32)
        return cls(vocab, idf, indptr, rows, weights, n)

    def oov_idf(self) -> float:
        """The idf a term that occurs nowhere would have (df = 0): the most a term can weigh."""
        return math.log(1 + (self.n_docs + 0.5) / 0.5)

    def term_idf(self, term: str) -> float:
        col = self.vocab.get(term)
        return float(self.idf[col]) if col is not None else self.oov_idf()

    def scores(self, terms: list[str]) -> np.ndarray:
        """BM25 score of every chunk for the query ``terms`` (each distinct term counted once)."""
        out = np.zeros(self.n_docs, dtype=np.float32)
        for term in sorted(set(terms)):  # a fixed order: the same sums in every process
            col = self.vocab.get(term)
            if col is not None:
                rows, weights = self.postings(col)
                out[rows] += weights
        return out

    def contains(self, terms, rows: np.ndarray) -> dict[str, np.ndarray]:
        """For each of ``terms``, a boolean mask over ``rows``: which of those chunks contain it."""
        position = np.full(self.n_docs, -1, dtype=np.int64)
        position[rows] = np.arange(len(rows))
        out = {}
        for term in terms:
            mask = np.zeros(len(rows), dtype=bool)
            col = self.vocab.get(term)
            if col is not None:
                hits = position[self.postings(col)[0]]
                mask[hits[hits >= 0]] = True
            out[term] = mask
        return out

    # -- files -----------------------------------------------------------------------------
    FILES = ("bm25_vocab.json", "bm25_idf.npy", "bm25_indptr.npy", "bm25_rows.npy", "bm25_weights.npy")

    def writers(self) -> dict:
        def vocab(path: Path) -> None:
            terms = sorted(self.vocab, key=self.vocab.get)
            path.write_text(json.dumps({"n_docs": self.n_docs, "terms": terms}, ensure_ascii=False),
                            encoding="utf-8")

        def array(a):
            return lambda path: np.save(path, a, allow_pickle=False)

        return {"bm25_vocab.json": vocab, "bm25_idf.npy": array(self.idf),
                "bm25_indptr.npy": array(self.indptr), "bm25_rows.npy": array(self.rows),
                "bm25_weights.npy": array(self.weights)}

    @classmethod
    def load(cls, folder: Path, mmap: bool = False) -> "BM25":
        """The saved arrays; ``mmap``: memory-mapped, read only where a query's terms point."""
        meta = json.loads((folder / "bm25_vocab.json").read_text(encoding="utf-8"))
        mode = "r" if mmap else None
        load = lambda name: np.load(folder / name, mmap_mode=mode, allow_pickle=False)  # noqa: E731
        return cls({t: i for i, t in enumerate(meta["terms"])}, load("bm25_idf.npy"),
                   load("bm25_indptr.npy"), load("bm25_rows.npy"), load("bm25_weights.npy"),
                   int(meta["n_docs"]))
