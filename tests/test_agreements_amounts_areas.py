"""Amounts of money an agreement provides (extraction version 62) and a counted list of areas (63), read from real 2021-2022 thaigov-mou
releases (dev)."""
from indexer.agreements import extract_mentions
from indexer.sentences import split_sentences


def _values(text, typ, date, lang="th"):
    """The values of the facts of type ``typ`` read from ``text``, cut as the indexer cuts it."""
    return [f["value"] for m in extract_mentions("d", text, date, lang, split_sentences(text))
            for f in m["facts"] if f["type"] == typ]


def _amounts(text, date="2022-08-29", lang="th"):
    return _values(text, "amount", date, lang)


def test_thai_magnitudes_and_currencies():
    text = ("นางสาวรัชดา ธนาดิเรก รองโฆษกประจำสำนักนายกรัฐมนตรี เปิดเผยว่า ครม.เห็นชอบร่างบันทึกความเข้าใจว่าด้วยความร่วมมือ"
            "ในโครงการภายใต้กองทุนพิเศษแม่โขง- ล้านช้าง ประจำปี พ.ศ.2564 ของ 3 กระทรวง รวม 5 โครงการ วงเงินรวม 1.49 ล้านเหรียญสหรัฐ "
            "ที่จะมีการลงนามบันทึกความเข้าใจภายในเดือนธันวาคม 2564 นี้\n")
    assert _amounts(text, "2021-12-28") == [{"amount": 1_490_000.0, "currency": "USD"}]


def test_the_headline_of_a_report_of_one_agreement():
    text = ("หน่วยงานรัฐนำร่องผนึกกำลังแก้หนี้ SME ด้อยคุณภาพเรื้อรัง เงินต้นรวม 8 พันล้านบาท\n"
            "วันที่ 29 สิงหาคม 2565 นางสาวรัชดา ธนาดิเรก รองโฆษกประจำสำนักนายกรัฐมนตรี เปิดเผยว่า ธนาคารพัฒนาวิสาหกิจขนาดกลางและ"
            "ขนาดย่อมแห่งประเทศไทย (ธพว.) และ บริษัท บริหารสินทรัพย์สุขุมวิท จำกัด (บสส.) ได้ลงนามบันทึกความเข้าใจเพื่อความร่วมมือ"
            "ทางธุรกิจในรูปแบบหน่วยงานรัฐกับหน่วยงานรัฐ (G To G)\n")
    assert _amounts(text) == [{"amount": 8e9, "currency": "THB"}]


def test_a_grant_in_the_gist_of_a_cabinet_topic():
    text = ("The cabinet met on November 1, 2022. Some of the resolutions are as follows:\n"
            "Title: Technical Assistance from U.S. Trade and Development Agency (USTDA) for Implementation of Thailand "
            "Integrated Logistics and Intermodal Transport Development Plan\n"
            "The cabinet approved the draft MOU on Technical Assistance from U.S. Trade and Development Agency (USTDA) for "
            "Implementation of Thailand Integrated Logistics and Intermodal Transport Development Plan.\n"
            "Gist\n"
            "U.S. Trade and Development Agency (USTDA) agreed to provide technical assistance by way of the grant fund "
            "(USD1,360,740) to Office of Transport and Traffic Policy and Planning for the implementation of the plan.\n")
    assert _amounts(text, "2022-11-07", "en") == [{"amount": 1_360_740.0, "currency": "USD"}]


def test_an_amount_a_little_after_the_agreement_named_in_its_paragraph():
    text = ("ดังนั้นกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อมจึงได้เสนอให้ครม.พิจารณาให้ความเห็นชอบร่างบันทึกความเข้าใจฯฉบับใหม่ในครั้งนี้ "
            "โดยยังคงมีเนื้อหาเหมือนฉบับเดิม แต่ได้ปรับขยายระยะเวลาดำเนินโครงการออกไปถึงวันที่ 31 ธันวาคม 2568  "
            "และกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อมได้ตั้งงบประมาณรายจ่ายประจำปีงบประมาณ 2565 เพื่อดำเนินโครงการแล้ว"
            "จำนวน 10.95 ล้านบาท  จากงบประมาณโครงการรวม 15.24 ล้านบาท\n")
    assert {"amount": 15_240_000.0, "currency": "THB"} in _amounts(text, "2022-01-25")
    # far down a long paragraph that named an MoU once, a bank's loan quota is not the agreement's
    text = ("ธอส. จัดสินเชื่อบ้านอัตราดอกเบี้ยพิเศษในงาน Money Expo\n"
            "ธอส. ร่วมลงนามบันทึกข้อตกลงความร่วมมือกับหน่วยงานต่าง ๆ " + "ลูกค้าสามารถจองสิทธิ์สินเชื่อบ้านได้ " * 40 +
            "ธนาคารขอสงวนสิทธิ์ในการปิดจองก่อนเวลา 15.15 น. เมื่อมีการจองเต็มกรอบวงเงินรวม 650 ล้านบาท\n")
    assert not _amounts(text, "2020-10-23")


def test_a_value_or_another_party_s_plan_is_not_the_agreement_s_amount():
    # a film MoU's report gives China's box office; a report of Toyota's MoU gives another company's investment plan
    text = ("ครม.เห็นชอบบันทึกความเข้าใจว่าด้วยความร่วมมือด้านภาพยนตร์ไทย-จีน ซึ่งในปี 2562 มีมูลค่าการขายตั๋วอยู่ที่ 64,200 "
            "ล้านหยวน หรือประมาณ 337,050 ล้านบาท\n")
    assert not _amounts(text, "2021-10-19")
    text = ("บริษัท เอจีซี ที่มีแผนการลงทุนในไทยเพิ่มขึ้นอีก 1 แสนล้านเยน และบริษัท โตโยต้า มอเตอร์ คอร์ปอเรชัน "
            "ที่มีการลงนาม MOU กับภาครัฐของไทยในด้านการผลิต EV\n")
    assert not _amounts(text, "2022-11-17")
    # given ("สนับสนุน ... มูลค่า"), a value is the agreement's
    text = ("พม. ลงนามบันทึกความร่วมมือกับบริษัท เซ็นทรัล รีเทล คอร์ปอเรชั่น จำกัด (มหาชน) นอกจากนี้ บริษัท เซ็นทรัล รีเทล "
            "คอร์ปอเรชั่น จำกัด (มหาชน) ได้สนับสนุน โครงการเพชรน้ำหนึ่ง มูลค่า 1,040,000 บาท\n")
    assert _amounts(text, "2022-03-30") == [{"amount": 1_040_000.0, "currency": "THB"}]


def test_a_counted_thai_list_that_runs_on_into_the_next_clause():
    # OSMEP's 2021 MoUs with 8 agencies: "ใน 3 ด้าน ได้แก่ ด้านA ด้านB และC ขณะที่ ...", far from "ความร่วมมือ"
    text = ("โดยในปีงบประมาณ 2564 สสว. ได้ลงนามความร่วมมือ (MOU) กับ 8 หน่วยงาน เพื่อให้การสนับสนุนแก่ MSME "
            "ที่ลงทะเบียนเข้าร่วมโครงการฯ และขอรับบริการจาก สสว. ใน 3 ด้าน ได้แก่ ด้านการเพิ่มผลิตภาพลดต้นทุน "
            "ด้านการขยายช่องทางการตลาด และการเชื่อมโยงแหล่งเงินทุน ขณะที่ในปีงบประมาณ 2565 ได้มีความร่วมมือเพิ่มเติมอีก 8 หน่วยงาน\n")
    areas = _values(text, "area", "2022-06-01", "th")
    assert areas == ["การเพิ่มผลิตภาพลดต้นทุน", "การขยายช่องทางการตลาด", "การเชื่อมโยงแหล่งเงินทุน"]


def test_numbered_activities_under_an_mou_are_its_areas_and_a_plain_list_of_them_is_not_cut():
    text = ("Title: Draft MOU between Thailand and Cambodia on Cooperation for Suppressing Call Center Gang and Hybrid Scam\n"
            "The cabinet approved the draft MOU between Ministry of Digital Economy and Society of Thailand and Ministry of "
            "Post and Telecommunications of Cambodia on cooperation for suppressing call center gang and hybrid scam.\n"
            "Gist\n"
            "Activities specified under the MOU are: 1) exchanging knowledge on suppression of call center gang and hybrid "
            "scam; 2) appointing coordinators to facilitate related investigation; 3) liaising the extradition process; "
            "4) establishing a co-working group between the two countries; and 5) other areas of cooperation.\n")
    areas = _values(text, "area", "2022-10-04", "en")
    assert "liaising the extradition process" in areas and "establishing a co-working group between the two countries" in areas
    assert not any(a.startswith("other") for a in areas)
    # "Activities under the MOU include policy and technology cooperation, exchange of experts and representatives, ...":
    # no numbers, so no cutting at its "and"s
    text = ("Title: Draft MOU between Thailand and Japan on ICT Cooperation\n"
            "Activities under the MOU include policy and technology cooperation, exchange of experts and representatives, "
            "organization of exhibitions, seminars, conference, and trainings, among others.\n")
    areas = _values(text, "area", "2022-10-04", "en")
    assert "policy" not in areas and "representatives" not in areas


def test_fields_written_apart_by_spaces_after_atthi():
    # Thailand-Brazil agriculture MoU, 2022
    text = ("ดร.เฉลิมชัย ศรีอ่อน รัฐมนตรีว่าการกระทรวงเกษตรและสหกรณ์ เปิดเผยภายหลังพิธีลงนามบันทึกความเข้าใจว่าด้วยความร่วมมือ"
            "ด้านการเกษตร ระหว่างกระทรวงเกษตรและสหกรณ์แห่งราชอาณาจักรไทย กับกระทรวงเกษตร ปศุสัตว์ และอุปทานอาหาร"
            "แห่งสหพันธ์สาธารณรัฐบราซิล ซึ่งความร่วมมือครั้งนี้มีวัตถุประสงค์ เพื่อสนับสนุนความร่วมมือด้านการเกษตรในสาขาต่าง ๆ "
            "อาทิ พืช ประมง ปศุสัตว์ ดิน การจัดการน้ำ การพัฒนาสหกรณ์การเกษตรและสถาบันเกษตรกร รวมถึงสาขาอื่น ๆ "
            "ที่ทั้งสองฝ่ายให้ความสนใจร่วมกัน\n")
    areas = _values(text, "area", "2022-05-27", "th")
    assert ["พืช", "ประมง", "ปศุสัตว์", "ดิน", "การจัดการน้ำ", "การพัฒนาสหกรณ์การเกษตรและสถาบันเกษตรกร"] == \
        [a for a in areas if a != "การเกษตร"]
    # the kinds of information a service gives are not the cooperation's fields
    text = ("กระทรวงมหาดไทย และบริษัท ไลน์ คอมพานี (ประเทศไทย) จำกัด ได้ร่วมลงนามบันทึกความเข้าใจว่าด้วยความร่วมมือในการสร้างสรรค์"
            "และให้บริการ LINE ALERT รวมถึงบริการข้อมูลที่เป็นประโยชน์ในด้านต่าง ๆ อาทิ เบอร์ติดต่อฉุกเฉิน โรงพยาบาลใกล้เคียง "
            "พื้นที่เสี่ยง และแนวทางการป้องกันตัวเองจากภัยพิบัติ เป็นต้น\n")
    areas = _values(text, "area", "2022-10-07", "th")
    assert "โรงพยาบาลใกล้เคียง" not in areas


def test_a_listed_activity_does_not_rule_out_the_field_a_question_names():
    from search_api.question_topic import states_other_field, thai_field
    # the 2021 MoU decentralising natural-resource work to local government lists three activities
    record = {"facts": [{"type": "area", "value": "การบริหารจัดการควบคุมไฟป่า", "confidence": 0.75},
                        {"type": "area", "value": "การจัดทำข้อมูลสนับสนุนซึ่งกันและกัน", "confidence": 0.75}]}
    field = thai_field("MOU กระจายอำนาจด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม ทส. กับ มหาดไทย ลงนามเมื่อไร")
    assert not states_other_field(field, record)
    # a field the agreement is named by does
    record["facts"].append({"type": "area", "value": "การบริหารจัดการน้ำ", "confidence": 0.7})
    assert states_other_field(field, record)


def test_a_venue_right_after_the_signing_s_day_in_a_sentence_that_does_not_name_the_agreement():
    # the Department of Internal Trade's 2021 fruit-logistics MoU with airlines; the cutter ends the sentence at "ลงนาม"
    text = ("กรมการค้าภายใน ลงนามบันทึกความเข้าใจ (MOU) ความร่วมมือการบริหารจัดการผลไม้ด้านโลจิสติกส์ กับสายการบิน\n"
            "สำหรับกรมท่าอากาศยาน มีนายวิทวัส ภักดีสันติสกุล รองอธิบดีกรมท่าอากาศยาน (ด้านเศรษฐกิจ) เข้าร่วมลงนาม "
            "ในวันที่ 22 มีนาคม 2564 ณ ห้องบุรฉัตรไชยากร ชั้น 4 กระทรวงพาณิชย์\n")
    places = _values(text, "place", "2021-03-25", "th")
    assert places == ["ห้องบุรฉัตรไชยากร ชั้น 4 กระทรวงพาณิชย์"]
    # a signing to come is not placed
    text = text.replace("เข้าร่วมลงนาม", "จะเข้าร่วมลงนาม")
    assert not _values(text, "place", "2021-03-25")
