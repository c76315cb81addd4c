"""Bad input is reported with its file name and reason and skipped; the rest is indexed.

Also: an index file that is truncated or corrupted is named in a clear IndexCorrupt, and the
incremental build reads and trusts only what it has verified.
"""
from __future__ import annotations

import json
import os
import random

import pytest

from indexer import index_files
from indexer.build import StrictBuildFailed, build_index
from indexer.documents import DocumentError
from indexer.loaders.sandbox import run_worker
from search_api.searcher import Searcher
from tests.ingest_files import make_docx, make_pdf, make_zip_bomb

GOOD = "Thailand and Laos signed a Memorandum of Understanding on digital cooperation on 10 May 2022."


def failures(summary) -> dict[str, str]:
    return dict(summary.failed)


def build_one(tmp_path, fake_encoder, name: str, data: bytes | None = None, **kwargs) -> str:
    """Build a corpus of one good file and ``name``; the reason ``name`` was skipped."""
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    if data is not None:
        (corpus / name).write_bytes(data)
    summary = build_index(corpus, tmp_path / "index", fake_encoder, **kwargs)
    assert "good.txt" in summary.added + summary.unchanged  # the rest of the corpus is indexed
    reasons = failures(summary)
    assert set(reasons) == {name}
    return reasons[name]


def test_corrupt_pdf(tmp_path, fake_encoder):
    reason = build_one(tmp_path, fake_encoder, "bad.pdf", b"%PDF-1.7\n" + os.urandom(2000))
    assert reason.startswith("not a readable PDF")


def test_not_a_pdf_at_all(tmp_path, fake_encoder):
    assert "no %PDF- header" in build_one(tmp_path, fake_encoder, "x.pdf", b"hello, I am text")


def test_encrypted_pdf(tmp_path, fake_encoder):
    data = make_pdf(tmp_path / "src.pdf", [GOOD], password="secret").read_bytes()
    assert "encrypted PDF (password protected)" in build_one(tmp_path, fake_encoder, "locked.pdf", data)


def test_scanned_pdf_without_text(tmp_path, fake_encoder):
    data = make_pdf(tmp_path / "src.pdf", [], text=False).read_bytes()
    reason = build_one(tmp_path, fake_encoder, "scan.pdf", data)
    assert reason == "no extractable text (scanned PDF without a text layer?)"


def test_docx_zip_bomb(tmp_path, fake_encoder):
    data = make_zip_bomb(tmp_path / "src.docx").read_bytes()
    assert len(data) < 100_000
    reason = build_one(tmp_path, fake_encoder, "bomb.docx", data)
    assert reason.startswith("zip bomb suspected") and "word/document.xml" in reason


def test_docx_that_is_not_a_zip(tmp_path, fake_encoder):
    reason = build_one(tmp_path, fake_encoder, "old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500)
    assert reason.startswith("not a Word file")


def test_empty_file(tmp_path, fake_encoder):
    assert build_one(tmp_path, fake_encoder, "empty.txt", b"") == "empty file"
    assert failures(build_index(tmp_path / "corpus", tmp_path / "index", fake_encoder)) \
        == {"empty.txt": "empty file"}


def test_binary_junk_with_a_txt_name(tmp_path, fake_encoder):
    junk = random.Random(7).randbytes(4096)
    reason = build_one(tmp_path, fake_encoder, "junk.txt", junk)
    assert reason.startswith(("binary data", "undecodable bytes"))


def test_control_characters_are_not_text(tmp_path, fake_encoder):
    data = bytes(range(1, 9)) * 200 + b"a few words"
    assert build_one(tmp_path, fake_encoder, "ctl.txt", data).startswith("binary data")


def test_undecodable_bytes(tmp_path, fake_encoder):
    data = "日本とタイの協力覚書について、両国は署名した。".encode("shift_jis") * 5
    reason = build_one(tmp_path, fake_encoder, "sjis.txt", data)
    assert reason.startswith("undecodable bytes")


def test_file_over_the_size_limit(tmp_path, fake_encoder):
    data = (GOOD + "\n").encode() * 20_000  # ~1.9 MB
    reason = build_one(tmp_path, fake_encoder, "big.txt", data, max_file_bytes=1024 * 1024)
    assert "over the 1 MB limit (--max-file-mb)" in reason


def test_symlink_leading_outside_the_corpus(tmp_path, fake_encoder):
    secret = tmp_path / "secret.txt"
    secret.write_text("Private notes about Vietnam.", encoding="utf-8")
    (tmp_path / "corpus").mkdir()
    os.symlink(secret, tmp_path / "corpus" / "link.txt")
    assert "leads outside the corpus folder" in build_one(tmp_path, fake_encoder, "link.txt")


def test_document_with_no_extractable_text(tmp_path, fake_encoder):
    reason = build_one(tmp_path, fake_encoder, "blank.md", b"---\ntitle: Empty\n---\n\n  * * *\n---\n")
    assert reason == "no extractable text"


def test_parser_time_limit_stops_the_child(tmp_path):
    data = make_pdf(tmp_path / "a.pdf", [GOOD]).read_bytes()
    with pytest.raises(DocumentError, match=r"PDF parsing took longer than 0.01 s"):
        run_worker("pdf", data, "PDF", seconds=0.01)


def test_parser_memory_limit_is_reported_not_fatal(tmp_path):
    data = make_pdf(tmp_path / "a.pdf", [GOOD]).read_bytes()
    with pytest.raises(DocumentError, match="PDF pars"):
        run_worker("pdf", data, "PDF", memory_mb=16)  # too little to even start the parser


def test_bad_files_with_the_cli_exit_4_and_strict_keeps_the_index(tmp_path, fake_encoder, capsys,
                                                                 monkeypatch):
    from indexer import cli as index_cli
    from search_api.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr("indexer.encoders.get_encoder", lambda *a, **k: fake_encoder)
    index = str(tmp_path / "index")
    assert main(["index", "--corpus", str(corpus), "--index", index, "--quiet"]) == 0
    live = index_files.current_version(tmp_path / "index")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "big.txt").write_bytes(b"x " * 700_000)
    (corpus / "more.txt").write_text("Thailand and Japan renewed their MoU.", encoding="utf-8")
    capsys.readouterr()
    assert main(["index", "--corpus", str(corpus), "--index", index, "--strict", "--max-file-mb", "1"]) == 3
    err = capsys.readouterr().err
    assert "--strict" in err and "empty.txt: empty file" in err and "big.txt: file is 1.3 MB" in err
    assert index_files.current_version(tmp_path / "index") == live
    code = main(["index", "--corpus", str(corpus), "--index", index, "--max-file-mb", "1"])
    out = capsys.readouterr()
    assert code == index_cli.EXIT_SKIPPED == 4
    assert "skipped empty.txt: empty file" in out.err
    assert "skipped big.txt: file is 1.3 MB, over the 1 MB limit" in out.err
    assert "1 added, 0 updated, 0 removed, 1 unchanged, 2 failed" in out.out
    with pytest.raises(StrictBuildFailed):
        build_index(corpus, tmp_path / "index", fake_encoder, strict=True, max_file_bytes=1 << 20)


# -- the index on disk: corruption is named, never a crash or wrong results -------------------

INDEX_FILES = ["documents.jsonl", "chunks.jsonl", "chunks.faiss", "sentence_vectors.npy",
               "store_text.bin", "store_meta.bin", "store_docs.npy", "store_chunks.npy",
               "store_sentences.npy", "bm25_vocab.json", "bm25_idf.npy", "bm25_indptr.npy", "bm25_rows.npy", "bm25_weights.npy"]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    from tests.conftest import FakeEncoder, build_pristine

    return build_pristine(tmp_path_factory, FakeEncoder())


@pytest.fixture
def built(pristine, tmp_path):
    """A private copy of an index of the bundled corpus (built once per module)."""
    from tests.conftest import private_copy

    return private_copy(pristine, tmp_path)


@pytest.mark.parametrize("damage", ["truncate", "flip"])
@pytest.mark.parametrize("filename", INDEX_FILES)
def test_damaged_index_file_is_named(built, fake_encoder, filename, damage):
    target = index_files.current_version(built) / filename
    data = bytearray(target.read_bytes())
    if damage == "truncate":
        data = data[:len(data) // 2]
    else:
        data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    with pytest.raises(index_files.IndexCorrupt, match=rf"{filename}.*(corrupt|missing).*--rebuild"):
        Searcher(built, fake_encoder)


@pytest.mark.parametrize("filename", INDEX_FILES + ["manifest.json"])
def test_missing_index_file_is_named(built, fake_encoder, filename):
    (index_files.current_version(built) / filename).unlink()
    with pytest.raises(index_files.IndexCorrupt, match=rf"{filename}.*missing"):
        Searcher(built, fake_encoder)


def test_truncated_manifest_and_bad_pointer_are_named(built, fake_encoder):
    manifest = index_files.current_version(built) / "manifest.json"
    manifest.write_bytes(manifest.read_bytes()[:100])
    with pytest.raises(index_files.IndexCorrupt, match="manifest.json is corrupt"):
        Searcher(built, fake_encoder)
    (built / "CURRENT").write_text("../../etc\n")
    with pytest.raises(index_files.IndexCorrupt, match="CURRENT does not name a version"):
        Searcher(built, fake_encoder)


# -- incremental: cheap when nothing changed, verified when reusing ---------------------------

def test_unchanged_rerun_reads_no_vectors(built, corpus_copy, fake_encoder, monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("vectors were read for an unchanged corpus")

    monkeypatch.setattr("indexer.build.read_chunk_vectors", forbidden)
    monkeypatch.setattr("indexer.build.read_sentence_vectors", forbidden)
    summary = build_index(corpus_copy, built, fake_encoder)
    assert summary.version is None and len(summary.unchanged) == 5 and summary.chunks > 0


def test_damaged_previous_version_is_not_reused(built, corpus_copy, fake_encoder):
    faiss_file = index_files.current_version(built) / "chunks.faiss"
    faiss_file.write_bytes(faiss_file.read_bytes()[:-64])
    (corpus_copy / "new.txt").write_text("Thailand and Vietnam signed an MoU on 5G.", encoding="utf-8")
    fake_encoder.calls.clear()
    summary = build_index(corpus_copy, built, fake_encoder)
    assert summary.version and not summary.failed
    assert len(summary.added) == 1 and len(summary.unchanged) == 5  # read again, not changed
    assert any("chunks.faiss is corrupt" in r for r in summary.repaired)
    assert "Finland" in " ".join(t for _, t in fake_encoder.calls)  # re-embedded, not trusted
    searcher = Searcher(built, fake_encoder)
    assert len(searcher.index.documents) == 6


def test_damaged_documents_file_starts_afresh(built, corpus_copy, fake_encoder):
    docs = index_files.current_version(built) / "documents.jsonl"
    docs.write_bytes(docs.read_bytes()[:-10])
    summary = build_index(corpus_copy, built, fake_encoder)
    assert summary.version and len(summary.added) == 5
    Searcher(built, fake_encoder)


def test_index_from_before_chunk_languages_is_upgraded_on_reuse(built, corpus_copy, fake_encoder):
    version = index_files.current_version(built)
    chunks = index_files.read_jsonl(version / "chunks.jsonl")
    for c in chunks:
        del c["lang"]
    index_files.write_jsonl(version / "chunks.jsonl", chunks)
    manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"]["chunks.jsonl"] = {"sha256": index_files.sha256_file(version / "chunks.jsonl"),
                                         "bytes": (version / "chunks.jsonl").stat().st_size}
    index_files.write_manifest(version, manifest)
    (corpus_copy / "new.txt").write_text("Thailand and Vietnam signed an MoU on 5G.", encoding="utf-8")
    build_index(corpus_copy, built, fake_encoder)
    chunks = index_files.read_jsonl(index_files.current_version(built) / "chunks.jsonl")
    assert {c["lang"] for c in chunks} == {"en", "th"}


def test_a_reader_that_breaks_skips_only_its_file(tmp_path, fake_encoder, monkeypatch):
    from indexer import corpus as corpus_module

    def broken(path, data):
        raise ValueError("selectolax fell over")

    monkeypatch.setitem(corpus_module.READERS, ".html", broken)
    reason = build_one(tmp_path, fake_encoder, "page.html", b"<html><body>Hello Laos</body></html>")
    assert reason == "could not be read (ValueError: selectolax fell over)"
