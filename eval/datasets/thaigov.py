"""The thaigov-mou archive (1,169 Thai government press releases, 2020-2023) with judged questions.

The corpus is the archive folder itself, read from ``$MOU_SEARCH_THAIGOV_DIR``,
``/work/shared/data/thaigov-mou`` or ``../shared/data/thaigov-mou`` beside the checkout, in that
order. Questions (``eval/data/thaigov/questions.jsonl``) judge a doc id + an exact quote of the
document as indexed (grade 2 or 1) and give the short gold answer (``answer``, inside the first
quote); each carries its document's date and its split: ``dev`` (documents of 2020-2022, for
tuning) and ``test`` (2023, held out). A quote that also occurs, character for character, in
another document of the archive (the same release published twice) judges that document too,
with the same grade, so that folding near-duplicates cannot turn a right answer into a miss.

``python -m eval.datasets.thaigov --check`` verifies every quote and answer against the archive.

Batches: the first 62 dev and 90 test questions carry no ``batch``; questions of batch ``dev2``
(41 more dev questions, written for issue 10's answer spans) were written by reading documents in
the order ``python -m eval.datasets.thaigov --sample th|en`` prints (``sample_documents``: the
2020-2022 documents shuffled with seed 20261206, Thai ones not judged by an earlier batch, English
ones all), taking the first documents that state an agreement fact of one of the kinds, before
the system was run on them (eval/data/thaigov/README.md).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eval.datasets import Dataset, Judgement, Query, shared_data_candidates

ROOT = Path(__file__).resolve().parents[2]
ENV_VAR = "MOU_SEARCH_THAIGOV_DIR"
DATA = ROOT / "eval" / "data" / "thaigov"
QUESTIONS = DATA / "questions.jsonl"
DUPLICATE_GROUPS = DATA / "duplicate_groups.jsonl"
SPLITS = ("dev", "test", "all")
SAMPLE_SEED = 20261206


def data_dir_candidates() -> list[Path]:
    """Where the archive is looked for (``shared_data_candidates``)."""
    return shared_data_candidates(ENV_VAR, "thaigov-mou")


def find_corpus_dir() -> Path:
    """The first candidate folder that exists (the last candidate if none does)."""
    candidates = data_dir_candidates()
    return next((c for c in candidates if c.is_dir()), candidates[-1])


def read_rows(path: Path = QUESTIONS, split: str = "all") -> list[dict]:
    if split not in SPLITS:
        raise ValueError(f"unknown thaigov split {split!r}: use dev, test or all")
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    return [r for r in rows if split == "all" or r["split"] == split]


def read_duplicate_groups(path: Path = DUPLICATE_GROUPS) -> list[dict]:
    """The judged near-duplicate groups (``eval/data/thaigov/duplicate_groups.jsonl``)."""
    if not path.exists():
        return []
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]


def indexed_texts(corpus_dir: Path, doc_ids=None) -> dict[str, str]:
    """doc id -> text as the indexer reads it (``indexer.documents.build_document``'s body),
    without the rest of the document pipeline (party detection is slow and not needed here)."""
    from indexer.corpus import list_corpus
    from indexer.loaders.text import load_text
    from indexer.page_copy import read_page_copy

    wanted = set(doc_ids) if doc_ids is not None else None
    out = {}
    for doc_id, path in list_corpus(corpus_dir):
        if path.suffix != ".txt" or (wanted is not None and doc_id not in wanted):
            continue
        body = load_text(path, path.read_bytes()).text
        page = read_page_copy(body)
        out[doc_id] = page.text if page is not None else body
    return out


def is_thai(text: str) -> bool:
    """More than 30% of the letters are Thai."""
    return sum("\u0e00" <= c <= "\u0e7f" for c in text) > 0.3 * sum(c.isalpha() for c in text)


def sample_documents(corpus_dir: Path, seed: int = SAMPLE_SEED) -> tuple[list[str], list[str]]:
    """(Thai, English) doc ids of 2020-2022 in the seeded order the ``dev2`` batch was written in:
    Thai documents judged by a question without a batch are left out, English ones are all kept
    (there are only 49, 20 of them already judged)."""
    import random

    judged = {j["doc_id"] for r in read_rows() if not r.get("batch") for j in r["judgements"]}
    texts = indexed_texts(corpus_dir)
    docs = sorted(d for d in texts if d[:4] in ("2020", "2021", "2022"))
    thai = [d for d in docs if is_thai(texts[d]) and d not in judged]
    english = [d for d in docs if not is_thai(texts[d])]
    random.Random(seed).shuffle(thai)
    random.Random(seed).shuffle(english)
    return thai, english


def load_thaigov(split: str = "test", corpus_dir: Path | None = None,
                 questions: Path = QUESTIONS) -> Dataset:
    corpus_dir = Path(corpus_dir or find_corpus_dir())
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"thaigov-mou archive not found (tried "
                                f"{', '.join(map(str, data_dir_candidates()))}); set ${ENV_VAR}")
    rows = read_rows(questions, split)
    texts = indexed_texts(corpus_dir)
    queries = []
    for row in rows:
        judged: dict[tuple[str, str], int] = {}
        for j in row["judgements"]:
            judged[(j["doc_id"], j["quote"])] = int(j["grade"])
            for doc_id, text in texts.items():   # the same quote in a re-released copy
                if doc_id != j["doc_id"] and j["quote"] in text:
                    judged.setdefault((doc_id, j["quote"]), int(j["grade"]))
        queries.append(Query(
            qid=row["qid"], text=row["query"], lang=row["query_lang"], pair=row["pair"],
            kind=row["kind"], answers=[row["answer"]],
            judgements=[Judgement(d, g, q) for (d, q), g in judged.items()]))
    return Dataset(name=f"thaigov-{split}", corpus_dir=corpus_dir, queries=queries,
                   answer_rule="string", cache_name="thaigov",
                   description=f"thaigov-mou archive ({len(texts)} press releases 2020-2023), "
                               f"{len(queries)} judged questions, split {split} "
                               f"(dev: 2020-2022 documents, test: 2023; eval/data/thaigov/)")


def check(corpus_dir: Path | None = None, questions: Path = QUESTIONS) -> list[str]:
    """Problems with the questions: a quote not in its document as indexed, an answer not in
    its quote, a date or split that does not match the document."""
    from indexer.documents import build_document

    corpus_dir = Path(corpus_dir or find_corpus_dir())
    rows = read_rows(questions)
    ids = {j["doc_id"] for r in rows for j in r["judgements"]}
    texts = indexed_texts(corpus_dir, ids)
    problems = []
    seen = set()
    for r in rows:
        if r["qid"] in seen:
            problems.append(f"{r['qid']}: duplicate qid")
        seen.add(r["qid"])
        for j in r["judgements"]:
            text = texts.get(j["doc_id"])
            if text is None:
                problems.append(f"{r['qid']}: no document {j['doc_id']}")
            elif text.count(j["quote"]) < 1:
                problems.append(f"{r['qid']}: quote not found in {j['doc_id']}: {j['quote'][:60]}")
        if r["answer"] not in r["judgements"][0]["quote"]:
            problems.append(f"{r['qid']}: answer {r['answer']!r} is not inside the first quote")
        first = r["judgements"][0]["doc_id"]
        if first in texts:
            raw = (corpus_dir / first).read_text(encoding="utf-8")
            date = build_document(first, raw, {"parties": ["-"]}, "").date
            if date != r["date"]:
                problems.append(f"{r['qid']}: date {r['date']} but the document is dated {date}")
        if r["split"] != ("test" if r["date"] >= "2023" else "dev"):
            problems.append(f"{r['qid']}: split {r['split']} does not match date {r['date']}")
    return problems


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.datasets.thaigov", description=__doc__.split("\n")[0])
    p.add_argument("--check", action="store_true", help="verify every quote and answer against the archive")
    p.add_argument("--corpus", type=Path, default=None)
    p.add_argument("--sample", choices=("th", "en"), help="print the seeded document order the dev2 batch was written in")
    args = p.parse_args(argv)
    if args.sample:
        thai, english = sample_documents(Path(args.corpus or find_corpus_dir()))
        for i, doc_id in enumerate(thai if args.sample == "th" else english):
            print(i, doc_id)
        return 0
    rows = read_rows()
    counts: dict[tuple[str, str], int] = {}
    for r in rows:
        counts[(r["split"], r["pair"])] = counts.get((r["split"], r["pair"]), 0) + 1
    print(f"{len(rows)} questions: " + ", ".join(f"{s} {p}: {n}" for (s, p), n in sorted(counts.items())))
    if args.check:
        problems = check(args.corpus)
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problems")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
