"""The on-disk index: a directory of versions, a CURRENT pointer, and checksummed plain files.

    INDEX/
      CURRENT                 name of the live version (replaced atomically)
      versions/<name>/        manifest.json + the files it lists with their SHA-256
      .build.lock             held by the one build allowed at a time

A build writes a new version in a temporary folder, fsyncs it, renames it into place and only
then replaces CURRENT: a build interrupted at any point leaves the previous version live.
No pickle anywhere: JSON, JSON lines, ``.npy`` read with ``allow_pickle=False``, FAISS files.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sys
import time
import uuid
from pathlib import Path
from typing import Callable

FORMAT_VERSION = 2
# Formats the builder can still read to migrate them (vectors reused, nothing embedded again).
MIGRATABLE_FORMATS = (1,)
MANIFEST = "manifest.json"
CURRENT = "CURRENT"
VERSIONS = "versions"
KEEP_VERSIONS = 2
# Test hook: with MOU_SEARCH_TEST_PAUSE=<step> a build stops at that step (writing
# MOU_SEARCH_TEST_PAUSE_FILE, if set) and sleeps, so a test can kill it at a known moment.
PAUSE_ENV = "MOU_SEARCH_TEST_PAUSE"
PAUSE_STEPS = ("embedding", "writing", "renaming", "swapping", "current-tmp", "pruning")


class IndexError_(Exception):
    """Base for index problems that the user must act on; the message says what to do."""


class IndexMissing(IndexError_):
    pass


class IndexCorrupt(IndexError_):
    pass


class IndexOutdated(IndexError_):
    """An index in an older format that ``mou-search index`` migrates."""


def pause_point(step: str) -> None:
    """Sleep here when the test hook names ``step``; a no-op otherwise."""
    if os.environ.get(PAUSE_ENV) != step:
        return
    marker = os.environ.get(PAUSE_ENV + "_FILE")
    if marker:
        Path(marker).write_text(f"{os.getpid()} {step}\n", encoding="utf-8")
    print(f"paused at {step} (pid {os.getpid()})", file=sys.stderr, flush=True)
    time.sleep(float(os.environ.get(PAUSE_ENV + "_SECONDS", 3600)))


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see the old or the new file, whole."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    try:
        pause_point("current-tmp")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def current_version(index_dir: Path) -> Path | None:
    """The live version folder, or None when no build has completed."""
    pointer = Path(index_dir) / CURRENT
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    if not name or "/" in name or name.startswith("."):
        raise IndexCorrupt(f"{pointer} does not name a version: rebuild with `mou-search index --rebuild`")
    return Path(index_dir) / VERSIONS / name


def write_version(index_dir: Path, writers: dict[str, Callable[[Path], None]], manifest: dict) -> Path:
    """Write a new version with one writer per file, checksum it and make it current."""
    index_dir = Path(index_dir)
    versions = index_dir / VERSIONS
    versions.mkdir(parents=True, exist_ok=True)
    name = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    tmp = versions / f".tmp-{name}"
    tmp.mkdir()
    final = versions / name
    try:
        files = {}
        for filename, write in writers.items():
            path = tmp / filename
            write(path)
            _fsync_file(path)
            files[filename] = {"sha256": sha256_file(path), "bytes": path.stat().st_size}
            pause_point("writing")
        manifest = {**manifest, "format_version": FORMAT_VERSION, "version": name, "files": files}
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        _fsync_file(tmp / MANIFEST)
        _fsync_dir(tmp)
        pause_point("renaming")
        os.rename(tmp, final)
        _fsync_dir(versions)
    except BaseException:  # a full disk, Ctrl-C: leave nothing half-written behind
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    try:
        pause_point("swapping")
        write_atomic(index_dir / CURRENT, (name + "\n").encode())
    except BaseException:
        try:
            live = current_version(index_dir)
        except IndexError_:
            live = final  # unsure what is live: keep the folder
        if live != final:
            shutil.rmtree(final, ignore_errors=True)  # complete but never live: nobody reads it
        raise
    pause_point("pruning")
    prune_versions(index_dir)
    return final


def remove_leftovers(index_dir: Path) -> list[Path]:
    """Delete what interrupted builds left: ``.tmp-`` version folders, temporary CURRENT files.

    Only called by a build holding the build lock, so no other writer can own them.
    """
    index_dir = Path(index_dir)
    removed = []
    versions = index_dir / VERSIONS
    candidates = list(versions.glob(".tmp-*")) if versions.is_dir() else []
    candidates += list(index_dir.glob(f".{CURRENT}.*.tmp"))
    for path in candidates:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def prune_versions(index_dir: Path, keep: int = KEEP_VERSIONS) -> None:
    """Remove leftovers of interrupted builds and all but the newest ``keep`` versions.

    The live version is never removed, and neither is one younger than a minute, which a
    server that has just been told to reload may still be opening.
    """
    versions = Path(index_dir) / VERSIONS
    live = current_version(index_dir)
    done = sorted((p for p in versions.iterdir() if p.is_dir() and not p.name.startswith(".")),
                  key=lambda p: p.name)
    now = time.time()
    for path in versions.iterdir():
        if path.name.startswith(".tmp-") and now - path.stat().st_mtime > 0:
            shutil.rmtree(path, ignore_errors=True)
    for path in done[:-keep] if keep else done:
        if path != live and now - path.stat().st_mtime > 60:
            shutil.rmtree(path, ignore_errors=True)


def read_manifest(version_dir: Path, verify: bool = True, formats: tuple = (FORMAT_VERSION,)) -> dict:
    """The manifest of ``version_dir``, after checking every file it lists against its checksum.

    ``formats``: the format versions the caller can read (the builder also reads older ones)."""
    path = Path(version_dir) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise IndexCorrupt(f"{path} is missing: rebuild with `mou-search index --rebuild`") from exc
    except ValueError as exc:
        raise IndexCorrupt(f"{path} is not valid JSON ({exc}): rebuild with `mou-search index --rebuild`") from exc
    if manifest.get("format_version") in MIGRATABLE_FORMATS and manifest.get("format_version") not in formats:
        raise IndexOutdated(f"{version_dir} is in index format {manifest['format_version']} of an older "
                            f"mou-search (this one reads format {FORMAT_VERSION}): run `mou-search index` "
                            "to update it (its vectors are reused, nothing is embedded again)")
    if manifest.get("format_version") not in formats:
        raise IndexCorrupt(f"index format {manifest.get('format_version')} in {version_dir} is not "
                           f"{FORMAT_VERSION}: rebuild with `mou-search index --rebuild`")
    if not isinstance(manifest.get("files"), dict):
        raise IndexCorrupt(f"{path} lists no files: rebuild with `mou-search index --rebuild`")
    if verify:
        verify_files(version_dir, manifest)
    return manifest


def verify_files(version_dir: Path, manifest: dict, names=None) -> None:
    """Check files of a version (all, or ``names``) against the manifest's sizes and SHA-256."""
    listed = manifest.get("files", {})
    for filename in listed if names is None else names:
        file = Path(version_dir) / filename
        info = listed.get(filename)
        if info is None:
            raise IndexCorrupt(f"index file {file} is not in the manifest: "
                               "rebuild with `mou-search index --rebuild`")
        if not file.exists():
            raise IndexCorrupt(f"index file {file} is missing: rebuild with `mou-search index --rebuild`")
        if file.stat().st_size != info["bytes"] or sha256_file(file) != info["sha256"]:
            raise IndexCorrupt(f"index file {file} is corrupt (checksum mismatch): "
                               "rebuild with `mou-search index --rebuild`")


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_jsonl(path: Path, rows) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
