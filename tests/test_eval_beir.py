"""BEIR folders: the agreements survive a round trip; a public-style folder runs unchanged."""
import json

from eval import report
from eval.configs import EvalConfig
from eval.datasets.agreements import load_agreements
from eval.datasets.beir import export_beir, file_name, load_beir
from eval.experiment import evaluate
from eval.trec import read_qrels, read_run
from indexer.corpus import list_corpus, read_document


def _configs(fake):
    return [EvalConfig("lexical", mode="lexical", encoder=fake.name),
            EvalConfig("dense", mode="dense", encoder=fake.name)]


def test_agreements_round_trip(corpus_copy, tmp_path, fake_encoder):
    original = load_agreements(corpus_copy)
    folder = export_beir(original, tmp_path / "beir")
    assert (folder / "qrels" / "test.tsv").read_text().splitlines()[0] == "query-id\tcorpus-id\tscore"
    loaded = load_beir(folder, "test", tmp_path / "beir-corpus")
    assert [(q.qid, q.text, q.lang, q.pair, q.kind) for q in loaded.queries] == \
        [(q.qid, q.text, q.lang, q.pair, q.kind) for q in original.queries]
    assert [[j.as_dict() for j in q.judgements] for q in loaded.queries] == \
        [[j.as_dict() for j in q.judgements] for q in original.queries]
    assert loaded.answer_rule == "span" and loaded.index_ids == {}
    # the documents read back as the same bodies under the same ids
    docs = {i: read_document(p, i, p.read_bytes()) for i, p in list_corpus(corpus_copy)}
    again = {i: read_document(p, i, p.read_bytes()) for i, p in list_corpus(loaded.corpus_dir)}
    assert {i: (d.text, d.title, d.lang) for i, d in docs.items()} == \
        {i: (d.text, d.title, d.lang) for i, d in again.items()}
    # and score identically, query by query
    encoders = {fake_encoder.name: fake_encoder}
    a = evaluate(original, _configs(fake_encoder), tmp_path / "cache-a", encoders=encoders, quiet=True)
    b = evaluate(loaded, _configs(fake_encoder), tmp_path / "cache-b", encoders=encoders, quiet=True)
    for ra, rb in zip(a.results, b.results):
        assert ra.scores == rb.scores


def test_public_style_folder(tmp_path, fake_encoder):
    folder = tmp_path / "tiny"
    (folder / "qrels").mkdir(parents=True)
    docs = [{"_id": "doc1", "title": "Rice exports", "text": "Thailand exports rice to Laos every year."},
            {"_id": "doc 2", "title": "Fibre cable", "text": "A submarine fibre cable links the two countries."},
            {"_id": "../evil", "title": "", "text": "Nothing about rice here, only cables."}]
    (folder / "corpus.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs))
    (folder / "queries.jsonl").write_text(json.dumps({"_id": "1", "text": "rice exports"}) + "\n"
                                          + json.dumps({"_id": "2", "text": "fibre cable"}) + "\n"
                                          + json.dumps({"_id": "3", "text": "not in this split"}) + "\n")
    (folder / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\n1\tdoc1\t1\n2\tdoc 2\t1\n")
    ds = load_beir(folder, "test", tmp_path / "corpus")
    assert [q.qid for q in ds.queries] == ["1", "2"] and ds.answer_rule is None
    assert set(ds.index_ids) == {"doc1", "doc 2", "../evil"}
    assert all(".." not in p.relative_to(tmp_path / "corpus").as_posix()
               for p in (tmp_path / "corpus").rglob("*"))
    assert file_name("a/b.md") == "a/b.md" and file_name("doc1").endswith(".txt")
    ev = evaluate(ds, [EvalConfig("lexical", mode="lexical", encoder=fake_encoder.name)],
                  tmp_path / "cache", encoders={fake_encoder.name: fake_encoder}, quiet=True)
    r = ev.results[0]
    assert r.scores["passage"]["ndcg@10"] == {}          # no spans: document level only
    assert r.scores["document"]["mrr@10"] == {"1": 1.0, "2": 1.0}
    out = report.write(ev, tmp_path / "reports", None, "mou-search eval --dataset tiny", with_chart=False)
    assert out["results"]["lexical"]["all"]["passage/ndcg@10"]["mean"] is None
    run = read_run(tmp_path / "reports" / "runs" / "lexical.document.trec")
    assert run["1"][0][0] == "doc1" and run["2"][0][0] == "doc 2"   # original ids in the run
    qrels = read_qrels(next((tmp_path / "reports" / "qrels").glob("*.document.txt")))
    assert qrels == {"1": {"doc1": 1}, "2": {"doc 2": 1}}
