"""Indexing throughput in one process and on a local Ray cluster with 1 and 2 encoder workers.

    flock /tmp/mou-bench.lock python -m eval.bench_distributed [--articles 12] [--rounds 1]

The same thaigov-mou articles (every k-th file of ``/work/shared/data/thaigov-mou`` or
``$MOU_SEARCH_THAIGOV_DIR``, in path order) are indexed from scratch (``rebuild=True``) by each
configuration in turn, alternating, with the bundled model:

- ``single``: ``build_index`` in this process (the engine uses both cores);
- ``ray-1x2``: one encoder actor holding 2 CPUs (2 engine threads);
- ``ray-2x1``: two encoder actors of 1 CPU each;
- ``ray-1x1`` (with ``--configs``): one actor of 1 CPU.

Throughput is encoder tokens per second: tokens embedded (chunks and sentences) over the whole
build (reading, chunking, embedding, writing) and over the embedding phase alone (for Ray this
includes starting the actors and loading the model in each). The local cluster (2 CPUs,
127.0.0.1 only) is started once, as a real cluster would already be running. Writes
``eval/reports/distributed.md`` and ``.json``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")  # local cluster on loopback
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eval.datasets.thaigov import data_dir_candidates  # noqa: E402
from indexer.build import build_index  # noqa: E402
from indexer.encoders import get_encoder  # noqa: E402

ARCHIVE_ARTICLES = 63_000
MACHINES = (1, 4, 16, 64)
CONFIGS = {"single": None, "ray-1x2": (1, 2), "ray-2x1": (2, 1), "ray-1x1": (1, 1)}
DEFAULT_CONFIGS = "single,ray-1x2,ray-2x1"
COMMAND = "flock /tmp/mou-bench.lock python -m eval.bench_distributed"


def sample_corpus(folder: Path, articles: int) -> tuple[Path, int]:
    source = next((d for d in data_dir_candidates() if d.is_dir()), None)
    if source is None:
        raise SystemExit("thaigov-mou not found: set MOU_SEARCH_THAIGOV_DIR")
    files = sorted(source.rglob("*.txt"))
    step = max(1, len(files) // articles)
    chosen = files[::step][:articles]
    folder.mkdir(parents=True)
    size = 0
    for i, path in enumerate(chosen):
        shutil.copyfile(path, folder / f"{i:04d}.txt")
        size += path.stat().st_size
    return source, size


def run_config(name, corpus, work, encoder, ray_embedder_cls):
    spec = CONFIGS[name]
    embedder = None if spec is None else ray_embedder_cls(workers=spec[0], cpus_per_worker=spec[1])
    load = os.getloadavg()[0]
    summary = build_index(corpus, work / name, encoder, rebuild=True, embedder=embedder)
    return {"config": name, "workers": spec[0] if spec else 0, "cpus_per_worker": spec[1] if spec else 0,
            "load_before": round(load, 2), "load_after": round(os.getloadavg()[0], 2),
            "texts": summary.embedded_texts, "tokens": summary.embedded_tokens,
            "build_seconds": round(summary.seconds, 2), "embed_seconds": round(summary.embed_seconds, 2),
            "tokens_per_s": round(summary.embedded_tokens / summary.seconds, 1),
            "embed_tokens_per_s": round(summary.embedded_tokens / summary.embed_seconds, 1),
            "serial_seconds": round(summary.seconds - summary.embed_seconds, 2)}


def project(results: list[dict], articles: int) -> dict:
    """Wall time for the archive at N machines of this kind (2 cores each)."""
    best = {}
    for r in results:
        best.setdefault(r["config"], []).append(r)
    mean = {k: {f: sum(r[f] for r in v) / len(v) for f in ("tokens", "embed_tokens_per_s", "serial_seconds")}
            for k, v in best.items()}
    per_article = mean["single"]["tokens"] / articles
    ray_rates = {k: v["embed_tokens_per_s"] for k, v in mean.items() if k.startswith("ray-") and k != "ray-1x1"}
    machine_config = max(ray_rates, key=ray_rates.get)
    rate = ray_rates[machine_config]
    serial_per_article = sum(v["serial_seconds"] for v in mean.values()) / len(mean) / articles
    tokens = per_article * ARCHIVE_ARTICLES
    serial = serial_per_article * ARCHIVE_ARTICLES
    rows = [{"machines": n, "embed_hours": round(tokens / (rate * n) / 3600, 2),
             "serial_hours": round(serial / 3600, 2),
             "wall_hours": round((tokens / (rate * n) + serial) / 3600, 2)} for n in MACHINES]
    return {"embedded_tokens_per_article": round(per_article), "archive_tokens": round(tokens),
            "machine_config": machine_config, "tokens_per_s_per_machine": round(rate, 1),
            "serial_seconds_per_article": round(serial_per_article, 3), "rows": rows}


def write_report(data: dict, path: Path) -> None:
    lines = [
        "# Distributed indexing: one process vs a local Ray cluster",
        "",
        f"`{data['command']}`, {data['date']}, Python {data['python']}, {os.cpu_count()} cores shared "
        f"with other work (load average {data['load_start']} at start, {data['load_end']} at end).",
        f"{data['articles']} thaigov-mou articles ({data['bytes'] / 1e6:.2f} MB, every k-th file of "
        f"`{data['source']}`), indexed from scratch by each configuration in turn, bundled model "
        f"`{data['encoder']}`. Local Ray cluster: 2 CPUs, 127.0.0.1, started once in "
        f"{data['cluster_start_seconds']} s (not counted).",
        "",
        "| config | workers x CPUs | texts | tokens | build s | tokens/s end to end | embedding s | tokens/s embedding | load before / after |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in data["results"]:
        shape = "in process" if r["config"] == "single" else f"{r['workers']} x {r['cpus_per_worker']}"
        lines.append(f"| {r['config']} | {shape} | {r['texts']} | {r['tokens']} | {r['build_seconds']} | "
                     f"{r['tokens_per_s']} | {r['embed_seconds']} | {r['embed_tokens_per_s']} | "
                     f"{r['load_before']} / {r['load_after']} |")
    lines += ["", f"Vectors identical across configurations: {data['identical']} (chunk and "
              "sentence vector bytes compared with `single`).", ""]
    p = data["projection"]
    lines += [
        "## Projection: the 63,000-article archive (~690 MB)",
        "",
        f"Assumptions: {p['embedded_tokens_per_article']:,} embedded encoder tokens per article "
        f"(chunks and sentences, this sample); {p['tokens_per_s_per_machine']:,} tokens/s per "
        f"2-core machine (`{p['machine_config']}`, embedding phase, measured above on a loaded "
        f"machine); {p['serial_seconds_per_article']} s per article of serial work on the building "
        "machine (reading, chunking, writing: build s minus embedding s), which does not shrink "
        "with more machines. No text is assumed to repeat (repeats are embedded once, so this "
        "is an upper bound).",
        "",
        "| machines | embedding h | serial h | wall h |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for row in p["rows"]:
        lines.append(f"| {row['machines']} | {row['embed_hours']} | {row['serial_hours']} | {row['wall_hours']} |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def same_vectors(work: Path, names: list[str]) -> bool:
    from indexer.index_files import current_version
    from indexer.vectors import read_vectors

    base = read_vectors(current_version(work / "single"))
    return all(all(a.tobytes() == b.tobytes() for a, b in zip(base, read_vectors(current_version(work / n))))
               for n in names if n != "single")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--configs", default=DEFAULT_CONFIGS)
    parser.add_argument("--report", default=str(ROOT / "eval" / "reports" / "distributed.md"))
    args = parser.parse_args()
    names = args.configs.split(",")
    import ray

    from indexer.distributed import RayEmbedder

    load_start = round(os.getloadavg()[0], 2)
    work = Path(tempfile.mkdtemp(prefix="mou-bench-ray-"))
    temp = tempfile.mkdtemp(prefix="ray")
    try:
        source, size = sample_corpus(work / "corpus", args.articles)
        encoder = get_encoder()
        # Warm-up, untimed: dictionaries and the sentence model load on first use.
        warm = work / "warm"
        warm.mkdir()
        shutil.copyfile(next((work / "corpus").iterdir()), warm / "one.txt")
        build_index(warm, work / "warm-index", encoder)
        started = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, _temp_dir=temp, logging_level="ERROR",
                 log_to_driver=False)
        cluster_start = round(time.perf_counter() - started, 1)
        results = []
        for round_ in range(args.rounds):
            order = names if round_ % 2 == 0 else names[::-1]
            for name in order:
                results.append(run_config(name, work / "corpus", work, encoder, RayEmbedder))
                print(json.dumps(results[-1]), flush=True)
        identical = same_vectors(work, names)
        ray.shutdown()
        data = {"command": COMMAND + (f" --articles {args.articles}" if args.articles != 12 else "")
                + (f" --rounds {args.rounds}" if args.rounds != 1 else "")
                + (f" --configs {args.configs}" if args.configs != DEFAULT_CONFIGS else ""),
                "date": time.strftime("%Y-%m-%d"), "python": platform.python_version(),
                "articles": args.articles, "bytes": size, "source": str(source),
                "encoder": encoder.name, "cluster_start_seconds": cluster_start,
                "load_start": load_start, "load_end": round(os.getloadavg()[0], 2),
                "results": results, "identical": identical,
                "projection": project(results, args.articles)}
        report = Path(args.report)
        report.with_suffix(".json").write_text(json.dumps(data, indent=2), encoding="utf-8")
        write_report(data, report)
        print(report.read_text(encoding="utf-8"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(temp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
