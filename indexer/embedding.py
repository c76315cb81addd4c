"""The one entry point that turns many texts into vectors: ``embed_texts(encoder, texts, kind)``.

Texts are sorted by token count, embedded in batches of similar length (little padding), and
the vectors come back in the order of ``texts``. A text's vector does not depend on the batch
it lands in beyond float noise (cosine >= 0.9999, ``tests/test_engine.py``), so callers that
split the work differently (a Ray cluster, say) get the same index.
"""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from indexer.encoders.base import Encoder, Kind

BATCH_TEXTS = 64        # texts per encoder call (ORT with 2 threads: flat from 32 to 128)
BATCH_TOKENS = 16384    # and at most this many tokens, so long texts go in smaller batches


def length_batches(counts: Sequence[int], max_texts: int = BATCH_TEXTS,
                   max_tokens: int = BATCH_TOKENS) -> list[list[int]]:
    """Positions of ``counts`` grouped shortest first into batches within both limits."""
    order = sorted(range(len(counts)), key=lambda i: (counts[i], i))
    batches: list[list[int]] = []
    tokens = 0
    for i in order:
        if batches and len(batches[-1]) < max_texts and tokens + counts[i] <= max_tokens:
            batches[-1].append(i)
            tokens += counts[i]
        else:
            batches.append([i])
            tokens = counts[i]
    return batches


def embed_texts(encoder: Encoder, texts: Sequence[str], kind: Kind = "passage", *,
                on_batch: Callable[[int, int], None] | None = None) -> np.ndarray:
    """float32 vectors (len(texts), dim) in the order of ``texts``.

    ``on_batch(texts, tokens)`` is called after each batch (progress, counters).
    """
    out = np.zeros((len(texts), encoder.dim), np.float32)
    counts = [min(encoder.count_tokens(t, kind), encoder.max_tokens) for t in texts]
    for batch in length_batches(counts):
        out[batch] = encoder.encode([texts[i] for i in batch], kind)
        if on_batch is not None:
            on_batch(len(batch), sum(counts[i] for i in batch))
    return out
