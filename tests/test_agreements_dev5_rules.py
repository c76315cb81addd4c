"""Rules written after the fifth round of dev judgements (dev5), on real 2020-2022 sentences (shortened).
Each rule was checked on a diff of every fact extracted from the 711 dev articles; where a test uses the
dev5 sentence that suggested the rule, the comment names another dev article where the diff found it at work."""
from __future__ import annotations

from indexer.agreements import extract_mentions
from indexer.agreements.areas import _cued
from indexer.agreements.kinds import kind_of
from indexer.agreements.parties import organisations_in
from indexer.agreements.signatories import signatories_in
from indexer.sentences import split_sentences


def _values(text, typ, date="2022-08-16", lang="th"):
    return [f["value"] for m in extract_mentions("d", text, date, lang, split_sentences(text))
            for f in m["facts"] if f["type"] == typ]


def test_the_cabinets_standing_clause_amends_nothing():
    # Cabinet Meeting Synopsis of 2022 (the Japan ICT MOU): the clause ends "... of the amendment"
    text = ("Title: Draft MOU between Thailand’s Ministry of Digital Economy and Society and Japan’s Ministry of Internal "
            "Affairs and Communications on Information, Communication and Digital Technology\n"
            "The cabinet approved the signing of an MOU between Thailand’s Ministry of Digital Economy and Society and "
            "Japan’s Ministry of Internal Affairs and Communications on Information, Communication and Digital Technology. "
            "Should there be an amendment in parts that are not gist nor against national interest, Ministry of Digital "
            "Economy and Society may proceed, and inform the cabinet later of the amendment.\n")
    assert _values(text, "stage", lang="en") == ["approved"]


def test_a_signing_once_made_is_not_reported():
    # "เมื่อมีการลงนาม ... แล้ว จะเริ่มมีผล": once signed it takes effect; the cabinet approved the draft
    text = ("วันนี้ ครม. จึงมีมติเห็นชอบร่างบันทึกความเข้าใจว่าด้วยการให้สารสนเทศด้านน้ำของแม่น้ำล้านช้างตลอดทั้งปี\n"
            "ทั้งนี้ เมื่อมีการลงนามในบันทึกความเข้าใจฉบับนี้แล้ว จะเริ่มมีผลตั้งแต่วันที่ 1 พฤศจิกายน 2563 เป็นต้นไป เป็นเวลา 5 ปี\n")
    assert _values(text, "stage", date="2020-10-28") == ["approved"]


def test_a_bracketed_mou_after_the_kinds_words_makes_it_an_mou():
    # ข่าวคณะโฆษก 2022 (MoU workers): "บันทึกข้อตกลงความเข้าใจ (MOU)"; a private-use tone mark in another article
    assert kind_of("ตามบันทึกข้อตกลงความเข้าใจ (MOU) ขององค์กรต่างๆ")[0] == "mou"
    assert kind_of("เป็นประธานในพิธีลงนามบันทึกข้อตกลงความเข\uf70bาใจ (MOU) โครงการสร้างโคเนื้อ")[0] == "mou"
    assert kind_of("ลงนามบันทึกข้อตกลงการใช้ประโยชน์พื้นที่ (MOU)")[0] == "agreement"


def test_a_ministry_whose_units_sign_is_not_a_party():
    # ด้านเศรษฐกิจ 2022 (Siriraj station): "ระหว่างหน่วยงานในสังกัดกระทรวงคมนาคมและคณะแพทยศาสตร์ศิริราชพยาบาล"
    got = [o for o, *_ in organisations_in("การบูรณาการร่วมกันระหว่างหน่วยงานในสังกัดกระทรวงคมนาคมและคณะแพทยศาสตร์"
                                          "ศิริราชพยาบาล ที่ร่วมกันสนับสนุน", "th")]
    assert "กระทรวงคมนาคม" not in got and "คณะแพทยศาสตร์ศิริราชพยาบาล" in got
    got = [o for o, *_ in organisations_in("ได้มีการทำ MOU ร่วมกับสถาบันการศึกษาทั่วประเทศ", "th")]
    assert got == []   # a class of bodies


def test_english_ministries_in_possessive_and_after_their_department():
    got = [o for o, *_ in organisations_in(
        "between Ministry of Natural Resources and Environment and Embassy of People’s Republic of China in Thailand", "en")]
    assert "Ministry of Natural Resources and Environment" in got
    got = [o for o, *_ in organisations_in(
        "the Thai Meteorological Department, Ministry of Digital Economy and Society, Ministry of Interior’s Disaster "
        "Mitigation and Prevention Department have signed an MOU with LINE Company (Thailand) Co., Ltd.", "en")]
    assert "Thai Meteorological Department" in got and "Disaster Mitigation and Prevention Department" in got
    assert not [o for o in got if o.startswith("Ministry")]
    # a list of ministries is kept: "Ministry of Public Health, Ministry of Higher Education, ..."
    got = [o for o, *_ in organisations_in("between Ministry of Public Health, Ministry of Industry of the Kingdom of "
                                          "Thailand and Japan’s Cabinet Secretariat", "en")]
    assert {"Ministry of Public Health", "Ministry of Industry"} <= set(got)


def test_what_a_speaker_says_after_the_parties_is_not_a_party():
    text = ("นายสุริยะ รัฐมนตรีว่าการกระทรวงอุตสาหกรรม เปิดเผยภายหลังร่วมเป็นสักขีพยานในพิธีลงนามบันทึกข้อตกลงความร่วมมือ"
            "การพัฒนานิคมอุตสาหกรรมอัจฉริยะ ระหว่าง การนิคมอุตสาหกรรมแห่งประเทศไทย (กนอ.) กับบริษัท Korea Land and Housing "
            "Corporation (LH) โดยระบุว่า กระทรวงอุตสาหกรรมกำหนดพันธกิจขับเคลื่อนและพัฒนาระบบนิเวศอุตสาหกรรม")
    got = _values(text, "party")
    assert any(p.startswith("การนิคมอุตสาหกรรมแห่งประเทศไทย") for p in got) and not [p for p in got if p.startswith("กระทรวง")]


def test_the_person_a_signer_stands_in_for_did_not_sign():
    # ด้านเศรษฐกิจ 2020: "นาย ก รองปลัด... เปิดเผยภายหลังเป็นตัวแทน ดร. ข ปลัด... ร่วมลงนาม"
    text = ("นายระพีภัทร์ จันทรศรีวงศ์ รองปลัดกระทรวงเกษตรและสหกรณ์ เปิดเผยภายหลังเป็นตัวแทน ดร.ทองเปลว กองจันทร์ "
            "ปลัดกระทรวงเกษตรและสหกรณ์ ร่วมลงนามในบันทึกข้อตกลง (MOU) ความร่วมมือในการขับเคลื่อนสินค้า")
    assert [s[0] for s in signatories_in(text)] == ["นายระพีภัทร์ จันทรศรีวงศ์"]
    text = ("ธนาคาร ก (ธพว.) หรือ SME D Bank โดย นางสาวนารถนารี รัฐปัตย์ กรรมการผู้จัดการ ร่วมกับ บริษัท บริหารสินทรัพย์"
            "สุขุมวิท จำกัด (บสส.) หรือ SAM โดย  นางสิรินารถ แน่งอนงค์ รองกรรมการผู้จัดการ ซึ่งได้รับมอบหมายจาก นายธรัฐพร "
            "เตชะกิจขจร กรรมการผู้จัดการ ร่วมลงนามบันทึกความเข้าใจ")
    assert [s[0] for s in signatories_in(text)] == ["นางสาวนารถนารี รัฐปัตย์", "นางสิรินารถ แน่งอนงค์"]


def test_the_sides_of_a_signing_named_by_bodies_of_several_words():
    # ด้านเศรษฐกิจ 2021 (iBank and a leasing company)
    text = ("ได้มีพิธีลงนามบันทึกความร่วมมือ (MOU) การให้บริการแนะนำผลิตภัณฑ์สินเชื่อรถยนต์ ระหว่างธนาคารอิสลามแห่งประเทศไทย"
            "(ไอแบงก์) โดยนายวุฒิชัย สุระรัตน์ชัย กรรมการและผู้จัดการธนาคาร และบริษัท อะมานะฮ์ ลิสซิ่ง จำกัด (มหาชน) โดย "
            "ดร. นันทพล พงษ์ไพบูลย์ กรรมการผู้จัดการ โดยมี พลเอก ดร.ณัฏฐิพงษ์  เผือกสกนธ์  ประธานกรรมการบริษัทฯ ร่วมเป็นสักขีพยาน")
    assert [s[0] for s in signatories_in(text)] == ["นายวุฒิชัย สุระรัตน์ชัย", "ดร. นันทพล พงษ์ไพบูลย์"]


def test_prosecutor_and_police_inspector_titles():
    text = ("นายสุทธิพงษ์ จุลเจริญ ปลัดกระทรวงมหาดไทย พร้อมด้วยนายธีรศักดิ์ เงยวิจิตร เลขาธิการสำนักงานศาลยุติธรรม "
            "นายอำนาจ เจตน์เจริญรักษ์ รองอัยการสูงสุด และพลตำรวจโท วีระ จิรวีระ รองจเรตำรวจแห่งชาติ ร่วมลงนามบันทึกข้อตกลง")
    got = signatories_in(text)
    assert [s[0] for s in got] == ["นายสุทธิพงษ์ จุลเจริญ", "นายธีรศักดิ์ เงยวิจิตร", "นายอำนาจ เจตน์เจริญรักษ์",
                                   "พลตำรวจโท วีระ จิรวีระ"]


def _areas(text, lang="en", date="2022-08-16"):
    return _values(text, "area", date, lang)


def test_areas_of_cooperation_an_english_synopsis_lists():
    text = ("Title: Draft Memorandum of Understanding on Digital Economic Cooperation between Ministry of Digital Economy "
            "and Society of the Kingdom of Thailand and Ministry of Communications and Information of the Republic of "
            "Singapore\nAreas of cooperation under the Memorandum of Understanding on Digital Economic Cooperation between "
            "Ministry of Digital Economy and Society of the Kingdom of Thailand and Ministry of Communications and "
            "Information of the Republic of Singapore include: 1) Digital Connectivity, 2) Data, 3) Tech Talent and "
            "Manpower, 4) Emerging Technologies, 5) Smart City and Estates, 6) Cyber Security, and 7) others.\n")
    got = _areas(text)   # the list whole, as written, its "others" too (as the 36 fields of the ASEAN-OECD MOU)
    assert {"Digital Connectivity", "Data", "Tech Talent and Manpower", "Cyber Security", "others"} <= set(got)


def test_fields_after_a_cue_to_cooperate():
    # Cabinet Meeting Synopsis of 2022 (a Thailand-UK letter of intent), and one of 2022 (Thailand-UK agriculture)
    text = ("The Letter of Intent between Ministry of Digital Economy and Society of the Kingdom of Thailand and the "
            "Department for Digital, Culture, Media & Sport of the United Kingdom is aimed to facilitate trade and "
            "promote cooperation on regulations, technology, and trade, and to deepen relations on digital economy.\n")
    assert {"regulations", "technology", "trade"} <= set(_areas(text))
    text = ("The draft MOU on agricultural cooperation between Thailand’s Ministry of Agriculture and Cooperatives and "
            "UK’s Department for Environment, Food and Rural Affairs is aimed to promote bilateral cooperation in "
            "agriculture, horticulture, animal husbandry, fishery, aquaculture, food processing, and agricultural "
            "policies, as well as any other issue of mutual interest.\n")
    assert _areas(text) == ["agriculture", "horticulture", "animal husbandry", "fishery", "aquaculture",
                            "food processing", "agricultural policies"]
    # one field and its examples; two fields alone are no list ("strengthen cooperation on A and B")
    text = ("The draft Memorandum of Understanding (MOU) between Ministry of Public Health and Japan’s Cabinet Secretariat "
            "prescribes promotion of cooperation between Thailand and Japan on healthcare, such as medical services, "
            "vaccines, and human resource development.\n")
    assert _areas(text) == ["healthcare", "medical services", "vaccines", "human resource development"]
    assert _cued("The MOU aims to strengthen cooperation on security and defence on the basis of mutual trust.") == []


def test_the_field_after_the_parties_and_inside_a_thai_name():
    # Cabinet Meeting Synopsis of 2022 (Thailand-Laos electricity MOU): the parties' phrase comes first
    text = ("The cabinet approved the draft Memorandum of Understanding between the Government of the Kingdom of Thailand "
            "and the Government of the Lao People's Democratic Republic regarding Cooperation on the Development of "
            "Electrical Energy in the Lao PDR 2022.\n")
    assert _areas(text) == ["Development of Electrical Energy in the Lao PDR"]
    text = ("โดยในวันนี้ มีการลงนามจำนวน 2 ฉบับ คือ 1) บันทึกความเข้าใจ เรื่อง การพัฒนาวิชาการด้านการวิจัยและการส่งเสริมการเกษตร "
            "ระหว่างอธิการบดี และอธิบดีกรมส่งเสริมการเกษตร\n")
    assert _areas(text, "th", "2021-11-18") == ["การวิจัยและการส่งเสริมการเกษตร"]


def test_an_mou_made_or_a_cooperation_signed_is_a_signing_without_its_date():
    # ด้านเศรษฐกิจ 2022 (a department's cannabis MOU) and ด้านสังคม 2021 ("หลังลงนามความร่วมมือ ... 1 สัปดาห์")
    text = ("นอกจากนี้ จากการที่กรมวิชาการเกษตรได้ทำบันทึกข้อตกลงความร่วมมือ (MOU) พืชสกุลกัญชา ร่วมมือกับกระทรวงสาธารณสุข\n")
    assert _values(text, "stage", "2022-05-19") == ["signed"] and _values(text, "signed_date", "2022-05-19") == []
    text = ("รมว.พม. เป็นประธานการประชุมทีม พม. One Home และหน่วยงานภายใต้บันทึกข้อตกลงความร่วมมือ (MOU) โครงการบูรณาการ"
            "เพื่อพัฒนาคุณภาพชีวิตกลุ่มเปราะบางรายครัวเรือน\nหลังลงนามความร่วมมือระหว่างหน่วยงาน 1 สัปดาห์\n")
    assert _values(text, "stage", "2021-03-10") == ["signed"]
    # a signing a fraudster claims is not one
    text = "หลอกคนหางานว่าสามารถพาไปทำงานเกาหลีได้ โดยอ้างว่าได้ทำบันทึกความเข้าใจ MOU กับหน่วยงานภาคเอกชนของสาธารณรัฐเกาหลี\n"
    assert _values(text, "stage", "2022-10-01") == []


def test_a_counted_list_of_parties_after_a_date():
    # ด้านวัฒนธรรมท่องเที่ยวฯ 2022: "กับ 13 หน่วยงาน ไปเมื่อเร็วๆ นี้ ได้แก่ ..."
    text = ("รวมถึงวธ.ได้ลงนามบันทึกข้อตกลงความร่วมมือ (MOU) การขับเคลื่อนเมืองพัทยาฯ กับ 13 หน่วยงาน ไปเมื่อเร็วๆ นี้ ได้แก่ "
            "สำนักงานคณะกรรมการนโยบายเขตพัฒนาพิเศษภาคตะวันออก เมืองพัทยา กรมการท่องเที่ยว มหาวิทยาลัยบูรพา\n")
    assert {"สำนักงานคณะกรรมการนโยบายเขตพัฒนาพิเศษภาคตะวันออก", "กรมการท่องเที่ยว", "มหาวิทยาลัยบูรพา"} <= set(
        _values(text, "party", "2022-11-22"))


def test_the_venue_at_the_end_of_a_long_signing_line():
    # ด้านเศรษฐกิจ 2022 (the national savings fund): the venue closes the line, six sentences after the signing
    text = ("วันที่ 10 มิถุนายน 2565 นายอาคม เป็นประธานในพิธีลงนามบันทึกความร่วมมือ ระหว่างสถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน) "
            "โดยเครือข่ายองค์กรชุมชน กับ กองทุนการออมแห่งชาติ (กอช.) ในการให้บริการเป็นหน่วยรับสมัครสมาชิกกองทุนการออมแห่งชาติ "
            "พร้อมด้วย นางสาวชุณหจิต สังข์ใหม่ รองปลัดกระทรวงการคลัง ปฏิบัติหน้าที่แทนประธานกรรมการกองทุนการออมแห่งชาติ "
            "ร่วมเป็นสักขีพยาน โดยมี นายไมตรี อินทุสุต ประธานกรรมการสถาบันพัฒนาองค์กรชุมชน และนางสาวณหทัย ขันธวิเชียร "
            "ผู้ช่วยเลขาธิการกองทุนการออมแห่งชาติ เป็นผู้ลงนามในบันทึกความร่วมมือ ณ สำนักงานเทศบาลนครนครสวรรค์ ตำบลปากน้ำโพ "
            "อำเภอเมืองนครสวรรค์ จังหวัดนครสวรรค์\n")
    assert _values(text, "place", "2022-06-10") == ["สำนักงานเทศบาลนครนครสวรรค์ ตำบลปากน้ำโพ อำเภอเมืองนครสวรรค์"]
    # an institute as the venue
    text = ("ดร.เฉลิมชัย เป็นสักขีพยานในพิธีลงนามบันทึกข้อตกลง ระหว่างกรมประมง และสถาบันเทคโนโลยีพระจอมเกล้าเจ้าคุณทหารลาดกระบัง "
            "ณ สถาบันเทคโนโลยีพระจอมเกล้าเจ้าคุณทหารลาดกระบัง\n")
    assert _values(text, "place", "2021-11-18") == ["สถาบันเทคโนโลยีพระจอมเกล้าเจ้าคุณทหารลาดกระบัง"]


def test_a_long_run_of_thai_between_two_people_is_read_at_once():
    # ด้านความมั่นคง 2023-12-03 (the food-waste MOU): the 216 characters between the second and the
    # third person open with "และ" and hold no "โดย" at their end; as one regular expression the
    # side-joining rule tried every split of them into eight pieces and never returned
    from indexer.time_limit import time_limit

    text = ("วันที่ 16 พฤศจิกายน 2566 เวลา 09.00 น. พล.ต.อ.พัชรวาท วงษ์สุวรรณ รองนายกรัฐมนตรี และรัฐมนตรีว่าการกระทรวง"
            "ทรัพยากรธรรมชาติและสิ่งแวดล้อม เป็นประธานในพิธีลงนามบันทึกข้อตกลงความร่วมมือ (MOU) การขับเคลื่อนการจัดการขยะอาหาร"
            "เพื่อรองรับเป้าหมายด้านการลดก๊าซเรือนกระจก ร่วมกับ นายอนุทิน ชาญวีรกูล รองนายกรัฐมนตรี และรัฐมนตรีว่าการกระทรวง"
            "มหาดไทย เพื่อสร้างความร่วมมือระหว่างกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม และกระทรวงมหาดไทย ในการส่งเสริมให้"
            "องค์กรปกครองส่วนท้องถิ่นมีการจัดการขยะอาหารตั้งแต่ต้นทางจากครัวเรือนและชุมชน โดยมี นายจตุพร บุรุษพัฒน์ "
            "ปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม พร้อมด้วย นายสุทธิพงษ์ จุลเจริญ ปลัดกระทรวงมหาดไทย ร่วมเป็นสักขีพยาน")

    with time_limit(60):   # a liveness guard, not a speed target: it takes milliseconds
        found = signatories_in(text)
    assert [s[0] for s in found] == ["นายอนุทิน ชาญวีรกูล"]


def test_the_side_joining_words_between_two_signers():
    from indexer.agreements.signatories import _joins_sides

    assert _joins_sides(" ร่วมกับ บริษัท บริหารสินทรัพย์สุขุมวิท จำกัด (บสส.) หรือ SAM โดย  ")
    assert _joins_sides("และกรมส่งเสริมการเกษตรโดย")               # "โดย" written onto the side's last word
    assert not _joins_sides(" และ ")                                  # no side, no "โดย"
    assert not _joins_sides(" และ กรม ก โดยมี ")                      # the guests follow
    assert not _joins_sides(" ร่วมกับ ก ประธานกรรมการ โดย ")          # a chair is no side
    assert not _joins_sides(" และ " + "ก ข " * 5 + "โดย")             # ten words: more than eight pieces
    assert not _joins_sides(" และ " + "ก" * 481 + " โดย")             # one word of more than eight pieces of 60
