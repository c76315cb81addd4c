"""Readers for the file formats of a corpus folder, one module per format.

Each loader turns the bytes of one file into an :class:`Extracted`: the text as it should be
displayed and searched, plus whatever metadata the file itself carries (front matter, PDF or
Word properties, HTML ``<title>`` and meta tags). It raises ``DocumentError`` with a reason a
person can act on when the file cannot be read. ``indexer.corpus`` registers the loaders by
extension, merges sidecar metadata and detects what is still missing.

PDF, Word and HTML files are parsed in a separate process with a time and memory limit
(``indexer.loaders.sandbox``): a crafted file can stop its own parse, never the build.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Extracted:
    text: str
    meta: dict = field(default_factory=dict)
