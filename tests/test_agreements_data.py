"""The hand-judged agreement facts and links (eval/data/agreements/) are well-formed: every fact
quote is verbatim in its document, splits follow the document year, the issue's counts are met."""
import json
from pathlib import Path

import pytest

from eval.datasets.thaigov import find_corpus_dir
from indexer.agreements.facts import FACT_TYPES

DATA = Path(__file__).resolve().parents[1] / "eval" / "data" / "agreements"
ARCHIVE = find_corpus_dir()


def _rows(name):
    return [json.loads(l) for l in (DATA / name).read_text(encoding="utf-8").splitlines() if l.strip()]


def _split(doc_id):
    return "test" if doc_id.startswith("2023") else "dev"


def test_facts_are_sound():
    rows = _rows("facts.jsonl")
    assert len(rows) >= 150
    first = [r for r in rows if "batch" not in r]   # later dev rounds (batches dev2 to dev12) are extra
    assert sum(r["split"] == "test" for r in first) >= len(first) // 3
    assert all(r.get("batch", "dev2") in ("dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12") and (r["split"] == "dev" or "batch" not in r) for r in rows)
    # a later round judges documents no earlier round judged (its first figures are held-out estimates)
    docs = {}
    for r in rows:
        docs.setdefault(r.get("batch", "first"), set()).add(r["doc_id"])
    rounds = ["first", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12"]
    for i, later in enumerate(rounds):
        assert not docs[later] & set().union(*(docs[r] for r in rounds[:i])), later
    for r in rows:
        assert r["type"] in FACT_TYPES, r
        assert r["split"] == _split(r["doc_id"]), r
        # null: the document is judged to state no value of this type (dev6 on)
        assert r["quote"].strip() and r["value"] not in ("", [], {}), r
        assert r["value"] is not None or r.get("batch") in ("dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12"), r


def test_links_are_sound():
    rows = _rows("links.jsonl")
    assert len(rows) >= 40
    assert any(not r["same"] for r in rows) and any(r["same"] for r in rows)
    for r in rows:
        assert len(r["documents"]) >= 2 and len(set(r["documents"])) == len(r["documents"]), r
        assert {_split(d) for d in r["documents"]} == {r["split"]}, r
        assert r["note"].strip()


@pytest.mark.skipif(not ARCHIVE.is_dir(), reason="thaigov-mou archive not present")
def test_quotes_are_verbatim():
    texts = {}
    for r in _rows("facts.jsonl"):
        path = ARCHIVE / r["doc_id"]
        if path not in texts:
            texts[path] = path.read_text(encoding="utf-8")
        assert r["quote"] in texts[path], (r["doc_id"], r["quote"])
    for r in _rows("links.jsonl"):
        for d in r["documents"]:
            assert (ARCHIVE / d).is_file(), d


def test_the_tenth_round_of_direct_questions_asks_of_articles_nobody_wrote_rules_on():
    """Round dev10's questions are about its own drawn articles only, none of them an article with judged facts or
    one an earlier round of direct questions asked of."""
    questions = _rows("direct_questions.jsonl")
    drawn = set((DATA / "draws" / "direct10.txt").read_text(encoding="utf-8").split("\n")) - {""}
    mine = [q for q in questions if q.get("batch") == "dev10"]
    assert len(drawn) == 36 and len(mine) >= 60
    assert all(d in drawn for q in mine for d in q["doc_ids"])
    earlier = {d for q in questions if q.get("batch") != "dev10" for d in q["doc_ids"]}
    judged = {r["doc_id"] for r in _rows("facts.jsonl")}
    assert not drawn & (earlier | judged)


@pytest.mark.parametrize("batch, draw", [("dev11", "direct11"), ("dev12", "direct12")])
def test_the_eleventh_and_twelfth_rounds_of_direct_questions_ask_of_articles_nobody_wrote_rules_on(batch, draw):
    """Rounds dev11's and dev12's questions are about their own drawn articles only, none of them an article with judged
    facts or one another round of direct questions asked of."""
    questions = _rows("direct_questions.jsonl")
    drawn = set((DATA / "draws" / f"{draw}.txt").read_text(encoding="utf-8").split("\n")) - {""}
    mine = [q for q in questions if q.get("batch") == batch]
    assert len(drawn) == 30 and len(mine) >= 50
    assert all(d in drawn for q in mine for d in q["doc_ids"])
    earlier = {d for q in questions if q.get("batch") != batch for d in q["doc_ids"]}
    judged = {r["doc_id"] for r in _rows("facts.jsonl")}
    assert not drawn & (earlier | judged)


def test_the_thirteenth_round_of_direct_questions_asks_of_articles_no_round_drew():
    """Round dev13's questions are about its own five articles, which no earlier round drew, asked of or judged."""
    questions = _rows("direct_questions.jsonl")
    drawn = set((DATA / "draws" / "direct13.txt").read_text(encoding="utf-8").split("\n")) - {""}
    mine = [q for q in questions if q.get("batch") == "dev13"]
    assert len(drawn) == 5 and len(mine) == 6
    assert all(d in drawn for q in mine for d in q["doc_ids"])
    others = {d for q in questions if q.get("batch") != "dev13" for d in q["doc_ids"]}
    earlier_draws = {d for p in (DATA / "draws").glob("*.txt") if p.name != "direct13.txt"
                     for d in p.read_text(encoding="utf-8").split("\n") if d}
    judged = {r["doc_id"] for r in _rows("facts.jsonl")}
    assert not drawn & (others | judged | earlier_draws)
