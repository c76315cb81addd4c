"""The English forms of iApp questions (``eval/data/iapp_en_<split>.tsv``): one row per question,
English only, and for train one question per context of the sample the models learn from."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from eval.datasets import iapp

DATA = Path(__file__).resolve().parents[1] / "eval" / "data"
THAI = re.compile("[\u0e00-\u0e7f]")


def rows(split: str) -> list[dict]:
    with open(DATA / f"iapp_en_{split}.tsv", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.mark.parametrize("split", ["train", "valid"])
def test_each_question_has_one_english_form_without_thai_script(split):
    table = rows(split)
    ids = [r["question_id"] for r in table]
    assert table and len(ids) == len(set(ids))
    assert all(r["question_en"].strip() and not THAI.search(r["question_en"]) for r in table)


def test_the_train_questions_are_one_per_context_of_the_train_sample():
    if not (iapp.find_data_dir() / "train.jsonl").exists():
        pytest.skip("iApp train split not found")
    from eval.iapp_indexes import train_sample

    _, thai, _ = train_sample()
    by_id = {q.qid: q for q in thai}
    table = rows("train")
    assert all(r["question_id"] in by_id for r in table)
    contexts = [by_id[r["question_id"]].doc_id for r in table]
    assert len(contexts) == len(set(contexts)) == len({q.doc_id for q in thai})
    # loaded as the dataset loads them: the Thai question's context and answers, id suffixed -en
    _, _, english = iapp.load("train")
    first = english[0]
    assert first.qid == table[0]["question_id"] + "-en" and first.lang == "en"
    assert first.answers == by_id[table[0]["question_id"]].answers
