"""The large corpus of the speed and API benchmarks: iApp contexts copied under distinct ids.

    WORK/corpus/repNNNNN/<context id>.txt   copies of the contexts of one iApp split
    WORK/index                              the one index both benchmarks grow and shrink
    WORK/chunks_per_context.json            chunks of each context, from a build of one copy

``eval/bench_speed.py`` and ``eval/bench_api.py`` share this folder, so the ~100,000-chunk index
is built once for both. A size in chunks is met closely: whole copies, then as many contexts of
one more copy as still fit. Identical text is embedded once (vectors are reused by content) and
cut into sentences once per build, so a copy costs reading, BM25 and writing, not the model.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Callable

WORK = Path("/tmp/mou-bench-iapp")
COUNTS = "chunks_per_context.json"


def contexts(split: str = "test") -> list[tuple[str, dict]]:
    """The distinct contexts of one iApp split, as (name, {"title", "text"}), in a fixed order."""
    from eval.datasets import iapp

    docs, _, _ = iapp.load(split)
    return sorted((doc_id.split("/")[-1], doc) for doc_id, doc in docs.items())


def seed_index(index: Path, candidates: list[Path]) -> Path | None:
    """Copy the live version of the first candidate index into an empty ``index``: its vectors
    are then reused by content, so the contexts are not embedded again. The seed returned, if any."""
    from indexer import index_files

    if index.exists() and index_files.current_version(index) is not None:
        return None
    for seed in candidates:
        try:
            live = index_files.current_version(seed) if seed.exists() else None
        except index_files.IndexError_:
            live = None
        if live is None:
            continue
        index.mkdir(parents=True, exist_ok=True)
        shutil.copytree(live, index / index_files.VERSIONS / live.name, dirs_exist_ok=True)
        (index / index_files.CURRENT).write_text(live.name + "\n", encoding="utf-8")
        return seed
    return None


def _write(folder: Path, rep: int, docs: list[tuple[str, dict]]) -> None:
    """``folder/repNNNNN`` holding exactly ``docs`` (files already there are left untouched)."""
    from eval.datasets.iapp import write_corpus

    sub = folder / f"rep{rep:05d}"
    wanted = {name for name, _ in docs}
    if sub.exists():
        for path in sub.iterdir():
            if path.name not in wanted:
                path.unlink()
    missing = {name: doc for name, doc in docs if not (sub / name).exists()}
    write_corpus({f"rep{rep:05d}/{name}": doc for name, doc in missing.items()}, folder)


def chunks_per_context(work: Path, docs: list[tuple[str, dict]], split: str,
                       build: Callable[[Path, Path], object]) -> dict[str, int]:
    """Chunks of each context (cached in ``work``); measured with ``build(corpus, index)`` of one
    copy into the shared index when not known yet."""
    cache = work / COUNTS
    if cache.exists():
        known = json.loads(cache.read_text(encoding="utf-8"))
        if known.get("split") == split and set(known["chunks"]) == {n for n, _ in docs}:
            return known["chunks"]
    from indexer.index_files import current_version, read_jsonl

    base = work / "base"
    shutil.rmtree(base, ignore_errors=True)
    _write(base, 0, docs)
    build(base, work / "index")
    counts = {name: 0 for name, _ in docs}
    for chunk in read_jsonl(current_version(work / "index") / "chunks.jsonl"):
        counts[chunk["doc_id"].split("/")[-1]] += 1
    cache.write_text(json.dumps({"split": split, "chunks": counts}, indent=1) + "\n", encoding="utf-8")
    return counts


def write_corpus(work: Path, docs: list[tuple[str, dict]], counts: dict[str, int], target: int) -> dict:
    """Make ``work/corpus`` hold about ``target`` chunks of copies; what it holds, as a dict."""
    per_copy = sum(counts.values())
    full, rest = divmod(max(target, 1), per_copy)
    partial = []
    for name, doc in docs:
        if counts[name] > rest:
            break
        partial.append((name, doc))
        rest -= counts[name]
    corpus = work / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for rep in range(full):
        _write(corpus, rep, docs)
    if partial:
        _write(corpus, full, partial)
    last = full + (1 if partial else 0)
    for extra in corpus.glob("rep*"):
        if int(extra.name[3:]) >= last:
            shutil.rmtree(extra)
    return {"corpus": str(corpus), "copies": full, "partial_contexts": len(partial),
            "documents": full * len(docs) + len(partial),
            "chunks": full * per_copy + sum(counts[n] for n, _ in partial)}
