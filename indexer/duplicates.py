"""Near-duplicate documents: the same news released several times, grouped at index time.

Each document's text becomes a set of character 9-gram shingles over its matching key
(NFKC, case folded, without white space or invisible characters, so Thai with or without
spaces and no-break spaces compare alike), hashed to 64 bits. A bottom-k MinHash sketch
(the ``SKETCH`` smallest hashes) stands for the set: the Jaccard similarity of two documents is estimated from the smallest
``SKETCH`` hashes of the union of their sketches. Candidate pairs are the documents that share
three of their 16 smallest hashes (an inverted index, so a corpus is not compared pair by
pair); documents whose estimated Jaccard is at least ``THRESHOLD`` are linked, and linked documents form one group
(connected components). A group's id is its smallest doc id, so it does not depend on build
order. Only the documents' texts matter: a cabinet summary that contains a whole release among
twenty other topics has a low Jaccard with that release and stays its own document.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

import numpy as np

VERSION = 1
SHINGLE_CHARS = 9
SKETCH = 256
THRESHOLD = 0.8
MAX_POSTING = 50     # sketch values shared by more documents do not make candidates
CANDIDATE_VALUES = 16
MIN_SHARED = 3
_MULT = np.uint64(0x100000001B3)
_SKIPPED = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+")


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: rolling hashes become uniformly spread 64-bit values."""
    with np.errstate(over="ignore"):
        h = (h ^ (h >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        h = (h ^ (h >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return h ^ (h >> np.uint64(31))


def _shingles(text: str) -> np.ndarray:
    """The hashed character shingles of ``text`` (uint64, repeats included)."""
    key = _SKIPPED.sub("", unicodedata.normalize("NFKC", text).casefold())
    codes = np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = min(SHINGLE_CHARS, len(codes))
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    h = np.zeros(len(codes) - n + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(n):
            h = h * _MULT + codes[j:len(codes) - n + 1 + j]
    return _mix(h)


def shingle_hashes(text: str) -> np.ndarray:
    """The distinct hashed character shingles of ``text``, sorted (uint64)."""
    return np.unique(_shingles(text))


def sketch(text: str) -> np.ndarray:
    """Bottom-k MinHash sketch: the ``SKETCH`` smallest distinct shingle hashes, sorted."""
    h = _shingles(text)
    if len(h) > 4 * SKETCH:  # a partial sort; repeats among the smallest are rare
        h = np.partition(h, 4 * SKETCH)[:4 * SKETCH]
    return np.unique(h)[:SKETCH]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two documents from their sketches."""
    if len(a) == 0 or len(b) == 0:
        return 0.0
    union = np.union1d(a, b)[:SKETCH]
    both = np.intersect1d(a, b, assume_unique=True)
    return float(np.isin(union, both, assume_unique=True).sum()) / len(union)


def group_documents(texts: dict[str, str], threshold: float = THRESHOLD) -> dict[str, str]:
    """doc id -> group id (the smallest doc id of its group; a document alone is its own group)."""
    ids = sorted(texts)
    sketches = [sketch(texts[d]) for d in ids]
    # Candidates share one of their CANDIDATE_VALUES smallest hashes: each of the union's
    # smallest hashes is in both sketches with probability J, so a pair with J >= 0.8 shares
    # none of the first 16 with probability 0.2 ** 16 (about 7e-12) and fewer than MIN_SHARED = 3
    # with probability about 1e-8; pairs that share one or two (boilerplate) are not compared.
    postings: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(sketches):
        for value in s[:CANDIDATE_VALUES].tolist():
            postings[value].append(i)
    parent = list(range(len(ids)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    shared: dict[tuple[int, int], int] = defaultdict(int)
    for docs in postings.values():
        if 1 < len(docs) <= MAX_POSTING:  # a value in many documents is boilerplate
            for x in range(len(docs)):
                for y in range(x + 1, len(docs)):
                    shared[(docs[x], docs[y])] += 1
    for (i, j), count in sorted(shared.items()):
        if count >= MIN_SHARED and root(i) != root(j) \
                and similarity(sketches[i], sketches[j]) >= threshold:
            parent[root(j)] = root(i)
    members: dict[int, list[str]] = defaultdict(list)
    for i, d in enumerate(ids):
        members[root(i)].append(d)
    return {d: min(group) for group in members.values() for d in group}
