"""Per language pair: document R@1 and hit@1, answer@1 (marked sentence holds a gold answer) and span@1
(marked span does) of the learned ``hybrid`` against ``hybrid-hand`` (the same search with the
learned models off: main's ranking and sentence choice), from the reports ``mou-search eval``
wrote, into eval/reports/answers.{md,json}. Run the evaluations first::

    mou-search eval --dataset iapp --split test
    mou-search eval --dataset thaigov --split dev
    mou-search eval --dataset thaigov --split test
    python -m eval.answers_summary
"""
from __future__ import annotations

import json
from pathlib import Path

REPORTS = Path(__file__).resolve().parent / "reports"
DATASETS = ("iapp-test", "thaigov-dev", "thaigov-test")
METRICS = (("document/recall@1", "D R@1"), ("document/hit@1", "D hit@1"), ("answer/answer@1", "answer@1"), ("answer/span@1", "span@1"))
CONFIGS = ("hybrid", "hybrid-hand")


def main() -> int:
    out, lines = {}, ["# Learned answers against main's hand-set hybrid (same run, same index)", "",
                      "Regenerate: the three `mou-search eval` commands in the header of each report "
                      "below, then `python -m eval.answers_summary`. `hybrid` = learned reranking, "
                      "sentence, span and confidence; `hybrid-hand` = `learned=false` (the hand-set ranking and "
                      "sentence choice; the Thai form of English questions, indexer/query_translation.py, "
                      "serves both). answer@1: the marked *sentence* (answer unit) holds a gold answer; "
                      "span@1: the marked span does. D hit@1: a judged document is first (D R@1 is 1/n "
                      "when a quote judges n re-releases).", ""]
    for name in DATASETS:
        path = REPORTS / name / "report.json"
        if not path.exists():
            continue
        report = json.loads(path.read_text(encoding="utf-8"))
        results = report["results"]
        out[name] = {"command": report["command"], "generated": report["generated"], "pairs": {}}
        lines += [f"## {name}", "", f"`{report['command']}` ({report['generated']})", "",
                  "| pair | n | " + " | ".join(f"{label} learned | {label} hand" for _, label in METRICS) + " |",
                  "| --- | ---: |" + " ---: | ---: |" * len(METRICS)]
        for pair in results["hybrid"]:
            row = {c: {label: results[c][pair].get(key, {"mean": float("nan")})["mean"] for key, label in METRICS}
                   for c in CONFIGS}
            n = results["hybrid"][pair]["document/recall@1"]["n"]
            out[name]["pairs"][pair] = {"n": n, **row}
            lines.append(f"| {pair} | {n} | " + " | ".join(
                f"{row['hybrid'][label]:.3f} | {row['hybrid-hand'][label]:.3f}" for _, label in METRICS) + " |")
        lines.append("")
    (REPORTS / "answers.json").write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    (REPORTS / "answers.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
