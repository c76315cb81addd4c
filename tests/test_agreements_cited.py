"""An agreement named as the framework of what a sentence reports is not its subject, "Northern
Ireland" names no Ireland (extraction version 67), and a signing prepared or talked about is none
(68). Sentences from 2020-2022 releases."""
from indexer.agreements import extract_mentions
from indexer.agreements.extract import cited
from indexer.agreements.parties import countries_in
from indexer.sentences import split_sentences

WORKERS = ("เปิดเผยว่า วันนี้ (วันที่ 15 มีนาคม 2565) คณะรัฐมนตรีมีมติเห็นชอบการบริหารจัดการการทำงานของคนต่างด้าว 3 สัญชาติ "
           "(กัมพูชา ลาว และเมียนมา) ซึ่งเข้ามาทำงานตามบันทึกความเข้าใจว่าด้วยความร่วมมือด้านแรงงาน (MOU) ภายใต้บันทึกข้อตกลง"
           "ว่าด้วยการจ้างแรงงาน (Agreement) ซึ่งวาระการจ้างงาน ครบ 4 ปี ในปี พ.ศ. 2565 ให้สามารถอยู่ในราชอาณาจักรและทำงานได้อีก"
           "ไม่เกิน 2 ปี นับแต่วันที่การอนุญาตเดิมสิ้นสุด")
DRAFT = ("วันนี้ (8 พฤศจิกายน 2565) คณะรัฐมนตรีมีมติเห็นชอบร่างบันทึกความเข้าใจว่าด้วยความร่วมมือด้านการส่งเสริมการลงทุนโดยตรง"
         "ระหว่างกระทรวงการลงทุนแห่งราชอาณาจักรซาอุดีอาระเบียกับสำนักงานคณะกรรมการส่งเสริมการลงทุน")


def _facts(text, date="2022-03-15"):
    return [(f["type"], f["value"]) for m in extract_mentions("d", text, date, "th", split_sentences(text))
            for f in m["facts"]]


def test_a_cabinet_decision_on_workers_who_came_under_an_mou_approves_no_mou():
    assert cited(WORKERS)
    facts = _facts(WORKERS)
    assert ("kind", "mou") in facts
    assert not [f for f in facts if f[0] in ("approved_date", "stage")]


def test_a_cabinet_approval_of_a_draft_mou_is_still_read():
    assert not cited(DRAFT)
    facts = _facts(DRAFT, "2022-11-08")
    assert ("approved_date", "2022-11-08") in facts
    assert ("stage", "approved") in facts


def test_northern_ireland_split_by_a_zero_width_space_names_no_ireland():
    # the United Kingdom's name with a zero-width space read as a space: no Ireland in it
    assert [c for c, _, _ in countries_in("กับ กห.สหราชอาณาจักรบริเตนใหญ่และไอร์แลนด์ เหนือว่าด้วยความร่วมมือ")] == ["United Kingdom"]
    assert [c for c, _, _ in countries_in("บันทึกความเข้าใจระหว่างไทยกับเวียดนาม")] == ["Thailand", "Vietnam"]


def test_a_signing_prepared_or_talked_about_is_no_signing():
    for text in ("จะเห็นได้จากการเตรียมลงนาม MOU กับประเทศกัมพูชา และ การเเก้กฎหมายเกี่ยวกับบัญชีม้า",
                 "วันนี้ (6 มิถุนายน 2565) นายชัยวุฒิ ธนาคมานุสรณ์ ได้เดินทางไปพบ กับ นาย กาน คิม ยอง "
                 "เพื่อหารือเกี่ยวกับการลงนามMOU Digital Economy partnership Agreement (DEPA)"):
        facts = _facts(text, "2022-06-06")
        assert ("stage", "signed") not in facts and not [f for f in facts if f[0] == "signed_date"]
    assert ("stage", "signed") in _facts("กรมการขนส่งทางราง ได้ลงนามในบันทึกความเข้าใจ (MOU) กับกรมป้องกันและบรรเทาสาธารณภัย")


def test_a_thai_name_runs_on_over_words_written_into_it():
    from indexer.agreements.kinds import name_of
    assert name_of("การประชุมคณะทำงานเพื่อขับเคลื่อนบันทึกความเข้าใจว่าด้วยการยกระดับขีดความสามารถในการแข่งขันของภาค"
                   "อุตสาหกรรมด้วยเทคโนโลยีและนวัตกรรม ครั้งที่ 2/2564") == (
        "บันทึกความเข้าใจว่าด้วยการยกระดับขีดความสามารถในการแข่งขันของภาคอุตสาหกรรมด้วยเทคโนโลยีและนวัตกรรม")
    assert name_of("และสำนักงาน ก.ล.ต. ได้มีบันทึกข้อตกลงว่าด้วยการป้องกันและปราบปรามการกระทำความผิดเกี่ยวกับคดีพิเศษ") == (
        "บันทึกข้อตกลงว่าด้วยการป้องกันและปราบปรามการกระทำความผิดเกี่ยวกับคดีพิเศษ")
    # the parties still end it
    assert name_of("ลงนามบันทึกความเข้าใจว่าด้วยความร่วมมือด้านการเกษตร ระหว่างกระทรวงเกษตรและสหกรณ์กับกระทรวงเกษตรบราซิล") == (
        "บันทึกความเข้าใจว่าด้วยความร่วมมือด้านการเกษตร")


LEAD = ("มท.1 และประธานผู้ตรวจการแผ่นดิน ร่วมเป็นประธานสักขีพยานพิธีลงนาม MOU เพื่อผนึกกำลังยกระดับการแก้ไขปัญหาผ่านศูนย์ดำรงธรรม\n"
        "วันนี้ (26 ธ.ค. 65) เวลา 09.00 น. ที่ห้องประชุมราชสีห์ ศาลาว่าการกระทรวงมหาดไทย พลเอก อนุพงษ์ เผ่าจินดา "
        "รัฐมนตรีว่าการกระทรวงมหาดไทย ร่วมเป็นประธานสักขีพยานพิธีลงนามบันทึกข้อตกลงความร่วมมือ (MOU) "
        "ระหว่างกระทรวงมหาดไทยกับสำนักงานผู้ตรวจการแผ่นดิน")


def test_the_venue_of_a_signing_reports_lead_is_the_signings():
    facts = _facts(LEAD, "2022-12-26")
    assert ("signed_date", "2022-12-26") in facts
    assert ("place", "ห้องประชุมราชสีห์ ศาลาว่าการกระทรวงมหาดไทย") in facts
    # a lead of another day than the signing's tells of another event
    later = ("ผลการดำเนินงานตาม MOU ศูนย์ดำรงธรรม\nวันนี้ (27 ธ.ค. 65) เวลา 09.00 น. ที่ห้องประชุมราชสีห์ ศาลาว่าการกระทรวงมหาดไทย "
             "นายชัยวัฒน์ ชื่นโกสุม แถลงผลการดำเนินงาน\nกระทรวงมหาดไทยได้ลงนามบันทึกข้อตกลงความร่วมมือ (MOU) "
             "กับสำนักงานผู้ตรวจการแผ่นดิน เมื่อวันที่ 1 ธันวาคม 2565")
    facts = _facts(later, "2022-12-27")
    assert ("signed_date", "2022-12-01") in facts and not [f for f in facts if f[0] == "place"]


def test_a_known_body_whose_name_has_spaces_is_read_whole():
    from indexer.agreements.parties import organisations_in
    text = ("ลงนามบันทึกความเข้าใจระหว่างสำนักงานคณะกรรมการกิจการกระจายเสียง กิจการโทรทัศน์ และกิจการโทรคมนาคมแห่งชาติ "
            "กับกรมอุทยานแห่งชาติ สัตว์ป่า และพันธุ์พืช")
    assert [name for name, _, _ in organisations_in(text, "th")] == [
        "สำนักงานคณะกรรมการกิจการกระจายเสียง กิจการโทรทัศน์ และกิจการโทรคมนาคมแห่งชาติ",
        "กรมอุทยานแห่งชาติ สัตว์ป่า และพันธุ์พืช"]
    # a body of the same first word that the table does not know keeps its name to the space
    assert [name for name, _, _ in organisations_in("ระหว่างกรมอุทยานแห่งชาติ และกรมป่าไม้", "th")] == [
        "กรมอุทยานแห่งชาติ", "กรมป่าไม้"]
