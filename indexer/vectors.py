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


def write_vectors(chunk_matrix: np.ndarray, sentence_matrix: np.ndarray, ann_min_chunks: int) -> tuple[dict, dict]:
    """(file writers, what the manifest records about the dense index)."""
    import faiss

    from indexer import ann

    info = {"exact": "fp16", "ann": None}

    def chunks(path: Path) -> None:
        faiss.write_index(exact_index(chunk_matrix), str(path))

    def sentences(path: Path) -> None:
        np.save(path, sentence_matrix.astype(np.float16), allow_pickle=False)

    writers = {CHUNK_VECTORS: chunks, SENTENCE_VECTORS: sentences}
    if len(chunk_matrix) >= ann_min_chunks > 0:
        params = ann.params_for(len(chunk_matrix))
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

    # IVF: the inverted lists are memory-mapped (read only), so only the cells a query scans
    # are resident; the HNSW graph is read into memory.
    flags = faiss.IO_FLAG_MMAP if params.get("kind", "ivf-sq8").startswith("ivf") else 0
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


def read_sentence_vectors(version_dir: Path) -> np.ndarray:
    return np.load(Path(version_dir) / SENTENCE_VECTORS, allow_pickle=False)


def read_vectors(version_dir: Path, format_version: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """(chunk vectors in chunk-record order, sentence vectors as float16), for the builder."""
    return read_chunk_vectors(version_dir, format_version), read_sentence_vectors(version_dir)
