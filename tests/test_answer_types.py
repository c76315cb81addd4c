"""What kind of answer a question asks for, and whether a passage holds one, in Thai and English."""
from __future__ import annotations

import pytest

from indexer.answer_kinds import has_answer, kind_bit
from search_api.answer_types import answer_kind, question_kind


@pytest.mark.parametrize("question, kind", [
    ("how long does the Laos MoU last", "duration"),
    ("MoU ไทย-ลาว มีอายุกี่ปี", "duration"),
    ("when was the MoU with Laos signed?", "date"),
    ("ลงนามเมื่อไร", "date"),
    ("how many countries signed", "count"),
    ("เทศบาลตำบลหินกองมีประชากรเท่าใด", "count"),                  # "เท่าใด", the formal "how much"
    ("ความร่วมมือด้านความมั่นคงปลอดภัยไซเบอร์", None),
    ("cooperation on cybersecurity", None),
])
def test_question_kind(question, kind):
    assert question_kind(question) == kind


@pytest.mark.parametrize("kind, text, expected", [
    # as published: no-break spaces around the number
    ("duration", "และจะมีผลบังคับใช้เป็นระยะเวลา\u00a05\u00a0ปี", True),
    ("duration", "ระยะเวลา ๘ ปี", True),                       # Thai digits
    ("duration", "for five years with an automatic extension", True),
    ("duration", "The MoU covers postal services and ICT.", False),
    ("date", "วันจันทร์ที่ 7 พฤศจิกายน 2565", True),
    ("date", "signed on 7 November 2022", True),
    ("date", "signed by the two ministers", False),
    (None, "5 ปี", False),                                      # no kind asked: no bonus
])
def test_has_answer(kind, text, expected):
    assert has_answer(kind, text) is expected


@pytest.mark.parametrize("question", ["Over what period will the ASEAN-OECD work plans run?",
                                      "For which period is the agreement valid?"])
def test_what_period_asks_for_a_duration(question):
    assert question_kind(question) == "duration"


def test_a_meeting_room_or_a_thai_at_marker_is_a_place():
    from search_api.answer_span import _PLACE

    assert _PLACE.search("ณ ห้องประชุมประสงค์ รณะนันท์ ชั้น 5")
    assert _PLACE.search("ลงนาม ณ ทำเนียบรัฐบาล")
    assert not _PLACE.search("สถานการณ์ ดีขึ้น")   # ณ inside a word is not the marker


def test_the_answer_kinds_fingerprint_is_the_same_in_every_process():
    """The build compares it with the live version's: a fingerprint that changed with string
    hashing would rewrite an unchanged index at every ``mou-search index``."""
    import os
    import subprocess
    import sys

    code = "from indexer.answer_kinds import KINDS_FINGERPRINT; print(KINDS_FINGERPRINT)"
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(seen) == 1


@pytest.mark.parametrize("question, units", [
    # thaigov-style questions: what the count counts, in the words a release writes it with
    ("แรงงานลาวตาม MoU กลุ่มแรก ปี 2565 เดินทางเข้าไทยกี่คน", ("คน", "ราย")),
    ("เทศบาลตำบลหินกองแบ่งการปกครองเป็นกี่หมู่บ้าน", ("หมู่บ้าน",)),
    ("โอแคลร์ มีประชากรเท่าไร", ("คน", "ราย")),
    ("MOU สอน. กับ CPAC รับซื้อใบและยอดอ้อย สร้างรายได้เท่าไร", ("บาท", "ดอลลาร์")),
    ("How many mosques has the project reached?", ("mosques", "mosque")),
    ("How many ministries signed the MOU?", ("ministries", "ministry")),
])
def test_a_count_names_what_it_counts(question, units):
    kind = answer_kind(question)
    assert kind.startswith("count:") and set(units) <= set(kind.split(":", 1)[1].split("|"))


@pytest.mark.parametrize("question", [
    "ไอแพดรุ่นสองมีน้ำหนักเท่าไหร่",                              # a measure whose unit is not said
    "เทศมณฑลอัลบา มีพื้นที่เท่าไร",                                # "พื้นที่": an area, no ordinal
])
def test_a_count_that_names_nothing_stays_a_count(question):
    assert answer_kind(question) == "count"


def test_a_count_of_people_is_not_answered_by_a_date():
    """"กี่คน" is answered by "287 คน", not by "1 พฤษภาคม 2565" in the same release (thaigov dev
    tg040: the marked clause held the date)."""
    kind = answer_kind("แรงงานเมียนมากลุ่มแรกหลังผ่อนคลายมาตรการ เข้ามาทำงานตาม MOU กี่คน")
    assert not has_answer(kind, "มีมติผ่อนคลายมาตรการเข้าประเทศ ตั้งแต่วันที่ 1 พฤษภาคม 2565")
    assert has_answer(kind, "วันนี้แรงงานสัญชาติเมียนมา จำนวน 287 คน ได้เดินทางผ่านเส้นทางย่างกุ้ง-เมียวดี-แม่สอด")
    assert has_answer(kind, "มีผู้ชุมนุมกว่า 3 แสนราย")
    assert has_answer("count", "ตั้งแต่วันที่ 1 พฤษภาคม 2565")   # the broad kind: any number
    money = answer_kind("MOU สอน. กับ CPAC รับซื้อใบและยอดอ้อย สร้างรายได้เท่าไร")
    assert has_answer(money, "สร้างรายได้ในระบบอุตสาหกรรมการอ้อยและน้ำตาลทรายกว่า 150 ล้านบาท")
    assert not has_answer(money, "จากเกษตรกรชาวไร่อ้อยในพื้นที่เป้าหมายกว่า 17,000 ราย")
    assert kind_bit(kind) == kind_bit("count")   # the index's bits are per broad kind


def test_an_ordinal_is_its_word_then_a_number():
    """"ครั้งที่เท่าไร" is answered by "ครั้งที่ 87", not by the year beside it; "อยู่ที่เท่าไหร่" is
    no ordinal (a price: "ราคาขายอยู่ที่เท่าไหร่")."""
    kind = answer_kind("ภาพยนตร์เบิร์ดแมน ได้รับการเสนอชื่อเข้าชิง งานประกาศผลรางวัลออสการ์ ครั้งที่เท่าไหร่")
    assert has_answer(kind, "ในงานประกาศผลรางวัลออสการ์ ครั้งที่ 87")
    assert not has_answer(kind, "ออกฉายในปี ค.ศ. 2014 ทำรายได้ 103 ล้านดอลลาร์")
    assert has_answer(answer_kind("กิมย้งเป็นบุตรคนที่เท่าไหร่ของตระกูล?"), "เป็นบุตรคนที่สองของตระกูล")
    price = answer_kind("ปลาเก๋าเสือเลี้ยงเป็นปลาเศรษฐกิจได้โดยราคาขายอยู่ที่เท่าไหร่")
    assert has_answer(price, "โดยมีราคาขายตัวละ 400-600 บาท")
