"""Dense vectors on disk: a FAISS inner-product index with stable ids, and sentence vectors.

FAISS sizes read from a file drive allocations, so a file is only handed to FAISS after the
manifest checksum has been verified (see ``index_files.read_manifest``).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

CHUNK_VECTORS = "chunks.faiss"
SENTENCE_VECTORS = "sentence_vectors.npy"


def write_vectors(ids: np.ndarray, chunk_matrix: np.ndarray, sentence_matrix: np.ndarray) -> dict:
    import faiss

    def chunks(path: Path) -> None:
        index = faiss.IndexIDMap2(faiss.IndexFlatIP(chunk_matrix.shape[1]))
        if len(ids):
            index.add_with_ids(np.ascontiguousarray(chunk_matrix), ids)
        faiss.write_index(index, str(path))

    def sentences(path: Path) -> None:
        np.save(path, sentence_matrix, allow_pickle=False)

    return {CHUNK_VECTORS: chunks, SENTENCE_VECTORS: sentences}


def read_faiss(version_dir: Path):
    import faiss

    return faiss.read_index(str(Path(version_dir) / CHUNK_VECTORS))


def faiss_contents(index) -> tuple[np.ndarray, np.ndarray]:
    """(ids, vectors) of an IndexIDMap2 over a flat index, in insertion order."""
    import faiss

    ids = faiss.vector_to_array(index.id_map).astype(np.int64)
    vectors = index.index.reconstruct_n(0, index.ntotal) if index.ntotal else \
        np.zeros((0, index.d), np.float32)
    return ids, vectors


def read_vectors(version_dir: Path) -> tuple[np.ndarray, np.ndarray]:
    """(chunk vectors in chunk-record order, sentence vectors as float16)."""
    _, chunk_vectors = faiss_contents(read_faiss(version_dir))
    sentences = np.load(Path(version_dir) / SENTENCE_VECTORS, allow_pickle=False)
    return chunk_vectors, sentences
