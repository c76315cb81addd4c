"""Query latency with and without the learned answer models, alternated query by query.

    flock /tmp/mou-bench.lock python -m eval.bench_answers [--index DIR] [--n 200]

Each question is searched (hybrid, k=10, one thread as the server runs) twice in a row on the
same loaded index, once with the hand-set ranking and sentence choice (``models = None``) and
once with the learned reranking, sentence, span and confidence, in alternating order; before
each search the query-embedding cache, the answer-kind flags and the word-segmentation cache
are emptied, so both include embedding the question as on a fresh server. Questions: iApp
test (Thai, then the English ones). Writes eval/reports/bench_answers.{md,json}. With
``--against FILE`` the other side is that model file's models instead of the hand-set choice
(the shipped models against an earlier file: what a change of the models costs), written to
eval/reports/bench_answers_against.{md,json}::

    python -m eval.bench_answers --against OLD_MODEL_FILE --n 400
"""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np

REPORTS = Path(__file__).resolve().parent / "reports"


def alternated_times(searcher, questions: list[str], sides: dict, clear=()) -> dict[str, list[float]]:
    """Milliseconds of each question's search (hybrid, k=10) per side, the sides alternated
    question by question (``sides``: name -> a callable given the name, which sets the side
    up); before each search the query caches are emptied and every ``clear`` callable run."""
    from search_api import answer_span

    times: dict[str, list[float]] = {name: [] for name in sides}
    names = list(sides)
    for n, q in enumerate(questions):
        for name in (names if n % 2 == 0 else names[::-1]):
            sides[name](name)
            searcher.forget_queries()
            answer_span._words_fine.cache_clear()
            for forget in clear:
                forget()
            t = time.perf_counter()
            searcher.search(q, k=10)
            times[name].append((time.perf_counter() - t) * 1000)
    return times


def latency_summary(values: list[float]) -> dict[str, float]:
    """p50, p90, p99 and mean of ``values`` (ms), rounded to 0.01."""
    a = np.array(values)
    return {"p50_ms": round(float(np.percentile(a, 50)), 2), "p90_ms": round(float(np.percentile(a, 90)), 2),
            "p99_ms": round(float(np.percentile(a, 99)), 2), "mean_ms": round(float(a.mean()), 2)}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--index", default=None, help="index folder (default: the iApp test index of the eval cache)")
    p.add_argument("--n", type=int, default=200, help="questions timed")
    p.add_argument("--against", default=None, help="a model file timed instead of the hand-set choice")
    args = p.parse_args(argv)
    from eval.datasets import iapp
    from eval.iapp_indexes import index_dir
    from search_api import rerank
    from search_api.serve_cli import one_thread_per_search

    one_thread_per_search(override=True)
    from search_api.searcher import Searcher

    index = args.index or str(index_dir("test"))
    _, thai, english = iapp.load("test")
    questions = [q.text for q in thai[:max(0, args.n - 40)]] + [q.text for q in english[:40]]
    searcher = Searcher(index)
    models = searcher.models
    other = rerank.load_models(args.against) if args.against else None
    base = "against" if args.against else "hand"
    searcher.search("warm up", k=10)
    load_start = [round(x, 2) for x in os.getloadavg()]

    def use(name):
        searcher.models = other if name == base else models
    times = alternated_times(searcher, questions, {base: use, "learned": use})
    searcher.models = models
    load_end = [round(x, 2) for x in os.getloadavg()]
    out = {"index": index, "chunks": len(searcher.index.chunks), "questions": len(questions),
           "load_average": {"start": load_start, "end": load_end}, "generated": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    for name, values in times.items():
        out[name] = latency_summary(values)
    diff = np.array(times["learned"]) - np.array(times[base])
    out[f"learned_minus_{base}_p50_ms"] = round(float(np.percentile(diff, 50)), 2)
    if args.against:
        out["against_file"] = args.against
    name = "bench_answers_against" if args.against else "bench_answers"
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / f"{name}.json").write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    lines = [f"# Query latency: {'the model file ' + repr(args.against) if args.against else 'hand-set'} "
             "vs the shipped learned answers", "",
             "Regenerate: `flock /tmp/mou-bench.lock python -m eval.bench_answers" +
             (f" --index {args.index}" if args.index else "") + f" --n {args.n}" +
             (f" --against {args.against}" if args.against else "") + "`", "",
             f"{out['questions']} iApp test questions over `{index}` ({out['chunks']} chunks), hybrid, k=10, "
             f"one thread, each timed with an empty query cache, the two alternated query by query. "
             f"Load average {load_start} at start, {load_end} at end ({out['generated']}).", "",
             "| | p50 ms | p90 ms | p99 ms | mean ms |", "| --- | ---: | ---: | ---: | ---: |"]
    for side in (base, "learned"):
        r = out[side]
        lines.append(f"| {side} | {r['p50_ms']} | {r['p90_ms']} | {r['p99_ms']} | {r['mean_ms']} |")
    lines += ["", f"Median of the per-question difference (learned - {base}): {out[f'learned_minus_{base}_p50_ms']} ms."]
    (REPORTS / f"{name}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
