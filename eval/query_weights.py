"""What running questions on the int8 graph costs retrieval and answers, against the 4-bit graph.

Passages are embedded by the 4-bit graph either way (the same cached indexes); only the
question vectors differ (``MOU_SEARCH_E5_QUERY_WEIGHTS``, ``indexer/encoders/e5.py``). Runs
``mou-search eval`` once per weights, dataset and split, in child processes, and writes
``eval/reports/query_int8.{md,json}`` with the figures side by side and the time one question
takes on each graph (one thread, in this process)::

    flock /tmp/mou-bench.lock python -m eval.query_weights --runs iapp:valid,thaigov:dev --modes hybrid,dense

Choose on valid and dev; ``iapp:test`` and ``thaigov:test`` report what the choice gives.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPORT = Path("eval/reports/query_int8")
WEIGHTS = ("q4", "int8")
METRICS = (("document/recall@1", "D R@1"), ("passage/recall@1", "P R@1"), ("document/mrr@10", "D MRR@10"),
           ("answer/answer@1", "answer@1"), ("answer/span@1", "span@1"))


def run_eval(weights: str, dataset: str, split: str, modes: str, reports: Path) -> dict:
    env = {**os.environ, "MOU_SEARCH_E5_QUERY_WEIGHTS": weights, "PYTHAINLP_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}
    out = reports / weights
    subprocess.run([sys.executable, "-m", "search_api.cli", "eval", "--dataset", dataset, "--split", split,
                    "--modes", modes, "--reports", str(out), "--no-chart", "-q"], env=env, check=True)
    return json.loads((out / f"{dataset}-{split}" / "report.json").read_text(encoding="utf-8"))


def question_times(questions: list[str]) -> dict:
    from indexer.encoders.e5 import E5SmallQ4

    encoders = {w: E5SmallQ4("onnx", threads=1, query_weights=w) for w in WEIGHTS}
    times: dict[str, list[float]] = {w: [] for w in WEIGHTS}
    cosines = []
    for q in questions[:5]:
        for e in encoders.values():
            e.encode([q], "query")
    for q in questions:
        vectors = {}
        for w, e in encoders.items():   # alternated, so both see the same machine
            t = time.perf_counter()
            vectors[w] = e.encode([q], "query")[0]
            times[w].append((time.perf_counter() - t) * 1000)
        cosines.append(float(vectors["q4"] @ vectors["int8"]))
    return {"questions": len(questions),
            **{w: {"p50_ms": round(float(np.percentile(t, 50)), 2), "p99_ms": round(float(np.percentile(t, 99)), 2)}
               for w, t in times.items()},
            "cosine_min": round(min(cosines), 4), "cosine_mean": round(float(np.mean(cosines)), 4)}


def markdown(data: dict) -> str:
    t = data["timing"]
    lines = ["# Questions on the int8 graph against the 4-bit graph", "",
             f"Regenerate: `{data['command']}`", "",
             f"Load average {data['load_before']} at the start ({data['utc']}), {data['load_after']} at the end; "
             "2 cores. Same indexes (passages embedded by the 4-bit graph); only the question vectors differ.", "",
             f"One question, one thread ({t['questions']} iApp questions, Thai and English, alternating graphs): "
             f"4-bit p50 {t['q4']['p50_ms']} ms / p99 {t['q4']['p99_ms']} ms; "
             f"int8 p50 {t['int8']['p50_ms']} ms / p99 {t['int8']['p99_ms']} ms. "
             f"Cosine of the two vectors of a question: min {t['cosine_min']}, mean {t['cosine_mean']}.", ""]
    header = "| dataset | mode | pair | n | " + " | ".join(f"{label} q4 | {label} int8" for _, label in METRICS) + " |"
    lines += [header, "|" + " --- |" * 4 + " ---: |" * (2 * len(METRICS))]
    for run in data["runs"]:
        for mode, pairs in run["results"]["q4"].items():
            for pair, row in pairs.items():
                other = run["results"]["int8"][mode][pair]
                cells = []
                for key, _ in METRICS:
                    a, b = row.get(key), other.get(key)
                    cells += ["-" if a is None else f"{a:.3f}", "-" if b is None else f"{b:.3f}"]
                lines.append(f"| {run['dataset']}-{run['split']} | {mode} | {pair} | {row['n']} | "
                             + " | ".join(cells) + " |")
    lines += ["", "D = document level, P = passage level; answer@1 and span@1 as `mou-search eval` defines them "
              "(the marked sentence / span of the rank-1 passage holds a gold answer)."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.query_weights", description=__doc__.split("\n")[0])
    p.add_argument("--runs", default="iapp:valid,thaigov:dev", help="dataset:split,... (mou-search eval)")
    p.add_argument("--modes", default="hybrid,dense")
    p.add_argument("--questions", type=int, default=300, help="questions timed on each graph")
    p.add_argument("--reports", type=Path, default=REPORT)
    args = p.parse_args(argv)
    from eval.bench_api import iapp_questions

    data = {"command": "python -m eval.query_weights " + " ".join(argv if argv is not None else sys.argv[1:]),
            "utc": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load_before": list(os.getloadavg()),
            "timing": question_times(iapp_questions()[:args.questions]), "runs": []}
    with tempfile.TemporaryDirectory(prefix="mou-query-weights-") as tmp:
        for spec in args.runs.split(","):
            dataset, split = spec.split(":")
            results = {}
            for w in WEIGHTS:
                report = run_eval(w, dataset, split, args.modes, Path(tmp))
                results[w] = {mode: {pair: {"n": max(v["n"] for v in metrics.values()),
                                            **{k: v["mean"] for k, v in metrics.items()}}
                                     for pair, metrics in by_pair.items()}
                              for mode, by_pair in report["results"].items()}
            data["runs"].append({"dataset": dataset, "split": split, "results": results})
    data["load_after"] = list(os.getloadavg())
    args.reports.parent.mkdir(parents=True, exist_ok=True)
    args.reports.with_suffix(".json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    args.reports.with_suffix(".md").write_text(markdown(data), encoding="utf-8")
    print(markdown(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
