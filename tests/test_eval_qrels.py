"""Judgements keyed by doc id + quote resolve to chunks, for any chunk size."""
import pytest

from eval.configs import EvalConfig, load_file, parse_spec
from eval.datasets import Dataset, Judgement, Query
from eval.datasets.agreements import load_agreements
from eval.qrels import find_quote, resolve
from indexer.build import BuildConfig, build_index
from indexer.index_files import current_version, read_jsonl


def test_grades_and_overlaps_by_hand():
    text = "aaaa bbbb cccc"
    docs = {"d": {"text": text}}
    chunks = [{"doc_id": "d", "chunk_id": "d#0", "start": 0, "end": 9},    # "aaaa bbbb"
              {"doc_id": "d", "chunk_id": "d#1", "start": 5, "end": 14}]   # "bbbb cccc"
    ds = Dataset("t", None, [
        Query("q1", "?", judgements=[Judgement("d", 2, "aaaa"), Judgement("d", 1, "bbbb")]),
        Query("q2", "?", judgements=[Judgement("d", 1, "cccc"), Judgement("gone", 2, "x")]),
        Query("q3", "?", judgements=[Judgement("d", 2, "zzz")]),
    ])
    r = resolve(ds, docs, chunks)
    # d#0 overlaps "aaaa" (2) and "bbbb" (1): the higher grade; d#1 only "bbbb" [5, 9)
    assert r.passage["q1"] == {"d#0": 2, "d#1": 1}
    assert r.document["q1"] == {"d": 2}
    # "cccc" is [10, 14): only d#1; [a, b) intervals, so touching is not overlapping
    assert r.passage["q2"] == {"d#1": 1}
    assert r.document["q2"] == {"d": 1}
    assert "q3" not in r.passage and r.document["q3"] == {"d": 2}
    assert len(r.problems) == 2   # the missing document and the quote that is not there


def test_quote_nearest_the_hint():
    assert find_quote("ab ab ab", "ab") == 0
    assert find_quote("ab ab ab", "ab", hint=4) == 3
    assert find_quote("ab", "x") == -1


def _chunks_of(index_dir):
    version = current_version(index_dir)
    return ({d["doc_id"]: d for d in read_jsonl(version / "documents.jsonl")},
            read_jsonl(version / "chunks.jsonl"))


def test_qrels_survive_rechunking(corpus_copy, tmp_path, fake_encoder):
    dataset = load_agreements(corpus_copy)
    index_dir = tmp_path / "index"
    resolved = {}
    for label, config in (("default", BuildConfig()),
                          ("small", BuildConfig(target_tokens=40, max_tokens=64, overlap_tokens=0))):
        build_index(corpus_copy, index_dir, fake_encoder, config=config)   # re-indexes in place
        docs, chunks = _chunks_of(index_dir)
        r = resolve(dataset, docs, chunks)
        assert r.problems == []
        by_id = {c["chunk_id"]: c for c in chunks}
        for q in dataset.queries:
            spans = r.spans[q.qid]
            assert len(spans) == len(q.judgements)
            for span, j in zip(spans, q.judgements):
                # the span is where the README says: the quote's place in the document body
                body = (corpus_copy / j.doc_id).read_text(encoding="utf-8")[4:].split("\n---\n", 1)[1]
                assert span.start == body.index(j.quote)
                assert docs[span.doc_id]["text"][span.start:span.end] == j.quote
            for cid, grade in r.passage[q.qid].items():
                c = by_id[cid]
                hit = [s for s in spans if s.doc_id == c["doc_id"] and c["start"] < s.end and s.start < c["end"]]
                assert hit and grade == max(s.grade for s in hit)
            # and every chunk overlapping a span is in the qrels (nothing missed)
            for c in chunks:
                if any(s.doc_id == c["doc_id"] and c["start"] < s.end and s.start < c["end"] for s in spans):
                    assert c["chunk_id"] in r.passage[q.qid]
        resolved[label] = (r, len(chunks))
    (big, n_big), (small, n_small) = resolved["default"], resolved["small"]
    assert n_small > n_big                                   # really re-chunked
    assert big.document == small.document                    # document level does not move
    assert {q: len(v) for q, v in big.spans.items()} == {q: len(v) for q, v in small.spans.items()}
    a001 = dataset.queries[0].qid
    assert set(big.passage[a001]) != set(small.passage[a001])


def test_configuration_specs(tmp_path):
    c = parse_spec("lw:mode=hybrid,lexical_weight=0.3,target_tokens=96")
    assert c.name == "lw" and c.fusion_params().lexical_weight == 0.3
    assert c.build_config().target_tokens == 96 and c.index_key().startswith("e5-small-q4-t96-")
    assert parse_spec("dense") == EvalConfig("dense", mode="dense")
    assert parse_spec("mode=hybrid").index_key() == parse_spec("lexical").index_key()
    with pytest.raises(ValueError):
        parse_spec("x:mode=fuzzy")
    with pytest.raises(ValueError):
        parse_spec("x:chunk=3")
    (tmp_path / "c.json").write_text('{"configs": [{"name": "d", "mode": "dense"}, {"mode": "lexical"}]}')
    assert [c.name for c in load_file(tmp_path / "c.json")] == ["d", "lexical"]
