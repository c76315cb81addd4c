"""Indexes of the iApp splits with the bundled model, built in steps short enough for a shared
machine (each call embeds at most ``--max-new`` new contexts; run it again to continue).

The test and valid indexes are the ones ``mou-search eval --dataset iapp --split S`` uses (same
folders under ``.cache/mou-search-eval/``). The train index holds a fixed seeded sample of the
train contexts (``SAMPLE_CONTEXTS``), with every question asked about them: what
``eval/train_rerank.py`` learns from. Run under the shared lock::

    flock /tmp/mou-bench.lock python -m eval.iapp_indexes --split train --max-new 150
"""
from __future__ import annotations

import argparse
import os
import random
import time
from pathlib import Path

from eval.configs import EvalConfig
from eval.datasets import iapp

CACHE = Path(".cache/mou-search-eval")
SAMPLE_CONTEXTS = 400
SEED = 13


def index_dir(split: str) -> Path:
    return CACHE / f"iapp-{split}" / EvalConfig("hybrid").index_key()


def corpus_dir(split: str) -> Path:
    return CACHE / f"iapp-{split}" / "corpus"


def train_sample(data_dir: Path | None = None):
    """(documents, Thai questions) of the seeded train sample."""
    docs, thai, _ = iapp.load("train", data_dir)
    ids = sorted(docs)
    random.Random(SEED).shuffle(ids)
    keep = set(ids[:SAMPLE_CONTEXTS])
    return {d: docs[d] for d in ids if d in keep}, [q for q in thai if q.doc_id in keep], ids[:SAMPLE_CONTEXTS]


def build(split: str, max_new: int | None) -> None:
    """Add up to ``max_new`` (None: all) not yet indexed contexts of ``split`` and update its index."""
    from indexer.build import build_index

    if split == "train":
        docs, _, order = train_sample()
    else:
        docs, _, _ = iapp.load(split)
        order = sorted(docs)
    folder = corpus_dir(split)
    present = {str(p.relative_to(folder)) for p in folder.rglob("*.txt")} if folder.exists() else set()
    todo = [d for d in order if d not in present][:max_new]   # [:None] is all
    iapp.write_corpus({d: docs[d] for d in order if d in present or d in todo}, folder)
    print(f"{split}: {len(present)} contexts indexed before, adding {len(todo)} of "
          f"{len(order) - len(present)} left; load {os.getloadavg()}", flush=True)
    started = time.perf_counter()
    summary = build_index(folder, index_dir(split), config=EvalConfig("hybrid").build_config())
    print(f"  {summary.line()} ({time.perf_counter() - started:.0f} s); load {os.getloadavg()}")


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--split", choices=("train", "valid", "test"), required=True)
    p.add_argument("--max-new", type=int, default=150, help="contexts to embed in this call")
    args = p.parse_args(argv)
    build(args.split, args.max_new)


if __name__ == "__main__":
    main()
