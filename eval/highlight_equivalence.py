"""Highlighting piece by piece against segmenting each passage whole, on an index's passages.

``search_api.highlight`` segments only the white-space pieces of a passage that can hold a query
term; this checks, on a seeded sample of an index's chunks, that the pieces segment as the whole
passage does and that the spans of real questions (iApp valid, the thaigov questions) are the
same::

    python -m eval.highlight_equivalence --index .cache/mou-search-eval/thaigov/e5-small-q4-t160-m256-o48-title1
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def questions() -> list[str]:
    from eval.datasets.iapp import find_data_dir

    out = []
    with open(Path(find_data_dir()) / "valid.jsonl", encoding="utf-8") as f:
        out += [json.loads(line)["question"] for line in f if line.strip()][:300]
    with open(ROOT / "eval" / "data" / "thaigov" / "questions.jsonl", encoding="utf-8") as f:
        out += [json.loads(line)["query"] for line in f if line.strip()]
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.highlight_equivalence", description=__doc__.split("\n")[0])
    p.add_argument("--index", required=True, help="index folder")
    p.add_argument("--chunks", type=int, default=3000, help="chunks sampled")
    p.add_argument("--per-chunk", type=int, default=5, help="questions tried on each chunk")
    args = p.parse_args(argv)
    from indexer.analysis import query_analysis
    from search_api import highlight
    from search_api.pieces import white_space_pieces
    from search_api.searcher import Searcher
    from tests.test_highlight import whole

    store = Searcher(args.index).store
    rng = random.Random(0)
    rows = rng.sample(range(store.n_chunks), min(store.n_chunks, args.chunks))
    term_sets = [set(query_analysis(q)[0]) for q in questions()]
    pairs = differences = 0
    for row in rows:
        text = store.chunk_text(row)
        pieced = tuple((a + x, a + y, t) for a, b in white_space_pieces(text)
                       for x, y, t in highlight._piece_words(text[a:b + 1]))
        if pieced != highlight._segmented(text):
            differences += 1
            print(f"chunk {row}: the pieces segment otherwise than the whole passage", file=sys.stderr)
        for terms in rng.sample(term_sets, args.per_chunk):
            pairs += 1
            if highlight.highlights(text, terms) != whole(text, terms):
                differences += 1
                print(f"chunk {row}, terms {sorted(terms)}: other spans", file=sys.stderr)
    print(f"{len(rows)} chunks, {pairs} (chunk, question) pairs: {differences} differences")
    return 1 if differences else 0


if __name__ == "__main__":
    raise SystemExit(main())
