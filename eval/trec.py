"""TREC run and qrels files (the formats trec_eval, ir-measures and ranx read).

``Run`` is ``qid -> [(docno, score), ...]`` in rank order; ``Qrels`` is ``qid -> {docno: grade}``.
Lines are formatted by :mod:`search_api.trec`, shared with `mou-search run`.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from search_api.trec import escape, run_lines, strictly_decreasing, unescape

__all__ = ["Run", "Qrels", "as_scored", "write_run", "read_run", "write_qrels", "read_qrels",
           "escape", "unescape", "strictly_decreasing"]

Run = dict[str, list[tuple[str, float]]]
Qrels = dict[str, dict[str, int]]


def as_scored(run: Run) -> dict[str, dict[str, float]]:
    """``qid -> {docno: score}`` with rank-preserving scores (the shape ir-measures takes)."""
    out = {}
    for qid, ranked in run.items():
        scores = strictly_decreasing([s for _, s in ranked])
        out[qid] = {d: s for (d, _), s in zip(ranked, scores)}
    return out


def write_run(path: Path, run: Run, tag: str) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for qid, ranked in run.items():
            f.writelines(run_lines(qid, ranked, tag))


def _columns(path: Path) -> Iterator[list[str]]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            yield line.split()


def read_run(path: Path) -> Run:
    run: Run = {}
    for parts in _columns(path):
        if len(parts) >= 6:
            qid, _, docno, _rank, score = parts[:5]
            run.setdefault(qid, []).append((unescape(docno), float(score)))
    for qid in run:
        run[qid].sort(key=lambda x: -x[1])
    return run


def write_qrels(path: Path, qrels: Qrels) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for qid, graded in qrels.items():
            for docno, grade in sorted(graded.items()):
                f.write(f"{qid} 0 {escape(docno)} {grade}\n")


def read_qrels(path: Path) -> Qrels:
    qrels: Qrels = {}
    for parts in _columns(path):
        if len(parts) == 4:
            qrels.setdefault(parts[0], {})[unescape(parts[2])] = int(parts[3])
    return qrels
