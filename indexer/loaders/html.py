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
from indexer.documents import DocumentError
from indexer.loaders import Extracted
from indexer.loaders.text import decode_text

DROP = "script, style, noscript, template, svg, iframe, nav, header, footer, aside, form, button"
BLOCKS = "p, div, section, article, li, tr, h1, h2, h3, h4, h5, h6, br, blockquote, pre, dd, dt, table"
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
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(_decode(data))
    meta: dict = {}
    title = tree.css_first("title")
    h1 = tree.css_first("h1")
    title_text = " ".join((title.text() if title else "").split()) or \
        " ".join((h1.text() if h1 else "").split())
    if title_text:
        meta["title"] = title_text
    for node in tree.css("meta"):
        key = (node.attributes.get("property") or node.attributes.get("name")
               or node.attributes.get("itemprop") or "").lower()
        content = (node.attributes.get("content") or "").strip()
        if key in DATE_META and content and "date" not in meta:
            date = parse_date(content[:10]) or parse_date(content)
            if date:
                meta["date"] = date
        elif key == "og:url" and content:
            meta.setdefault("source", content)
    canonical = tree.css_first('link[rel="canonical"]')
    if canonical is not None and canonical.attributes.get("href"):
        meta["source"] = canonical.attributes["href"]
    if "date" not in meta:
        time_node = tree.css_first("time[datetime]")
        if time_node is not None:
            date = parse_date((time_node.attributes.get("datetime") or "")[:10])
            if date:
                meta["date"] = date
    root = tree.css_first("main") or tree.css_first("article") or tree.body
    if root is None:
        raise DocumentError("no text (an HTML page without a body)")
    for node in root.css(DROP):
        node.decompose()
    for node in root.css(BLOCKS):
        node.insert_after("\n")
    for node in root.css("td, th"):
        node.insert_after(" ")
    text = _LINES.sub("\n", root.text(separator="")).strip()
    text = "\n".join(" ".join(line.split()) for line in text.split("\n"))
    return Extracted(text, meta)
