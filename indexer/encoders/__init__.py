"""Encoders, chosen by name: ``e5-small-q4`` (default) or ``sentence-transformers:<model>``."""
from __future__ import annotations

import os

from indexer.encoders.base import Encoder

DEFAULT_ENCODER = "e5-small-q4"


def get_encoder(name: str = DEFAULT_ENCODER, **options) -> Encoder:
    """The encoder called ``name``; ``options`` (prefixes) apply to sentence-transformers."""
    if name == DEFAULT_ENCODER:
        from indexer.encoders.e5 import E5SmallQ4

        return E5SmallQ4()
    if name == "test-trigram-32" and os.environ.get("MOU_SEARCH_TEST_ENCODERS") == "1":
        from indexer.encoders.testing import TrigramTestEncoder

        return TrigramTestEncoder()
    from indexer.encoders.sentence_transformers import PREFIX, SentenceTransformerEncoder

    if name.startswith(PREFIX) and len(name) > len(PREFIX):
        return SentenceTransformerEncoder(name[len(PREFIX):], **options)
    raise ValueError(f"unknown encoder {name!r}: use {DEFAULT_ENCODER!r} or "
                     f"'{PREFIX}<model name or local directory>'")
