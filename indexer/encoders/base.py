"""The encoder interface: one method to implement, and the input cap every backend gets."""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Callable, Literal, Sequence

import numpy as np

Kind = Literal["query", "passage"]
Span = tuple[int, int]  # character offsets into a text

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

    def encode_later(self, texts: Sequence[str], kind: Kind) -> Callable[[], np.ndarray]:
        """``encode(texts, kind)`` as a function to call later, on another thread. A backend
        whose model runs outside the GIL does now what needs the interpreter (cutting and
        tokenizing), so that the function it returns spends its time outside it."""
        texts = list(texts)
        return lambda: self.encode(texts, kind)

    @abstractmethod
    def embed_batch(self, texts: list[str], kind: Kind) -> np.ndarray:
        """Vectors for non-empty ``texts`` that already fit the window, one row per text."""

    # True when ``embed_spans`` works: the backend exposes its token states and their offsets.
    pools_spans: bool = False

    def embed_spans(self, texts: Sequence[str], spans: Sequence[Sequence[Span]],
                    kind: Kind = "passage") -> tuple[np.ndarray, list[list[np.ndarray | None]]]:
        """``encode(texts, kind)`` and, from the same pass, a vector for each character span of
        each text: the mean of the last layer's states of the tokens that overlap the span, unit
        length ("late chunking": the span is embedded in the context of its whole text). A span
        that the window cut, or that no token covers, gets ``None``."""
        texts = [self.fit(t, kind) for t in texts]
        if not texts:
            return np.zeros((0, self.dim), np.float32), []
        vectors, pooled = self.embed_spans_batch(texts, [list(s) for s in spans], kind)
        return unit_rows(vectors), pooled

    def embed_spans_batch(self, texts: list[str], spans: list[list[Span]], kind: Kind
                          ) -> tuple[np.ndarray, list[list[np.ndarray | None]]]:
        raise NotImplementedError(f"{self.name} does not expose token states")

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


def span_means(states: np.ndarray, lo: np.ndarray, hi: np.ndarray, spans: Sequence[Span],
               text_chars: int, cut: bool) -> list[np.ndarray | None]:
    """Unit mean of the rows of ``states`` [T, H] whose characters ``lo[t]:hi[t]`` (-1: none)
    overlap each span; ``None`` for a span no token covers or, when the text was ``cut`` to the
    window, one that runs past the last kept token (``text_chars``: characters kept)."""
    covered = lo >= 0
    last = int(hi[covered].max()) if covered.any() else 0
    out: list[np.ndarray | None] = []
    for a, b in spans:
        if b > text_chars or (cut and b > last):
            out.append(None)
            continue
        take = covered & (lo < b) & (hi > a)
        if not take.any():
            out.append(None)
            continue
        mean = states[take].astype(np.float64).mean(axis=0)
        out.append(unit_rows(mean.astype(np.float32))[0])
    return out
