"""Whether a text holds an expression of a kind of answer: a duration, a date, a number.

"How long does the MoU last" / "มีอายุกี่ปี" asks for a duration, "when" / "เมื่อไร" for a
date, "how many" / "กี่" for a number (``search_api.answer_types`` reads the question). A
passage holding an expression of the asked-for kind is more likely to answer. The test is a
regular expression over the normalised text, tens of microseconds a chunk: the builder runs it
once per chunk and stores one bit per kind (``store_kinds.npy``, :func:`chunk_kinds`), so a
search reads the bits of its candidates instead of testing ~200 texts a question.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np

from indexer.dates import ENGLISH_MONTHS, THAI_MONTHS
from indexer.textnorm import normalize_for_match

_NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                 "หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ")
NUMBER = rf"(?:\d+(?:[.,]\d+)?|{_NUMBER_WORDS})"
# longest first (a month's short form is a prefix of its long one); then by text, so that the
# pattern, and the fingerprint below, are the same in every process (set order is not)
_MONTHS = "|".join(sorted({normalize_for_match(m) for m in list(THAI_MONTHS) + list(ENGLISH_MONTHS)},
                          key=lambda m: (-len(m), m)))
ANSWER_PATTERNS: dict[str, re.Pattern] = {
    "duration": re.compile(rf"{NUMBER}\s*(?:years?|months?|weeks?|days?|ปี|เดือน|สัปดาห์|วัน)(?![ก-๙])|"
                           rf"(?:years?|ปี)\s*{NUMBER}"),
    "date": re.compile(rf"\b(?:1[5-9]|2[0-6])\d\d\b|\d{{1,2}}\s*(?:{_MONTHS})|(?:{_MONTHS})\s*\d"),
    "count": re.compile(rf"{NUMBER}"),
}
KINDS = tuple(ANSWER_PATTERNS)                       # bit i of a chunk's byte: KINDS[i]
# Names the patterns: an index whose bits were made by other patterns has them made again.
KINDS_FINGERPRINT = hashlib.sha256(
    "\n".join(f"{k}={p.pattern}" for k, p in ANSWER_PATTERNS.items()).encode("utf-8")).hexdigest()[:16]


# a count may name what it counts: "กี่คน" asks for "287 คน", not for the "1 พ.ค." of the same
# sentence. Such a kind is written "count:<unit>|<unit>" (``search_api.answer_types.answer_kind``);
# its expressions are a number, its magnitude words and one of the units
UNIT_SEPARATOR = ":"
_MAGNITUDE = r"(?:\s*(?:พันล้าน|หมื่น|แสน|ล้าน|พัน|thousand|million|billion))*"


def base_kind(kind: str) -> str:
    """The kind of ``kind`` without its units ("count:คน" -> "count"): the index's bits are per base kind."""
    return kind.split(UNIT_SEPARATOR, 1)[0]


@lru_cache(maxsize=1024)
def kind_pattern(kind: str) -> re.Pattern:
    """The expressions of ``kind``: ``ANSWER_PATTERNS`` of a base kind; of a count with units, a
    number followed by one of them ("287 คน", "3 แสนราย", "14 ล้านคน", "4,000 ดอลลาร์"), or
    preceded by one written "^word" (an ordinal: "ครั้งที่ 87", "องค์ที่ 22")."""
    base, _, units = kind.partition(UNIT_SEPARATOR)
    if not units:
        return ANSWER_PATTERNS[base]
    def alternatives(words) -> str:
        forms = sorted({normalize_for_match(w, reorder_marks=False).lower() for w in words if w.strip()},
                       key=lambda w: (-len(w), w))
        return "|".join(map(re.escape, forms))

    parts = [u for u in units.split("|") if u.strip()]
    after = alternatives(u for u in parts if not u.startswith("^"))
    before = alternatives(u[1:] for u in parts if u.startswith("^"))
    patterns = ([rf"{NUMBER}{_MAGNITUDE}\s*(?:{after})"] if after else []) + \
        ([rf"(?:{before})\s*(?:{NUMBER}|แรก|สุดท้าย|first|last)"] if before else [])
    return re.compile("|".join(patterns)) if patterns else ANSWER_PATTERNS[base]


def has_answer(kind: str | None, text: str) -> bool:
    """Whether ``text`` contains an expression of the kind ``kind`` asks for."""
    if kind is None:
        return False
    return kind_pattern(kind).search(normalize_for_match(text, reorder_marks=False)) is not None


def kind_bits(text: str) -> int:
    """The kinds ``text`` holds an answer of, one bit each (``KINDS`` order)."""
    key = normalize_for_match(text, reorder_marks=False)
    return sum(1 << i for i, kind in enumerate(KINDS) if ANSWER_PATTERNS[kind].search(key))


def kind_bit(kind: str) -> int:
    return 1 << KINDS.index(base_kind(kind))


def chunk_kinds(texts) -> np.ndarray:
    """``kind_bits`` of every text, as the store's column."""
    return np.fromiter((kind_bits(t) for t in texts), dtype=np.uint8)
