"""Put a hand-written agreements.json (the contract of docs AGREEMENTS / README) into the live
version of an index, listed in its manifest with its checksum as the builder lists it."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from indexer import index_files

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
if not SEEDS.is_dir():
    SEEDS = Path("/work/shared/seeds")
FIXTURE = Path(__file__).resolve().parent / "data" / "agreements" / "seeds_agreements.json"


def install(index_dir: Path, source: Path = FIXTURE) -> Path:
    version = index_files.current_version(index_dir)
    target = version / "agreements.json"
    shutil.copyfile(source, target)
    manifest_path = version / index_files.MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["files"]["agreements.json"] = {"sha256": index_files.sha256_file(target),
                                            "bytes": target.stat().st_size}
    index_files.write_manifest(version, manifest)   # with its digest, manifest.sha256
    return target


def remove(index_dir: Path) -> None:
    """The live version as an older build left it: no agreements.json, none in the manifest."""
    version = index_files.current_version(index_dir)
    (version / "agreements.json").unlink(missing_ok=True)
    manifest_path = version / index_files.MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["files"].pop("agreements.json", None)
    index_files.write_manifest(version, manifest)
