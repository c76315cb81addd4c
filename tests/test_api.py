"""The HTTP API: answers on the real corpus, input limits, documents, readiness, reload, CORS."""
from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from indexer.analysis import analyze
from indexer.build import build_index
from search_api.app import create_app
from search_api.searcher import Searcher
from search_api.service import SearchService
from search_api.settings import Settings

LAOS_EN = "five years with an automatic extension of three years"
LAOS_TH = ("5", "ปี", "ขยายเวลาอัตโนมัติออกไปอีก", "3")
ADMIN_KEY = "test-admin-key"


@pytest.fixture(scope="module")
def client(real_index):
    app = create_app(Settings(index_dir=real_index, cors_origins=["https://intranet.example.go.th"]))
    with TestClient(app) as c:
        yield c


LAOS_TH_TOTAL = "ระยะเวลา 8 ปี"   # the Thai headline of the same MoU: 5 years + 3 automatic


def _answers_laos(hit: dict) -> bool:
    text = " ".join(hit["text"].split())   # the seed text has no-break spaces around numbers
    answer = " ".join(hit["answer"]["text"].split())
    return (LAOS_EN in text or all(part in text for part in LAOS_TH) and "ขยายเวลาอัตโนมัติ" in text
            or hit["doc_id"].startswith("002-th-thailand-laos-mou-2022") and LAOS_TH_TOTAL in answer)


# -- answers ---------------------------------------------------------------------------------
@pytest.mark.model
@pytest.mark.parametrize("question", ["how long does the Laos MoU last", "MoU ไทย-ลาว มีอายุกี่ปี"])
def test_laos_duration_answer_is_first_or_second(client, question):
    r = client.get("/api/search", params={"q": question})
    assert r.status_code == 200, r.text
    hits = r.json()["hits"]
    assert any(_answers_laos(h) for h in hits[:2]), [h["answer"]["text"][:80] for h in hits[:3]]


@pytest.mark.model
def test_hit_has_cli_json_fields_and_highlights_point_at_query_words(client):
    body = client.get("/api/search", params={"q": "ความร่วมมือ ลาว", "k": 3}).json()
    assert body["query"] == "ความร่วมมือ ลาว" and body["total"] >= 3 and len(body["hits"]) == 3
    for hit in body["hits"]:
        for key in ("rank", "score", "doc_id", "chunk_id", "title", "date", "lang", "source", "text",
                    "answer", "scores"):
            assert key in hit
        a = hit["answer"]
        assert hit["text"][a["start"]:a["end"]] == a["text"]
        assert 0 <= hit["confidence"] <= 1 and hit["answer_confidence"] in ("low", "medium", "high")
        span = hit["answer_span"]
        if hit["answer_confidence"] == "low":
            assert span is None, "a low-confidence answer is not marked"
        else:
            assert hit["text"][span["start"]:span["end"]] == span["text"]
            assert hit["span_kind"] in ("span", "clause", "sentence", "list", "fact")
        assert set(hit["scores"]) == {"dense", "lexical", "fused"}
        assert hit["highlights"], "every passage of this query names ลาว or ความร่วมมือ"
        for h in hit["highlights"]:
            word = hit["text"][h["start"]:h["end"]]
            assert h["term"] in analyze(word), (word, h["term"])
    assert [h["rank"] for h in body["hits"]] == [1, 2, 3]


@pytest.mark.model
def test_post_gives_the_same_results_as_get(client):
    get = client.get("/api/search", params={"q": "Japan disaster", "k": 5, "lang": "en"}).json()
    post = client.post("/api/search", json={"q": "Japan disaster", "k": 5, "lang": "en"}).json()
    assert [h["chunk_id"] for h in get["hits"]] == [h["chunk_id"] for h in post["hits"]]


@pytest.mark.model
def test_paging_continues_the_ranking(client):
    # Hits below the confidence floor are not padded in, so a page may be short; the second
    # page is still the ranking's continuation, ranks included.
    full = client.get("/api/search", params={"q": "cooperation", "k": 6}).json()
    second = client.get("/api/search", params={"q": "cooperation", "k": 3, "offset": 3}).json()
    assert len(full["hits"]) >= 4 and second["total"] == full["total"]
    assert [h["chunk_id"] for h in second["hits"]] == [h["chunk_id"] for h in full["hits"][3:6]]
    assert [h["rank"] for h in second["hits"]] == list(range(4, 4 + len(second["hits"])))


@pytest.mark.model
@pytest.mark.parametrize("query", ["ลาว", "Laos", "MoU ไทย-ลาว", "🤝 MoU ลาว 🇹🇭", "ไทย–ลาว\tMoU",
                                   "ก" * 1000, "?!", "ๆๆๆ"])
def test_thai_english_mixed_and_emoji_queries_work(client, query):
    r = client.get("/api/search", params={"q": query})
    assert r.status_code == 200, r.text


# -- limits ----------------------------------------------------------------------------------
@pytest.mark.model
@pytest.mark.parametrize("params, field, words", [
    ({"q": ""}, "q", "empty"),
    ({"q": "   \t "}, "q", "empty"),
    ({"q": "x" * 1001}, "q", "limit is 1000"),
    ({"q": "MoU\x00ลาว"}, "q", "control character"),
    ({"q": "MoU\x1bลาว"}, "q", "control character"),
    ({"q": "MoU", "k": 0}, "k", "between 1 and 100"),
    ({"q": "MoU", "k": 101}, "k", "between 1 and 100"),
    ({"q": "MoU", "k": "ten"}, "k", "integer"),
    ({"q": "MoU", "offset": -1}, "offset", "greater than or equal"),
    ({"q": "MoU", "mode": "semantic"}, "mode", "hybrid"),
    ({"q": "MoU", "lang": "fr"}, "lang", "'th' or 'en'"),
    ({"q": "MoU", "date_from": "last year"}, "date_from", "YYYY"),
    ({"q": "MoU", "date_to": "2017-02-30"}, "date_to", "not a valid date"),
    ({"q": "MoU", "date_from": "2024", "date_to": "2020"}, "", "after date_to"),
    ({"q": "MoU", "party": "L" * 101}, "party", "longer than 100"),
])
def test_bad_input_is_422_with_a_message(client, params, field, words):
    for r in (client.get("/api/search", params=params), client.post("/api/search", json=params)):
        assert r.status_code == 422, (params, r.status_code, r.text)
        body = r.json()
        assert words in body["message"], body
        if field:
            assert body["message"].startswith(field) or any(field in d["loc"] for d in body["detail"])


@pytest.mark.model
def test_missing_query_and_bad_bodies(client):
    assert client.get("/api/search").status_code == 422
    r = client.post("/api/search", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and "not JSON" in r.json()["message"]
    r = client.post("/api/search", json=["MoU"])
    assert r.status_code == 422 and "JSON object" in r.json()["message"]
    r = client.post("/api/search", json={"q": "MoU", "kk": 3})
    assert r.status_code == 422 and "kk" in r.json()["message"]
    r = client.post("/api/search", content='{"q": "\\ud800"}', headers={"content-type": "application/json"})
    assert r.status_code == 422 and "control character" in r.json()["message"]


@pytest.mark.model
def test_request_body_size_is_limited(client):
    big = b'{"q": "' + b"a" * 20_000 + b'"}'
    r = client.post("/api/search", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "larger than" in r.json()["message"]

    def chunked():                       # no Content-Length: counted while reading
        yield b'{"q": "'
        for _ in range(40):
            yield b"a" * 1000
        yield b'"}'

    r = client.post("/api/search", content=chunked(), headers={"content-type": "application/json"})
    assert r.status_code == 413


# -- filters ---------------------------------------------------------------------------------
@pytest.mark.model
def test_filters_narrow_results(client):
    def search(**extra):
        return client.get("/api/search", params={"q": "MoU cooperation ความร่วมมือ", "k": 100, **extra}).json()

    everything = search()
    langs = {h["lang"] for h in everything["hits"]}
    assert langs == {"th", "en"}
    english = search(lang="en")
    assert english["hits"] and {h["lang"] for h in english["hits"]} == {"en"}
    assert english["total"] < everything["total"]

    recent = search(date_from="2025")
    assert recent["hits"] and all(h["date"] >= "2025" for h in recent["hits"])
    thai_era = search(date_from="2568")          # Buddhist Era year: the same filter
    assert [h["chunk_id"] for h in thai_era["hits"]] == [h["chunk_id"] for h in recent["hits"]]

    in_2017 = search(date_from="2017", date_to="2017")   # the 2017 document carries the year only
    assert in_2017["hits"] and {h["date"] for h in in_2017["hits"]} == {"2017"}

    for party in ("Japan", "ญี่ปุ่น"):
        japan = search(party=party)
        assert japan["hits"] and all("Japan" in h["parties"] for h in japan["hits"]), party
        assert japan["total"] < everything["total"]

    nothing = search(lang="en", date_from="2017", date_to="2017")
    assert nothing["total"] == 0 and nothing["hits"] == []


# -- documents -------------------------------------------------------------------------------
@pytest.mark.model
def test_document_and_unknown_document(client):
    hit = client.get("/api/search", params={"q": "ASEAN TELMIN", "k": 1}).json()["hits"][0]
    doc = client.get(f"/api/documents/{hit['doc_id']}").json()
    assert doc["text"][hit["doc_start"]:hit["doc_end"]] == hit["text"]
    assert hit["chunk_id"] in {c["chunk_id"] for c in doc["chunks"]}
    assert doc["title"] == hit["title"] and doc["lang"] == hit["lang"]

    r = client.get("/api/documents/iapp/no-such-document.txt")
    assert r.status_code == 404
    assert r.json() == {"error": "not_found", "doc_id": "iapp/no-such-document.txt",
                        "message": "no document with id 'iapp/no-such-document.txt'"}


# -- service ---------------------------------------------------------------------------------
@pytest.mark.model
def test_health_ready_docs_and_page(client, real_index):
    assert client.get("/api/health").json() == {"status": "ok"}
    ready = client.get("/api/ready").json()
    assert ready["status"] == "ready" and ready["documents"] == 5 and ready["chunks"] > 5
    assert ready["encoder"] == {"name": "e5-small-q4", "dim": 384}
    assert ready["version"] == (real_index / "CURRENT").read_text().strip()
    assert client.get("/docs").status_code == 200
    assert "/api/search" in client.get("/openapi.json").json()["paths"]
    page = client.get("/")
    assert page.status_code == 200 and "ค้นหา" in page.text and "Search" in page.text
    assert "frame-ancestors 'self' https://intranet.example.go.th" in page.headers["content-security-policy"]
    assert client.get("/doc/some/doc.txt").text == page.text
    assert client.get("/static/embed.js").status_code == 200


@pytest.mark.model
def test_cors_only_for_allowed_origins(client, real_index):
    allowed = "https://intranet.example.go.th"
    r = client.get("/api/search", params={"q": "MoU"}, headers={"Origin": allowed})
    assert r.headers["access-control-allow-origin"] == allowed
    r = client.options("/api/search", headers={"Origin": allowed, "Access-Control-Request-Method": "POST",
                                               "Access-Control-Request-Headers": "content-type"})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == allowed
    for evil in ("https://evil.example", "null", "https://intranet.example.go.th.evil.example"):
        r = client.get("/api/search", params={"q": "MoU"}, headers={"Origin": evil})
        assert "access-control-allow-origin" not in r.headers, evil
        r = client.options("/api/search", headers={"Origin": evil, "Access-Control-Request-Method": "GET"})
        assert "access-control-allow-origin" not in r.headers, evil
    # Not configured: no CORS headers at all.
    with TestClient(create_app(Settings(index_dir=real_index))) as plain:
        r = plain.get("/api/health", headers={"Origin": allowed})
        assert "access-control-allow-origin" not in r.headers


def test_settings_refuse_wildcard_origins_and_read_a_list(monkeypatch):
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="explicit allow-list"):
        Settings(cors_origins=["*"])
    monkeypatch.setenv("MOU_SEARCH_CORS_ORIGINS", "https://a.example, http://b.example:8080")
    monkeypatch.setenv("MOU_SEARCH_MAX_K", "50")
    s = Settings()
    assert s.cors_origins == ["https://a.example", "http://b.example:8080"] and s.max_k == 50


# -- readiness and reload, on small indexes built with the fake encoder ----------------------
def _fake_service(index_dir: Path, encoder) -> SearchService:
    return SearchService(index_dir, searcher_factory=lambda d: Searcher(d, encoder=encoder))


def _fake_client(index_dir, encoder, **settings):
    settings = Settings(index_dir=index_dir, admin_api_key=ADMIN_KEY, **settings)
    return TestClient(create_app(settings, _fake_service(index_dir, encoder)))


def test_ready_is_503_until_an_index_is_loaded_then_reload(tmp_path, corpus_copy, fake_encoder):
    index = tmp_path / "index"
    with _fake_client(index, fake_encoder) as c:
        assert c.get("/api/health").status_code == 200
        r = c.get("/api/ready")
        assert r.status_code == 503 and "mou-search index" in r.json()["message"]
        r = c.get("/api/search", params={"q": "MoU"})
        assert r.status_code == 503 and r.json()["error"] == "not_ready"

        build_index(corpus_copy, index, encoder=fake_encoder)
        assert c.post("/api/admin/reload").status_code == 401
        assert c.post("/api/admin/reload", headers={"X-API-Key": "wrong"}).status_code == 401
        r = c.post("/api/admin/reload", headers={"X-API-Key": ADMIN_KEY})
        assert r.status_code == 200 and r.json()["reloaded"] is True
        assert c.get("/api/ready").json()["documents"] == 5
        assert c.get("/api/search", params={"q": "MoU"}).json()["hits"]
        r = c.post("/api/admin/reload", headers={"X-API-Key": ADMIN_KEY})
        assert r.json()["reloaded"] is False and "already serving" in r.json()["message"]


def test_admin_is_off_without_a_key(tmp_path, corpus_copy, fake_encoder):
    index = tmp_path / "index"
    build_index(corpus_copy, index, encoder=fake_encoder)
    app = create_app(Settings(index_dir=index), _fake_service(index, fake_encoder))
    with TestClient(app) as c:
        r = c.post("/api/admin/reload", headers={"X-API-Key": ""})
        assert r.status_code == 404 and "MOU_SEARCH_ADMIN_API_KEY" in r.json()["message"]


def test_document_ids_with_slashes(tmp_path, corpus_copy, fake_encoder):
    (corpus_copy / "iapp").mkdir()
    (corpus_copy / "iapp" / "abc def.txt").write_text("บันทึกความเข้าใจ ทดสอบ\nข้อความ <b>ไม่</b> ใช่ HTML",
                                                      encoding="utf-8")
    index = tmp_path / "index"
    build_index(corpus_copy, index, encoder=fake_encoder)
    with _fake_client(index, fake_encoder) as c:
        doc = c.get("/api/documents/iapp/abc%20def.txt").json()
        assert doc["doc_id"] == "iapp/abc def.txt" and "<b>ไม่</b>" in doc["text"]


def _add_document(corpus: Path, name: str) -> None:
    (corpus / name).write_text(f"Extra agreement {name}\nThailand and Japan sign a new MoU on {name}.\n",
                               encoding="utf-8")


def test_concurrent_searches_during_reloads_all_succeed(tmp_path, corpus_copy, fake_encoder):
    index = tmp_path / "index"
    build_index(corpus_copy, index, encoder=fake_encoder)
    with _fake_client(index, fake_encoder) as c:
        first = c.get("/api/ready").json()["version"]
        failures: list[str] = []
        done = threading.Event()
        counts = {"n": 0}

        def hammer():
            queries = ["MoU Laos", "ความร่วมมือ ญี่ปุ่น", "digital economy", "ขยายเวลา 3 ปี"]
            i = 0
            while not done.is_set():
                r = c.get("/api/search", params={"q": queries[i % 4], "k": 5})
                i += 1
                if r.status_code != 200 or not r.json()["hits"]:
                    failures.append(f"{r.status_code} {r.text[:200]}")
                counts["n"] += 1

        threads = [threading.Thread(target=hammer) for _ in range(4)]
        for t in threads:
            t.start()
        versions = {first}
        for n in range(3):
            _add_document(corpus_copy, f"extra-{n}.md")
            build_index(corpus_copy, index, encoder=fake_encoder)
            r = c.post("/api/admin/reload", headers={"X-API-Key": ADMIN_KEY})
            assert r.status_code == 200 and r.json()["reloaded"], r.text
            versions.add(r.json()["version"])
        time.sleep(0.2)
        done.set()
        for t in threads:
            t.join()
        assert not failures, failures[:3]
        assert counts["n"] > 10 and len(versions) == 4
        assert c.get("/api/ready").json()["documents"] == 8


def test_a_corrupt_new_version_keeps_the_old_one_serving(tmp_path, corpus_copy, fake_encoder):
    index = tmp_path / "index"
    build_index(corpus_copy, index, encoder=fake_encoder)
    with _fake_client(index, fake_encoder) as c:
        good = c.get("/api/ready").json()["version"]
        _add_document(corpus_copy, "extra.md")
        build_index(corpus_copy, index, encoder=fake_encoder)
        bad = (index / "CURRENT").read_text().strip()
        with open(index / "versions" / bad / "chunks.jsonl", "ab") as f:
            f.write(b"garbage\n")
        r = c.post("/api/admin/reload", headers={"X-API-Key": ADMIN_KEY})
        assert r.status_code == 500 and f"still serving {good}" in r.json()["message"]
        ready = c.get("/api/ready").json()
        assert ready["version"] == good and ready["last_reload_error"]
        assert c.get("/api/search", params={"q": "MoU"}).json()["hits"]


def test_watcher_picks_up_a_new_build(tmp_path, corpus_copy, fake_encoder):
    index = tmp_path / "index"
    build_index(corpus_copy, index, encoder=fake_encoder)
    with _fake_client(index, fake_encoder, reload_poll_seconds=0.1) as c:
        first = c.get("/api/ready").json()["version"]
        _add_document(corpus_copy, "extra.md")
        build_index(corpus_copy, index, encoder=fake_encoder)
        new = (index / "CURRENT").read_text().strip()
        deadline = time.time() + 10
        while c.get("/api/ready").json()["version"] != new and time.time() < deadline:
            time.sleep(0.05)
        assert c.get("/api/ready").json()["version"] == new != first
        assert c.get("/api/documents/extra.md").status_code == 200


def test_serve_registers_and_refuses_without_index_or_corpus(tmp_path, capsys):
    from search_api.cli import build_parser, main
    from search_api.serve_cli import ensure_index

    args = build_parser().parse_args(["serve", "--port", "9999"])
    assert args.port == 9999 and args.host == "127.0.0.1"
    assert ensure_index(tmp_path / "index", tmp_path / "no-corpus") == 3
    assert "no corpus folder" in capsys.readouterr().err
    assert main(["serve", "--index", str(tmp_path / "i"), "--corpus", str(tmp_path / "none")]) == 3


def test_serve_builds_the_index_when_there_is_none(tmp_path, corpus_copy, monkeypatch, fake_encoder):
    import indexer.build as build
    from search_api.serve_cli import ensure_index

    real = build.build_index
    monkeypatch.setattr(build, "build_index", lambda c, i, **kw: real(c, i, encoder=fake_encoder))
    assert ensure_index(tmp_path / "index", corpus_copy) == 0
    assert (tmp_path / "index" / "CURRENT").exists()
    shutil.rmtree(corpus_copy)
    assert ensure_index(tmp_path / "index", corpus_copy) == 0   # already built: nothing to do
