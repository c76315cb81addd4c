"""``mou-search index``: the indexer's command, wired into the one ``mou-search`` program."""
from __future__ import annotations

import argparse
import sys

from indexer.encoders import DEFAULT_ENCODER

MAX_FILE_MB = 50
EXIT_SKIPPED = 4  # the index was built, but some files could not be read and were skipped


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("index", help="build or update the index from a corpus folder",
                              description="Build or update the index. Only new and changed files are "
                                          "embedded; the previous index serves until the new one is complete.")
    p.add_argument("--corpus", default="corpus", help="folder of documents (default: corpus)")
    p.add_argument("--index", default="index", help="index folder (default: index)")
    p.add_argument("--encoder", default=DEFAULT_ENCODER,
                   help=f"{DEFAULT_ENCODER} (default) or sentence-transformers:<model name or local dir>")
    p.add_argument("--query-prefix", default="", help="sentence-transformers only: prefix for queries")
    p.add_argument("--passage-prefix", default="", help="sentence-transformers only: prefix for passages")
    p.add_argument("--rebuild", action="store_true", help="ignore the current index and embed everything")
    p.add_argument("--strict", action="store_true", help="fail, leaving the current index, if any file is skipped")
    p.add_argument("--max-file-mb", type=float, default=MAX_FILE_MB, metavar="MB",
                   help=f"skip (and report) files larger than this (default: {MAX_FILE_MB:g})")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--sentence-vectors", choices=("pooled", "separate"), default="pooled",
                   help="pooled from each chunk's encoder pass (default, ~1.7x faster) or every "
                        "sentence embedded alone; switching re-embeds the sentences")
    ray = p.add_argument_group("distributed embedding (needs the 'distributed' extra)")
    ray.add_argument("--ray-address", metavar="ADDRESS",
                     help="embed on a Ray cluster: auto, ray://host:10001, host:port, or local "
                          "(a cluster of this machine's CPUs for this build)")
    ray.add_argument("--ray-workers", type=int, metavar="N",
                     help="encoder actors (default: the cluster's CPUs / --ray-cpus-per-worker)")
    ray.add_argument("--ray-cpus-per-worker", type=int, default=1, metavar="C",
                     help="CPUs (engine threads) per encoder actor (default: 1)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from indexer.build import BuildConfig, BuildLocked, build_index
    from indexer.encoders import get_encoder
    from indexer.index_files import IndexError_
    from indexer.safe_names import printable

    options = {}
    if args.encoder != DEFAULT_ENCODER:
        options = {"query_prefix": args.query_prefix, "passage_prefix": args.passage_prefix}
    try:
        embedder = None
        if args.ray_address:
            from indexer.distributed import RayEmbedder, import_ray

            import_ray(args.ray_address)  # fail on a missing extra before any work
            embedder = RayEmbedder(args.ray_address, workers=args.ray_workers,
                                   cpus_per_worker=args.ray_cpus_per_worker)
        encoder = get_encoder(args.encoder, **options)
        summary = build_index(args.corpus, args.index, encoder, rebuild=args.rebuild,
                              progress=not args.quiet and sys.stderr.isatty(), strict=args.strict,
                              max_file_bytes=int(args.max_file_mb * 1024 * 1024),
                              embedder=embedder,
                              config=BuildConfig(sentence_vectors=args.sentence_vectors))
    except (BuildLocked, IndexError_, FileNotFoundError, ValueError, RuntimeError) as exc:
        print(f"mou-search index: {printable(str(exc))}", file=sys.stderr)
        return 3
    except OSError as exc:  # a full disk, permissions: the new version was discarded
        print(f"mou-search index: could not write the index ({printable(str(exc))}); the current "
              "index is unchanged", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        print("mou-search index: interrupted; the current index is unchanged", file=sys.stderr)
        return 130
    for problem in summary.repaired:
        print(f"repaired: {printable(problem)}", file=sys.stderr)
    for doc_id, note in summary.notes:
        print(f"note {printable(doc_id)}: {printable(note)}", file=sys.stderr)
    for doc_id, reason in summary.failed:
        print(f"skipped {printable(doc_id)}: {printable(reason)}", file=sys.stderr)
    if summary.empty_corpus:
        print(f"mou-search index: the corpus folder {printable(str(args.corpus))} holds no documents "
              f"(.txt, .md, .pdf, .docx, .html): the index is empty", file=sys.stderr)
    print(summary.line())
    return EXIT_SKIPPED if summary.failed else 0
