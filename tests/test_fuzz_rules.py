"""A fixed sample of the runaway-rule campaign (eval/fuzz_rules.py): mutated lines of the bundled
corpus, each extracted under a time limit. Before stop 25 this sample held 4 runaways in 40 cases
(the side-joining signatory rule); the campaign itself runs for minutes over the archive."""
from __future__ import annotations

from eval.bench_api import ROOT
from eval.fuzz_rules import mutate, run, seed_lines


def test_mutated_corpus_lines_are_extracted_without_a_runaway():
    lines = seed_lines([ROOT / "corpus"])
    assert len(lines) >= 20
    # a liveness guard, not a speed target: a case takes ~0.05 s, a runaway never ends
    result = run(lines, seconds=0, seed=0, limit=10.0, cases=40)
    assert result["cases"] == 40 and result["runaways"] == 0, result["examples"][:1]
    assert set(result["steps"]) == {"extract", "index", "question", "answer"}


def test_the_mutations_make_the_lines_rules_find_hard():
    import random

    lines = seed_lines([ROOT / "corpus"])
    rng = random.Random(0)
    cases = [mutate(rng, lines) for _ in range(40)]
    assert len(set(cases)) == 40 and all(0 < len(c) <= 6000 for c in cases)
    # some case joins a titled person to a long run of Thai with no spaces, as the runaway line did
    assert any("ร่วมลงนาม" in c and any(len(w) >= 60 for w in c.split()) for c in cases)
