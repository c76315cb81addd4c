"""Soak: mixed queries against a real server for minutes while the index is swapped every minute.

    flock /tmp/mou-bench.lock python -m eval.soak [--minutes 10] [--swap-seconds 60] [--clients 4]

Two versions of the bundled corpus are built with the bundled model (the second adds one
document); ``mou-search serve`` runs in its own process with the default settings (so the
default reload watcher picks up every swap), and ``CURRENT`` is switched between the two
versions atomically every ``--swap-seconds``. Clients send Thai and English questions in every
mode with and without filters, GET and POST, document fetches, and bad inputs that must be
refused with 422. Counted as errors: any status other than the one expected, a transport
error, a 5xx. The server's RSS is read from /proc every 5 s. Writes eval/reports/soak.md and
.json.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

from eval.bench_api import ROOT, Server

REPORTS = ROOT / "eval" / "reports"
QUESTIONS = ["how long does the Laos MoU last", "MoU ไทย-ลาว มีอายุกี่ปี", "digital economy cooperation",
             "ความร่วมมือ ญี่ปุ่น", "Japan disaster", "ASEAN TELMIN", "ขยายเวลาอัตโนมัติ 3 ปี",
             "who signed the agreement", "บันทึกความเข้าใจ ไปรษณีย์", "e-commerce postal"]
FILTERS = [{}, {"lang": "th"}, {"lang": "en"}, {"date_from": "2022"}, {"date_from": "2560", "date_to": "2568"},
           {"party": "Japan"}, {"party": "ลาว"}, {"k": 3, "offset": 3}]
BAD = [({"q": ""}, 422), ({"q": "MoU", "k": 0}, 422), ({"q": "MoU", "lang": "fr"}, 422),
       ({"q": "MoU", "date_to": "2017-02-30"}, 422), ({"q": "MoU\x00"}, 422), ({"q": "x" * 1001}, 422)]
BAD_BODIES = [(b'{"q":"x","k":' + b"[" * 1000 + b"]" * 1000 + b"}", 422),
              (b'{"q":"x","k":' + b"1" * 5000 + b"}", 422), (b'{"q":"x","k":true}', 422), (b"{", 422)]


def _write_current(index: Path, name: str) -> None:
    tmp = index / f".CURRENT.soak.{os.getpid()}.tmp"
    tmp.write_text(name + "\n", encoding="utf-8")
    os.replace(tmp, index / "CURRENT")


def build_versions(work: Path) -> tuple[Path, Path, str, str]:
    from indexer.build import build_index

    corpus, index = work / "corpus", work / "index"
    shutil.copytree(ROOT / "corpus", corpus)
    first = build_index(corpus, index).version
    (corpus / "soak-extra.md").write_text(
        "---\ntitle: Soak test agreement\ndate: 2024-05-01\n---\nThailand and Japan sign a soak-test "
        "MoU on disaster cooperation for five years.\nไทยและญี่ปุ่นลงนามบันทึกความเข้าใจ 5 ปี\n",
        encoding="utf-8")
    second = build_index(corpus, index).version
    return corpus, index, first, second


def client(base: str, stop: threading.Event, seed: int, out: dict, lock: threading.Lock) -> None:
    import httpx

    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=30) as http:
        while not stop.is_set():
            roll = rng.random()
            try:
                if roll < 0.15:
                    params, expected = rng.choice(BAD)
                    r = http.get("/api/search", params=params)
                    kind = "bad"
                elif roll < 0.2:
                    body, expected = rng.choice(BAD_BODIES)
                    r = http.post("/api/search", content=body, headers={"content-type": "application/json"})
                    kind = "bad"
                elif roll < 0.25:
                    r, expected, kind = http.get("/api/documents/000-en-thailand-laos-digital-mou-2022.md"), 200, "doc"
                else:
                    params = {"q": rng.choice(QUESTIONS), "mode": rng.choice(["hybrid", "dense", "lexical"]),
                              **rng.choice(FILTERS)}
                    r = http.post("/api/search", json=params) if rng.random() < 0.3 else \
                        http.get("/api/search", params=params)
                    expected, kind = 200, "search"
                status, error = r.status_code, None
            except httpx.HTTPError as exc:
                status, expected, kind, error = None, 0, "transport", f"{type(exc).__name__}: {exc}"
            with lock:
                out["requests"] += 1
                out["by_kind"][kind] = out["by_kind"].get(kind, 0) + 1
                if status == 503 and r.json().get("error") in ("overloaded", "timeout"):
                    out["refused"] += 1
                elif status != expected:
                    out["errors"] += 1
                    if len(out["examples"]) < 10:
                        out["examples"].append(error or f"{kind} {status} (expected {expected}): {r.text[:160]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--swap-seconds", type=float, default=60)
    ap.add_argument("--clients", type=int, default=4)
    args = ap.parse_args(argv)
    load_start = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="mou-soak-"))
    try:
        corpus, index, first, second = build_versions(work)
        server = Server(index, env={"MOU_SEARCH_CORPUS_DIR": str(corpus)})
        try:
            server.wait_ready()
            result = soak(server, index, (first, second), args)
        finally:
            server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result["load_average"] = {"start": [round(x, 2) for x in load_start],
                              "end": [round(x, 2) for x in os.getloadavg()]}
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "soak.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (REPORTS / "soak.md").write_text(report(result), encoding="utf-8")
    print(report(result))
    ok = result["errors"] == 0 and result["rss_growth_pct"] < 5 and result["swaps_seen"] >= result["swaps"] - 1
    return 0 if ok else 1


def soak(server: Server, index: Path, versions: tuple[str, str], args) -> dict:
    import httpx

    stop = threading.Event()
    lock = threading.Lock()
    out = {"requests": 0, "errors": 0, "refused": 0, "by_kind": {}, "examples": []}
    threads = [threading.Thread(target=client, args=(server.base, stop, i, out, lock), daemon=True)
               for i in range(args.clients)]
    started = time.time()
    for t in threads:
        t.start()
    rss: list[tuple[float, float]] = []
    seen: list[str] = []
    swaps = 0
    next_swap = started + args.swap_seconds
    end = started + args.minutes * 60
    while time.time() < end:
        time.sleep(5)
        rss.append((round(time.time() - started, 1), server.rss_mb()["VmRSS"]))
        version = httpx.get(server.base + "/api/ready", timeout=10).json().get("version")
        if not seen or seen[-1] != version:
            seen.append(version)
        if time.time() >= next_swap and time.time() < end - 10:
            swaps += 1
            _write_current(index, versions[swaps % 2 == 0])   # second serves first; swap to first
            next_swap += args.swap_seconds
    stop.set()
    for t in threads:
        t.join(timeout=60)
    metrics = httpx.get(server.base + "/api/metrics", timeout=10).json()
    ready = httpx.get(server.base + "/api/ready", timeout=10).json()
    # Baseline after both versions have been loaded once (the first swap back), so that the
    # figure is growth over time, not the second version's first load.
    settle = 2 * args.swap_seconds + 15
    baseline = next((m for t, m in rss if t >= settle), rss[0][1])
    final = statistics.mean(m for _, m in rss[-6:])
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "flock /tmp/mou-bench.lock python -m eval.soak " + " ".join(
            f"--{k.replace('_', '-')} {v:g}" if isinstance(v, float) else f"--{k.replace('_', '-')} {v}"
            for k, v in vars(args).items()),
        "minutes": args.minutes, "clients": args.clients, "swap_seconds": args.swap_seconds,
        "requests": out["requests"], "by_kind": out["by_kind"], "errors": out["errors"],
        "refused": out["refused"], "examples": out["examples"],
        "swaps": swaps, "swaps_seen": len(seen) - 1, "versions_seen": seen,
        "rss_mb_first": rss[0][1], "rss_mb_baseline": baseline, "rss_baseline_at_s": settle,
        "rss_mb_final": round(final, 1), "rss_mb_max": max(m for _, m in rss),
        "rss_growth_pct": round((final - baseline) / baseline * 100, 2),
        "rss_growth_from_first_pct": round((final - rss[0][1]) / rss[0][1] * 100, 2),
        "rss_samples": rss, "metrics": metrics, "last_reload_error": ready.get("last_reload_error"),
    }


def report(r: dict) -> str:
    return f"""# Soak: mixed queries with an index swap every {r['swap_seconds']:g} s

Regenerate: `{r['command']}` ({r['date']}; load average {r['load_average']['start']} at the
start, {r['load_average']['end']} at the end; 2 cores shared with other work).

`mou-search serve` (default settings: the watcher polls `CURRENT` every 2 s) over the bundled
corpus and the bundled model; two versions (the second adds one document), `CURRENT` switched
atomically between them every {r['swap_seconds']:g} s; {r['clients']} clients for {r['minutes']:g} minutes:
Thai and English questions in all modes, with and without filters (language, dates in CE and
BE, party, paging), GET and POST, document fetches, and bad input (empty, control characters,
k 0, unknown language, impossible date, 1,001 characters, JSON nested 1,000 deep, a 5,000-digit
integer, booleans as integers, broken JSON) that must be 422.

| | |
| --- | --- |
| requests | {r['requests']:,} ({', '.join(f'{k} {v:,}' for k, v in sorted(r['by_kind'].items()))}) |
| errors (status not the expected one, transport errors, 5xx) | **{r['errors']}** |
| refused by admission (503 overloaded/timeout) | {r['refused']} |
| swaps made / version changes seen by `/api/ready` | {r['swaps']} / {r['swaps_seen']} |
| RSS first sample / after {r['rss_baseline_at_s']:g} s (both versions loaded once) / end (mean of last 30 s) / max | {r['rss_mb_first']} / {r['rss_mb_baseline']} / {r['rss_mb_final']} / {r['rss_mb_max']} MB |
| RSS growth from {r['rss_baseline_at_s']:g} s to the end | **{r['rss_growth_pct']} %** (from the first sample: {r['rss_growth_from_first_pct']} %) |
| admission counters at the end | {', '.join(f'{k} {v}' for k, v in r['metrics'].items())} |
| `last_reload_error` at the end | {r['last_reload_error']} |

Error examples: {r['examples'] or 'none'}
"""


if __name__ == "__main__":
    raise SystemExit(main())
