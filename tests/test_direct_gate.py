"""The learned gate of direct answers (search_api/direct_gate.py): its features and its weights."""
from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from search_api.agreements import Agreements
from search_api.direct_answer import candidates, decide
from search_api.direct_gate import FEATURES, MODEL_PATH, Gate, features, load_gate


def _record(aid, doc, signed, confidence=0.85):
    ev = [{"doc_id": doc, "start": 0, "end": 50}]
    return {"id": aid, "kind": "mou", "parties": ["Thailand", "Laos"], "documents": [doc],
            "facts": [{"type": "signed_date", "value": signed, "text": signed, "evidence": ev,
                       "computed": False, "confidence": confidence}]}


HITS = [SimpleNamespace(doc_id="th.txt", start=0, end=100, lang="th"),
        SimpleNamespace(doc_id="en.txt", start=0, end=100, lang="en"),
        SimpleNamespace(doc_id="en.txt", start=0, end=100, lang="en")]


def test_shipped_weights_are_plain_json_with_every_feature():
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert model["features"] == list(FEATURES)
    assert len(model["weights"]) == len(model["mean"]) == len(model["scale"]) == len(FEATURES)
    assert 0 < model["threshold"] < 1


def test_features_of_a_contested_answer():
    other = Agreements(records={"a": _record("a", "th.txt", "2022-11-07"), "b": _record("b", "en.txt", "2021-03-01")},
                       by_document={"th.txt": ["a"], "en.txt": ["b"]})
    rows, context, why = candidates("When was the MoU signed?", HITS, other)
    assert why == "" and [r["agreement_id"] for r in rows] == ["a", "b"]
    f = features(rows[0], rows, context)
    # support 1 (rank 1) against 1/2 + 1/3: its share and its margin over the other value
    assert f["share"] == pytest.approx(1 / (1 + 1 / 2 + 1 / 3))
    assert f["margin"] == pytest.approx(__import__("math").log(1 / (1 / 2 + 1 / 3)))
    assert f["top"] == 1.0 and f["fact_date"] == 1.0 and f["cross_lingual"] == 1.0   # English question, Thai report
    assert features(rows[1], rows, context)["cross_lingual"] == 0.0


def test_probability_grows_with_support_and_the_threshold_decides():
    gate = load_gate()
    base = {n: 0.0 for n in FEATURES}
    weak, strong = dict(base, share=0.2, margin=-1.0), dict(base, share=1.0, margin=2.0)
    assert gate.probability(strong) > gate.probability(weak)
    never = Gate({"features": FEATURES, "mean": [0] * len(FEATURES), "scale": [1] * len(FEATURES),
                  "weights": [0] * len(FEATURES), "bias": 0.0, "threshold": 0.9})     # p = 0.5 everywhere
    same = Agreements(records={"a": _record("a", "th.txt", "2022-11-07")}, by_document={"th.txt": ["a"]})
    assert decide("When was the MoU signed?", HITS, same, gate=never) == (None, "below the gate")
    answer, why = decide("When was the MoU signed?", HITS, same, gate=gate)
    assert why == "answered" and answer["value"] == "2022-11-07" and answer["confidence"] >= gate.threshold


def test_no_answer_without_a_record_holding_the_fact():
    same = Agreements(records={"a": _record("a", "th.txt", "2022-11-07")}, by_document={"th.txt": ["a"]})
    assert decide("Where was the MoU signed?", HITS, same) == (None, "no candidate record holds the fact")


def test_a_partner_the_party_reading_does_not_know_must_be_named_by_the_record_or_its_passages():
    from search_api.direct_answer import named_countries

    assert named_countries("MOU ไทย-อุรุกวัย ด้านการเกษตร ลงนามเมื่อไร") == {"อุรุกวัย"}
    assert named_countries("ความร่วมมือระหว่างประเทศไทย-มองโกเลีย") == {"มองโกเลีย"}
    # ... and a country the agreement records know but the search glossary does not, named in English
    assert named_countries("How long is the Thailand-Estonia e-government MoU?") == {"Estonia"}
    assert named_countries("the MoU on chile exports") == set()   # a word, not the country
    assert named_countries("MoU ไทย-ลาว มีอายุกี่ปี") == set()          # Laos: the party filter's own
    assert named_countries("MOU กับประเทศสมาชิก ลงนามเมื่อไร") == set()   # no country
    record = _record("a", "th.txt", "2022-03-16")
    agreements = Agreements(records={"a": record}, by_document={"th.txt": ["a"]})
    hits = [SimpleNamespace(doc_id="th.txt", start=0, end=100, lang="th",
                            text="กระทรวงเกษตรและสหกรณ์ลงนามบันทึกความเข้าใจด้านการเกษตรกับสาธารณรัฐเกาหลี")]
    assert decide("MOU ไทย-อุรุกวัย ด้านการเกษตร ลงนามเมื่อไร", hits, agreements) == (
        None, "records ruled out by partner or year")
    hits[0].text = "กระทรวงเกษตรและสหกรณ์ลงนามบันทึกความเข้าใจด้านการเกษตรกับสาธารณรัฐบูรพาอุรุกวัย"
    rows, _, _ = candidates("MOU ไทย-อุรุกวัย ด้านการเกษตร ลงนามเมื่อไร", hits, agreements)
    assert [r["agreement_id"] for r in rows] == ["a"]
