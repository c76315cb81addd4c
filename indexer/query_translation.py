"""English -> Thai words for English questions over Thai passages (query side only).

An English question shares almost no words with a Thai passage, so BM25 sees nothing of it
there but glossary concepts (``indexer.glossary``) and Latin acronyms. This module gives the
question a second, Thai form: every English word or phrase below is replaced by its Thai
equivalents, the rest (names, acronyms, numbers) kept. The searcher scores that form too and
keeps, per passage, the better of the two BM25 scores and coverages.

It is general vocabulary of government, agreements and encyclopaedic text (ministries,
agencies, sectors, roles, places, time), written out by hand, not fitted to any judged
question. It is deliberately *not* part of the analyzer (``indexer.analysis``): indexes do not
change with it, so its entries can grow without re-indexing.
"""
from __future__ import annotations

import re
from functools import lru_cache

# English word or phrase (as written, lower case; plurals are matched through the analyzer's
# S-stemmer) -> Thai forms
ENGLISH_TO_THAI: dict[str, tuple[str, ...]] = {
    # government bodies and roles
    "prime minister": ("นายกรัฐมนตรี", "นายกฯ"),
    "deputy prime minister": ("รองนายกรัฐมนตรี",),
    "permanent secretary": ("ปลัดกระทรวง",),
    "deputy permanent secretary": ("รองปลัดกระทรวง",),
    "director-general": ("อธิบดี",), "director general": ("อธิบดี",),
    "director": ("ผู้อำนวยการ",), "secretary-general": ("เลขาธิการ",), "secretary general": ("เลขาธิการ",),
    "governor": ("ผู้ว่าราชการจังหวัด", "ผู้ว่าการ"), "ambassador": ("เอกอัครราชทูต",),
    "embassy": ("สถานเอกอัครราชทูต",), "spokesman": ("โฆษก",), "spokesperson": ("โฆษก",),
    "president": ("ประธาน", "ประธานาธิบดี"), "chairman": ("ประธาน",), "chair": ("ประธาน",),
    "committee": ("คณะกรรมการ",), "commission": ("คณะกรรมการ",), "board": ("คณะกรรมการ",),
    "council": ("สภา",), "parliament": ("รัฐสภา",), "senate": ("วุฒิสภา",),
    "department": ("กรม",), "office": ("สำนักงาน",), "agency": ("หน่วยงาน", "สำนักงาน"),
    "authority": ("สำนักงาน",), "organisation": ("องค์กร", "องค์การ"), "organization": ("องค์กร", "องค์การ"),
    "institute": ("สถาบัน",), "institution": ("สถาบัน",), "university": ("มหาวิทยาลัย",),
    "foundation": ("มูลนิธิ",), "association": ("สมาคม",), "federation": ("สหพันธ์",),
    "company": ("บริษัท",), "corporation": ("บริษัท",), "bank": ("ธนาคาร",), "fund": ("กองทุน",),
    "state enterprise": ("รัฐวิสาหกิจ",), "private sector": ("ภาคเอกชน",), "public sector": ("ภาครัฐ",),
    "province": ("จังหวัด",), "provincial": ("จังหวัด",), "district": ("อำเภอ", "เขต"),
    "local": ("ท้องถิ่น",), "village": ("หมู่บ้าน",), "community": ("ชุมชน",),
    "people": ("ประชาชน",), "citizen": ("ประชาชน",), "public": ("ประชาชน",),
    "farmer": ("เกษตรกร",), "worker": ("แรงงาน",), "migrant worker": ("แรงงานต่างด้าว",),
    "labour": ("แรงงาน",), "labor": ("แรงงาน",), "employment": ("การจ้างงาน",),
    "student": ("นักเรียน", "นักศึกษา"), "teacher": ("ครู",), "volunteer": ("อาสาสมัคร",),
    "official": ("เจ้าหน้าที่",), "staff": ("บุคลากร", "เจ้าหน้าที่"), "officer": ("เจ้าหน้าที่",),
    "police": ("ตำรวจ",), "army": ("กองทัพบก",), "military": ("ทหาร",), "navy": ("กองทัพเรือ",),
    "air force": ("กองทัพอากาศ",), "court": ("ศาล",), "king": ("พระมหากษัตริย์", "พระเจ้า"),
    "queen": ("สมเด็จพระราชินี", "พระราชินี"), "royal": ("พระราช",),
    # ministries and sectors
    "health": ("สาธารณสุข", "สุขภาพ"), "public health": ("สาธารณสุข",), "hospital": ("โรงพยาบาล",),
    "medical": ("การแพทย์",), "medicine": ("การแพทย์", "ยา"), "doctor": ("แพทย์",), "patient": ("ผู้ป่วย",),
    "vaccine": ("วัคซีน",), "disease": ("โรค",), "emergency": ("ฉุกเฉิน",),
    "education": ("การศึกษา", "ศึกษาธิการ"), "higher education": ("การอุดมศึกษา",), "school": ("โรงเรียน",),
    "science": ("วิทยาศาสตร์",), "research": ("วิจัย",), "technology": ("เทคโนโลยี",),
    "agriculture": ("เกษตร", "เกษตรและสหกรณ์"), "agricultural": ("เกษตร",), "cooperative": ("สหกรณ์",),
    "farming": ("เกษตร",), "rice": ("ข้าว",), "sugar": ("น้ำตาล",), "sugarcane": ("อ้อย",), "sugar cane": ("อ้อย",),
    "rubber": ("ยางพารา",), "fruit": ("ผลไม้",), "herb": ("สมุนไพร",), "fishery": ("ประมง",), "fish": ("ปลา",),
    "livestock": ("ปศุสัตว์",), "forest": ("ป่าไม้",), "land": ("ที่ดิน",), "land reform": ("การปฏิรูปที่ดิน",),
    "water": ("น้ำ",), "irrigation": ("ชลประทาน",), "drought": ("ภัยแล้ง",), "flood": ("น้ำท่วม", "อุทกภัย"),
    "energy": ("พลังงาน",), "electricity": ("ไฟฟ้า",), "power plant": ("โรงไฟฟ้า",), "oil": ("น้ำมัน",),
    "gas": ("ก๊าซ",), "fuel": ("เชื้อเพลิง",), "renewable": ("หมุนเวียน",), "solar": ("แสงอาทิตย์",),
    "biomass": ("ชีวมวล",), "heat": ("ความร้อน",), "environment": ("สิ่งแวดล้อม",),
    "natural resources": ("ทรัพยากรธรรมชาติ",), "climate change": ("การเปลี่ยนแปลงสภาพภูมิอากาศ",),
    "pollution": ("มลพิษ",), "waste": ("ขยะ",), "carbon": ("คาร์บอน",),
    "transport": ("คมนาคม", "การขนส่ง"), "transportation": ("คมนาคม", "การขนส่ง"), "railway": ("รถไฟ",),
    "train": ("รถไฟ",), "airport": ("ท่าอากาศยาน", "สนามบิน"), "port": ("ท่าเรือ",), "road": ("ถนน",),
    "logistics": ("โลจิสติกส์",), "tourism": ("การท่องเที่ยว", "ท่องเที่ยว"), "tourist": ("นักท่องเที่ยว",),
    "sport": ("กีฬา",), "culture": ("วัฒนธรรม",), "cultural": ("วัฒนธรรม",), "religion": ("ศาสนา",),
    "temple": ("วัด",), "mosque": ("มัสยิด",), "islamic": ("อิสลาม",), "buddhist": ("พุทธ",),
    "commerce": ("พาณิชย์",), "trade": ("การค้า", "พาณิชย์"), "export": ("ส่งออก",), "import": ("นำเข้า",),
    "market": ("ตลาด",), "industry": ("อุตสาหกรรม",), "industrial": ("อุตสาหกรรม",), "factory": ("โรงงาน",),
    "finance": ("การคลัง", "การเงิน"), "financial": ("การเงิน",), "tax": ("ภาษี",), "budget": ("งบประมาณ",),
    "economy": ("เศรษฐกิจ",), "economic": ("เศรษฐกิจ",), "saving": ("การออม", "ออม"), "savings": ("การออม", "ออม"),
    "loan": ("สินเชื่อ", "เงินกู้"), "credit": ("สินเชื่อ",), "debt": ("หนี้",), "insurance": ("ประกัน",),
    "foreign affairs": ("การต่างประเทศ",), "interior": ("มหาดไทย",), "justice": ("ยุติธรรม",),
    "defence": ("กลาโหม",), "defense": ("กลาโหม",), "security": ("ความมั่นคง",),
    "social development": ("การพัฒนาสังคม",), "human security": ("ความมั่นคงของมนุษย์",),
    "welfare": ("สวัสดิการ",), "elderly": ("ผู้สูงอายุ",), "disabled": ("คนพิการ",), "children": ("เด็ก",),
    "child": ("เด็ก",), "women": ("สตรี",), "youth": ("เยาวชน",), "family": ("ครอบครัว",),
    "poverty": ("ความยากจน",), "poor": ("ยากจน",), "housing": ("ที่อยู่อาศัย",),
    "human trafficking": ("การค้ามนุษย์",), "trafficking": ("การค้ามนุษย์",), "drug": ("ยาเสพติด",),
    "narcotics": ("ยาเสพติด",), "border": ("ชายแดน",), "immigration": ("ตรวจคนเข้าเมือง",),
    "communication": ("การสื่อสาร",), "media": ("สื่อ",), "data": ("ข้อมูล",), "personal data": ("ข้อมูลส่วนบุคคล",),
    "internet": ("อินเทอร์เน็ต",), "network": ("เครือข่าย",), "software": ("ซอฟต์แวร์",), "platform": ("แพลตฟอร์ม",),
    "artificial intelligence": ("ปัญญาประดิษฐ์",), "space": ("อวกาศ",), "nuclear": ("นิวเคลียร์",),
    "small and medium enterprises": ("วิสาหกิจขนาดกลางและขนาดย่อม", "เอสเอ็มอี"), "sme": ("เอสเอ็มอี",),
    "entrepreneur": ("ผู้ประกอบการ",), "product": ("ผลิตภัณฑ์",), "food": ("อาหาร",), "halal": ("ฮาลาล",),
    "standard": ("มาตรฐาน",), "quality": ("คุณภาพ",), "development": ("การพัฒนา", "พัฒนา"),
    "project": ("โครงการ",), "programme": ("โครงการ",), "program": ("โครงการ",), "plan": ("แผน",),
    "policy": ("นโยบาย",), "strategy": ("ยุทธศาสตร์",), "law": ("กฎหมาย",), "regulation": ("ระเบียบ",),
    "budget year": ("ปีงบประมาณ",), "fiscal year": ("ปีงบประมาณ",),
    # agreement vocabulary
    "memorandum": ("บันทึกความเข้าใจ",), "contract": ("สัญญา",), "treaty": ("สนธิสัญญา",),
    "party": ("ภาคี", "ฝ่าย"), "parties": ("ภาคี", "ฝ่าย"), "signatory": ("ผู้ลงนาม",),
    "witness": ("สักขีพยาน",), "ceremony": ("พิธี",), "signing ceremony": ("พิธีลงนาม",),
    "joint": ("ร่วม",), "jointly": ("ร่วมกัน",), "support": ("สนับสนุน",), "promote": ("ส่งเสริม",),
    "promotion": ("ส่งเสริม",), "develop": ("พัฒนา",), "aim": ("วัตถุประสงค์",),
    "objective": ("วัตถุประสงค์",), "purpose": ("วัตถุประสงค์",), "goal": ("เป้าหมาย",), "target": ("เป้าหมาย",),
    "scope": ("ขอบเขต",), "framework": ("กรอบ",), "work plan": ("แผนงาน",), "activity": ("กิจกรรม",),
    "budget support": ("งบประมาณ",), "approve": ("อนุมัติ", "เห็นชอบ"), "approved": ("อนุมัติ", "เห็นชอบ"),
    "authorise": ("มอบหมาย", "อนุมัติ"), "authorize": ("มอบหมาย", "อนุมัติ"), "authorised": ("มอบหมาย", "อนุมัติ"),
    "represent": ("ผู้แทน",), "meet": ("ประชุม",), "private": ("เอกชน",), "crop": ("พืช",), "leaf": ("ใบ",), "representative": ("ผู้แทน",), "delegation": ("คณะผู้แทน",),
    "bilateral": ("ทวิภาคี",), "multilateral": ("พหุภาคี",), "international": ("ระหว่างประเทศ",),
    "foreign": ("ต่างประเทศ", "ต่างชาติ"), "overseas": ("ต่างประเทศ",), "network partner": ("ภาคีเครือข่าย",),
    "value": ("มูลค่า",), "income": ("รายได้",), "revenue": ("รายได้",), "cost": ("ค่าใช้จ่าย",),
    "amount": ("จำนวน",), "baht": ("บาท",), "million": ("ล้าน",), "billion": ("พันล้าน",),
    "percent": ("ร้อยละ",), "per cent": ("ร้อยละ",), "share": ("ร้อยละ", "สัดส่วน"),
    "reach": ("ครอบคลุม",), "cover": ("ครอบคลุม",), "participant": ("ผู้เข้าร่วม",),
    "exhibition": ("นิทรรศการ",), "exposition": ("มหกรรม",), "fair": ("งาน",), "event": ("งาน",),
    "conference": ("การประชุม",), "seminar": ("สัมมนา",), "room": ("ห้อง",), "meeting room": ("ห้องประชุม",),
    "building": ("อาคาร",), "floor": ("ชั้น",), "government house": ("ทำเนียบรัฐบาล",),
    "route": ("เส้นทาง",), "return": ("เดินทางกลับ", "กลับ"), "travel": ("เดินทาง",), "traveller": ("นักเดินทาง",),
    "traveler": ("นักเดินทาง",), "facilitation": ("อำนวยความสะดวก",), "centre": ("ศูนย์",), "center": ("ศูนย์",),
    "service": ("บริการ",), "station": ("สถานี",), "innovation": ("นวัตกรรม",),
    # time
    "month": ("เดือน",), "week": ("สัปดาห์",), "day": ("วัน",), "date": ("วันที่",),
    "january": ("มกราคม",), "february": ("กุมภาพันธ์",), "march": ("มีนาคม",), "april": ("เมษายน",),
    "june": ("มิถุนายน",), "july": ("กรกฎาคม",), "august": ("สิงหาคม",),
    "september": ("กันยายน",), "october": ("ตุลาคม",), "november": ("พฤศจิกายน",), "december": ("ธันวาคม",),
    # encyclopaedic
    "born": ("เกิด",), "died": ("เสียชีวิต", "สิ้นพระชนม์"), "death": ("เสียชีวิต",), "founded": ("ก่อตั้ง",),
    "established": ("ก่อตั้ง", "จัดตั้ง"), "built": ("สร้าง",), "capital": ("เมืองหลวง",), "city": ("เมือง",),
    "country": ("ประเทศ",), "river": ("แม่น้ำ",), "mountain": ("ภูเขา",), "island": ("เกาะ",), "sea": ("ทะเล",),
    "population": ("ประชากร",), "area": ("พื้นที่",), "language": ("ภาษา",), "father": ("บิดา", "พ่อ"),
    "mother": ("มารดา", "แม่"), "son": ("บุตร", "ลูกชาย"), "daughter": ("บุตรี", "ลูกสาว"), "wife": ("ภรรยา",),
    "husband": ("สามี",), "film": ("ภาพยนตร์",), "movie": ("ภาพยนตร์",), "song": ("เพลง",), "album": ("อัลบั้ม",),
    "singer": ("นักร้อง",), "actor": ("นักแสดง",), "band": ("วง",), "team": ("ทีม",), "football": ("ฟุตบอล",),
    "club": ("สโมสร",), "player": ("นักเตะ", "ผู้เล่น"), "game": ("เกม",), "book": ("หนังสือ",),
    "writer": ("นักเขียน",), "author": ("ผู้แต่ง",), "war": ("สงคราม",), "dynasty": ("ราชวงศ์",),
    "species": ("ชนิด",), "animal": ("สัตว์",), "plant": ("พืช",), "bird": ("นก",), "name": ("ชื่อ",),
    "award": ("รางวัล",), "prize": ("รางวัล",), "season": ("ฤดูกาล",), "episode": ("ตอน",),
    "station name": ("สถานี",), "television": ("โทรทัศน์",), "tv": ("โทรทัศน์",), "channel": ("ช่อง",),
    "located": ("ตั้งอยู่",), "released": ("ออก", "วางจำหน่าย"), "earthquake": ("แผ่นดินไหว",),
    "occur": ("เกิด",), "group": ("กลุ่ม",), "scientific": ("วิทยาศาสตร์",), "prince": ("เจ้าชาย",),
    "princess": ("เจ้าหญิง",), "duke": ("ดยุก",), "duchess": ("ดัชเชส",), "emperor": ("จักรพรรดิ",),
    "kingdom": ("ราชอาณาจักร", "อาณาจักร"), "throne": ("ราชบัลลังก์", "ครองราชย์"), "money": ("เงิน",),
    "winner": ("ผู้ชนะ",), "continent": ("ทวีป",), "largest": ("ใหญ่ที่สุด",), "battle": ("ยุทธการ", "การรบ"),
    "height": ("ความสูง",), "length": ("ความยาว",), "weight": ("น้ำหนัก",), "planet": ("ดาวเคราะห์",),
    "first": ("แรก",), "taste": ("รสชาติ",), "air": ("อากาศ",),
}

BUDDHIST_ERA = 543
_YEAR = re.compile(r"(?:19|20)\d\d")
_SPLIT = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


@lru_cache(maxsize=1)
def _phrase_index() -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    """First word -> [(the phrase's words, Thai forms)], longest phrases first (words S-stemmed)."""
    from indexer.analysis import s_stem

    index: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for phrase, thai in ENGLISH_TO_THAI.items():
        words = tuple(s_stem(w) for w in _SPLIT.findall(phrase.lower()))
        if words:
            index.setdefault(words[0], []).append((words, thai))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


_SUFFIXES = (("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""))


def _known_form(word: str, index: dict) -> str:
    """``word``, or the dictionary word it inflects (signed -> sign, developing -> develop,
    authorised -> authorise, applied -> apply) when only that one is in the dictionary."""
    if word in index or len(word) < 5:
        return word
    for suffix, ending in _SUFFIXES:
        if word.endswith(suffix) and (base := word[:-len(suffix)] + ending) in index:
            return base
    return word


@lru_cache(maxsize=4096)
def thai_form(query: str) -> str | None:
    """``query`` with every English word or phrase of the dictionary replaced by its Thai forms
    (longest phrase first), a year also in the Buddhist Era (2022 -> 2565 2022), the other words
    kept; None when nothing was replaced."""
    from indexer.analysis import s_stem

    index = _phrase_index()
    words = [_known_form(s_stem(w.removesuffix("'s")), index) for w in _SPLIT.findall(query.lower())]
    out: list[str] = []
    replaced = False
    i = 0
    while i < len(words):
        for phrase, thai in index.get(words[i], ()):
            if tuple(words[i:i + len(phrase)]) == phrase:
                out.append(" ".join(thai))
                replaced = True
                i += len(phrase)
                break
        else:
            if _YEAR.fullmatch(words[i]):   # Thai text counts years in the Buddhist Era
                out.append(str(int(words[i]) + BUDDHIST_ERA))
                replaced = True
            out.append(words[i])
            i += 1
    return " ".join(out) if replaced else None
