"""How much of each English question the English -> Thai vocabulary translates (issue 10).

For every English question over Thai documents (thaigov dev en->th, iApp valid English), the
content words (no stopwords, no numbers) and which of them ``indexer.query_translation`` left
as they were, with the question's document R@1 from an evaluation's ``report.json`` when one
is given. Untranslated words are sorted into capitalised (names, organisations) and the rest
(vocabulary the dictionary lacks)::

    python -m eval.translation_coverage --report /tmp/r/thaigov-dev/report.json \
        --report /tmp/r/iapp-valid/report.json

Only the dev / valid questions are read; test questions are never opened here.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
from collections import Counter
from pathlib import Path

from indexer.analysis import ENGLISH_STOPWORDS, s_stem
from indexer.glossary import concept_forms
from indexer.query_translation import untranslated

ROOT = Path(__file__).resolve().parent
_WORD = re.compile(r"[A-Za-z0-9]+(?:[-'][A-Za-z0-9]+)*")
# question words that ask rather than say what is looked for
_ASKING = frozenset("many long much kind type year time date name".split())


def dev_questions() -> list[tuple[str, str, str]]:
    """(set, qid, question) of thaigov dev en->th and iApp valid English questions."""
    out = []
    with open(ROOT / "data" / "thaigov" / "questions.jsonl", encoding="utf-8") as f:
        for line in f:
            q = json.loads(line)
            if q["split"] == "dev" and q["pair"] == "en->th":
                out.append(("thaigov-dev", q["qid"], q["query"]))
    with open(ROOT / "data" / "iapp_en_valid.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            out.append(("iapp-valid", row["question_id"] + "-en", row["question_en"]))
    return out


def content_words(question: str) -> list[tuple[str, str]]:
    """(as written, S-stemmed lower case) of the words that carry meaning."""
    out = []
    for token in _WORD.findall(question):
        word = s_stem(token.lower().removesuffix("'s"))
        if token.lower() in ENGLISH_STOPWORDS or word in ENGLISH_STOPWORDS or word in _ASKING or token.isdigit():
            continue
        out.append((token, word))
    return out


def _glossary_words() -> frozenset[str]:
    """English words the glossary's concepts match in Thai text too (sign ~ ลงนาม)."""
    return frozenset(s_stem(w) for forms in concept_forms().values() for form in forms
                     for w in _WORD.findall(form.lower()) if form.isascii())


def coverage(question: str) -> tuple[int, list[str], list[str]]:
    """(content words, untranslated capitalised words, untranslated other words); a word the
    glossary matches across languages counts as translated."""
    words = content_words(question)
    left = set(untranslated(question)) - _glossary_words()
    names = [t for t, w in words if w in left and t[:1].isupper() and t != question.split()[0]]
    other = [w for t, w in words if w in left and t not in names]
    return len(words), names, other


def document_r1(reports: list[Path]) -> dict[str, float]:
    out: dict[str, float] = {}
    for path in reports:
        data = json.loads(path.read_text(encoding="utf-8"))
        for config, levels in data["per_query"].items():
            out.update(levels["document"]["recall@1"])
            break   # the first (baseline) configuration
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--report", type=Path, action="append", default=[],
                        help="an evaluation's report.json (per-question document R@1)")
    parser.add_argument("--misses", action="store_true", help="list only questions with D R@1 < 1")
    args = parser.parse_args(argv)
    r1 = document_r1(args.report)
    missing: dict[str, Counter] = {}
    totals: dict[str, list[float]] = {}
    for name, qid, question in dev_questions():
        n, names, other = coverage(question)
        share = 1 - (len(names) + len(other)) / n if n else 1.0
        t = totals.setdefault(name, [0, 0.0, 0])
        t[0] += 1
        t[1] += share
        t[2] += share == 1.0
        missing.setdefault(name, Counter()).update(other)
        hit = r1.get(qid)
        if args.misses and (hit is None or hit >= 1):
            continue
        print(f"{name}\t{qid}\tR@1={'-' if hit is None else f'{hit:.0f}'}\tcovered={share:.2f}"
              f"\tnames={','.join(names)}\tother={','.join(other)}\t{question}")
    for name, (count, share, full) in totals.items():
        print(f"# {name}: {count} questions, mean share of content words translated {share / count:.3f}, "
              f"fully translated {full}/{count}")
        print(f"#   untranslated (not capitalised): {', '.join(f'{w} {c}' for w, c in missing[name].most_common(40))}")


if __name__ == "__main__":
    main()
