"""Word files (.docx): paragraphs and tables in document order, with python-docx.

A .docx is a zip archive, and a small one can declare gigabytes inside. Before anything is
decompressed the archive's directory is checked: it must be a zip, hold ``word/document.xml``,
and declare a total uncompressed size and compression ratios within limits. The parse itself
then runs in the sandboxed child process, whose memory limit catches archives that lie about
their sizes.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from indexer.documents import DocumentError
from indexer.loaders import Extracted
from indexer.loaders.sandbox import run_worker

MAX_UNCOMPRESSED = 200 * 1024 * 1024   # all members together, as declared
MAX_RATIO = 100                        # per member over 1 MB; ordinary XML compresses ~5-20x
MAX_MEMBERS = 10_000


def check_zip(data: bytes) -> None:
    """``DocumentError`` unless ``data`` is a plausible, bomb-free Word package."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentError("not a Word file (.docx is a zip archive; this is not one: "
                            "an old binary .doc? save it as .docx)") from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise DocumentError(f"zip bomb suspected: {len(members)} members in the archive")
        total = sum(m.file_size for m in members)
        if total > MAX_UNCOMPRESSED:
            raise DocumentError(f"zip bomb suspected: declares {total} bytes uncompressed "
                                f"(limit {MAX_UNCOMPRESSED})")
        for m in members:
            if m.file_size > 1024 * 1024 and m.file_size > MAX_RATIO * max(1, m.compress_size):
                raise DocumentError(f"zip bomb suspected: {m.filename} expands "
                                    f"{m.file_size // max(1, m.compress_size)}x")
        if "word/document.xml" not in archive.namelist():
            raise DocumentError("not a Word file (zip archive without word/document.xml)")


def load_docx(path: Path, data: bytes) -> Extracted:
    check_zip(data)
    answer = run_worker("docx", data, "Word")
    text = "\n".join(block.strip() for block in answer["blocks"] if block.strip())
    meta = {"title": answer["title"].strip()} if answer.get("title", "").strip() else {}
    return Extracted(text, meta)
