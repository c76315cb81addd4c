"""Which files of a corpus folder are documents, and how each kind is read."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from indexer.documents import Document, DocumentError, read_text_document

Reader = Callable[[Path, str, bytes], Document]
READERS: dict[str, Reader] = {".md": read_text_document, ".markdown": read_text_document,
                              ".txt": read_text_document}
MAX_FILE_BYTES = 50 * 1024 * 1024


def list_corpus(corpus_dir: Path) -> list[tuple[str, Path]]:
    """(doc id, path) for every file with a known extension, sorted by doc id.

    The doc id is the path relative to the corpus root, POSIX style, with its extension.
    Hidden files and folders and sidecar metadata files are skipped.
    """
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder {corpus_dir} does not exist")
    out = []
    for path in corpus_dir.rglob("*"):
        rel = path.relative_to(corpus_dir)
        if any(part.startswith(".") for part in rel.parts) or path.suffix.lower() not in READERS:
            continue
        if path.is_file() or path.is_symlink():
            out.append((rel.as_posix(), path))
    return sorted(out)


def read_document(path: Path, doc_id: str, data: bytes) -> Document:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise DocumentError(f"unsupported file type {path.suffix!r}")
    return reader(path, doc_id, data)
