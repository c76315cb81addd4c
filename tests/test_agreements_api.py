"""Agreement records as users get them: /api/agreements filters, record pages with evidence,
hits naming their records, direct answers, `mou-search agreements`.

The index is the five seed articles (../shared/seeds/: the Laos MoU reported in English and
Thai, its 2017 predecessor, the Japan MoC and the Finland renewal), built with the test
encoder (plumbing only: which records answer is decided by the records and the lexical hits),
with the hand-written records of tests/data/agreements/seeds_agreements.json, which follow the
shared agreements.json contract and cite real sentence offsets of those documents.
"""
from __future__ import annotations

import json
import shutil

import pytest
from fastapi.testclient import TestClient

from agreement_records import SEEDS, install, remove
from indexer.build import build_index
from search_api.app import create_app
from search_api.cli import main
from search_api.direct_answer import question_fact
from search_api.searcher import Searcher
from search_api.service import SearchService
from search_api.settings import Settings

LAOS_2022 = "agr-1a05d1617a11"
LAOS_2017 = "agr-2b17e0c3d4f5"
JAPAN = "agr-3c28f1d4e5a6"
FINLAND = "agr-4d39a2e5f6b7"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are not here")


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory):
    import os

    os.environ["MOU_SEARCH_TEST_ENCODERS"] = "1"
    root = tmp_path_factory.mktemp("agreements")
    corpus = root / "seeds"
    shutil.copytree(SEEDS, corpus)
    index = root / "index"
    build_index(corpus, index, encoder="test-trigram-32")
    bare = root / "bare"                  # the same documents, no agreements.json
    shutil.copytree(index, bare)
    remove(bare)
    install(index)
    return index, bare


def _client(index):
    service = SearchService(index, searcher_factory=lambda d: Searcher(d, encoder="test-trigram-32"))
    return TestClient(create_app(Settings(index_dir=index), service))


@pytest.fixture(scope="module")
def client(seed_index):
    with _client(seed_index[0]) as c:
        yield c


def _ids(r):
    assert r.status_code == 200, r.text
    return [a["id"] for a in r.json()["agreements"]]


@pytest.mark.parametrize("party", ["Laos", "ลาว", "สปป.ลาว", "Lao PDR", "laos"])
def test_party_filter_takes_every_name_form(client, party):
    assert _ids(client.get("/api/agreements", params={"party": party})) == [LAOS_2022, LAOS_2017]


def test_filters(client):
    assert _ids(client.get("/api/agreements", params={"party": "ญี่ปุ่น"})) == [JAPAN]
    assert _ids(client.get("/api/agreements", params={"kind": "moc"})) == [JAPAN]
    assert set(_ids(client.get("/api/agreements"))) == {LAOS_2022, LAOS_2017, JAPAN, FINLAND}
    # in force: signed 2022-11-07, valid until 2030-11-07 (computed); the others have no known
    # signing or end and are not claimed to be in force
    assert _ids(client.get("/api/agreements", params={"in_force_on": "2024-06-01"})) == [LAOS_2022]
    assert _ids(client.get("/api/agreements", params={"in_force_on": "2567-06-01"})) == [LAOS_2022]
    assert _ids(client.get("/api/agreements", params={"in_force_on": "2022-11-06"})) == []
    assert _ids(client.get("/api/agreements", params={"in_force_on": "2030-11-08"})) == []
    assert _ids(client.get("/api/agreements", params={"signed_from": "2022-11", "signed_to": "2022"})) == [LAOS_2022]
    assert _ids(client.get("/api/agreements", params={"signed_to": "2021"})) == []
    assert _ids(client.get("/api/agreements", params={"q": "5G"})) == [JAPAN]
    assert _ids(client.get("/api/agreements", params={"q": "smart cities"})) == [FINLAND]
    assert _ids(client.get("/api/agreements", params={"q": "ไปรษณีย์ ลาว"})) == [LAOS_2022, LAOS_2017]
    r = client.get("/api/agreements", params={"k": 1, "offset": 1, "party": "Laos"})
    assert r.json()["total"] == 2 and _ids(r) == [LAOS_2017]


@pytest.mark.parametrize("params, field", [
    ({"in_force_on": "2024"}, "in_force_on"), ({"in_force_on": "2023-02-30"}, "in_force_on"),
    ({"signed_from": "2023", "signed_to": "2022"}, None), ({"kind": "treaty"}, "kind"),
    ({"k": 0}, "k"), ({"k": 101}, "k"), ({"offset": -1}, "offset"), ({"offset": 1001}, "offset"),
    ({"k": "x"}, "k"), ({"party": "a" * 101}, "party"), ({"party": "Laos\u0000"}, "party"),
    ({"q": "x" * 1001}, "q"),
])
def test_bad_filters_are_422_with_the_field(client, params, field):
    r = client.get("/api/agreements", params=params)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["error"] == "invalid_request" and body["message"]
    if field:
        assert field in body["message"]


def test_limits_are_in_the_openapi_schema(client):
    spec = client.get("/openapi.json").json()
    params = {p["name"]: p["schema"] for p in spec["paths"]["/api/agreements"]["get"]["parameters"]}
    assert params["k"]["maximum"] == 100 and params["k"]["minimum"] == 1
    assert params["offset"]["maximum"] == 1000
    assert params["party"]["maxLength"] == 100 and params["q"]["maxLength"] == 1000
    assert "pattern" in params["in_force_on"]
    assert "404" in spec["paths"]["/api/agreements/{agreement_id}"]["get"]["responses"]


def test_record_with_evidence_documents_and_history(client):
    r = client.get(f"/api/agreements/{LAOS_2022}")
    assert r.status_code == 200
    rec = r.json()
    assert rec["parties"] == ["Laos", "Thailand"] and rec["signed_date"] == "2022-11-07"
    assert rec["valid_until"] == "2030-11-07" and rec["valid_until_computed"] is True
    assert {d["doc_id"] for d in rec["linked_documents"]} == {"000_e489ab505077d8c9.txt",
                                                              "002_d078fb6ca921afc4.txt"}
    assert [h["id"] for h in rec["history"]] == [LAOS_2017]
    duration = next(f for f in rec["facts"] if f["type"] == "duration")
    assert duration["value"]["years"] == 5
    for fact in rec["facts"]:
        assert fact["evidence"], fact
        for e in fact["evidence"]:
            doc = client.get(f"/api/documents/{e['doc_id']}").json()
            assert doc["text"][e["start"]:e["end"]] == e["sentence"]
            assert e["title"] == doc["title"] and e["date"] == doc["date"]
    thai = [e for e in duration["evidence"] if e["lang"] == "th"]
    assert "5" in thai[0]["sentence"] and "ปี" in thai[0]["sentence"]


def test_unknown_record_is_404(client):
    for bad in ("agr-000000000000", "nope", "x" * 300):
        r = client.get(f"/api/agreements/{bad}")
        assert r.status_code == 404 and r.json()["error"] == "not_found"


def test_a_version_without_records_serves_empty_lists(seed_index):
    with _client(seed_index[1]) as c:
        r = c.get("/api/agreements", params={"party": "Laos"})
        assert r.status_code == 200 and r.json() == {"total": 0, "offset": 0, "k": 20, "agreements": []}
        assert c.get(f"/api/agreements/{LAOS_2022}").status_code == 404
        body = c.get("/api/search", params={"q": "how long does the Laos MoU last"}).json()
        assert body["direct_answer"] is None and all(h["agreements"] == [] for h in body["hits"])


def test_hits_carry_the_records_of_their_passage(client):
    body = client.get("/api/search", params={"q": "Memorandum of Cooperation Japan 5G",
                                             "mode": "lexical"}).json()
    top = body["hits"][0]
    assert top["doc_id"] == "001_99565753fb224c30.txt"
    assert set(top["agreements"]) == {JAPAN, FINLAND}
    assert top["agreements"][0] == JAPAN     # its evidence is in this passage; Finland's later


@pytest.mark.parametrize("q, lang", [("how long does the Laos MoU last", "en"),
                                     ("MoU ไทย-ลาว มีอายุกี่ปี", "th")])
def test_direct_answer_for_the_laos_duration(client, q, lang):
    body = client.get("/api/search", params={"q": q, "mode": "lexical"}).json()
    da = body["direct_answer"]
    assert da is not None and da["fact"] == "duration" and da["agreement_id"] == LAOS_2022
    assert da["value"]["years"] == 5 and da["value"]["extension"]["years"] == 3
    if lang == "en":
        assert da["text"] == ("5 years from signing (7 Nov 2022), automatically extended by 3 years: "
                              "8 years, to Nov 2030 (computed)")
    else:
        assert "5 ปี" in da["text"] and "2565" in da["text"] and "2573" in da["text"]
    cited = {e["doc_id"] for e in da["evidence"]}
    assert cited == {"000_e489ab505077d8c9.txt", "002_d078fb6ca921afc4.txt"}   # English and Thai
    assert 0.8 <= da["confidence"] <= 1     # the learned gate (direct_gate): a sure answer


def test_direct_answers_of_other_facts(client):
    def ask(q):
        return client.get("/api/search", params={"q": q, "mode": "lexical"}).json()["direct_answer"]

    da = ask("who signed the 2022 MoU for the Lao Ministry of Technology and Communications")
    assert da["fact"] == "signatory" and "Boviengkham Vongdara" in da["text"] and "Chaiwut" not in da["text"]
    assert ask("when did the cabinet approve the Laos digital MoU")["value"] == "2022-10-25"


@pytest.mark.parametrize("q", [
    "how much money does the Finland MoU provide",      # no amount in any record
    "what is the weather like in Bangkok",              # no fact asked
    "where was the Japan MoC signed",                   # no place in the record
])
def test_no_direct_answer_when_the_records_cannot_answer(client, q):
    body = client.get("/api/search", params={"q": q, "mode": "lexical"}).json()
    assert body["hits"] and body["direct_answer"] is None


def test_no_direct_answer_after_the_first_page(client):
    body = client.get("/api/search", params={"q": "how long does the Laos MoU last", "offset": 3}).json()
    assert body["direct_answer"] is None


def test_no_direct_answer_from_a_record_of_other_thai_ministries():
    from types import SimpleNamespace

    from search_api.agreements import Agreements
    from search_api.direct_answer import direct_answer

    def record(aid, doc, parties, years):
        ev = [{"doc_id": doc, "start": 0, "end": 50}]
        return {"id": aid, "kind": "mou", "parties": parties, "documents": [doc],
                "facts": [{"type": "duration", "value": {"years": years}, "text": "", "evidence": ev,
                           "computed": False, "confidence": 0.85}]}
    # the English report of the Industry ministry's waste MoC with Japan ranks first; the Thai
    # report of the Industry and Energy ministries' MoU third
    records = Agreements(records={"a": record("a", "en.txt", ["Japan", "Ministry of Industry"], 5),
                                  "b": record("b", "th.txt", ["กระทรวงพลังงาน", "กระทรวงอุตสาหกรรม"], 4)},
                         by_document={"en.txt": ["a"], "th.txt": ["b"]})
    hits = [SimpleNamespace(doc_id="en.txt", start=0, end=100), SimpleNamespace(doc_id="en.txt", start=0, end=100),
            SimpleNamespace(doc_id="th.txt", start=0, end=100)]
    q = "How long does the waste-to-energy MOU between the Industry and Energy ministries last?"
    assert direct_answer(q, hits, records)["value"] == {"years": 4, "months": 0, "days": 0}
    # a question that names no ministry is answered by the best-supported record
    assert direct_answer("How long does the waste MoU last?", hits, records)["value"]["years"] == 5


@pytest.mark.parametrize("q, fact", [
    ("how long does the Laos MoU last", "duration"), ("MoU ไทย-ลาว มีอายุกี่ปี", "duration"),
    ("when was the MoU signed", "signed_date"), ("ลงนามเมื่อไร", "signed_date"),
    ("who signed for Laos", "signatory"), ("ใครเป็นผู้ลงนาม", "signatory"),
    ("where was it signed", "place"), ("ลงนามที่ไหน", "place"),
    ("is the Laos MoU still in force", "in_force"), ("ยังมีผลอยู่ไหม", "in_force"),
    ("which areas does it cover", "area"), ("ครอบคลุมด้านใดบ้าง", "area"),
    ("which countries signed", "parties"), ("ลงนามกับใคร", "parties"),
    ("how much is the budget", "amount"), ("วงเงินเท่าไร", "amount"),
    ("when does the MoU expire", "valid_until"), ("when did the cabinet approve it", "approved_date"),
    ("MoU on digital cooperation", None),
    # "refunding" holds "funding": the amount words are whole words
    ("When was the MOU on refunding home buyers' deposits signed?", "signed_date"),
    ("Who did the Ban Haeo community sign a vegetable-growing MOU with?", "parties"),
    # two facts asked: the first ("when and where" is the date, "ที่ไหน เมื่อไร" the place)
    ("When and where was the Thailand-Australia anti-human trafficking centre MOU to be signed?", "signed_date"),
    ("MOU อาเซียนกับ OECD ปี 2565 จะลงนามที่ไหน เมื่อไร", "place"),
    ("ลงนามเมื่อไร ที่ไหน", "signed_date"), ("Where and when was it signed?", "place"),
    # other ways a user asks the same facts (stop 37)
    ("Who inked the MoU for the Thai side?", "signatory"), ("Which officials signed the MoU?", "signatory"),
    ("บันทึกความเข้าใจนี้ใครเป็นคนเซ็น", "signatory"), ("Who are the signatory parties?", "parties"),
    ("คู่สัญญาของ MOU คือใคร", "parties"), ("At which hotel did the signing ceremony take place?", "place"),
    ("In what country was the Thailand-Laos MoU signed?", "place"), ("ลงนามที่จังหวัดอะไร", "place"),
    ("ลงนามใน พ.ศ. ใด", "signed_date"), ("On what date was the MoU signed?", "signed_date"),
    ("What is the term of the MoU?", "duration"), ("What kinds of cooperation does the MoU include?", "area"),
    ("How many baht does the MoU provide?", "amount"), ("In which year was the cabinet's approval?", "approved_date"),
])
def test_question_fact(q, fact):
    assert question_fact(q) == fact


def test_cli_agreements_json_and_text(seed_index, capsys):
    index = str(seed_index[0])
    assert main(["agreements", "--party", "สปป.ลาว", "--json", "--index", index]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 2 and [a["id"] for a in data["agreements"]] == [LAOS_2022, LAOS_2017]
    assert set(data["agreements"][0]) == {"id", "kind", "name", "parties", "stage", "signed_date",
                                          "valid_until", "valid_until_computed", "open_ended",
                                          "areas", "documents"}
    assert main(["agreements", "--in-force-on", "2024-06-01", "--index", index]) == 0
    out = capsys.readouterr().out
    assert LAOS_2022 in out and JAPAN not in out
    assert main(["agreements", "--id", LAOS_2022, "--json", "--index", index]) == 0
    full = json.loads(capsys.readouterr().out)
    assert full["id"] == LAOS_2022 and all(f["evidence"] for f in full["facts"])
    assert main(["agreements", "--id", "agr-000000000000", "--index", index]) == 1
    assert main(["agreements", "--in-force-on", "2024", "--index", index]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_cli_search_prints_the_direct_answer(seed_index, capsys, monkeypatch):
    monkeypatch.setenv("MOU_SEARCH_TEST_ENCODERS", "1")
    index = str(seed_index[0])
    assert main(["search", "how long does the Laos MoU last", "--mode", "lexical", "--json",
                 "--index", index]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["direct_answer"]["agreement_id"] == LAOS_2022
    assert all("agreements" in hit for hit in data["results"])
    assert main(["search", "how long does the Laos MoU last", "--mode", "lexical", "--index", index]) == 0
    assert "Answer (duration" in capsys.readouterr().out


def test_direct_answer_when_a_rival_record_gives_the_same_value():
    from types import SimpleNamespace

    from search_api.agreements import Agreements
    from search_api.direct_answer import decide, direct_answer

    def record(aid, doc, signed):
        ev = [{"doc_id": doc, "start": 0, "end": 50}]
        return {"id": aid, "kind": "mou", "parties": ["Thailand", "Laos"], "documents": [doc],
                "facts": [{"type": "signed_date", "value": signed, "text": signed, "evidence": ev,
                           "computed": False, "confidence": 0.85}]}
    hits = [SimpleNamespace(doc_id="th.txt", start=0, end=100), SimpleNamespace(doc_id="en.txt", start=0, end=100),
            SimpleNamespace(doc_id="en.txt", start=0, end=100)]
    # the Thai and the English report of one MoU, kept apart by the linker: support 1 and 1/2 + 1/3
    same = Agreements(records={"a": record("a", "th.txt", "2022-11-07"), "b": record("b", "en.txt", "2022-11-07")},
                      by_document={"th.txt": ["a"], "en.txt": ["b"]})
    assert direct_answer("When was the MoU signed?", hits, same)["value"] == "2022-11-07"
    other = Agreements(records={"a": record("a", "th.txt", "2022-11-07"), "b": record("b", "en.txt", "2021-03-01")},
                       by_document={"th.txt": ["a"], "en.txt": ["b"]})
    # a rival with another date, close in support: at best a doubtful answer (the learned gate, direct_gate)
    contested = direct_answer("When was the MoU signed?", hits, other)
    agreed = direct_answer("When was the MoU signed?", hits, same)["confidence"]
    assert contested is None or contested["confidence"] < min(0.8, agreed - 0.2)
    # and the reason given when there is none (eval.direct_diagnose counts them)
    assert decide("When was the MoU signed?", hits, other)[1] == "a rival record gives another value"
    assert decide("When was the MoU signed?", hits, same)[1] == "answered"
    assert decide("what is the weather like", hits, same) == (None, "no fact asked")
    assert decide("Where was the MoU signed?", hits, same) == (None, "no candidate record holds the fact")


def test_direct_answer_evidence_next_to_a_top_passage_but_not_far_from_it():
    from types import SimpleNamespace

    from search_api.agreements import Agreements
    from search_api.direct_answer import NEXT_TO, direct_answer

    def records(place_start):
        # 2021 social-enterprise MOU: the passage ends just before the sentence "ณ ห้องประชุมวายุภักษ์ ..."
        ev = [{"doc_id": "se.txt", "start": 100, "end": 300}]
        place = {"type": "place", "value": "ห้องประชุมวายุภักษ์ 3 ชั้น 4 โรงแรมเซ็นทรา", "text": "", "computed": False,
                 "confidence": 0.72, "evidence": [{"doc_id": "se.txt", "start": place_start, "end": place_start + 570}]}
        party = {"type": "party", "value": "สำนักงานส่งเสริมวิสาหกิจเพื่อสังคม", "text": "", "computed": False,
                 "confidence": 0.7, "evidence": ev}
        return Agreements(records={"a": {"id": "a", "kind": "mou", "parties": [], "documents": ["se.txt"],
                                         "facts": [party, place]}}, by_document={"se.txt": ["a"]})
    hits = [SimpleNamespace(doc_id="se.txt", start=0, end=670)]
    q = "MOU ส่งเสริมวิสาหกิจเพื่อสังคม 18 ภาคี ลงนามที่ไหน"
    assert direct_answer(q, hits, records(671))["value"].endswith("โรงแรมเซ็นทรา")
    # a sentence far down the same document may be another agreement's (a long digest of items)
    assert direct_answer(q, hits, records(670 + NEXT_TO + 1)) is None


@pytest.mark.parametrize("q", ["How long is the Thailand-Estonia e-government MoU?",
                               "MOU ไทย-อุรุกวัย ด้านการเกษตร ลงนามเมื่อไร"])
def test_no_direct_answer_about_an_agreement_the_corpus_does_not_hold(client, q):
    body = client.get("/api/search", params={"q": q, "mode": "lexical"}).json()
    assert body["direct_answer"] is None     # Estonia and Uruguay are no party of any record
