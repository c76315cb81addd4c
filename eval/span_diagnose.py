"""Why the marked answer span misses: rank-1 hits of iApp valid, span against gold answer.

For each question whose rank-1 hit is from the gold context and whose marked sentence (answer
unit) holds a gold answer, the span is compared with the gold answer's place in that sentence:
a span that contains the gold is a hit; a miss is *partial* (overlaps the gold without holding
all of it: too short or off by a word) or *elsewhere* (no overlap). It also counts misses whose
gold answer is longer than ``MAX_WORDS`` words or does not start and end on ``newmm`` word
boundaries, and measures the candidate generator's oracle: the share of those sentences where some
candidate (``answer_span.candidates``) contains a gold answer, and where one does *tightly* (the
training label, ``eval.train_rerank.span_labels``). First it prints where span@1 is lost, as
shares of each pair's questions: (a) the rank-1 passage does not hold a gold answer (or is not
from the gold context), (b) it does but the marked sentence does not, (c) the sentence does but
no span candidate holds it (candidate generation), (d) one does but another was chosen.
Valid only; prints examples::

    python -m eval.span_diagnose --examples 30
"""
from __future__ import annotations

import argparse
import collections
import random

from eval.datasets import iapp
from eval.iapp_indexes import CACHE as CACHE_DIR, index_dir
from eval.spy import recorded_calls
from eval.train_rerank import span_labels
from indexer.textnorm import normalize_for_match
from search_api import searcher as searcher_module
from search_api.answer_span import MAX_WORDS, _words_fine, candidates, match_key


def record_choices(searcher, questions):
    """(question, rank-1 hit, the rank-1 ``choose`` call's arguments) for each question."""
    with recorded_calls(searcher_module, "choose") as calls:
        for q in questions:
            calls.clear()
            r = searcher.search(q.text, k=1, floor=False)
            yield q, (r.results[0] if r.results else None), (calls[0] if calls else None)


def gold_place(sentence: str, answers: list[str]) -> tuple[int, int] | None:
    key = match_key(sentence)
    for a in answers:
        form = match_key(a.strip())
        at = key.find(form) if form else -1
        if at >= 0:
            return at, at + len(form)
    return None


def diagnose_dataset(name: str, split: str, show: bool = True) -> collections.Counter:
    """Rank-1 failures of a judged dataset with string answers (thaigov), by where they fail."""
    from eval.configs import EvalConfig
    from eval.datasets import load_dataset
    from search_api.searcher import Searcher

    if split == "test":
        raise SystemExit("diagnose the tuning split (dev), not test")
    ds = load_dataset(name, split)
    s = Searcher(CACHE_DIR / ds.cache_name / EvalConfig("hybrid").index_key())
    counts = collections.Counter()
    for q, hit, call in record_choices(s, ds.queries):
        pair = q.pair
        answers = [normalize_for_match(a) for a in q.answers if a.strip()]
        gold = {j.doc_id for j in q.judgements if j.grade >= 2}
        counts[pair, "n"] += 1
        holds = lambda text: any(a in normalize_for_match(text) for a in answers)   # noqa: E731
        if hit is None or hit.doc_id not in gold:
            what = "retrieval"
        elif not holds(hit.answer.text):
            if not holds(hit.text):
                what = "sentence: not in passage"
            else:
                what = "sentence: other unit"
        elif hit.answer_span is not None and not holds(hit.answer_span.text):
            sentence, span = hit.answer.text, hit.answer_span.text
            place = gold_place(sentence, q.answers)
            ss = sentence.find(span)
            if len(span) > len(sentence) or ss < 0:
                what = "span: list or outside unit"
            elif place is not None and ss < place[1] and ss + len(span) > place[0]:
                what = "span: partial"
            else:
                what = "span: elsewhere"
        else:
            what = "hit"
        counts[pair, what] += 1
        counts["all", what] += 1
        if show and what != "hit":
            kind = call[0][8] if call else None
            span = hit.answer_span.text if hit and hit.answer_span else ""
            print(f"\n{q.qid} {pair} [{q.kind}; kind {kind}] {what}\n  Q: {q.text}\n  gold: {q.answers[0]!r}")
            if hit is not None:
                print(f"  doc: {hit.doc_id}{'' if hit.doc_id in gold else ' (not judged)'}\n"
                      f"  unit ({len(hit.answer.text)}): {hit.answer.text[:300]!r}\n  span: {span[:200]!r}")
    return counts


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--examples", type=int, default=30)
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--dataset", default="iapp", help="iapp (valid) or thaigov")
    p.add_argument("--split", default="dev")
    p.add_argument("--quiet", action="store_true", help="counts only")
    args = p.parse_args(argv)
    if args.dataset != "iapp":
        counts = diagnose_dataset(args.dataset, args.split, show=not args.quiet)
        print()
        for key in sorted(counts):
            print(key, counts[key])
        return 0
    from search_api.searcher import Searcher

    _, thai, english = iapp.load("valid")
    qs = (thai + english)[:args.limit] if args.limit else thai + english
    s = Searcher(index_dir("valid"))
    counts = collections.Counter()
    examples = []
    for q, hit, call in record_choices(s, qs):
        pair = f"{q.lang}->th"
        answers = [normalize_for_match(a) for a in q.answers if a.strip()]
        counts[pair, "n"] += 1
        if hit is None or hit.doc_id != q.doc_id or not any(a in normalize_for_match(hit.text) for a in answers):
            counts[pair, "lost: (a) passage"] += 1
            continue
        if not any(a in normalize_for_match(hit.answer.text) for a in answers):
            counts[pair, "lost: (b) sentence"] += 1
            continue
        span = hit.answer_span.text if hit.answer_span else hit.answer.text
        if any(a in normalize_for_match(span) for a in answers):
            counts[pair, "span hit"] += 1
            continue
        sentence = hit.answer.text
        (args_, kwargs) = call
        kind = args_[8]
        starts, ends, _ = candidates(sentence, kind)
        contains = any(gold_place(sentence[a:b], q.answers) for a, b in zip(starts.tolist(), ends.tolist()))
        tight = span_labels(sentence, starts, ends, q.answers).any()
        place = gold_place(sentence, q.answers)
        ss = sentence.find(span) if span else -1
        if place is None or ss < 0:
            what = "unlocated"
        elif ss < place[1] and ss + len(span) > place[0]:
            what = "partial"
        else:
            what = "elsewhere"
        gold_words = len(_words_fine(sentence[place[0]:place[1]])) if place else 0
        aligned = place is not None and {place[0], place[1]} <= {x for w in _words_fine(sentence) for x in w}
        counts[pair, f"miss {what}"] += 1
        counts[pair, "miss gold>MAX_WORDS words" if gold_words > MAX_WORDS else "miss gold<=MAX_WORDS words"] += 1
        counts[pair, "lost: (d) choice" if contains else "lost: (c) candidates"] += 1
        counts[pair, "miss oracle contains"] += contains
        counts[pair, "miss oracle tight"] += tight
        counts[pair, "miss gold not word-aligned"] += not aligned
        examples.append((q.text, q.answers[0], span, what, kind, sentence))
    print("where span@1 is lost (share of the pair's questions):")
    for pair in ("th->th", "en->th"):
        n = counts[pair, "n"]
        parts = [f"{what} {counts[pair, 'lost: ' + what] / n:.3f}" for what in
                 ("(a) passage", "(b) sentence", "(c) candidates", "(d) choice")]
        print(f"  {pair} ({n} q.): span@1 {counts[pair, 'span hit'] / n:.3f}; lost: " + ", ".join(parts))
    for key in sorted(counts):
        print(key, counts[key])
    random.Random(1).shuffle(examples)
    for text, gold, span, what, kind, sentence in examples[:args.examples]:
        print(f"\nQ: {text}  [kind {kind}]\n  gold: {gold!r}\n  span: {span!r} ({what})\n  sent: {sentence[:200]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
