"""TREC run and qrels files (the formats trec_eval, ir-measures and ranx read).

``Run`` is ``qid -> [(docno, score), ...]`` in rank order; ``Qrels`` is ``qid -> {docno: grade}``.
A space in a docno is written ``%20`` (TREC columns are split on white space).
"""
from __future__ import annotations

from pathlib import Path

Run = dict[str, list[tuple[str, float]]]
Qrels = dict[str, dict[str, int]]


def escape(docno: str) -> str:
    return docno.replace("%", "%25").replace(" ", "%20").replace("\t", "%09")


def unescape(docno: str) -> str:
    return docno.replace("%09", "\t").replace("%20", " ").replace("%25", "%")


def strictly_decreasing(scores: list[float], step: float = 1e-6) -> list[float]:
    """The scores with ties (and any rise) pushed down, so a tool that sorts by score (trec_eval
    breaks ties by docno) sees exactly our rank order."""
    out: list[float] = []
    for s in scores:
        s = round(float(s), 6)
        if out and s >= out[-1]:
            s = round(out[-1] - step, 6)
        out.append(s)
    return out


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
            scores = strictly_decreasing([s for _, s in ranked])
            for rank, ((docno, _), score) in enumerate(zip(ranked, scores), 1):
                f.write(f"{qid} Q0 {escape(docno)} {rank} {score:.6f} {tag}\n")


def read_run(path: Path) -> Run:
    run: Run = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 6:
                continue
            qid, _, docno, rank, score = parts[:5]
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
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 4:
                qrels.setdefault(parts[0], {})[unescape(parts[2])] = int(parts[3])
    return qrels
