"""Runaway-rule campaign: the rule-based steps on mutated real lines, each under a time limit.

    python -m eval.fuzz_rules [--seconds 600] [--seed 0] [--limit 5]

The agreement extractor is hundreds of hand-written regular expressions; one of them split a run
of Thai (which has no spaces) into eight pieces every possible way and held a build for minutes
on one real 2023 line (stop 25). Random text does not find such lines: they need the rules' own
structure (a titled person, "และ", a long run of Thai, another titled person). So the cases are
real lines that name a signing, an agreement or a person (the bundled corpus, and the thaigov
archive's 2020-2022 releases when it is beside the checkout), mutated the ways real text varies:
the spaces of a stretch removed, a stretch repeated, lines joined with "และ" / "ร่วมกับ" / "โดย",
a titled person inserted, line breaks turned into spaces. Each case goes through agreement
extraction, the index-time readers (page copy, answer kinds, analyzer) and the question-side
parsers (its first 1,000 characters as a question) and the rules about what a marked answer is
(party lists, definitions, span edges and companions, counted units; its first 3,000 characters as
a passage), each step under ``indexer.time_limit``
(``--limit`` seconds): a step still running then is a *runaway*, reported with its text. Writes eval/reports/fuzz_rules.md and .json (``--report``).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import time
from pathlib import Path

import numpy as np

from eval.bench_api import ROOT
from indexer.agreements import extract_mentions
from indexer.time_limit import TimeLimitExceeded, time_limit

REPORT = ROOT / "eval" / "reports" / "fuzz_rules.md"
# a line worth mutating: it names a signing, an agreement, a titled person or a term
_SEED_LINE = re.compile(r"ลงนาม|บันทึก|ความตกลง|ความร่วมมือ|\bsign|MOU|MoU|memorand|นาย|นาง|Mr\.|ระยะเวลา|ณ ", re.I)
_JOINS = (" และ", " และ ", " ร่วมกับ ", " กับ ", " โดย ", " โดยมี ", " พร้อมด้วย ", ", ", " and ", " between ")
_PEOPLE = ("นายสมชาย ใจดี รัฐมนตรีว่าการกระทรวงพาณิชย์", "นางสาวสุดา รักไทย ผู้อำนวยการสำนักงานส่งเสริมการค้า",
           "พล.ต.อ.ประยุทธ สุขใจ รองนายกรัฐมนตรี", "ดร.วิชัย มั่นคง อธิการบดีมหาวิทยาลัยเกษตรศาสตร์",
           "Mr. John Smith, Minister of Trade", "H.E. Mr. Sok Chenda, Ambassador of Cambodia")


def seed_lines(folders: list[Path], years: tuple[str, ...] = ("2020", "2021", "2022")) -> list[str]:
    """Lines of at least 40 characters that ``_SEED_LINE`` finds, from the ``.md``/``.txt`` files
    of ``folders`` (an archive's files only from folders named for ``years``: 2023 is held out)."""
    lines = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".md", ".txt"):
                continue
            rel = path.relative_to(folder).parts
            if len(rel) > 1 and rel[0].isdigit() and rel[0] not in years:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            lines += [ln.strip() for ln in text.splitlines() if len(ln.strip()) >= 40 and _SEED_LINE.search(ln)]
    return lines


def mutate(rng: random.Random, lines: list[str]) -> str:
    """One case: one to four seed lines joined, then one to three mutations."""
    text = rng.choice(lines)
    for _ in range(rng.randint(0, 3)):
        text += rng.choice(_JOINS) + rng.choice(lines)
    for _ in range(rng.randint(1, 3)):
        a = rng.randrange(len(text))
        b = min(len(text), a + rng.randint(30, 400))
        op = rng.randrange(5)
        if op == 0:     # a stretch written without spaces
            text = text[:a] + re.sub(r"\s+", "", text[a:b]) + text[b:]
        elif op == 1:   # a stretch repeated
            text = text[:b] + text[a:b] * rng.randint(2, 6) + text[b:]
        elif op == 2:   # a titled person inserted, with a join word
            text = text[:a] + rng.choice(_JOINS) + rng.choice(_PEOPLE) + " " + text[a:]
        elif op == 3:   # one line
            text = text.replace("\n", " ")
        else:           # a person, then a long run of Thai without spaces, then another
            run = re.sub(r"\s+", "", text[a:b])
            text = (text[:a] + " " + rng.choice(_PEOPLE) + rng.choice(_JOINS) + run + " " + rng.choice(_PEOPLE)
                    + " ร่วมลงนาม" + text[b:])
    return text[:6000]


def _steps():
    """The rule-based steps a case goes through: (name, function of the case's text)."""
    from indexer.analysis import analyze, query_analysis
    from indexer.answer_kinds import kind_bits
    from indexer.page_copy import read_page_copy
    from indexer.query_translation import thai_form
    from indexer.answer_kinds import has_answer
    from indexer.sentences import split_sentences
    from search_api.answer_span import clause, complete
    from search_api.answer_types import answer_kind, question_kind
    from search_api.definitions import definition_span, question_subject
    from search_api.fact_mark import asked_facts
    from search_api.searcher import merge_units
    from search_api.span_companions import widen

    def index_time(text):   # the page-copy reader, the answer kinds and the analyzer of a chunk
        read_page_copy(f"รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-{text[:120]}\nวันพุธที่ 7 พฤศจิกายน 2565\n{text}\n"
                       f"ที่มา (URL source) : https://www.thaigov.go.th/news/contents/details/1")
        kind_bits(text)
        analyze(text)

    def question(text):     # what the searcher reads of a question (at most 1,000 characters)
        q = text[:1000]
        asked_facts(q), question_kind(q), answer_kind(q), question_subject(q), thai_form(q), query_analysis(q)

    def answer(text):       # the rules about what a marked answer is (stop 27), over the case as a passage
        unit = text[:3000]
        merge_units(split_sentences(unit), unit, 80)          # party lists the cutter split
        first = (unit.split() or ["x"])[0][:30]
        definition_span(unit, f"{first}คืออะไร"), definition_span(unit, f"What is {first}?")
        end = min(len(unit), 40)
        complete(unit, 0, end), clause(unit, 0, end, 60)
        widen(unit, 0, end, "นานเท่าไร", "duration"), widen(unit, 0, end, "ลงนามที่ไหน เมื่อไร", "date")
        has_answer(answer_kind("มีผู้เข้าร่วมกี่คน"), unit), has_answer(answer_kind("ครั้งที่เท่าไร"), unit)

    return (("extract", lambda text: extract_mentions("case", text, "2022-11-07", "th")),
            ("index", index_time), ("question", question), ("answer", answer))


def run(lines: list[str], seconds: float, seed: int, limit: float, cases: int = 0) -> dict:
    """Cases until ``seconds`` have passed (or ``cases`` of them when given); each step of each
    case under a ``limit``-second time limit."""
    rng = random.Random(seed)
    steps = _steps()
    times = {name: [] for name, _ in steps}
    runaways, n = [], 0
    started = time.perf_counter()
    while (n < cases) if cases else (time.perf_counter() - started < seconds):
        text = mutate(rng, lines)
        n += 1
        for name, step in steps:
            t = time.perf_counter()
            try:
                with time_limit(limit):
                    step(text)
            except TimeLimitExceeded:
                runaways.append({"step": name, "text": text})
            times[name].append(time.perf_counter() - t)
    per_step = {name: {"max_s": round(float(np.max(ts)), 3), "p99_s": round(float(np.percentile(ts, 99)), 3),
                       "median_s": round(float(np.median(ts)), 4),
                       "runaways": sum(r["step"] == name for r in runaways)} for name, ts in times.items()}
    return {"cases": n, "runaways": len(runaways), "examples": runaways[:5], "limit_s": limit,
            "seconds": round(time.perf_counter() - started, 1), "steps": per_step}


def main(argv=None) -> None:
    from eval.datasets.thaigov import find_corpus_dir

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=600.0, help="how long the campaign runs")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--limit", type=float, default=5.0, help="seconds a case may take before it is a runaway")
    p.add_argument("--report", default=str(REPORT))
    args = p.parse_args(argv)
    archive = find_corpus_dir()
    lines = seed_lines([ROOT / "corpus", archive])
    result = run(lines, args.seconds, args.seed, args.limit)
    result.update({"seed_lines": len(lines), "archive": archive.is_dir(), "seed": args.seed,
                   "generated": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                   "load_average": list(os.getloadavg())})
    report = Path(args.report)
    report.with_suffix(".json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    lines_md = [
        "# Runaway rules: the rule-based steps on mutated real lines", "",
        f"Regenerate: `python -m eval.fuzz_rules --seconds {args.seconds:g} --seed {args.seed} --limit {args.limit:g}` "
        f"({result['generated']}; load average {[round(x, 2) for x in result['load_average']]}).", "",
        f"{result['seed_lines']} seed lines (the bundled corpus"
        + (" and the thaigov archive's 2020-2022 releases" if result["archive"] else "; the archive was not found")
        + "), mutated as `eval/fuzz_rules.py` describes; every step of every case runs under a "
        f"{args.limit:g} s time limit.", "",
        f"{result['cases']:,} cases in {result['seconds']} s, **{result['runaways']} runaways**.", "",
        "| step | runaways | max s | p99 s | median s |", "| --- | ---: | ---: | ---: | ---: |"]
    lines_md += [f"| {name} | **{v['runaways']}** | {v['max_s']} | {v['p99_s']} | {v['median_s']} |"
                 for name, v in result["steps"].items()]
    lines_md += ["", "Steps: `extract` = `extract_mentions` (sentences split inside); `index` = the page-copy "
                 "reader on the case as a release, `answer_kinds.kind_bits` and the analyzer; `question` = "
                 "`fact_mark.asked_facts`, `answer_types.question_kind` and `answer_kind`, "
                 "`definitions.question_subject`, `query_translation.thai_form` and `analysis.query_analysis` on "
                 "its first 1,000 characters (the longest question the service takes); `answer` = the answer "
                 "units' party-list join (`searcher.merge_units`), `definitions.definition_span`, "
                 "`answer_span.complete` and `clause`, `span_companions.widen` and counted units "
                 "(`answer_kinds.has_answer`) on its first 3,000 characters as a passage.", ""]
    if result["examples"]:
        lines_md += ["Runaway cases (first 5, 300 characters each):", ""]
        lines_md += [f"- {r['step']}: `{r['text'][:300]}`" for r in result["examples"]]
    report.write_text("\n".join(lines_md) + "\n", encoding="utf-8")
    print("\n".join(lines_md))


if __name__ == "__main__":
    main()
