"""Documents, chunks and sentences of one index version as flat files read by offset.

    store_text.bin       every document's text, UTF-8, one after the other
    store_meta.bin       every document's metadata (doc_id, title, date, lang, source, parties,
                         ...) as one compact JSON object, one after the other
    store_docs.npy       one row per document: byte ranges in the two blobs, its chunks and
                         sentences, language and the first/last day its date covers (filters)
    store_chunks.npy     one row per chunk: stable id, document, ordinal, character offsets in
                         the document, byte offsets in ``store_text.bin``, its sentences, language
    store_sentences.npy  one row per sentence: character offsets in its document, byte offsets
    store_kinds.npy      one byte per chunk: the kinds of answer its text holds an expression of
                         (``indexer.answer_kinds``; a version written before it has none)

The search server memory-maps the tables and reads the two blobs by offset (``pread``): a
chunk's text is one slice of the text blob, read and decoded when a hit is shown, and no
Python object is made per chunk or document at load.
Character offsets (what the API returns) and byte offsets (what the blob is read by) are
both stored, so Thai text (three bytes a letter) is cut exactly where the document says.
Rows are in the builder's order: documents by doc_id, each document's chunks by ordinal.
"""
from __future__ import annotations

import functools
import json
import os
import re
import threading
from pathlib import Path

import numpy as np

from indexer.answer_kinds import chunk_kinds
from indexer.dates import date_range
from indexer.textnorm import normalize_for_match

META_CACHE = 4096  # parsed document metadata kept per store (a few MB at most)
TITLE_CACHE = 65536  # titles' match keys kept per store (~100 bytes each)
TEXT = "store_text.bin"
META = "store_meta.bin"
DOCS = "store_docs.npy"
CHUNKS = "store_chunks.npy"
SENTENCES = "store_sentences.npy"
KINDS = "store_kinds.npy"
FILES = (TEXT, META, DOCS, CHUNKS, SENTENCES, KINDS)

DOC_DTYPE = np.dtype([("text_start", "<i8"), ("text_end", "<i8"), ("meta_start", "<i8"),
                      ("meta_end", "<i8"), ("first_chunk", "<i8"), ("n_chunks", "<i4"),
                      ("first_sentence", "<i8"), ("n_sentences", "<i4"), ("lang", "S8"),
                      ("date_first", "S10"), ("date_last", "S10")])
CHUNK_DTYPE = np.dtype([("id", "<i8"), ("doc", "<i4"), ("ordinal", "<i4"), ("start", "<i4"),
                        ("end", "<i4"), ("byte_start", "<i8"), ("byte_end", "<i8"),
                        ("sent_row", "<i8"), ("sent_count", "<i4"), ("lang", "S8")])
SENTENCE_DTYPE = np.dtype([("start", "<i4"), ("end", "<i4"), ("byte_start", "<i8"), ("byte_end", "<i8")])
# Fields of a document record that live elsewhere in the store (or only in documents.jsonl).
NOT_META = ("text", "sentences", "sentence_keys", "sentence_row")


class StoreCorrupt(ValueError):
    """A store file that cannot be what the builder wrote (wrong shape, offsets out of range)."""


def byte_offsets(text: str) -> np.ndarray:
    """UTF-8 byte offset of every character position of ``text`` (len(text) + 1 values)."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    width = 1 + (codes >= 0x80) + (codes >= 0x800) + (codes >= 0x10000)
    out = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum(width, out=out[1:])
    return out


def writers(doc_records: list[dict], chunk_records: list[dict]) -> dict:
    """File writers of the store for documents (in order) and their chunks (grouped by document,
    in document order, each with ``sent_row`` set)."""
    docs = np.zeros(len(doc_records), dtype=DOC_DTYPE)
    chunks = np.zeros(len(chunk_records), dtype=CHUNK_DTYPE)
    n_sentences = sum(len(d["sentences"]) for d in doc_records)
    sentences = np.zeros(n_sentences, dtype=SENTENCE_DTYPE)
    texts, metas = [], []
    number = {d["doc_id"]: i for i, d in enumerate(doc_records)}
    text_at = meta_at = 0
    offsets = []
    for i, doc in enumerate(doc_records):
        data = doc["text"].encode("utf-8")
        meta = json.dumps({k: v for k, v in doc.items() if k not in NOT_META},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        texts.append(data)
        metas.append(meta)
        first, last = date_range(doc["date"]) if doc.get("date") else ("", "")
        row = docs[i]
        row["text_start"], row["text_end"] = text_at, text_at + len(data)
        row["meta_start"], row["meta_end"] = meta_at, meta_at + len(meta)
        row["first_sentence"], row["n_sentences"] = doc["sentence_row"], len(doc["sentences"])
        row["lang"] = (doc.get("lang") or "").encode("ascii", "replace")[:8]
        row["date_first"], row["date_last"] = first.encode("ascii"), last.encode("ascii")
        offsets.append(byte_offsets(doc["text"]))
        spans = np.asarray(doc["sentences"], dtype=np.int64).reshape(-1, 2)
        block = sentences[doc["sentence_row"]:doc["sentence_row"] + len(spans)]
        block["start"], block["end"] = spans[:, 0], spans[:, 1]
        block["byte_start"] = text_at + offsets[-1][spans[:, 0]]
        block["byte_end"] = text_at + offsets[-1][spans[:, 1]]
        text_at += len(data)
        meta_at += len(meta)
    if chunk_records:
        doc_of = np.array([number[c["doc_id"]] for c in chunk_records], dtype=np.int64)
        if (np.diff(doc_of) < 0).any():
            raise ValueError("chunks must be grouped by document, in document order")
        column = lambda key: np.array([c[key] for c in chunk_records], dtype=np.int64)  # noqa: E731
        start, end = column("start"), column("end")
        chunks["id"], chunks["doc"], chunks["ordinal"] = column("id"), doc_of, column("ordinal")
        chunks["start"], chunks["end"] = start, end
        chunks["sent_row"], chunks["sent_count"] = column("sent_row"), column("sent_count")
        chunks["lang"] = [(c.get("lang") or "").encode("ascii", "replace")[:8] for c in chunk_records]
        base = docs["text_start"][doc_of]
        chunks["byte_start"] = base + [offsets[d][a] for d, a in zip(doc_of, start)]
        chunks["byte_end"] = base + [offsets[d][b] for d, b in zip(doc_of, end)]
        counts = np.bincount(doc_of, minlength=len(docs))
        docs["n_chunks"] = counts
        docs["first_chunk"] = np.concatenate([[0], np.cumsum(counts)[:-1]]) if len(docs) else []

    def blob(parts):
        def write(path: Path) -> None:
            with open(path, "wb") as f:
                for part in parts:
                    f.write(part)
        return write

    def array(a):
        return lambda path: np.save(path, a, allow_pickle=False)

    kinds = chunk_kinds(doc_records[number[c["doc_id"]]]["text"][c["start"]:c["end"]] for c in chunk_records)
    return {TEXT: blob(texts), META: blob(metas), DOCS: array(docs), CHUNKS: array(chunks),
            SENTENCES: array(sentences), KINDS: array(kinds)}


class Blob:
    """A read-only file read by offset (``pread``): ``blob[a:b]`` is bytes ``a`` to ``b``.

    The store's blobs and the sentence vectors are read a few hundred bytes at a time, at
    random; reading them with ``pread`` leaves the pages in the kernel's shared page cache
    rather than mapped into the server, so the server's resident memory does not grow with the
    share of the archive its queries have touched. Thread-safe (no shared file position)."""

    def __init__(self, path: Path) -> None:
        self._file = open(path, "rb")
        self._size = os.fstat(self._file.fileno()).st_size

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, where: slice) -> bytes:
        if not isinstance(where, slice) or where.step not in (None, 1):
            raise TypeError("a Blob is read by contiguous slices")
        start, stop, _ = where.indices(self._size)
        return self.read(start, stop - start)

    def read(self, offset: int, size: int) -> bytes:
        if size <= 0:
            return b""
        data = os.pread(self._file.fileno(), size, offset)
        while len(data) < size:       # pread may return short reads
            more = os.pread(self._file.fileno(), size - len(data), offset + len(data))
            if not more:
                raise OSError(f"{self._file.name} ended at byte {offset + len(data)}")
            data += more
        return data

    def close(self) -> None:
        self._file.close()

    def __del__(self) -> None:
        try:
            self._file.close()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass


def _table(path: Path, dtype: np.dtype) -> np.ndarray:
    try:
        table = np.load(path, mmap_mode="r", allow_pickle=False)
    except (ValueError, OSError, EOFError) as exc:
        raise StoreCorrupt(f"{path.name} is not a readable array ({exc})") from exc
    if table.dtype != dtype or table.ndim != 1:
        raise StoreCorrupt(f"{path.name} holds {table.dtype} {table.shape}, not the store's rows")
    # a plain array over the same mapping: np.memmap runs Python code (__array_finalize__)
    # for every row or slice read, ~2 % of a search under load
    return table.view(np.ndarray)


# The near-duplicate group in a document's compact JSON metadata. A string value cannot hold
# an unescaped quote, so the pattern matches only the key itself.
_GROUP_KEY = re.compile(rb'[{,]\s*"group"\s*:\s*"((?:[^"\\]|\\.)*)"')


class Store:
    """Read side of the store, memory-mapped; every row is read only when asked for."""

    def __init__(self, folder: Path) -> None:
        folder = Path(folder)
        self.text = Blob(folder / TEXT)
        self.meta = Blob(folder / META)
        self.docs = _table(folder / DOCS, DOC_DTYPE)
        self.chunks = _table(folder / CHUNKS, CHUNK_DTYPE)
        self.sentences = _table(folder / SENTENCES, SENTENCE_DTYPE)
        self.kinds = _table(folder / KINDS, np.dtype(np.uint8)) if (folder / KINDS).exists() else None
        self._check()
        # Columns the searcher reads for every query, as plain arrays (a few bytes a chunk).
        self.chunk_doc = np.ascontiguousarray(self.chunks["doc"])
        self.sent_row = np.ascontiguousarray(self.chunks["sent_row"])
        self.sent_count = np.ascontiguousarray(self.chunks["sent_count"])
        self._meta_start = np.ascontiguousarray(self.docs["meta_start"])
        self._meta_end = np.ascontiguousarray(self.docs["meta_end"])
        # A search reads the metadata of every pooled document (titles, near-duplicate groups):
        # parse each one once, not once per read (the dicts are shared: never mutate them).
        self.doc_meta = functools.lru_cache(maxsize=META_CACHE)(self._doc_meta)
        # The learned ranking matches the question against the title of ~150 pooled documents a
        # search: their match keys are kept (a short string each) for many more documents.
        self.title_key = functools.lru_cache(maxsize=TITLE_CACHE)(self._title_key)
        self._groups: np.ndarray | None = None
        self._groups_lock = threading.Lock()

    def _check(self) -> None:
        """Offsets within the blobs and rows within the tables, so a bad file fails here."""
        d, c, s = self.docs, self.chunks, self.sentences
        problems = []
        if len(d) and (d["text_end"].max() > len(self.text) or d["meta_end"].max() > len(self.meta)
                       or (d["text_start"] > d["text_end"]).any() or (d["meta_start"] > d["meta_end"]).any()
                       or (d["first_sentence"] + d["n_sentences"]).max() > len(s)
                       or (d["first_chunk"] + d["n_chunks"]).max() > len(c)):
            problems.append("document rows point outside the store")
        if len(c) and (c["doc"].min() < 0 or c["doc"].max() >= len(d) or c["byte_end"].max() > len(self.text)
                       or (c["byte_start"] > c["byte_end"]).any() or c["sent_row"].min() < 0
                       or (c["sent_row"] + c["sent_count"]).max() > len(s)):
            problems.append("chunk rows point outside the store")
        if len(s) and (s["byte_end"].max() > len(self.text) or (s["byte_start"] > s["byte_end"]).any()):
            problems.append("sentence rows point outside the text")
        if self.kinds is not None and len(self.kinds) != len(c):
            problems.append(f"{KINDS} has {len(self.kinds)} rows for {len(c)} chunks")
        if problems:
            raise StoreCorrupt("; ".join(problems))

    @property
    def n_docs(self) -> int:
        return len(self.docs)

    @property
    def n_chunks(self) -> int:
        return len(self.chunks)

    def _text(self, start, end) -> str:
        return self.text.read(int(start), int(end) - int(start)).decode("utf-8")

    def doc_text(self, d: int) -> str:
        row = self.docs[d]
        return self._text(row["text_start"], row["text_end"])

    def _doc_meta(self, d: int) -> dict:
        start = int(self._meta_start[d])
        return json.loads(self.meta.read(start, int(self._meta_end[d]) - start))

    def _title_key(self, d: int) -> str:
        """``normalize_for_match`` of document ``d``'s title ("" without one)."""
        meta = self.doc_meta(d)
        return normalize_for_match(meta.get("title") or "")

    def doc_id(self, d: int) -> str:
        return self.doc_meta(d)["doc_id"]

    def doc_groups(self) -> np.ndarray:
        """For every document row, a number shared by the documents of its near-duplicate group
        (``indexer.duplicates``; its own row when its metadata names none). One pass over the
        metadata blob at first use, instead of a JSON parse per pooled document per query."""
        with self._groups_lock:
            if self._groups is None:
                groups = np.arange(len(self.docs), dtype=np.int64)
                starts = self._meta_start.astype(np.int64)
                if len(starts) and bool((np.diff(starts) >= 0).all()):
                    found = list(_GROUP_KEY.finditer(self.meta.read(0, len(self.meta))))
                    rows = np.searchsorted(starts, [m.start() for m in found], side="right") - 1
                    first: dict[bytes, int] = {}
                    for m, d in zip(found, rows.tolist()):
                        groups[d] = first.setdefault(m.group(1), d)
                else:   # rows out of order (never written so): read each document's metadata
                    first_seen: dict[str, int] = {}
                    for d in range(len(self.docs)):
                        meta = self.doc_meta(d)
                        groups[d] = first_seen.setdefault(meta.get("group") or meta["doc_id"], d)
                self._groups = groups
            return self._groups

    def doc_number(self, doc_id: str) -> int | None:
        """The row of ``doc_id`` (binary search: rows are sorted by doc_id), or None."""
        lo, hi = 0, len(self.docs)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.doc_id(mid) < doc_id:
                lo = mid + 1
            else:
                hi = mid
        return lo if lo < len(self.docs) and self.doc_id(lo) == doc_id else None

    def chunk_text(self, row: int) -> str:
        c = self.chunks[row]
        return self._text(c["byte_start"], c["byte_end"])

    def sentence_text(self, srow: int) -> str:
        s = self.sentences[srow]
        return self._text(s["byte_start"], s["byte_end"])

    def sentence_spans(self, first: int, count: int) -> list[tuple[int, int]]:
        """Character offsets in their document of sentences ``first .. first + count - 1``."""
        block = self.sentences[first:first + count]
        return list(zip(block["start"].tolist(), block["end"].tolist()))

    def document(self, d: int) -> dict:
        """The document record as the builder wrote it, less the sentence hashes."""
        row = self.docs[d]
        first = int(row["first_sentence"])
        return self.doc_meta(d) | {"text": self.doc_text(d), "sentence_row": first,
                                   "sentences": [list(s) for s in self.sentence_spans(first, int(row["n_sentences"]))]}

    def chunk(self, row: int) -> dict:
        """The chunk record as the builder wrote it, less its terms and embedding key."""
        c = self.chunks[row]
        doc = int(c["doc"])
        doc_id = self.doc_id(doc)
        return {"id": int(c["id"]), "chunk_id": f"{doc_id}#{int(c['ordinal'])}", "doc_id": doc_id,
                "ordinal": int(c["ordinal"]), "start": int(c["start"]), "end": int(c["end"]),
                "lang": c["lang"].decode("ascii"), "sent_row": int(c["sent_row"]),
                "sent_index": int(c["sent_row"] - self.docs[doc]["first_sentence"]),
                "sent_count": int(c["sent_count"])}
