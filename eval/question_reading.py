"""Which fact a question asks for: ``search_api.direct_answer.question_fact`` on questions written
for it, scored against the fact a careful reader would name (or none).

    python -m eval.question_reading [--show]

Questions: eval/data/agreements/question_reading.jsonl, written by five helper sessions that
read no project file and no other question set (staff-style questions about agreements, Thai and
English, keyword queries, colloquial forms, typing errors, yes/no questions about a fact, two-fact
questions labelled with the fact asked first, and hard negatives: who chaired a signing, a
training's length, a project's start, trade figures). ``split`` "rules": the rules were written on
them, one ``round`` after another, each round's questions first measuring the rules before it
(round 1: 420 questions, first half "A", measured on half "B", then both; round 2: 300, which had
measured round 1 at 62.7 % -> 79.7 %; round 3: 300, round 2 at 59.0 % -> 80.7 %; round 4: 300,
round 3 at 62.7 % -> 86.3 %, its Thai questions partly translations of its English ones);
"held-out": round 5, 300 short phone-typed questions (fragments, abbreviations, mixed Thai and
English) written after round 4's rules and read only to measure: main 62.0 %, round 3's rules
80.7 %, round 4's 82.0 % (read as asking another fact: 36, 15, 12).

Per split and language: accuracy (the fact read is the gold one), questions read as asking a fact
they do not ask ("false": the dangerous error, a direct answer to another question), and fact
questions read as asking none ("missed"). Writes eval/reports/question-reading.md and .json.
"""
from __future__ import annotations

import argparse
import collections
import json
import shlex
import sys
from pathlib import Path

QUESTIONS = Path(__file__).resolve().parent / "data" / "agreements" / "question_reading.jsonl"
REPORTS = Path(__file__).resolve().parent / "reports"


def load(path: Path = QUESTIONS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(rows: list[dict]) -> tuple[dict, list[dict]]:
    """Counts per (split, lang) and (split, "all"), and the questions read wrong."""
    from search_api.question_fact import question_fact

    counts: dict = collections.defaultdict(collections.Counter)
    wrong = []
    for r in rows:
        got = question_fact(r["q"])
        outcome = "right" if got == r["fact"] else ("missed" if got is None else "false")
        for key in ((r["split"], r["lang"]), (r["split"], "all")):
            counts[key]["n"] += 1
            counts[key][outcome] += 1
        if outcome != "right":
            wrong.append({**r, "read": got})
    return counts, wrong


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--show", action="store_true", help="print the questions read wrong")
    p.add_argument("--reports", type=Path, default=REPORTS)
    args = p.parse_args(argv)
    counts, wrong = score(load())
    command = "python -m eval.question_reading " + shlex.join(sys.argv[1:] if argv is None else argv)
    lines = ["# Question reading: which fact a question asks for", "",
             f"Regenerate: `{command.strip()}`", "",
             "| split | lang | questions | right | accuracy | false (another fact) | missed (none read) |",
             "|---|---|---|---|---|---|---|"]
    table = {}
    for (split, lang), c in sorted(counts.items()):
        table[f"{split}/{lang}"] = dict(c)
        lines.append(f"| {split} | {lang} | {c['n']} | {c['right']} | {c['right'] / c['n']:.1%} | {c['false']} | {c['missed']} |")
    lines += ["", "## Read wrong", ""]
    lines += [f"- ({w['split']}, {w['lang']}) gold `{w['fact']}`, read `{w['read']}`: {w['q']}" for w in wrong]
    args.reports.mkdir(parents=True, exist_ok=True)
    (args.reports / "question-reading.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (args.reports / "question-reading.json").write_text(
        json.dumps({"command": command.strip(), "counts": table, "wrong": wrong}, ensure_ascii=False, indent=1),
        encoding="utf-8")
    print("\n".join(lines[:6 + len(table)]))
    if args.show:
        print("\n".join(lines[6 + len(table):]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
