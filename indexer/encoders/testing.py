"""A deterministic hashing encoder for tests that run the real command in a subprocess.

Only available when ``MOU_SEARCH_TEST_ENCODERS=1`` is set, so that nobody builds a production
index with it by mistake. Same idea as the ``fake_encoder`` fixture of ``tests/conftest.py``:
character trigrams hashed into 32 dimensions. It understands nothing.
"""
from __future__ import annotations

import hashlib
import numpy as np

from indexer.encoders.base import Encoder, Kind, unit_rows

ENV = "MOU_SEARCH_TEST_ENCODERS"
NAME = "test-trigram-32"


class TrigramTestEncoder(Encoder):
    name = NAME
    dim = 32

    def embed_batch(self, texts: list[str], kind: Kind) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), np.float32)
        for i, text in enumerate(texts):
            for j in range(max(1, len(text) - 2)):
                h = hashlib.blake2b(text[j:j + 3].encode(), digest_size=4).digest()
                out[i, int.from_bytes(h, "big") % self.dim] += 1.0
        out[:, 0] += 1e-3
        return unit_rows(out)
