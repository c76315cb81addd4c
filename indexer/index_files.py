"""The on-disk index: a directory of versions, a CURRENT pointer, and checksummed plain files.

    INDEX/
      CURRENT                 name of the live version (replaced atomically)
      versions/<name>/        manifest.json + the files it lists with their SHA-256,
                              manifest.sha256 (the manifest's own digest, `sha256sum -c` format)
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
import re
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
MANIFEST_DIGEST = "manifest.sha256"
CURRENT = "CURRENT"
VERSIONS = "versions"
KEEP_VERSIONS = 2
# Test hook: with MOU_SEARCH_TEST_PAUSE=<step> a build stops at that step (writing
# MOU_SEARCH_TEST_PAUSE_FILE, if set) and sleeps, so a test can kill it at a known moment.
PAUSE_ENV = "MOU_SEARCH_TEST_PAUSE"
PAUSE_STEPS = ("embedding", "writing", "renaming", "swapping", "current-tmp", "pruning")
REBUILD = "rebuild with `mou-search index --rebuild`"
# What CURRENT may name and what a manifest may list: plain names, no paths, no hidden files.
SAFE_NAME = re.compile(r"[0-9A-Za-z][0-9A-Za-z_.-]{0,99}")
MAX_POINTER_BYTES = 256
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")


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
        if path.is_dir() and not path.is_symlink():  # a damaged CURRENT that became a folder
            shutil.rmtree(path)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def current_version(index_dir: Path) -> Path | None:
    """The live version folder, or None when no build has completed.

    ``IndexCorrupt`` (one line, saying what to run) for anything else CURRENT may hold: bytes
    that are not an ASCII name, a path, an over-long name, a name that is not a version folder.
    """
    pointer = Path(index_dir) / CURRENT
    try:
        with open(pointer, "rb") as f:
            raw = f.read(MAX_POINTER_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:  # a directory, no permission, an I/O error
        raise IndexCorrupt(f"{pointer} cannot be read ({exc.strerror or exc}): {REBUILD}") from exc
    try:
        name = raw.decode("ascii").strip()
    except UnicodeDecodeError:
        raise IndexCorrupt(f"{pointer} does not name a version (not an ASCII name: "
                           f"{raw[:40]!r}): {REBUILD}") from None
    if len(raw) > MAX_POINTER_BYTES or not SAFE_NAME.fullmatch(name):
        raise IndexCorrupt(f"{pointer} does not name a version ({name[:40]!r}"
                           f"{'...' if len(name) > 40 else ''}): {REBUILD}")
    version = Path(index_dir) / VERSIONS / name
    if not version.is_dir():
        raise IndexCorrupt(f"{pointer} names {name}, which is not a version folder in "
                           f"{Path(index_dir) / VERSIONS}: {REBUILD}")
    return version


def newest_version(index_dir: Path) -> Path | None:
    """The most recent complete version folder, whatever CURRENT says (for a build to reuse)."""
    versions = Path(index_dir) / VERSIONS
    try:
        done = sorted(p for p in versions.iterdir()
                      if SAFE_NAME.fullmatch(p.name) and p.is_dir() and not p.is_symlink())
    except OSError:
        return None
    return done[-1] if done else None


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
        write_manifest(tmp, manifest)
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


def write_manifest(version_dir: Path, manifest: dict) -> None:
    """``manifest.json`` and its digest ``manifest.sha256``, both fsynced."""
    data = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
    (Path(version_dir) / MANIFEST).write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    (Path(version_dir) / MANIFEST_DIGEST).write_text(f"{digest}  {MANIFEST}\n", encoding="ascii")
    _fsync_file(Path(version_dir) / MANIFEST)
    _fsync_file(Path(version_dir) / MANIFEST_DIGEST)


def read_manifest(version_dir: Path, verify: bool = True, require_digest: bool = True,
                  formats: tuple = (FORMAT_VERSION,)) -> dict:
    """The manifest of ``version_dir``: its own digest checked, its fields validated, and (with
    ``verify``) every file it lists checked against its size and SHA-256.

    Every way it can be wrong is an ``IndexCorrupt`` with a one-line reason; a version in a
    format the caller cannot read but ``mou-search index`` migrates is ``IndexOutdated``.
    ``formats``: the format versions the caller can read (the builder also reads older ones).
    A build that only wants to reuse verified files may pass ``require_digest=False`` (a
    version written before manifests had digests, or one whose digest file is damaged).
    """
    path = Path(version_dir) / MANIFEST
    data = _read_capped(path, MAX_MANIFEST_BYTES)
    digest_problem = None
    if require_digest:
        try:
            check_manifest_digest(version_dir, data)
        except IndexCorrupt as exc:
            digest_problem = exc
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        if digest_problem is not None:
            raise digest_problem from None
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise IndexCorrupt(f"{path} is not valid JSON ({reason}): {REBUILD}") from None
    version = manifest.get("format_version") if isinstance(manifest, dict) else None
    if version in MIGRATABLE_FORMATS and version not in formats and not isinstance(version, bool):
        # before the digest: format 1 manifests had none
        raise IndexOutdated(f"{version_dir} is in index format {version} of an older "
                            f"mou-search (this one reads format {FORMAT_VERSION}): run `mou-search index` "
                            "to update it (its vectors are reused, nothing is embedded again)")
    if digest_problem is not None:
        raise digest_problem from None
    validate_manifest(manifest, Path(version_dir), formats)
    if verify:
        verify_files(version_dir, manifest)
    return manifest


def _read_capped(path: Path, limit: int) -> bytes:
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise IndexCorrupt(f"{path} is missing: {REBUILD}") from None
    except OSError as exc:
        raise IndexCorrupt(f"{path} cannot be read ({exc.strerror or exc}): {REBUILD}") from None
    if len(data) > limit:
        raise IndexCorrupt(f"{path} is over {limit} bytes: {REBUILD}")
    return data


def check_manifest_digest(version_dir: Path, data: bytes | None = None) -> None:
    """``IndexCorrupt`` unless ``manifest.sha256`` holds the SHA-256 of ``manifest.json``."""
    version_dir = Path(version_dir)
    if data is None:
        data = _read_capped(version_dir / MANIFEST, MAX_MANIFEST_BYTES)
    path = version_dir / MANIFEST_DIGEST
    raw = _read_capped(path, 1024)
    expected = raw.split(b" ", 1)[0].strip().decode("ascii", "replace")
    if not _SHA256.fullmatch(expected) or raw.rstrip(b"\n") != f"{expected}  {MANIFEST}".encode():
        raise IndexCorrupt(f"{path} is not a SHA-256 line for {MANIFEST}: {REBUILD}")
    if hashlib.sha256(data).hexdigest() != expected:
        raise IndexCorrupt(f"{version_dir / MANIFEST} is corrupt (its checksum in {MANIFEST_DIGEST} "
                           f"does not match): {REBUILD}")


def _is_int(value, minimum: int = 0) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def validate_manifest(manifest, version_dir: Path, formats: tuple = (FORMAT_VERSION,)) -> dict:
    """The manifest if it has every field a reader relies on, with the right types; else
    ``IndexCorrupt`` naming the first field that is wrong. The one schema of ``manifest.json``."""
    path = Path(version_dir) / MANIFEST

    def bad(what: str):
        raise IndexCorrupt(f"{path}: {what}: {REBUILD}")

    if not isinstance(manifest, dict):
        bad("not a JSON object")
    if manifest.get("format_version") not in formats or isinstance(manifest.get("format_version"), bool):
        bad(f"index format {str(manifest.get('format_version'))[:20]!r} is not {FORMAT_VERSION}")
    if manifest.get("version") != Path(version_dir).name:
        bad(f"names version {str(manifest.get('version'))[:40]!r}, not its folder {Path(version_dir).name}")
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        bad("lists no files")
    for name, info in files.items():
        if not SAFE_NAME.fullmatch(name) or name in (MANIFEST, MANIFEST_DIGEST):
            bad(f"lists a file with a bad name {name[:40]!r}")
        if not isinstance(info, dict) or not isinstance(info.get("sha256"), str) \
                or not _SHA256.fullmatch(info["sha256"]) or not _is_int(info.get("bytes")):
            bad(f"entry of {name} needs \"sha256\" (64 hex digits) and \"bytes\" (an integer)")
    encoder = manifest.get("encoder")
    if not isinstance(encoder, dict) or not isinstance(encoder.get("name"), str) or not encoder["name"] \
            or not _is_int(encoder.get("dim"), 1) or not isinstance(encoder.get("options", {}), dict):
        bad("\"encoder\" needs \"name\" (a string), \"dim\" (a positive integer) and \"options\" (an object)")
    counts = manifest.get("counts")
    if not isinstance(counts, dict) or not all(_is_int(counts.get(k)) for k in ("documents", "chunks")):
        bad("\"counts\" needs \"documents\" and \"chunks\" (integers)")
    if not isinstance(manifest.get("config", {}), dict):
        bad("\"config\" is not an object")
    return manifest


def verify_files(version_dir: Path, manifest: dict, names=None) -> None:
    """Check files of a version (all, or ``names``) against the manifest's sizes and SHA-256."""
    for filename, reason in damaged_files(version_dir, manifest, names).items():
        raise IndexCorrupt(f"index file {Path(version_dir) / filename} {reason}: {REBUILD}")


def damaged_files(version_dir: Path, manifest: dict, names=None) -> dict[str, str]:
    """{file name: what is wrong} for the files (all listed, or ``names``) that do not verify."""
    listed = manifest.get("files", {})
    out = {}
    for filename in listed if names is None else names:
        file = Path(version_dir) / filename
        info = listed.get(filename)
        if info is None:
            out[filename] = "is not in the manifest"
            continue
        try:
            if not file.is_file():
                out[filename] = "is missing" if not file.exists() else "is not a regular file"
            elif file.stat().st_size != info["bytes"] or sha256_file(file) != info["sha256"]:
                out[filename] = "is corrupt (checksum mismatch)"
        except OSError as exc:
            out[filename] = f"cannot be read ({exc.strerror or exc})"
    return out


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_jsonl(path: Path, rows) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
