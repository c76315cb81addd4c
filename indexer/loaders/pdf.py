"""PDF with a text layer, Thai and English (pypdf, in a sandboxed child process).

Thai from PDF text layers comes out with the positioning glyphs of old Thai fonts: tone marks
and upper vowels shifted left or down are private-use code points U+F700-U+F71A, and SARA AM
is often split into NIKHAHIT + SARA AA. They are mapped back to the letters they draw, SARA AM
is rejoined, then PyThaiNLP puts marks in their canonical order. Scans without a text layer
are reported (there is no OCR).
"""
from __future__ import annotations

import re
from pathlib import Path

from indexer.documents import DocumentError
from indexer.loaders import Extracted
from indexer.loaders.sandbox import run_worker

# Private-use glyphs of Thai fonts (the Microsoft/Apple convention) -> the letter they draw.
THAI_PUA = {
    0xF700: "\u0e10", 0xF701: "\u0e34", 0xF702: "\u0e35", 0xF703: "\u0e36", 0xF704: "\u0e37",
    0xF705: "\u0e48", 0xF706: "\u0e49", 0xF707: "\u0e4a", 0xF708: "\u0e4b", 0xF709: "\u0e4c",
    0xF70A: "\u0e48", 0xF70B: "\u0e49", 0xF70C: "\u0e4a", 0xF70D: "\u0e4b", 0xF70E: "\u0e4c",
    0xF70F: "\u0e0d", 0xF710: "\u0e31", 0xF711: "\u0e4d", 0xF712: "\u0e47", 0xF713: "\u0e48",
    0xF714: "\u0e49", 0xF715: "\u0e4a", 0xF716: "\u0e4b", 0xF717: "\u0e4c", 0xF718: "\u0e38",
    0xF719: "\u0e39", 0xF71A: "\u0e3a",
}
# NIKHAHIT (+ a tone mark on either side) + SARA AA is SARA AM: น ํ ้ า / น ้ ํ า -> น้ำ
_SPLIT_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")
_TONE_SPLIT_SARA_AM = re.compile("([\u0e48-\u0e4b])\u0e4d\u0e32")
_LETTER = re.compile(r"[^\W\d_]")
_JUNK_TITLE = re.compile(r"^(microsoft (word|powerpoint)|untitled)|\.(docx?|pdf|rtf|odt)$", re.I)


def repair_thai(text: str) -> str:
    """Thai as written, from Thai as a PDF text layer draws it."""
    from pythainlp.util import normalize

    text = text.translate(THAI_PUA)
    text = _TONE_SPLIT_SARA_AM.sub("\\1\u0e33", text)
    text = _SPLIT_SARA_AM.sub("\\1\u0e33", text)
    return "\n".join(normalize(line) for line in text.split("\n"))


def load_pdf(path: Path, data: bytes) -> Extracted:
    if not data.lstrip()[:5] == b"%PDF-":
        raise DocumentError("not a PDF file (no %PDF- header)")
    answer = run_worker("pdf", data, "PDF")
    text = "\n\n".join(page.strip() for page in answer["pages"] if page.strip())
    if not _LETTER.search(text):
        raise DocumentError("no extractable text (scanned PDF without a text layer?)")
    meta = {}
    title = " ".join(answer.get("title", "").split())
    if len(title) >= 8 and not _JUNK_TITLE.search(title):
        meta["title"] = title
    return Extracted(repair_thai(text), meta)
