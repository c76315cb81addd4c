"""The encoder interface: one method to implement."""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Literal, Sequence

import numpy as np

Kind = Literal["query", "passage"]


class Encoder(ABC):
    """Turns texts into L2-normalised float32 vectors of ``dim`` dimensions.

    ``name`` is what the index manifest records and what the searcher must be configured with;
    ``options`` are the settings that change vectors (prefixes) and are recorded beside it.
    """

    name: str
    dim: int
    options: dict = {}

    @abstractmethod
    def encode(self, texts: Sequence[str], kind: Kind) -> np.ndarray:
        """Vectors for ``texts``, shape (len(texts), dim), float32, unit length."""

    def count_tokens(self, text: str) -> int:
        """Tokens the model would see for ``text``; a rough estimate unless overridden."""
        return max(1, len(text) // 3)


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)
