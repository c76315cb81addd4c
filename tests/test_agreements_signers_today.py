"""Signatories read from real 2022 thaigov-mou releases (dev), extraction version 76: a signing a body's head says he
delegated today, a title that ends before "อีกทั้ง", and no party from a Thai signer's misspelt ministry."""
from indexer.agreements import extract_mentions
from indexer.agreements.signatories import signatories_in
from indexer.sentences import split_sentences

AWS = ("นายชัยวุฒิ ธนาคมานุสรณ์ รัฐมนตรีว่าการกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม (ดีอีเอส) กล่าวว่า วันนี้ (25 ก.พ.65) "
       "ได้มอบหมายให้ นางสาวอัจฉรินทร์ พัฒนพันธ์ชัย ปลัดกระทรวงดิทัลเพื่อเศรษฐกิจและสังคม ลงนามความร่วมมือระหว่างกระทรวงดิจิทัลฯ "
       "กับบริษัท อะเมซอน เว็บ เซอร์วิสเซส หรือเอดับบลิวเอส (AWS) ขับเคลื่อนการใช้ประโยชน์จากเทคโนโลยีคลาวด์\n")


LEAD = ("“ชัยวุฒิ” รมว.ดีอีเอส ประธานพิธีลงนามเอ็มโอยูกับอะเมซอน เว็บ เซอร์วิสเซส (AWS) ในการทำงานร่วมกันบนระบบคลาวด์ "
        "ตั้งเป้าปีแรกประเดิม 10 บริการนำร่องที่จะใช้งานบนเอดับบลิวเอส ผ่านบริการระบบคลาวด์กลางภาครัฐ\n")


def _facts(text, typ, date="2022-02-25"):
    return [f["value"] for m in extract_mentions("d", text, date, "th", split_sentences(text))
            for f in m["facts"] if f["type"] == typ]


def test_a_signer_a_minister_says_he_delegated_today_signed():
    assert [s[0] for s in signatories_in(AWS)] == ["นางสาวอัจฉรินทร์ พัฒนพันธ์ชัย"]
    # a cabinet's "มอบหมายให้" authorises a signing to come, today or not
    cabinet = AWS.replace("กล่าวว่า วันนี้ (25 ก.พ.65) ได้มอบหมายให้", "กล่าวว่า วันนี้ (25 ก.พ.65) ครม. ได้มอบหมายให้")
    assert signatories_in(cabinet) == []
    # ... and so does a delegation not said to be today's
    assert signatories_in(AWS.replace("วันนี้ (25 ก.พ.65) ได้มอบหมายให้", "ได้มอบหมายให้")) == []


def test_no_party_from_a_thai_signers_ministry_misspelt():
    assert [s["name"] for s in _facts(LEAD + AWS, "signatory")] == ["นางสาวอัจฉรินทร์ พัฒนพันธ์ชัย"]
    assert "กระทรวงดิทัล" not in _facts(LEAD + AWS, "party")   # "ดิทัล" for "ดิจิทัล": no ministry of that name


def test_a_title_ends_before_another_tie_and_the_witness_after_it_is_not_a_signer():
    line = ("โดยมีอธิบดีกรมสังกัดกระทรวง พม. ร่วมลงนาม กับแพทย์หญิงอัมพร เบญจพลพิทักษ์ อธิบดีกรมสุขภาพจิต อีกทั้ง "
            "นางพัชรี อาระยะกุล ปลัดกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ (ปลัด พม.) ร่วมเป็นสักขีพยาน "
            "ณ ห้องประชุมปกรณ์ อังศุสิงห์ ชั้น 2 อาคารกรมพัฒนาสังคมและสวัสดิการ")
    assert [(s[0], s[1]) for s in signatories_in(line)] == [("แพทย์หญิงอัมพร เบญจพลพิทักษ์", "อธิบดีกรมสุขภาพจิต")]
