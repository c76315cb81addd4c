"""Parties of an agreement: countries by their canonical English name, organisations as written."""
from __future__ import annotations

import re

from indexer.glossary import COUNTRIES

# Countries often party to Thai agreements that the search glossary does not list; detected here
# only (adding them to the glossary would change the index's terms).
EXTRA_COUNTRIES: dict[str, tuple[str, ...]] = {
    "Austria": ("austria", "ออสเตรีย"), "Italy": ("italy", "อิตาลี"), "Spain": ("spain", "สเปน"),
    "Netherlands": ("netherlands", "เนเธอร์แลนด์"), "Belgium": ("belgium", "เบลเยียม"),
    "Switzerland": ("switzerland", "สวิตเซอร์แลนด์"), "Sweden": ("sweden", "สวีเดน"),
    "Norway": ("norway", "นอร์เวย์"), "Denmark": ("denmark", "เดนมาร์ก"),
    "Poland": ("poland", "โปแลนด์"), "Hungary": ("hungary", "ฮังการี"),
    "Czech Republic": ("czech republic", "เช็ก"), "Russia": ("russia", "รัสเซีย"),
    "Turkey": ("turkey", "türkiye", "ตุรกี", "ทูร์เคีย"), "Saudi Arabia": ("saudi arabia", "ซาอุดีอาระเบีย"),
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
}
ALL_COUNTRIES = {**COUNTRIES, **EXTRA_COUNTRIES}
# Thai forms that are also the first letters of unrelated words (ไทย in ไทยแลนด์ is fine; จีน in
# จีนแผ่นดินใหญ่ too); forms that are words of other meaning are excluded here.
_AMBIGUOUS = {"thai", "lao", "uk", "korea", "chinese", "japanese", "finnish", "jordan", "turkey",
              "chile", "oman", "เช็ก", "จีน", "ไทย", "เปรู", "ชิลี"}
_FORMS: list[tuple[str, str]] = sorted(
    ((form, name) for name, forms in ALL_COUNTRIES.items() for form in forms),
    key=lambda fn: -len(fn[0]))


def _form_pattern(form: str) -> str:
    if re.search(r"[a-z]", form):
        return r"(?<![A-Za-z])" + re.escape(form) + r"(?![A-Za-z])"
    return re.escape(form)


_COUNTRY_RE = re.compile("|".join(f"({_form_pattern(f)})" for f, _ in _FORMS), re.I)
_GROUP_NAME = [name for _, name in _FORMS]
# "ไทย" is a country only where it stands for the state, not "คนไทย"/"ภาษาไทย"/"สินค้าไทย"
_THAI_NOT_STATE = re.compile(r"(?:คน|ภาษา|ชาว|อาหาร|สินค้า|แรงงาน|นักท่องเที่ยว|ผู้ประกอบการ|ความเป็น)$")


def countries_in(text: str) -> list[tuple[str, int, int]]:
    """(canonical name, start, end) of every country named in ``text``."""
    out = []
    for m in _COUNTRY_RE.finditer(text):
        name = _GROUP_NAME[m.lastindex - 1]
        form = m.group(m.lastindex).lower()
        if form == "ไทย" and _THAI_NOT_STATE.search(text[max(0, m.start() - 14):m.start()]):
            continue
        if form in ("thai", "lao", "chinese", "japanese", "finnish") and not re.match(
                r"\s+(?:government|side|ministry|ministries|authorities)", text[m.end():], re.I):
            continue
        out.append((name, m.start(), m.end()))
    return out


def canonical_party(name: str) -> str:
    """A country's canonical name for any of its forms; anything else stripped, as written."""
    key = " ".join(name.split()).strip(" ,.")
    for form, canon in _FORMS:
        if key.lower() == form:
            return canon
    return key


# Organisations: Thai heads (กระทรวง, กรม, มหาวิทยาลัย, ...) or English ones, taken to the end of
# their name (Thai: the next space or bracket; English: capitalised words).
_TH_ORG = re.compile(
    r"(?:กระทรวง|กรม(?!การ)|สำนักงาน|มหาวิทยาลัย|บริษัท|ธนาคาร|สถาบัน|การท่องเที่ยวแห่งประเทศไทย|การไฟฟ้า"
    r"|การนิคมอุตสาหกรรม|สภา(?:อุตสาหกรรม|หอการค้า)|องค์การ|ศูนย์|จังหวัด|กองทัพ|สำนักงานตำรวจ)"
    r"[^\s()“”\"'‘’,]{2,60}")
_EN_ORG = re.compile(
    r"(?:the\s+)?((?:Ministry|Department|Office|University|Bank|Agency|Institute|Authority|Council|"
    r"Chamber|Commission|Board)\s+of\s+(?:[A-Z][\w&-]*(?:\s+(?:and|of|for|the)\s+|\s+|,\s+)?){1,8}"
    r"|(?:[A-Z][\w&-]+\s+){1,5}(?:Ministry|University|Company|Co\.,? Ltd\.?|Corporation|Bank|Agency|"
    r"Authority|Institute))")


def organisations_in(text: str, lang: str) -> list[tuple[str, int, int]]:
    """Organisations named in ``text`` as (name as written, start, end)."""
    out = []
    if lang == "th":
        for m in _TH_ORG.finditer(text):
            name = re.sub(r"(?:ของ|และ|กับ|ได้|ซึ่ง|โดย|เพื่อ|ที่|ใน)$", "", m[0])
            out.append((name, m.start(), m.start() + len(name)))
    else:
        for m in _EN_ORG.finditer(text):
            name = re.sub(r"[\s,]+(?:and|of|for|the)?$", "", m[1]).strip(" ,")
            out.append((name, m.start(1), m.start(1) + len(name)))
    return out
