"""What kind of answer a question asks for, and whether a text contains one.

"How long does the MoU last" / "มีอายุกี่ปี" asks for a duration, "when" / "เมื่อไร" for a
date, "how many" / "กี่" for a number. A passage or sentence holding an expression of the
asked-for kind is more likely to answer; ranking and answer-sentence choice give it a small
bonus. Questions of no recognised kind get no bonus at all.
"""
from __future__ import annotations

import re

from indexer.dates import ENGLISH_MONTHS, THAI_MONTHS
from indexer.textnorm import normalize_for_match

_NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                 "หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ")
_NUMBER = rf"(?:\d+(?:[.,]\d+)?|{_NUMBER_WORDS})"

QUESTION_KINDS: dict[str, re.Pattern] = {
    "duration": re.compile(r"how long|how many (?:years|months|days)|duration|\blast(?:s|ing)?\b|"
                           r"(?:what|which) (?:period|length of time)|"
                           r"valid for|กี่ปี|กี่เดือน|กี่วัน|นานเท่า|นานแค่|นานไหม|ระยะเวลา|อายุ"),
    "date": re.compile(r"\bwhen\b|what date|which date|what year|which year|what day|"
                       r"เมื่อไร|เมื่อไหร่|เมื่อใด|วันที่เท่า|วันไหน|วันใด|ปีใด|ปีไหน|ปีอะไร|พ\.ศ\.ใด|ค\.ศ\.ใด"),
    "count": re.compile(r"how many|how much|number of|จำนวนเท่า|กี่|เท่าไร|เท่าไหร่"),
}
_MONTHS = "|".join(sorted({normalize_for_match(m) for m in list(THAI_MONTHS) + list(ENGLISH_MONTHS)},
                          key=len, reverse=True))
ANSWER_PATTERNS: dict[str, re.Pattern] = {
    "duration": re.compile(rf"{_NUMBER}\s*(?:years?|months?|weeks?|days?|ปี|เดือน|สัปดาห์|วัน)(?![ก-๙])|"
                           rf"(?:years?|ปี)\s*{_NUMBER}"),
    "date": re.compile(rf"\b(?:1[5-9]|2[0-6])\d\d\b|\d{{1,2}}\s*(?:{_MONTHS})|(?:{_MONTHS})\s*\d"),
    "count": re.compile(rf"{_NUMBER}"),
}


def question_kind(query: str) -> str | None:
    """The kind of answer ``query`` asks for, or None; duration wins over date over count."""
    norm = normalize_for_match(query)
    for kind, pattern in QUESTION_KINDS.items():
        if pattern.search(norm):
            return kind
    return None


def has_answer(kind: str | None, text: str) -> bool:
    """Whether ``text`` contains an expression of the kind ``kind`` asks for."""
    if kind is None:
        return False
    return ANSWER_PATTERNS[kind].search(normalize_for_match(text, reorder_marks=False)) is not None
