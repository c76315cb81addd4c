"""Damaged index metadata is exit 3 with one line (503 in the server), never a traceback; an
unchanged build verifies the live version and rebuilds what is damaged; an empty corpus is said.

The commands run in-process through ``search_api.cli.main`` with the test encoder, so a
traceback shows up here as an exception escaping ``main``.
"""
from __future__ import annotations

import json

import pytest

from indexer import index_files
from indexer.encoders.testing import TrigramTestEncoder
from search_api.cli import main
from search_api.searcher import Searcher

QUERY = "Laos digital MoU"


@pytest.fixture(autouse=True)
def _test_encoders(monkeypatch):
    monkeypatch.setenv("MOU_SEARCH_TEST_ENCODERS", "1")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    from tests.conftest import build_pristine

    return build_pristine(tmp_path_factory, TrigramTestEncoder())


@pytest.fixture
def index(pristine, tmp_path):
    from tests.conftest import private_copy

    return private_copy(pristine, tmp_path)


def search(index, capsys, *extra) -> tuple[int, str, str]:
    code = main(["search", QUERY, "--index", str(index), "--json", *extra])
    out = capsys.readouterr()
    return code, out.out, out.err


def index_cmd(corpus, index, capsys, *extra) -> tuple[int, str, str]:
    code = main(["index", "--corpus", str(corpus), "--index", str(index), "--encoder",
                 "test-trigram-32", "--quiet", *extra])
    out = capsys.readouterr()
    return code, out.out, out.err


def assert_refused(index, capsys, reason: str) -> None:
    code, out, err = search(index, capsys)
    assert code == 3 and out == ""
    assert err.count("\n") == 1 and err.startswith("mou-search: ") and reason in err, err


# -- CURRENT -----------------------------------------------------------------------------------

@pytest.mark.parametrize("content, reason", [
    (b"\xff\xfe\n", "not an ASCII name"),
    ("20260101T000000-abcdef12\n".encode("utf-16"), "not an ASCII name"),
    (b"x" * 300, "does not name a version"),
    (b"", "does not name a version"),
    (b"../../etc\n", "does not name a version"),
    (b"manifest.json\n", "which is not a version folder"),
])
def test_damaged_current_is_exit_3_with_one_line(index, capsys, content, reason):
    (index / "CURRENT").write_bytes(content)
    assert_refused(index, capsys, reason)


def test_current_that_is_a_directory_or_names_a_plain_file(index, capsys):
    (index / "versions" / "plain").write_text("not a version")
    (index / "CURRENT").write_text("plain\n")
    assert_refused(index, capsys, "CURRENT names plain, which is not a version folder")
    (index / "CURRENT").unlink()
    (index / "CURRENT").mkdir()
    assert_refused(index, capsys, "CURRENT cannot be read")


def test_index_repairs_an_empty_current(index, capsys):
    from tests.conftest import CORPUS

    _, before, _ = search(index, capsys)
    (index / "CURRENT").write_bytes(b"")
    code, out, err = index_cmd(CORPUS, index, capsys)
    assert code == 0, err
    assert "repaired:" in err and "CURRENT does not name a version" in err
    assert "embedded 0 texts" in out  # everything reused from the newest version
    assert search(index, capsys) == (0, before, "")


# -- the manifest ------------------------------------------------------------------------------

def _edit_manifest(index, edit, rewrite_digest: bool) -> None:
    version = index_files.current_version(index)
    manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
    edit(manifest)
    if rewrite_digest:
        index_files.write_manifest(version, manifest)
    else:
        (version / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def _rename(container: str | None, old: str, new: str):
    def edit(m):
        target = m if container is None else m[container]
        if container == "files":
            target = target["chunks.faiss"]
        target[new] = target.pop(old)
    return edit


RENAMES = {"encoder": _rename(None, "encoder", "encodr"), "name": _rename("encoder", "name", "nme"),
           "dim": _rename("encoder", "dim", "dimension"), "sha256": _rename("files", "sha256", "sha"),
           "bytes": _rename("files", "bytes", "size")}


@pytest.mark.parametrize("key", sorted(RENAMES))
@pytest.mark.parametrize("rewrite_digest", [False, True], ids=["digest-stale", "digest-rewritten"])
def test_renamed_manifest_key_is_exit_3(index, capsys, key, rewrite_digest):
    _edit_manifest(index, RENAMES[key], rewrite_digest)
    assert_refused(index, capsys, "manifest.json" if rewrite_digest else "manifest.json is corrupt")


def test_unknown_encoder_name_in_the_manifest_is_exit_3(index, capsys):
    def typo(m):
        m["encoder"]["name"] = "e5-smal-q4"
    _edit_manifest(index, typo, rewrite_digest=True)
    assert_refused(index, capsys, "names encoder 'e5-smal-q4', which is not available")


def test_missing_manifest_digest_is_exit_3(index, capsys):
    (index_files.current_version(index) / "manifest.sha256").unlink()
    assert_refused(index, capsys, "manifest.sha256 is missing")


def test_server_answers_503_with_the_reason(index):
    from fastapi.testclient import TestClient

    from search_api.app import create_app
    from search_api.service import SearchService
    from search_api.settings import Settings

    _edit_manifest(index, RENAMES["dim"], rewrite_digest=True)
    service = SearchService(index)
    service.reload()
    client = TestClient(create_app(Settings(index_dir=index), service))
    response = client.get("/api/search", params={"q": QUERY})
    assert response.status_code == 503
    message = response.json()["message"]
    assert "manifest.json" in message and "\n" not in message


# -- an unchanged corpus over a damaged live version ---------------------------------------

def _damage(index, filename, how):
    path = index_files.current_version(index) / filename
    if how == "delete":
        path.unlink()
    elif how == "truncate":
        path.write_bytes(path.read_bytes()[:len(path.read_bytes()) // 2])
    else:
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data))


def _distinct_texts(index) -> dict[str, int]:
    """How many distinct texts were embedded for chunks, and for sentences not also a chunk."""
    version = index_files.current_version(index)
    chunk_keys = {c["embed_key"] for c in index_files.read_jsonl(version / "chunks.jsonl")}
    sentence_keys = {k for d in index_files.read_jsonl(version / "documents.jsonl")
                     for k in d["sentence_keys"]}
    return {"chunks": len(chunk_keys), "sentences": len(sentence_keys - chunk_keys), "nothing": 0}


@pytest.mark.parametrize("filename, how, embeds", [
    ("chunks.faiss", "flip", "chunks"),
    ("sentence_vectors.npy", "delete", "sentences"),
    ("bm25_vocab.json", "truncate", "nothing"),
    ("manifest.sha256", "delete", "nothing"),
])
def test_unchanged_build_verifies_and_rebuilds_what_is_damaged(index, capsys, filename, how, embeds):
    from tests.conftest import CORPUS

    _, before, _ = search(index, capsys)
    texts = _distinct_texts(index)
    _damage(index, filename, how)
    code, out, err = index_cmd(CORPUS, index, capsys)
    assert code == 0, err
    assert f"repaired: version" in err and filename in err
    assert f"embedded {texts[embeds]} texts" in out  # only what was lost
    assert "0 added, 0 updated, 0 removed, 5 unchanged" in out
    assert search(index, capsys) == (0, before, "")
    code, out, _ = index_cmd(CORPUS, index, capsys)  # and now it is up to date, verified
    assert code == 0 and "index already up to date (verified)" in out


# -- an empty corpus ---------------------------------------------------------------------------

def test_empty_corpus_is_said_and_its_index_answers_nothing(tmp_path, capsys):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    code, out, err = index_cmd(corpus, index, capsys)
    assert code == 0 and "holds no documents" in err and "0 documents" in out
    code, out, err = search(index, capsys)
    assert code == 0 and json.loads(out)["results"] == []
    assert "holds no documents" in err
    assert Searcher(index).search(QUERY).results == []
    code, _, err = index_cmd(corpus, tmp_path / "strict", capsys, "--strict")
    assert code == 3 and "holds no documents" in err
