"""One index version loaded into memory, after its checksums and encoder have been checked."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from indexer import analysis, index_files
from indexer.bm25 import BM25
from indexer.encoders import Encoder, get_encoder
from indexer.vectors import faiss_contents, read_faiss

REBUILD_HINT = "rebuild with `mou-search index --rebuild`"


class EncoderMismatch(index_files.IndexError_):
    pass


class StaleAnalyzer(index_files.IndexError_):
    pass


class LoadedIndex:
    def __init__(self, index_dir: Path, encoder: Encoder | str | None = None, verify: bool = True) -> None:
        index_dir = Path(index_dir)
        version = index_files.current_version(index_dir)
        if version is None:
            raise index_files.IndexMissing(
                f"no index at {index_dir}: run `mou-search index` first")
        self.version_dir = version
        self.manifest = index_files.read_manifest(version, verify=verify)  # schema-checked
        self.encoder = self._encoder(encoder)
        built_with = self.manifest.get("config", {}).get("analyzer")
        if built_with != analysis.analyzer_fingerprint():
            raise StaleAnalyzer(
                f"{version}: the index's search terms were made by another version of the analyzer "
                f"(glossary or word lists changed): run `mou-search index` to update them "
                "(nothing is embedded again)")
        try:
            self._load(version)
        except index_files.IndexError_:
            raise
        except (OSError, ValueError, KeyError, TypeError, IndexError, RuntimeError, AttributeError) as exc:
            # Only reachable with verify=False or a file changed while loading: checksummed files
            # are exactly what the build wrote.
            raise index_files.IndexCorrupt(
                f"{version}: an index file cannot be read ({type(exc).__name__}: "
                f"{' '.join(str(exc).split())[:160]}): {REBUILD_HINT}") from None

    def _encoder(self, encoder: Encoder | str | None) -> Encoder:
        built = self.manifest["encoder"]
        if isinstance(encoder, str) and encoder != built["name"]:
            raise EncoderMismatch(
                f"index was built with encoder {built['name']} (dim {built['dim']}) but the "
                f"searcher is configured for {encoder}: {REBUILD_HINT} --encoder {encoder}")
        if encoder is None or isinstance(encoder, str):
            try:
                encoder = get_encoder(built["name"], **built.get("options", {}))
            except (ValueError, TypeError) as exc:  # an encoder this installation does not know
                raise EncoderMismatch(
                    f"{self.version_dir}: the index names encoder {built['name'][:80]!r}, which is "
                    f"not available here ({' '.join(str(exc).split())[:160]}): {REBUILD_HINT}") from None
        if encoder.name != built["name"] or encoder.dim != built["dim"]:
            raise EncoderMismatch(
                f"index was built with encoder {built['name']} (dim {built['dim']}) but the "
                f"searcher is configured for {encoder.name} (dim {encoder.dim}): "
                f"{REBUILD_HINT} --encoder {encoder.name}")
        return encoder

    def _load(self, version: Path) -> None:
        self.documents = {d["doc_id"]: d for d in index_files.read_jsonl(version / "documents.jsonl")}
        self.chunks = index_files.read_jsonl(version / "chunks.jsonl")
        for chunk in self.chunks:
            # Each chunk's analyzed terms are for incremental builds; the BM25 arrays hold them
            # for search. As Python strings they would be most of the memory of a large index.
            chunk.pop("terms", None)
        self.faiss = read_faiss(version)
        ids, self.chunk_vectors = faiss_contents(self.faiss)
        expected = np.array([c["id"] for c in self.chunks], dtype=np.int64)
        if len(ids) != len(expected) or not np.array_equal(ids, expected):
            raise index_files.IndexCorrupt(
                f"{version}: vector ids do not match chunks.jsonl: {REBUILD_HINT}")
        self.row_of_id = {int(i): row for row, i in enumerate(ids)}
        self.sentence_vectors = np.load(version / "sentence_vectors.npy", allow_pickle=False)
        self.bm25 = BM25.load(version)
        if self.bm25.n_docs != len(self.chunks):
            raise index_files.IndexCorrupt(f"{version}: BM25 and chunk counts differ: {REBUILD_HINT}")
        self.chunk_doc = [c["doc_id"] for c in self.chunks]

    @property
    def version(self) -> str:
        return self.manifest["version"]
