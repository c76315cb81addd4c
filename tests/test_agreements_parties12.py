"""Party rules of extraction version 19, on real 2020-2022 sentences (shortened): lists of signing bodies,
a counted class listed elsewhere, provinces that begin with a vowel sign, an abbreviation kept with its body."""
from __future__ import annotations

from indexer.agreements import extract_mentions
from indexer.agreements.parties import organisations_in, with_abbreviation
from indexer.sentences import split_sentences


def _parties(text, date="2022-09-02", lang="th"):
    return [f["value"] for m in extract_mentions("d", text, date, lang, split_sentences(text))
            for f in m["facts"] if f["type"] == "party"]


def test_a_province_whose_name_begins_with_a_vowel_sign_is_a_body():
    # dev2 (ด้านเศรษฐกิจ 2021): "หน่วยงานในระดับพื้นที่ ได้แก่ กรุงเทพมหานคร จังหวัดขอนแก่น จังหวัดเชียงใหม่ ..."
    found = [o for o, *_ in organisations_in("กรุงเทพมหานคร จังหวัดขอนแก่น จังหวัดเชียงใหม่ จังหวัดเลย จังหวัดแพร่", "th")]
    assert found == ["กรุงเทพมหานคร", "จังหวัดขอนแก่น", "จังหวัดเชียงใหม่", "จังหวัดเลย", "จังหวัดแพร่"]
    assert [o for o, *_ in organisations_in("ในจังหวัดเป้าหมาย และจังหวัดใกล้เคียง", "th")] == []


def test_the_signing_bodies_a_sentence_lists_are_parties():
    # dev3 (ข่าวรองนายกรัฐมนตรี 2022): "มีหน่วยงานร่วมลงนาม ประกอบด้วย 2 กลุ่ม คือ 1) ... ได้แก่ ..."; "เพื่อ" inside a name
    text = ("สำหรับการพิธีลงนามบันทึกข้อตกลงความร่วมมือ (MOU) มีหน่วยงานร่วมลงนาม ประกอบด้วย 2 กลุ่ม คือ 1) กลุ่มหน่วยงาน"
            "เจ้าของพื้นที่ ได้แก่ กรมป่าไม้ กรมที่ดิน สำนักงานการปฏิรูปที่ดินเพื่อเกษตรกรรม กรมส่งเสริมสหกรณ์ และ 2) กลุ่ม"
            "หน่วยงานพัฒนา ได้แก่ การประปาส่วนภูมิภาค การไฟฟ้าส่วนภูมิภาค และกรมการพัฒนาชุมชน  โดยหน่วยงานที่เกี่ยวข้อง"
            "จะมีการดำเนินการร่วมกัน\n")
    parties = _parties(text)
    for body in ("กรมป่าไม้", "กรมที่ดิน", "กรมส่งเสริมสหกรณ์", "การประปาส่วนภูมิภาค", "การไฟฟ้าส่วนภูมิภาค", "กรมการพัฒนาชุมชน"):
        assert body in parties
    assert any(p.startswith("สำนักงานการปฏิรูปที่ดิน") for p in parties)
    # dev6 (ด้านเศรษฐกิจ 2022): the counted partners of a signing in a sentence without the kind word
    text = ("รมว.อว. ลงนาม MOU Higher Education Sandbox ของฉุกเฉินการแพทย์ ร่วม 10 สถาบัน\n"
            "ศ.(พิเศษ) ดร.เอนก เป็นประธานเปิดงานและลงนามความร่วมมือกับองค์กรภาคีเครือข่าย 3 สถาบัน ได้แก่ สถาบันการแพทย์"
            "ฉุกเฉินแห่งชาติ, มหาวิทยาลัยมหิดล, มหาวิทยาลัยพะเยา เพื่อผลิตนักฉุกเฉินการแพทย์\n")
    assert _parties(text) == ["สถาบันการแพทย์ฉุกเฉินแห่งชาติ", "มหาวิทยาลัยมหิดล", "มหาวิทยาลัยพะเยา"]


def test_a_counted_class_of_the_signing_subject_is_read_where_it_is_listed():
    # dev2 (ด้านเศรษฐกิจ 2022): "... ร่วมด้วยธนาคารอีก 11 ธนาคาร ได้ลงนาม ..." and, later, "ธนาคารอีก 11 ธนาคาร ได้แก่ ..."
    text = ("กรมสรรพากร และ บริษัท เนชั่นแนลดิจิทัลไอดี จำกัด (NDID) ร่วมด้วยธนาคารอีก 3 ธนาคาร ได้ลงนามในบันทึกความเข้าใจ "
            "เรื่อง การเข้าถึงระบบการพิสูจน์และยืนยันตัวตนทางดิจิทัล\n"
            "ทั้งนี้ กรมสรรพากรขอขอบคุณ สมาคมธนาคารไทย และธนาคารอีก 3 ธนาคาร ได้แก่ ธนาคารกรุงเทพ จำกัด (มหาชน) "
            "ธนาคารออมสิน ธนาคารอาคารสงเคราะห์ ที่เห็นถึงความสำคัญ\n")
    parties = _parties(text, "2022-05-24")
    for body in ("กรมสรรพากร", "ธนาคารกรุงเทพ", "ธนาคารออมสิน", "ธนาคารอาคารสงเคราะห์"):
        assert body in parties


def test_an_abbreviation_in_brackets_stays_with_its_body():
    # dev6 (ด้านเศรษฐกิจ 2022): "ระหว่าง สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน) (พอช.) กับ กองทุนการออมแห่งชาติ (กอช.)"
    text = ("ลงนามบันทึกข้อตกลงความร่วมมือ ระหว่าง สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน) (พอช.) กับ กองทุนการออมแห่งชาติ "
            "(กอช.) ในการให้บริการ\n")
    assert _parties(text) == ["สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน) (พอช.)", "กองทุนการออมแห่งชาติ (กอช.)"]
    # dev4 (ด้านเศรษฐกิจ 2022): an abbreviation of a longer name the reader took only the end of is not the body's
    text = "Dean of the College of Management of Mahidol University (CMMU)"
    at = text.index("Mahidol University")
    assert with_abbreviation("Mahidol University", text, at) == "Mahidol University"
    assert with_abbreviation("กระทรวงมหาดไทย", "กับ กระทรวงมหาดไทย (ประเทศไทย)", 4) == "กระทรวงมหาดไทย"
