"""The thaigov evaluation questions: format, splits by document date, answers inside quotes,
and (when the archive is on this machine) every quote found in its document as indexed."""
from __future__ import annotations

import pytest

from eval.datasets.thaigov import check, find_corpus_dir, read_rows, read_duplicate_groups


def test_questions_cover_both_splits_and_all_three_language_pairs():
    rows = read_rows()
    assert len(rows) >= 190
    assert len({r["qid"] for r in rows}) == len(rows)
    for split, minimum in (("dev", 100), ("test", 85)):
        part = [r for r in rows if r["split"] == split]
        assert len(part) >= minimum
        assert {r["pair"] for r in part} == {"th->th", "en->th", "en->en"}
    for r in rows:
        assert r["split"] == ("test" if r["date"] >= "2023" else "dev")
        assert r["answer"] and r["answer"] in r["judgements"][0]["quote"]
        assert all(j["grade"] in (1, 2) for j in r["judgements"])
    dev2 = [r for r in rows if r.get("batch") == "dev2"]
    assert len(dev2) == 41 and {r["split"] for r in dev2} == {"dev"}
    assert {r["pair"] for r in dev2} == {"th->th", "en->th", "en->en"}


def test_duplicate_groups_are_judged_in_both_splits():
    groups = read_duplicate_groups()
    multi = [g for g in groups if len(g["docs"]) > 1]
    assert len(multi) >= 20
    assert {g["split"] for g in multi} == {"dev", "test"}
    docs = [d for g in groups for d in g["docs"]]
    assert len(docs) == len(set(docs))          # a document is in one judged group


@pytest.mark.skipif(not find_corpus_dir().is_dir(), reason="thaigov-mou archive not on this machine")
def test_every_quote_is_in_its_document_as_indexed():
    assert check() == []
