"""The English forms of iApp questions (``eval/data/iapp_en_<split>.tsv``): one row per question,
English only, and for train one question per context of the sample the models learn from; and
the train shards the models may learn from besides."""
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


def test_the_train_shards_cut_train_into_disjoint_samples_the_first_being_the_sample():
    if not (iapp.find_data_dir() / "train.jsonl").exists():
        pytest.skip("iApp train split not found")
    from eval.iapp_indexes import SAMPLE_CONTEXTS, train_sample, train_shards

    docs, _, _ = iapp.load("train")
    shards = [train_sample(shard=k) for k in range(train_shards())]
    orders = [order for _, _, order in shards]
    assert orders[0] == train_sample()[2] and len(orders[0]) == SAMPLE_CONTEXTS
    assert sorted(d for order in orders for d in order) == sorted(docs)   # each context once
    assert all(q.doc_id in set(order) for (_, thai, order) in shards for q in thai)


def test_evidence_from_several_shards_keeps_questions_and_sentence_groups_apart():
    import numpy as np

    from eval.train_rerank import merge_evidence

    def part(questions, groups):
        return {"pq": np.array(questions), "sq": np.array(groups), "sg": np.array(groups),
                "nq": np.array(questions), "px": np.ones((len(questions), 2))}

    # two shards: 3 questions (sentence groups 0, 1) and 2 questions (groups 0, 1, 2)
    got = merge_evidence([part([0, 1, 2], [0, 1]), part([0, 1], [0, 1, 2])], [3, 2])
    assert got["pq"].tolist() == [0, 1, 2, 3, 4] and got["nq"].tolist() == [0, 1, 2, 3, 4]
    assert got["sg"].tolist() == [0, 1, 2, 3, 4]
    assert got["sq"].tolist() == [0, 1, 3, 4, 5]   # question numbers, shifted by the first shard's 3
    assert got["px"].shape == (5, 2)
