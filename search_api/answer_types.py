"""What kind of answer a question asks for (whether a text holds one: ``indexer.answer_kinds``).

"How long does the MoU last" / "มีอายุกี่ปี" asks for a duration, "when" / "เมื่อไร" for a
date, "how many" / "กี่" for a number. A passage or sentence holding an expression of the
asked-for kind is more likely to answer; ranking and answer-sentence choice give it a small
bonus. Questions of no recognised kind get no bonus at all.
"""
from __future__ import annotations

import re

from indexer.textnorm import normalize_for_match

QUESTION_KINDS: dict[str, re.Pattern] = {
    "duration": re.compile(r"how long|how many (?:years|months|days)|duration|\blast(?:s|ing)?\b|"
                           r"(?:what|which) (?:period|length of time)|"
                           r"valid for|กี่ปี|กี่เดือน|กี่วัน|นานเท่า|นานแค่|นานไหม|ระยะเวลา|อายุ"),
    "date": re.compile(r"\bwhen\b|what date|which date|what year|which year|what day|"
                       r"เมื่อไร|เมื่อไหร่|เมื่อใด|วันที่เท่า|วันไหน|วันใด|ปีใด|ปีไหน|ปีอะไร|พ\.ศ\.ใด|ค\.ศ\.ใด"),
    "count": re.compile(r"how many|how much|number of|จำนวนเท่า|กี่|เท่าไร|เท่าไหร่"),
}


def question_kind(query: str) -> str | None:
    """The kind of answer ``query`` asks for, or None; duration wins over date over count."""
    norm = normalize_for_match(query)
    for kind, pattern in QUESTION_KINDS.items():
        if pattern.search(norm):
            return kind
    return None
