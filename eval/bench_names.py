"""Query latency with and without the Thai spelling of an English question's names, alternated.

    flock /tmp/mou-bench.lock python -m eval.bench_names [--index DIR] [--split valid] [--n 360]

Each English question of an iApp split is searched (hybrid, k=10, one thread as the server runs)
twice in a row on the same loaded index: once with ``searcher.NAME_PASSAGES = 0`` (no names
looked for) and once as shipped, in alternating order. Before each search the query caches are
emptied, and so are the caches of ``indexer.name_sounds`` (passages' skeletons, the word edges
of Thai runs): every search pays for its names as on a fresh server. Thai questions do not look for
names and are not timed. Writes eval/reports/bench_names.{md,json}.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np

REPORTS = Path(__file__).resolve().parent / "reports"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--index", default=None, help="index folder (default: the split's iApp index of the eval cache)")
    p.add_argument("--split", default="valid", help="iApp split whose English questions are timed")
    p.add_argument("--n", type=int, default=360, help="questions timed")
    args = p.parse_args(argv)

    from eval.bench_answers import alternated_times, latency_summary
    from eval.datasets import iapp
    from eval.iapp_indexes import index_dir
    from indexer import name_sounds
    from search_api import searcher as searcher_module
    from search_api.serve_cli import one_thread_per_search

    one_thread_per_search(override=True)
    index = args.index or str(index_dir(args.split))
    _, _, english = iapp.load(args.split)
    questions = [q.text for q in english[:args.n]]
    searcher = searcher_module.Searcher(index)
    shipped = searcher_module.NAME_PASSAGES
    searcher.search("warm up", k=10)
    load_start = [round(x, 2) for x in os.getloadavg()]
    named = sum(bool(name_sounds.name_runs(q)) for q in questions)

    def use(side):
        searcher_module.NAME_PASSAGES = shipped if side == "with" else 0
    times = alternated_times(searcher, questions, {"without": use, "with": use},
                             clear=(name_sounds._word_edges.cache_clear, name_sounds._text_skeleton.cache_clear))
    searcher_module.NAME_PASSAGES = shipped
    load_end = [round(x, 2) for x in os.getloadavg()]
    out = {"index": index, "questions": len(questions), "naming_a_name": named,
           "name_passages": shipped, "load_average": {"start": load_start, "end": load_end},
           "generated": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    for side, values in times.items():
        out[side] = latency_summary(values)
    diff = np.array(times["with"]) - np.array(times["without"])
    out["with_minus_without_p50_ms"] = round(float(np.percentile(diff, 50)), 2)
    out["with_minus_without_p90_ms"] = round(float(np.percentile(diff, 90)), 2)
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "bench_names.json").write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    lines = ["# Query latency of looking for an English question's names in Thai script", "",
             "Regenerate: `flock /tmp/mou-bench.lock python -m eval.bench_names" +
             (f" --index {args.index}" if args.index else "") + f" --split {args.split} --n {args.n}`", "",
             f"{len(questions)} English iApp {args.split} questions ({named} name a name or a Thai word "
             f"the dictionary lacks) over `{index}`, hybrid, k=10, one thread, each timed with empty query and name "
             f"caches, with and without the names alternated query by query. Load average {load_start} "
             f"at start, {load_end} at end ({out['generated']}).", "",
             "| | p50 ms | p90 ms | p99 ms | mean ms |", "| --- | ---: | ---: | ---: | ---: |"]
    for side in ("without", "with"):
        r = out[side]
        lines.append(f"| {side} names | {r['p50_ms']} | {r['p90_ms']} | {r['p99_ms']} | {r['mean_ms']} |")
    lines += ["", f"Per-question difference (with - without): median {out['with_minus_without_p50_ms']} ms, "
              f"90th percentile {out['with_minus_without_p90_ms']} ms."]
    (REPORTS / "bench_names.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
