"""Saved web pages: the main text without navigation, scripts or styles (selectolax).

The text is taken from ``<main>`` or ``<article>`` when the page has one, else from
``<body>`` minus navigation, headers, footers, asides and forms. Title from ``<title>`` or the
first ``<h1>``; date from the usual meta tags (Open Graph, Dublin Core, schema.org) or a
``<time datetime>``; source from the canonical link or ``og:url``.
"""
from __future__ import annotations

import re
from pathlib import Path

from indexer.dates import parse_date
from indexer.loaders import Extracted
from indexer.loaders.sandbox import run_worker
from indexer.loaders.text import decode_text

DATE_META = ("article:published_time", "og:published_time", "date", "dc.date", "dc.date.issued",
             "dcterms.date", "dcterms.created", "pubdate", "publishdate", "datepublished",
             "article:modified_time")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([-\w]+)", re.I)
_LINES = re.compile(r"[ \t\u00a0]*\n\s*")


def _decode(data: bytes) -> str:
    m = _META_CHARSET.search(data[:4096])
    declared = m[1].decode("ascii").lower() if m else ""
    if declared in ("tis-620", "tis620", "windows-874", "cp874", "iso-8859-11"):
        try:
            return data.decode("cp874")
        except UnicodeDecodeError:
            pass
    return decode_text(data)[0]


def load_html(path: Path, data: bytes) -> Extracted:
    """Parsed in the sandboxed child: selectolax's parser takes time quadratic in the depth of
    nesting (60,000 nested ``<div>`` took 10 s, 100,000 minutes), so a page gets the same time
    and memory limits as a PDF."""
    answer = run_worker("html", _decode(data).encode("utf-8", "surrogatepass"), "HTML")
    meta: dict = {}
    title_text = " ".join(answer["title"].split()) or " ".join(answer["h1"].split())
    if title_text:
        meta["title"] = title_text
    for key, content in answer["meta"]:
        if key in DATE_META and content and "date" not in meta:
            date = parse_date(content[:10]) or parse_date(content[:64])
            if date:
                meta["date"] = date
        elif key == "og:url" and content:
            meta.setdefault("source", content)
    if answer["canonical"]:
        meta["source"] = answer["canonical"]
    if "date" not in meta and answer["time"]:
        date = parse_date(answer["time"][:10])
        if date:
            meta["date"] = date
    text = _LINES.sub("\n", answer["text"]).strip()
    text = "\n".join(" ".join(line.split()) for line in text.split("\n"))
    return Extracted(text, meta)
