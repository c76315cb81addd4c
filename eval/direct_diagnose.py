"""Why a direct-answer question got no answer (or a wrong one): the test that kept it back.

    python -m eval.direct_diagnose --index INDEX [--split dev] [--mode hybrid]

For each question of the split (``eval/data/agreements/direct_questions.jsonl``) prints the
fact read from it, whether a gold document is among the top passages, whether a record of a gold
document holds the asked fact, and ``search_api.direct_answer.decide``'s reason; then the count
of each reason. Write rules from the dev split only: the test split is for measuring.
"""
from __future__ import annotations

import argparse
import collections
import json

from eval.agreements_direct import is_correct, load_questions
from eval.spy import recorded_calls


def gold_holds(agreements, doc_ids: list[str], fact: str, query: str) -> bool:
    """Whether some record of a gold document holds ``fact`` (as the direct answer reads it)."""
    from search_api.agreements import canonical_parties
    from search_api.direct_answer import _THAI, fact_answer

    for doc_id in doc_ids:
        for agreement_id in agreements.by_document.get(doc_id, []):
            record = agreements.get(agreement_id)
            if record and fact_answer(record, fact, bool(_THAI.search(query)), canonical_parties(query)):
                return True
    return False


def evidence_hits(searcher, query: str, mode: str) -> list:
    """The hits the searcher's direct answer reads (``searcher.direct_answer``'s ``hits``: the top
    passages in the order it weighs them, which is not always the order the page shows)."""
    from search_api import searcher as searcher_module

    with recorded_calls(searcher_module, "direct_answer") as calls:
        results = searcher.search(query, k=10, mode=mode).results
    return calls[-1][0][1] if calls else results   # direct_answer(query, hits, records)


def main(argv: list[str] | None = None) -> int:
    from search_api.direct_answer import TOP_HITS, decide
    from search_api.question_fact import question_fact
    from search_api.searcher import Searcher

    p = argparse.ArgumentParser(prog="python -m eval.direct_diagnose", description=__doc__.split("\n")[0])
    p.add_argument("--index", required=True)
    p.add_argument("--split", default="dev", choices=("dev", "test", "all"))
    p.add_argument("--mode", default="hybrid")
    args = p.parse_args(argv)
    searcher = Searcher(args.index)
    records = searcher.index.agreements
    reasons: collections.Counter = collections.Counter()
    for q in load_questions(split=args.split):
        if q["answer"] is None:
            continue
        hits = evidence_hits(searcher, q["question"], args.mode)
        answer, why = decide(q["question"], hits, records)
        top = [h.doc_id for h in hits[:TOP_HITS]]
        gold_top = any(d in top for d in q["doc_ids"])
        holds = gold_holds(records, q["doc_ids"], q["fact"], q["question"])
        read = question_fact(q["question"])
        if answer is not None:
            why = "right" if is_correct(answer, q["answer"]) else "WRONG"
        elif read != q["fact"]:
            why = f"read as {read}"
        reasons[why] += 1
        print(json.dumps({"id": q["id"], "pair": q["pair"], "fact": q["fact"], "why": why,
                          "gold_in_top": gold_top, "gold_record_holds": holds,
                          "question": q["question"], "gold": q["answer"],
                          "answer": answer and answer["text"]}, ensure_ascii=False))
    print()
    for why, n in reasons.most_common():
        print(f"{n:4d}  {why}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
