"""Where a search's time goes: CPU time of the search thread per step, in process.

Wraps the Searcher's steps (and the functions they call) with timers, sends fresh iApp
questions (each once: the query cache never helps) and prints the mean milliseconds of CPU
time per search of each step (thread time: other processes' load changes it less than wall
time). The question is tokenized on the search thread and run through the model on another
thread while the search thread analyses it and scores BM25, so ``_embedded`` is timed on that
thread and added to the search thread's time for the total. Steps nest: ``candidates`` holds ``_dense_candidates`` and the rest. Writes
``eval/reports/stages.{md,json}``::

    flock /tmp/mou-bench.lock python -m eval.bench_stages --index /tmp/mou-bench-scale/new100000
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

REPORT = Path("eval/reports/stages")
STEPS = ("candidates", "_embedded", "_dense_candidates", "_sentence_cos", "_typed", "_learned_order",
         "_page_logits", "_hit", "sentence_evidence")


def timed(acc: dict, label: str, fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        started = time.thread_time()
        try:
            return fn(*args, **kwargs)
        finally:
            acc[label] += time.thread_time() - started
    return wrapper


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.bench_stages", description=__doc__.split("\n")[0])
    p.add_argument("--index", required=True, help="index folder")
    p.add_argument("--questions", type=int, default=200, help="fresh questions timed (after 20 to warm up)")
    args = p.parse_args(argv)
    os.environ.setdefault("MOU_SEARCH_ENCODER_THREADS", "1")   # as the server runs it
    import faiss

    import search_api.searcher as searcher_module
    from eval.bench_api import iapp_questions

    faiss.omp_set_num_threads(1)
    acc: dict[str, float] = defaultdict(float)
    for name in STEPS:
        setattr(searcher_module.Searcher, name, timed(acc, name, getattr(searcher_module.Searcher, name)))
    searcher_module.choose = timed(acc, "choose (in _hit)", searcher_module.choose)
    searcher = searcher_module.Searcher(args.index)
    bm25 = searcher.index.bm25
    bm25.scores = timed(acc, "bm25 scores", bm25.scores)
    questions = iapp_questions()
    for q in questions[:20]:
        searcher.search(q)
    acc.clear()
    timed_questions = questions[20:20 + args.questions]
    started = time.thread_time()
    for q in timed_questions:
        searcher.search(q)
    # the search thread's time, plus the encoder's on its own thread
    total = ((time.thread_time() - started) + acc["_embedded"]) / len(timed_questions) * 1000
    steps = {k: round(v / len(timed_questions) * 1000, 2) for k, v in sorted(acc.items(), key=lambda x: -x[1])}
    result = {"index": args.index, "chunks": searcher.store.n_chunks, "questions": len(timed_questions),
              "search_ms": round(total, 2), "steps_ms": steps, "load_average": list(os.getloadavg()),
              "command": "python -m eval.bench_stages " + " ".join(argv if argv is not None else sys.argv[1:])}
    lines = ["# Where a search's time goes (CPU time of the search thread, in process)", "",
             f"Command: `{result['command']}`; {result['chunks']:,} chunks, {len(timed_questions)} fresh iApp "
             f"questions, load average {[round(x, 2) for x in result['load_average']]}.", "",
             f"Search, all steps: **{result['search_ms']} ms** of CPU per question.", "",
             "| step (nested: `candidates` holds `_dense_candidates`, ...; `_embedded` runs beside it) "
             "| ms per search |",
             "| --- | ---: |"] + [f"| `{k}` | {v} |" for k, v in steps.items()]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.with_suffix(".json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    REPORT.with_suffix(".md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
