"""Linking precision (branch direct12): mentions of different agreements stay apart; and two
extraction rules, a term named just before a cut sentence and an amount in a paragraph about the
cooperation. Mentions are written as the extractor gives them for real 2021-2022 dev articles."""
from indexer.agreements import extract_mentions
from indexer.agreements.link import _subject, link


def _mention(doc, facts, date, lang="th", name=None, seg=0):
    return {"doc_id": doc, "segment": seg, "kind": "mou", "name": name, "date": date, "lang": lang,
            "facts": [{"type": t, "value": v, "text": "", "evidence": [{"doc_id": doc, "start": 0, "end": 1}],
                       "computed": False, "confidence": 0.85} for t, v in facts]}


def _groups(mentions):
    return sorted(sorted(r["documents"]) for r in link(mentions)["records"])


def test_one_shared_body_of_two_is_not_the_same_agreement():
    # the Social Development ministry signs with Suan Dusit, then with Thammasat six days later
    msdhs = "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์"
    a = _mention("dusit", [("kind", "mou"), ("party", msdhs), ("party", "มหาวิทยาลัยสวนดุสิต"),
                           ("signed_date", "2022-09-28")], "2022-09-28")
    b = _mention("tu", [("kind", "mou"), ("party", msdhs), ("party", "มหาวิทยาลัยธรรมศาสตร์"),
                        ("signed_date", "2022-10-04")], "2022-10-04")
    assert _groups([a, b]) == [["dusit"], ["tu"]]
    # the same two bodies reported twice the same week stay one record
    c = _mention("dusit2", [("kind", "mou"), ("party", msdhs), ("party", "มหาวิทยาลัยสวนดุสิต"),
                            ("signed_date", "2022-09-28")], "2022-09-29")
    assert _groups([a, c]) == [["dusit", "dusit2"]]


def test_no_chain_of_a_partners_agreements_months_apart():
    # Thai-Lao: talks in November, a cabinet item in March, another in May: the May one is within
    # 120 days of March, not of November (main joined all three)
    nov = _mention("nov", [("kind", "mou"), ("party", "Thailand"), ("party", "Laos")], "2021-11-08")
    mar = _mention("mar", [("kind", "mou"), ("party", "Thailand"), ("party", "Laos")], "2022-03-01")
    may = _mention("may", [("kind", "mou"), ("party", "Thailand"), ("party", "Laos")], "2022-05-03")
    assert not any({"nov", "may"} <= set(g) for g in _groups([nov, mar, may]))


def test_two_cabinet_approvals_or_an_approval_long_after_the_signing_are_two_agreements():
    jp = [("kind", "mou"), ("party", "Thailand"), ("party", "Japan")]
    a = _mention("2021", jp + [("approved_date", "2021-08-03")], "2021-08-09", "en")
    b = _mention("2022", jp + [("approved_date", "2021-10-29")], "2021-11-01", "en")
    assert len(_groups([a, b])) == 2
    uk = [("kind", "mou"), ("party", "Thailand"), ("party", "United Kingdom")]
    signed = _mention("signed", uk + [("signed_date", "2022-06-23")], "2022-06-23")
    approved = _mention("approved", uk + [("approved_date", "2022-08-16")], "2022-08-22")
    assert len(_groups([signed, approved])) == 2
    # approved, then signed two weeks later: one agreement
    before = _mention("before", uk + [("approved_date", "2022-06-09")], "2022-06-10")
    assert _groups([before, signed]) == [["before", "signed"]]
    # a report that tells of the signing and gives no date was written after it: an approval two months
    # after the report is of another agreement, and a report named for a subject does not bridge them
    told = _mention("told", uk + [("stage", "signed")], "2022-06-23")
    named = _mention("named", uk, "2022-06-21", name="บันทึกความเข้าใจว่าด้วยการต่อต้านการก่อการร้าย")
    english = _mention("cabinet", uk + [("approved_date", "2022-08-16")], "2022-08-22", "en")
    assert ["cabinet"] in _groups([named, told, english])


def test_names_are_compared_by_their_subject():
    assert _subject("บันทึกความเข้าใจว่าด้วยความร่วมมือ") == ""
    assert _subject("Memorandum of Understanding on Digital Economic Cooperation") == "digitaleconomic"
    saudi = [("kind", "mou"), ("party", "Thailand"), ("party", "Saudi Arabia")]
    invest = _mention("invest", saudi, "2022-11-08", name="บันทึกความเข้าใจว่าด้วยความร่วมมือด้านการส่งเสริมการลงทุนโดยตรง")
    energy = _mention("energy", saudi, "2022-11-15", name="บันทึกความเข้าใจว่าด้วยความร่วมมือด้านพลังงาน")
    assert len(_groups([invest, energy])) == 2
    # a name with no subject says nothing against another
    bare = _mention("bare", saudi, "2022-11-10", name="บันทึกความเข้าใจว่าด้วยความร่วมมือ")
    assert _groups([invest, bare]) == [["bare", "invest"]]


def _values(text, typ, date="2021-02-22"):
    from indexer.sentences import split_sentences
    return [f["value"] for m in extract_mentions("d", text, date, "th", split_sentences(text))
            for f in m["facts"] if f["type"] == typ]


def test_a_term_whose_agreement_is_named_just_before_the_cut():
    # 2021 cane and sugar board MoU with CPAC: the splitter cuts "บันทึกข้อตกลงความร่วมมือในครั้งนี้"
    # from "จะร่วมกันดำเนินงานเป็นระยะเวลา 3 ปี"
    text = ("นายเอกภัทร วังสุวรรณ เลขาธิการคณะกรรมการอ้อยและน้ำตาลทราย กล่าวเพิ่มเติมว่า บันทึกข้อตกลงความร่วมมือในครั้งนี้ "
            "จะร่วมกันดำเนินงานเป็นระยะเวลา 3 ปี โดยสำนักงานคณะกรรมการอ้อยและน้ำตาลทราย จะส่งเสริมและสนับสนุนการตัดอ้อยสด")
    assert {"years": 3, "months": 0, "days": 0} in _values(text, "duration")
    # a deadline far into a sentence after a signing is no term
    text = ("พิธีลงนามบันทึกความเข้าใจ หลังจากการลงนามร่วมกันในครั้งนี้ ภายใน 6 เดือน "
            "จะได้แผนสำหรับภาคเอกชนนำไปใช้ขับเคลื่อนเศรษฐกิจในพื้นที่ 17 แผน ประกอบด้วยแผนระดับภาค 5 แผน "
            "ระดับกลุ่มจังหวัด 6 แผน และระดับจังหวัด 6 แผน และตั้งเป้าหมายจะมีแผนครอบคลุมทุกพื้นที่ทั่วประเทศภายในระยะเวลา 2 ปี")
    assert not _values(text, "duration")


def test_an_amount_in_a_paragraph_about_the_cooperation():
    # 2022 TCG MoU with IEAT and four banks: the paragraph opens with "ภายใต้ความร่วมมือครั้งนี้"
    text = ("บสย. ร่วมพิธีลงนามบันทึกความเข้าใจว่าด้วยความร่วมมือในการส่งเสริมสนับสนุนมาตรการทางการเงิน\n"
            "ภายใต้ความร่วมมือครั้งนี้ บสย. พร้อมให้การสนับสนุนการค้ำประกันสินเชื่อ ผู้ประกอบการ SMEs ที่ดำเนินธุรกิจภายใต้กฎหมายหรือนโยบาย"
            "ที่เกี่ยวข้องกับการอนุรักษ์พลังงาน การใช้พลังงานทางเลือกและพลังงานทดแทน ผ่านโครงการค้ำประกันสินเชื่อ PGS 9 "
            "พร้อมสิทธิประโยชน์ ยกเว้นค่าธรรมเนียมค้ำประกันสินเชื่อ 2 ปี วงเงินค้ำประกันสูงสุดต่อราย 100 ล้านบาท")
    assert {"amount": 100_000_000.0, "currency": "THB"} in _values(text, "amount", "2022-03-23")
    # an amount in a paragraph that speaks of no agreement is not one
    text = ("บสย. ร่วมพิธีลงนามบันทึกความเข้าใจว่าด้วยความร่วมมือ\n"
            "ทั้งนี้ ในปีที่ผ่านมา บสย. อนุมัติวงเงินค้ำประกันรวม 100 ล้านบาท ให้ผู้ประกอบการทั่วประเทศ")
    assert not _values(text, "amount", "2022-03-23")


def test_a_question_naming_a_body_is_not_answered_from_a_record_of_other_bodies():
    from search_api.agreements import Agreements
    from search_api.direct_answer import _has_bodies, question_bodies

    # the Labour ministry's 2020 COVID-19 MoU with CPF and its labour protection department's 2022 MoU with CPF
    cpf = "บริษัท เจริญโภคภัณฑ์อาหาร จำกัด (มหาชน)"
    ministry = {"id": "agr-a", "parties": ["กระทรวงแรงงาน", cpf]}
    department = {"id": "agr-b", "parties": ["กรมสวัสดิการและคุ้มครองแรงงาน", cpf]}
    makro = {"id": "agr-c", "parties": ["Department of Empowerment of Persons with Disabilities", "Call Center"]}
    agreements = Agreements(records={r["id"]: r for r in (ministry, department, makro)})
    asked = question_bodies("MOU กรมสวัสดิการและคุ้มครองแรงงาน กับซีพีเอฟ ธุรกิจกุ้ง มีระยะเวลากี่ปี", agreements)
    assert asked == {"กรมสวัสดิการและคุ้มครองแรงงาน"}
    assert _has_bodies(department, asked) and not _has_bodies(ministry, asked)
    asked = question_bodies("MOU กระทรวงแรงงาน กับ CPF รวมใจสู้วิกฤต ลงนามที่ไหน", agreements)
    assert _has_bodies(ministry, asked) and not _has_bodies(department, asked)
    # an English name says nothing of a record read from a Thai report; a fragment is no body
    asked = question_bodies("When did the Department of Empowerment of Persons with Disabilities sign with Makro, "
                            "the call center MOU?", agreements)
    assert asked == {"departmentofempowermentofpersonswithdisabilities"}
    assert _has_bodies(department, asked)
    # a name cut short with ฯ names the body by its stem
    agriculture = {"id": "agr-d", "parties": ["กระทรวงเกษตรและสหกรณ์", "สถาบันคุณวุฒิวิชาชีพ (องค์การมหาชน)"]}
    assert _has_bodies(agriculture, {"กระทรวงเกษตรฯ", "สถาบันคุณวุฒิวิชาชีพ"})
