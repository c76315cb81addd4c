"""Indexes of the iApp splits with the bundled model, built in steps short enough for a shared
machine (each call embeds at most ``--max-new`` new contexts; run it again to continue).

The test and valid indexes are the ones ``mou-search eval --dataset iapp --split S`` uses (same
folders under ``.cache/mou-search-eval/``). The train index holds a fixed seeded sample of the
train contexts (``SAMPLE_CONTEXTS``), with every question asked about them: what
``eval/train_rerank.py`` learns from. The rest of train is cut, in the same seeded order, into
further *shards* of that size (``--shard 1``, ``2``, ``3``), each an index of its own, so that a
question is searched among as many contexts in every shard as in valid and test (a bigger index
would change the evidence the models learn from), and ``train_rerank --shards 4`` learns from
all of train. Run under the shared lock::

    flock /tmp/mou-bench.lock python -m eval.iapp_indexes --split train --max-new 150
    flock /tmp/mou-bench.lock python -m eval.iapp_indexes --split train --shard 1 --max-new 400
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


def _folder(split: str, shard: int) -> Path:
    return CACHE / (f"iapp-{split}" if not shard else f"iapp-{split}-{shard}")


def index_dir(split: str, shard: int = 0) -> Path:
    return _folder(split, shard) / EvalConfig("hybrid").index_key()


def corpus_dir(split: str, shard: int = 0) -> Path:
    return _folder(split, shard) / "corpus"


def train_shards(data_dir: Path | None = None) -> int:
    """How many shards of ``SAMPLE_CONTEXTS`` contexts train holds (the last one smaller)."""
    docs, _, _ = iapp.load("train", data_dir)
    return -(-len(docs) // SAMPLE_CONTEXTS)


def train_sample(data_dir: Path | None = None, shard: int = 0):
    """(documents, Thai questions, context ids in order) of one shard of train's seeded order;
    shard 0 is the sample the train index has always held."""
    docs, thai, _ = iapp.load("train", data_dir)
    ids = sorted(docs)
    random.Random(SEED).shuffle(ids)
    order = ids[shard * SAMPLE_CONTEXTS:(shard + 1) * SAMPLE_CONTEXTS]
    keep = set(order)
    return {d: docs[d] for d in ids if d in keep}, [q for q in thai if q.doc_id in keep], order


def build(split: str, max_new: int | None, shard: int = 0) -> None:
    """Add up to ``max_new`` (None: all) not yet indexed contexts of ``split`` (of one shard of
    train) and update its index."""
    from indexer.build import build_index

    if split == "train":
        docs, _, order = train_sample(shard=shard)
    elif shard:
        raise ValueError("only train has shards")
    else:
        docs, _, _ = iapp.load(split)
        order = sorted(docs)
    folder = corpus_dir(split, shard)
    present = {str(p.relative_to(folder)) for p in folder.rglob("*.txt")} if folder.exists() else set()
    todo = [d for d in order if d not in present][:max_new]   # [:None] is all
    iapp.write_corpus({d: docs[d] for d in order if d in present or d in todo}, folder)
    name = split if not shard else f"{split} shard {shard}"
    print(f"{name}: {len(present)} contexts indexed before, adding {len(todo)} of "
          f"{len(order) - len(present)} left; load {os.getloadavg()}", flush=True)
    started = time.perf_counter()
    summary = build_index(folder, index_dir(split, shard), config=EvalConfig("hybrid").build_config())
    print(f"  {summary.line()} ({time.perf_counter() - started:.0f} s); load {os.getloadavg()}")


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--split", choices=("train", "valid", "test"), required=True)
    p.add_argument("--shard", type=int, default=0,
                   help="train only: which shard of SAMPLE_CONTEXTS contexts (0: the sample train_rerank "
                        "has always learned from)")
    p.add_argument("--max-new", type=int, default=150, help="contexts to embed in this call")
    args = p.parse_args(argv)
    if args.shard and args.split != "train":
        p.error("--shard is for --split train")
    build(args.split, args.max_new, args.shard)


if __name__ == "__main__":
    main()
