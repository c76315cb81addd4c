"""Shared fixtures: a small honest fake encoder for plumbing, the real model for retrieval."""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from indexer.encoders.base import Encoder, unit_rows  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


class FakeEncoder(Encoder):
    """Hashes character trigrams into 32 dimensions and counts every call.

    Deterministic and cheap; texts that share trigrams get similar vectors, which is all the
    plumbing tests need. It does not pretend to understand anything.
    """

    name = "fake-trigram-32"
    dim = 32

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def embed_batch(self, texts, kind):
        out = np.zeros((len(texts), self.dim), np.float32)
        for i, text in enumerate(texts):
            self.calls.append((kind, text))
            for j in range(max(1, len(text) - 2)):
                h = hashlib.blake2b(text[j:j + 3].encode(), digest_size=4).digest()
                out[i, int.from_bytes(h, "big") % self.dim] += 1.0
        out[:, 0] += 1e-3
        return unit_rows(out)


@pytest.fixture
def fake_encoder() -> FakeEncoder:
    return FakeEncoder()


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the bundled corpus."""
    dst = tmp_path / "corpus"
    shutil.copytree(CORPUS, dst)
    return dst


@pytest.fixture(scope="session")
def real_index(tmp_path_factory) -> Path:
    """The bundled corpus indexed once per test session with the real bundled model."""
    from indexer.build import build_index

    index_dir = tmp_path_factory.mktemp("real") / "index"
    build_index(CORPUS, index_dir)
    return index_dir


@pytest.fixture(scope="session")
def real_searcher(real_index):
    from search_api.searcher import Searcher

    return Searcher(real_index)


def build_pristine(tmp_path_factory, encoder) -> Path:
    """An index of the bundled corpus built once (per module fixture) with ``encoder``."""
    from indexer.build import build_index

    index = tmp_path_factory.mktemp("pristine") / "index"
    build_index(CORPUS, index, encoder)
    return index


def private_copy(pristine: Path, tmp_path: Path) -> Path:
    """A copy of ``pristine`` a test may damage."""
    shutil.copytree(pristine, tmp_path / "index", symlinks=True)
    return tmp_path / "index"
