"""Dates in Thai and English text, Buddhist Era included, as ISO 8601 (Gregorian).

PyThaiNLP's ``thai_strptime`` fails on slashes, Thai digits and double spaces, so dates are
found with patterns over normalised text and converted here.
"""
from __future__ import annotations

import datetime as dt
import re

from indexer.textnorm import THAI_DIGITS

BE_OFFSET = 543
THAI_MONTHS = {
    "มกราคม": 1, "กุมภาพันธ์": 2, "มีนาคม": 3, "เมษายน": 4, "พฤษภาคม": 5, "มิถุนายน": 6,
    "กรกฎาคม": 7, "สิงหาคม": 8, "กันยายน": 9, "ตุลาคม": 10, "พฤศจิกายน": 11, "ธันวาคม": 12,
    "ม.ค.": 1, "ก.พ.": 2, "มี.ค.": 3, "เม.ย.": 4, "พ.ค.": 5, "มิ.ย.": 6,
    "ก.ค.": 7, "ส.ค.": 8, "ก.ย.": 9, "ต.ค.": 10, "พ.ย.": 11, "ธ.ค.": 12,
}
ENGLISH_MONTHS = {m.lower(): i for i, m in enumerate(
    "January February March April May June July August September October November December".split(), 1)}
ENGLISH_MONTHS.update({m[:3]: i for m, i in list(ENGLISH_MONTHS.items())})
ENGLISH_MONTHS["sept"] = 9

_THAI_MONTH = "|".join(re.escape(m) for m in sorted(THAI_MONTHS, key=len, reverse=True))
_ENGLISH_MONTH = "|".join(sorted(ENGLISH_MONTHS, key=len, reverse=True))
_PATTERNS = [
    ("ymd", re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")),
    ("dmy_thai", re.compile(rf"(\d{{1,2}})\s*({_THAI_MONTH})\s*(?:พ\.ศ\.\s*|ค\.ศ\.\s*)?(\d{{4}})")),
    ("dmy_slash", re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")),
    ("dmy_en", re.compile(rf"\b(\d{{1,2}})\s+({_ENGLISH_MONTH})\.?,?\s+(\d{{4}})\b", re.I)),
    ("mdy_en", re.compile(rf"\b({_ENGLISH_MONTH})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)),
]


def gregorian_year(year: int) -> int:
    """A four-digit year as written: Buddhist Era years (2400 and later) become Gregorian."""
    return year - BE_OFFSET if year >= 2400 else year


def _date(year: str, month: int, day: str) -> dt.date | None:
    try:
        return dt.date(gregorian_year(int(year)), int(month), int(day))
    except ValueError:
        return None


def find_dates(text: str) -> list[dt.date]:
    """Every valid date written in ``text``, in order of appearance."""
    text = " ".join(text.translate(THAI_DIGITS).split())
    found: list[tuple[int, dt.date]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if kind == "ymd":
                d = _date(m[1], int(m[2]), m[3])
            elif kind == "dmy_thai":
                d = _date(m[3], THAI_MONTHS[m[2]], m[1])
            elif kind == "dmy_slash":
                d = _date(m[3], int(m[2]), m[1])
            elif kind == "dmy_en":
                d = _date(m[3], ENGLISH_MONTHS[m[2].lower()], m[1])
            else:
                d = _date(m[3], ENGLISH_MONTHS[m[1].lower()], m[2])
            if d is not None:
                found.append((m.start(), d))
    return [d for _, d in sorted(found, key=lambda item: item[0])]


def parse_date(value: str) -> str | None:
    """``value`` as ISO 8601: a full date, or a bare year / year-month kept at that precision."""
    value = value.strip().translate(THAI_DIGITS)
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?", value)
    if m:
        year = gregorian_year(int(m[1]))
        return f"{year:04d}" if m[2] is None else f"{year:04d}-{int(m[2]):02d}"
    dates = find_dates(value)
    return dates[0].isoformat() if dates else None


def date_range(iso: str) -> tuple[str, str]:
    """First and last day an ISO date of any precision covers: '2017' -> 2017-01-01..2017-12-31."""
    if len(iso) == 4:
        return f"{iso}-01-01", f"{iso}-12-31"
    if len(iso) == 7:
        year, month = int(iso[:4]), int(iso[5:7])
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        return f"{iso}-01", (nxt - dt.timedelta(days=1)).isoformat()
    return iso, iso
