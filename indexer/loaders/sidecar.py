"""Sidecar metadata: ``name.pdf.meta.json`` or ``name.meta.json`` next to a document.

A JSON object with any of ``title``, ``date``, ``lang``, ``source``, ``parties``; its fields
win over what the file carries and over detection. Sidecars are not documents themselves, and
a sidecar that is not a JSON object makes its document fail with a reason rather than be
indexed with wrong metadata.
"""
from __future__ import annotations

import json
from pathlib import Path

from indexer.documents import DocumentError

SUFFIX = ".meta.json"
MAX_BYTES = 1024 * 1024


def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SUFFIX)


def sidecar_path(path: Path) -> Path | None:
    """The sidecar of ``path``, if one exists: ``a.pdf.meta.json`` first, then ``a.meta.json``."""
    for candidate in (path.with_name(path.name + SUFFIX), path.with_name(path.stem + SUFFIX)):
        try:
            if candidate.is_file():
                return candidate
        except OSError:  # a name at the file system's limit has no room for the suffix
            continue
    return None


def read_sidecar(path: Path) -> tuple[dict, bytes]:
    """(metadata, raw bytes) of a sidecar file; the bytes go into the document's content hash."""
    if path.stat().st_size > MAX_BYTES:
        raise DocumentError(f"sidecar {path.name} is over {MAX_BYTES} bytes")
    raw = path.read_bytes()
    return parse_sidecar(path.name, raw), raw


def parse_sidecar(name: str, raw: bytes) -> dict:
    try:
        meta = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise DocumentError(f"sidecar {name} is not valid UTF-8 JSON ({exc})") from exc
    if not isinstance(meta, dict):
        raise DocumentError(f"sidecar {name} must hold a JSON object")
    return {str(k).lower(): v for k, v in meta.items()}
