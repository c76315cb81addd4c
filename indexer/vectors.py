"""Dense vectors on disk: chunk vectors in a FAISS file, sentence vectors in a ``.npy`` array.

Format 2 (``index_files.FORMAT_VERSION``): ``chunks.faiss`` is a FAISS scalar-quantizer index of
float16 codes, one row per chunk in the order of ``store_chunks.npy`` (which holds each row's
stable chunk id). FAISS can memory-map such a file (``IO_FLAG_MMAP_IFC``), so the server holds
no copy of the vectors, and exact search over it reads 2 bytes a dimension. Float16 keeps a
cosine to about 1e-4 (``eval/bench_scale.py`` measures what it changes in the top 10).
Past ``ann_min_chunks`` chunks (200,000 by default) an approximate index (``indexer/ann.py``) is written beside it as
``chunks_ann.faiss``, built from the stored vectors at every build (HNSW cannot remove ids;
an IVF index could, but rebuilding keeps the two files in step).

Format 1 held an ``IndexIDMap2(IndexFlatIP)`` of float32 vectors with the stable ids; the
builder still reads it, so an old index is migrated by ``mou-search index`` without embedding.

FAISS sizes read from a file drive allocations, so a file is only handed to FAISS after the
manifest checksum has been verified (see ``index_files.read_manifest``).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

CHUNK_VECTORS = "chunks.faiss"
ANN_VECTORS = "chunks_ann.faiss"
SENTENCE_VECTORS = "sentence_vectors.npy"


def exact_index(chunk_matrix: np.ndarray):
    """A FAISS index of float16 codes of ``chunk_matrix`` (rows in chunk order)."""
    import faiss

    dim = chunk_matrix.shape[1]
    index = faiss.IndexScalarQuantizer(dim, faiss.ScalarQuantizer.QT_fp16, faiss.METRIC_INNER_PRODUCT)
    for i in range(0, len(chunk_matrix), 65536):  # add() converts to float32: keep that small
        index.add(np.ascontiguousarray(chunk_matrix[i:i + 65536], dtype=np.float32))
    return index


def ann_plan(n_chunks: int, ann_min_chunks: int) -> dict | None:
    """The approximate index ``n_chunks`` chunks get (what the manifest records), or None."""
    from indexer import ann

    return ann.params_for(n_chunks) if n_chunks >= ann_min_chunks > 0 else None


def write_vectors(chunk_matrix: np.ndarray, sentence_matrix: np.ndarray, ann_min_chunks: int,
                  sentence_rows: np.ndarray | None = None) -> tuple[dict, dict]:
    """(file writers, what the manifest records about the dense index). With ``sentence_rows``,
    ``sentence_matrix`` holds each distinct sentence vector once and row ``i`` of the file is
    ``sentence_matrix[sentence_rows[i]]``: an archive of near-duplicate releases repeats
    sentences, and the float32 matrix of every row would be 1.5 KB a sentence in memory."""
    import faiss

    from indexer import ann

    info = {"exact": "fp16", "ann": None}

    def chunks(path: Path) -> None:
        faiss.write_index(exact_index(chunk_matrix), str(path))

    codes, scale = quantize_sentences(sentence_matrix)   # the same scale: the same largest value
    info["sentences"] = {"dtype": "int8", "scale": scale}

    def sentences(path: Path) -> None:
        np.save(path, codes if sentence_rows is None else codes[sentence_rows], allow_pickle=False)

    writers = {CHUNK_VECTORS: chunks, SENTENCE_VECTORS: sentences}
    params = ann_plan(len(chunk_matrix), ann_min_chunks)
    if params is not None:
        info["ann"] = params

        def approximate(path: Path) -> None:
            faiss.write_index(ann.build(chunk_matrix, params), str(path))

        writers[ANN_VECTORS] = approximate
    return writers, info


def open_chunk_index(version_dir: Path):
    """``chunks.faiss`` of a format-2 version, memory-mapped (its checksum verified first)."""
    import faiss

    return faiss.read_index(str(Path(version_dir) / CHUNK_VECTORS), faiss.IO_FLAG_MMAP_IFC)


def open_ann_index(version_dir: Path, params: dict):
    import faiss

    from indexer import ann

    # IVF: the inverted lists are memory-mapped in place (``IO_FLAG_MMAP_IFC``, read only), so
    # only the cells a query scans are resident. ``IO_FLAG_MMAP`` maps them too but made a query
    # at 100k chunks (nprobe 256) take 2.9 ms instead of 1.7; the HNSW graph is read into memory.
    flags = faiss.IO_FLAG_MMAP_IFC if params.get("kind", "ivf-sq8").startswith("ivf") else 0
    index = faiss.read_index(str(Path(version_dir) / ANN_VECTORS), flags)
    ann.set_search_params(index, params)
    return index


def read_faiss(version_dir: Path):
    import faiss

    return faiss.read_index(str(Path(version_dir) / CHUNK_VECTORS))


def faiss_contents(index) -> tuple[np.ndarray, np.ndarray]:
    """(ids, vectors) of an IndexIDMap2 over a flat index (format 1), in insertion order."""
    import faiss

    ids = faiss.vector_to_array(index.id_map).astype(np.int64)
    vectors = index.index.reconstruct_n(0, index.ntotal) if index.ntotal else \
        np.zeros((0, index.d), np.float32)
    return ids, vectors


def chunk_matrix(index) -> np.ndarray:
    """Every vector of a format-2 ``chunks.faiss`` as float32, in row order."""
    return index.reconstruct_n(0, index.ntotal) if index.ntotal else np.zeros((0, index.d), np.float32)


def read_chunk_vectors(version_dir: Path, format_version: int = 2) -> np.ndarray:
    """Chunk vectors in chunk-record order (float32), from a format-1 or format-2 ``chunks.faiss``."""
    if format_version == 1:
        return faiss_contents(read_faiss(version_dir))[1]
    return chunk_matrix(open_chunk_index(version_dir))


def quantize_sentences(matrix: np.ndarray) -> tuple[np.ndarray, float]:
    """Sentence vectors as int8 codes and the one scale that decodes them (``codes * scale``).

    Sentence vectors are the largest file of an index (several per chunk) and only rank the
    sentences of pooled chunks, so one byte a dimension is enough: the scale is the largest
    component of the file over 127, so nothing is clipped, and a decoded cosine differs from the
    float32 one by about 0.0005 (e5's unit vectors have components below ~0.2)."""
    matrix = np.asarray(matrix, dtype=np.float32)
    top = float(np.abs(matrix).max()) if matrix.size else 0.0
    scale = (top / 127.0) if top > 0 else 1.0 / 127.0
    return np.clip(np.rint(matrix / scale), -127, 127).astype(np.int8), scale


class SentenceVectors:
    """The rows of ``sentence_vectors.npy`` (int8 codes and their scale, or float16/float32 as
    earlier index versions wrote them), read as float32 unit vectors one selection at a time,
    from an array or, in the server, from the file by offset (:meth:`rows`)."""

    def __init__(self, array: np.ndarray, scale: float | None = None, path: Path | None = None) -> None:
        if array.dtype == np.int8:
            if not isinstance(scale, (int, float)) or not 0 < scale <= 1:
                raise ValueError("int8 sentence vectors without a valid scale in the manifest")
        elif array.dtype not in (np.float16, np.float32) or scale is not None:
            raise ValueError(f"sentence vectors of dtype {array.dtype} (int8, float16 or float32 expected)")
        self.array, self.scale = array, scale
        self._blob = self._offset = None
        if path is not None and isinstance(array, np.memmap) and array.flags.c_contiguous:
            from indexer.store import Blob

            self._blob, self._offset = Blob(path), int(array.offset)

    @property
    def shape(self) -> tuple[int, ...]:
        return self.array.shape

    def __len__(self) -> int:
        return len(self.array)

    def __getitem__(self, rows) -> np.ndarray:
        return _unit(np.array(self.array[rows], dtype=np.float32))

    def rows(self, first: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """The rows ``first[i] .. first[i] + counts[i]`` of every ``i``, one after the other:
        one ``pread`` per run instead of mapped pages (see ``indexer.store.Blob``)."""
        if self._blob is None:
            starts = np.repeat(first - np.cumsum(counts) + counts, counts)
            return self[starts + np.arange(counts.sum())]
        width = self.array.shape[1] * self.array.dtype.itemsize
        parts = [self._blob.read(self._offset + a * width, n * width)
                 for a, n in zip(first.tolist(), counts.tolist()) if n]
        out = np.frombuffer(b"".join(parts), dtype=self.array.dtype).reshape(-1, self.array.shape[1])
        return _unit(out.astype(np.float32))


def _unit(rows: np.ndarray) -> np.ndarray:
    """Rows at unit length again (codes round each component): cosines stay cosines."""
    norms = np.linalg.norm(rows, axis=-1, keepdims=True)
    return rows / np.maximum(norms, np.float32(1e-12))


def open_sentence_vectors(version_dir: Path, dense: dict, mmap: bool = True) -> SentenceVectors:
    """``sentence_vectors.npy`` of a version whose manifest records ``dense`` (memory-mapped for
    its shape, read by offset)."""
    path = Path(version_dir) / SENTENCE_VECTORS
    array = np.load(path, mmap_mode="r" if mmap else None, allow_pickle=False)
    about = dense.get("sentences") or {}
    return SentenceVectors(array, about.get("scale") if array.dtype == np.int8 else None,
                           path if mmap else None)


def read_sentence_vectors(version_dir: Path, dense: dict | None = None) -> np.ndarray:
    """Every sentence vector of a version as float32, for the builder (``dense``: the manifest's
    entry, read from the version when not given)."""
    if dense is None:
        from indexer import index_files

        dense = index_files.read_manifest(Path(version_dir)).get("dense")
    vectors = open_sentence_vectors(version_dir, dense or {}, mmap=False)
    return vectors[:]


def read_vectors(version_dir: Path, format_version: int = 2, dense: dict | None = None
                 ) -> tuple[np.ndarray, np.ndarray]:
    """(chunk vectors in chunk-record order, sentence vectors), both float32, for the builder."""
    return read_chunk_vectors(version_dir, format_version), read_sentence_vectors(version_dir, dense)
