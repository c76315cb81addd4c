"""Pairwise precision and recall of near-duplicate grouping on the judged thaigov groups.

    python -m eval.thaigov_duplicates [--index INDEX_DIR] [--corpus ARCHIVE] [--reports eval/reports]

The judged groups (``eval/data/thaigov/duplicate_groups.jsonl``, written by reading the releases)
are of three kinds: ``re-release`` (the same text published again), ``rewritten`` (the same news
rewritten, e.g. a spokesperson release and its LINE summary), ``cross-language`` (the Thai and
the English release of the same news), plus ``distinct`` documents that share wording with a
judged neighbour but are other news. Over the judged documents, a pair is positive when both
are in one judged group; predicted positive when both carry the same ``group``. Groups come from
an index's ``documents.jsonl`` (``--index``) or are computed here with ``indexer.duplicates``.
Splits as for the questions: dev = groups dated 2020-2022 (the threshold was set there), test =
2023.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from itertools import combinations
from pathlib import Path

from eval.datasets.thaigov import find_corpus_dir, indexed_texts, read_duplicate_groups

KINDS = ("re-release", "rewritten", "cross-language")


def predicted_groups(index_dir: Path | None, corpus_dir: Path) -> tuple[dict[str, str], str]:
    if index_dir is not None:
        from indexer import index_files

        version = index_files.current_version(Path(index_dir))
        docs = index_files.read_jsonl(version / "documents.jsonl")
        return {d["doc_id"]: d.get("group") or d["doc_id"] for d in docs}, f"index {version}"
    from indexer.duplicates import group_documents

    return group_documents(indexed_texts(corpus_dir)), "indexer.duplicates.group_documents"


def score(groups: list[dict], predicted: dict[str, str], kinds=KINDS) -> dict:
    """Pairwise precision/recall over the judged documents of ``groups``."""
    docs = sorted({d for g in groups for d in g["docs"]})
    gold_of = {}
    for n, g in enumerate(groups):
        for d in g["docs"]:
            gold_of[d] = n
    gold = {(a, b) for a, b in combinations(docs, 2) if gold_of[a] == gold_of[b]
            and groups[gold_of[a]]["kind"] in kinds}
    excluded = {(a, b) for a, b in combinations(docs, 2) if gold_of[a] == gold_of[b]
                and groups[gold_of[a]]["kind"] not in kinds}
    pred = {(a, b) for a, b in combinations(docs, 2)
            if predicted.get(a, a) == predicted.get(b, b)} - excluded
    tp = len(gold & pred)
    return {"gold_pairs": len(gold), "predicted_pairs": len(pred), "true_positive": tp,
            "precision": tp / len(pred) if pred else None, "recall": tp / len(gold) if gold else None}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.thaigov_duplicates", description=__doc__.split("\n")[0])
    p.add_argument("--index", type=Path, default=None, help="read groups from this index")
    p.add_argument("--corpus", type=Path, default=None)
    p.add_argument("--reports", type=Path, default=Path("eval/reports"))
    args = p.parse_args(argv)
    started = time.perf_counter()
    load = os.getloadavg()
    predicted, source = predicted_groups(args.index, Path(args.corpus or find_corpus_dir()))
    seconds = time.perf_counter() - started
    groups = read_duplicate_groups()
    rows = []
    for split in ("dev", "test", "all"):
        part = [g for g in groups if split == "all" or g["split"] == split]
        for label, kinds in (("same text (re-release)", ("re-release",)),
                             ("+ rewritten", ("re-release", "rewritten")),
                             ("+ cross-language (all)", KINDS)):
            rows.append({"split": split, "judged as duplicates": label, **score(part, predicted, kinds)})
    fmt = lambda v: "-" if v is None else f"{v:.3f}"  # noqa: E731
    command = "python -m eval.thaigov_duplicates" + (f" --index {args.index}" if args.index else "")
    lines = [f"# Near-duplicate grouping on the judged thaigov groups", "",
             f"Regenerate: `{command}`. Groups from {source}; {len(groups)} judged groups "
             f"({sum(len(g['docs']) > 1 for g in groups)} of two or more documents); grouping "
             f"took {seconds:.1f} s; load average {load[0]:.2f} at start.", "",
             "| split | pairs judged as duplicates | gold pairs | predicted pairs | precision | recall |",
             "| --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        lines.append(f"| {r['split']} | {r['judged as duplicates']} | {r['gold_pairs']} | "
                     f"{r['predicted_pairs']} | {fmt(r['precision'])} | {fmt(r['recall'])} |")
    out = args.reports / "thaigov-duplicates"
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "report.json").write_text(json.dumps({"command": command, "source": source, "rows": rows},
                                                ensure_ascii=False, indent=2), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
