"""Marking the asked fact where an agreement record's evidence states it (search_api.fact_mark).

The texts are sentences of real reports: the bundled Thai report of the 2022 Thailand-Laos MoU,
and thaigov-mou releases of 2020-2022 (the archive's dev years). Records are written by hand in
the agreements.json shape, their evidence offsets worked out from the text.
"""
from __future__ import annotations

import numpy as np
import pytest

from search_api.agreements import Agreements
from search_api.answer_choice import choose
from search_api.fact_mark import FactMark, asked_facts, fact_marks

LAOS_TH = ("ดีอีเอส ร่วมกับ กระทรวงเทคโนโลยีและการสื่อสารแห่งสปป.ลาว ลงนามด้านไปรษณีย์ โทรคมนาคม และไอที\n"
           "โดยมีระยะเวลาความร่วมมือ 8 ปี แบ่งเป็นบันทึกความเข้าใจจะมีผลบังคับใช้ในวันที่มีการลงนาม "
           "และจะมีผลบังคับใช้เป็นระยะเวลา 5 ปี โดยจะมีการขยายเวลาอัตโนมัติออกไปอีก 3 ปี\n")
LAOS_EN = ("The MoU will be in effect over the course of five years with an automatic extension of three years.")


def _units(text: str) -> list[tuple[int, int]]:
    """The lines of ``text`` as units (document offsets)."""
    out, at = [], 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            out.append((at, at + len(line.rstrip("\n"))))
        at += len(line)
    return out


def _fact(kind, value, text, doc, start, end, confidence=0.85):
    return {"type": kind, "value": value, "text": text, "computed": False, "confidence": confidence,
            "evidence": [{"doc_id": doc, "start": start, "end": end}]}


def _agreements(*facts, parties=("Thailand", "Laos"), docs=("th.txt",)):
    record = {"id": "r", "kind": "mou", "parties": list(parties), "documents": list(docs), "facts": list(facts)}
    return Agreements(records={"r": record}, by_document={d: ["r"] for d in docs})


def _where(text: str, part: str) -> tuple[int, int]:
    at = text.index(part)
    return at, at + len(part)


def test_the_duration_and_its_extension_are_marked_in_the_evidence_sentence():
    units = _units(LAOS_TH)
    line = units[1]
    records = _agreements(_fact("duration", {"years": 5, "months": 0, "days": 0}, "ระยะเวลา 5 ปี", "th.txt", *line),
                          _fact("extension", {"years": 3, "months": 0, "days": 0}, "อีก 3 ปี", "th.txt", *line))
    marks = fact_marks("MoU ไทย-ลาว มีอายุกี่ปี", records, "th.txt", LAOS_TH, units, (0, len(LAOS_TH)))
    assert marks and marks[0].unit == 1 and marks[0].items == 2
    assert LAOS_TH[marks[0].start:marks[0].end] == "ระยะเวลา 5 ปี โดยจะมีการขยายเวลาอัตโนมัติออกไปอีก 3 ปี"
    # the total ("8 ปี") is no duration of the record: the words of the record's facts are marked


def test_a_duration_read_from_the_english_report_is_found_by_its_value_in_the_thai_one():
    units = _units(LAOS_TH)
    en = (LAOS_EN.index("course"), len(LAOS_EN))
    records = _agreements(
        _fact("duration", {"years": 5, "months": 0, "days": 0}, "course of five years", "en.txt", *en, 0.9),
        _fact("extension", {"years": 3, "months": 0, "days": 0}, "extension of three years", "en.txt", *en, 0.9),
        _fact("party", "Laos", "สปป.ลาว", "th.txt", *units[0]), docs=("th.txt", "en.txt"))
    marks = fact_marks("MoU ไทย-ลาว มีอายุกี่ปี", records, "th.txt", LAOS_TH, units, (0, len(LAOS_TH)))
    assert marks and LAOS_TH[marks[0].start:marks[0].end] == \
        "มีผลบังคับใช้เป็นระยะเวลา 5 ปี โดยจะมีการขยายเวลาอัตโนมัติออกไปอีก 3 ปี"
    # and in the English report, by the words the extractor read
    en_records = _agreements(*records.get("r")["facts"][:2], docs=("en.txt",))
    marks = fact_marks("how long does the Laos MoU last", en_records, "en.txt", LAOS_EN, [(0, len(LAOS_EN))],
                       (0, len(LAOS_EN)))
    assert LAOS_EN[marks[0].start:marks[0].end] == "course of five years with an automatic extension of three years"


def test_a_record_of_no_fact_in_the_passage_marks_nothing():
    units = _units(LAOS_TH)
    records = _agreements(_fact("duration", {"years": 5, "months": 0, "days": 0}, "ระยะเวลา 5 ปี", "th.txt", 900, 990))
    assert fact_marks("MoU ไทย-ลาว มีอายุกี่ปี", records, "th.txt", LAOS_TH, units, (0, len(LAOS_TH))) == []


# thaigov-mou 2021/12/16 (the Industry Council's MoU on energy crops, cut to its signers' sentence)
SIGNERS = ("ทั้งนี้ ผู้ลงนามบันทึกความร่วมมือ ประกอบด้วย กระทรวงเกษตรและสหกรณ์ โดย ดร.ทองเปลว กองจันทร์ "
           "ปลัดกระทรวงเกษตรและสหกรณ์ กระทรวงพลังงาน โดย นายกุลิศ สมบัติศิริ ปลัดกระทรวงพลังงาน "
           "และสภาอุตสาหกรรมแห่งประเทศไทย โดย นายสมัย ลี้สกุล รองประธานสภาอุตสาหกรรมแห่งประเทศไทย")


def test_signers_of_a_domestic_agreement_are_marked_though_the_question_names_thailand():
    signers = [("ดร.ทองเปลว กองจันทร์", "ปลัดกระทรวงเกษตรและสหกรณ์"), ("นายกุลิศ สมบัติศิริ", "ปลัดกระทรวงพลังงาน"),
               ("นายสมัย ลี้สกุล", "รองประธานสภาอุตสาหกรรมแห่งประเทศไทย")]
    facts = [_fact("signatory", {"name": n, "title": t, "party": None}, f"{n} {t}", "d.txt", 0, len(SIGNERS), 0.75)
             for n, t in signers]
    records = _agreements(*facts, parties=("กระทรวงเกษตรและสหกรณ์", "กระทรวงพลังงาน", "สภาอุตสาหกรรมแห่งประเทศไทย"),
                          docs=("d.txt",))
    # "แห่งประเทศไทย" names Thailand: no test of a record whose parties are Thai bodies
    q = "MOU พืชพลังงานผลิตไฟฟ้า ปี 2564 ใครลงนามแทนสภาอุตสาหกรรมแห่งประเทศไทย"
    marks = fact_marks(q, records, "d.txt", SIGNERS, [(0, len(SIGNERS))], (0, len(SIGNERS)))
    marked = SIGNERS[marks[0].start:marks[0].end]
    assert marked.startswith("ดร.ทองเปลว") and marked.endswith("รองประธานสภาอุตสาหกรรมแห่งประเทศไทย")
    # a record of another country than the one asked about is not used
    assert fact_marks("ใครลงนาม MOU พืชพลังงานกับญี่ปุ่น", records, "d.txt", SIGNERS, [(0, len(SIGNERS))],
                      (0, len(SIGNERS))) == []


# thaigov-mou 2022 (the agricultural export inspection MoU), its parties' sentence
PARTIES = ("การลงนามบันทึกความร่วมมือระหว่าง ท่าอากาศยานไทย จำกัด (มหาชน) กระทรวงคมนาคม "
           "กับ กรมวิชาการเกษตร กระทรวงเกษตรและสหกรณ์ เพื่ออำนวยความสะดวกการตรวจสอบสินค้าเกษตร")


def test_parties_run_over_the_ministry_the_last_one_belongs_to_and_leave_out_the_asker():
    facts = [_fact("party", p, p, "p.txt", 0, len(PARTIES), 0.7)
             for p in ("ท่าอากาศยานไทย จำกัด (มหาชน)", "กระทรวงคมนาคม", "กรมวิชาการเกษตร")]
    records = _agreements(*facts, parties=[f["value"] for f in facts], docs=("p.txt",))
    units = [(0, len(PARTIES))]
    marks = fact_marks("MOU ตรวจสอบสินค้าเกษตรก่อนส่งออก ลงนามระหว่างใคร", records, "p.txt", PARTIES, units, units[0])
    assert PARTIES[marks[0].start:marks[0].end] == \
        "ท่าอากาศยานไทย จำกัด (มหาชน) กระทรวงคมนาคม กับ กรมวิชาการเกษตร กระทรวงเกษตรและสหกรณ์"
    # "กรมวิชาการเกษตรลงนามกับใคร": the other side answers
    marks = fact_marks("กรมวิชาการเกษตรลงนาม MOU ตรวจสอบสินค้าเกษตรกับหน่วยงานใด", records, "p.txt", PARTIES, units,
                       units[0])
    assert PARTIES[marks[0].start:marks[0].end] == "ท่าอากาศยานไทย จำกัด (มหาชน) กระทรวงคมนาคม"


# thaigov-mou 2022/06 (the lifelong human development MoU, English release)
VENUE = ("June 9, 2022, at 0900hrs, at the Inner Santi Maitri Building, Government House, Prime Minister "
         "and Defense Minister Gen. Prayut Chan-o-cha presided over the signing ceremony of the MOU.")


def test_an_english_venue_runs_over_the_compound_it_lies_in_and_a_name_keeps_its_article():
    records = _agreements(_fact("place", "Inner Santi Maitri Building", "at the Inner Santi Maitri Building", "v.txt",
                                0, len(VENUE), 0.75),
                          _fact("signed_date", "2022-06-09", "June 9, 2022", "v.txt", 0, len(VENUE)),
                          parties=("Ministry of Interior", "Ministry of Labor"), docs=("v.txt",))
    units = [(0, len(VENUE))]
    marks = fact_marks("Where was the lifelong human development MOU signed?", records, "v.txt", VENUE, units, units[0])
    assert VENUE[marks[0].start:marks[0].end] == "at the Inner Santi Maitri Building, Government House"
    # "when and where": the date and the place, one span
    marks = fact_marks("When and where was the lifelong human development MOU signed?", records, "v.txt", VENUE,
                       units, units[0])
    assert VENUE[marks[0].start:marks[0].end] == \
        "June 9, 2022, at 0900hrs, at the Inner Santi Maitri Building, Government House"


@pytest.mark.parametrize("query, facts", [
    ("MoU ไทย-ลาว มีอายุกี่ปี", ("duration",)),
    ("พม. ลงนาม MOU ตู้เติมน้ำมันดิจิทัลกับบางจาก เมื่อไร", ("signed_date",)),
    ("When and where was the MOU signed?", ("signed_date", "place")),
    # a date of another event than a signing, and a count, are no signing date
    ("When was the Japanese Prime Minister Kishida's official visit to Thailand?", ()),
    ("How many ministries signed the MOU on Thai children, and when?", ()),
    ("ประเทศไทยมีประชากรกี่คน", ()),
])
def test_asked_facts(query, facts):
    assert asked_facts(query) == facts


def test_choose_marks_the_first_fact_not_on_furniture():
    title = "ดีอีเอส ร่วมกับ กระทรวงเทคโนโลยีและการสื่อสารแห่งสปป.ลาว ลงนามด้านไปรษณีย์ โทรคมนาคม และไอที"
    units = _units(LAOS_TH)

    class Models:   # choose reads only the given logits before a fact wins
        pass

    logits = np.array([2.0, 0.5])
    on_title = FactMark(0, 0, 10, 0.85, 1)
    in_body = FactMark(1, units[1][0] + 5, units[1][0] + 20, 0.85, 1)
    c = choose(Models(), LAOS_TH, units, np.zeros(2), [set(), set()], "MoU ไทย-ลาว มีอายุกี่ปี", {}, None,
               "duration", False, {}, title=title, sentence_logits=logits, facts=[on_title, in_body])
    assert (c.sentence, c.span, c.span_kind, c.fact_confidence) == (1, (in_body.start, in_body.end), "fact", 0.85)


@pytest.mark.model
def test_the_laos_duration_is_marked_from_its_record_on_the_bundled_corpus(real_searcher):
    top = real_searcher.search("how long does the Laos MoU last", k=3).results[0]
    assert top.doc_id.startswith("000-en") and top.span_kind == "fact"
    assert top.answer_span.text == "course of five years with an automatic extension of three years"
    assert top.answer_span.text in top.answer.text
    # the Thai report: the record read the duration from the English one; the Thai hit that
    # holds the clause marks it by its value (the first Thai hit, the headline's "8 ปี", holds none)
    r = real_searcher.search("MoU ไทย-ลาว มีอายุกี่ปี", k=3)
    clause = "มีผลบังคับใช้เป็นระยะเวลา 5 ปี โดยจะมีการขยายเวลาอัตโนมัติออกไปอีก 3 ปี"
    holding = [h for h in r.results if h.doc_id.startswith("002-th") and clause in h.text.replace("\xa0", " ")]
    assert holding and all(h.span_kind == "fact" and h.answer_span.text.replace("\xa0", " ") == clause
                           for h in holding)
    assert all(h.span_kind != "fact" for h in r.results if h not in holding and h.lang == "th")


@pytest.mark.model
def test_the_passage_that_states_the_asked_fact_is_shown_first_for_its_document(real_searcher):
    # the Thai report's headline passage ("... 8 ปี") ranks first by retrieval; its passage with the
    # record's duration clause is shown first instead, and the document ranking stays the same
    r = real_searcher.search("MoU ไทย-ลาว มีอายุกี่ปี", k=5)
    top = r.results[0]
    assert top.doc_id.startswith("002-th") and top.span_kind == "fact"
    assert top.answer_span.text.replace("\xa0", " ") == "มีผลบังคับใช้เป็นระยะเวลา 5 ปี โดยจะมีการขยายเวลาอัตโนมัติออกไปอีก 3 ปี"
    # the direct answer reads the ranking's own order, and it is the same answer
    assert r.direct_answer and r.direct_answer["fact"] == "duration"


@pytest.mark.model
def test_a_passage_of_another_agreement_in_the_same_report_is_not_moved_up(real_searcher):
    # the bundled English report tells of the Japan MoC and the Finland MoU, read into one record:
    # its passage naming the Japanese ministries (parties of the MoC) is no answer about Finland
    top = real_searcher.search("Which parties signed the Finland MoU", k=5).results[0]
    assert "Internal Affairs and Communications" not in (top.answer_span.text if top.answer_span else "")
    assert "Finland" in top.text


@pytest.mark.parametrize("query", [
    "ประชุมใหญ่สหภาพสากลไปรษณีย์ สมัยที่ 28 จัดที่ไหน เมื่อไหร่",      # a conference's venue
    "ประชุม ITU Plenipotentiary 2022 จัดที่ประเทศอะไร",               # the country that hosts it
    "How long is Thailand's BIMSTEC chairmanship?",                    # a term, no agreement's
    "how many areas does the Finland MoU cover",                       # a count
])
def test_questions_about_no_agreement_or_a_count_are_marked_by_the_answer_model(query):
    assert asked_facts(query) == ()


def test_a_signer_known_to_sign_for_another_country_than_the_one_asked_is_not_marked():
    text = "Mr Chaiwut signed the MoU with Lao Minister of Technology and Communications Boviengkham Vongdara."
    lao = _fact("signatory", {"name": "Boviengkham Vongdara", "title": "Lao Minister of Technology and Communications",
                              "party": "Laos"}, "Boviengkham Vongdara", "l.txt", 0, len(text), 0.75)
    records = _agreements(lao, docs=("l.txt",))
    units = [(0, len(text))]
    assert fact_marks("who signed the 2022 Laos MoU for Thailand", records, "l.txt", text, units, units[0]) == []
    marks = fact_marks("who signed the 2022 MoU for Laos", records, "l.txt", text, units, units[0])
    assert text[marks[0].start:marks[0].end] == "Boviengkham Vongdara"


# thaigov-mou 2021/09 (the National Savings Fund's MoU with the private education office): the
# passage ends inside the sentence that names the signers
SAVINGS = ("วันนี้ (22 กันยายน 2564) ณ ห้องประชุมจันทรเกษม อาคารราชวัลลภ กระทรวงศึกษาธิการ "
           "ได้มีการจัดพิธีลงนามบันทึกข้อตกลงความร่วมมือ (MOU) การส่งเสริมการออม โดยมี "
           "นายอรรถพล ตรึกตรอง เลขาธิการคณะกรรมการส่งเสริมการศึกษาเอกชน และนางสาวจารุลักษณ์ เรืองสุวรรณ "
           "เลขาธิการคณะกรรมการกองทุนการออมแห่งชาติ เป็นผู้ลงนามในบันทึกข้อตกลงความร่วมมือ")


def test_signers_past_the_end_of_a_passage_that_cuts_their_sentence_are_marked():
    cut = SAVINGS.index("โดยมี") + len("โดยมี")
    signers = [("นายอรรถพล ตรึกตรอง", "เลขาธิการคณะกรรมการส่งเสริมการศึกษาเอกชน"),
               ("นางสาวจารุลักษณ์ เรืองสุวรรณ", "เลขาธิการคณะกรรมการกองทุนการออมแห่งชาติ")]
    facts = [_fact("signatory", {"name": n, "title": t, "party": None}, f"{n} {t}", "s.txt", 0, len(SAVINGS), 0.75)
             for n, t in signers]
    records = _agreements(*facts, parties=("กองทุนการออมแห่งชาติ", "สำนักงานคณะกรรมการส่งเสริมการศึกษาเอกชน"),
                          docs=("s.txt",))
    q = "ใครเป็นผู้ลงนาม MOU ส่งเสริมการออมระหว่าง กอช. กับ สช."
    marks = fact_marks(q, records, "s.txt", SAVINGS, [(0, cut)], (0, cut))
    assert marks[0].unit == 0 and SAVINGS[marks[0].start:marks[0].end] == \
        "นายอรรถพล ตรึกตรอง เลขาธิการคณะกรรมการส่งเสริมการศึกษาเอกชน และนางสาวจารุลักษณ์ เรืองสุวรรณ " \
        "เลขาธิการคณะกรรมการกองทุนการออมแห่งชาติ"
    # a sentence the passage does not reach is not marked
    for f in facts:
        f["evidence"] = [{"doc_id": "s.txt", "start": cut + 1, "end": len(SAVINGS)}]
    assert fact_marks(q, records, "s.txt", SAVINGS, [(0, cut)], (0, cut)) == []


@pytest.mark.model
def test_the_direct_answer_reads_the_passage_the_sentence_model_moved_up_not_the_one_moved_for_its_fact(
        real_searcher, monkeypatch):
    # answer_first moves a passage up because the sentence model reads the answer in it: the direct
    # answer weighs the hits in that order. fact_first moves one up because a record states the fact:
    # that passage must not vouch for the record, so the direct answer weighs it where it was
    from search_api import first_passage, searcher as searcher_module

    seen = []
    original = searcher_module.direct_answer
    monkeypatch.setattr(searcher_module, "direct_answer",
                        lambda query, hits, records, *a: seen.append(hits) or original(query, hits, records, *a))
    query = "MoU ไทย-ลาว มีอายุกี่ปี"
    monkeypatch.setattr(searcher_module, "answer_first",
                        lambda s, pool, order, doc_of, q: (first_passage._to_front(order, 2), {}))
    monkeypatch.setattr(searcher_module, "fact_first", lambda s, pool, order, *a: first_passage._to_front(order, 1))
    moved = real_searcher.search(query, k=5).results
    weighed = [(h.doc_id, h.start) for h in seen[-1][:3]]
    assert [(h.doc_id, h.start) for h in moved][:1] != weighed[:1]     # the page shows fact_first's pick
    assert weighed[0] == (moved[1].doc_id, moved[1].start)             # answer_first's pick, weighed first
    assert weighed[1] == (moved[0].doc_id, moved[0].start)             # and the ranking's first after it
