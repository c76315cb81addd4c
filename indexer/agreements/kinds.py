"""Kinds of agreement and the words that name them, Thai and English."""
from __future__ import annotations

import re

# kind -> patterns, most specific first; matched case-insensitively
KIND_PATTERNS: list[tuple[str, str]] = [
    ("moc", r"บันทึกความร่วมมือ|memorand(?:um|a) of cooperation|\bMoC\b"),
    ("mou", r"บันทึกความเข้าใจ|เอ็มโอยู|memorand(?:um|a) of understanding|\bMoUs?\b"),
    ("loi", r"หนังสือแสดงเจตจำนง|letters? of intent|\bLoI\b"),
    ("exchange_of_letters", r"หนังสือแลกเปลี่ยน|exchange of (?:notes|letters)"),
    ("agreement", r"บันทึกข้อตกลง|ข้อตกลงความร่วมมือ|ความตกลง|\bagreements?\b"),
]
KIND_RE = [(kind, re.compile(p, re.I)) for kind, p in KIND_PATTERNS]
ANY_KIND = re.compile("|".join(f"(?:{p})" for _, p in KIND_PATTERNS), re.I)
# the kind's head word followed by a name: "บันทึกความเข้าใจว่าด้วย...", "MoU on ..."
_TH_NAME = re.compile(
    r"((?:ร่าง)?(?:บันทึกความเข้าใจ|บันทึกความร่วมมือ|บันทึกข้อตกลง|ความตกลง)ว่าด้วย"
    r"[^\s(“”\"]{4,}(?: [^\s(“”\"]{2,}){0,3}?)(?=\s*(?:ระหว่าง|\(|ของ|(?<!เกี่ยว)กับ|เมื่อ|ซึ่ง|โดย|$)|\s+และ)")
# ... and where nothing ends it so, at a "และ" written onto a word ("...งานวัณโรคและสุขภาพจิต พร้อมเร่งรัด ...": cut short)
_TH_NAME_LOOSE = re.compile(_TH_NAME.pattern.replace(r"|\s+และ)", r"|\s*และ)"))
# ... cut where the parties or an owner begin: not inside "เกี่ยวกับ" (about) nor at a "ของ" written onto a word
# ("...ในการแข่งขันของภาคอุตสาหกรรม...": of the industry, part of what the agreement is about)
_TH_NAME_CUT = re.compile(r"ระหว่าง|\(|(?<=\s)ของ|(?<!เกี่ยว)กับ")
# ... or the kind word then the work it names, with no "ว่าด้วย": "บันทึกความร่วมมือ (MOU) การพัฒนาระบบฐานข้อมูลด้าน
# การเกษตรแห่งชาติ", "บันทึกข้อตกลงความร่วมมือ โครงการพัฒนาศูนย์ให้คำปรึกษา ..." (to where the parties, a purpose,
# a date or a place begin)
_TH_SUBJECT_NAME = re.compile(
    r"((?:บันทึกความเข้าใจ|บันทึกความร่วมมือ|บันทึกข้อตกลง(?:ความร่วมมือ)?)(?:\s*\((?:MOU|MoU|MOC|MoC)\))?\s*(?:เรื่อง\s*)?“?"
    r"(?:การ(?!ลงนาม|ประชุม)|โครงการ)[^\n“”\"]{10,150}?)"
    r"(?=\s*(?:ระหว่าง|ร่วมกับ|(?<!ให้)กับ|โดย|เพื่อ|ณ\s|เมื่อ|ซึ่ง|ใน(?:วันที่|ครั้งนี้)|ที่(?:ได้|จะ)|[”\"(]|\n|$))")
_EN_NAME = re.compile(
    r"((?:Memorandum of (?:Understanding|Cooperation)|MoU|MoC|Agreement)\s+(?:on|for|in the field of"
    r"|concerning|regarding)\s+[A-Za-z ,\-]{4,80}?)(?=\s+(?:between|with|by|signed|was|is|that|\()|[.,;]|$)")


# where a name ends: the next item of a cabinet list ("... 3) บันทึกข้อตกลง..."), or a clause about it ("... พร้อมมอบนโยบาย ...")
_NAME_END = re.compile(r"\s+(?:\d{1,2}[.)](?=\s|$)|พร้อม(?:มอบ|ทั้ง|กับ|ด้วย)|เล็ง|เป็นความ|ร่วมกัน\s*\d|ครั้งที่\s*[\d๐-๙])"
                       r"|(?<=[\u0e00-\u0e7f]{2})(?:ใน)?ครั้งนี้(?=\s|$)")   # "...เศรษฐกิจหมุนเวียนครั้งนี้ เกิดขึ้นจาก": "this one"


def kind_of(sentence: str) -> tuple[str, re.Match] | None:
    """The first agreement kind named in ``sentence`` (by position), with its match."""
    best = None
    for kind, pattern in KIND_RE:
        m = pattern.search(sentence)
        if m and (best is None or m.start() < best[1].start()):
            best = (kind, m)
    if best and best[0] in ("agreement", "moc"):
        # "บันทึกข้อตกลงความร่วมมือ (MOU)", "บันทึกความร่วมมือ (MOU)", "บันทึกข้อตกลงความเข้าใจ (MOU)": the bracket
        # says which kind it is
        mou = re.compile(r"\s*\(\s*(MOU|MoU|เอ็มโอยู)\s*\)").match(
            sentence, best[1].end() + len(re.match(r"(?:ความ[\u0e00-\u0e7f\uf700-\uf71a]{3,9}(?=\s*\())?", sentence[best[1].end():])[0]))
        if mou:
            return "mou", dict(KIND_RE)["mou"].search(sentence, mou.start(1))
    return best


def name_of(sentence: str, subject: bool = True) -> str | None:
    """The agreement's name where the sentence writes one after the kind word (with ``subject``
    False, only a name that says what it is about: "ว่าด้วย ...", "MoU on ..."), นิคหิต + สระอา
    written for สระอำ read as one spelling."""
    name = None
    m = _TH_NAME.search(sentence) or _TH_NAME_LOOSE.search(sentence)
    if m:
        name = _TH_NAME_CUT.split(m[1])[0].strip()
        name = name[len("ร่าง"):] if name.startswith("ร่าง") else name
        if len(name) < 20:
            return None
    elif (m := _TH_SUBJECT_NAME.search(sentence) if subject else None) and len(m[1].strip()) >= 20:
        name = m[1].strip()
    elif m := _EN_NAME.search(sentence):
        name = m[1].strip(" ,")
    if name:
        name = re.sub(r"\s+(?:และ|and)$", "", _NAME_END.split(name)[0].strip())
    return name and name.replace("\u0e4d\u0e32", "\u0e33")
