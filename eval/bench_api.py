"""Latency of the search API over real HTTP: p50/p99 with 1 and 16 clients, requests/s, memory.

    python -m eval.bench_api [--work /tmp/mou-bench-api] [--chunks 100000] [--requests 200]

Two indexes: the seed corpus (``corpus/``, indexed in ``--work``), and ~100,000 chunks of the
iApp Thai Wikipedia contexts (test split) copied under distinct document ids: the index that
``eval/bench_speed.py`` grows in ``/tmp/mou-bench-iapp`` (``eval/bench_corpus.py``), reused when
one of that size is there (the indexer embeds each distinct text once, so the copies cost
reading, BM25 and writing, not the model). For each, a uvicorn server is started on 127.0.0.1
in its own process and queried with iApp questions (Thai and English, test and valid splits,
in a fixed shuffled order), each question sent once per phase so that the query-embedding
cache does not flatter the figures. Writes eval/reports/api_bench.md and .json and prints the
same figures.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "eval" / "reports"
SPLIT = "test"  # contexts of the large index


def iapp_questions() -> list[str]:
    """Distinct iApp questions of the test and valid splits, Thai and English, shuffled once."""
    from eval.datasets.iapp import load

    questions = []
    for split in ("test", "valid"):
        _, thai, english = load(split)
        questions += [q.text for q in thai] + [q.text for q in english]
    questions = list(dict.fromkeys(questions))
    random.Random(20261123).shuffle(questions)  # English ones spread over every phase
    return questions


def build_large(target_chunks: int) -> Path:
    """The shared index of about ``target_chunks`` chunks of copied iApp contexts (see
    ``eval/bench_corpus.py``); a build that finds it up to date costs a few seconds."""
    from eval import bench_corpus
    from indexer.build import build_index

    work = bench_corpus.WORK
    index = work / "index"
    seed = Path(".cache/mou-search-eval") / f"iapp-{SPLIT}" / "e5-small-q4-t160-m256-o48-title1"
    bench_corpus.seed_index(index, [ROOT / seed])
    contexts = bench_corpus.contexts(SPLIT)
    counts = bench_corpus.chunks_per_context(work, contexts, SPLIT, lambda c, i: build_index(c, i))
    held = bench_corpus.write_corpus(work, contexts, counts, target_chunks)
    summary = build_index(Path(held["corpus"]), index, progress=sys.stderr.isatty())
    print(f"large index: {summary.line()}", file=sys.stderr)
    return index


def build_seed(work: Path) -> Path:
    from indexer.build import build_index

    index = work / "index-seed"
    build_index(ROOT / "corpus", index)
    return index


# -- server -----------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status_mib(pid: int, keys: tuple[str, ...]) -> dict:
    """Fields ``keys`` of /proc/PID/status (memory sizes) in MiB."""
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in keys:
                fields[key] = round(int(value.split()[0]) / 1024, 1)
    return fields


class Server:
    """``mou-search serve`` in its own process; ``root`` runs another checkout's code (old vs
    new in one run), ``env`` adds MOU_SEARCH_* settings."""

    def __init__(self, index: Path, env: dict | None = None, root: Path = ROOT) -> None:
        self.port = free_port()
        env = {**os.environ, "PYTHAINLP_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(root),
               **(env or {})}
        # The server exactly as users start it (`mou-search serve`), without per-request logs.
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "search_api.cli", "serve", "--index", str(index), "--host", "127.0.0.1",
             "--port", str(self.port), "--log-level", "warning"],
            cwd=root, env=env)
        self.base = f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout: float = 600) -> dict:
        import httpx

        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"server exited with status {self.proc.returncode}")
            try:
                r = httpx.get(self.base + "/api/ready", timeout=2)
                if r.status_code == 200:
                    return r.json()
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise SystemExit("server not ready in time")

    def rss_mb(self, keys: tuple[str, ...] = ("VmRSS", "VmHWM")) -> dict:
        return status_mib(self.proc.pid, keys)

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


# -- load -------------------------------------------------------------------------------------
def run_phase(base: str, queries: list[str], clients: int) -> dict:
    """``clients`` concurrent keep-alive connections sending ``queries`` (each once) to
    ``/api/search``: latency percentiles, requests per second and the server's own ``took_ms``.
    The client is raw asyncio streams (``eval/http_client.py``): it shares the two cores with the
    server, and httpx's millisecond of CPU a request would count against the faster server most."""
    return asyncio.run(_phase(base, queries, clients))


_TOOK = re.compile(rb'"took_ms":\s*([0-9.]+)')


async def _phase(base: str, queries: list[str], clients: int) -> dict:
    from urllib.parse import urlencode, urlsplit

    from eval.http_client import Connection

    latencies: list[float] = []
    took: list[float] = []  # the server's own took_ms: search time without HTTP and queueing
    errors: list[str] = []
    where = urlsplit(base)

    async def client(mine: list[str]) -> None:
        connection = Connection(where.hostname, where.port)
        try:
            for q in mine:
                t = time.perf_counter()
                try:
                    status, _, body = await connection.get(
                        "/api/search?" + urlencode({"q": q, "k": 10, "mode": "hybrid"}), timeout=30)
                except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError) as exc:
                    latencies.append((time.perf_counter() - t) * 1000)
                    errors.append(repr(exc))
                    continue
                latencies.append((time.perf_counter() - t) * 1000)  # the body is read
                found = _TOOK.search(body) if status == 200 and b'"hits"' in body else None
                if found is None:
                    errors.append(f"{status}: {body[:200]!r}")
                else:
                    took.append(float(found.group(1)))
        finally:
            connection.close()

    load = [round(x, 2) for x in os.getloadavg()]
    started = time.perf_counter()
    await asyncio.gather(*(client(queries[i::clients]) for i in range(clients)))
    wall = time.perf_counter() - started
    latencies.sort()
    took.sort()

    def pct(values: list[float], p: float) -> float:
        return round(values[min(len(values) - 1, math.ceil(p / 100 * len(values)) - 1)], 1) if values else None

    return {"clients": clients, "requests": len(latencies), "errors": len(errors),
            "error_samples": errors[:3], "p50_ms": pct(latencies, 50), "p90_ms": pct(latencies, 90),
            "p99_ms": pct(latencies, 99), "mean_ms": round(statistics.fmean(latencies), 1),
            "max_ms": round(latencies[-1], 1), "requests_per_s": round(len(latencies) / wall, 1),
            "server_took_p50_ms": pct(took, 50), "server_took_p99_ms": pct(took, 99),
            "load_average_before": load}


def bench_index(name: str, index: Path, questions: list[str], requests: int) -> dict:
    server = Server(index)
    try:
        t = time.perf_counter()
        ready = server.wait_ready()
        load_s = time.perf_counter() - t
        rss_loaded = server.rss_mb()
        warm, rest = questions[:20], questions[20:]
        run_phase(server.base, warm, 1)            # first-query costs (dictionaries, allocators)
        one = run_phase(server.base, rest[:requests], 1)
        many = run_phase(server.base, rest[requests:requests + 2 * requests], 16)
        return {"index": name, "chunks": ready["chunks"], "documents": ready["documents"],
                "startup_s": round(load_s, 1), "rss_after_load_mb": rss_loaded.get("VmRSS"),
                "rss_after_bench_mb": server.rss_mb().get("VmRSS"), "rss_peak_mb": server.rss_mb().get("VmHWM"),
                "one_client": one, "sixteen_clients": many}
    finally:
        server.stop()


def report(results: list[dict], meta: dict) -> str:
    lines = ["# Search API latency", "",
             f"Machine: {meta['machine']['cores']} cores, {meta['machine']['cpu']}; "
             f"Python {meta['machine']['python']}. Load average before / after: "
             f"{meta['loadavg_before']} / {meta['loadavg_after']} (the CPU is shared with other jobs).",
             f"Run {meta['date']}; `GET /api/search?k=10&mode=hybrid` over HTTP to one uvicorn process "
             "on 127.0.0.1 (`mou-search serve`); iApp questions (Thai and English), each sent once per phase "
             "(embedding cache cold); 20 warm-up queries first. Latency is measured by the client "
             "(request sent to body read); `took_ms` is the server's own time for the search. "
             "Regenerate with `python -m eval.bench_api` from the repository root.", "",
             "| index | chunks | clients | requests | errors | p50 ms | p90 ms | p99 ms | req/s | "
             "server took_ms p50 / p99 | RSS MB (loaded / after / peak) | load average before |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"]
    for r in results:
        for phase in (r["one_client"], r["sixteen_clients"]):
            lines.append(f"| {r['index']} | {r['chunks']:,} | {phase['clients']} | {phase['requests']} | "
                         f"{phase['errors']} | {phase['p50_ms']} | {phase['p90_ms']} | {phase['p99_ms']} | "
                         f"{phase['requests_per_s']} | {phase['server_took_p50_ms']} / {phase['server_took_p99_ms']} | "
                         f"{r['rss_after_load_mb']} / {r['rss_after_bench_mb']} / {r['rss_peak_mb']} | "
                         f"{phase['load_average_before']} |")
    big = results[-1]["one_client"]
    lines += ["", f"Target (one client, ~100k chunks): p50 < 30 ms, p99 < 100 ms; measured p50 "
              f"{big['p50_ms']} ms, p99 {big['p99_ms']} ms: "
              f"{'met' if big['p50_ms'] < 30 and big['p99_ms'] < 100 else 'NOT met'}. "
              f"Errors under 16 clients: {results[-1]['sixteen_clients']['errors']}.", "",
              "With 16 clients the latency is mostly queueing: one process, the GIL and 2 cores; "
              "requests/s is the figure to read there.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--work", type=Path, default=Path("/tmp/mou-bench-api"))
    p.add_argument("--chunks", type=int, default=100_000, help="size of the large index (default 100000)")
    p.add_argument("--requests", type=int, default=200, help="requests with 1 client (16 clients: twice)")
    p.add_argument("--build-only", action="store_true", help="build the indexes and stop")
    p.add_argument("--skip-seed", action="store_true")
    args = p.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    from eval.report import machine

    seed = build_seed(args.work)
    large = build_large(args.chunks)
    if args.build_only:
        return 0
    questions = iapp_questions()
    meta = {"machine": machine(), "loadavg_before": [round(x, 2) for x in os.getloadavg()],
            "date": time.strftime("%Y-%m-%d %H:%M %Z")}
    results = []
    if not args.skip_seed:
        results.append(bench_index("seed corpus", seed, questions, args.requests))
    results.append(bench_index("iApp copies", large, questions, args.requests))
    meta["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    text = report(results, meta)
    print(text)
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "api_bench.md").write_text(text, encoding="utf-8")
    (REPORTS / "api_bench.json").write_text(json.dumps({"meta": meta, "results": results}, indent=2,
                                                       ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
