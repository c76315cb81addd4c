"""Choose the hybrid fusion parameters on the iApp *validation* split.

    python -m eval.tune_fusion [--split valid] [--index /tmp/mou-iapp/valid-index]

Thai questions measure Thai->Thai, their English translations English->Thai. Each question's
candidate pool is gathered once; every parameter set then re-ranks the same evidence, so the
grid costs no extra retrieval. Prints document-level Recall@1 and MRR@10 (ir-measures) per
setting, the single modes and plain RRF beside them, and writes eval/reports/tune_fusion.md.
"""
from __future__ import annotations

import argparse
import itertools
import os
from pathlib import Path

import ir_measures
import numpy as np
from ir_measures import RR, R

from search_api import fusion
from search_api.searcher import Searcher, first_per_document

MEASURES = [R @ 1, RR @ 10]
GRID = {
    "lexical_weight": [0.5, 0.7, 0.9],
    "coverage_power": [0.5, 1.0, 2.0],
    "sentence_weight": [0.5],
    "coverage_from": ["top", "max"],
    "per_candidate": [False, True],
    "answer_type_weight": [0.0, 0.1],
    "dense_spread": [0.0, 0.15],
}
FOCUSED = {  # around the defaults, for a quick check of one new knob
    "lexical_weight": [0.7], "coverage_power": [1.0], "sentence_weight": [0.5],
    "coverage_from": ["max"], "per_candidate": [True], "answer_type_weight": [0.1],
    "dense_spread": [0.0, 0.1, 0.15, 0.2, 0.25],
}


def doc_run(searcher, pool, scores, k=10) -> dict[str, float]:
    order = np.argsort(-scores, kind="stable")
    order = first_per_document(order, [searcher.index.chunk_doc[r] for r in pool.rows])[:k]
    return {searcher.index.chunk_doc[pool.rows[i]]: float(k - n) for n, i in enumerate(order)}


def evaluate(qrels, run) -> dict[str, float]:
    return {str(m): v for m, v in ir_measures.calc_aggregate(MEASURES, qrels, run).items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="valid")
    parser.add_argument("--index", default=None)
    parser.add_argument("--report", default="eval/reports/tune_fusion.md")
    parser.add_argument("--focused", action="store_true", help="only the small grid around the defaults")
    args = parser.parse_args()
    from eval.datasets.iapp import load, write_corpus
    from indexer.build import build_index

    docs, thai, english = load(args.split)
    index_dir = Path(args.index or f"/tmp/mou-iapp/{args.split}-index")
    if not (index_dir / "CURRENT").exists():
        corpus = write_corpus(docs, index_dir.parent / f"{args.split}-corpus")
        build_index(corpus, index_dir, progress=True)
    searcher = Searcher(index_dir)
    sets = {"th->th": thai, "en->th": english}
    pools = {name: {q.qid: searcher.candidates(q.text, "hybrid") for q in qs} for name, qs in sets.items()}
    qrels = {name: {q.qid: {q.doc_id: 1} for q in qs} for name, qs in sets.items()}

    def score(mode, params=None):
        out = {}
        for name in sets:
            run = {qid: doc_run(searcher, p, searcher.rank(p, mode, params)[0]) for qid, p in pools[name].items() if p}
            out[name] = evaluate(qrels[name], run)
        return out

    lines = [f"# Fusion tuning on iApp `{args.split}` ({len(thai)} Thai, {len(english)} English questions)",
             "", "Document level; `python -m eval.tune_fusion --split " + args.split + "`.", "",
             "| setting | th->th R@1 | th->th MRR@10 | en->th R@1 | en->th MRR@10 |", "|---|---|---|---|---|"]

    def row(label, res):
        line = (f"| {label} | {res['th->th']['R@1']:.3f} | {res['th->th']['RR@10']:.3f} | "
                f"{res['en->th']['R@1']:.3f} | {res['en->th']['RR@10']:.3f} |")
        print(line, flush=True)
        lines.append(line)

    for sw in [0.0, 0.25] + GRID["sentence_weight"]:
        row(f"dense (sentence_weight={sw})", score("dense", fusion.FusionParams(sentence_weight=sw)))
    row("lexical", score("lexical"))
    rrf_res = {}
    for name in sets:
        run = {}
        for qid, p in pools[name].items():
            dense = searcher.rank(p, "dense")[0]
            ranks = [list(np.argsort(-dense, kind="stable")), list(np.argsort(-p.lexical, kind="stable"))]
            fused = fusion.rrf(ranks)
            run[qid] = doc_run(searcher, p, np.array([fused[i] for i in range(len(p.rows))]))
        rrf_res[name] = evaluate(qrels[name], run)
    row("RRF (k=60)", rrf_res)
    best = None
    grid = FOCUSED if args.focused else GRID
    for lw, cp, sw, cf, pc, aw, ds in itertools.product(*grid.values()):
        params = fusion.FusionParams(lw, cp, sw, cf, pc, aw, ds)
        res = score("hybrid", params)
        row(f"hybrid lw={lw} cp={cp} sw={sw} from={cf} per_candidate={pc} answer_type={aw} "
            f"dense_spread={ds}", res)
        key = min(res["th->th"]["R@1"] - 0.95, res["en->th"]["R@1"] - 0.80) + \
            0.1 * (res["th->th"]["RR@10"] + res["en->th"]["RR@10"])
        if best is None or key > best[0]:
            best = (key, params, res)
    lines += ["", f"Best on this split: {best[1]} (the smaller margin over the targets "
              "R@1 >= 0.95 th->th and >= 0.80 en->th, MRR@10 breaking ties). One question moves "
              "th->th R@1 by 0.0013 and en->th by 0.017: settings that close are ties, and the "
              "defaults in search_api/fusion.py were chosen among them on the odd-numbered half "
              "of the agreement questions (see the README)."]
    print(lines[-1])
    os.makedirs(os.path.dirname(args.report), exist_ok=True)
    Path(args.report).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
