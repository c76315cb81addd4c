"""Speed benchmark: indexing throughput, query latency by mode and size, memory, index size.

    mou-search eval speed [--sizes 1000,10000,100000] [--queries 60] [--throughput-docs 32]
    python -m eval.bench_speed ...            (the same)

* Indexing throughput: a fresh build of the first ``--throughput-docs`` iApp contexts, encoder
  tokens per second end to end (reading, sentence cutting, chunking, BM25, embedding, writing)
  and for the embedding step alone, against the encoder alone on exactly the same texts.
* Query latency: iApp contexts repeated under distinct doc ids until the index holds about each
  size in chunks (``eval/bench_corpus.py``: identical text is embedded once, so big corpora are
  cheap to build; the index is shared with ``eval/bench_api.py``, which then finds it built), then
  ``--queries`` iApp questions (Thai and English) per mode, the query-embedding cache emptied
  before each so every timing includes embedding the question, as a new user query would.
* Memory: each step runs in its own forked process; its peak resident set size (``wait4``
  rusage) is reported. Index size: bytes of the live index version on disk.

The copies and their index are in ``/tmp/mou-bench-iapp/`` (the throughput build in its
``throughput/``); ``eval/reports/speed.md`` and ``speed.json`` are written.
The CPU is shared with other work on these machines: the report records the load average.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

from eval.bench_corpus import WORK
MODES = ("dense", "lexical", "hybrid")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sizes", default="1000,10000,100000", help="index sizes in chunks (default: 1000,10000,100000)")
    p.add_argument("--queries", type=int, default=60, help="queries timed per mode and size (default: 60)")
    p.add_argument("--throughput-docs", type=int, default=32,
                   help="iApp contexts in the throughput build (default: 32)")
    p.add_argument("--split", default="test", help="iApp split the texts come from (default: test)")
    p.add_argument("--work-dir", default=str(WORK), help=f"scratch folder (default: {WORK})")
    p.add_argument("--seed-index", default=None,
                   help="an index of the same iApp split to copy first so its vectors are reused "
                        "(default: the `mou-search eval --dataset iapp` cache, if present)")
    p.add_argument("--reports", default="eval/reports", help="where speed.md/.json go (default: eval/reports)")


def in_child(fn, *args):
    """Run ``fn(*args)`` in a forked process: (its JSON-able result, its peak RSS in MiB)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(r)
        try:
            payload = json.dumps({"ok": fn(*args)})
        except BaseException as exc:  # report, never fall through into the parent's code
            payload = json.dumps({"error": f"{type(exc).__name__}: {exc}"})
        with os.fdopen(w, "w") as f:
            f.write(payload)
        os._exit(0)
    os.close(w)
    with os.fdopen(r) as f:
        data = json.loads(f.read() or '{"error": "child died"}')
    _, _, usage = os.wait4(pid, 0)
    if "error" in data:
        raise RuntimeError(data["error"])
    return data["ok"], round(usage.ru_maxrss / 1024, 1)


def _dir_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# -- steps (each runs in a child process) -------------------------------------------------
def step_throughput(docs: list[tuple[str, dict]], work: str) -> dict:
    from indexer.build import build_index, passage_text, BuildConfig
    from indexer.embedding import embed_texts
    from indexer.encoders import get_encoder
    from indexer.index_files import current_version, read_jsonl

    from eval.datasets.iapp import write_corpus

    work = Path(work)
    shutil.rmtree(work, ignore_errors=True)
    corpus = write_corpus(dict(docs), work / "corpus")
    encoder = get_encoder()
    summary = build_index(corpus, work / "index", encoder, rebuild=True)
    version = current_version(work / "index")
    records = read_jsonl(version / "documents.jsonl")
    chunks = read_jsonl(version / "chunks.jsonl")
    by_doc = {d["doc_id"]: d for d in records}
    texts: dict[str, str] = {}
    config = BuildConfig()
    for c in chunks:
        d = by_doc[c["doc_id"]]
        texts.setdefault(c["embed_key"], passage_text(d["title"], d["text"][c["start"]:c["end"]], config))
    for d in records:
        for key, (a, b) in zip(d["sentence_keys"], d["sentences"]):
            texts.setdefault(key, d["text"][a:b])
    items = list(texts.values())
    tokens = sum(encoder.count_tokens(t) for t in items)
    started = time.perf_counter()
    embed_texts(encoder, items, "passage")
    alone = time.perf_counter() - started
    return {"documents": summary.documents, "chunks": summary.chunks, "texts": len(items),
            "embedded_texts": summary.embedded_texts, "tokens": tokens,
            "embedded_tokens": summary.embedded_tokens, "build_seconds": summary.seconds,
            "embed_seconds": summary.embed_seconds, "encoder_alone_seconds": alone,
            "index_bytes": _dir_bytes(version)}


def step_build(corpus: str, index: str) -> dict:
    from indexer.build import build_index
    from indexer.index_files import current_version, read_manifest

    live = current_version(Path(index)) if Path(index).exists() else None
    before = read_manifest(live, verify=False)["counts"]["chunks"] if live else 0
    summary = build_index(Path(corpus), Path(index))
    version = current_version(Path(index))
    return {"documents": summary.documents, "chunks": summary.chunks, "seconds": summary.seconds,
            "chunks_before": before,
            "embedded_texts": summary.embedded_texts, "index_bytes": _dir_bytes(version),
            "files": {p.name: p.stat().st_size for p in version.iterdir() if p.is_file()}}


def step_latency(index: str, queries: list[str]) -> dict:
    # As `mou-search serve` runs queries. With the default, FAISS's threads spun against other
    # work on a shared 2-core machine: a dense query at 100k chunks took seconds.
    from search_api.serve_cli import one_thread_per_search

    one_thread_per_search(override=True)
    from search_api.searcher import Searcher

    started = time.perf_counter()
    searcher = Searcher(index)
    load_seconds = time.perf_counter() - started
    searcher.search("warm up", k=10, mode="hybrid")
    out = {"load_seconds": load_seconds, "chunks": len(searcher.index.chunks), "modes": {},
           "load_average_before": [round(x, 2) for x in os.getloadavg()]}
    out["modes"] = time_queries(searcher, queries)
    return out


def time_queries(searcher, queries: list[str]) -> dict:
    """{mode: p50/p99/mean/max ms} of ``searcher.search(q, k=10)``, each query timed as on a
    fresh server: it includes embedding the question and testing the pooled chunks."""
    import numpy as np

    out = {}
    for mode in MODES:
        times = []
        for q in queries:
            searcher.forget_queries()
            t = time.perf_counter()
            searcher.search(q, k=10, mode=mode)
            times.append((time.perf_counter() - t) * 1000)
        a = np.array(times)
        out[mode] = {"p50_ms": float(np.percentile(a, 50)), "p99_ms": float(np.percentile(a, 99)),
                     "mean_ms": float(a.mean()), "max_ms": float(a.max()), "n": len(times)}
    return out


# -- driver -------------------------------------------------------------------------------
def run(args) -> int:
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    from eval.datasets import iapp
    from eval.report import machine

    work = Path(args.work_dir)
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in str(args.sizes).split(",") if s.strip()]
    docs_map, thai, english = iapp.load(args.split)
    docs = sorted(docs_map.items())
    n_q = args.queries
    queries = [q.text for q in english[: n_q // 3]] + [q.text for q in thai[: n_q - min(len(english), n_q // 3)]]
    result = {"machine_before": machine(), "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
              "split": args.split, "queries": len(queries)}
    log = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731

    log(f"throughput: fresh build of {args.throughput_docs} contexts")
    t, rss = in_child(step_throughput, docs[: args.throughput_docs], str(work / "throughput"))
    t["peak_rss_mib"] = rss
    t["tokens_per_second_end_to_end"] = t["embedded_tokens"] / t["build_seconds"]
    t["tokens_per_second_embed_step"] = t["embedded_tokens"] / t["embed_seconds"]
    t["tokens_per_second_encoder_alone"] = t["tokens"] / t["encoder_alone_seconds"]
    result["throughput"] = t
    log(f"  {t['tokens_per_second_end_to_end']:.0f} tokens/s end to end, "
        f"{t['tokens_per_second_encoder_alone']:.0f} encoder alone")

    from eval import bench_corpus

    index = work / "index"
    seed = Path(args.seed_index) if args.seed_index else \
        Path(".cache/mou-search-eval") / f"iapp-{args.split}" / "e5-small-q4-t160-m256-o48-title1"
    if bench_corpus.seed_index(index, [seed]):
        log(f"seeded {index} from {seed} (its vectors are reused)")
    contexts = bench_corpus.contexts(args.split)

    def build_base(corpus: Path, index: Path) -> None:
        base, rss = in_child(step_build, str(corpus), str(index))
        result["base"] = {"documents": base["documents"], "chunks": base["chunks"],
                          "seconds": base["seconds"], "peak_rss_mib": rss}

    counts = bench_corpus.chunks_per_context(work, contexts, args.split, build_base)
    result["chunks_per_copy"] = sum(counts.values())
    result["sizes"] = []
    for size in sizes:
        held = bench_corpus.write_corpus(work, contexts, counts, size)
        log(f"size ~{size} chunks: {held['copies']} copies of {len(contexts)} contexts "
            f"and {held['partial_contexts']} more")
        built, build_rss = in_child(step_build, held["corpus"], str(index))
        lat, search_rss = in_child(step_latency, str(index), queries)
        row = {"target": size, "copies": held["copies"], "partial_contexts": held["partial_contexts"],
               "documents": built["documents"], "chunks": built["chunks"],
               "build_seconds": built["seconds"], "embedded_texts": built["embedded_texts"],
               "build_from_chunks": built["chunks_before"],
               "build_peak_rss_mib": build_rss, "index_bytes": built["index_bytes"], "files": built["files"],
               "search_peak_rss_mib": search_rss, "load_seconds": lat["load_seconds"], "modes": lat["modes"],
               "load_average_before_latency": lat["load_average_before"]}
        result["sizes"].append(row)
        log("  " + ", ".join(f"{m} p50 {v['p50_ms']:.0f} ms p99 {v['p99_ms']:.0f} ms" for m, v in lat["modes"].items()))
    result["machine_after"] = machine()
    reports = Path(args.reports)
    reports.mkdir(parents=True, exist_ok=True)
    (reports / "speed.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    (reports / "speed.md").write_text(markdown(result, args), encoding="utf-8")
    print(f"wrote {reports / 'speed.md'} and speed.json")
    return 0


def markdown(r: dict, args) -> str:
    m0, m1 = r["machine_before"], r["machine_after"]
    t = r["throughput"]
    cmd = "mou-search eval speed" + (f" --sizes {args.sizes}" if args.sizes != "1000,10000,100000" else "") \
        + (f" --queries {args.queries}" if args.queries != 60 else "")
    lines = ["# Speed benchmark", "", f"Regenerate with `{cmd}` (from the repository root; takes minutes).", "",
             f"- Machine: {m0['cores']} cores, {m0['cpu']}; Python {m0['python']}; {m0['platform']}.",
             f"- Load average (1, 5, 15 min) {m0['load_average']} at the start, {m1['load_average']} at the end: "
             "the CPU is shared with other work, so absolute times are pessimistic and noisy; "
             "compare rows of one run rather than runs.",
             f"- Started {r['started']}; iApp {r['split']} split contexts; bundled model `e5-small-q4`.", "",
             "## Indexing throughput", "",
             f"A fresh build of {t['documents']} contexts: {t['chunks']} chunks, {t['texts']} distinct texts "
             f"(chunks with title, and sentences) embedded, {t['embedded_tokens']:,} encoder tokens.", "",
             "| measure | seconds | encoder tokens/s |", "| --- | ---: | ---: |",
             f"| end to end (`build_index`: read, split, chunk, BM25, embed, write) | {t['build_seconds']:.1f} | "
             f"{t['tokens_per_second_end_to_end']:.0f} |",
             f"| embedding step inside the build | {t['embed_seconds']:.1f} | {t['tokens_per_second_embed_step']:.0f} |",
             f"| encoder alone on the same texts, batches of 32 | {t['encoder_alone_seconds']:.1f} | "
             f"{t['tokens_per_second_encoder_alone']:.0f} |", "",
             f"Peak RSS of the build process {t['peak_rss_mib']} MiB; index on disk "
             f"{t['index_bytes'] / 2**20:.1f} MiB.", "",
             "## Query latency by index size", "",
             f"{r['queries']} iApp questions (a third English, the rest Thai), top 10, one at a time; the "
             "query-embedding cache and the per-chunk answer-kind flags are emptied before each query, so "
             "every time includes embedding the question and testing the pooled chunks, as a new query would "
             "on a fresh server. p99 over this few queries is close to the maximum. In-process `Searcher.search` "
             "with one OpenMP/BLAS thread, as `mou-search serve` runs it; no HTTP.", "",
             "| chunks | documents | dense p50 / p99 ms | lexical p50 / p99 ms | hybrid p50 / p99 ms | "
             "index on disk | build s (from chunks) | build peak RSS | search peak RSS | load s | load average |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for s in r["sizes"]:
        lat = " | ".join(f"{s['modes'][m]['p50_ms']:.0f} / {s['modes'][m]['p99_ms']:.0f}" for m in MODES)
        lines.append(f"| {s['chunks']:,} | {s['documents']:,} | {lat} | {s['index_bytes'] / 2**20:.1f} MiB | "
                     f"{s['build_seconds']:.0f} ({s.get('build_from_chunks', 0):,}) | {s['build_peak_rss_mib']:.0f} MiB | {s['search_peak_rss_mib']:.0f} MiB | "
                     f"{s['load_seconds']:.1f} | {s.get('load_average_before_latency', '')} |")
    lines += ["", "Big corpora repeat the contexts under distinct doc ids (`repNNNNN/...`, "
              "`eval/bench_corpus.py`); identical text is embedded once, so their builds measure everything "
              "but embedding. The sizes are grown in one index, each build incremental from the previous "
              "size (build s; the first size starts from whatever the index held, and a build reads the "
              "previous version, so its peak RSS follows the larger of the two). Peak RSS is that of the forked process doing the step (`wait4` rusage). "
              "Load average: 1, 5 and 15 min, just before the latency step of that size.", ""]
    if r["sizes"]:
        big = r["sizes"][-1]
        lines += [f"Index files at {big['chunks']:,} chunks: " +
                  ", ".join(f"`{k}` {v / 2**20:.1f} MiB" for k, v in sorted(big["files"].items(), key=lambda x: -x[1])[:6]), ""]
    return "\n".join(lines)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.bench_speed", description=__doc__.split("\n")[0])
    add_arguments(p)
    return run(p.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
