"""``mou-search eval``: score configurations over a dataset and write reports.

    mou-search eval [--dataset agreements|iapp|thaigov|BEIR_FOLDER] [--split test|valid|dev]
                    [--modes hybrid,dense,lexical] [--config SPEC ...] [--config-file FILE]
                    [--baseline NAME] [--cache-dir DIR] [--reports DIR] [--index DIR]
    mou-search eval export-beir --dataset agreements|iapp|BEIR_FOLDER --output FOLDER
    mou-search eval speed [--sizes 1000,10000,100000] [--queries 50]

Registered by ``search_api.cli`` when this module imports (the ``eval`` extra installed).
"""
from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

DEFAULT_CACHE = ".cache/mou-search-eval"
DEFAULT_REPORTS = "eval/reports"


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "eval", help="evaluate retrieval configurations (nDCG, MRR, recall, answer accuracy)",
        description="Run configurations (mode, encoder, chunking, fusion weights) over a dataset, "
                    "score passage- and document-level runs with ir-measures, test differences "
                    "for significance and write TREC runs, qrels, report.md, report.json and "
                    "chart.png under REPORTS/<dataset>/.",
        epilog="configuration SPEC: [NAME:]key=value,... with keys mode, encoder, target_tokens, "
               "max_tokens, overlap_tokens, title_in_chunks, lexical_weight, coverage_power, "
               "sentence_weight; or just a mode. Example: --config lw0.3:mode=hybrid,lexical_weight=0.3")
    _add_dataset(p)
    p.add_argument("--modes", default=None,
                   help="comma-separated modes, one configuration each with the other settings "
                        "as given (default: hybrid,dense,lexical unless --config/--config-file)")
    p.add_argument("--config", action="append", default=[], metavar="SPEC",
                   help="a configuration (repeatable), see below")
    p.add_argument("--config-file", default=None, help="JSON or TOML list of configurations")
    for key, kind in (("encoder", str), ("target-tokens", int), ("max-tokens", int),
                      ("overlap-tokens", int), ("lexical-weight", float),
                      ("coverage-power", float), ("sentence-weight", float)):
        p.add_argument(f"--{key}", type=kind, default=None,
                       help=f"{key.replace('-', '_')} for every configuration that does not set it")
    p.add_argument("--baseline", default=None,
                   help="configuration the others are tested against (default: the first)")
    p.add_argument("--cache-dir", default=DEFAULT_CACHE,
                   help=f"indexes and generated corpora (default: {DEFAULT_CACHE})")
    p.add_argument("--reports", default=DEFAULT_REPORTS,
                   help=f"reports folder; output goes to REPORTS/<dataset>/ (default: {DEFAULT_REPORTS})")
    p.add_argument("--index", default=None,
                   help="use this index folder (brought up to date) for configurations with the "
                        "default encoder and chunking, instead of one in the cache")
    p.add_argument("--no-chart", action="store_true", help="skip chart.png")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on standard error")
    p.set_defaults(run=run_eval)

    sub = p.add_subparsers(dest="eval_command", metavar="[export-beir|speed]")
    e = sub.add_parser("export-beir", help="write a dataset as a BEIR folder",
                       description="corpus.jsonl, queries.jsonl (span judgements and answers in "
                                   "metadata) and qrels/<split>.tsv (document level).")
    _add_dataset(e)
    e.add_argument("--output", required=True, help="folder to write")
    e.add_argument("--cache-dir", default=DEFAULT_CACHE, help="where generated corpora go")
    e.set_defaults(run=run_export)

    s = sub.add_parser("speed", help="indexing throughput, query latency, memory, index size",
                       description="Writes REPORTS/speed.md and speed.json.")
    from eval.bench_speed import add_arguments

    add_arguments(s)
    s.set_defaults(run=run_speed)


def _add_dataset(p) -> None:
    p.add_argument("--dataset", default="agreements",
                   help="agreements (default), iapp, thaigov, agreements-direct (direct answers, needs "
                        "--index), or a BEIR folder")
    p.add_argument("--split", default="test",
                   help="iapp: test|valid, thaigov: dev|test|all, BEIR: its split (default: test)")


def _configs(args):
    from eval import configs as C

    common = {k: getattr(args, k) for k in ("encoder", "target_tokens", "max_tokens",
                                            "overlap_tokens", "lexical_weight", "coverage_power",
                                            "sentence_weight") if getattr(args, k) is not None}
    out = []
    if args.config_file:
        out += C.load_file(Path(args.config_file), common)
    out += [C.parse_spec(s, common) for s in args.config]
    modes = args.modes or (None if out else "hybrid,dense,lexical")
    if modes:
        out += [C.from_mapping({**common, "mode": m.strip()}, m.strip()) for m in modes.split(",") if m.strip()]
        if not args.modes and "hybrid" in modes:  # the same hybrid without the learned models, to compare
            out.insert(1, C.from_mapping({**common, "mode": "hybrid", "learned": False}, "hybrid-hand"))
    return C.check_unique(out)


def command_line(args) -> str:
    """The ``mou-search eval`` command that regenerates this report (written in its header)."""
    parts = ["--dataset", args.dataset]
    if args.dataset != "agreements" or args.split != "test":
        parts += ["--split", args.split]
    if args.config_file:
        parts += ["--config-file", args.config_file]
    for spec in args.config:
        parts += ["--config", spec]
    if args.modes:
        parts += ["--modes", args.modes]
    for key in ("encoder", "target_tokens", "max_tokens", "overlap_tokens", "lexical_weight",
                "coverage_power", "sentence_weight", "baseline"):
        if getattr(args, key) is not None:
            parts += ["--" + key.replace("_", "-"), str(getattr(args, key))]
    if args.reports != DEFAULT_REPORTS:
        parts += ["--reports", args.reports]
    if getattr(args, "index", None):
        parts += ["--index", str(args.index)]
    return "mou-search eval " + shlex.join(parts)


def run_eval(args) -> int:
    from eval import report
    from eval.datasets import load_dataset
    from eval.experiment import evaluate

    if args.dataset == "agreements-direct":   # direct answers of agreement records (own scorer)
        return _run_direct(args)
    try:
        configs = _configs(args)
        dataset = load_dataset(args.dataset, args.split, Path(args.cache_dir))
    except (ValueError, FileNotFoundError, OSError) as exc:
        print(f"mou-search eval: {exc}", file=sys.stderr)
        return 2
    if args.baseline and args.baseline not in {c.name for c in configs}:
        print(f"mou-search eval: --baseline {args.baseline!r} is not one of "
              f"{', '.join(c.name for c in configs)}", file=sys.stderr)
        return 2
    index_dirs = {}
    if args.index:
        from eval.configs import EvalConfig

        index_dirs[EvalConfig("default").index_key()] = Path(args.index)
    evaluation = evaluate(dataset, configs, Path(args.cache_dir), index_dirs=index_dirs,
                          quiet=args.quiet)
    out_dir = Path(args.reports) / dataset.name
    report.write(evaluation, out_dir, args.baseline, command_line(args), with_chart=not args.no_chart)
    print(f"wrote {out_dir}/report.md, report.json" + ("" if args.no_chart else ", chart.png")
          + ", runs/ and qrels/")
    return 0


def _run_direct(args) -> int:
    from eval.agreements_direct import run

    if not args.index or args.split not in ("dev", "test", "all"):
        print("mou-search eval: --dataset agreements-direct needs --index (a thaigov-mou index with "
              "agreement records) and --split dev|test|all", file=sys.stderr)
        return 2
    mode = (args.modes or "lexical").split(",")[0]
    result = run(Path(args.index), mode, args.split, Path(args.reports), command_line(args))
    for key, g in result["groups"].items():
        print(f"{key:<14} coverage {g['coverage']}  accuracy {g['accuracy']}  wrong-confident {g['wrong_confident']}")
    print(f"wrote {args.reports}/agreements-direct.md, .json")
    return 0


def run_export(args) -> int:
    from eval.datasets import load_dataset
    from eval.datasets.beir import export_beir

    try:
        dataset = load_dataset(args.dataset, args.split, Path(args.cache_dir))
    except (ValueError, FileNotFoundError) as exc:
        print(f"mou-search eval export-beir: {exc}", file=sys.stderr)
        return 2
    folder = export_beir(dataset, Path(args.output), args.split)
    print(f"wrote {dataset.name} as a BEIR folder: {folder} ({len(dataset.queries)} queries)")
    return 0


def run_speed(args) -> int:
    from eval.bench_speed import run

    return run(args)


def main(argv: list[str] | None = None) -> int:
    """``python -m eval.cli ...`` is ``mou-search eval ...``."""
    from search_api.cli import main as mou_main

    argv = list(sys.argv[1:] if argv is None else argv)
    return mou_main(["eval", *argv])


if __name__ == "__main__":
    sys.exit(main())
