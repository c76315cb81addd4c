"""What a marked span's answer goes on with, in the same unit.

A duration is answered with its extension when the text gives one ("ระยะเวลา 2 ปี และสามารถต่ออายุ
ได้อีก 2 ปี", "five years with an automatic extension of three years": the issue's own example of
what a duration answer is), and a question that asks when *and* where ("จะลงนามที่ไหน เมื่อไร",
"When and where was it signed") is answered with the date and the venue ("วันพุธที่ 2 พฤศจิกายน
2565 ณ ทำเนียบรัฐบาล"); a date is marked with the day it is written with ("วันพุธที่"). :func:`widen`
takes the span over its companion when the companion starts within ``GAP_CHARS`` of it.
"""
from __future__ import annotations

import re

from indexer.agreements.extract import thai_venue
from indexer.answer_kinds import NUMBER
from indexer.textnorm import THAI_DIGITS

GAP_CHARS = 60
VENUE_CONTEXT = 30
_PERIOD = r"(?:ปี|เดือน|วัน|years?|months?|days?)"
_EXTENSION = re.compile(
    rf"(?:ต่ออายุ|ขยาย(?:เวลา)?(?:ออกไป)?|ต่อ(?:เวลา)?)(?:ได้|โดยอัตโนมัติ|อัตโนมัติ|ออกไป)*\s*(?:อีก)?\s*(?:คราวละ|ครั้งละ)?"
    rf"\s*{NUMBER}\s*{_PERIOD}"
    rf"|\b(?:automatic(?:ally)?\s+)?(?:extension|extended|extendable|renewable|renewed|renewal)\b[^.\n]{{0,40}}?"
    rf"\b(?:for|of|by)\s+(?:a\s+further\s+|another\s+|an\s+additional\s+)?{NUMBER}[\s-]+{_PERIOD}",
    re.IGNORECASE)
_ASKS_WHERE = re.compile(r"ที่ไหน|ที่ใด|\bwhere\b", re.IGNORECASE)
_ASKS_WHEN = re.compile(r"เมื่อไร|เมื่อไหร่|เมื่อใด|วันไหน|วันใด|\bwhen\b", re.IGNORECASE)
# the day a date is written with, right before it: "วันพุธที่ 2 พฤศจิกายน 2565", "Wednesday, 2 November"
_WEEKDAY_BEFORE = re.compile(r"(?:วัน(?:จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัสฯ|ศุกร์|เสาร์|อาทิตย์)?ที่|"
                             r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?)\s*$")
_EN_VENUE = re.compile(r"\bat\s+(?:the\s+)?(?:[A-Z][\w'-]*,?\s+){0,6}(?:Building|Hall|Room|Hotel|House|Cent(?:re|er)|"
                       r"Palace|Headquarters|Auditorium|Ministry)\b")


def widen(text: str, start: int, end: int, query: str, kind: str | None) -> tuple[int, int]:
    """``start..end`` of ``text`` taken over the companion of its answer (see the module)."""
    if kind == "date" and (day := _WEEKDAY_BEFORE.search(text, max(0, start - 24), start)):
        start = day.start()
    # what follows the span, read no farther than a companion may start (a document may be long)
    stop = min(len(text), end + GAP_CHARS + 200)
    if kind == "duration":
        m = _EXTENSION.search(text[end:stop].translate(THAI_DIGITS))
        if m and m.start() <= GAP_CHARS and "\n" not in text[end:end + m.start()]:
            return start, end + m.end()
    elif _ASKS_WHERE.search(query) and _ASKS_WHEN.search(query):
        at = max(start, end - VENUE_CONTEXT)   # a venue reader looks a little before "ณ"
        venue = thai_venue(text[at:stop]) or _EN_VENUE.search(text, at, stop)
        if venue is not None:
            a, b = (at + venue.start(), at + venue.end()) if venue.re is not _EN_VENUE else venue.span()
            if 0 <= a - end <= GAP_CHARS and "\n" not in text[end:a]:
                return start, b
    return start, end
