"""Text copied from a news web page: a site-prefixed title line, a date line, the headline again.

Archives of government press releases (the thaigov.go.th corpus of PyThaiNLP among them) save
each page as text in this shape::

    รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-<headline>        the page title: site - section - headline
    (blank lines)
    วันจันทร์ที่ 7 พฤศจิกายน 2565                  the date line (Buddhist Era)
    07/11/2565 / พิมพ์                            optional: the date again, the "print" button
    <headline>                                    the headline, once or several times
    <body> ...
    ที่มา : https://www.thaigov.go.th/news/contents/details/NNNNN

It is recognised by its structure, not by a site name: the first line ends with a line that
follows it within the next few lines (the headline repeated), separated from what comes before
by a dash, a bar or a colon. The headline is the title, what precedes it is the site and
section, a line of the header that is only a date is the document's date, and the text starts
at the last copy of the headline, so the page furniture (title line, date line, print button,
repeated headlines) is not indexed as if it were the article.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from indexer.dates import find_dates

HEADER_LINES = 8          # non-empty lines after the title line searched for the headline
MIN_HEADLINE_CHARS = 8
MAX_DATE_LINE_CHARS = 48  # "วันพฤหัสบดีที่ 23 มีนาคม 2566" is 29
_SEPARATORS = "-–—|:"
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|amp|quot|apos|lt|gt|nbsp);")


@dataclass
class PageCopy:
    title: str       # the headline
    site: str        # what the title line names before the section ("รัฐบาลไทย")
    section: str     # the rest of the prefix ("ข่าวทำเนียบรัฐบาล"); "" when there is none
    date: str | None  # ISO date from a header line that is only a date
    text: str        # from the last copy of the headline to the end


def _key(line: str) -> str:
    """A line for comparison: invisible characters dropped, white space (no-break too) collapsed."""
    return " ".join(line.translate(_INVISIBLE).split())


def _date_line(line: str) -> str | None:
    """The ISO date of a line that is nothing but a date (with its weekday), else None."""
    key = _key(line)
    if not key or len(key) > MAX_DATE_LINE_CHARS:
        return None
    dates = find_dates(key)
    return dates[0].isoformat() if dates else None


def read_page_copy(body: str) -> PageCopy | None:
    """The parts of a web-page copy, or None when ``body`` does not have that shape."""
    lines = body.splitlines(keepends=True)
    numbered = [(i, _key(line)) for i, line in enumerate(lines) if _key(line)]
    if len(numbered) < 3:
        return None
    first = numbered[0][1]
    header = numbered[1:1 + HEADER_LINES]
    # The longest line the title line ends with: a headline that ends with the date also ends
    # with the date line.
    candidates = [key for _, key in header
                  if len(key) >= MIN_HEADLINE_CHARS and len(first) > len(key) and first.endswith(key)
                  and first[-len(key) - 1] in _SEPARATORS + " "
                  and first[:-len(key)].rstrip(" " + _SEPARATORS)]
    if not candidates:
        return None
    headline = max(candidates, key=len)
    prefix = first[:-len(headline)].rstrip(" " + _SEPARATORS)
    copies = [i for i, key in header if key == headline]
    start = sum(len(line) for line in lines[:copies[-1]])
    date = None
    for i, key in header:
        if i > copies[-1]:
            break
        date = _date_line(key)
        if date:
            break
    parts = [p.strip() for p in re.split(r"\s*[-–—|:]\s*", prefix) if p.strip()]
    text = body[start:]
    if _ENTITY.search(text):  # HTML entities left in the copy (&#39;)
        text = html.unescape(text)
    return PageCopy(title=html.unescape(headline), site=parts[0] if parts else "",
                    section=" - ".join(parts[1:]), date=date, text=text)
