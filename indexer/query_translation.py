"""English -> Thai words for English questions over Thai passages (query side only).

An English question shares almost no words with a Thai passage, so BM25 sees nothing of it
there but glossary concepts (``indexer.glossary``) and Latin acronyms. This module gives the
question a second, Thai form: every English word or phrase below is replaced by its Thai
equivalents, the rest (names, acronyms, numbers) kept. The searcher scores that form too and
keeps, per passage, the better of the two BM25 scores and coverages.

It is general vocabulary of government, agreements and encyclopaedic text (ministries,
agencies, sectors, roles, places, time), written out by hand, not fitted to any judged
question; beside it, ``data/th_agencies.tsv`` names 633 Thai public bodies (departments,
offices, state enterprises, funds, universities, councils) by their English names and
acronyms, with their Thai names and abbreviations. It is deliberately *not* part of the
analyzer (``indexer.analysis``): indexes do not change with it, so its entries can grow without
re-indexing.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from indexer.dates import ENGLISH_MONTHS, THAI_MONTHS

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
    "farmer": ("เกษตรกร",), "worker": ("แรงงาน",),
    "labour": ("แรงงาน",), "labor": ("แรงงาน",), "employment": ("การจ้างงาน",),
    "student": ("นักเรียน", "นักศึกษา"), "teacher": ("ครู",), "volunteer": ("อาสาสมัคร",),
    # "training" would otherwise be read as "train" (รถไฟ) through the -ing stripping of _known_form
    "training": ("ฝึกอบรม", "อบรม"), "trained": ("ฝึก", "อบรม"), "trainer": ("วิทยากร", "ผู้ฝึก"),
    "caregiver": ("ผู้ดูแล",),
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
    "livestock": ("ปศุสัตว์",), "forest": ("ป่าไม้",), "land": ("ที่ดิน", "ดินแดน"), "land reform": ("การปฏิรูปที่ดิน",),
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
    "loan": ("สินเชื่อ", "เงินกู้"), "credit": ("สินเชื่อ",), "debt": ("หนี้",), "insurance": ("ประกัน", "ประกันภัย"),
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
    # encyclopaedic
    "born": ("เกิด", "ประสูติ"), "died": ("เสียชีวิต", "สิ้นพระชนม์"), "founded": ("ก่อตั้ง",),
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
    "first": ("แรก",), "taste": ("รสชาติ", "รส"), "air": ("อากาศ",),
    # press releases: what was done, by whom, on what terms
    "national": ("แห่งชาติ",), "preside": ("ประธาน",), "presided": ("ประธาน",), "chaired": ("ประธาน",),
    "discuss": ("หารือ",), "discussion": ("หารือ",), "talks": ("หารือ",), "consult": ("หารือ",),
    "draft": ("ร่าง",), "in principle": ("หลักการ",), "principle": ("หลักการ",),
    "letter of intent": ("หนังสือแสดงเจตจำนง", "เจตจำนง"), "declaration": ("ปฏิญญา",),
    "joint statement": ("แถลงการณ์ร่วม",), "protocol": ("พิธีสาร",), "convention": ("อนุสัญญา",),
    "charter": ("กฎบัตร",), "amendment": ("แก้ไข",), "terminate": ("ยกเลิก",), "termination": ("ยกเลิก",),
    "measure": ("มาตรการ",), "guideline": ("แนวทาง",), "criteria": ("หลักเกณฑ์",),
    "condition": ("เงื่อนไข",), "requirement": ("เงื่อนไข",), "procedure": ("ขั้นตอน",),
    "minimum": ("ขั้นต่ำ", "ไม่น้อยกว่า"), "maximum": ("สูงสุด", "ไม่เกิน"),
    "fee": ("ค่าธรรมเนียม",), "visa": ("วีซ่า",), "permit": ("ใบอนุญาต",), "licence": ("ใบอนุญาต",),
    "license": ("ใบอนุญาต",), "passport": ("หนังสือเดินทาง",), "apply": ("ยื่น", "ยื่นคำร้อง", "คำขอ"),
    "application": ("ยื่น", "ยื่นคำร้อง", "คำขอ"), "register": ("ขึ้นทะเบียน",), "registration": ("ขึ้นทะเบียน",),
    "employer": ("นายจ้าง",), "employee": ("ลูกจ้าง",), "employ": ("จ้างงาน", "จ้าง"), "hire": ("จ้างงาน", "จ้าง"),
    "job": ("งาน", "อาชีพ"), "occupation": ("อาชีพ",), "career": ("อาชีพ",), "skill": ("ทักษะ",),
    "migrant": ("ต่างด้าว", "ข้ามชาติ"), "migrant worker": ("แรงงานต่างด้าว", "แรงงานข้ามชาติ"),
    "foreign worker": ("แรงงานต่างด้าว", "แรงงานข้ามชาติ"), "bring in": ("นำเข้า",),
    "covid": ("โควิด",), "covid-19": ("โควิด-19",), "pandemic": ("โรคระบาด", "การระบาด"),
    "outbreak": ("การระบาด",), "quarantine": ("กักตัว",), "vaccination": ("ฉีดวัคซีน",),
    "victim": ("ผู้เสียหาย",), "suppress": ("ปราบปราม",), "suppression": ("ปราบปราม",),
    "crackdown": ("ปราบปราม",), "combat": ("ปราบปราม",), "prevent": ("ป้องกัน",), "prevention": ("ป้องกัน",),
    "gang": ("แก๊ง",), "call center": ("คอลเซ็นเตอร์", "call center"),
    "call centre": ("คอลเซ็นเตอร์", "call center"), "problem": ("ปัญหา",), "solve": ("แก้ไขปัญหา",), "side": ("ฝ่าย",),
    "hope": ("หวัง",), "expect": ("คาดว่า", "คาดหวัง"), "reopen": ("เปิดประเทศ",),
    "anniversary": ("ครบรอบ",), "opening": ("เปิด",), "launch": ("เปิดตัว",),
    "dollar": ("ดอลลาร์",), "us dollar": ("ดอลลาร์สหรัฐ",), "usd": ("ดอลลาร์สหรัฐ",),
    "two": ("2",), "four": ("4",), "seven": ("7",), "ten": ("10",),
    "office of the permanent secretary": ("สำนักงานปลัดกระทรวง",),
    "bangkok": ("กรุงเทพมหานคร", "กรุงเทพฯ"), "pattaya": ("พัทยา",),
    "eastern economic corridor": ("ระเบียงเศรษฐกิจพิเศษภาคตะวันออก", "อีอีซี"), "eec": ("อีอีซี",),
    # government and public bodies that releases name by their Thai acronyms
    "ccsa": ("ศบค.",), "boi": ("บีโอไอ",), "board of investment": ("บีโอไอ",),
    "nesdc": ("สศช.",), "tat": ("ททท.",), "tourism authority of thailand": ("ททท.", "การท่องเที่ยวแห่งประเทศไทย"),
    "egat": ("กฟผ.",), "ptt": ("ปตท.",), "nbtc": ("กสทช.",), "etda": ("สพธอ.",),
    "bank of thailand": ("ธนาคารแห่งประเทศไทย", "ธปท."), "government savings bank": ("ธนาคารออมสิน",),
    "baac": ("ธ.ก.ส.",), "red cross": ("สภากาชาด",), "world bank": ("ธนาคารโลก",),
    "european union": ("สหภาพยุโรป",), "eu": ("สหภาพยุโรป",), "united nations": ("สหประชาชาติ",),
    "royal thai police": ("สำนักงานตำรวจแห่งชาติ",),
    # encyclopaedic words the 400 English iApp *train* questions leave untranslated (stop 30; valid and test
    # not read for them)
    "year": ("ปี",), "state": ("รัฐ",), "republic": ("สาธารณรัฐ",), "belong": ("สังกัด",), "freshwater": ("น้ำจืด",),
    "held": ("จัด", "จัดขึ้น"), "classified": ("จัดอยู่", "จัดเป็น"), "die": ("เสียชีวิต", "สิ้นพระชนม์", "ถึงแก่กรรม"),
    "death": ("เสียชีวิต", "สิ้นพระชนม์", "ถึงแก่กรรม"), "use": ("ใช้",), "kind": ("ชนิด", "ประเภท"),
    "type": ("ประเภท", "ชนิด"), "call": ("เรียก",), "nickname": ("ชื่อเล่น", "ฉายา"), "currently": ("ปัจจุบัน",),
    "medicinal": ("สมุนไพร", "ยา"), "olympic": ("โอลิมปิก",), "world": ("โลก",), "english": ("อังกฤษ",),
    "word": ("คำ",), "famous": ("มีชื่อเสียง",), "mean": ("หมายถึง", "แปลว่า"), "meaning": ("ความหมาย", "หมายถึง"),
    "part": ("ส่วน",), "original": ("เดิม",), "start": ("เริ่ม",), "character": ("ตัวละคร",),
    "nationality": ("สัญชาติ",), "tree": ("ต้นไม้", "ไม้ยืนต้น"), "summer": ("ฤดูร้อน",), "compete": ("แข่งขัน",),
    "catfish": ("ปลาดุก",), "story": ("เรื่อง",), "main": ("หลัก",), "genre": ("แนว",), "church": ("โบสถ์",),
    "subdistrict": ("ตำบล",), "birth": ("เกิด", "ประสูติ"), "write": ("เขียน", "ประพันธ์"),
    "written": ("เขียน", "ประพันธ์"), "wrote": ("เขียน", "ประพันธ์"), "series": ("ซีรีส์", "ชุด"),
    "lake": ("ทะเลสาบ",), "temperature": ("อุณหภูมิ",), "insect": ("แมลง",), "flower": ("ดอก",),
    "color": ("สี",), "colour": ("สี",), "god": ("เทพ",),
    # more of them (kept: those that lost iApp valid no document at rank 1), and the short and irregular forms
    # the suffix rules do not reach (used, made, began)
    "used": ("ใช้",), "made": ("สร้าง", "ทำ"), "make": ("สร้าง", "ทำ"), "edition": ("ครั้งที่",), "live": ("อาศัย",),
    "lived": ("อาศัย",), "direct": ("กำกับ",), "considered": ("ถือว่า", "ถือเป็น"), "open": ("เปิด",),
    "fight": ("ต่อสู้",), "park": ("สวน", "อุทยาน"), "small": ("เล็ก",), "fever": ("ไข้",), "discover": ("ค้นพบ",),
    "appear": ("ปรากฏ",), "found": ("พบ", "ก่อตั้ง"), "tower": ("หอ", "อาคาร"), "sister": ("น้องสาว", "พี่สาว"),
    "twin": ("แฝด",), "south": ("ใต้",), "north": ("เหนือ",), "east": ("ตะวันออก",), "west": ("ตะวันตก",),
    "giant": ("ยักษ์",), "cup": ("ถ้วย",), "process": ("กระบวนการ",), "began": ("เริ่ม",), "begin": ("เริ่ม",),
    "bicycle": ("จักรยาน",), "marine": ("ทะเล",), "chemical": ("สารเคมี",), "boxing": ("มวย",),
    "concert": ("คอนเสิร์ต",), "anthem": ("เพลงชาติ",), "sing": ("ร้อง",), "dance": ("เต้น", "ระบำ"),
    "host": ("เจ้าภาพ",), "chinese": ("จีน",), "metre": ("เมตร",), "meter": ("เมตร",),
    "kilometre": ("กิโลเมตร",), "kilometer": ("กิโลเมตร",), "centimetre": ("เซนติเมตร",),
    "centimeter": ("เซนติเมตร",), "ear": ("หู",), "grow": ("ปลูก", "เติบโต"), "old": ("อายุ", "เก่า"),
    "age": ("อายุ",), "named": ("ชื่อ", "ตั้งชื่อ"), "real name": ("ชื่อจริง",), "brother": ("พี่ชาย", "น้องชาย"),
    # general encyclopaedic words (stop 30, from no question set; 79 of 105 kept: three quarters of them together cost
    # iApp valid no document at rank 1)
    "poet": ("กวี",), "painting": ("ภาพวาด",), "museum": ("พิพิธภัณฑ์",), "statue": ("รูปปั้น", "พระรูป"),
    "buddha": ("พระพุทธ",), "monk": ("พระสงฆ์", "ภิกษุ"), "symptom": ("อาการ",), "cure": ("รักษา",),
    "virus": ("ไวรัส",), "bacteria": ("แบคทีเรีย",), "cell": ("เซลล์",), "gene": ("ยีน",), "blood": ("เลือด",),
    "heart": ("หัวใจ",), "brain": ("สมอง",), "element": ("ธาตุ",), "atom": ("อะตอม",), "atomic": ("อะตอม",),
    "compound": ("สารประกอบ",), "acid": ("กรด",), "star": ("ดาว", "ดารา"), "moon": ("ดวงจันทร์",),
    "sun": ("ดวงอาทิตย์",), "earth": ("โลก",), "rock": ("หิน",), "soil": ("ดิน",), "rain": ("ฝน",), "wind": ("ลม",),
    "climate": ("ภูมิอากาศ",), "leaves": ("ใบ",), "seed": ("เมล็ด",), "root": ("ราก",), "dog": ("สุนัข",),
    "cat": ("แมว",), "horse": ("ม้า",), "elephant": ("ช้าง",), "snake": ("งู",), "tiger": ("เสือ",), "frog": ("กบ",),
    "dish": ("อาหาร",), "sweet": ("หวาน",), "ingredient": ("ส่วนประกอบ", "วัตถุดิบ"), "cook": ("ปรุง",),
    "shape": ("รูปร่าง",), "computer": ("คอมพิวเตอร์",), "car": ("รถยนต์",), "engine": ("เครื่องยนต์",),
    "aircraft": ("อากาศยาน", "เครื่องบิน"), "plane": ("เครื่องบิน",), "ship": ("เรือ",), "boat": ("เรือ",),
    "region": ("ภูมิภาค", "ภาค"), "ocean": ("มหาสมุทร",), "waterfall": ("น้ำตก",), "cave": ("ถ้ำ",),
    "beach": ("ชายหาด",), "canal": ("คลอง",), "woman": ("ผู้หญิง", "สตรี"), "boy": ("เด็กชาย",),
    "girl": ("เด็กหญิง",), "friend": ("เพื่อน",), "grandfather": ("ปู่", "ตา"), "grandmother": ("ย่า", "ยาย"),
    "uncle": ("ลุง", "อา", "น้า"), "study": ("ศึกษา", "เรียน"), "graduate": ("สำเร็จการศึกษา", "จบ"),
    "graduated": ("สำเร็จการศึกษา", "จบ"), "rank": ("ยศ", "อันดับ"), "build": ("สร้าง",), "designed": ("ออกแบบ",),
    "invent": ("ประดิษฐ์",), "invented": ("ประดิษฐ์",), "publish": ("ตีพิมพ์",), "published": ("ตีพิมพ์",),
    "broadcast": ("ออกอากาศ",), "aired": ("ออกอากาศ",), "depth": ("ความลึก",), "width": ("ความกว้าง",),
    "currency": ("สกุลเงิน",),
    # verbs and words of succession, works and audiences (stop 30, from no question set; kept: the two quarters of 102
    # that cost iApp valid no document at rank 1)
    "buy": ("ซื้อ",), "bought": ("ซื้อ",), "establish": ("ก่อตั้ง", "จัดตั้ง"), "created": ("สร้าง",),
    "creator": ("ผู้สร้าง",), "gave": ("ให้",), "give": ("ให้",), "move": ("ย้าย",), "moved": ("ย้าย",),
    "returned": ("กลับ",), "visited": ("เยือน", "เยี่ยม"), "eat": ("กิน",), "drink": ("ดื่ม",), "speak": ("พูด",),
    "spoken": ("พูด",), "translate": ("แปล",), "translated": ("แปล",), "replace": ("แทนที่",),
    "replaced": ("แทนที่",), "retire": ("เกษียณ",), "retired": ("เกษียณ",), "crowned": ("ราชาภิเษก",),
    "succeed": ("สืบทอด",), "succeeded": ("สืบทอด",), "successor": ("ผู้สืบทอด",),
    "predecessor": ("ผู้ดำรงตำแหน่งก่อนหน้า",), "heir": ("ทายาท",), "ancestor": ("บรรพบุรุษ",),
    "descendant": ("ลูกหลาน",), "capital city": ("เมืองหลวง",), "headquarters": ("สำนักงานใหญ่",),
    "subsidiary": ("บริษัทลูก",), "brand": ("ยี่ห้อ", "แบรนด์"), "generation": ("รุ่น",), "volume": ("เล่ม",),
    "lyrics": ("เนื้อร้อง",), "melody": ("ทำนอง",), "composer": ("ผู้ประพันธ์",), "composed": ("ประพันธ์",),
    "starring": ("นำแสดง",), "starred": ("นำแสดง",), "cast": ("นักแสดง",), "audience": ("ผู้ชม",),
    "viewer": ("ผู้ชม",), "fan": ("แฟน",), "traditional": ("ดั้งเดิม", "ประเพณี"),
    # words of romanised Thai names (Royal Thai General System): "Wat Phra Kaew", "Khao Yai", "pla bua"
    "wat": ("วัด",), "phra": ("พระ",), "khao": ("เขา",), "chao": ("เจ้า",), "buri": ("บุรี",), "pla": ("ปลา",),
    "nakhon": ("นคร",), "nong": ("หนอง",), "khlong": ("คลอง",), "mueang": ("เมือง",), "muang": ("เมือง",),
    "chiang": ("เชียง",), "yai": ("ใหญ่",), "noi": ("น้อย",), "thong": ("ทอง",), "kaew": ("แก้ว",),
    "kaeo": ("แก้ว",), "mae": ("แม่",), "ratcha": ("ราช",), "doi": ("ดอย",), "ko": ("เกาะ",), "koh": ("เกาะ",),
    "phu": ("ภู",), "huai": ("ห้วย",),
    # question idioms and senses the 400 English iApp *train* questions read wrong word by word (stop 38;
    # valid and test not read for them): "how old" asks an age, not "เก่า"; a taxon's "family" and "genus" are
    # "วงศ์" and "สกุล", not a household or a kind; what a thing "looks/tastes like" is its "ลักษณะ" / "รส"; "took
    # place" is "เกิดขึ้น", not "took" and "place"
    "how old": ("อายุ",), "which family": ("วงศ์",), "what family": ("วงศ์",), "plant family": ("วงศ์",),
    "fish family": ("วงศ์",), "genus": ("สกุล",), "subspecies": ("ชนิดย่อย",), "look like": ("ลักษณะ", "หน้าตา"),
    "taste like": ("รส", "รสชาติ"), "take place": ("เกิดขึ้น", "จัดขึ้น"), "took place": ("เกิดขึ้น", "จัดขึ้น"),
    "cold war": ("สงครามเย็น",), "ruled": ("ปกครอง",), "ruling": ("ปกครอง",), "current": ("ปัจจุบัน",),
    "present-day": ("ปัจจุบัน",), "present day": ("ปัจจุบัน",), "stingray": ("ปลากระเบน",),
    "ray": ("ปลากระเบน", "รังสี"), "play": ("เล่น", "รับบท", "แสดง"), "empire": ("จักรวรรดิ",),
    "collapse": ("ล่มสลาย",), "municipality": ("เทศบาล",), "royal gazette": ("ราชกิจจานุเบกษา",),
    "gazette": ("ราชกิจจานุเบกษา",), "consort": ("พระชายา", "พระมเหสี", "มเหสี"), "archbishop": ("อาร์ชบิชอป",),
    "publisher": ("สำนักพิมพ์",), "photographed": ("ถ่ายภาพ", "ถ่าย"), "behave": ("พฤติกรรม", "นิสัย"),
    "propagate": ("ขยายพันธุ์",), "propagated": ("ขยายพันธุ์",), "adapted": ("ดัดแปลง",), "adviser": ("ที่ปรึกษา",),
    "advisor": ("ที่ปรึกษา",), "banana": ("กล้วย",), "buddhist era": ("พ.ศ.", "พุทธศักราช"),
    "monday": ("วันจันทร์",), "tuesday": ("วันอังคาร",), "wednesday": ("วันพุธ",), "thursday": ("วันพฤหัสบดี",),
    "friday": ("วันศุกร์",), "saturday": ("วันเสาร์",), "sunday": ("วันอาทิตย์",), "b e": ("พ.ศ.",),
    "coup": ("รัฐประหาร",), "winter": ("ฤดูหนาว",), "volleyball": ("วอลเลย์บอล",), "dengue": ("ไข้เลือดออก", "เดงกี"),
    "epidemic": ("โรคระบาด", "การระบาด"), "championship": ("ชิงแชมป์",), "faculty": ("คณะ",),
    "symbol": ("สัญลักษณ์",), "pageant": ("การประกวด", "ประกวด"), "hometown": ("บ้านเกิด",),
    "portuguese": ("โปรตุเกส",), "greek": ("กรีก",), "asian": ("เอเชีย",), "soviet": ("โซเวียต",),
    "universe": ("จักรวาล",),
    "marry": ("แต่งงาน", "สมรส", "อภิเษกสมรส"), "married": ("แต่งงาน", "สมรส", "อภิเษกสมรส"),
    "tall": ("สูง", "ส่วนสูง", "ความสูง"), "bachelor": ("ปริญญาตรี",), "terrain": ("ภูมิประเทศ",),
    "subprefecture": ("กิ่งจังหวัด",), "class": ("ชั้น", "ประเภท", "คลาส"),
    "second": ("สอง", "2", "วินาที"), "field": ("ด้าน", "สาขา"), "tragedy": ("โศกนาฏกรรม",),
    "main character": ("ตัวเอก", "ตัวละครหลัก"), "flaw": ("ข้อบกพร่อง", "จุดอ่อน"), "trachea": ("หลอดลม",),
    "decomposition": ("การเน่าเปื่อย", "การสลายตัว"), "enlargement": ("การขยาย", "ขยาย"),
    "serve as": ("ดำรงตำแหน่ง", "ทำหน้าที่"), "physiology": ("สรีรวิทยา",), "forerunner": ("ต้นแบบ",),
    "auspicious": ("มงคล",), "popularly": ("นิยม",), "administrative": ("การปกครอง", "บริหาร"),
    "honoured": ("ยกย่อง",), "honored": ("ยกย่อง",),
}

# Thai ministries are named by their field ("กระทรวงแรงงาน") and, in headlines, by acronyms
MINISTRY_ACRONYMS: dict[str, str] = {
    "social development": "พม.", "higher education": "อว.", "public health": "สธ.", "interior": "มท.",
    "labour": "รง.", "labor": "รง.", "agriculture": "กษ.", "commerce": "พณ.", "industry": "อก.",
    "natural resources": "ทส.", "transport": "คค.", "foreign affairs": "กต.", "finance": "กค.",
    "education": "ศธ.", "culture": "วธ.", "justice": "ยธ.", "defence": "กห.", "defense": "กห.",
    "energy": "พน.", "tourism": "กก.",
}

# Countries and nationalities the glossary does not list (``indexer.glossary.COUNTRIES`` holds
# the parties the index knows), and the adjectives of those it does
COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "cambodian": ("กัมพูชา",), "laotian": ("ลาว",), "burmese": ("เมียนมา",), "vietnamese": ("เวียดนาม",),
    "malaysian": ("มาเลเซีย",), "singaporean": ("สิงคโปร์",), "indonesian": ("อินโดนีเซีย",),
    "filipino": ("ฟิลิปปินส์",), "korean": ("เกาหลี",), "indian": ("อินเดีย",), "american": ("สหรัฐ", "อเมริกา"),
    "british": ("สหราชอาณาจักร", "อังกฤษ"), "french": ("ฝรั่งเศส",), "german": ("เยอรมนี",),
    "australian": ("ออสเตรเลีย",), "spain": ("สเปน",), "spanish": ("สเปน",), "italy": ("อิตาลี",),
    "italian": ("อิตาลี",), "russia": ("รัสเซีย",), "russian": ("รัสเซีย",), "canada": ("แคนาดา",),
    "new zealand": ("นิวซีแลนด์",), "netherlands": ("เนเธอร์แลนด์",), "dutch": ("เนเธอร์แลนด์",),
    "switzerland": ("สวิตเซอร์แลนด์",), "swiss": ("สวิตเซอร์แลนด์",), "sweden": ("สวีเดน",),
    "norway": ("นอร์เวย์",), "denmark": ("เดนมาร์ก",), "belgium": ("เบลเยียม",), "austria": ("ออสเตรีย",),
    "hungary": ("ฮังการี",), "poland": ("โปแลนด์",), "czech": ("เช็ก",), "ukraine": ("ยูเครน",),
    "israel": ("อิสราเอล",), "saudi arabia": ("ซาอุดีอาระเบีย",), "saudi": ("ซาอุดีอาระเบีย", "ซาอุฯ"),
    "qatar": ("กาตาร์",), "bahrain": ("บาห์เรน",), "kuwait": ("คูเวต",), "oman": ("โอมาน",),
    "turkey": ("ตุรกี", "ทูร์เคีย"), "egypt": ("อียิปต์",), "south africa": ("แอฟริกาใต้",),
    "brazil": ("บราซิล",), "chile": ("ชิลี",), "peru": ("เปรู",), "mexico": ("เม็กซิโก",),
    "argentina": ("อาร์เจนตินา",), "pakistan": ("ปากีสถาน",), "bangladesh": ("บังกลาเทศ",),
    "sri lanka": ("ศรีลังกา",), "nepal": ("เนปาล",), "bhutan": ("ภูฏาน",), "mongolia": ("มองโกเลีย",),
    "kazakhstan": ("คาซัคสถาน",), "uzbekistan": ("อุซเบกิสถาน",), "timor-leste": ("ติมอร์-เลสเต",),
    "hong kong": ("ฮ่องกง",), "taiwan": ("ไต้หวัน",), "europe": ("ยุโรป",), "european": ("ยุโรป",),
    "africa": ("แอฟริกา",), "middle east": ("ตะวันออกกลาง",),
}

# The provinces of Thailand (Bangkok above), with the usual spellings
PROVINCES: dict[str, tuple[str, ...]] = {
    "amnat charoen": ("อำนาจเจริญ",), "ang thong": ("อ่างทอง",), "bueng kan": ("บึงกาฬ",),
    "buriram": ("บุรีรัมย์",), "buri ram": ("บุรีรัมย์",), "chachoengsao": ("ฉะเชิงเทรา",),
    "chai nat": ("ชัยนาท",), "chainat": ("ชัยนาท",), "chaiyaphum": ("ชัยภูมิ",), "chanthaburi": ("จันทบุรี",),
    "chiang mai": ("เชียงใหม่",), "chiang rai": ("เชียงราย",), "chonburi": ("ชลบุรี",), "chon buri": ("ชลบุรี",),
    "chumphon": ("ชุมพร",), "kalasin": ("กาฬสินธุ์",), "kamphaeng phet": ("กำแพงเพชร",),
    "kanchanaburi": ("กาญจนบุรี",), "khon kaen": ("ขอนแก่น",), "krabi": ("กระบี่",), "lampang": ("ลำปาง",),
    "lamphun": ("ลำพูน",), "loei": ("เลย",), "lopburi": ("ลพบุรี",), "lop buri": ("ลพบุรี",),
    "mae hong son": ("แม่ฮ่องสอน",), "maha sarakham": ("มหาสารคาม",), "mukdahan": ("มุกดาหาร",),
    "nakhon nayok": ("นครนายก",), "nakhon pathom": ("นครปฐม",), "nakhon phanom": ("นครพนม",),
    "nakhon ratchasima": ("นครราชสีมา", "โคราช"), "korat": ("นครราชสีมา", "โคราช"),
    "nakhon sawan": ("นครสวรรค์",), "nakhon si thammarat": ("นครศรีธรรมราช",), "narathiwat": ("นราธิวาส",),
    "nong bua lamphu": ("หนองบัวลำภู",), "nong khai": ("หนองคาย",), "nonthaburi": ("นนทบุรี",),
    "pathum thani": ("ปทุมธานี",), "pattani": ("ปัตตานี",), "phang nga": ("พังงา",), "phatthalung": ("พัทลุง",),
    "phayao": ("พะเยา",), "phetchabun": ("เพชรบูรณ์",), "phetchaburi": ("เพชรบุรี",), "phichit": ("พิจิตร",),
    "phitsanulok": ("พิษณุโลก",), "ayutthaya": ("พระนครศรีอยุธยา", "อยุธยา"), "phrae": ("แพร่",),
    "phuket": ("ภูเก็ต",), "prachinburi": ("ปราจีนบุรี",), "prachin buri": ("ปราจีนบุรี",),
    "prachuap khiri khan": ("ประจวบคีรีขันธ์",), "ranong": ("ระนอง",), "ratchaburi": ("ราชบุรี",),
    "rayong": ("ระยอง",), "roi et": ("ร้อยเอ็ด",), "sa kaeo": ("สระแก้ว",), "sakon nakhon": ("สกลนคร",),
    "samut prakan": ("สมุทรปราการ",), "samut sakhon": ("สมุทรสาคร",), "samut songkhram": ("สมุทรสงคราม",),
    "saraburi": ("สระบุรี",), "satun": ("สตูล",), "sing buri": ("สิงห์บุรี",), "singburi": ("สิงห์บุรี",),
    "sisaket": ("ศรีสะเกษ",), "si sa ket": ("ศรีสะเกษ",), "songkhla": ("สงขลา",), "sukhothai": ("สุโขทัย",),
    "suphanburi": ("สุพรรณบุรี",), "suphan buri": ("สุพรรณบุรี",), "surat thani": ("สุราษฎร์ธานี",),
    "surin": ("สุรินทร์",), "tak": ("ตาก",), "trang": ("ตรัง",), "trat": ("ตราด",),
    "ubon ratchathani": ("อุบลราชธานี",), "udon thani": ("อุดรธานี",), "uthai thani": ("อุทัยธานี",),
    "uttaradit": ("อุตรดิตถ์",), "yala": ("ยะลา",), "yasothon": ("ยโสธร",),
}

# Months: an English name or abbreviation (``indexer.dates``: "november", "nov") -> the Thai name
# and its abbreviation (releases date themselves "วันนี้ (22 ก.ย. 63)" as often as "22 กันยายน
# 2563"). "may" is a month only next to a number ("10 May", "May 2022").
def _month_forms() -> dict[str, tuple[str, ...]]:
    thai: dict[int, list[str]] = {}
    for name, month in THAI_MONTHS.items():   # the full name first, then the abbreviation
        thai.setdefault(month, []).append(name)
    return {name: tuple(thai[month]) for name, month in ENGLISH_MONTHS.items()}


_MONTH_FORMS = _month_forms()
_MINISTRY_WORDS = ("ministry", "minister")

BUDDHIST_ERA = 543
_YEAR = re.compile(r"(?:19|20)\d\d")
_SPLIT = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
WORD_ANY_CASE = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*", re.IGNORECASE)


MINED_LEXICON = Path(__file__).resolve().parent / "data" / "en_th_lexicon.tsv"
# Thai public bodies by their English names and acronyms (departments, offices, state
# enterprises, funds, universities, ...): English name<TAB>Thai name|Thai abbreviation, written
# from general knowledge of the Thai administration, not from any question set
AGENCIES = Path(__file__).resolve().parent / "data" / "th_agencies.tsv"


# the general vocabulary of Thai government news by topic (economy, energy, justice, welfare, ...), the
# same format: written from general knowledge, leaving out what the vocabulary above already has
PRESS_WORDS = Path(__file__).resolve().parent / "data" / "en_th_press.tsv"


def _table(path: Path) -> dict[str, tuple[str, ...]]:
    """English word or phrase (lower case) -> Thai forms, of a ``English<TAB>Thai|Thai`` file."""
    out: dict[str, tuple[str, ...]] = {}
    if not path.is_file():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        english, thai = line.split("\t")
        out[english.strip().lower()] = tuple(t.strip() for t in thai.split("|") if t.strip())
    return out


@lru_cache(maxsize=1)
def agency_names() -> dict[str, tuple[str, ...]]:
    """English name or acronym of a Thai public body (lower case) -> its Thai name and abbreviations."""
    return _table(AGENCIES)


@lru_cache(maxsize=1)
def press_words() -> dict[str, tuple[str, ...]]:
    """English word or phrase of government news -> Thai forms (``PRESS_WORDS``)."""
    return _table(PRESS_WORDS)


# common English words (the most frequent of a word-frequency list that the vocabularies above
# lacked) -> Thai forms, the same format, written from general knowledge; the lowest layer
COMMON_WORDS = Path(__file__).resolve().parent / "data" / "en_th_common.tsv"


@lru_cache(maxsize=1)
def common_words() -> dict[str, tuple[str, ...]]:
    """Common English word -> Thai forms (``COMMON_WORDS``), for what no other vocabulary knows."""
    return _table(COMMON_WORDS)


def _general_vocabulary() -> dict[str, tuple[str, ...]]:
    """The hand vocabulary but the public bodies: the words of government news, the general
    vocabulary, the countries and the provinces (on a shared spelling, the later wins)."""
    return {**press_words(), **ENGLISH_TO_THAI, **COUNTRY_NAMES, **PROVINCES}


def hand_vocabulary() -> dict[str, tuple[str, ...]]:
    """English word or phrase -> Thai forms, as written by hand: the names of public bodies, then
    ``_general_vocabulary`` (which wins on a shared spelling)."""
    return {**agency_names(), **_general_vocabulary()}


@lru_cache(maxsize=1)
def _mined() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """(English -> Thai of the mined lexicon, the S-stemmed English words aligned as words)."""
    from indexer.analysis import s_stem
    from indexer.glossary import concept_forms

    glossary = {w for forms in concept_forms().values() for form in forms if form.isascii()
                for w in _SPLIT.findall(form.lower())}
    out: dict[str, tuple[str, ...]] = {}
    aligned: set[str] = set()
    if not MINED_LEXICON.is_file():
        return out, frozenset()
    for line in MINED_LEXICON.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        english, thai, _, margin = (line.split("\t") + ["", "", ""])[:4]
        if english not in glossary:
            out[english] = (thai,)
            if margin:   # a word pair (a gloss has no margin)
                aligned.add(s_stem(english))
    return out, frozenset(aligned - {s_stem(w) for w in hand_vocabulary()})


def mined_words() -> dict[str, tuple[str, ...]]:
    """English word or phrase -> Thai mined from the 2020-2022 archive (``indexer.mine_lexicon``:
    words as mutual nearest neighbours of the bundled E5, and English glosses in brackets after
    Thai terms), for what neither the hand vocabulary nor the glossary (which bridges its words
    in the analyzer already) knows."""
    return _mined()[0]


# a loanword this short that RTGS could have written is left to the Thai names (``name_sounds``): "Bang Chak" is
# บางจาก, not แบง ("bang"); "tin", "chum", "mina" alike (iApp train and valid: no question changes either way)
RTGS_LOAN_CHARS = 4
# English words no Thai text writes as a loanword, though the transliteration dictionary spells some
# (between -> บิทวีน): prepositions, conjunctions and the like, beside ``analysis.ENGLISH_STOPWORDS``
_NOT_LOANS = frozenset("""about above across after against along although among anew around because before behind
below beneath beside besides between beyond bring but despite down during except inside into like near off onto out
outside over past since though through throughout till toward towards under underneath unless until upon whereas
whether while within without""".split())


@lru_cache(maxsize=1)
def loanwords() -> dict[str, tuple[str, ...]]:
    """English word or phrase -> the Thai loanwords written for it (podcast -> พอดแคสต์, CEO -> ซีอีโอ),
    from PyThaiNLP's Thai-English transliteration dictionary (v1.4, Apache-2.0, in the
    installed package: ``pythainlp.corpus.th_en_translit``), each with the English word itself (Thai
    text often writes it in Latin letters): for the words no other vocabulary, no common word and
    no stop word is."""
    from indexer.analysis import ENGLISH_STOPWORDS, s_stem
    from indexer.glossary import concept_forms
    from indexer.name_sounds import reads_as_thai

    try:
        from pythainlp.corpus.th_en_translit import TRANSLITERATE_EN, get_transliteration_dict
        table = get_transliteration_dict()
    except (ImportError, OSError):
        return {}
    known = {s_stem(w) for vocabulary in (common_words(), mined_words(), hand_vocabulary()) for w in vocabulary}
    known |= {s_stem(w) for forms in concept_forms().values() for form in forms if form.isascii()
              for w in _SPLIT.findall(form.lower())}
    out: dict[str, list[str]] = {}
    for thai, entry in table.items():
        for english in entry.get(TRANSLITERATE_EN, ()):
            english = (english or "").strip().lower()
            words = _SPLIT.findall(english)
            if not words or " ".join(words) != english.replace("-", " ") and english != "-".join(words):
                continue
            stem = s_stem(english)
            if len(words) == 1 and (len(english) < 3 or english in ENGLISH_STOPWORDS or english in _NOT_LOANS
                                    or stem in known or stem != english and len(stem) <= 4
                                    or len(english) <= RTGS_LOAN_CHARS and reads_as_thai(english)):
                # "news" would stand for "new", its stem ("physics" -> "physic" is no other word)
                continue
            out.setdefault(english, []).append(thai)
    return {english: tuple(forms[:3]) + (english,) for english, forms in out.items()}


@lru_cache(maxsize=2)
def _phrase_index(common: bool = False) -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    """First word -> [(the phrase's words, Thai forms)], longest phrases first (words S-stemmed);
    the hand vocabulary wins over a mined word, a mined word over a ``common`` one, any of them over a
    loanword (searched and read: on iApp valid's English questions the loanwords read only by the answer
    models changed nothing, searched too they marked one more answer, README stop 38)."""
    from indexer.analysis import s_stem

    index: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for phrase, thai in {**(common_words() if common else {}), **mined_words(), **hand_vocabulary()}.items():
        words = tuple(s_stem(w) for w in _SPLIT.findall(phrase.lower()))
        if words:
            index.setdefault(words[0], []).append((words, thai))
    for phrase, thai in loanwords().items():   # last: a phrase another vocabulary has keeps its entry
        words = tuple(s_stem(w) for w in _SPLIT.findall(phrase))
        if words and all(words != known for known, _ in index.get(words[0], ())):
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


@lru_cache(maxsize=1)
def _agency_acronyms() -> dict[str, str]:
    """The one-word names of the public-bodies table (its acronyms: pea, rid, boi) that no other
    vocabulary has, by their S-stemmed form (the phrase index's) -> as the table spells them."""
    from indexer.analysis import s_stem

    other = _general_vocabulary()
    return {s_stem(k): k for k in agency_names() if " " not in k and k not in other}


@lru_cache(maxsize=1)
def _common_stems() -> frozenset[str]:
    """The S-stemmed words of ``common_words`` no other vocabulary has: capitalised inside a
    question ("Miss Grand International") they are a name's, not translated."""
    from indexer.analysis import s_stem

    other = {s_stem(w) for w in {**mined_words(), **hand_vocabulary()}}
    return frozenset(s_stem(w) for w in common_words()) - other


@lru_cache(maxsize=1)
def _acronym_index() -> dict[tuple[str, ...], str]:
    """A ministry's field (S-stemmed words) -> the acronym Thai headlines name the ministry by."""
    from indexer.analysis import s_stem

    return {tuple(s_stem(w) for w in _SPLIT.findall(field)): acronym
            for field, acronym in MINISTRY_ACRONYMS.items()}


def _is_number(word: str | None) -> bool:
    return word is not None and word.isdigit()


@lru_cache(maxsize=4096)
def thai_form(query: str) -> str | None:
    """``query`` with every English word or phrase of the dictionary replaced by its Thai forms
    (longest phrase first), a month by its Thai name and abbreviation (Nov -> พฤศจิกายน พ.ย.),
    a year also in the Buddhist Era, long and short (2022 -> 2565 65 2022: "(22 ก.ย. 65)"), a
    ministry's field also by the Thai acronym of the ministry when the question speaks of a
    ministry or minister, the other words kept; None when nothing was replaced."""
    return _translate(query)[0]


def reading_form(query: str) -> str | None:
    """``thai_form`` with the common words (``COMMON_WORDS``) translated too: what the answer
    models read over a Thai passage. Not what BM25 searches with: the common words' Thai forms
    are in too many passages (iApp valid en->th document R@1 0.867 -> 0.844 with them, while
    the marked sentence held the answer 0.614 -> 0.633)."""
    return _translate(query, True)[0]


def thai_alternatives(query: str) -> tuple[tuple[str, ...], ...]:
    """The Thai forms ``thai_form`` put in place of one English word or phrase, wherever it put
    more than one (approve -> อนุมัติ / เห็นชอบ): a Thai passage says one of them, so a
    passage's coverage should count them as one (``search_api.fusion.grouped_coverages``)."""
    return _translate(query)[1]


def untranslated(query: str, common: bool = False) -> tuple[str, ...]:
    """The words of ``query`` (S-stemmed, lower case) that ``thai_form`` kept as they are:
    names, numbers, function words and whatever the vocabulary lacks (``common``: that
    ``reading_form`` kept, which knows the common words too)."""
    return _translate(query, common)[2]


@lru_cache(maxsize=4096)
def _translate(query: str, common: bool = False
               ) -> tuple[str | None, tuple[tuple[str, ...], ...], tuple[str, ...]]:
    from indexer.analysis import s_stem

    index = _phrase_index(common)
    common_only = _mined()[1] | (_common_stems() if common else frozenset())
    words: list[str] = []
    acronym: list[bool] = []   # written in capitals (EEC, BOI): Thai text often keeps it so
    named: list[bool] = []     # capitalised after the first word: part of a name (LINE, Honest)
    written_as: list[str] = []  # each word as written, lower case (its stem: Peas -> pea)
    for n, token in enumerate(WORD_ANY_CASE.findall(query)):
        written = token.lower().removesuffix("'s")
        word = _known_form(s_stem(written), index)
        if "-" in word and word not in index:   # four-year -> four year, covid-19 stays
            parts = [_known_form(s_stem(part), index) for part in word.split("-")]
            words.extend(parts)
            acronym.extend(False for _ in parts)
            named.extend(n > 0 and token[0].isupper() for _ in parts)
            written_as.extend(written.split("-"))
        else:
            words.append(word)
            acronym.append(1 < len(token) <= 6 and token.isupper() and not query.isupper())
            named.append(n > 0 and token[0].isupper() and not query.isupper())
            written_as.append(written)
    acronyms = _acronym_index() if any(w in _MINISTRY_WORDS for w in words) else {}
    out: list[str] = []
    alternatives: list[tuple[str, ...]] = []
    left: list[str] = []
    replaced = False
    i = 0
    while i < len(words):
        for phrase, thai in index.get(words[i], ()):
            if len(phrase) == 1 and named[i] and words[i] in common_only:
                continue   # a word mined in its common sense, here part of a name
            if len(phrase) == 1 and _agency_acronyms().get(words[i], written_as[i]) != written_as[i]:
                continue   # an acronym is read only as the table spells it: "Peas" is no PEA
            if tuple(words[i:i + len(phrase)]) == phrase:
                if phrase in acronyms:
                    thai = thai + (acronyms[phrase],)
                if len(phrase) == 1 and acronym[i] and words[i] not in thai:
                    thai = thai + (words[i],)
                out.append(" ".join(thai))
                if len(thai) > 1:
                    alternatives.append(thai)
                replaced = True
                i += len(phrase)
                break
        else:
            word = words[i]
            month = _MONTH_FORMS.get(word)
            if month is not None and (word != "may" or _is_number(words[i - 1] if i else None)
                                      or _is_number(words[i + 1] if i + 1 < len(words) else None)):
                out.extend(month)
                alternatives.append(month)
                replaced = True
            elif _YEAR.fullmatch(word):   # Thai text counts years in the Buddhist Era
                be = str(int(word) + BUDDHIST_ERA)
                out.extend((be, be[2:], word))
                alternatives.append((be, be[2:], word))
                replaced = True
            else:
                out.append(word)
                left.append(word)
            i += 1
    return (" ".join(out) if replaced else None), tuple(alternatives), tuple(left)
