"""Parties of an agreement: countries by their canonical English name, organisations as written."""
from __future__ import annotations

import itertools
import re
from functools import lru_cache

from indexer.glossary import COUNTRIES

# Countries often party to Thai agreements that the search glossary does not list; detected here
# only (adding them to the glossary would change the index's terms).
EXTRA_COUNTRIES: dict[str, tuple[str, ...]] = {
    "Austria": ("austria", "ออสเตรีย"), "Italy": ("italy", "อิตาลี"), "Spain": ("spain", "สเปน"),
    "Netherlands": ("netherlands", "เนเธอร์แลนด์"), "Belgium": ("belgium", "เบลเยียม"),
    "Switzerland": ("switzerland", "สวิตเซอร์แลนด์", "สวิส"), "Sweden": ("sweden", "สวีเดน"),
    "Norway": ("norway", "นอร์เวย์"), "Denmark": ("denmark", "เดนมาร์ก"),
    "Poland": ("poland", "โปแลนด์"), "Hungary": ("hungary", "ฮังการี"),
    "Czech Republic": ("czech republic", "เช็ก"), "Russia": ("russia", "russian federation", "รัสเซีย"),
    "Turkey": ("turkey", "türkiye", "turkiye", "ตุรกี", "ทูร์เคีย"), "Saudi Arabia": ("saudi arabia", "ซาอุดีอาระเบีย"),
    "Qatar": ("qatar", "กาตาร์"), "Bahrain": ("bahrain", "บาห์เรน"), "Kuwait": ("kuwait", "คูเวต"),
    "Oman": ("oman", "โอมาน"), "Israel": ("israel", "อิสราเอล"), "Egypt": ("egypt", "อียิปต์"),
    "Pakistan": ("pakistan", "ปากีสถาน"), "Bangladesh": ("bangladesh", "บังกลาเทศ"),
    "Sri Lanka": ("sri lanka", "ศรีลังกา"), "Nepal": ("nepal", "เนปาล"), "Bhutan": ("bhutan", "ภูฏาน"),
    "Mongolia": ("mongolia", "มองโกเลีย"), "Kazakhstan": ("kazakhstan", "คาซัคสถาน"),
    "Canada": ("canada", "แคนาดา"), "Mexico": ("mexico", "เม็กซิโก"), "Brazil": ("brazil", "บราซิล"),
    "Chile": ("chile", "ชิลี"), "Peru": ("peru", "เปรู"), "Argentina": ("argentina", "อาร์เจนตินา"),
    "New Zealand": ("new zealand", "นิวซีแลนด์"), "South Africa": ("south africa", "แอฟริกาใต้"),
    "Timor-Leste": ("timor-leste", "ติมอร์-เลสเต"), "Hong Kong": ("hong kong", "ฮ่องกง"),
    "Taiwan": ("taiwan", "ไต้หวัน"), "Ukraine": ("ukraine", "ยูเครน"), "Greece": ("greece", "กรีซ"),
    "Portugal": ("portugal", "โปรตุเกส"), "Ireland": ("ireland", "ไอร์แลนด์"),
    "Estonia": ("estonia", "เอสโตเนีย"), "Uzbekistan": ("uzbekistan", "อุซเบกิสถาน"),
    "Morocco": ("morocco", "โมร็อกโก"), "Kenya": ("kenya", "เคนยา"), "Nigeria": ("nigeria", "ไนจีเรีย"),
    "Ethiopia": ("ethiopia", "เอธิโอเปีย"), "Jordan": ("jordan", "จอร์แดน"), "Iran": ("iran", "อิหร่าน"),
    "Kosovo": ("kosovo", "คอซอวอ"), "Fiji": ("fiji", "ฟิจิ"),
}
ALL_COUNTRIES = {**COUNTRIES, **EXTRA_COUNTRIES}


def foreign_countries(parties) -> list[str]:
    """The countries other than Thailand among ``parties`` (canonical names), in their order."""
    return [p for p in parties if isinstance(p, str) and p != "Thailand" and p in ALL_COUNTRIES]

# forms inside another country's full name that would read as a country of their own: "the United
# Kingdom of Great Britain and Northern Ireland" ("สหราชอาณาจักรบริเตนใหญ่และไอร์แลนด์เหนือ") names no Ireland
_PART_FORMS = {"United Kingdom": ("northern ireland", "ไอร์แลนด์เหนือ")}
# Thai forms that are also the first letters of unrelated words (ไทย in ไทยแลนด์ is fine; จีน in
# จีนแผ่นดินใหญ่ too); forms that are words of other meaning are excluded here.
_AMBIGUOUS = {"thai", "lao", "uk", "korea", "chinese", "japanese", "finnish", "jordan", "turkey",
              "chile", "oman", "เช็ก", "จีน", "ไทย", "เปรู", "ชิลี"}
_FORMS: list[tuple[str, str]] = sorted(
    ((form, name) for name, forms in [*ALL_COUNTRIES.items(), *_PART_FORMS.items()] for form in forms),
    key=lambda fn: -len(fn[0]))


def _form_pattern(form: str) -> str:
    if re.search(r"[a-z]", form):
        return r"(?<![A-Za-z])" + re.escape(form) + r"(?![A-Za-z])"
    return re.escape(form)


_COUNTRY_RE = re.compile("|".join(f"({_form_pattern(f)})" for f, _ in _FORMS), re.I)
_GROUP_NAME = [name for _, name in _FORMS]
# "ไทย" is a country only where it stands for the state, not "คนไทย"/"ภาษาไทย"/"สินค้าไทย"
_THAI_NOT_STATE = re.compile(r"(?:คน|ภาษา|ชาว|อาหาร|สินค้า|แรงงาน|นักท่องเที่ยว|ผู้ประกอบการ|ความเป็น)$")


# Thai is written without spaces: a country's Thai form is a name only where it starts and ends
# a syllable (ลาว in ศาลาว่าการ or เวลาว่าง is followed by a tone mark; in ปลาวาฬ by a vowel).
_THAI_DEPENDENT = re.compile(r"[\u0e30-\u0e3a\u0e45\u0e47-\u0e4e]")
_THAI_LEADING = re.compile(r"[\u0e40-\u0e44]")


def _thai_syllable_bounded(text: str, a: int, b: int) -> bool:
    if b < len(text) and _THAI_DEPENDENT.match(text[b]):
        return False
    return not (a > 0 and _THAI_LEADING.match(text[a - 1]))


# a country's Thai name inside another word, read as "<before>|<name>|<after>" (at most 8 characters before, 3
# after): "คลาวด์" (cloud), "ลีลาวดี" (a flower), "อินโดจีน" (Indochina), "ตรุษจีน" (Chinese New Year), "ปราจีนบุรี" (a
# province), "มหาดไทย" (the interior: กระทรวงมหาดไทย), a language ("ภาษาจีน", "ภาษาอังกฤษ"), a continent
# ("ทวีปออสเตรเลีย"), a sea or an ocean ("มหาสมุทรอินเดีย", "ทะเลจีนใต้"), the dollar ("ดอลลาร์สหรัฐ", "เหรียญสหรัฐ")
_NOT_A_STATE = re.compile(r"ค\|ลาว\|ด์|ลี\|ลาว\|ดี|(?:อินโด|ตรุษ|ปรา)\|จีน\||มหาด\|ไทย\||(?:ภาษา|ทวีป|มหาสมุทร|ทะเล|อ่าว)\|"
                         r"|(?:ดอลลาร์|เหรียญ)\s?\|สหรัฐ")


def countries_in(text: str) -> list[tuple[str, int, int]]:
    """(canonical name, start, end) of every country named in ``text``."""
    out = []
    for m in _COUNTRY_RE.finditer(text):
        name = _GROUP_NAME[m.lastindex - 1]
        form = m.group(m.lastindex).lower()
        if not re.search(r"[a-z]", form) and not _thai_syllable_bounded(text, m.start(), m.end()):
            continue
        if form == "ไทย" and _THAI_NOT_STATE.search(text[max(0, m.start() - 14):m.start()]) and \
                not re.search(r"กระทรวง\S*$", text[max(0, m.start() - 30):m.start()]):
            continue
        if form in ("thai", "lao", "chinese", "japanese", "finnish") and not re.match(
                r"\s+(?:government|side|ministry|ministries|authorities)", text[m.end():], re.I):
            continue
        if _NOT_A_STATE.search(text[max(0, m.start() - 8):m.start()] + "|" + form + "|" + text[m.end():m.end() + 3]):
            continue   # a word the name is written into: a cloud, a province, a language, a sea, a currency
        if re.match(r"\s*\((?:Thai|Thailand|ประเทศไทย)\)", text[m.end():]):
            continue   # "Bank of China (Thai) PCL": the name of a Thai company
        if re.match(r"\s+(?:Ocean|Sea|Gulf)\b", text[m.end():]) or \
                re.search(r"\b(?:Northern|Southern|Gulf\s+of|North|South|East|West)\s+$", text[max(0, m.start() - 10):m.start()]):
            continue   # a sea or an ocean ("Indian Ocean"), part of a longer name ("Northern Ireland")
        if re.match(r"\s*เหนือ", text[m.end():]) and form == "ไอร์แลนด์":
            continue   # "ไอร์แลนด์ เหนือ", a zero-width space read as a space inside the United Kingdom's name
        out.append((name, m.start(), m.end()))
    return out


def canonical_party(name: str) -> str:
    """A country's canonical name for any of its forms; anything else stripped, as written."""
    key = " ".join(name.split()).strip(" ,.")
    for form, canon in _FORMS:
        if key.lower() == form:
            return canon
    return key


# a province's name after "จังหวัด" (five begin with a vowel sign: เชียงใหม่, เพชรบุรี, เลย, แพร่, แม่ฮ่องสอน),
# not "จังหวัดทั้ง...", "จังหวัดของ...", ...
_PROVINCE = (r"จังหวัด(?=[ก-ฮ]|เชียง|เพชรบ|เลย|แพร่|แม่ฮ่องสอน)(?!ทั้ง|ของ|ต่าง|ละ|ที่|นำร่อง|ใน|และ|เป็น|ได้|จะ|มี|เหล่า|นั้น|นี้|เป้าหมาย|ออก)")

# Organisations: Thai heads (กระทรวง, กรม, มหาวิทยาลัย, ...) or English ones, taken to the end of
# their name (Thai: the next space or bracket; English: capitalised words).
_TH_ORG = re.compile(
    r"(?:กระทรวง|(?<!องค์)(?<!ระดับ)กรม(?!การจังหวัด|การอำเภอ)|ส(?:ำ|\u0e4d\u0e32)นักงาน|ส(?:ำ|\u0e4d\u0e32)นักนายกรัฐมนตรี|มหาวิทยาลัย|ธนาคาร|สถาบัน|การท่องเที่ยวแห่งประเทศไทย|การไฟฟ้า"
    r"|การนิคมอุตสาหกรรม|การรถไฟ|การท่าเรือ|การประปา|สภา(?:อุตสาหกรรม|หอการค้า)|องค์การ|ศูนย์|กองทัพ"
    r"|กองบัญชาการ|กองอำนวยการ|ทบวง|สมาคม|กรุงเทพมหานคร|คณะกรรมการ|(?:ราช)?วิทยาลัย|โรงพยาบาล|มูลนิธิ|เทศบาล|บรรษัท|กองทุน|หอการค้า"
    # a court ("ศาลเยาวชนและครอบครัวกลาง"), not a hall, a shrine or a surname's letters ("วิศาลจิตร")
    r"|(?:(?<![\u0e00-\u0e7f])|(?<=ระหว่าง)|(?<=กับ)|(?<=และ)|(?<=โดย)|(?<=ของ))ศาล(?!า|เจ้า)"
    # a ministry's provincial office ("สาธารณสุขจังหวัดพังงา"), then a province
    r"|(?:สาธารณสุข|พาณิชย์|เกษตร|แรงงาน|ศึกษาธิการ|ท่องเที่ยวและกีฬา|พัฒนาสังคมและความมั่นคงของมนุษย์|อุตสาหกรรม"
    r"|พลังงาน|ทรัพยากรธรรมชาติและสิ่งแวดล้อม|วัฒนธรรม|คลัง|ประชาสัมพันธ์|ปศุสัตว์|ประมง|สหกรณ์|ยุติธรรม)"
    + _PROVINCE + r"|" + _PROVINCE +
    # professional councils and the Red Cross ("แพทยสภา", "สภากาชาดไทย"), community enterprises
    r"|คณะ(?=[\u0e00-\u0e7f]{0,20}ศาสตร์)|สถานีวิทยุ|(?:ทันต|สัตว)?แพทยสภา|คุรุสภา|สภา(?:กาชาด|การพยาบาล|ทนายความ|วิศวกร|สถาปนิก|เกษตรกร)|(?:กลุ่ม)?วิสาหกิจชุมชน)"
    r"[^\s()“”\"'‘’,]{0,60}"
    # a public company written without "บริษัท": "ระหว่าง ท่าอากาศยานไทย จำกัด (มหาชน) กระทรวงคมนาคม กับ ..."
    r"|(?<![^\s])(?!\S*(?:บริษัท|ธนาคาร))[\u0e00-\u0e7f][^\s()“”\"'‘’,]{2,40}(?:\s[^\s()“”\"'‘’,]{2,30}){0,2}?\s?จ(?:ำ|ํา)กัด\s?\(มหาชน\)"
    # a state enterprise named "การ...แห่งประเทศไทย" ("การยาสูบแห่งประเทศไทย"), a cooperative ("สหกรณ์วัดจันทร์ จำกัด")
    r"|(?<![^\s])การ(?!ประชุม|ลงนาม|ดำเนิน|พัฒนา|ส่งเสริม|สร้าง|จัด)[\u0e00-\u0e7f]{2,40}?แห่ง(?:ประเทศไทย|ชาติ)"
    r"|สหกรณ์[^\s()“”\"'‘’,]{2,40}\s?จ(?:ำ|ํา)กัด"
    r"|บริษัท\s?[^\s()“”\"'‘’,]{2,40}(?:\s[^\s()“”\"'‘’,]{2,30}){0,3}?(?:\s?\((?:ประเทศไทย|Thailand)\))?\s?จ(?:ำ|ํา)กัด(?:\s?\(มหาชน\))?")
# where a run of Thai letters stops being the organisation's name: a connective or a verb
# ("กระทรวงศึกษาธิการของไทย กับ...", "กระทรวงพาณิชย์เป็นตัวแทนลงนาม...")
_TH_ORG_END = re.compile(
    r"(?:ร่วมกับ|(?<!กำ)(?<!ก\u0e4d\u0e32)กับ|ของ(?:ไทย|ประเทศ|ทั้ง|สอง)|โดย|ว่าด้วย|(?<!ธนาคาร)(?<!กองทุน)(?<!ดิจิทัล)เพื่อ|เป็น|ได้|จะ|ซึ่ง|ลงนาม|เห็นชอบ|อนุมัติ|ร่วม(?:ลงนาม|กัน|จัด)|(?<!ความ)ร่วม(?:มือ|บูรณาการ|ขับเคลื่อน|ผลักดัน|ทำ)"
    r"|แห่งราชอาณาจักร|แห่งสาธารณรัฐ|ใน(?:การ|ช่วง|วันที่|ฐานะ|ครั้งนี้|วันนี้|ที่สุด)|ตาม|ที่(?:จะ|ได้|มี)|ไม่|หรือ|จึง|ต้อง|แล้ว|ให้(?!กู้)"
    # a verb or adverb written onto the name ("กรมธนารักษ์กล่าว", "กระทรวงอุตสาหกรรมมีนโยบาย", "กรมราชทัณฑ์ยังได้",
    # "...สามารถดำเนินการ", "...จัดทำหนังสือ", "...อย่างต่อเนื่อง", "ธนาคารมาแล้ว", "กระทรวงแรงงานมารวมตัว")
    r"|กล่าว|มี(?=แผน|นโยบาย|ความ|เป้าหมาย|ภารกิจ)|ยัง(?=ได้|คง|มี|เป็น)|สามารถ|จัดทำ|อย่าง(?:ต่อเนื่อง|เป็น|ยิ่ง)|มา(?=แล้ว|รวม|ร่วม)"
    r"|ต่อไป|ครั้งนี้|ด้วย|จำนวน|ใด"   # "มหาวิทยาลัยเกษตรศาสตร์ต่อไป", "...ครั้งนี้", "สถาบันใดเพียงแห่งเดียว"
    # two names written without a space: "สำนักงานตำรวจแห่งชาติกระทรวงสาธารณสุข"
    r"|(?:(?<=แห่งชาติ)|(?<=ประเทศไทย)|(?<=เศรษฐกิจและสังคม)|(?<=นายกรัฐมนตรี))(?=กระทรวง|กรม|ส(?:ำ|\u0e4d\u0e32)นักงาน|มหาวิทยาลัย|ธนาคาร)"
    r"|และ(?=คณะ|กระทรวง|กรม|สำนักงาน|บริษัท|มหาวิทยาลัย|ธนาคาร|สถาบัน|องค์การ|การไฟฟ้า|การนิคม|สภา|ศูนย์|กองทัพ|ทบวง|รัฐบาล|สมาคม"
    r"|กองทุน|หอการค้า|จังหวัด|นาย|นาง|ศาสตราจารย์|รองศาสตราจารย์|ดร\.|พล"
    # bodies the text leaves unnamed, an embassy ("ระหว่างกระทรวงวัฒนธรรมและหน่วยงานภาคี", "...และสถานเอกอัครราชทูต...")
    r"|หน่วยงาน|ภาคี|สถานเอกอัครราชทูต|สถานทูต))")
_EN_ORG = re.compile(
    r"(?:the\s+)?((?:Ministry|Department|Office|University|Bank|Agency|Institute|Authority|Council|"
    r"Chamber|Commission|Board|Association|Organi[sz]ation|Federation|Coalition)\s+(?:of|for)\s+(?:[A-Z][\w&-]*(?:\s+(?:and|&|of|for|the)\s+|,\s+and\s+|\s+|,\s+)?){1,10}"
    r"|(?:(?!Limited\b|Ltd\b|Call\b)[A-Z][\w&-]+\s+(?:and\s+(?=[A-Z][\w&-]+\s+(?:Department|Office|Agency|Authority|Institute)\b))?){1,5}(?:Ministry|University|Company|Co\.,? Ltd\.?|Corporation|Bank|Agency|"
    r"Authority|Institute|Group|Association|Organi[sz]ation|Foundation|Guard|Cent(?:er|re)|Office|Department)"
    # ... and what it is of: "Export-Import Bank of Thailand", "Dutch Ministry of Infrastructure and Water Management"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w&-]*(?:\s+(?:and\s+)?(?!" + "Ministry|Department|Office|Bank|Agency|Authority|Council|Commission|Board"
    + r")[A-Z][\w&-]*){0,4})?)")


_BARE_HEAD = re.compile(r"กระทรวง|กรม|สำนักงาน|มหาวิทยาลัย|ธนาคาร|สถาบัน|องค์การ|ศูนย์|กองทัพ|ทบวง|สมาคม|สภา(?!กาชาด)\S{0,12}|กองทุน|หอการค้า|จังหวัด"
                        r"|คณะกรรมการ(?:ร่วม|บริหาร|ทำงาน|ชุดนี้)?|(?:ราช)?วิทยาลัย|โรงพยาบาล|มูลนิธิ|เทศบาล|บรรษัท")


# a joint committee of the agreement, a body a clause describes ("สถาบันที่พิจารณา"), or a class of bodies ("เทศบาลท้องถิ่น", "โรงพยาบาลและสถานพยาบาล"), a hub
# ("ศูนย์กลางอุตสาหกรรมภาพยนตร์": a role, not a body), a class of all of them ("สถาบันการศึกษาทั้งภาครัฐ และภาคเอกชน")
_NOT_ORG = re.compile(r"^องค์การมหาชน$|^(?:สถาบัน|ธนาคาร|มหาวิทยาลัย|องค์การ|ศูนย์)ที่(?!ดิน)|^ศูนย์กลาง|ทั้ง(?:ภาค|หมด|สอง)|บางส่วน|ทั้งหลาย|ทั่วประเทศ$|^สถาบัน(?:การเงิน|การศึกษา|อุดมศึกษา)$|^(?:ธนาคาร|มหาวิทยาลัย)(?:พาณิชย์|ของรัฐ|เครือข่าย|ต่าง)|^คณะกรรมการ(?:ร่วม|บริหาร|ทำงาน)|รวมถึง|/|^(?:เทศบาล|โรงพยาบาล|มูลนิธิ)(?:ท้องถิ่น|และ|ฯ|ต่าง)")


_COUNT_AFTER = re.compile(r"\s*(?:จำนวน\s*)?\d{1,3}(?:,\d{3})*\s*(?:แห่ง|หน่วยงาน|ธนาคาร|องค์กร|สถาบัน|ราย|บริษัท)")   # "สถาบันการศึกษา 4 แห่ง"
_COUNTED = re.compile(r"(?<![\d.,])\d{1,3}\s*$")
_AFFILIATED = re.compile(r"(?:(?:^|\s|กับ|และ|ระหว่าง|ณ)(?:กรม|การ|สำนักงาน|สถาบัน|องค์การ)[^\s(),]{3,60}\s+(?:\([^()\s]{1,15}\)\s*)?"
                         r"|จ(?:ำ|ํา)กัด\s?\(มหาชน\)\s+)$")   # ... or the ministry of a state enterprise


# "ระหว่างหน่วยงานในสังกัดกระทรวงเกษตรและสหกรณ์ และ ...": the units under the ministry sign, not the ministry
_UNDER = re.compile(r"สังกัด\s*$")
# "the Thai Meteorological Department, Ministry of Digital Economy and Society" (the department's ministry, as
# "กรม... กระทรวง..." in Thai) and "Ministry of Interior’s Disaster Mitigation and Prevention Department" (its owner)
_EN_DEPARTMENT_END = re.compile(r"(?:Department|Office|Bureau|Agency|Institute)\s*,\s*(?:the\s+)?$")
_EN_POSSESSIVE = re.compile(r"\s*['’]s\b")
# "กระทรวงยุติธรรม โดยกรมคุ้มครองสิทธิและเสรีภาพ ร่วมกับ ...": the department signs, as when its ministry follows it
_ACTING_BY = re.compile(r"\s*โดย\s*(?:กรม|ส(?:ำ|\u0e4d\u0e32)นักงาน|สถาบัน|องค์การ)")


_EN_HEADS = r"(?:Ministry|Department|Office|University|Bank|Agency|Institute|Authority|Council|Chamber|Commission|Board|Association|Organi[sz]ation|Federation|Coalition)"
_EN_LIST_BREAK = re.compile(r",\s*(?:and\s+)?(?=(?:the\s+)?" + _EN_HEADS + r"\s+(?:of|for)\b)|\s+and\s+(?=(?:the\s+)?" + _EN_HEADS
                            + r"\s+(?:of|for)\b)")


# the Ministry of Higher Education, Science, Research and Innovation: its name has spaces, which end other names
MHESI = "กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม"
_MHESI = re.compile(r"กระทรวงการ\s?อุดมศึกษา\s?,?\s?วิทยาศาสตร์\s?,?\s?วิจัย\s?และ\s?นวัตกรรม")


@lru_cache(maxsize=1)
def _spaced_names() -> dict[str, tuple[tuple[re.Pattern, str], ...]]:
    """Thai public bodies whose names have spaces (the Thai names of ``query_translation.agency_names``, companies
    aside: they are read whole), by their first word: "สำนักงานคณะกรรมการกิจการกระจายเสียง กิจการโทรทัศน์ และ
    กิจการโทรคมนาคมแห่งชาติ", "กรมอุทยานแห่งชาติ สัตว์ป่า และพันธุ์พืช"; a name read is cut at its first space."""
    from indexer.query_translation import agency_names

    names = {forms[0] for forms in agency_names().values() if forms}
    by_first: dict[str, list] = {}
    for name in sorted(names):
        if " " not in name or "จำกัด" in name or re.search(r"\d", name):
            continue
        words = name.split()
        by_first.setdefault(words[0], []).append((re.compile(r"\s?".join(re.escape(w) for w in words)), name))
    return {k: tuple(v) for k, v in by_first.items()}


def organisations_in(text: str, lang: str) -> list[tuple[str, int, int]]:
    """Organisations named in ``text`` as (name as written, start, end)."""
    out = []
    if lang == "th" or re.search(r"[\u0e00-\u0e7f]", text):
        pos = 0
        while (m := _TH_ORG.search(text, pos)) is not None:
            name, lead = m[0], 0
            if name.endswith("(มหาชน)") and not name.startswith(("บริษัท", "ธนาคาร")):
                lead = len(re.match(r"(?:\S*(?:ระหว่าง|กับ|และ|โดย|ของ|คือ)\s+)*", name)[0])
                # "กรรมการผู้จัดการใหญ่ บริษัท ... จำกัด (มหาชน)": a title before the company's own name
                head = _COMPANY_HEAD.search(name, lead)
                lead = head.start() if head else lead
                name = name[lead:]
            if not name.startswith("บริษัท") and not name.endswith("(มหาชน)"):
                cut = _TH_ORG_END.search(name, 4)
                # "กองทุนเงินให้กู้ยืมเพื่อการศึกษา", "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร", "องค์การบริหาร...เพื่อการท่องเที่ยว
                # อย่างยั่งยืน": "เพื่อ" names the purpose
                while cut is not None and cut[0] == "เพื่อ" and name.startswith(("กองทุน", "ธนาคาร", "มูลนิธิ", "สถาบัน", "องค์การ")):
                    cut = _TH_ORG_END.search(name, cut.end())
                name = name[:cut.start()] if cut else name
            name = re.sub(r"(?:ของ|และ|กับ|ได้|ซึ่ง|โดย|เพื่อ|ที่|ใน|แห่ง)$", "", name)   # "...การสื่อสารแห่ง สปป.ลาว"
            value = name
            if (at := name.find("กระทรวงการ")) >= 0 and (full := _MHESI.match(text, m.start() + lead + at)) \
                    and full.end() > m.start() + lead + len(name):
                # the one ministry whose name has spaces, written with or without them ("สำนักงานปลัดกระทรวงการ อุดมศึกษา ...")
                name, value = text[m.start() + lead:full.end()], name[:at] + MHESI
            for pattern, whole in _spaced_names().get(name, ()):
                if (full := pattern.match(text, m.start() + lead)) and full.end() > m.start() + lead + len(name):
                    name, value = text[m.start() + lead:full.end()], whole   # a known body whose name has spaces
                    break
            pos = m.start() + lead + max(1, len(name))
            before = text[max(0, m.start() + lead - 90):m.start() + lead]   # a department's name may be long
            if _COUNTED.search(before) or _COUNT_AFTER.match(text, m.start() + lead + len(name)) or (name.startswith("กระทรวง") and (
                    _AFFILIATED.search(before) or _UNDER.search(before) or _ACTING_BY.match(text, m.start() + lead + len(name)))) or \
                    (name.startswith("จังหวัด") and re.search(r"อำเภอ|อ\.", before[-30:])):
                continue   # "3 สมาคมด้านการโฆษณา": a class of bodies; "กรมสุขภาพจิต กระทรวงสาธารณสุข": its ministry
            if len(name) >= 6 and not _BARE_HEAD.fullmatch(name) and not _NOT_ORG.search(name):   # นิคหิต + สระอา written for สระอำ: one spelling
                out.append((value.replace("\u0e4d\u0e32", "\u0e33"), m.start() + lead, m.start() + lead + len(name)))
    if lang != "th" or re.search(r"[A-Za-z]{3}", text):
        bounds = [0] + [m.end() for m in _EN_LIST_BREAK.finditer(text)] + [len(text)]
        for a, b in zip(bounds, bounds[1:]):   # "Ministry of A, Ministry of B and Ministry of C"
            for m in _EN_ORG.finditer(text, a, b):
                name = re.sub(r"(?:[\s,]+(?:and|of|for|the)\b)*[\s,]*$", "", m[1]).strip(" ,")   # "Ministry of Transport of (the Kingdom ...)"
                if name.startswith("Ministry") and _EN_POSSESSIVE.match(text, m.start(1) + len(name)):
                    # "Thailand’s Ministry of A and Japan’s Ministry of B": the possessive is the next party's
                    other = re.match(r"(.*\S)\s+and\s+(.+)$", name)
                    if not (other and (countries_in(other[2]) or re.search(r"Embassy|Republic|Kingdom|People", other[2]))):
                        continue
                    name = other[1].rstrip(" ,")   # "Ministry of A, and Korea’s Ministry of B"
                elif name.startswith("Ministry") and _EN_DEPARTMENT_END.search(text, 0, m.start(1)) and not re.search(
                        r"Ministry[^,]*,\s*(?:the\s+)?$", text[max(0, m.start(1) - 120):m.start(1)]):
                    continue
                out.append((name, m.start(1), m.start(1) + len(name)))
    return out


# an abbreviation written in brackets right after a body's name: "(ไอแบงก์)", "(พอช.)", "(SMBC)", "(EXIM Thailand)";
# not a status or a country ("(องค์การมหาชน)", "(ประเทศไทย)", "(Thailand)")
_ABBREVIATION = re.compile(r"\s?\(((?:[\u0e01-\u0e2e]{1,6}\.){1,4}(?:[\u0e01-\u0e2e]{1,4})?|[\u0e01-\u0e4e]{2,5}\.?"
                           r"|(?:ไอ|อี|เอ|บี|ซี|ดี)[\u0e01-\u0e4e]{2,6}"
                           r"|[A-Z][A-Za-z&-]*[A-Z][A-Za-z&-]*(?:\s(?:Thailand|Bank|Group))?)\)")
_NOT_ABBREVIATION = re.compile(r"^(?:มหาชน|ไทย|ประเทศ\S*|องค์การ\S*|จำกัด|ร่าง|ฉบับ\S*|Thailand|Thai|Ltd|PCL|Co)$"
                               # a person's title: "รัฐมนตรีว่าการกระทรวงวัฒนธรรม (รมว.วธ.)" abbreviates the minister
                               r"|^(?:รมว|รมช|รมต|ปล|ผอ|ผวจ|อธ)\.")

# the name read may end a longer one whose abbreviation it is ("College of Management of Mahidol University (CMMU)",
# "The Thai Chamber of Commerce and Board of Trade of Thailand (BoT)", "วิทยาลัยการจัดการ มหาวิทยาลัยมหิดล (CMMU)")
_PART_OF_LONGER = re.compile(r"(?:\b(?:and|of|for|the|The)\s+|[A-Z][\w&-]*\s+|(?:วิทยาลัย|คณะ|สถาบัน|ศูนย์|กรม|ส[ำ\u0e4d]\S*นักงาน|กลุ่ม|กอง|ฝ่าย)\S*\s)$")


_COMPANY_HEAD = re.compile(r"(?<=\s)(?:บริษัท|ธนาคาร)")
_STATUS = re.compile(r"\s?\((องค์การมหาชน)\)")


def with_abbreviation(org: str, text: str, at: int) -> str:
    """``org``, read at ``at`` in ``text``, with the abbreviation the text writes in brackets right after it
    ("ธนาคารอิสลามแห่งประเทศไทย (ไอแบงก์)", "สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน) (พอช.)"), there or where
    else the text writes the same name: one party, both its forms; else ``org`` as it is."""
    if org.endswith(")") or text[at:at + len(org)] != org:
        return org
    # where it is read, or where the article first wrote it with its abbreviation ("กรมส่งเสริมวัฒนธรรม (สวธ.)" in
    # the opening line, the bare name in the signing's sentence)
    # (not when the name read is cut from a longer one: "กระทรวงการสื่อสารและสารสนเทศ|แห่งสาธารณรัฐสิงคโปร์")
    elsewhere = () if text.startswith("แห่ง", at + len(org)) else \
        (m.start() for m in re.finditer(re.escape(org), text) if m.start() != at)   # looked for only when needed
    for where in itertools.chain((at,), elsewhere):
        if _PART_OF_LONGER.search(text, max(0, where - 40), where):
            continue
        status = _STATUS.match(text, where + len(org))
        a = _ABBREVIATION.match(text, status.end() if status else where + len(org))
        if a is None or _NOT_ABBREVIATION.match(a[1]) or a[1] in org:
            continue
        return f"{org} ({status[1]}) ({a[1]})" if status else f"{org} ({a[1]})"
    return org
