"""Plain text and Markdown: UTF-8, UTF-16 with a byte-order mark, TIS-620 / cp874.

Decoding never guesses silently: strict UTF-8 first (charset detectors have taken TIS-620
for UTF-8 at 0.99 confidence, the other way round is rarer but strict decoding settles it),
then cp874 (a superset of TIS-620) accepted only when most letters come out Thai, then a
restricted charset-normalizer guess for Western single-byte files accepted only when the
result is mostly ASCII. Whatever decodes to control characters, replacement characters or
binary junk is reported, not indexed.
"""
from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from indexer.documents import DocumentError, parse_front_matter
from indexer.loaders import Extracted

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
MAX_BAD_SHARE = 0.02     # control, replacement, private-use or unassigned characters
MIN_THAI_SHARE = 0.5     # of the letters, for a cp874 decoding to be believed
_ALLOWED_CONTROLS = set("\t\n\r\f\v")


def _count_of(text: str, chars: set[str]) -> int:
    """How many characters of ``text`` are in ``chars``: one C-speed pass (str.translate)."""
    if not chars:
        return 0
    return len(text) - len(text.translate(dict.fromkeys(map(ord, chars))))


def garbage_share(text: str) -> float:
    """Share of characters no text file should contain (linear: each distinct character is
    classified once, then counted in one pass)."""
    if not text:
        return 0.0
    bad = {ch for ch in set(text) if ch not in _ALLOWED_CONTROLS
           and (unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") or ch == "\ufffd")}
    return _count_of(text, bad) / len(text)


def thai_share(text: str) -> float:
    """Share of the letters that are Thai."""
    letters = {ch for ch in set(text) if ch.isalpha()}
    total = _count_of(text, letters)
    if not total:
        return 0.0
    return _count_of(text, {ch for ch in letters if "\u0e00" <= ch <= "\u0e7f"}) / total


def _plausible(text: str) -> bool:
    return garbage_share(text) <= MAX_BAD_SHARE


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name) or ``DocumentError`` saying why the bytes are not text."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DocumentError(f"undecodable bytes: starts with a {encoding.upper()} byte-order "
                                    f"mark but byte {exc.start} is invalid") from exc
            if not _plausible(text):
                raise DocumentError(f"undecodable bytes: decodes as {encoding} to control characters")
            return text, encoding
    if b"\x00" in data:
        raise DocumentError("binary data, not text (NUL bytes and no UTF-16 byte-order mark)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if not _plausible(text):
            raise DocumentError("binary data, not text (mostly control characters)")
        return text, "utf-8"
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible(text) and thai_share(text) >= MIN_THAI_SHARE:
        return text, "cp874"
    western = _western(data)
    if western is not None:
        return western, "cp1252"
    raise DocumentError("undecodable bytes: not UTF-8, UTF-16 (with byte-order mark), TIS-620/cp874 "
                        "Thai or Western text; save it as UTF-8")


def _western(data: bytes) -> str | None:
    """A Western single-byte file (curly quotes from cp1252): only when almost all ASCII."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1252", "latin_1"]).best()
    if best is None:
        return None
    text = str(best)
    ascii_share = _count_of(text, {ch for ch in set(text) if ch.isascii()}) / max(1, len(text))
    if ascii_share >= 0.95 and _plausible(text) and thai_share(text) == 0:
        return text
    return None


def load_text(path: Path, data: bytes) -> Extracted:
    """A text or Markdown file with optional ``---`` front matter."""
    text, _ = decode_text(data)
    meta, body = parse_front_matter(text)
    return Extracted(body, meta)
