"""The approximate chunk index used past ``ann_min_chunks`` chunks (FAISS), chosen by size.

The searcher asks it for twice its candidate pool and scores those chunks with their exact
(float16) vectors, so the approximation only decides which chunks are pooled. Kinds:

    ivf-sq8   inverted file of ``nlist`` k-means cells, one byte a dimension; scans ``nprobe`` cells
    ivf-pq    the same cells, ``m`` bytes a vector (product quantisation)
    hnsw-sq8  HNSW graph of ``M`` links a node over one-byte codes; visits ``ef`` candidates
    hnsw-flat the same graph over float32 vectors

``eval/bench_scale.py ann`` measures recall@10 of the searcher's procedure against exact search
on a million vectors grown from real e5 vectors of iApp and thaigov text, for each kind and
setting (``eval/reports/scale.md``); ``params_for`` holds what it chose. Rebuilt from the
stored vectors at every build (HNSW cannot remove ids), so deleted documents leave nothing.
"""
from __future__ import annotations

import math

import numpy as np

NPROBE = 256         # cells scanned per query (scale.md: recall@10 >= 0.99 from 100k to 1M)
EF_SEARCH = 128      # default HNSW candidate list
TRAIN_PER_CELL = 40  # k-means sample: this many vectors per cell (FAISS warns under 39)
KINDS = ("ivf-sq8", "ivf-pq", "hnsw-sq8", "hnsw-flat")


def ivf_cells(n: int) -> int:
    """At least 4·sqrt(n) cells, a power of two (2,048 at 100k, 4,096 at 1M), with enough
    vectors to train every cell. At 100k, 2,048 cells scanned 256 at a time find 0.991 of the
    exact top 10 in 1.3 ms, 1,024 cells 0.995 in 2.2 ms (``eval/reports/scale.md``)."""
    nlist = int(2 ** math.ceil(math.log2(4 * math.sqrt(max(n, 1)))))
    return max(1, min(nlist, n // TRAIN_PER_CELL))


def params_for(n: int) -> dict:
    """The approximate index for ``n`` chunks (the choice ``eval/reports/scale.md`` explains)."""
    nlist = ivf_cells(n)
    return {"kind": "ivf-sq8", "nlist": nlist, "nprobe": min(NPROBE, nlist)}


def parse_spec(spec: str, n: int) -> dict:
    """``kind[:a[:b]]`` as in the benchmark: ``ivf-sq8:4096``, ``ivf-pq:4096:48``, ``hnsw-sq8:32``."""
    kind, *values = spec.split(":")
    if kind not in KINDS:
        raise ValueError(f"unknown approximate index {kind!r}: use one of {', '.join(KINDS)}")
    if kind.startswith("ivf"):
        params = {"kind": kind, "nlist": int(values[0]) if values else ivf_cells(n), "nprobe": NPROBE}
        if kind == "ivf-pq":
            params["m"] = int(values[1]) if len(values) > 1 else 48
        return params
    return {"kind": kind, "M": int(values[0]) if values else 32, "ef_construction": 40, "ef": EF_SEARCH}


def search_values(params: dict, args) -> list[dict]:
    """The search-time settings the benchmark tries for ``params`` (``--nprobe``, ``--ef``)."""
    if params["kind"].startswith("ivf"):
        return [{"nprobe": int(x)} for x in args.nprobe.split(",") if int(x) <= params["nlist"]]
    return [{"ef": int(x)} for x in args.ef.split(",")]


def build(vectors: np.ndarray, params: dict, seed: int = 0):
    """The index of ``params`` over ``vectors`` (rows in chunk order are its ids)."""
    import faiss

    dim, kind = vectors.shape[1], params["kind"]
    metric = faiss.METRIC_INNER_PRODUCT
    if kind.startswith("hnsw"):
        if kind == "hnsw-flat":
            index = faiss.IndexHNSWFlat(dim, int(params["M"]), metric)
        else:
            index = faiss.IndexHNSWSQ(dim, faiss.ScalarQuantizer.QT_8bit, int(params["M"]), metric)
        index.hnsw.efConstruction = int(params.get("ef_construction", 40))
    else:
        quantizer = faiss.IndexFlatIP(dim)
        if kind == "ivf-pq":
            index = faiss.IndexIVFPQ(quantizer, dim, int(params["nlist"]), int(params["m"]), 8, metric)
        else:
            index = faiss.IndexIVFScalarQuantizer(quantizer, dim, int(params["nlist"]),
                                                  faiss.ScalarQuantizer.QT_8bit, metric)
        index.cp.seed = seed
    if not index.is_trained:
        rng = np.random.default_rng(seed)
        if kind == "ivf-pq":    # the 256 codes of every sub-quantizer are trained too
            n_train = min(len(vectors), max(int(params["nlist"]), 256) * TRAIN_PER_CELL)
        else:
            n_train = min(len(vectors), int(params["nlist"]) * TRAIN_PER_CELL if "nlist" in params else 100_000)
        sample = np.sort(rng.choice(len(vectors), n_train, replace=False))
        index.train(np.ascontiguousarray(vectors[sample], dtype=np.float32))
    for i in range(0, len(vectors), 65536):  # ids are rows, in order
        index.add(np.ascontiguousarray(vectors[i:i + 65536], dtype=np.float32))
    set_search_params(index, params)
    return index


def set_search_params(index, params: dict) -> None:
    """Apply the search-time setting of ``params`` to an index read from disk or just built."""
    import faiss

    if params.get("kind", "ivf-sq8").startswith("hnsw"):
        faiss.downcast_index(index).hnsw.efSearch = int(params.get("ef", EF_SEARCH))
    else:
        faiss.extract_index_ivf(index).nprobe = int(params.get("nprobe", NPROBE))
