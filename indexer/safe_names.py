"""File names and document ids in line-oriented output, and names the index cannot hold.

A corpus file may be called anything the file system allows: a newline in its name would
forge extra lines of ``skipped ...`` on standard error or split a TREC run line, a terminal
escape would rewrite the screen. ``printable`` is the one function every line of output passes
names through. Names that are not valid UTF-8 (``os.fsdecode`` gives lone surrogates) cannot be
written to the index's UTF-8 files; ``check_name`` refuses them with a reason.
"""
from __future__ import annotations

import unicodedata

MAX_NAME_CHARS = 1024  # a document id (path in the corpus) longer than this is refused

_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(name: str) -> str:
    """``name`` on one line, unambiguous: backslash, control and format characters (line and
    paragraph separators, bidi overrides, zero-width characters) and undecodable bytes escaped
    as ``\\n``, ``\\xNN``, ``\\uNNNN``. Ordinary Thai and English names come out as they are."""
    out = []
    for ch in name:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
            continue
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as os.fsdecode keeps it
            out.append(f"\\x{code - 0xDC00:02x}")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000
                       else f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out)


def check_name(doc_id: str) -> None:
    """``DocumentError`` for a document id the index cannot store as UTF-8 text."""
    from indexer.documents import DocumentError

    try:
        doc_id.encode("utf-8")
    except UnicodeEncodeError:
        raise DocumentError("file name is not valid UTF-8 (undecodable bytes); rename the file") from None
    if len(doc_id) > MAX_NAME_CHARS:
        raise DocumentError(f"path is {len(doc_id)} characters long, over {MAX_NAME_CHARS}; "
                            "rename the file or move it up") from None
