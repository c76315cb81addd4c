"""Index builds with a fake encoder: incremental, idempotent, stable ids, atomic versions."""
import json

import numpy as np
import pytest

from indexer import index_files
from indexer.build import BuildConfig, build_index, stable_id
from search_api.loaded_index import EncoderMismatch
from search_api.searcher import Searcher

LAOS = "000-en-thailand-laos-digital-mou-2022.md"


def chunk_ids(index_dir):
    version = index_files.current_version(index_dir)
    return {c["chunk_id"]: c["id"] for c in index_files.read_jsonl(version / "chunks.jsonl")}


def test_rerun_on_unchanged_corpus_embeds_nothing(corpus_copy, tmp_path, fake_encoder):
    first = build_index(corpus_copy, tmp_path / "index", fake_encoder)
    assert first.version and len(first.added) == 5 and first.embedded_texts > 0
    fake_encoder.calls.clear()
    again = build_index(corpus_copy, tmp_path / "index", fake_encoder)
    assert again.version is None and len(again.unchanged) == 5
    assert fake_encoder.calls == []


def test_changed_added_and_deleted_files(corpus_copy, tmp_path, fake_encoder):
    index = tmp_path / "index"
    build_index(corpus_copy, index, fake_encoder)
    before = chunk_ids(index)
    laos = corpus_copy / LAOS
    laos.write_text(laos.read_text(encoding="utf-8") + "\nThe MoU was welcomed by both ministries.\n",
                    encoding="utf-8")
    (corpus_copy / "002-th-thailand-laos-mou-2022.md").unlink()
    (corpus_copy / "new.txt").write_text("Thailand and Vietnam signed an MoU on 5G.", encoding="utf-8")
    fake_encoder.calls.clear()
    summary = build_index(corpus_copy, index, fake_encoder)
    assert summary.added == ["new.txt"]
    assert summary.updated == [LAOS]
    assert summary.removed == ["002-th-thailand-laos-mou-2022.md"]
    assert len(summary.unchanged) == 3
    embedded = " ".join(text for _, text in fake_encoder.calls)
    assert "welcomed" in embedded and "Vietnam" in embedded
    assert "Finland" not in embedded  # untouched documents are not embedded again
    after = chunk_ids(index)
    untouched = [c for c in before if c.startswith(("001-", "003-", "004-"))]
    assert untouched and all(after[c] == before[c] for c in untouched)
    assert not any(c.startswith("002-") for c in after)
    searcher = Searcher(index, fake_encoder)
    assert "002-th-thailand-laos-mou-2022.md" not in searcher.index.documents


def test_chunk_ids_are_stable_hashes_of_their_names():
    assert stable_id("a.md#0") == stable_id("a.md#0") != stable_id("a.md#1")
    assert 0 <= stable_id("a.md#0") < 2 ** 63


def test_other_chunking_reuses_vectors_of_identical_text(corpus_copy, tmp_path, fake_encoder):
    index = tmp_path / "index"
    build_index(corpus_copy, index, fake_encoder)
    fake_encoder.calls.clear()
    summary = build_index(corpus_copy, index, fake_encoder, config=BuildConfig(target_tokens=80))
    assert summary.version is not None
    # sentences are unchanged, so only the new chunk texts are embedded
    assert summary.embedded_texts == len(fake_encoder.calls) > 0
    assert summary.embedded_texts < summary.chunks + 5


def test_manifest_records_encoder_counts_and_checksums(corpus_copy, tmp_path, fake_encoder):
    build_index(corpus_copy, tmp_path / "index", fake_encoder)
    version = index_files.current_version(tmp_path / "index")
    manifest = index_files.read_manifest(version)
    assert manifest["encoder"] == {"name": "fake-trigram-32", "dim": 32, "options": {}}
    assert manifest["counts"]["documents"] == 5
    assert set(manifest["files"]) >= {"chunks.faiss", "chunks.jsonl", "documents.jsonl",
                                      "sentence_vectors.npy", "bm25_weights.npy"}
    assert "faiss-cpu" in manifest["libraries"] and "pythainlp" in manifest["libraries"]


def test_corrupt_file_is_named_on_load(corpus_copy, tmp_path, fake_encoder):
    build_index(corpus_copy, tmp_path / "index", fake_encoder)
    version = index_files.current_version(tmp_path / "index")
    target = version / "chunks.faiss"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    with pytest.raises(index_files.IndexCorrupt, match="chunks.faiss"):
        Searcher(tmp_path / "index", fake_encoder)


def test_encoder_mismatch_says_how_to_fix(corpus_copy, tmp_path, fake_encoder):
    build_index(corpus_copy, tmp_path / "index", fake_encoder)
    with pytest.raises(EncoderMismatch, match=r"built with encoder fake-trigram-32 \(dim 32\).*--rebuild"):
        Searcher(tmp_path / "index", "e5-small-q4")


def test_failed_build_leaves_the_previous_version_live(corpus_copy, tmp_path, fake_encoder, monkeypatch):
    index = tmp_path / "index"
    build_index(corpus_copy, index, fake_encoder)
    live = index_files.current_version(index)
    (corpus_copy / "new.txt").write_text("Thailand and Japan renewed a memorandum.", encoding="utf-8")

    def explode(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr("indexer.build.BM25.writers", explode)
    with pytest.raises(OSError):
        build_index(corpus_copy, index, fake_encoder)
    assert index_files.current_version(index) == live
    searcher = Searcher(index, fake_encoder)
    assert "new.txt" not in searcher.index.documents
    monkeypatch.undo()
    summary = build_index(corpus_copy, index, fake_encoder)
    assert summary.added == ["new.txt"]
    assert not [p for p in (index / "versions").iterdir() if p.name.startswith(".tmp-")]


def test_vectors_round_trip_with_their_ids(corpus_copy, tmp_path, fake_encoder):
    build_index(corpus_copy, tmp_path / "index", fake_encoder)
    searcher = Searcher(tmp_path / "index", fake_encoder)
    chunk = searcher.index.chunks[3]
    doc = searcher.index.documents[chunk["doc_id"]]
    text = f"{doc['title']}\n{doc['text'][chunk['start']:chunk['end']]}"
    expected = fake_encoder.encode([text], "passage")[0]
    # Stored as float16 (index format 2): exactly the float16 rounding of the encoder's vector.
    assert np.array_equal(searcher.index.chunk_vectors[3], expected.astype(np.float16).astype(np.float32))
    assert searcher.index.store.chunk(3)["id"] == chunk["id"] == stable_id(chunk["chunk_id"])


def test_no_pickle_in_index_files(corpus_copy, tmp_path, fake_encoder):
    build_index(corpus_copy, tmp_path / "index", fake_encoder)
    version = index_files.current_version(tmp_path / "index")
    for path in version.iterdir():
        if path.suffix == ".npy":
            np.load(path, allow_pickle=False)
        elif path.suffix in (".json", ".jsonl"):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    json.loads(line) if path.suffix == ".jsonl" else None
            if path.suffix == ".json":
                json.loads(path.read_text(encoding="utf-8"))


def test_glossary_change_reanalyses_without_reembedding(corpus_copy, tmp_path, fake_encoder, monkeypatch):
    from indexer import analysis, glossary

    index = tmp_path / "index"
    build_index(corpus_copy, index, fake_encoder)
    monkeypatch.setitem(glossary.TERMS, "testconcept", ("zzzqx", "ลูกค้า"))
    for cached in (analysis.analyzer_fingerprint, analysis._concept_index, analysis._segmenter_dict):
        cached.cache_clear()
    fake_encoder.calls.clear()
    summary = build_index(corpus_copy, index, fake_encoder)
    assert summary.version is not None and len(summary.updated) == 5
    assert fake_encoder.calls == []  # same texts: vectors come from the previous version
    version = index_files.current_version(index)
    terms = {t for c in index_files.read_jsonl(version / "chunks.jsonl") for t in c["terms"]}
    assert "~testconcept" in terms
    monkeypatch.undo()
    for cached in (analysis.analyzer_fingerprint, analysis._concept_index, analysis._segmenter_dict):
        cached.cache_clear()


def test_index_from_another_analyzer_is_refused_until_updated(corpus_copy, tmp_path, fake_encoder, monkeypatch):
    from indexer import analysis
    from search_api.loaded_index import StaleAnalyzer

    index = tmp_path / "index"
    build_index(corpus_copy, index, fake_encoder)
    monkeypatch.setattr(analysis, "analyzer_fingerprint", lambda: "another-analyzer")
    with pytest.raises(StaleAnalyzer, match="run `mou-search index`"):
        Searcher(index, fake_encoder)
    fake_encoder.calls.clear()
    build_index(corpus_copy, index, fake_encoder)
    assert fake_encoder.calls == []
    Searcher(index, fake_encoder)


def test_a_document_whose_agreement_extraction_runs_away_is_indexed_and_named(corpus_copy, tmp_path, fake_encoder,
                                                                               monkeypatch):
    import time

    import importlib

    from indexer.agreements import extract as extract_module

    link = importlib.import_module("indexer.agreements.link")   # the package's ``link`` is its function
    real = extract_module.extract_mentions
    slow = sorted(p.name for p in corpus_copy.iterdir() if p.suffix in (".md", ".txt"))[0]

    def extract(doc_id, *args, **kwargs):
        if doc_id == slow:
            time.sleep(30)   # a rule backtracking on an unusual line
        return real(doc_id, *args, **kwargs)

    monkeypatch.setattr(extract_module, "extract_mentions", extract)
    monkeypatch.setattr(link, "EXTRACTION_SECONDS", 0.5)
    summary = build_index(corpus_copy, tmp_path / "index", fake_encoder)
    assert [doc for doc, note in summary.notes if "agreement extraction stopped" in note] == [slow]
    assert slow in summary.added and not summary.failed   # its text is indexed
    version = next((tmp_path / "index" / "versions").iterdir())
    agreements = json.loads((version / "agreements.json").read_text(encoding="utf-8"))
    assert slow not in agreements["by_document"] and agreements["records"]   # the others' records are there
