"""Index format 2: the memory-mapped store, float16 vectors, migration of format 1, the IVF index."""
from __future__ import annotations

import json

import numpy as np
import pytest

from indexer import ann, index_files, store
from indexer.build import build_index, stable_id
from indexer.vectors import read_sentence_vectors
from search_api.searcher import Searcher

# Thai with SARA AM, tone marks above vowels, a no-break space, an emoji (4 bytes in UTF-8),
# English and a combining accent: every width UTF-8 has, so byte and character offsets differ.
THAI = "บันทึกความเข้าใจระหว่างไทยกับลาว มีอายุ 5\u00a0ปี ทำที่เวียงจันทน์ 👍\nการค้ำประกันสิ้นสุดเมื่อครบกำหนด"
MIXED = "The MoU with Laos lasts five years. Café e\u0301 ok.\nไทยและลาวลงนามแล้ว"


def sentences_of(text: str) -> list[list[int]]:
    spans, at = [], 0
    for part in text.split("\n"):
        spans.append([at, at + len(part)])
        at += len(part) + 1
    return spans


def records():
    docs, chunks = [], []
    row = 0
    for doc_id, title, text, lang in (("a/ลาว.txt", "บันทึกความเข้าใจ", THAI, "th"),
                                      ("b/mixed.md", "Laos MoU", MIXED, "en"),
                                      ("c/empty-date.txt", "ว่าง", "สั้น", "th")):
        spans = sentences_of(text)
        docs.append({"doc_id": doc_id, "title": title, "date": "2566-03" if lang == "en" else None,
                     "lang": lang, "source": "", "parties": ["Laos"] if "ลาว" in text else [],
                     "content_hash": "x", "text": text, "sentences": spans, "sentence_row": row,
                     "sentence_keys": ["k"] * len(spans)})
        for ordinal, (a, b) in enumerate(spans):
            chunk_id = f"{doc_id}#{ordinal}"
            chunks.append({"id": stable_id(chunk_id), "chunk_id": chunk_id, "doc_id": doc_id,
                           "ordinal": ordinal, "start": a, "end": b, "lang": lang,
                           "sent_row": row + ordinal, "sent_index": ordinal, "sent_count": 1})
        row += len(spans)
    docs[1]["date"] = "2023-03"
    return docs, chunks


def write_store(folder, docs, chunks):
    for name, write in store.writers(docs, chunks).items():
        write(folder / name)


def test_store_round_trip_cuts_thai_exactly_where_the_document_says(tmp_path):
    docs, chunks = records()
    write_store(tmp_path, docs, chunks)
    s = store.Store(tmp_path)
    assert (s.n_docs, s.n_chunks) == (3, len(chunks))
    for d, doc in enumerate(docs):
        assert s.doc_text(d) == doc["text"]
        assert s.doc_number(doc["doc_id"]) == d
        back = s.document(d)
        assert back["text"] == doc["text"] and back["sentences"] == doc["sentences"]
        assert {k: back[k] for k in ("doc_id", "title", "date", "lang", "parties")} == \
            {k: doc[k] for k in ("doc_id", "title", "date", "lang", "parties")}
    for row, chunk in enumerate(chunks):
        text = docs[[d["doc_id"] for d in docs].index(chunk["doc_id"])]["text"]
        assert s.chunk_text(row) == text[chunk["start"]:chunk["end"]]
        assert s.sentence_text(chunk["sent_row"]) == text[chunk["start"]:chunk["end"]]
        assert s.chunk(row) == chunk
    assert s.chunk_text(1).endswith("กำหนด") and "👍" in s.chunk_text(0)
    assert s.doc_number("b/missing") is None and s.doc_number("") is None
    # the filters' columns: the date range a year-month covers, the language
    assert s.docs["date_first"][1] == b"2023-03-01" and s.docs["date_last"][1] == b"2023-03-31"
    assert s.docs["date_first"][0] == b"" and list(s.docs["lang"]) == [b"th", b"en", b"th"]


def test_byte_offsets_match_utf8_prefix_lengths():
    offsets = store.byte_offsets(THAI)
    assert [int(o) for o in offsets] == [len(THAI[:i].encode("utf-8")) for i in range(len(THAI) + 1)]


def test_damaged_store_file_is_an_index_error(tmp_path, fake_encoder):
    from tests.conftest import CORPUS

    index = tmp_path / "index"
    build_index(CORPUS, index, fake_encoder)
    version = index_files.current_version(index)
    text = version / store.TEXT
    text.write_bytes(text.read_bytes()[:100])
    with pytest.raises(index_files.IndexCorrupt, match="store_text.bin.*corrupt"):
        Searcher(index, fake_encoder)
    with pytest.raises(index_files.IndexCorrupt, match="document store is damaged.*outside"):
        Searcher(index, fake_encoder, verify=False)  # checksums skipped: the offsets still catch it
    (version / store.CHUNKS).write_bytes(b"\x93NUMPY garbage")
    with pytest.raises(index_files.IndexCorrupt, match="document store is damaged"):
        Searcher(index, fake_encoder, verify=False)


def _downgrade_to_format_1(version) -> None:
    """Rewrite a format-2 version as format 1 wrote it: float32 IndexIDMap2 with the stable ids,
    no store, and a manifest of format 1 listing the files with their checksums."""
    import faiss

    from indexer.vectors import chunk_matrix, open_chunk_index

    vectors = chunk_matrix(open_chunk_index(version))
    chunks = index_files.read_jsonl(version / "chunks.jsonl")
    flat = faiss.IndexIDMap2(faiss.IndexFlatIP(vectors.shape[1]))
    flat.add_with_ids(vectors, np.array([c["id"] for c in chunks], dtype=np.int64))
    faiss.write_index(flat, str(version / "chunks.faiss"))
    manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
    for name in store.FILES:
        (version / name).unlink()
        del manifest["files"][name]
    manifest["format_version"] = 1
    # format 1 kept its sentence vectors as float16
    sentences = read_sentence_vectors(version, manifest.pop("dense"))
    np.save(version / "sentence_vectors.npy", sentences.astype(np.float16), allow_pickle=False)
    manifest["files"]["sentence_vectors.npy"] = {
        "sha256": index_files.sha256_file(version / "sentence_vectors.npy"),
        "bytes": (version / "sentence_vectors.npy").stat().st_size}
    manifest["files"]["chunks.faiss"] = {"sha256": index_files.sha256_file(version / "chunks.faiss"),
                                         "bytes": (version / "chunks.faiss").stat().st_size}
    (version / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def test_format_1_index_is_refused_with_the_command_that_migrates_it(tmp_path, monkeypatch, capsys):
    from indexer.encoders import get_encoder
    from search_api.cli import main
    from tests.conftest import CORPUS

    monkeypatch.setenv("MOU_SEARCH_TEST_ENCODERS", "1")
    encoder = get_encoder("test-trigram-32")
    index = tmp_path / "index"
    build_index(CORPUS, index, encoder)
    before = Searcher(index).search("MoU ลาว มีอายุกี่ปี", k=5).as_dict()
    _downgrade_to_format_1(index_files.current_version(index))

    with pytest.raises(index_files.IndexOutdated, match=r"format 1.*run `mou-search index`"):
        Searcher(index)
    assert main(["search", "MoU", "--index", str(index)]) == 3
    assert "run `mou-search index`" in capsys.readouterr().err

    calls = []
    original = encoder.encode
    monkeypatch.setattr(encoder, "encode", lambda texts, kind: calls.append(texts) or original(texts, kind))
    summary = build_index(CORPUS, index, encoder)   # unchanged corpus: migrated, nothing embedded
    assert summary.version is not None and summary.embedded_texts == 0 and not calls
    after = Searcher(index).search("MoU ลาว มีอายุกี่ปี", k=5).as_dict()
    assert after == before
    assert index_files.read_manifest(index_files.current_version(index))["format_version"] == 2


def _clustered(n, dim, seed):
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((max(10, n // 50), dim)).astype(np.float32)
    x = centres[rng.integers(0, len(centres), n)] + 0.6 * rng.standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_ivf_recall_at_10_against_exact_search_on_clustered_vectors():
    from indexer.vectors import exact_index

    data = _clustered(5000, 64, seed=1)
    base, queries = data[:4900], data[4900:]
    exact = exact_index(base)
    params = ann.params_for(len(base))
    assert params["nlist"] * ann.TRAIN_PER_CELL <= len(base)
    approx = ann.build(base, params)
    truth = exact.search(queries, 10)[1]
    _, found = approx.search(queries, 20)  # twice the wanted depth, as the searcher asks
    hits = 0
    for q, rows, want in zip(queries, found, truth):
        rows = rows[rows >= 0]
        top = rows[np.argsort(-(exact.reconstruct_batch(rows) @ q), kind="stable")[:10]]
        hits += len(set(top.tolist()) & set(want.tolist()))
    assert hits / truth.size >= 0.95


def test_past_the_threshold_the_build_writes_an_ivf_index_the_searcher_uses(tmp_path, monkeypatch, fake_encoder):
    from tests.conftest import CORPUS

    exact_dir, ann_dir = tmp_path / "exact", tmp_path / "ann"
    build_index(CORPUS, exact_dir, fake_encoder)
    monkeypatch.setenv("MOU_SEARCH_ANN_MIN_CHUNKS", "1")
    build_index(CORPUS, ann_dir, fake_encoder)
    manifest = index_files.read_manifest(index_files.current_version(ann_dir))
    assert manifest["dense"]["ann"]["kind"] == "ivf-sq8" and "chunks_ann.faiss" in manifest["files"]
    assert index_files.read_manifest(index_files.current_version(exact_dir))["dense"]["ann"] is None
    # An index built before the threshold fell under its size gets the approximate index at its
    # next build, nothing re-embedded; the next build after that has nothing to do.
    again = build_index(CORPUS, exact_dir, fake_encoder)
    assert again.version is not None and again.embedded_texts == 0
    assert index_files.read_manifest(index_files.current_version(exact_dir))["dense"]["ann"] is not None
    assert build_index(CORPUS, exact_dir, fake_encoder).version is None
    monkeypatch.delenv("MOU_SEARCH_ANN_MIN_CHUNKS")
    assert build_index(CORPUS, exact_dir, fake_encoder).version is not None   # and dropped again
    assert index_files.read_manifest(index_files.current_version(exact_dir))["dense"]["ann"] is None
    with_ann, without = Searcher(ann_dir, fake_encoder), Searcher(exact_dir, fake_encoder)
    assert with_ann.index.ann is not None and without.index.ann is None
    for q in ("MoU Laos", "บันทึกความเข้าใจ ลาว"):
        # a corpus smaller than the pool: IVF pools every chunk, so the ranking is the exact one
        assert [h.chunk_id for h in with_ann.search(q, k=5, mode="dense").results] == \
            [h.chunk_id for h in without.search(q, k=5, mode="dense").results]


def test_serve_refuses_a_format_1_index_with_exit_3(tmp_path, fake_encoder, capsys):
    from search_api.serve_cli import ensure_index
    from tests.conftest import CORPUS

    index = tmp_path / "index"
    build_index(CORPUS, index, fake_encoder)
    assert ensure_index(index, tmp_path / "no-corpus") == 0
    _downgrade_to_format_1(index_files.current_version(index))
    assert ensure_index(index, tmp_path / "no-corpus") == 3
    assert "format 1" in capsys.readouterr().err


@pytest.mark.parametrize("spec", ["ivf-sq8", "ivf-pq:4:8", "hnsw-sq8:16", "hnsw-flat:16"])
def test_every_approximate_kind_ranks_a_small_index_as_exact_search_does(spec):
    from indexer.vectors import exact_index
    from search_api.searcher import top_indices

    data = _clustered(1200, 64, seed=3)
    base, queries = data[:1000], data[1000:1040]
    exact = exact_index(base)
    params = ann.parse_spec(spec, len(base))
    approx = ann.build(base, params)
    # the searcher's procedure: a pool as big as the corpus, re-scored with the exact vectors
    ann.set_search_params(approx, {**params, "nprobe": params.get("nlist", 1), "ef": 1000})
    _, found = approx.search(queries, len(base))
    for q, rows in zip(queries, found):
        rows = rows[rows >= 0]
        cos = exact.reconstruct_batch(rows) @ q
        mine = rows[top_indices(cos, 10)]
        mine = mine[np.argsort(-(exact.reconstruct_batch(mine) @ q), kind="stable")]
        assert mine.tolist() == exact.search(q[None, :], 10)[1][0].tolist()


def test_approximate_parameters_follow_the_number_of_chunks():
    small, large = ann.params_for(50_000), ann.params_for(4_000_000)
    assert small["nlist"] * ann.TRAIN_PER_CELL <= 50_000      # every cell can be trained
    assert large["nlist"] > small["nlist"]                       # more chunks, more cells
    assert ann.params_for(10)["nlist"] == 1
    assert all(p["nprobe"] <= p["nlist"] for p in (small, large, ann.params_for(10)))
    with pytest.raises(ValueError, match="unknown approximate index"):
        ann.parse_spec("lsh", 1000)


def test_a_read_only_index_is_searched_through_its_memory_maps(tmp_path, fake_encoder, monkeypatch):
    import stat

    from tests.conftest import CORPUS

    index = tmp_path / "index"
    monkeypatch.setenv("MOU_SEARCH_ANN_MIN_CHUNKS", "1")
    build_index(CORPUS, index, fake_encoder)
    expected = Searcher(index, fake_encoder).search("MoU ลาว มีอายุกี่ปี", k=5).as_dict()
    paths = sorted(index.rglob("*"), key=lambda p: -len(p.parts))
    for p in paths + [index]:
        p.chmod(p.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:   # (root ignores the modes; the maps are read-only whoever runs it)
        searcher = Searcher(index, fake_encoder)
        assert searcher.search("MoU ลาว มีอายุกี่ปี", k=5).as_dict() == expected
        assert not searcher.index.sentence_vectors.array.flags.writeable
        with pytest.raises((TypeError, ValueError)):
            searcher.store.text[0:1] = b"x"
    finally:
        for p in [index] + paths[::-1]:
            p.chmod(p.stat().st_mode | stat.S_IWUSR)


def test_the_approximate_index_starts_at_100000_chunks_unless_told(monkeypatch):
    from indexer.build import ann_min_chunks

    monkeypatch.delenv("MOU_SEARCH_ANN_MIN_CHUNKS", raising=False)
    assert ann_min_chunks() == 100_000
    monkeypatch.setenv("MOU_SEARCH_ANN_MIN_CHUNKS", "0")
    assert ann_min_chunks() == 0


def test_int8_sentence_codes_keep_cosines_and_old_float16_files_load(tmp_path):
    from indexer.vectors import SentenceVectors, quantize_sentences

    rng = np.random.default_rng(7)
    exact = rng.normal(size=(500, 384)).astype(np.float32)
    exact /= np.linalg.norm(exact, axis=1, keepdims=True)
    query = exact[0] + 0.5 * exact[1]
    query /= np.linalg.norm(query)
    codes, scale = quantize_sentences(exact)
    assert codes.dtype == np.int8 and codes.nbytes == exact.nbytes // 4
    decoded = SentenceVectors(codes, scale)[:]
    assert np.abs(decoded @ query - exact @ query).max() < 0.002
    assert np.argsort(-(decoded @ query))[:2].tolist() == np.argsort(-(exact @ query))[:2].tolist()
    old = SentenceVectors(exact.astype(np.float16))           # what earlier versions wrote
    assert np.abs(old[[3, 4]] @ query - exact[[3, 4]] @ query).max() < 0.002
    with pytest.raises(ValueError, match="scale"):
        SentenceVectors(codes, None)
    with pytest.raises(ValueError, match="dtype"):
        SentenceVectors(codes.astype(np.int16))


def test_blob_reads_by_offset_as_bytes_slices(tmp_path):
    data = "บันทึกความเข้าใจ MoU 2565".encode("utf-8")
    (tmp_path / "blob.bin").write_bytes(data)
    blob = store.Blob(tmp_path / "blob.bin")
    assert len(blob) == len(data)
    for a, b in [(0, 3), (3, 30), (5, 5), (10, 10_000), (-6, None), (None, None)]:
        assert blob[a:b] == data[a:b]
    assert blob.read(3, 9).decode("utf-8") == "ันท"
    with pytest.raises(TypeError):
        blob[0:10:2]
    with pytest.raises(TypeError):
        blob[0] = 1
    with pytest.raises(OSError):
        blob.read(len(data) - 2, 10)        # past the end: a short file is damage, not data


def test_group_key_is_read_only_where_it_is_a_key():
    import json

    from indexer.store import _GROUP_KEY

    for meta in ({"doc_id": "a", "title": 'x","group":"evil', "group": 'g/ก"q\\'},
                 {"doc_id": "b", "title": "ไม่มี", "group": "b"}):
        for raw in (json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode(),
                    json.dumps(meta).encode()):   # older writers' spacing and escapes
            found = [json.loads(b'"' + m.group(1) + b'"') for m in _GROUP_KEY.finditer(raw)]
            assert found == [meta["group"]]


def test_chunk_vectors_are_read_by_offset_and_equal_faiss_decoding(tmp_path, fake_encoder):
    from tests.conftest import CORPUS

    build_index(CORPUS, tmp_path / "index", fake_encoder)
    index = Searcher(tmp_path / "index", fake_encoder).index
    vectors = index.chunk_vectors
    assert vectors._blob is not None          # pread, not the map: pages stay out of our RSS
    rows = np.arange(len(vectors))[::-1]
    assert np.array_equal(vectors[rows], index.faiss.reconstruct_batch(rows))
    assert np.array_equal(vectors[3], index.faiss.reconstruct(3))


def test_answer_kind_bits_are_built_once_and_an_index_without_them_still_serves(tmp_path, fake_encoder):
    from indexer.answer_kinds import KINDS, has_answer
    from tests.conftest import CORPUS

    index = tmp_path / "index"
    build_index(CORPUS, index, fake_encoder)
    version = index_files.current_version(index)
    built = Searcher(index, fake_encoder)
    rows = np.arange(built.store.n_chunks)
    texts = [built.store.chunk_text(int(r)) for r in rows]
    for kind in KINDS:
        assert built._typed(kind, rows).tolist() == [has_answer(kind, t) for t in texts]
    assert any(built._typed("duration", rows)) and not all(built._typed("duration", rows))
    # A version written before the bits: searches test the texts instead, with the same results,
    # and the next build writes them, nothing embedded again.
    (version / store.KINDS).unlink()
    manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
    del manifest["files"][store.KINDS], manifest["answer_kinds"]
    index_files.write_manifest(version, manifest)
    older = Searcher(index, fake_encoder)
    assert older.store.kinds is None
    for kind in KINDS:
        assert older._typed(kind, rows).tolist() == built._typed(kind, rows).tolist()
    again = build_index(CORPUS, index, fake_encoder)
    assert again.version is not None and again.embedded_texts == 0
    assert Searcher(index, fake_encoder).store.kinds is not None
