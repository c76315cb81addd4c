"""``mou-search serve``: the search API and page, building the index first on a fresh clone."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def add_parser(sub) -> None:
    p = sub.add_parser("serve", help="run the search API and the search page",
                       description="Serve the search page at / and the API at /api (OpenAPI at /docs). "
                                   "Brings the index up to date with the corpus first (builds it when there "
                                   "is none; only new and changed files are embedded). Other settings come from MOU_SEARCH_* variables (see the README).")
    p.add_argument("--index", default=None, help="index folder (default: MOU_SEARCH_INDEX_DIR or index)")
    p.add_argument("--corpus", default=None,
                   help="corpus built into the index when it has none (default: MOU_SEARCH_CORPUS_DIR or corpus)")
    p.add_argument("--no-update", action="store_true",
                   help="serve the index as it is, even when the corpus has new or changed files")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"),
                   help="server log level; below info, requests are not logged (default: info)")
    p.set_defaults(run=run_serve)


THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def one_thread_per_search(override: bool = False) -> None:
    """One OpenMP/BLAS thread per search, as the server runs: requests run on a thread pool and
    more threads per request oversubscribe the cores (they spin against other work for seconds).
    Takes effect only before numpy, FAISS and the model are loaded; ``override`` replaces values
    already set in the environment."""
    for var in THREAD_VARS:
        if override:
            os.environ[var] = "1"
        else:
            os.environ.setdefault(var, "1")


def run_serve(args: argparse.Namespace) -> int:
    one_thread_per_search()
    from pydantic import ValidationError

    from search_api.settings import Settings

    overrides = {}
    if args.index:
        overrides["index_dir"] = Path(args.index)
    if args.corpus:
        overrides["corpus_dir"] = Path(args.corpus)
    try:
        settings = Settings(**overrides)
    except ValidationError as exc:
        print(f"mou-search: bad setting: {exc}", file=sys.stderr)
        return 2
    status = ensure_index(settings.index_dir, settings.corpus_dir, update=not args.no_update)
    if status:
        return status

    import uvicorn

    from search_api.app import create_app

    print(f"mou-search: serving {settings.index_dir} at http://{args.host}:{args.port}/ "
          f"(API docs at /docs)", file=sys.stderr)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level=args.log_level,
                access_log=args.log_level in ("info", "debug"))
    return 0


def ensure_index(index_dir: Path, corpus_dir: Path, update: bool = True) -> int:
    """Build ``index_dir`` from ``corpus_dir`` if it holds no index; with ``update``, also bring
    an existing index up to date (incremental: an unchanged corpus embeds and writes nothing),
    with the encoder the live index was built with. A failed update leaves the index serving."""
    from indexer import index_files

    try:
        live = index_files.current_version(index_dir)
    except Exception as exc:  # noqa: BLE001 - unreadable CURRENT: the message says what to run
        print(f"mou-search: {exc}", file=sys.stderr)
        return 3
    if live is not None and (not update or not Path(corpus_dir).is_dir()):
        try:  # nothing to update it from: an older format is exit 3, saying what to run
            index_files.read_manifest(live, verify=False)
        except index_files.IndexError_ as exc:
            print(f"mou-search: {exc}", file=sys.stderr)
            return 3
        return 0
    if not Path(corpus_dir).is_dir():
        if live is not None:
            return 0                   # an index without its corpus (copied in): serve it
        print(f"mou-search: no index at {index_dir} and no corpus folder {corpus_dir} to build it from: "
              "pass --corpus or run `mou-search index`", file=sys.stderr)
        return 3
    from indexer.build import build_index

    if live is None:
        print(f"mou-search: no index at {index_dir}: building it from {corpus_dir} first", file=sys.stderr)
        encoder = None
    else:
        try:
            manifest = _manifest(live)
            encoder = _encoder_of(manifest)
        except Exception as exc:  # noqa: BLE001 - keep the index as it is rather than re-embed
            print(f"mou-search: cannot check the corpus against {live.name} ({exc}); serving it as it is",
                  file=sys.stderr)
            return 0
        built_from = manifest.get("corpus")
        if built_from is None or Path(built_from).resolve() != Path(corpus_dir).resolve():
            # Another corpus would replace this index's documents: never do that implicitly.
            print(f"mou-search: {index_dir} was built from {built_from}, not {corpus_dir}: serving it "
                  f"as it is (update it with `mou-search index --corpus ... --index {index_dir}`)",
                  file=sys.stderr)
            return 0
        print(f"mou-search: checking {corpus_dir} for new and changed files", file=sys.stderr)
    try:
        kwargs = {"encoder": encoder} if encoder is not None else {}
        summary = build_index(Path(corpus_dir), Path(index_dir), progress=sys.stderr.isatty(), **kwargs)
    except Exception as exc:  # noqa: BLE001 - another build running, a full disk, ...
        if live is None:
            print(f"mou-search: could not build the index: {exc}", file=sys.stderr)
            return 3
        print(f"mou-search: could not update the index ({exc}); serving {live.name} as it is",
              file=sys.stderr)
        return 0
    if summary.version is None:
        print(f"mou-search: the index is up to date with {corpus_dir} ({summary.documents} documents)",
              file=sys.stderr)
    else:
        print(f"mou-search: indexed {corpus_dir}: {summary.line()}", file=sys.stderr)
    if summary.failed:
        print(f"mou-search: {len(summary.failed)} file(s) skipped; `mou-search index` lists them "
              "with their reasons", file=sys.stderr)
    return 0


def _manifest(version: Path) -> dict:
    import json

    from indexer.index_files import MANIFEST

    return json.loads((version / MANIFEST).read_text(encoding="utf-8"))


def _encoder_of(manifest: dict):
    """The encoder the live version was built with, so that an update never re-embeds the
    whole corpus with another model."""
    from indexer.encoders import get_encoder

    built = manifest["encoder"]
    return get_encoder(built["name"], **built.get("options", {}))
