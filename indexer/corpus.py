"""Which files of a corpus folder are documents, and how each kind is read."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from indexer.documents import Document, DocumentError, build_document, content_hash
from indexer.loaders import Extracted
from indexer.loaders.docx import load_docx
from indexer.loaders.html import load_html
from indexer.loaders.pdf import load_pdf
from indexer.loaders.sidecar import MAX_BYTES as MAX_SIDECAR_BYTES
from indexer.loaders.sidecar import is_sidecar, parse_sidecar, read_sidecar, sidecar_path
from indexer.loaders.text import load_text

Reader = Callable[[Path, bytes], Extracted]
READERS: dict[str, Reader] = {
    ".md": load_text, ".markdown": load_text, ".txt": load_text,
    ".pdf": load_pdf,
    ".docx": load_docx,
    ".html": load_html, ".htm": load_html,
}
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
        if any(part.startswith(".") for part in rel.parts) or path.suffix.lower() not in READERS \
                or is_sidecar(path):
            continue
        if path.is_file() or path.is_symlink():
            out.append((rel.as_posix(), path))
    return sorted(out)


class Source:
    """The bytes of one corpus file (and of its sidecar), checked before anything parses them."""

    def __init__(self, root: Path, path: Path, max_bytes: int = MAX_FILE_BYTES) -> None:
        self.path = path
        try:
            resolved = path.resolve()
        except RuntimeError as exc:  # a symlink loop
            raise DocumentError("symlink loop") from exc
        if not resolved.is_relative_to(root):
            raise DocumentError("leads outside the corpus folder (symlink or path); not read")
        if not resolved.is_file():
            raise DocumentError("not a regular file")
        size = resolved.stat().st_size
        if size > max_bytes:
            raise DocumentError(f"file is {size / 1048576:.1f} MB, over the "
                                f"{max_bytes / 1048576:g} MB limit (--max-file-mb)")
        with open(resolved, "rb") as f:
            self.data = f.read(max_bytes + 1)
        if len(self.data) > max_bytes:
            raise DocumentError(f"file grew over the {max_bytes / 1048576:g} MB limit while being read")
        if not self.data.strip():
            raise DocumentError("empty file")
        self.sidecar = sidecar_path(path)
        self.sidecar_raw = b""
        if self.sidecar is not None:
            if not self.sidecar.resolve().is_relative_to(root):
                raise DocumentError(f"sidecar {self.sidecar.name} leads outside the corpus folder")
            if self.sidecar.stat().st_size > MAX_SIDECAR_BYTES:
                raise DocumentError(f"sidecar {self.sidecar.name} is over {MAX_SIDECAR_BYTES} bytes")
            self.sidecar_raw = self.sidecar.read_bytes()
        digest = content_hash(self.data)
        if self.sidecar_raw:
            digest = content_hash(digest.encode() + b"\0" + self.sidecar_raw)
        self.digest = digest


def read_document(path: Path, doc_id: str, data: bytes, digest: str | None = None,
                  sidecar_meta: dict | None = None) -> Document:
    """A document from a file's bytes: its loader, then sidecar metadata, then detection.

    Metadata precedence: sidecar, then what the file carries (front matter, properties, meta
    tags), then what is detected in the text.
    """
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise DocumentError(f"unsupported file type {path.suffix!r}")
    if sidecar_meta is None:
        side = sidecar_path(path)
        sidecar_meta = read_sidecar(side)[0] if side is not None else {}
    extracted = reader(path, data)
    meta = {**extracted.meta, **sidecar_meta}
    return build_document(doc_id, extracted.text, meta, digest or content_hash(data))


def read_source(source: Source, doc_id: str) -> Document:
    meta = parse_sidecar(source.sidecar.name, source.sidecar_raw) if source.sidecar else {}
    return read_document(source.path, doc_id, source.data, source.digest, meta)
