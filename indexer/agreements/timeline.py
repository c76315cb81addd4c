"""Dates and periods in agreement sentences: explicit dates (Buddhist Era, two-digit years,
Thai month abbreviations), relative dates resolved against the article's date, durations."""
from __future__ import annotations

import datetime as dt
import re

from indexer.dates import ENGLISH_MONTHS, THAI_MONTHS, gregorian_year
from indexer.textnorm import THAI_DIGITS

# July is often written with ฏ for ฎ ("22 กรกฏาคม 2565"): read here, where an agreement's dates are read
_MONTHS_TH = {**THAI_MONTHS, "กรกฏาคม": 7}
_TH_MONTH = "|".join(re.escape(m) for m in sorted(_MONTHS_TH, key=len, reverse=True))
_EN_MONTH = "|".join(sorted(ENGLISH_MONTHS, key=len, reverse=True))
_TH_DATE = re.compile(
    rf"(\d{{1,2}})\s*({_TH_MONTH})\s*(?:(?:พ\.ศ\.|ค\.ศ\.)\s*)?(\d{{4}}|\d{{2}}(?!\d))?")
_EN_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_EN_MONTH})\.?,?(?:\s+(\d{{4}}))?\b", re.I)
_EN_MDY = re.compile(rf"\b({_EN_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.I)
_TH_DAY_ONLY = re.compile(r"(?:เมื่อ|ใน)วันที่\s*(\d{1,2})(?!\s*\d)(?!\s*(?:" + _TH_MONTH + r"))")
_WEEKDAYS_EN = {d: i for i, d in enumerate(
    "monday tuesday wednesday thursday friday saturday sunday".split())}
_WEEKDAYS_TH = {"จันทร์": 0, "อังคาร": 1, "พุธ": 2, "พฤหัสบดี": 3, "ศุกร์": 4, "เสาร์": 5, "อาทิตย์": 6}
_EN_WEEKDAY = re.compile(r"\b(?:on|last)\s+(" + "|".join(_WEEKDAYS_EN) + r")\b", re.I)
_TH_WEEKDAY = re.compile(r"(?:เมื่อ)?วัน(" + "|".join(_WEEKDAYS_TH) + r")(?:ที่ผ่านมา)?(?!ที่\s*\d)")
_TODAY = re.compile(r"วันนี้|\btoday\b", re.I)
_YESTERDAY = re.compile(r"เมื่อวานนี้|\byesterday\b", re.I)


def _year(raw: str | None, ref: dt.date | None) -> int | None:
    if raw:
        y = int(raw)
        if y < 100:  # "14 พ.ย. 65": two digits of the Buddhist Era year
            y += 2500 if y >= 40 else 2000
        return gregorian_year(y)
    return ref.year if ref else None


def _make(year: int | None, month: int, day: str) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, int(day))
    except ValueError:
        return None


def explicit_dates(sentence: str, ref: dt.date | None) -> list[tuple[dt.date, int, int, bool]]:
    """(date, start, end, year_written) of each date written with a month in ``sentence``.

    A date without a year takes the article's year (``ref``), or the year before when that would
    put it more than two months after the article.
    """
    text = sentence.translate(THAI_DIGITS)
    out = []
    for m in _TH_DATE.finditer(text):
        d = _make(_year(m[3], ref), _MONTHS_TH[m[2]], m[1])
        if d:
            out.append((d, m.start(), m.end(), bool(m[3])))
    for pattern, day_group, month_group in ((_EN_DMY, 1, 2), (_EN_MDY, 2, 1)):
        for m in pattern.finditer(text):
            d = _make(_year(m[3], ref), ENGLISH_MONTHS[m[month_group].lower().rstrip(".")],
                      m[day_group])
            if d:
                out.append((d, m.start(), m.end(), bool(m[3])))
    fixed = []
    for d, a, b, written in sorted(out, key=lambda x: x[1]):
        if not written and ref and d > ref + dt.timedelta(days=62):
            d = _make(d.year - 1, d.month, str(d.day)) or d
        if fixed and a < fixed[-1][2]:
            continue
        fixed.append((d, a, b, written))
    return fixed


def relative_date(sentence: str, ref: dt.date | None) -> tuple[dt.date, int, int] | None:
    """A date written relative to the article's (``ref``): "on Monday", "วันนี้", "เมื่อวันที่ 7"."""
    if ref is None:
        return None
    text = sentence.translate(THAI_DIGITS)
    m = _EN_WEEKDAY.search(text) or _TH_WEEKDAY.search(text)
    if m:
        target = _WEEKDAYS_EN.get(m[1].lower(), _WEEKDAYS_TH.get(m[1]))
        back = (ref.weekday() - target) % 7
        return ref - dt.timedelta(days=back), m.start(), m.end()
    m = _TH_DAY_ONLY.search(text)
    if m:
        day = int(m[1])
        month, year = ref.month, ref.year
        if day > ref.day:  # "on the 28th" in an article of the 3rd: last month
            month, year = (12, year - 1) if month == 1 else (month - 1, year)
        try:
            return dt.date(year, month, day), m.start(), m.end()
        except ValueError:
            return None
    m = _YESTERDAY.search(text)
    if m:
        return ref - dt.timedelta(days=1), m.start(), m.end()
    m = _TODAY.search(text)
    if m:
        return ref, m.start(), m.end()
    return None


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "a": 1, "an": 1,
    "หนึ่ง": 1, "สอง": 2, "สาม": 3, "สี่": 4, "ห้า": 5, "หก": 6, "เจ็ด": 7, "แปด": 8, "เก้า": 9,
    "สิบ": 10,
}
_NUM = r"(\d{1,2}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_UNIT = {"ปี": "years", "year": "years", "years": "years", "เดือน": "months", "month": "months",
         "months": "months", "วัน": "days", "day": "days", "days": "days"}
_UNIT_RE = r"(ปี|เดือน|years?|months?)"

# the agreement's own term ("ระยะเวลา 5 ปี", "มีผลบังคับใช้เป็นระยะเวลา 5 ปี", "for five years",
# "over the course of five years", "valid for 5 years")
_TH_DURATION = re.compile(
    r"(?:มีผล(?:บังคับ)?(?:ใช้)?\s*(?:เป็น)?(?:ระยะเวลา|เวลา)?|มีอายุ(?:ความร่วมมือ)?|มีระยะเวลา(?:ความร่วมมือ|ดำเนินการ)?"
    r"|ระยะเวลา(?:ความร่วมมือ|ของบันทึกความเข้าใจ\S*|การดำเนินการ|ดำเนินการ)?|อายุ(?:ของ)?บันทึก\S*"
    # "มีผลตั้งแต่วันที่ 1 พฤศจิกายน 2563 เป็นต้นไป เป็นเวลา 5 ปี": the day it takes effect, then its term
    r"|มีผล(?:บังคับ)?(?:ใช้)?ตั้งแต่[^\n]{0,60}?เป็น(?:ระยะ)?เวลา)"
    r"\s*(?:คราวละ|ทั้งสิ้น|รวม)?\s*" + _NUM + r"\s*" + _UNIT_RE)
_EN_DURATION = re.compile(
    r"(?:valid|in force|in effect|effective|remain|last|lasts|period|term|duration|course|cooperation)"
    r"\s+(?:of|for|over)?\s*(?:a\s+(?:period|term)\s+of\s+|the\s+course\s+of\s+)?" + _NUM
    + r"[\s-]+" + _UNIT_RE + r"\b|\bfor\s+(?:a\s+(?:period|term)\s+of\s+)?" + _NUM + r"[\s-]+"
    + _UNIT_RE + r"\b|\b" + _NUM + r"-(year|month)\s+(?:MoU|agreement|memorandum|term|period|cooperation)",
    re.I)
_TH_EXTENSION = re.compile(
    r"(?:ขยาย(?:ระยะ)?(?:เวลา)?(?:ออกไป)?|ต่ออายุ|ต่อ(?:ระยะ)?เวลา)(?:ความร่วมมือ)?(?:ออกไป)?(?:โดย)?(?:อัตโนมัติ)?(?:ออกไป)?"
    r"(?:\s*(?:อีก|คราวละ|ครั้งละ)|(?:ต่อ)?(?:แบบ|โดย)?(?:อัตโนมัติ)?\s*(?:อีก)?(?:เป็น)?(?:ระยะ)?เวลา)\s*" + _NUM + r"\s*" + _UNIT_RE)
_EN_EXTENSION = re.compile(
    r"(?:extension|extended|renewed|renewal|renewable)\s+(?:automatically\s+)?(?:of|by|for)\s+"
    r"(?:a\s+(?:further|period\s+of)\s+|another\s+|a\s+further\s+period\s+of\s+)?" + _NUM
    + r"[\s-]+" + _UNIT_RE, re.I)
# "is subject to a 5-year extension", "a three-year automatic renewal"
_EN_EXTENSION_OF = re.compile(r"\b" + _NUM + r"[\s-]+(year|month)s?\s+(?:automatic\s+)?(?:extension|renewal)", re.I)
_OPEN_ENDED = re.compile(r"ไม่มี(?:ระยะเวลา|วัน)สิ้นสุด|ไม่มีกำหนด(?:ระยะเวลา)?สิ้นสุด|no (?:fixed )?(?:expiry|expiration|end date)"
                         r"|remain in (?:force|effect) indefinitely", re.I)
_UNTIL = re.compile(r"(?:จนถึง(?:วันที่)?|ถึงวันที่|สิ้นสุด(?:ใน)?วันที่|until|through|expires? on)\s*$", re.I)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _period(num: str, unit: str) -> dict:
    out = {"years": 0, "months": 0, "days": 0}
    out[_UNIT[unit.lower()]] = _number(num)
    return out


def durations(sentence: str, lang: str) -> list[tuple[str, dict, int, int]]:
    """("duration" | "extension", value, start, end) stated in ``sentence``."""
    text = sentence.translate(THAI_DIGITS)
    out = []
    taken: list[tuple[int, int]] = []
    for m in (*_TH_EXTENSION.finditer(text), *_EN_EXTENSION.finditer(text), *_EN_EXTENSION_OF.finditer(text)):
        out.append(("extension", _period(m[1], m[2]), m.start(), m.end()))
        taken.append((m.start(), m.end()))
    for m in (*_TH_DURATION.finditer(text), *_EN_DURATION.finditer(text)):
        if any(a <= m.start() < b for a, b in taken):
            continue
        groups = [g for g in m.groups() if g is not None]
        out.append(("duration", _period(groups[0], groups[1]), m.start(), m.end()))
    m = _OPEN_ENDED.search(text)
    if m:
        out.append(("duration", {"open_ended": True}, m.start(), m.end()))
    return sorted(out, key=lambda x: x[2])


def until_dates(sentence: str, ref: dt.date | None) -> list[tuple[dt.date, int, int]]:
    """Dates the sentence gives as the end of validity ("จนถึง 31 ธันวาคม 2568", "until ...")."""
    text = sentence.translate(THAI_DIGITS)
    return [(d, a, b) for d, a, b, written in explicit_dates(text, ref)
            if written and _UNTIL.search(text[max(0, a - 24):a])]


def add_period(start: dt.date, *periods: dict) -> dt.date | None:
    """``start`` plus the periods, one day before the anniversary (a term of 5 years from
    7 Nov 2022 runs to 6 Nov 2027)."""
    years = sum(p.get("years", 0) for p in periods)
    months = sum(p.get("months", 0) for p in periods)
    days = sum(p.get("days", 0) for p in periods)
    month0 = start.month - 1 + months
    year, month = start.year + years + month0 // 12, month0 % 12 + 1
    day = start.day
    while True:
        try:
            end = dt.date(year, month, day)
            break
        except ValueError:
            day -= 1
    return end + dt.timedelta(days=days - 1)
