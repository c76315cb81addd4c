"""The span tier for questions in another language than the passage (issue 10), chosen on iApp valid.

Below ``AnswerModels.span_fallback`` (the span model's probability that its span holds the
answer) a hit marks its whole answer unit, not a guessed span. The span model learned from Thai
questions: for an English question over Thai text its probabilities run high, and a short span it
is unsure of misses more often than its probability says. This sweeps the cross-lingual fallback
(``answer_choice.CROSS_LINGUAL_FALLBACK``) over iApp valid's English questions and prints span@1
(the rank-1 hit is from the gold context and its mark holds a gold answer) and the mean marked
length; the shipped value is the smallest whose span@1 is within ``WITHIN`` of the best one.
Valid only (test is read by ``mou-search eval``)::

    python -m eval.cross_fallback [--report eval/reports/cross_fallback.md]
"""
from __future__ import annotations

import argparse
from pathlib import Path

from eval.datasets import iapp
from eval.iapp_indexes import index_dir
from eval.train_rerank import holds
from indexer.textnorm import normalize_for_match
from search_api import answer_choice
from search_api.searcher import Searcher

GRID = (0.0, 0.11, 0.13, 0.15, 0.17, 0.19, 0.22, 0.25, 0.28, 0.3, 0.4, 0.5, 1.01)
WITHIN = 0.005


def sweep(searcher: Searcher, questions) -> list[tuple[float, float, float]]:
    """(fallback, span@1, mean marked characters) per fallback of ``GRID``."""
    shipped = answer_choice.CROSS_LINGUAL_FALLBACK
    gold = [[normalize_for_match(a) for a in q.answers if a.strip()] for q in questions]
    out = []
    try:
        for fallback in GRID:
            answer_choice.CROSS_LINGUAL_FALLBACK = fallback
            hits = chars = 0
            for q, answers in zip(questions, gold):
                r = searcher.search(q.text, k=1, floor=False)
                h = r.results[0] if r.results else None
                if h is None:
                    continue
                mark = h.answer_span.text if h.answer_span else (h.answer.text if h.answer else "")
                chars += len(mark)
                hits += h.doc_id == q.doc_id and holds(mark, answers)
            out.append((fallback, hits / len(questions), chars / len(questions)))
    finally:
        answer_choice.CROSS_LINGUAL_FALLBACK = shipped
    return out


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--report", type=Path, default=Path(__file__).resolve().parent / "reports" / "cross_fallback.md")
    args = p.parse_args(argv)
    _docs, _thai, english = iapp.load("valid")
    rows = sweep(Searcher(str(index_dir("valid"))), english)
    best = max(r[1] for r in rows)
    chosen = min(r[0] for r in rows if r[1] >= best - WITHIN)
    lines = ["# Cross-lingual span fallback, chosen on iApp valid", "",
             "Regenerate: `python -m eval.cross_fallback` (after `python -m eval.iapp_indexes --split valid`).", "",
             f"{len(english)} English questions over Thai contexts. Shipped: "
             f"`CROSS_LINGUAL_FALLBACK = {answer_choice.CROSS_LINGUAL_FALLBACK}`; chosen by this sweep (the smallest "
             f"within {WITHIN} of the best span@1): {chosen}.", "",
             "| fallback | span@1 | mean marked characters |", "| ---: | ---: | ---: |"]
    lines += [f"| {f:g} | {s:.3f} | {c:.0f} |" for f, s, c in rows]
    text = "\n".join(lines) + "\n"
    print(text)
    args.report.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
