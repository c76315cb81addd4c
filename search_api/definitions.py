"""The answer to "what is X" / "X คืออะไร": what the text says X is.

A definition question ("แก้วคืออะไร", "อาแล็ง จาลานีคือใคร", "การยกกำลังหมายถึงอะไร", "เอ็ดมันด์
โบฟอร์ทเป็นใคร", "What is Jamiroquai?", found in a Thai text by the gloss "(อังกฤษ: Jamiroquai)") is answered by the predicate that follows the subject and its copula in the
answering unit: "แก้ว หมายถึง | วัสดุแข็งที่มีรูปลักษณะอยู่ตัว และเป็นเนื้อเดียว | โดยปกติแล้ว...".
The span model, trained to mark a few words, cuts such a predicate (iApp valid: 70 of 742 Thai
questions, span@1 0.49 where the sentence holds the answer 0.73 of the time). :func:`definition_span`
marks it whole: from the copula to the clause that starts something else ("ซึ่ง", "โดย", ...),
the subject named again, the sentence's end or ``MAX_CHARS``.
"""
from __future__ import annotations

import re

_QUESTION = re.compile(r"^(?P<subject>.+?)\s*(?:คือ|เป็น|หมายถึง|หมายความว่า)\s*(?:อะไร|ใคร|สิ่งใด)\s*\??\s*$"
                       r"|^(?:what|who)\s+(?:is|was|are|were)\s+(?:an?\s+|the\s+)?(?P<english>[^?]{2,60}?)\s*\??\s*$",
                       re.IGNORECASE)
_COPULA = re.compile(r"คือ|เป็น|หมายถึง|หมายความว่า|\b(?:is|was|are|were|refers to|means)\b")
# what starts another clause after a predicate
_NEXT_CLAUSE = re.compile(r"\s(?:ซึ่ง|โดย|ทั้งนี้|ต่อมา|นอกจากนี้|ปัจจุบัน|ในปี|เมื่อ|เกิด|มี(?:ชื่อ|ความ)|ได้รับ)|\[\d+\]|"
                          r"(?<=[a-z0-9)\]])\.(?=\s+[A-Z]|\s*$)|;|,\s(?:which|who|and|but)\b")
NEAR_CHARS = 250     # the copula follows the subject (and its glosses, other names) within this many characters
MIN_PREDICATE_CHARS = 8
MAX_CHARS = 160
_BRACKETS = re.compile(r"\([^()]*\)")


def question_subject(query: str) -> str | None:
    """What a definition question asks about ("แก้ว" of "แก้วคืออะไร"), or None."""
    m = _QUESTION.match(query.strip())
    if not m:
        return None
    subject = (m["subject"] or m["english"]).strip()
    if m["english"] and not subject.isascii():
        return None   # an English question's Thai form: its subject is half translated
    return subject if len(subject) >= 2 else None


def definition_span(text: str, query: str) -> tuple[int, int] | None:
    """(start, end) in ``text`` of what it says the subject of the definition question ``query``
    is; None when the question is no definition question or the text defines nothing."""
    subject = question_subject(query)
    if subject is None:
        return None
    flat = _BRACKETS.sub(lambda m: " " * len(m[0]), text)   # glosses hide no copula
    names = {subject, subject.split()[-1]} if " " in subject else {subject}
    patterns = {name: re.compile(re.escape(name), re.IGNORECASE) for name in names}
    ends = [m.end() for name, pattern in patterns.items() if len(name) >= 2 for m in pattern.finditer(text)]
    for copula in _COPULA.finditer(flat):
        if not any(0 <= copula.start() - end <= NEAR_CHARS for end in ends):
            continue
        stop = _NEXT_CLAUSE.search(text, copula.end() + 2)
        again = min((m.start() for pattern in patterns.values() if (m := pattern.search(text, copula.end()))),
                    default=len(text))
        end = min(stop.start() if stop else len(text), again)
        if end - copula.start() > MAX_CHARS:   # cut at the last space before the limit
            cut = text.rfind(" ", copula.end(), copula.start() + MAX_CHARS)
            end = cut if cut > copula.end() else copula.start() + MAX_CHARS
        end = len(text[:end].rstrip())
        if end - copula.end() >= MIN_PREDICATE_CHARS:   # not "ชื่อลำลองคือ | เบน วิชอว์": a name, no predicate
            return copula.start(), end
    return None
