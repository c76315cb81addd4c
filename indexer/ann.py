"""The approximate chunk index used past ``ann_min_chunks`` chunks: FAISS IVF with 8-bit codes.

An inverted file of ``nlist`` k-means cells (about 4·sqrt(N)), each vector stored as one byte a
dimension (a quarter of float32); a query scans the ``nprobe`` nearest cells. The searcher asks
it for its candidate pool and then scores the pooled chunks with their exact (float16) vectors,
so the approximation only decides which chunks are pooled. ``eval/bench_scale.py`` measures
recall@10 against exact search and picks the default ``nprobe``.

HNSW was not chosen: it cannot remove ids, needs ~2x the memory of the vectors for its graph
at 32 links, and took far longer to build on 2 cores; IVF trains on a sample in seconds.
Rebuilt from the stored vectors at every build, so deleted documents leave nothing behind.
"""
from __future__ import annotations

import math

import numpy as np

NPROBE = 48          # cells scanned per query (bench_scale: recall@10 >= 0.98 on its data)
TRAIN_PER_CELL = 40  # k-means sample: this many vectors per cell (FAISS warns under 39)


def params_for(n: int) -> dict:
    nlist = int(2 ** round(math.log2(4 * math.sqrt(max(n, 1)))))
    nlist = max(1, min(nlist, n // TRAIN_PER_CELL))  # k-means needs points in every cell
    return {"kind": "ivf-sq8", "nlist": nlist, "nprobe": min(NPROBE, nlist)}


def build(vectors: np.ndarray, params: dict, seed: int = 0):
    import faiss

    dim = vectors.shape[1]
    quantizer = faiss.IndexFlatIP(dim)
    index = faiss.IndexIVFScalarQuantizer(quantizer, dim, params["nlist"], faiss.ScalarQuantizer.QT_8bit,
                                          faiss.METRIC_INNER_PRODUCT)
    rng = np.random.default_rng(seed)
    n_train = min(len(vectors), params["nlist"] * TRAIN_PER_CELL)
    sample = np.sort(rng.choice(len(vectors), n_train, replace=False))
    index.cp.seed = seed
    index.train(np.ascontiguousarray(vectors[sample], dtype=np.float32))
    for i in range(0, len(vectors), 65536):  # ids are rows, in order
        index.add(np.ascontiguousarray(vectors[i:i + 65536], dtype=np.float32))
    set_search_params(index, params)
    return index


def set_search_params(index, params: dict) -> None:
    index.nprobe = int(params.get("nprobe", NPROBE))
