"""Embedding on a Ray cluster gives the index a single process writes, byte for byte.

The cluster is local (2 CPUs, 127.0.0.1 only), started by the test. Without the
``distributed`` extra the Ray tests skip, saying so; the tests of the missing extra and of
what never imports Ray run either way.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest

from indexer import index_files
from indexer.build import build_index
from indexer.embedding import EMBED_BATCH, plan_batches
from indexer.vectors import read_vectors

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
NEW_DOC = """---
title: Thailand and Laos extend the digital MoU
date: 2025-03-01
lang: en
---
Thailand and Laos agreed on 1 March 2025 to extend their digital cooperation MoU for five more years.
ไทยและลาวตกลงขยายบันทึกความเข้าใจด้านดิจิทัลออกไปอีก 5 ปี
"""


@pytest.fixture(scope="module")
def ray_cluster():
    """A local Ray cluster on loopback; yields the address other processes connect to."""
    from indexer.distributed import LOOPBACK_ENV

    if "ray" not in sys.modules:
        os.environ.setdefault(LOOPBACK_ENV, "0")
    ray = pytest.importorskip("ray", reason="Ray is not installed: the 'distributed' extra "
                              "(pip install -c constraints.txt -e '.[distributed]')")
    pytest.importorskip("ray.data", reason="Ray Data is not installed (ray[data])")
    temp = tempfile.mkdtemp(prefix="ray")  # short: Ray's socket paths must fit in 107 bytes
    ray.init(num_cpus=2, include_dashboard=False, _temp_dir=temp, logging_level="ERROR",
             log_to_driver=False)
    try:
        address = ray.get_runtime_context().gcs_address
        assert address.startswith("127.0.0.1:"), address  # nothing listens beyond loopback
        yield address
    finally:
        ray.shutdown()
        shutil.rmtree(temp, ignore_errors=True)


def test_plan_covers_every_text_once_shortest_first_within_the_limits(fake_encoder):
    texts = [("ข้อความ " * (i % 7 + 1)) + f"text {i}" for i in range(2 * EMBED_BATCH + 5)]
    plan = plan_batches(fake_encoder, texts)
    assert sorted(i for batch in plan for i in batch) == list(range(len(texts)))
    assert all(len(b) <= EMBED_BATCH for b in plan)
    counts = [fake_encoder.count_tokens(texts[i]) for batch in plan for i in batch]
    assert counts == sorted(counts)  # similar lengths share a batch: little padding
    assert plan_batches(fake_encoder, []) == []


def _index_files(index_dir: Path):
    version = index_files.current_version(index_dir)
    manifest = index_files.read_manifest(version)  # verifies every checksum
    return version, manifest


@pytest.mark.model
def test_ray_build_is_byte_identical_and_incremental(real_index, ray_cluster, tmp_path):
    from indexer.distributed import RayEmbedder

    embedder = RayEmbedder(workers=2)
    summary = build_index(CORPUS, tmp_path / "index", embedder=embedder)
    # 5 documents: every chunk went to the cluster (sentences pooled from its pass there)
    assert summary.embedded_texts >= summary.chunks > 10
    assert embedder.used_workers == min(2, -(-summary.embedded_texts // EMBED_BATCH))

    single, single_manifest = _index_files(real_index)
    ray_version, ray_manifest = _index_files(tmp_path / "index")
    single_chunks, single_sentences = read_vectors(single, single_manifest["format_version"])
    ray_chunks, ray_sentences = read_vectors(ray_version, ray_manifest["format_version"])
    assert ray_chunks.tobytes() == single_chunks.tobytes()
    assert ray_sentences.tobytes() == single_sentences.tobytes()
    for name in ("chunks.jsonl", "documents.jsonl", "chunks.faiss", "sentence_vectors.npy"):
        assert ray_manifest["files"][name] == single_manifest["files"][name], name
    assert ray_manifest["counts"] == single_manifest["counts"]
    assert ray_manifest["encoder"] == single_manifest["encoder"]

    again = build_index(CORPUS, tmp_path / "index", embedder=RayEmbedder(workers=2))
    assert again.version is None and again.embedded_texts == 0

    # One new bilingual document: only its texts travel, and they embed as in one process.
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "005-en-extension.md").write_text(NEW_DOC, encoding="utf-8")
    grown = build_index(corpus, tmp_path / "index", embedder=RayEmbedder(workers=2))
    shutil.copytree(real_index, tmp_path / "single")
    alone = build_index(corpus, tmp_path / "single")  # the same update in this process
    assert alone.embedded_texts == grown.embedded_texts
    assert grown.added == ["005-en-extension.md"] and 0 < grown.embedded_texts < 10
    assert grown.embedded_tokens > 0
    grown_vectors = read_vectors(_index_files(tmp_path / "index")[0], 2)
    alone_vectors = read_vectors(_index_files(tmp_path / "single")[0], 2)
    assert all(a.tobytes() == b.tobytes() for a, b in zip(grown_vectors, alone_vectors))


def _cli(args, env_extra=None, timeout=240):
    env = dict(os.environ, PYTHONPATH=str(ROOT), MOU_SEARCH_TEST_ENCODERS="1",
               **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "search_api.cli", *args], capture_output=True,
                          text=True, env=env, timeout=timeout, cwd=ROOT)


def test_a_crashing_worker_fails_the_build_and_keeps_the_live_index(ray_cluster, tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(CORPUS, corpus)
    common = ["index", "--corpus", str(corpus), "--index", str(index), "--encoder",
              "test-trigram-32", "--quiet"]
    first = _cli(common)
    assert first.returncode == 0, first.stderr
    live = (index / "CURRENT").read_text()
    (corpus / "005-en-extension.md").write_text(NEW_DOC, encoding="utf-8")

    crashed = _cli(common + ["--ray-address", ray_cluster],
                   env_extra={"MOU_SEARCH_TEST_WORKER_CRASH": "1"})
    assert crashed.returncode == 3, crashed.stderr[-2000:]
    assert "Ray cluster failed" in crashed.stderr and "current index is unchanged" in crashed.stderr
    assert (index / "CURRENT").read_text() == live
    assert [p.name for p in (index / "versions").iterdir()] == [live.strip()]
    index_files.read_manifest(index_files.current_version(index))  # still whole

    ok = _cli(common + ["--ray-address", ray_cluster])
    assert ok.returncode == 0, ok.stderr[-2000:]
    assert "1 added" in ok.stdout and (index / "CURRENT").read_text() != live


def test_without_the_extra_ray_address_names_it(monkeypatch, tmp_path, capsys):
    from search_api.cli import main

    monkeypatch.setitem(sys.modules, "ray", None)  # as if Ray were not installed
    status = main(["index", "--corpus", str(CORPUS), "--index", str(tmp_path / "index"),
                   "--ray-address", "auto", "--quiet"])
    assert status == 3
    err = capsys.readouterr().err
    assert "'distributed' extra" in err and "[distributed]" in err
    assert not (tmp_path / "index").exists() or not any((tmp_path / "index").iterdir())


def test_help_and_the_server_never_import_ray():
    code = (
        "import sys, contextlib, io\n"
        "from search_api.cli import main\n"
        "for argv in (['--help'], ['index', '--help']):\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        try: main(argv)\n"
        "        except SystemExit: pass\n"
        "from search_api.app import create_app\n"
        "import search_api.serve_cli, search_api.service, indexer.build\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('ray', 'pyarrow', 'pandas'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", "import json\n" + code], capture_output=True,
                         text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
