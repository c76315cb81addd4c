"""One index version opened for search, after its checksums and encoder have been checked.

Nothing is read into Python objects per chunk or document: the store (``indexer/store.py``),
the sentence vectors and the BM25 arrays are memory-mapped, the chunk vectors are a FAISS
file mapped by FAISS itself (float16 codes; rows re-scored one by one are read by offset).
Only the pages a query touches are read, and the kernel shares them between processes
serving the same version.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from indexer import analysis, index_files, store, vectors
from indexer.bm25 import BM25
from indexer.encoders import Encoder, get_encoder
from search_api import agreements

REBUILD_HINT = "rebuild with `mou-search index --rebuild`"


class EncoderMismatch(index_files.IndexError_):
    pass


class StaleAnalyzer(index_files.IndexError_):
    pass


class Documents(Mapping):
    """doc_id -> document record (metadata, ``text``, ``sentences``), read from the store on access."""

    def __init__(self, s: store.Store) -> None:
        self._store = s

    def __getitem__(self, doc_id: str) -> dict:
        d = self._store.doc_number(doc_id) if isinstance(doc_id, str) else None
        if d is None:
            raise KeyError(doc_id)
        return self._store.document(d)

    def __contains__(self, doc_id) -> bool:
        return isinstance(doc_id, str) and self._store.doc_number(doc_id) is not None

    def __iter__(self):
        return (self._store.doc_id(d) for d in range(self._store.n_docs))

    def __len__(self) -> int:
        return self._store.n_docs


class Chunks(Sequence):
    """Row -> chunk record, read from the store on access."""

    def __init__(self, s: store.Store) -> None:
        self._store = s

    def __getitem__(self, row):
        if isinstance(row, slice):
            return [self._store.chunk(r) for r in range(*row.indices(len(self)))]
        if row < 0:
            row += len(self)
        if not 0 <= row < len(self):
            raise IndexError(row)
        return self._store.chunk(int(row))

    def __len__(self) -> int:
        return self._store.n_chunks


class ChunkDocIds(Sequence):
    """Row -> doc_id of that chunk."""

    def __init__(self, s: store.Store) -> None:
        self._store = s

    def __getitem__(self, row) -> str:
        return self._store.doc_id(int(self._store.chunk_doc[row]))

    def __len__(self) -> int:
        return self._store.n_chunks


class ChunkVectors:
    """Row(s) -> chunk vector(s) as float32: the float16 codes at the end of ``chunks.faiss``,
    read by offset (``pread``, see ``indexer.store.Blob``) when the file has that layout, so the
    rows a query re-scores stay in the shared page cache instead of growing the server's RSS
    (past the approximate-index threshold every query reads 200 random rows; at 1M chunks the
    codes are 732 MB). FAISS's own ``reconstruct`` otherwise."""

    def __init__(self, faiss_index, path: Path | None = None) -> None:
        self._index = faiss_index
        self._blob = self._offset = None
        if path is not None:
            self._open_codes(Path(path))

    def _open_codes(self, path: Path) -> None:
        import faiss

        index = faiss.downcast_index(self._index)
        if not isinstance(index, faiss.IndexScalarQuantizer) or index.ntotal == 0 \
                or index.sq.qtype != faiss.ScalarQuantizer.QT_fp16 or index.code_size != 2 * index.d:
            return
        blob = store.Blob(path)
        offset = len(blob) - index.ntotal * index.code_size   # the codes are the file's last bytes
        if offset < 0:
            return
        self._blob, self._offset = blob, offset
        probe = np.array([0, index.ntotal - 1], dtype=np.int64)
        if not np.array_equal(self._read(probe), self._index.reconstruct_batch(probe)):
            self._blob = self._offset = None   # not the layout we know: let FAISS decode

    def _read(self, rows: np.ndarray) -> np.ndarray:
        width = 2 * self._index.d
        data = b"".join(self._blob.read(self._offset + r * width, width) for r in rows.tolist())
        return np.frombuffer(data, dtype=np.float16).reshape(len(rows), self._index.d).astype(np.float32)

    def __len__(self) -> int:
        return self._index.ntotal

    def __getitem__(self, rows) -> np.ndarray:
        if np.isscalar(rows):
            return self[np.array([int(rows)])][0]
        rows = np.ascontiguousarray(rows, dtype=np.int64)
        if len(rows) == 0:
            return np.zeros((0, self._index.d), np.float32)
        if self._blob is not None and rows.min() >= 0 and rows.max() < self._index.ntotal:
            return self._read(rows)
        return self._index.reconstruct_batch(rows)


def open_records(index_dir: Path) -> tuple[agreements.Agreements, Documents]:
    """The agreement records and documents of the live version, without its encoder or vectors
    (what ``mou-search agreements`` needs); the records' file is checked against the manifest."""
    version = index_files.current_version(Path(index_dir))
    if version is None:
        raise index_files.IndexMissing(f"no index at {index_dir}: run `mou-search index` first")
    manifest = index_files.read_manifest(version, verify=False)
    if agreements.AGREEMENTS_FILE in manifest["files"]:
        index_files.verify_files(version, manifest, names=[agreements.AGREEMENTS_FILE])
    try:
        records = agreements.load(version)
        documents = Documents(store.Store(version))
    except (agreements.AgreementsCorrupt, store.StoreCorrupt, OSError) as exc:
        raise index_files.IndexCorrupt(f"{version}: {exc}: {REBUILD_HINT}") from exc
    return records, documents


class LoadedIndex:
    def __init__(self, index_dir: Path, encoder: Encoder | str | None = None, verify: bool = True) -> None:
        index_dir = Path(index_dir)
        version = index_files.current_version(index_dir)
        if version is None:
            raise index_files.IndexMissing(
                f"no index at {index_dir}: run `mou-search index` first")
        self.version_dir = version
        # schema and digest checked; with ``verify`` every file too, also the builder's, so a
        # damaged version is refused whole
        self.manifest = index_files.read_manifest(version, verify=verify)
        self.encoder = self._encoder(encoder)
        built_with = self.manifest.get("config", {}).get("analyzer")
        if built_with != analysis.analyzer_fingerprint():
            raise StaleAnalyzer(
                f"{version}: the index's search terms were made by another version of the analyzer "
                f"(glossary or word lists changed): run `mou-search index` to update them "
                "(nothing is embedded again)")
        try:
            self._load(version)
        except index_files.IndexError_:
            raise
        except (OSError, ValueError, KeyError, TypeError, IndexError, RuntimeError, AttributeError) as exc:
            # Only reachable with verify=False or a file changed while loading: checksummed files
            # are exactly what the build wrote.
            raise index_files.IndexCorrupt(
                f"{version}: an index file cannot be read ({type(exc).__name__}: "
                f"{' '.join(str(exc).split())[:160]}): {REBUILD_HINT}") from None

    def _encoder(self, encoder: Encoder | str | None) -> Encoder:
        built = self.manifest["encoder"]
        if isinstance(encoder, str) and encoder != built["name"]:
            raise EncoderMismatch(
                f"index was built with encoder {built['name']} (dim {built['dim']}) but the "
                f"searcher is configured for {encoder}: {REBUILD_HINT} --encoder {encoder}")
        if encoder is None or isinstance(encoder, str):
            try:
                encoder = get_encoder(built["name"], **built.get("options", {}))
            except (ValueError, TypeError) as exc:  # an encoder this installation does not know
                raise EncoderMismatch(
                    f"{self.version_dir}: the index names encoder {built['name'][:80]!r}, which is "
                    f"not available here ({' '.join(str(exc).split())[:160]}): {REBUILD_HINT}") from None
        if encoder.name != built["name"] or encoder.dim != built["dim"]:
            raise EncoderMismatch(
                f"index was built with encoder {built['name']} (dim {built['dim']}) but the "
                f"searcher is configured for {encoder.name} (dim {encoder.dim}): "
                f"{REBUILD_HINT} --encoder {encoder.name}")
        return encoder

    def _load(self, version: Path) -> None:
        try:
            self.store = store.Store(version)
        except store.StoreCorrupt as exc:
            raise index_files.IndexCorrupt(f"{version}: the document store is damaged "
                                           f"({' '.join(str(exc).split())[:200]}): {REBUILD_HINT}") from None
        self.documents = Documents(self.store)
        self.chunks = Chunks(self.store)
        self.chunk_doc = ChunkDocIds(self.store)
        n = self.store.n_chunks
        dim = self.encoder.dim
        dense = self.manifest.get("dense") or {}
        self.faiss = vectors.open_chunk_index(version)
        self.chunk_vectors = ChunkVectors(self.faiss, version / vectors.CHUNK_VECTORS)
        try:
            self.sentence_vectors = vectors.open_sentence_vectors(version, dense)
        except ValueError as exc:
            raise index_files.IndexCorrupt(f"{version}: {exc}: {REBUILD_HINT}") from exc
        self.bm25 = BM25.load(version, mmap=True)
        self.ann = vectors.open_ann_index(version, dense["ann"]) if dense.get("ann") else None
        try:  # agreement records (an older version has none: it serves with no records)
            self.agreements = agreements.load(version)
        except (agreements.AgreementsCorrupt, OSError) as exc:
            raise index_files.IndexCorrupt(f"{version}: {exc}: {REBUILD_HINT}") from exc
        shapes = {"vectors": self.faiss.ntotal, "BM25": self.bm25.n_docs,
                  "manifest": self.manifest["counts"]["chunks"]}
        if any(v != n for v in shapes.values()) or (self.ann is not None and self.ann.ntotal != n) \
                or self.faiss.d != dim or self.sentence_vectors.shape[1:] != (dim,) \
                or len(self.sentence_vectors) != len(self.store.sentences):
            raise index_files.IndexCorrupt(
                f"{version}: chunk counts of its files differ ({n} in the store, {shapes}): {REBUILD_HINT}")

    @property
    def version(self) -> str:
        return self.manifest["version"]
