"""Overload: 64 concurrent clients against one real server; refused fast, accepted in time.

    flock /tmp/mou-bench.lock python -m eval.bench_overload [--clients 64] [--seconds 20] [--old /work/wt-base]

The bundled corpus indexed with the bundled model; ``mou-search serve`` in its own process with
the default settings (MOU_SEARCH_MAX_CONCURRENT = cores, MOU_SEARCH_MAX_QUEUE 16,
MOU_SEARCH_SEARCH_TIMEOUT_MS 5000). 64 clients on loopback (one asyncio process on raw streams, one
keep-alive connection each) send `GET /api/search` with distinct iApp questions (Thai and English, so
the query-embedding cache does not help) back to back; a refused client waits 100 ms before
its next request. Every answer is sorted: 200 (accepted), 503 `overloaded` (refused at once),
503 `timeout` (the deadline passed), anything else (an error). With ``--old`` the same load is
run against that checkout's server (today's main: no admission control) in the same run, for
comparison. Writes eval/reports/overload.md and .json.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from eval.bench_api import ROOT, Server, iapp_questions
from eval.http_client import Connection

REPORTS = ROOT / "eval" / "reports"
REFUSED_BACKOFF_S = 0.1


def pct(values: list[float], p: float) -> float | None:
    return round(float(np.percentile(values, p)), 1) if values else None


async def load(base: str, questions: list[str], clients: int, seconds: float) -> dict:
    from urllib.parse import urlencode, urlsplit

    where = urlsplit(base)
    answers: list[tuple[str, float]] = []     # (kind, milliseconds)
    examples: list[str] = []
    next_q = iter(range(10 ** 9))
    end = time.perf_counter() + seconds

    async def one_client() -> None:
        conn = Connection(where.hostname, where.port)
        while time.perf_counter() < end:
            q = questions[next(next_q) % len(questions)]
            t0 = time.perf_counter()
            try:
                status, headers, body = await conn.get("/api/search?" + urlencode({"q": q, "k": 10}))
                ms = (time.perf_counter() - t0) * 1000
                error = json.loads(body).get("error") if status == 503 else None
                if status == 200:
                    kind = "accepted"
                elif status == 503 and headers.get("retry-after") and error in ("overloaded", "timeout"):
                    kind = "refused" if error == "overloaded" else "timed_out"
                else:
                    kind = "error"
                    if len(examples) < 5:
                        examples.append(f"{status} {body[:150]!r}")
            except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError, ValueError) as exc:
                ms, kind = (time.perf_counter() - t0) * 1000, "error"
                if len(examples) < 5:
                    examples.append(f"{type(exc).__name__}: {exc}")
            answers.append((kind, ms))
            if kind in ("refused", "timed_out"):
                await asyncio.sleep(REFUSED_BACKOFF_S)
        conn.close()

    health: list[float] = []

    async def probe() -> None:
        # /api/health is never queued: what any answer costs the loaded loop and this client
        conn = Connection(where.hostname, where.port)
        while time.perf_counter() < end:
            t0 = time.perf_counter()
            status, _, _ = await conn.get("/api/health")
            if status == 200:
                health.append((time.perf_counter() - t0) * 1000)
            await asyncio.sleep(0.2)
        conn.close()

    started = time.perf_counter()
    await asyncio.gather(probe(), *(one_client() for _ in range(clients)))
    wall = time.perf_counter() - started
    conn = Connection(where.hostname, where.port)
    status, _, body = await conn.get("/api/metrics")
    conn.close()
    metrics = json.loads(body) if status == 200 else None     # the old server has no metrics
    out = {"wall_s": round(wall, 1), "requests": len(answers), "examples": examples, "server_metrics": metrics}
    for kind in ("accepted", "refused", "timed_out", "error"):
        ms = [m for k, m in answers if k == kind]
        out[kind] = {"count": len(ms), "p50_ms": pct(ms, 50), "p99_ms": pct(ms, 99),
                     "max_ms": round(max(ms), 1) if ms else None}
    out["accepted_per_s"] = round(out["accepted"]["count"] / wall, 1)
    out["health"] = {"count": len(health), "p50_ms": pct(health, 50), "p99_ms": pct(health, 99)}
    return out


def run(index: Path, corpus: Path, root: Path, questions: list[str], args) -> dict:
    server = Server(index, env={"MOU_SEARCH_CORPUS_DIR": str(corpus)}, root=root)
    try:
        server.wait_ready()
        asyncio.run(load(server.base, questions[-50:], 2, 3))         # warm up
        result = asyncio.run(load(server.base, questions, args.clients, args.seconds))
        result["rss_mb"] = server.rss_mb()
        return result
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=64)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--old", type=Path, default=None, help="another checkout to run the same load against")
    args = ap.parse_args(argv)
    from indexer.build import build_index

    load_start = os.getloadavg()
    questions = iapp_questions()
    work = Path(tempfile.mkdtemp(prefix="mou-overload-"))
    try:
        corpus = work / "corpus"
        shutil.copytree(ROOT / "corpus", corpus)
        index = work / "index"
        build_index(corpus, index)
        results = {"new": run(index, corpus, ROOT, questions, args)}
        if args.old:
            # The old checkout reads only its own index format: built by its own code.
            old_index = work / "index-old"
            subprocess.run([sys.executable, "-m", "search_api.cli", "index", "--corpus", str(corpus),
                            "--index", str(old_index), "--quiet"], cwd=args.old, check=True,
                           env={**os.environ, "PYTHONPATH": str(args.old), "PYTHAINLP_OFFLINE": "1"})
            # The other half of the questions: neither server sees a question twice.
            results["old"] = run(old_index, corpus, args.old, questions[::-1], args)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    meta = {"date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "command": f"flock /tmp/mou-bench.lock python -m eval.bench_overload --clients {args.clients} "
                       f"--seconds {args.seconds:g}" + (f" --old {args.old}" if args.old else ""),
            "clients": args.clients, "seconds": args.seconds, "cores": os.cpu_count(),
            "load_average": {"start": [round(x, 2) for x in load_start],
                             "end": [round(x, 2) for x in os.getloadavg()]}}
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "overload.json").write_text(json.dumps({**meta, "results": results}, indent=2) + "\n",
                                           encoding="utf-8")
    text = report(meta, results)
    (REPORTS / "overload.md").write_text(text, encoding="utf-8")
    print(text)
    new = results["new"]
    ok = new["error"]["count"] == 0 and (new["refused"]["p99_ms"] or 0) < 50
    return 0 if ok else 1


def report(meta: dict, results: dict) -> str:
    rows = []
    for name, r in results.items():
        label = "this branch" if name == "new" else "old (`--old`, no admission control)"
        for kind in ("accepted", "refused", "timed_out", "error"):
            k = r[kind]
            rows.append(f"| {label} | {kind} | {k['count']:,} | {k['p50_ms']} | {k['p99_ms']} | {k['max_ms']} |")
    new = results["new"]
    m = new.get("server_metrics") or {}
    return f"""# Overload: {meta['clients']} concurrent clients, {meta['seconds']:g} s per server

Regenerate: `{meta['command']}` ({meta['date']}; {meta['cores']} cores; load average
{meta['load_average']['start']} at the start, {meta['load_average']['end']} at the end; other
work shares the machine).

One `mou-search serve` process (default settings: {m.get('max_concurrent')} searches at once,
a queue of {m.get('max_queue')}, a deadline of {m.get('timeout_ms')} ms) over the bundled corpus
and model; {meta['clients']} clients on loopback send `GET /api/search?k=10` with distinct iApp
questions back to back; a refused client waits {REFUSED_BACKOFF_S * 1000:.0f} ms before its next request.
Latencies are measured by the client (request sent to answer read).

| server | answer | count | p50 ms | p99 ms | max ms |
| --- | --- | ---: | ---: | ---: | ---: |
{chr(10).join(rows)}

`GET /api/health` probed every 200 ms during the load (never queued: the floor any answer
pays on this loaded loop and client): {', '.join(f"{n} p50 {r.get('health', {}).get('p50_ms')} / p99 {r.get('health', {}).get('p99_ms')} ms" for n, r in results.items())}.

This branch: {new['accepted_per_s']} accepted searches/s; server RSS {new['rss_mb']} MB; the
server's own counters at the end: {', '.join(f'{k} {v}' for k, v in m.items())}.
Targets: refused answered in < 50 ms (p99: {new['refused']['p99_ms']} ms), accepted within the
deadline (max {new['accepted']['max_ms']} ms against {m.get('timeout_ms')} ms), 0 errors of any
other kind ({new['error']['count']}). Error examples: {new['examples'] or 'none'}.
"""


if __name__ == "__main__":
    raise SystemExit(main())
