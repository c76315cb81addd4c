"""The service under hostile input and overload: bounded bodies, a schema that tells the truth,
HEAD/OPTIONS, a reload watcher nothing can kill, bounded work in flight, updates on start.

Plumbing only, so the fake encoder: the retrieval itself is tested with the real model in
tests/test_api.py.
"""
from __future__ import annotations

import contextlib
import re
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings as hsettings, strategies as st

from indexer.build import build_index
from search_api import schemas
from search_api.app import create_app
from search_api.searcher import Searcher
from search_api.service import SearchService
from search_api.settings import Settings


def _service(index_dir: Path, encoder, wrap=None) -> SearchService:
    def factory(d):
        searcher = Searcher(d, encoder=encoder)
        return wrap(searcher) if wrap else searcher
    return SearchService(index_dir, searcher_factory=factory)


@pytest.fixture
def fake_index(tmp_path, corpus_copy, fake_encoder) -> Path:
    index = tmp_path / "index"
    build_index(corpus_copy, index, encoder=fake_encoder)
    return index


@pytest.fixture
def fake_client(fake_index, fake_encoder):
    app = create_app(Settings(index_dir=fake_index, reload_poll_seconds=0),
                     _service(fake_index, fake_encoder))
    with TestClient(app) as c:
        yield c


def _post(c, body: bytes):
    return c.post("/api/search", content=body, headers={"content-type": "application/json"})


# -- failure 4: no body or query string gives a 5xx -----------------------------------------
@pytest.mark.parametrize("body, words", [
    (b'{"q":"x","k":' + b"[" * 1000 + b"]" * 1000 + b"}", "nested 1001 deep"),
    (b'{"q":"x","k":' + b"1" * 5000 + b"}", "5000 digits"),
    (b'{"q":"x","k":-' + b"9" * 4400 + b"}", "digits"),
    (b'{"q":"x","k":1e400}', "out of range"),
    (b'{"q":"x","k":NaN}', "not JSON"),
    (b'{"q":"x","k":Infinity}', "not JSON"),
    ('{"q":"ลาว"}'.encode("utf-16"), "not UTF-8"),
    (b'{"q":"\xff"}', "not UTF-8"),
    (b'{"q":"x"', "not JSON"),
    (b"", "not JSON"),
    (b'"MoU"', "JSON object"),
    (b'{"q":' + b'{"a":' * 40 + b"1" + b"}" * 40 + b"}", "nested 41 deep"),
])
def test_hostile_bodies_are_422_with_a_message(fake_client, body, words):
    r = _post(fake_client, body)
    assert r.status_code == 422, (r.status_code, r.text[:200])
    assert words in r.json()["message"], r.json()


def test_brackets_inside_strings_are_not_nesting(fake_client):
    r = _post(fake_client, b'{"q":"' + b"[{" * 200 + b'\\" ]]"}')
    assert r.status_code == 200, r.text[:200]


@pytest.mark.parametrize("params", [{"q": "x", "k": "1" * 5000}, {"q": "x", "offset": "9" * 4400},
                                    {"q": "x", "k": "1e400"}, {"q": "%ff\x00"},
                                    {"q": "x", "date_from": "9" * 5000}])
def test_hostile_query_strings_are_4xx(fake_client, params):
    r = fake_client.get("/api/search", params=params)
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:200])


def test_unexpected_errors_are_json_not_a_traceback(fake_index, fake_encoder):
    class Broken:
        def __init__(self, searcher):
            self.index, self.search = searcher.index, searcher.search   # the warm-up works

        def broken(self, *a, **kw):
            raise KeyError("boom")

    app = create_app(Settings(index_dir=fake_index, reload_poll_seconds=0),
                     _service(fake_index, fake_encoder, wrap=Broken))
    with TestClient(app, raise_server_exceptions=False) as c:
        searcher = app.state.service.searcher
        searcher.search = searcher.broken
        r = c.get("/api/search", params={"q": "MoU"})
        assert r.status_code == 500 and r.json()["error"] == "internal_error" and "KeyError" in r.json()["message"]
        assert c.get("/api/metrics").json()["failed"] == 1


# -- failure 7: the schema is the truth ------------------------------------------------------
@pytest.mark.parametrize("body, field", [
    ({"q": "x", "k": True}, "k"), ({"q": "x", "offset": False}, "offset"), ({"q": "x", "k": "10"}, "k"),
    ({"q": "x", "k": 10.5}, "k"), ({"q": 5}, "q"), ({"q": "x", "mode": 1}, "mode"),
    ({"q": "x", "lang": "fr"}, "lang"), ({"q": "x", "date_from": 2017}, "date_from"),
])
def test_types_are_strict_in_bodies(fake_client, body, field):
    r = fake_client.post("/api/search", json=body)
    assert r.status_code == 422 and field in r.json()["message"], r.text


def test_what_the_schema_allows_is_accepted(fake_client):
    for body in ({"q": "x", "k": 10.0}, {"q": "x", "lang": ""}, {"q": "x", "date_from": "", "party": " "},
                 {"q": "x", "date_to": "2023-02-29"}, {"q": "x", "date_from": "๒๕๖๐"},
                 {"q": "x", "date_from": "9999", "date_to": "9999-12"}, {"q": "x", "date_from": "0000"},
                 {"q": "x", "k": 100, "offset": 1000}, {"q": "a\tb\nc"}):
        r = fake_client.post("/api/search", json=body)
        assert r.status_code == 200, (body, r.text)


def test_openapi_documents_statuses_and_limits(fake_index, fake_encoder):
    app = create_app(Settings(index_dir=fake_index, max_k=50, max_query_chars=300, max_offset=200),
                     _service(fake_index, fake_encoder))
    spec = TestClient(app).get("/openapi.json").json()
    post = spec["paths"]["/api/search"]["post"]
    assert {"200", "413", "422", "503"} <= set(post["responses"])
    assert "Retry-After" in post["responses"]["503"]["headers"]
    body = post["requestBody"]["content"]["application/json"]["schema"]
    props = body["properties"]
    assert body["additionalProperties"] is False and body["required"] == ["q"]
    assert (props["q"]["minLength"], props["q"]["maxLength"]) == (1, 300) and props["q"]["pattern"]
    assert (props["k"]["minimum"], props["k"]["maximum"]) == (1, 50)
    assert (props["offset"]["minimum"], props["offset"]["maximum"]) == (0, 200)
    assert props["mode"]["enum"] == ["hybrid", "dense", "lexical"]
    assert props["party"]["maxLength"] == 100
    for name in ("date_from", "date_to"):
        assert props[name]["pattern"] == schemas.DATE_PATTERN
    get = spec["paths"]["/api/search"]["get"]
    params = {p["name"]: p["schema"] for p in get["parameters"]}
    assert params["k"]["maximum"] == 50 and params["q"]["maxLength"] == 300
    assert {"200", "422", "503"} <= set(get["responses"])
    assert "/api/metrics" in spec["paths"]
    ready = spec["components"]["schemas"]["ReadyResponse"]["properties"]
    assert {"last_reload_error", "last_reload_error_at"} <= set(ready)


def _ecma(pattern: str) -> re.Pattern:
    """A schema pattern as JSON Schema (ECMA-262) reads it: ``$`` is the end of the text only
    (Python's also matches before a final newline)."""
    assert pattern.endswith("$")
    return re.compile(pattern[:-1] + r"\Z")


_QUERY = _ecma(schemas.QUERY_PATTERN)
_DATE = _ecma(schemas.DATE_PATTERN)


@hsettings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("a ก\t\n\r\x00\x1b\x7f\x85\u3000\u2028\ufeff"), max_size=6))
def test_query_pattern_and_validator_agree(text):
    body, _ = schemas.search_models(schemas.Limits())
    try:
        body.model_validate({"q": text})
        accepted = True
    except ValueError:
        accepted = False
    assert accepted == bool(_QUERY.search(text) and len(text) >= 1), repr(text)


@hsettings(max_examples=300, deadline=None)
@given(st.from_regex(r"\A *[0-9]{4}(-[0-9]{1,2}(-[0-9]{1,2})?)? *\Z") | st.text(max_size=12))
def test_date_pattern_and_validator_agree(text):
    body, _ = schemas.search_models(schemas.Limits())
    try:
        body.model_validate({"q": "x", "date_from": text})
        accepted = True
    except ValueError:
        accepted = False
    assert accepted == bool(_DATE.search(text)), repr(text)


def test_options_head_and_405_list_every_method(fake_client):
    r = fake_client.options("/api/search")
    assert r.status_code == 204 and r.headers["allow"] == "GET, HEAD, OPTIONS, POST"
    r = fake_client.put("/api/search", json={"q": "x"})
    assert r.status_code == 405 and r.headers["allow"] == "GET, HEAD, OPTIONS, POST"
    assert r.json()["error"] == "method_not_allowed"
    get = fake_client.get("/api/search", params={"q": "MoU"})
    head = fake_client.head("/api/search", params={"q": "MoU"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    for path in ("/api/health", "/api/ready", "/api/metrics", "/", "/static/app.js",
                 "/api/documents/000-en-thailand-laos-digital-mou-2022.md"):
        assert fake_client.head(path).status_code == 200, path
        assert "GET" in fake_client.options(path).headers["allow"], path
    r = fake_client.options("/api/admin/reload")
    assert r.headers["allow"] == "OPTIONS, POST"
    assert fake_client.head("/api/admin/reload").status_code == 405
    assert fake_client.options("/no/such/path").status_code == 404


# -- failure 2: the watcher survives anything and reports it --------------------------------
def _wait(predicate, timeout=10.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_watcher_survives_any_current_and_loads_a_later_valid_one(fake_index, fake_encoder,
                                                                 corpus_copy):
    app = create_app(Settings(index_dir=fake_index, reload_poll_seconds=0.05),
                     _service(fake_index, fake_encoder))
    current = fake_index / "CURRENT"
    with TestClient(app) as c:
        first = c.get("/api/ready").json()["version"]
        (corpus_copy / "extra.md").write_text("Extra agreement\nThailand and Japan sign a MoU.\n",
                                              encoding="utf-8")
        build_index(corpus_copy, fake_index, encoder=fake_encoder)
        second = current.read_text().strip()
        assert _wait(lambda: c.get("/api/ready").json()["version"] == second)

        for junk in (b"\xff\xfe\n", "ชื่อ".encode("utf-16"), b"", b"../../etc\n", b"x" * 300):
            current.write_bytes(junk)
            assert _wait(lambda: c.get("/api/ready").json()["last_reload_error"]), junk
            ready = c.get("/api/ready").json()
            assert ready["version"] == second and ready["last_reload_error_at"]
            assert "\n" not in ready["last_reload_error"] and len(ready["last_reload_error"]) <= 300
            current.write_text(second + "\n")           # sound again: the error clears
            assert _wait(lambda: c.get("/api/ready").json()["last_reload_error"] is None), junk

        current.unlink()
        current.mkdir()                                 # a directory where CURRENT should be
        assert _wait(lambda: "cannot read" in (c.get("/api/ready").json()["last_reload_error"] or ""))
        current.rmdir()
        current.write_text(first + "\n")                # a later valid CURRENT is loaded
        assert _wait(lambda: c.get("/api/ready").json()["version"] == first)
        ready = c.get("/api/ready").json()
        assert ready["last_reload_error"] is None and ready["reload_poll_seconds"] == 0.05
        assert c.get("/api/search", params={"q": "MoU"}).json()["hits"]


def test_the_default_poll_makes_new_builds_reach_the_server():
    assert 0 < Settings().reload_poll_seconds <= 5


# -- failure 9: an empty index answers, the corpus is brought up to date on start -----------
def test_an_empty_index_answers_with_no_hits(tmp_path, fake_encoder):
    (tmp_path / "corpus").mkdir()
    build_index(tmp_path / "corpus", tmp_path / "index", encoder=fake_encoder)
    app = create_app(Settings(index_dir=tmp_path / "index"), _service(tmp_path / "index", fake_encoder))
    with TestClient(app) as c:
        assert c.get("/api/ready").json()["chunks"] == 0
        for mode in ("hybrid", "dense", "lexical"):
            r = c.get("/api/search", params={"q": "MoU ลาว", "mode": mode, "offset": 5})
            assert r.status_code == 200 and r.json()["hits"] == [] and r.json()["total"] == 0
        assert c.post("/api/search", json={"q": "MoU", "lang": "th"}).json()["hits"] == []


def test_serve_start_indexes_a_changed_corpus(tmp_path, corpus_copy, monkeypatch, capsys):
    from indexer import index_files
    from search_api.serve_cli import ensure_index

    monkeypatch.setenv("MOU_SEARCH_TEST_ENCODERS", "1")
    index = tmp_path / "index"
    build_index(corpus_copy, index, encoder="test-trigram-32")
    first = index_files.current_version(index).name
    assert ensure_index(index, corpus_copy) == 0
    assert "up to date" in capsys.readouterr().err and index_files.current_version(index).name == first

    (corpus_copy / "new.md").write_text("New agreement\nThailand and Laos sign a new MoU.\n", encoding="utf-8")
    assert ensure_index(index, corpus_copy, update=False) == 0          # --no-update
    assert index_files.current_version(index).name == first
    assert ensure_index(index, corpus_copy) == 0
    err = capsys.readouterr().err
    assert "1 added" in err
    live = index_files.current_version(index)
    assert live.name != first and "new.md" in (live / "documents.jsonl").read_text(encoding="utf-8")
    manifest = (live / "manifest.json").read_text(encoding="utf-8")
    assert "test-trigram-32" in manifest                                # the live index's encoder

    other = tmp_path / "other-corpus"                                   # never replaced implicitly
    other.mkdir()
    (other / "a.md").write_text("Another\nSomething else entirely.\n", encoding="utf-8")
    assert ensure_index(index, other) == 0
    assert "was built from" in capsys.readouterr().err
    assert index_files.current_version(index) == live


# -- overload: bounded work in flight --------------------------------------------------------
class Gate:
    """Wraps a Searcher so that searches block until the test opens the gate."""

    def __init__(self, searcher) -> None:
        self._searcher, self.index = searcher, searcher.index
        self.open = threading.Event()
        self.open.set()                 # open for the warm-up query of the load
        self.calls = 0

    def __getattr__(self, name):
        return getattr(self._searcher, name)

    def search(self, *a, **kw):
        self.calls += 1
        self.open.wait(10)
        return self._searcher.search(*a, **kw)


@contextlib.contextmanager
def gated_client(index, encoder, **limits):
    """A client of an app whose searches wait for the test to open the gate (closed at start)."""
    gates: list[Gate] = []

    def wrap(searcher):
        gates.append(Gate(searcher))
        return gates[-1]

    app = create_app(Settings(index_dir=index, reload_poll_seconds=0, **limits),
                     _service(index, encoder, wrap))
    with TestClient(app) as c:
        gate = gates[-1]
        gate.calls = 0
        gate.open.clear()
        yield c, gate
        gate.open.set()


def test_beyond_the_queue_searches_are_refused_at_once(fake_index, fake_encoder):
    with gated_client(fake_index, fake_encoder, max_concurrent=1, max_queue=1,
                      search_timeout_ms=60_000) as (c, gate):
        answers: list[int] = []
        threads = [threading.Thread(target=lambda: answers.append(
            c.get("/api/search", params={"q": "MoU"}).status_code)) for _ in range(2)]
        threads[0].start()
        assert _wait(lambda: c.get("/api/metrics").json()["in_flight"] == 1)
        threads[1].start()
        assert _wait(lambda: c.get("/api/metrics").json()["queued"] == 1)
        r = c.get("/api/search", params={"q": "MoU"})          # one running, one queued: refused
        assert r.status_code == 503 and r.json()["error"] == "overloaded"
        assert r.headers["retry-after"] == "1"
        r = c.post("/api/search", json={"q": "MoU"})
        assert r.status_code == 503
        # refused before the body is read or validated: a refusal costs next to nothing
        r = c.post("/api/search", content=b'{"q": [[[[', headers={"content-type": "application/json"})
        assert r.status_code == 503 and r.json()["error"] == "overloaded" and r.headers["retry-after"] == "1"
        assert c.get("/api/health").status_code == 200   # other routes are not shed
        m = c.get("/api/metrics").json()
        assert (m["in_flight"], m["queued"], m["rejected"], m["max_concurrent"], m["max_queue"]) == (1, 1, 3, 1, 1)
        gate.open.set()
        for t in threads:
            t.join()
        assert answers == [200, 200] and gate.calls == 2
        m = c.get("/api/metrics").json()
        assert (m["in_flight"], m["queued"], m["completed"], m["timed_out"]) == (0, 0, 2, 0)


def test_a_search_past_its_deadline_is_503_and_a_queued_one_is_never_computed(fake_index, fake_encoder):
    with gated_client(fake_index, fake_encoder, max_concurrent=1, max_queue=4,
                      search_timeout_ms=300) as (c, gate):
        answers: list = []
        threads = [threading.Thread(target=lambda: answers.append(
            c.get("/api/search", params={"q": "MoU"}))) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(r.status_code for r in answers) == [503, 503, 503]
        assert {r.json()["error"] for r in answers} == {"timeout"}
        assert gate.calls == 1                        # the two queued ones were never computed
        m = c.get("/api/metrics").json()
        assert m["timed_out"] == 3 and m["in_flight"] == 1    # the first still holds its thread
        gate.open.set()
        assert _wait(lambda: c.get("/api/metrics").json()["in_flight"] == 0)
        assert c.get("/api/search", params={"q": "MoU"}).status_code == 200


def test_a_path_no_route_matches_answers_in_the_error_shape(fake_client):
    # found by eval/fuzz_api.py: a document id holding a newline matched no route, and
    # Starlette answered {"detail": "Not Found"}, which the documented 404 schema does not allow
    r = fake_client.get("/api/documents/a%0Ab")
    assert r.status_code == 404
    body = r.json()
    assert body["error"] == "not_found" and body["message"] and "\n" not in body["message"]
