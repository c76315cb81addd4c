"""Direct answers over thaigov-mou: coverage, accuracy of the answers given, wrong confident ones.

    python -m eval.agreements_direct --index INDEX [--mode lexical] [--split dev|test|all]
    mou-search eval --dataset agreements-direct --index INDEX [--split ...] [--modes lexical]

Questions: eval/data/agreements/direct_questions.jsonl (see its README section). Each has the
fact it asks for and a gold value, or ``answer: null`` when no agreement record can answer it
(a question about a meeting, a regulation, a lease...): there the right response is no answer.
A "still in force?" question's gold is true or false on the day of the run (the questions of 2026-12-06
ask about agreements that had ended by then).

Per split and language pair:
- coverage: answered / asked, over the questions with a gold value;
- accuracy: correct / answered, over every answered question (an answer to a null question is
  wrong);
- wrong_confident: wrong answers with confidence >= 0.8.

Writes REPORTS/agreements-direct.md and .json (the command that regenerates them in the header).
The index must be a thaigov-mou index whose version holds agreements.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import time
from pathlib import Path

QUESTIONS = Path(__file__).resolve().parent / "data" / "agreements" / "direct_questions.jsonl"
CONFIDENT = 0.8
TARGET_ACCURACY = 0.90
TARGET_COVERAGE = 0.60


def load_questions(path: Path = QUESTIONS, split: str = "all") -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if split == "all" or r["split"] == split]


def _norm(text: str) -> str:
    from indexer.textnorm import normalize_for_match

    return " ".join(normalize_for_match(text).lower().split())


def is_correct(answer: dict, gold) -> bool:
    """Whether a direct answer matches the gold value of its question (see module doc)."""
    if gold is None:
        return False
    value = answer.get("value")
    if isinstance(gold, bool):         # "still in force?": yes or no on the day of the run
        return value is gold
    if isinstance(gold, str):          # an ISO date, possibly partial: the answer's day lies in it
        return isinstance(value, str) and value.startswith(gold)
    if isinstance(gold, dict) and "amount" in gold:
        return isinstance(value, dict) and float(value.get("amount", -1)) == float(gold["amount"]) and (
            not value.get("currency") or value.get("currency") == gold.get("currency"))
    if isinstance(gold, dict):         # a duration: {years, months, days, extension: {...}}
        if not isinstance(value, dict):
            return False
        for key in ("years", "months", "days"):
            if key in gold and (value.get(key) or 0) != gold[key]:
                return False
        if "extension" in gold:
            ext = value.get("extension") or {}
            return all((ext.get(k) or 0) == v for k, v in gold["extension"].items())
        return True
    text = _norm(answer.get("text", ""))   # names: every key (any of its | forms) in the answer
    return all(any(_norm(form) in text for form in key.split("|")) for key in gold)


def score(questions: list[dict], answers: dict[str, dict | None]) -> dict:
    from search_api.question_fact import question_fact

    groups: dict[str, dict] = {}
    for q in questions:
        detected = q.get("question") is not None and question_fact(q["question"]) == q.get("fact")
        da = answers.get(q["id"])
        for key in (f"{q['split']} {q['pair']}", f"{q['split']} all"):
            g = groups.setdefault(key, {"asked": 0, "answered_of_asked": 0, "no_record": 0,
                                        "answered_no_record": 0, "answered": 0, "correct": 0,
                                        "wrong_confident": 0, "fact_detected": 0})
            answerable = q["answer"] is not None
            g["asked" if answerable else "no_record"] += 1
            g["fact_detected"] += answerable and detected
            if da is None:
                continue
            g["answered"] += 1
            g["answered_of_asked" if answerable else "answered_no_record"] += 1
            ok = is_correct(da, q["answer"])
            g["correct"] += ok
            g["wrong_confident"] += (not ok) and da.get("confidence", 0) >= CONFIDENT
    for g in groups.values():
        g["coverage"] = round(g["answered_of_asked"] / g["asked"], 3) if g["asked"] else None
        g["accuracy"] = round(g["correct"] / g["answered"], 3) if g["answered"] else None
    return dict(sorted(groups.items()))


def run(index: Path, mode: str, split: str, reports: Path, command: str, searcher=None) -> dict:
    from search_api.searcher import Searcher

    load_start = [round(x, 2) for x in os.getloadavg()]
    searcher = searcher or Searcher(index)
    questions = load_questions(split=split)
    answers, rows = {}, []
    started = time.perf_counter()
    for q in questions:
        response = searcher.search(q["question"], k=10, mode=mode)
        da = response.direct_answer
        answers[q["id"]] = da
        rows.append({"id": q["id"], "split": q["split"], "pair": q["pair"], "fact": q["fact"],
                     "gold": q["answer"], "answer": da,
                     "correct": None if da is None else is_correct(da, q["answer"])})
    seconds = time.perf_counter() - started
    groups = score(questions, answers)
    records = len(searcher.index.agreements)
    result = {"command": command, "index": str(index), "version": searcher.index.version, "mode": mode,
              "records": records, "questions": len(questions), "seconds": round(seconds, 1),
              "loadavg_start": load_start, "loadavg_end": [round(x, 2) for x in os.getloadavg()],
              "groups": groups, "rows": rows}
    reports.mkdir(parents=True, exist_ok=True)
    (reports / "agreements-direct.json").write_text(json.dumps(result, ensure_ascii=False, indent=1),
                                                    encoding="utf-8")
    (reports / "agreements-direct.md").write_text(markdown(result), encoding="utf-8")
    return result


def markdown(result: dict) -> str:
    lines = ["# Direct answers over thaigov-mou", "", f"Regenerate: `{result['command']}`", "",
             f"Index version {result['version']} ({result['records']} agreement records), mode "
             f"`{result['mode']}`, {result['questions']} questions in {result['seconds']} s; load "
             f"average {result['loadavg_start']} -> {result['loadavg_end']}.", "",
             f"Targets on test (2023): accuracy >= {TARGET_ACCURACY:.0%} of answered, coverage >= "
             f"{TARGET_COVERAGE:.0%} of fact questions; wrong answers with confidence >= {CONFIDENT}: "
             "as close to 0 as possible.", "",
             "| split / pair | fact questions | fact read right | answered | coverage | no-record questions | "
             "answered those (wrong) | answered total | correct | accuracy | wrong, confident |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for key, g in result["groups"].items():
        fmt = lambda x: "–" if x is None else f"{x:.1%}"   # noqa: E731
        lines.append(f"| {key} | {g['asked']} | {g['fact_detected']} | {g['answered_of_asked']} | {fmt(g['coverage'])} | "
                     f"{g['no_record']} | {g['answered_no_record']} | {g['answered']} | {g['correct']} | "
                     f"{fmt(g['accuracy'])} | {g['wrong_confident']} |")
    wrong = [r for r in result["rows"] if r["answer"] is not None and not r["correct"]]
    if wrong:
        lines += ["", "## Wrong answers", ""]
        for r in wrong:
            lines.append(f"- {r['id']} ({r['split']}, {r['fact']}): gold `{json.dumps(r['gold'], ensure_ascii=False)}`, "
                         f"answered `{r['answer']['text']}` ({r['answer']['agreement_id']}, "
                         f"confidence {r['answer']['confidence']})")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--index", required=True, help="a thaigov-mou index with agreement records")
    p.add_argument("--mode", default="lexical", choices=("hybrid", "dense", "lexical"))
    p.add_argument("--split", default="all", choices=("dev", "test", "all"))
    p.add_argument("--reports", default="eval/reports")
    args = p.parse_args(argv)
    command = "python -m eval.agreements_direct " + " ".join(shlex.quote(a) for a in (argv or sys.argv[1:]))
    result = run(Path(args.index), args.mode, args.split, Path(args.reports), command)
    for key, g in result["groups"].items():
        print(f"{key:<14} coverage {g['coverage']}  accuracy {g['accuracy']}  "
              f"answered {g['answered']}  wrong-confident {g['wrong_confident']}")
    print(f"wrote {args.reports}/agreements-direct.md, .json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
