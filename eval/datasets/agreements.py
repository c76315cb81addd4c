"""The bundled agreement corpus (``corpus/``) with its 102 judged questions."""
from __future__ import annotations

import json
from pathlib import Path

from eval.datasets import Dataset, Judgement, Query

ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = ROOT / "corpus"
QUESTIONS = ROOT / "eval" / "data" / "agreements" / "questions.jsonl"


def read_questions(path: Path = QUESTIONS) -> list[Query]:
    queries = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            queries.append(Query(
                qid=row["qid"], text=row["query"], lang=row.get("query_lang", ""),
                pair=row.get("pair", ""), kind=row.get("kind", ""),
                judgements=[Judgement(j["doc_id"], int(j["grade"]), j.get("quote"))
                            for j in row["judgements"]]))
    return queries


def load_agreements(corpus_dir: Path = CORPUS_DIR, questions: Path = QUESTIONS) -> Dataset:
    return Dataset(name="agreements", corpus_dir=Path(corpus_dir), queries=read_questions(questions),
                   answer_rule="span",
                   description="the bundled MoU corpus (5 documents) with 102 judged Thai and "
                               "English questions (eval/data/agreements/)")
