"""Authorised signatories: the office a cabinet decision names to sign (not a signing that happened)."""
from __future__ import annotations

from types import SimpleNamespace

from indexer.agreements import extract_mentions
from indexer.agreements.authorised import authorised_in
from search_api.agreements import Agreements
from search_api.direct_answer import decide

# English cabinet summaries (2021-2022) and a Thai one
MOAC = ("The cabinet approved the signing of MOU between Ministry of Agriculture and Cooperatives of the Kingdom of "
        "Thailand and Brazil’s Department of Agriculture, Livestock and Food Supply on Agricultural Cooperation. Should "
        "there be an amendment in parts that are not gist nor against national interest, Ministry of Agriculture and "
        "Cooperatives may proceed without having to resubmit to the cabinet. Minister of Agriculture and Cooperatives or "
        "a representative is authorized as signatory of the MOU.")
EECO = "EECO may proceed without having to resubmit to the cabinet. EECO Director-General is authorized as signatory of the MOU."
MOF = ("คณะรัฐมนตรีเห็นชอบร่างบันทึกความเข้าใจฯ และมอบหมายให้รัฐมนตรีว่าการกระทรวงการคลังหรือผู้ที่รัฐมนตรีว่าการ"
       "กระทรวงการคลังมอบหมายให้เป็นผู้ลงนามในบันทึกความเข้าใจฯ")
MOPH = "ครม. เห็นชอบร่างบันทึกความเข้าใจว่าด้วยความร่วมมือด้านสาธารณสุข และอนุมัติให้รัฐมนตรีว่าการกระทรวงสาธารณสุข เป็นผู้ลงนามในร่างบันทึกความเข้าใจดังกล่าว"


def test_offices_authorised_to_sign():
    assert [r[:2] for r in authorised_in(MOAC)] == [("Minister of Agriculture and Cooperatives", True)]
    assert [r[:2] for r in authorised_in(EECO)] == [("EECO Director-General", False)]
    assert [r[:2] for r in authorised_in(MOF)] == [("รัฐมนตรีว่าการกระทรวงการคลัง", True)]
    assert [r[:2] for r in authorised_in(MOPH)] == [("รัฐมนตรีว่าการกระทรวงสาธารณสุข", False)]
    # a signing that happened is a signatory, not an authorisation
    assert authorised_in("นายอนุกูล ปีดแก้ว ปลัดกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ ร่วมลงนามในบันทึกข้อตกลง") == []


def test_extracted_as_their_own_fact_never_a_signatory():
    facts = [f for m in extract_mentions("moac.txt", MOAC, "2021-12-21", "en") for f in m["facts"]]
    offices = [f for f in facts if f["type"] == "authorised_signatory"]
    assert [f["value"] for f in offices] == [{"office": "Minister of Agriculture and Cooperatives", "representative": True}]
    assert not [f for f in facts if f["type"] == "signatory"]


def test_an_authorisation_answers_who_is_authorised_or_will_sign_not_who_signed():
    ev = [{"doc_id": "a.txt", "start": 0, "end": 100}]
    office = {"type": "authorised_signatory", "value": {"office": "Minister of Transport", "representative": True},
              "text": "", "evidence": ev, "computed": False, "confidence": 0.75}
    records = Agreements(records={"r": {"id": "r", "kind": "mou", "parties": [], "documents": ["a.txt"], "facts": [office]}},
                         by_document={"a.txt": ["r"]})
    hits = [SimpleNamespace(doc_id="a.txt", start=0, end=400)]
    answer = decide("Who will sign the USTDA technical assistance MOU?", hits, records)[0]
    assert answer["text"] == "Minister of Transport or a representative (authorised to sign)"
    assert decide("ใครได้รับมอบหมายให้ลงนาม MOU กับ USTDA", hits, records)[0]["text"].endswith("(ได้รับอนุมัติให้เป็นผู้ลงนาม)")
    assert decide("Who signed the USTDA technical assistance MOU?", hits, records)[0] is None


def test_signers_acting_in_office_and_signing_as_their_bodies_representatives():
    from indexer.agreements.signatories import signatories_in

    # 2022 MOU of the Agriculture ministry and the Thailand Professional Qualification Institute
    line = ("นายธนา ชีรวินิจ เลขานุการรัฐมนตรีว่าการกระทรวงเกษตรและสหกรณ์ ร่วมเป็นประธานและสักขีพยานในพิธีลงนามบันทึกข้อตกลงความร่วมมือ "
            "โดยมี นายสำราญ สาราบรรณ์ รองปลัดกระทรวงเกษตรและสหกรณ์ นายสุรพล พลอยสุข ผู้อำนวยการสถาบันคุณวุฒิวิชาชีพ "
            "เป็นผู้แทนของหน่วยงานลงนามในบันทึกข้อตกลงความร่วมมือฯ")
    assert [s[0] for s in signatories_in(line)] == ["นายสำราญ สาราบรรณ์", "นายสุรพล พลอยสุข"]
    # an acting head signing among the others ("ระหว่าง A, B และ C รักษาการ...")
    line = ("นายอาคม เติมพิทยาไพสิฐ รัฐมนตรีว่าการกระทรวงการคลัง เป็นประธานในพิธีลงนามในบันทึกข้อตกลงความร่วมมือ ระหว่าง "
            "นายวิทัย รัตนากร ผู้อำนวยการธนาคารออมสิน และนางวสุกานต์ วิศาลสวัสดิ์ รักษาการผู้จัดการทั่วไป บรรษัทประกันสินเชื่ออุตสาหกรรมขนาดย่อม (บสย.)")
    assert "นางวสุกานต์ วิศาลสวัสดิ์" in [s[0] for s in signatories_in(line)]


def test_the_active_form_of_cabinet_summaries():
    # 2022 cabinet summaries (dev): "and authorized X or a representative as signatory", "approved for X as signatory"
    mlc = ("The cabinet approved the draft MOU on Cooperation under Mekong- Lancang (MLC) Special Fund between Ministry of "
           "Natural Resources and Environment and Embassy of People’s Republic of China in Thailand, and authorized Permanent "
           "Secretary to Ministry of Natural Resources and Environment or a representative as signatory of the MOU.")
    assert [r[:2] for r in authorised_in(mlc)] == [
        ("Permanent Secretary to Ministry of Natural Resources and Environment", True)]
    japan = ("... Ministry of Economy, Trade and Industry, and approved for Thai Ambassador to Japan or a representative as "
             "signatory of the MOC")
    assert [r[:2] for r in authorised_in(japan)] == [("Thai Ambassador to Japan", True)]
    # the passive form is read once, not twice
    assert len(authorised_in(MOAC)) == 1
