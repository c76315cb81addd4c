"""The party-slot reader of extraction version 20 on real 2020-2022 sentences (shortened): bodies whose head word
the reader does not know, taken from the marks of a name (its initials, a national suffix), and initials that
the article or the 2020-2022 archive binds to a name."""
from __future__ import annotations

from indexer.agreements import extract_mentions
from indexer.agreements.learn_initials import learn
from indexer.agreements.slots import bindings_in, learned_initials, name_for_initials, slot_bodies
from indexer.sentences import split_sentences


def _parties(text, date="2022-09-02", lang="th"):
    return [f["value"] for m in extract_mentions("d", text, date, lang, split_sentences(text))
            for f in m["facts"] if f["type"] == "party"]


def test_initials_spell_the_end_of_the_text_before_them():
    # the first letters of the name's syllables, in order; the shortest end that has them
    assert name_for_initials("จึงได้บูรณาการความร่วมมือกับการไฟฟ้านครหลวง", "กฟน.") == "การไฟฟ้านครหลวง"
    assert name_for_initials("ผู้จัดการธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร", "ธ.ก.ส.") == "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร"
    # a head the initials leave out is kept: "(พม.)" for กระทรวงการพัฒนาสังคม...
    assert name_for_initials(" ระหว่างกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์", "พม.") == \
        "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์"
    # a body's head before a shorter spelling end: สภา... (สรท.), not "ส่งสินค้า..."
    assert name_for_initials("และสภาผู้ส่งสินค้าทางเรือแห่งประเทศไทย", "สรท.") == "สภาผู้ส่งสินค้าทางเรือแห่งประเทศไทย"
    # initials of a phrase that is no name, and initials nothing spells
    assert name_for_initials("ช่วงวัยอย่างยั่งยืนตามหลักปรัชญาของเศรษฐกิจพอเพียง", "อขจพ.") is None


def test_an_unknown_head_with_a_national_suffix_fills_a_slot():
    # dev4 (ด้านกฎหมายฯ 2021): the head-word reader knows no "สหกิจ"
    text = ("กระทรวงยุติธรรม โดยกรมคุ้มครองสิทธิและเสรีภาพ ร่วมกับ สหกิจคริสเตียนแห่งประเทศไทย ลงนามบันทึกข้อตกลงความร่วมมือ "
            "(MOU) การดำเนินงานด้านการส่งเสริมสิทธิและเสรีภาพของประชาชน\n")
    assert "สหกิจคริสเตียนแห่งประเทศไทย" in _parties(text)
    # a person's position ending in a body's name is no body (2020, ด้านเศรษฐกิจ)
    assert slot_bodies(" พลตำรวจเอกสุวัฒน์ แจ้งยอดสุข ผู้บัญชาการตำรวจแห่งชาติ ซึ่งความร่วมมือ", "") == []


def test_initials_bound_in_the_article_fill_a_slot():
    # dev2 (ด้านเศรษฐกิจ 2022): the article names both bodies in full with their initials, the signing by initials
    text = ("ผู้ว่าการการรถไฟฟ้าขนส่งมวลชนแห่งประเทศไทย (รฟม.) กล่าวว่า รฟม. ได้บูรณาการความร่วมมือกับการไฟฟ้านครหลวง (กฟน.) "
            "ในการเข้าร่วมโครงการ\n"
            "โดย รฟม. และ กฟน. ได้ร่วมลงนามบันทึกความเข้าใจโครงการพัฒนาเทคโนโลยีด้านพลังงานทดแทน\n")
    assert bindings_in(text)["กฟน."] == "การไฟฟ้านครหลวง"
    parties = _parties(text)
    assert "การรถไฟฟ้าขนส่งมวลชนแห่งประเทศไทย (รฟม.)" in parties and "การไฟฟ้านครหลวง (กฟน.)" in parties
    # Latin initials after a body's name (dev2, ด้านเศรษฐกิจ 2022)
    text = ("ดร.รักษ์ วรกิจโภคาทร กรรมการผู้จัดการ ธนาคารเพื่อการส่งออกและนำเข้าแห่งประเทศไทย (EXIM BANK) กล่าว\n"
            "EXIM BANK และ หอการค้าไทยและสภาหอการค้าแห่งประเทศไทย ร่วมลงนามในบันทึกข้อตกลงความร่วมมือ (MOU) "
            "เพื่อสนับสนุนให้ผู้ประกอบการไทย\n")
    assert "ธนาคารเพื่อการส่งออกและนำเข้าแห่งประเทศไทย (EXIM BANK)" in _parties(text)


def test_initials_the_archive_binds_fill_a_slot():
    # dev6 (ด้านเศรษฐกิจ 2020): the article writes ธ.ก.ส. alone; the 2020-2022 archive binds it
    assert learned_initials()["ธ.ก.ส."] == "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร"
    text = ("กระทรวงเกษตรและสหกรณ์ได้ดำเนินโครงการภายใต้บันทึกความเข้าใจ (MOU) โครงการสนับสนุนสินเชื่อ ระหว่าง กรมปศุสัตว์ และ "
            "ธ.ก.ส. โดยเกษตรกรต้องรวมกลุ่มจดทะเบียนวิสาหกิจชุมชน\n")
    assert _parties(text) == ["กรมปศุสัตว์", "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร (ธ.ก.ส.)"]
    # the ministry acting by its department is no party (2022, ด้านสังคม: "วันนี้ กระทรวง พม. โดย พก. ...")
    assert slot_bodies(" วันนี้ กระทรวง พม. โดย พก. ร่วมกับ", "") == []
    # unbound initials are not read
    assert slot_bodies(" กรมปศุสัตว์ และ ขกข. โดยเกษตรกร", "") == []


def test_the_archive_binding_needs_two_documents_and_no_rival():
    one = "ความร่วมมือกับการไฟฟ้านครหลวง (กฟน.) ในการติดตั้ง"
    other = "การไฟฟ้านครหลวง (กฟน.) และการไฟฟ้าส่วนภูมิภาค (กฟภ.) สามารถรองรับได้"
    assert learn({"a": one, "b": other}) == [("กฟน.", "การไฟฟ้านครหลวง", 2)]
    assert learn({"a": one}) == []


def test_a_thai_name_glossed_in_english_opens_its_item():
    # dev6 (ข่าวคณะโฆษก 2022): "คอร์ปอเรชั่น" ends a longer Thai name; initials inside a gloss belong to the name before it
    assert slot_bodies("EEC) และ ธนาคารซูมิโตโม มิตซุย แบงกิ้ง คอร์ปอเรชั่น (Sumitomo Mitsui Banking Corporation: SMBC) หนึ่ง", "") == []
    # dev4 (ข่าวคณะโฆษก 2022): the Thai name opens the phrase, the English one glosses it
    found = slot_bodies("สมาคมแห่งมหาสมุทรอินเดีย (Indian Ocean Rim Association: IORA) กับองค์กรต่าง ๆ", "")
    assert [f[0] for f in found] == ["สมาคมแห่งมหาสมุทรอินเดีย"]
