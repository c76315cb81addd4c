"""The encoder interface: one method to implement, and the input cap every backend gets."""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Literal, Sequence

import numpy as np

Kind = Literal["query", "passage"]

# A text is first cut to this many characters per token of the window: no tokenizer here
# makes tokens longer than 16 characters (e5's longest piece), so nothing that fits the window
# is lost, and counting tokens never runs over a megabyte title.
MAX_CHARS_PER_TOKEN = 16


class Encoder(ABC):
    """Turns texts into L2-normalised float32 vectors of ``dim`` dimensions.

    ``name`` is what the index manifest records and what the searcher must be configured with;
    ``options`` are the settings that change vectors (prefixes) and are recorded beside it.
    ``max_tokens`` is the model's window in tokens (special tokens and prefix included).

    Backends implement ``embed_batch``; callers use ``encode``, which first cuts every text to
    the window (``fit``), so that no backend can be handed a text that costs more than one
    window, whatever its length or the characters it is made of.
    """

    name: str
    dim: int
    options: dict = {}
    max_tokens: int = 512

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if "encode" in cls.__dict__:
            raise TypeError(f"{cls.__name__} overrides Encoder.encode: implement embed_batch "
                            "instead (encode cuts inputs to the model's window first)")

    def encode(self, texts: Sequence[str], kind: Kind) -> np.ndarray:
        """Vectors for ``texts``, shape (len(texts), dim), float32, unit length."""
        texts = [self.fit(t, kind) for t in texts]
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return unit_rows(self.embed_batch(texts, kind))

    @abstractmethod
    def embed_batch(self, texts: list[str], kind: Kind) -> np.ndarray:
        """Vectors for non-empty ``texts`` that already fit the window, one row per text."""

    def count_tokens(self, text: str, kind: Kind = "passage") -> int:
        """Tokens the model would see for ``text``; a rough estimate unless overridden."""
        return max(1, len(text) // 3)

    def fit(self, text: str, kind: Kind) -> str:
        """``text``, or its longest prefix found whose token count fits ``max_tokens``."""
        text = text[:self.max_tokens * MAX_CHARS_PER_TOKEN]
        if self.count_tokens(text, kind) <= self.max_tokens:
            return text
        lo, hi = 0, len(text)  # text[:lo] fits (an empty text always does), text[:hi] does not
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self.count_tokens(text[:mid], kind) <= self.max_tokens:
                lo = mid
            else:
                hi = mid
        return text[:lo]


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    vectors = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)
