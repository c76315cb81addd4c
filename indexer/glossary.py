"""A small bilingual glossary of agreement terms.

Each entry is one concept with its English and Thai surface forms. The analyzer adds the
concept's token wherever any form occurs, so an English query term can match a Thai passage
lexically (MoU ~ บันทึกความเข้าใจ), and every Thai form is added to the word segmenter's
dictionary so that it is never split (ดีอีเอส, not ดี/อี/เอส).

``COUNTRIES`` doubles as the list the indexer detects agreement parties with.
"""
from __future__ import annotations

# concept -> surface forms (any language, any case)
TERMS: dict[str, tuple[str, ...]] = {
    "mou": ("mou", "memorandum of understanding", "memoranda of understanding", "memorandum",
            "memoranda",
            "บันทึกความเข้าใจ", "เอ็มโอยู"),
    "moc": ("moc", "memorandum of cooperation", "memoranda of cooperation", "บันทึกความร่วมมือ"),
    "agreement": ("agreement", "agreements", "accord", "ข้อตกลง", "ความตกลง"),
    "des": ("des", "mdes", "ministry of digital economy and society", "digital economy and society",
            "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม", "ดิจิทัลเพื่อเศรษฐกิจและสังคม", "ดีอีเอส", "ดีอี",
            "กระทรวงดีอี", "กระทรวงดิจิทัลฯ"),
    "depa": ("depa", "digital economy promotion agency", "สำนักงานส่งเสริมเศรษฐกิจดิจิทัล",
             "ดีป้า"),
    "ministry": ("ministry", "ministries", "กระทรวง"),
    "minister": ("minister", "ministers", "รัฐมนตรี", "รัฐมนตรีว่าการ", "รมว."),
    "sign": ("sign", "signs", "signed", "signing", "ลงนาม", "เซ็น"),
    "cooperation": ("cooperation", "co-operation", "collaboration", "collaborate", "partnership",
                    "ความร่วมมือ", "ร่วมมือ"),
    "duration": ("duration", "period", "term", "how long", "last for", "valid for", "ระยะเวลา",
                 "อายุ", "มีอายุ", "นานเท่าไร", "นานแค่ไหน"),
    "year": ("year", "years", "ปี"),
    "extension": ("extension", "extend", "extended", "renew", "renewed", "renewal",
                  "ขยายเวลา", "ต่ออายุ"),
    "automatic": ("automatic", "automatically", "อัตโนมัติ"),
    "effective": ("in force", "take effect", "effective", "มีผลบังคับใช้"),
    "postal": ("postal", "post", "ไปรษณีย์"),
    "telecom": ("telecommunication", "telecommunications", "telecom", "telecoms", "โทรคมนาคม"),
    "ict": ("ict", "information and communication technology", "ไอซีที",
            "เทคโนโลยีสารสนเทศและการสื่อสาร"),
    "it": ("information technology", "ไอที", "เทคโนโลยีสารสนเทศ"),
    "digital": ("digital", "ดิจิทัล"),
    "cybersecurity": ("cybersecurity", "cyber security", "cyber-security",
                      "ความมั่นคงปลอดภัยทางไซเบอร์", "ไซเบอร์ซีเคียวริตี้", "ไซเบอร์"),
    "ecommerce": ("e-commerce", "ecommerce", "electronic commerce", "อีคอมเมิร์ซ",
                  "พาณิชย์อิเล็กทรอนิกส์", "การพาณิชย์อิเล็กทรอนิกส์"),
    "startup": ("startup", "startups", "start-up", "start up", "สตาร์ทอัพ", "สตาร์ตอัพ",
                "วิสาหกิจดิจิทัลเริ่มต้น"),
    "smartcity": ("smart city", "smart cities", "เมืองอัจฉริยะ"),
    "broadband": ("broadband", "บรอดแบนด์"),
    "infrastructure": ("infrastructure", "โครงสร้างพื้นฐาน"),
    "hrd": ("human resources development", "human resource development", "personnel development",
            "การพัฒนาทรัพยากรมนุษย์", "การพัฒนาบุคลากร"),
    "skills": ("digital skills", "ทักษะดิจิทัล", "ทักษะด้านดิจิทัล"),
    "literacy": ("digital literacy", "การรู้เท่าทันดิจิทัล"),
    "satellite": ("satellite", "satellites", "ดาวเทียม"),
    "onlinecrime": ("online crime", "online crimes", "cybercrime", "อาชญากรรมออนไลน์"),
    "scam": ("scam", "scams", "fraud", "การหลอกลวง", "หลอกลวง"),
    "statistics": ("statistics", "statistical", "สถิติ"),
    "dust": ("pm2.5", "dust", "ฝุ่น"),
    "bigdata": ("big data", "ข้อมูลขนาดใหญ่"),
    "iot": ("internet of things", "iot", "อินเทอร์เน็ตเพื่อสรรพสิ่ง"),
    "cloud": ("cloud computing", "คลาวด์คอมพิวติ้ง"),
    "innovation": ("innovation", "innovations", "นวัตกรรม"),
    "investment": ("investment", "การลงทุน"),
    "training": ("training", "ฝึกอบรม", "การฝึกอบรม"),
    "exchange": ("exchange", "แลกเปลี่ยน"),
    "government": ("government", "รัฐบาล"),
    "asean": ("asean", "อาเซียน"),
    "cabinet": ("cabinet", "คณะรัฐมนตรี", "ครม."),
    "propose": ("propose", "proposed", "proposal", "เสนอ", "ข้อเสนอ"),
    "first": ("first", "first time", "ครั้งแรก", "ฉบับแรก"),
    "disaster": ("disaster", "disasters", "ภัยพิบัติ"),
    "risk": ("risk", "risks", "ความเสี่ยง"),
    "reduction": ("reduction", "reduce", "reducing", "ลด", "การลด"),
    "weather": ("weather", "สภาพอากาศ", "อุตุนิยมวิทยา"),
    "crime": ("crime", "crimes", "อาชญากรรม"),
    "online": ("online", "ออนไลน์"),
    "visit": ("visit", "visits", "เยือน", "การเยือน"),
    "meeting": ("meeting", "meetings", "ประชุม", "การประชุม"),
    "expert": ("expert", "experts", "ผู้เชี่ยวชาญ"),
    "five": ("five", "5"),
    "three": ("three", "3"),
    "eight": ("eight", "8"),
    "nine": ("nine", "9"),
    "six": ("six", "6"),
}

# canonical English country name -> surface forms
COUNTRIES: dict[str, tuple[str, ...]] = {
    "Thailand": ("thailand", "thai", "kingdom of thailand", "ไทย", "ประเทศไทย", "ราชอาณาจักรไทย"),
    "Laos": ("laos", "lao", "lao pdr", "lao people's democratic republic", "ลาว", "สปป.ลาว",
             "สปป. ลาว", "สาธารณรัฐประชาธิปไตยประชาชนลาว"),
    "Japan": ("japan", "japanese", "ญี่ปุ่น"),
    "Finland": ("finland", "finnish", "ฟินแลนด์"),
    "Cambodia": ("cambodia", "กัมพูชา"),
    "Myanmar": ("myanmar", "burma", "เมียนมา", "พม่า"),
    "Vietnam": ("vietnam", "viet nam", "เวียดนาม"),
    "Malaysia": ("malaysia", "มาเลเซีย"),
    "Singapore": ("singapore", "สิงคโปร์"),
    "Indonesia": ("indonesia", "อินโดนีเซีย"),
    "Philippines": ("philippines", "ฟิลิปปินส์"),
    "Brunei": ("brunei", "บรูไน"),
    "China": ("china", "chinese", "จีน"),
    "South Korea": ("south korea", "korea", "เกาหลีใต้", "เกาหลี"),
    "India": ("india", "อินเดีย"),
    "United States": ("united states", "usa", "u.s.", "สหรัฐ", "สหรัฐอเมริกา"),
    "United Kingdom": ("united kingdom", "uk", "britain", "สหราชอาณาจักร", "อังกฤษ"),
    "France": ("france", "ฝรั่งเศส"),
    "Germany": ("germany", "เยอรมนี"),
    "Australia": ("australia", "ออสเตรเลีย"),
    "Romania": ("romania", "โรมาเนีย"),
    "United Arab Emirates": ("united arab emirates", "uae", "สหรัฐอาหรับเอมิเรตส์"),
}


def concept_forms() -> dict[str, tuple[str, ...]]:
    """Every concept the analyzer knows, countries included, keyed by its token name."""
    forms = dict(TERMS)
    for name, surface in COUNTRIES.items():
        forms["country:" + name.lower().replace(" ", "_")] = surface
    return forms
