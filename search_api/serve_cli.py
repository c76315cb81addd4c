"""``mou-search serve``: the search API and page, building the index first on a fresh clone."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def add_parser(sub) -> None:
    p = sub.add_parser("serve", help="run the search API and the search page",
                       description="Serve the search page at / and the API at /api (OpenAPI at /docs). "
                                   "Builds the index from the corpus first when the index folder has none. "
                                   "Other settings come from MOU_SEARCH_* variables (see the README).")
    p.add_argument("--index", default=None, help="index folder (default: MOU_SEARCH_INDEX_DIR or index)")
    p.add_argument("--corpus", default=None,
                   help="corpus built into the index when it has none (default: MOU_SEARCH_CORPUS_DIR or corpus)")
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
    status = ensure_index(settings.index_dir, settings.corpus_dir)
    if status:
        return status

    import uvicorn

    from search_api.app import create_app

    print(f"mou-search: serving {settings.index_dir} at http://{args.host}:{args.port}/ "
          f"(API docs at /docs)", file=sys.stderr)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level=args.log_level,
                access_log=args.log_level in ("info", "debug"))
    return 0


def ensure_index(index_dir: Path, corpus_dir: Path) -> int:
    """Build ``index_dir`` from ``corpus_dir`` with the default encoder if it holds no index."""
    from indexer import index_files

    try:
        live = index_files.current_version(index_dir)
        if live is not None:
            index_files.read_manifest(live, verify=False)  # an older format: exit 3, saying what to run
            return 0
    except index_files.IndexError_ as exc:
        print(f"mou-search: {exc}", file=sys.stderr)
        return 3
    if not Path(corpus_dir).is_dir():
        print(f"mou-search: no index at {index_dir} and no corpus folder {corpus_dir} to build it from: "
              "pass --corpus or run `mou-search index`", file=sys.stderr)
        return 3
    from indexer.build import build_index

    print(f"mou-search: no index at {index_dir}: building it from {corpus_dir} first", file=sys.stderr)
    summary = build_index(Path(corpus_dir), Path(index_dir), progress=sys.stderr.isatty())
    print(f"mou-search: indexed {summary.documents} documents, {summary.chunks} chunks "
          f"in {summary.seconds:.0f} s", file=sys.stderr)
    return 0
