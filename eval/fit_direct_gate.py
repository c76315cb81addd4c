"""Fit the direct-answer gate (``search_api/direct_gate.py``) on the dev questions.

    MOU_SEARCH_TEST_ENCODERS=1 python -m eval.fit_direct_gate --index hybrid=INDEX [--index lexical=INDEX2] \\
        [--out search_api/models/direct_gate.json] [--report eval/reports/direct-gate.md]

One row per candidate answer (``search_api.direct_answer.candidates``) of every dev question of
``eval/data/agreements/direct_questions.jsonl``, in every mode given; label: the answer is right
(``eval.agreements_direct.is_correct``; any answer to a question whose gold is null is wrong).
Cross-validation is grouped: questions that share a gold document or a candidate agreement record
fall in one group, and a group is never split between folds. The threshold is the lowest CV
probability at which the CV answers (the most probable candidate of each question) are at least
TARGET right, the one with most coverage; the weights written are fitted on every row. The test
split is never read.
"""
from __future__ import annotations

import argparse
import collections
import json
import shlex
import sys
from pathlib import Path

import numpy as np

from eval.agreements_direct import is_correct, load_questions
from eval.train_rerank import fit_logistic

TARGET = 0.92
FOLDS = 5
L2 = 3.0                 # chosen on the grouped CV among 0.3, 1, 3, 10, 30 (coverage at the same accuracy)
BINS = (0.0, 0.5, 0.7, 0.85, 1.0001)
ITERATIONS = 50          # Newton steps at most


def collect(index: str, mode: str, questions: list[dict]) -> list[dict]:
    from search_api.direct_answer import candidates
    from search_api.direct_gate import FEATURES, features
    from search_api.searcher import Searcher

    searcher = Searcher(index)
    records = searcher.index.agreements
    rows = []
    for q in questions:
        hits = searcher.search(q["question"], k=10, mode=mode).results
        found, context, _ = candidates(q["question"], hits, records)
        for c in found:
            values = features(c, found, context)
            rows.append({"qid": q["id"], "mode": mode, "pair": q["pair"], "agreement_id": c["agreement_id"],
                         "x": [values[n] for n in FEATURES],
                         "y": int(is_correct({"text": c["text"], "value": c["value"]}, q["answer"]))})
    return rows


def groups_of(questions: list[dict], rows: list[dict]) -> dict[str, int]:
    """question id -> group: questions joined by a shared gold document or candidate record."""
    parent = {q["id"]: q["id"] for q in questions}

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    owner: dict[str, str] = {}
    keys = [(q["id"], d) for q in questions for d in q["doc_ids"]] + [(r["qid"], r["agreement_id"]) for r in rows]
    for qid, key in keys:
        if key in owner:
            parent[find(qid)] = find(owner[key])
        else:
            owner[key] = qid
    roots = sorted({find(q["id"]) for q in questions})
    return {q["id"]: roots.index(find(q["id"])) for q in questions}


def answers(rows: list[dict], p: np.ndarray) -> dict[tuple[str, str], tuple[float, int]]:
    """(question, mode) -> (probability, right) of its most probable candidate."""
    best: dict = {}
    for r, pi in zip(rows, p):
        key = (r["qid"], r["mode"])
        if key not in best or pi > best[key][0]:
            best[key] = (float(pi), r["y"])
    return best


def figures(best: dict, questions: list[dict], modes: list[str], threshold: float, pair: str | None = None) -> dict:
    out = {}
    for mode in modes:
        qs = [q for q in questions if pair is None or q["pair"] == pair]
        asked = sum(q["answer"] is not None for q in qs)
        given = [(best[(q["id"], mode)], q["answer"] is not None) for q in qs
                 if (q["id"], mode) in best and best[(q["id"], mode)][0] >= threshold]
        right = sum(ok for (p, ok), _ in given)
        out[mode] = {"asked": asked, "answered": sum(a for _, a in given), "given": len(given), "right": right,
                     "wrong_confident": sum(1 for (p, ok), _ in given if not ok and p >= 0.8)}
    return out


def choose_threshold(best: dict, questions: list[dict], modes: list[str]) -> float:
    candidates = sorted({p for p, _ in best.values()})
    chosen = 1.0
    for t in reversed(candidates):
        f = figures(best, questions, modes, t)
        given = sum(v["given"] for v in f.values())
        right = sum(v["right"] for v in f.values())
        if given and right / given >= TARGET:
            chosen = t
    return chosen


def main(argv: list[str] | None = None) -> int:
    from search_api.direct_gate import FEATURES, MODEL_PATH

    p = argparse.ArgumentParser(prog="python -m eval.fit_direct_gate", description=__doc__.split("\n")[0])
    p.add_argument("--index", action="append", required=True, help="MODE=INDEX (hybrid=..., lexical=...)")
    p.add_argument("--out", default=str(MODEL_PATH))
    p.add_argument("--report", default="eval/reports/direct-gate.md")
    p.add_argument("--l2", type=float, default=L2, help=f"ridge penalty on the standardised weights (default {L2})")
    args = p.parse_args(argv)
    questions = load_questions(split="dev")
    rows, modes = [], []
    for spec in args.index:
        mode, index = spec.split("=", 1)
        modes.append(mode)
        rows += collect(index, mode, questions)
    x = np.array([r["x"] for r in rows], dtype=float)
    y = np.array([r["y"] for r in rows], dtype=float)
    group = groups_of(questions, rows)
    sizes = collections.Counter(group.values())
    fold_of, load = {}, [0] * FOLDS
    for g, n in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        k = load.index(min(load))
        fold_of[g] = k
        load[k] += n
    folds = np.array([fold_of[group[r["qid"]]] for r in rows])
    cv = np.zeros(len(rows))
    for k in range(FOLDS):
        train, held = folds != k, folds == k
        if held.any():
            cv[held] = fit_logistic(x[train], y[train], FEATURES, args.l2, ITERATIONS).probability(x[held])
    best = answers(rows, cv)
    threshold = choose_threshold(best, questions, modes)
    model = fit_logistic(x, y, FEATURES, args.l2, ITERATIONS)
    w = model.weights
    result = {**model.as_dict(), "threshold": round(threshold, 4),
              "fitted": {"rows": len(rows), "positives": int(y.sum()), "questions": len(questions),
                         "groups": len(sizes), "largest_group": max(sizes.values()), "folds": FOLDS,
                         "l2": args.l2, "target": TARGET, "modes": modes}}
    Path(args.out).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    lines = ["# Direct-answer gate, fitted on dev", "",
             f"Regenerate: `{' '.join(shlex.quote(a) for a in ['python', '-m', 'eval.fit_direct_gate'] + (argv or sys.argv[1:]))}`", "",
             f"{len(rows)} candidate answers ({int(y.sum())} right) of {len(questions)} dev questions, modes {modes}; "
             f"{len(sizes)} groups (largest {max(sizes.values())} questions) in {FOLDS} folds; L2 {args.l2}. "
             f"Threshold {threshold:.3f}: the one with most coverage whose CV answers are >= {TARGET:.0%} right.", "",
             "## Cross-validated (grouped) figures at that threshold", "",
             "| mode | pair | answered / fact questions | right / answered | wrong, p >= 0.8 |", "|---|---|---|---|---|"]
    for pair in (None, "th->th", "en->th", "en->en", "th->en"):
        for mode, v in figures(best, questions, modes, threshold, pair).items():
            cov = f"{v['answered']}/{v['asked']} ({v['answered'] / v['asked']:.1%})" if v["asked"] else "–"
            acc = f"{v['right']}/{v['given']} ({v['right'] / v['given']:.1%})" if v["given"] else "–"
            lines.append(f"| {mode} | {pair or 'all'} | {cov} | {acc} | {v['wrong_confident']} |")
    lines += ["", "## The same, per round of questions (`batch`; `dev1` = the first 50)", "",
              "| mode | round | answered / fact questions | right / answered | wrong, p >= 0.8 |", "|---|---|---|---|---|"]
    for batch in sorted({q.get("batch", "dev1") for q in questions}):
        qs = [q for q in questions if q.get("batch", "dev1") == batch]
        for mode, v in figures(best, qs, modes, threshold).items():
            cov = f"{v['answered']}/{v['asked']} ({v['answered'] / v['asked']:.1%})" if v["asked"] else "–"
            acc = f"{v['right']}/{v['given']} ({v['right'] / v['given']:.1%})" if v["given"] else "–"
            lines.append(f"| {mode} | {batch} | {cov} | {acc} | {v['wrong_confident']} |")
    lines += ["", "## Reliability of the CV probability (each question's most probable candidate)", "",
              "| probability | answers | mean probability | right |", "|---|---|---|---|"]
    ps = np.array([v[0] for v in best.values()])
    oks = np.array([v[1] for v in best.values()])
    for lo, hi in zip(BINS, BINS[1:]):
        sel = (ps >= lo) & (ps < hi)
        if sel.any():
            lines.append(f"| {lo:.2f}-{min(hi, 1):.2f} | {int(sel.sum())} | {ps[sel].mean():.3f} | {oks[sel].mean():.1%} |")
    lines += ["", "## Weights (standardised features)", "", "| feature | weight |", "|---|---|"]
    lines += [f"| {n} | {wi:+.3f} |" for n, wi in sorted(zip(FEATURES, w), key=lambda t: -abs(t[1]))]
    Path(args.report).parent.mkdir(parents=True, exist_ok=True)
    Path(args.report).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
