"""Which fact of an agreement a question asks for (``question_fact``), by rules over its words.

"how long does the Laos MoU last" asks for ``duration``, "MoU ไทย-ญี่ปุ่น ลงนามที่ไหน" for ``place``,
"Thailand Japan MoU signing date" for ``signed_date``; "ใครเป็นประธานในพิธีลงนาม" (who chaired),
"how long is the training under the MoU" and "how much trade is there with Laos" for none. A
question that asks two facts is answered with the one it asks first. Measured on questions written
for it (``eval/question_reading.py``).
"""
from __future__ import annotations

import re

from indexer.textnorm import normalize_for_match
from search_api.answer_types import QUESTION_KINDS, question_kind

FACTS = ("in_force", "valid_until", "duration", "signatory", "signed_date", "approved_date",
         "place", "parties", "area", "amount")

# Rules over the question (normalised: lower case, Thai marks in order). Checked in this order:
# the first that matches names the fact asked for.
_RULES: list[tuple[str, re.Pattern]] = [
    ("in_force", re.compile(r"still (?:in force|valid|in effect|active|effective|apply|applies|binding|current|running)|"
                            r"in force (?:now|today)|remains? (?:in force|valid|in effect|effective)|still operative|still in e?f+ect|entered into force|"
                            r"still (?:have|has) an? (?:valid|active)|ยัง\s?active|active or expired|expired\s*\?|still going|still bound|\b(?:expired?|lapsed?) (?:already|yet)\b|\bhas [^?]* (?:expired|lapsed)\s*\??$|ยังไม่หมดอายุ|\bcancell?ed\b|\bstatus\b|in force\s*\?|"
                            r"หมดอายุ(?:ไป)?(?:แล้ว)?(?:ยัง|\s*\?)|สถานะ|ยกเลิก(?:ไป)?แล้ว|ยังอยู่(?:ไหม|มั้ย)|currently (?:in force|valid|in effect|active|effective)|"
                            r"(?<!how long )is it (?:still )?(?:valid|in force|active)|has (?:it|[^?]{0,80}\b(?:mou|moc|memorandum|agreement)\b[^?]{0,40}) "
                            r"(?:expired|lapsed)|(?:expired|lapsed) (?:yet|already)|ยัง(?:คง)?มีผล|ยังใช้|ยังมีอายุ|"
                            r"(?:หมดอายุ|สิ้นผล|สิ้นสุด|ยกเลิก|มีผล(?:บังคับ)?(?:ใช้)?)(?:ไป)?(?:ลง)?แล้ว(?:หรือ|ยัง|ไหม|มั้ย|หรือไม่|ใช่)|หมดอายุหรือยัง|ยังบังคับใช้")),
    ("valid_until", re.compile(r"until when|till when|until what|till what|\bends? when\b|cease[sd]? to (?:have effect|be valid|be in force)|expir|end date|terminat\w* date|last day of (?:its |the )?validity|runs? until|valid until|valid till|run(?:s)? out|\blapse|"
                               r"\b(?:when|what (?:year|date|day|month)|which (?:year|date|day|month)) (?:does|do|dose|will|is|would)\b[^?]* (?:end|finish|terminate|conclude)\b|due to (?:end|finish)|"
                               r"end of (?:the |its )?(?:validity|term)|หมดอาย(?:ุ)?(?:เมื่อ|เมือ|วัน|ปี|ของ|ตอน|ช่วง)|วันหมดอายุ|จะหมดอายุ|"
                               r"(?<!ที่)หมดอายุ(?=\s*$|\s*\?)|หมดสัญญา|ใช้ได้ถึง|(?<!ที่)หมด(?:เมื่อ|ปี|วัน|ตอน|ช่วง)|สิ้นสุด(?=\s*$|\s*\?)|สิ้นอายุ|สิ้นสุด(?:ลง)?(?:เมื่อ|วัน|ช่วง|ตอน|ปี)|วันสิ้นสุด|ครบวาระ|ครบกำหนด|"
                               r"สิ้นสุดลงเมื่อ|มีผล(?:ใช้บังคับ)?ถึง|ถึงเมื่อไร|ถึงเมื่อไหร่|ถึงวันไหน|ถึงปีไหน|ถึงปีใด")),
    ("signatory", re.compile(r"who (?:will |did |has |have )?(?:signed|sign|signs|inked)|signator(?!y (?:parties|countries|states|nations))|signed by whom|"
                             r"who put (?:their|his|her) signatures?|which (?:[a-z-]+ )?(?:officials?|executives?|representatives?|ministers?|people|persons?) "
                             r"(?:will |did |have |has )?(?:signed|sign)|"
                             r"who represented|who (?:is |are |was |were |will be )?(?:authori[sz]ed|assigned|designated|appointed) to sign|"
                             r"ใครลงนาม|ใครเป็นผู้ลงนาม|ผู้ลงนาม|ลงนามโดยใคร|ใครเซ็น|ใครเป็นผู้แทน|ใครได้รับมอบหมาย|"
                             r"ใคร[^\s?]{0,24}(?:ลงนาม|เซ็น)|อนุมัติให้(?:เป็นผู้)?ลงนาม|"
                             r"who[^?]{0,20} pen to paper|\bsigners?\b|(?:official|person|officer|minister)s? [^?]{0,30}(?:authori[sz]ed|assigned|designated) to sign|signed by (?:which|whom|who)\b|"
                             r"ผู้(?:ได้รับมอบหมาย|มีอำนาจ)(?:ให้)?(?:ลงนาม|เซ็น)|(?:ให้)?ผู้ใด(?:เป็นผู้)?(?:ลงนาม|เซ็น)|^did (?:the |a |an )?[a-z .-]{2,40} sign\b[^?]*\b(?:himself|herself|themselves|personally|in person)\b|เป็นคน(?:ลงนาม|เซ็น)|(?:ลงนาม|เซ็น)[^?]*เอง|which [a-z]+ put pen to paper|whom to sign|(?:คน|ท่าน)(?:ไหน|ใด)\s?(?:ลงนาม|เซ็น)|(?:ลงนาม|เซ็น)[^?]{0,40}(?:คือ|เป็น)ใคร")),
    ("place", re.compile(r"\bwhere\b|\bvenue\b|which (?:city|room|building)|at what place|signing (?:location|place)|place of (?:the )?signing|(?:which|what) (?:country|city|town|province|venue|hotel|building) (?:was|were|did)\b[^?]*\bsign(?:ed)? (?:in|at)\b|"
                         r"\bsigned (?:in|at) (?!(?:19|20)\d\d|\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|the (?:year|month|end|start))|"
                         r"(?:ลงนาม|เซ็น)(?:กัน)?\s?ที่(?!ไหน|ใด)\S[^?]*(?:ใช่|ไหม|มั้ย|ป่ะ|หรือเปล่า|หรือ)|สถานที่(?:ลงนาม|จัดพิธี|ทำพิธี)|"
                         r"(?:เมือง|จังหวัด|สถานที่)ที่(?:มีการ)?(?:ลงนาม|เซ็น)|ที่ใหน|"
                         r"location of (?:the )?signing|host(?:ed|s)? the signing|"
                         r"(?:at|in) (?:which|what) (?:city|town|country|province|hotel|venue|place|location|room|building|university)\b|"
                         r"ที่ไหน|ที่ใด|สถานที่ใด|สถานที่ไหน|ณ ที่ใด|(?:ที่|ณ\s?)(?:จังหวัด|ประเทศ|เมือง|โรงแรม)\s?(?:ใด|ไหน|อะไร)")),
    ("parties", re.compile(r"which (?:[a-z0-9-]+ ){0,2}(?:countr|agenc|organi[sz]ation|compan|ministr|parties|part(?:y|ies)|"
                           r"bod(?:y|ies)|institution|universit|department|bank|school|hospital|government|provinc)|"
                           r"between whom|with whom|signatory (?:parties|countries|states|nations)|"
                           r"who are the parties|who (?:is|are) party|who (?:are|is) the (?:partners?|counterparts?)|\bcounterparts?\b|\bis between\b|\ba party to\b|partner (?:countr|organi[sz]ation|agenc|institution|universit|compan)|\bpartners? of\b|\bwho is the [^?]*\bwith\s*\?|\bwho is the [^?]*\bwith\s*\??$|(?:between|with) [a-z][a-z ]{0,25} or (?:with )?(?:the )?[a-z][^?]*\?$|^parties\b|\bparties to\b|"
                           r"\bwho (?:did|does|will|has|have) [^?]* (?:sign|signed|partner|partnered|cooperate)[^?]* with\??$|"
                           r"กับใคร|ระหว่างใคร|ฝ่ายใด|หน่วยงานใด|หน่วยงานไหน|ประเทศใด|ประเทศไหน|"
                           r"ประเทศอะไร|บริษัทใด|บริษัทไหน|องค์กรใด|ใครบ้าง|คู่สัญญา|คู่ลงนาม|คู่ความร่วมมือ|ภาคี(?:ใด|ไหน)|หน่วย(?:ไหน|ใด)|(?:ทำ|เซ็น|ลงนาม)[^?]*กับ[^?]*หรือ(?!\s?\d|ปี|เปล่า|ไม่)[^?]*$|กับ(?:มหาลัย|มหาวิทยาลัย|หน่วยงาน|ประเทศ|บริษัท|องค์กร)(?:อะไร|ไหน|ใด)|ภาคี(?:ของ|ใน|คือ|มี)|"
                           r"(?:ธนาคาร|มหาวิทยาลัย|กระทรวง|สถาบัน|สถานศึกษา|โรงเรียน|โรงพยาบาล|กรม|องค์การ|จังหวัด|มูลนิธิ|สมาคม|องค์กร|บริษัท)\s?(?:ใด|ไหน|อะไร)")),
    ("amount", re.compile(r"how much")),   # before "cover": "how much ... does the pilot cover" asks an amount
    ("area", re.compile(r"what (?:areas|fields|sectors)(?! of (?!co-?operation|collaboration))|which (?:areas|fields|sectors)(?! of (?!co-?operation|collaboration))|"
                        r"(?:areas?|fields?|sectors?) of co-?operation|which (?:activities|industries|topics)\b[^?]*\b(?:mou|moc|memorand\w*|agreement|loi)\b|"
                        r"(?:บันทึก|mou|moc|ความตกลง|ข้อตกลง|ความร่วมมือ|เอ็มโอยู)[^?]*(?:กิจกรรม|ประเด็น)(?:อะไร|ใด)|co-?operation (?:areas|fields|sectors)|areas? covered|which [a-z]+ fields|one of the (?:fields|areas|sectors)|"
                        r"\bincludes? (?:co-?operation|collaboration) (?:on|in)\b|\b(?:does|do) [^?]*\b(?:mou|moc|memorandum|agreement)\b[^?]* (?:include|cover)\b|"
                        r"รวม[^?]*ด้วย(?:ไหม|มั้ย|หรือเปล่า|หรือไม่)|เรื่องไหน(?:บ้าง)?|"
                        r"\b(?:main|key|major|principal) (?:areas|fields|sectors)\b|"
                        r"what (?:kinds?|types?|forms?) of cooperation|"
                        r"\bcover\b|\bcovers\b|scope|ด้านใด|ด้านไหน|ด้านอะไร|สาขาใด|สาขาอะไร|ขอบเขต|"
                        r"(?:ครอบคลุม(?!ระยะ|ช่วง))|เรื่องใดบ้าง|เรื่องอะไรบ้าง|สาขาความร่วมมือ|ประเด็นความร่วมมือ|ด้านความร่วมมือ|เกี่ยวกับ(?:เรื่อง)?อะไร|"
                        r"what (?:topics|issues|subjects)|topics? (?:are |is )?covered|what is (?:the |this |that )?[^?]*\b(?:mou|moc|memorandum|agreement)\b[^?]* about\b|ร่วมมือ(?:กัน)?(?:ใน)?เรื่อง(?:ใด|อะไร)")),
    ("amount", re.compile(r"how much|how many (?:baht|dollars|euros|yen|million|billion)|budget(?! year)|\bworth\b|\bvalue\b|amount of|\bcosts?\b|\bfunding\b|"
                          r"(?:grant|loan|budget|funding|financ\w*|financial support|investment|credit(?: line)?|money|mou|moc|agreement) amount|total investment|เงินเท่าไ|"
                          r"ลงทุนเท่าไ|(?:(?<![\u0e00-\u0e7f])|(?<=ใช้)|(?<=สนับสนุน)|(?<=จัดสรร))งบ[^?]*(?:เท่าไ|ล้านบาท[^?]*(?:จริง|ใช่))|วงเงิน|มูลค่า|(?<!ปี)งบประมาณ|กี่บาท|เป็นเงิน|จำนวนเงิน|(?:เงินกู้|เงินทุน|เงินสนับสนุน|สินเชื่อ)[^?]{0,60}(?:เท่าไร|เท่าไหร่|เท่าใด)|กี่(?:ล้าน|พันล้าน|แสน|หมื่น)บาท")),   # not "ปีงบประมาณ" (a fiscal year)
]
# "what is the term of the MoU": its duration
_TERM = re.compile(r"\b(?:mou|moc|agreement|memorandum) (?:term|period)\b|\btenure\b|how many yrs|\blength of (?:the |this |that )?(?:mou|moc|agreement|memorandum)\b|\d+\s?ปี\s?(?:ใช่|หรือเปล่า|ไหม|มั้ย)|validity period|period of validity|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|fifty)[- ]year (?:or|mou|moc|agreement|memorandum|deal)\b|\bterm of (?:the |this |that |its )?(?:[a-z-]+ ){0,3}(?:mou|moc|agreement|memorandum|deal)\b|"
                   r"\b(?:mou|moc|agreement)['’]s term\b")
# the place rule alone: whether a question asks where (also read by ``fact_mark``)
ASKS_PLACE = dict(_RULES)["place"]
_SIGNING = re.compile(r"sign|ลงนาม|เซ็น|ทำ ?mou|ทำบันทึก")
# a question that asks for two facts ("when and where", "ที่ไหน เมื่อไร") is answered with the first
WHEN = re.compile(r"\bwhen\b|(?:what|which) (?:date|day|year)\b|date of signature|เมื่อ(?:เดือน|ปี|ช่วง|ตอน)(?:ไหน|ใด|อะไร)|เมื่อไร|เมื่อไหร่?|ตอนไหน|ช่วงไหน|ช่วงใด|เมื่อ\s*$|เมื่อใด|วันไหน|วันใด|วันที่เท่าไร"
                  r"|(?:พ\.ศ\.|ค\.ศ\.|ปี)\s?(?:ใด|ไหน|อะไร)")
_APPROVAL = re.compile(r"approv|cabinet|cabnet|green light|council of ministers|endors|อนุมัติ|เห็นชอบ|ครม")
_HOW_LONG = re.compile(r"how long|how many years|กี่ปี|นานเท่า|นานแค่")
_UNTIL = re.compile(r"\buntil\b|\btill\b")
# "the cabinet signed off on": an approval, not a signing
_SIGN_OFF = re.compile(r"sign(?:ed|s)? off")
# a date asked without a question word
_SIGNED_WHEN = re.compile(r"signing (?:date|day)|date of (?:the )?signing|(?:what|which) month [^?]*\bsigned\b|"
                          r"\bdate (?:the|that|when|on which) [^?]*\bsigned\b|\bdate signed\b|\bsigned date\b|\bsign\b[^?]*\bin (?:19|20)\d\d\b|"
                          r"วัน(?:ที่)?มีการลงนาม|(?:ลงนาม|เซ็น)\s*วันที่\s*$|(?:ลงนาม|เซ็น)(?:ไป)?(?:แล้ว)?(?:หรือ)?ยัง\s*$|(?:ลงนาม|เซ็น)[^?]*ปี\s?\d+\s?(?:ใช่|ไหม|มั้ย|ป่ะ|หรือ)|"
                          r"(?:ลงนาม|เซ็น)[^?]*เมื่อ[^?]*(?:ใช่ไหม|ใช่มั้ย|ใช่ป่ะ)|\b(?:was|were) [^?]*\bsigned (?:in|on) (?:(?:19|20)\d\d|\d)|"
                          r"(?:ลงนาม|เซ็น)(?:กัน)?(?:เมื่อ)?(?:ปี|เดือน|วันที่)\s?\S*\d[^?]*(?:ใช่|ไหม|มั้ย|ป่ะ|หรือเปล่า)|"
                          r"วัน(?:ที่)?ลงนาม|(?:ลงนาม|เซ็น)(?:เมื่อ)?(?:เดือน|ปี|ช่วง|ตอน)(?:ไหน|ใด|อะไร)")
_APPROVED_WHEN = re.compile(r"(?:resolution|approval) date|date of (?:the )?(?:cabinet|approval|resolution)|"
                            r"cabinet approval [^?]*\bdate\b|cabinet nod|which cabinet meeting|มติ\s?ครม[^?]*วันที่|\bdid the cabinet (?:approve|endorse)|"
                            r"วันที่\s?(?:มี)?(?:ครม|มติ|คณะรัฐมนตรี)|(?:ผ่าน|มติ)\s?ครม\.?[^?]*(?:ตอนไหน|ช่วงไหน|ใช่|ไหม|มั้ย)|"
                            r"ครม\.?\s?(?:อนุมัติ|เห็นชอบ)[^?]*(?:เดือน|วัน)(?:ไหน|ใด|อะไร|จันทร์|อังคาร|พุธ|พฤหัส|ศุกร์)|"
                            r"ครม\.?\s?(?:อนุมัติ|เห็นชอบ)[^?]*เมื่อ[^?]*(?:ใช่|ไหม|มั้ย)")
# the conjunction between two questions ("when ..., and who ...", "... เมื่อไร และใคร ...")
_AND = re.compile(r"\band\b|และ|แล้ว|,")
# a "when" about another event than the agreement's signing or approval
_OTHER_EVENT = re.compile(r"\b(?:complet|start|begin|began|open|launch|held|hold|take place|took place|arriv|visit|finish|"
                          r"built|build|deliver|announc|enrol|appl(?:y|ication))|เปิด|เริ่ม|แล้วเสร็จ|สมัคร|จัดขึ้น|จัดงาน|เดินทาง|"
                          r"ก่อสร้าง|ประกาศ|ส่งมอบ")
# "where is the company based", "โรงงานจะสร้างที่ไหน", "พื้นที่ไหน": a place, not a signing's
_OTHER_PLACE = re.compile(r"\bbased\b|\blocated\b|headquarter|\bbuilt\b|\bbuild\b|ตั้งอยู่|สร้าง(?:ขึ้น)?ที่(?:ไหน|ใด)|พื้นที่(?:ไหน|ใด)|"
                          r"which (?:areas|parts|districts) of")
# a question about trade ("how much trade", "การค้า ... มูลค่าเท่าไร"), not an agreement's sum
_TRADE = re.compile(r"\btrade\b(?!\s(?:fair|show|expo|exhibition|mission))|การค้า|\bexports?\b|\bimports?\b|\barrivals?\b|ส่งออก|นำเข้า|"
                    r"how much (?:did|has|have|will|would) [^?]*\b(?:grow|rise|increase|fall|drop|decline)")
# a question about an event, not an agreement ("how long is the training", "การประชุมครั้งต่อไปจัดเมื่อไร")
_EVENT = re.compile(r"\b(?:training|course|meeting|visit|negotiat\w*|trip|workshop|seminar|conference|flight|festival|fair|"
                    r"project|pilot)\b|อบรม|หลักสูตร|ประชุม|เจรจา|เยือน|สัมมนา|เที่ยวบิน|นิทรรศการ|โครงการ")
# ... named as done under an agreement ("the workshop under the MoU with Vietnam")
_UNDER = re.compile(r"(?:\bunder|\bon|ภายใต้|ตาม)\s*(?:the\s+|this\s+)?[^?]{0,30}?(?:\b(?:mou|moc|memorand\w*|agreement)\b|บันทึก|ความตกลง|ข้อตกลง)")
_AGREEMENT = re.compile(r"\b(?:mous?|mocs?|memorand\w*|agreements?|loi|letters? of intent)\b|บันทึก|ความตกลง|ข้อตกลง|ความร่วมมือ|สัญญา|เจตจำนง")
# a date, place or term asked with no agreement, cooperation or signing named is another event's ("when did the
# Malaysian PM visit", "how long is Thailand's BIMSTEC chairmanship")
_ANY_AGREEMENT = re.compile(_AGREEMENT.pattern + r"|co-?operat\w*|framework|partnership|\bdeal\b|\bpact\b|treaty|accord|\bagree|"
                            r"แผนปฏิบัติการ|เอ็มโอย[ูุ]")
_UNTIED = ("duration", "place", "date")
# who chairs or witnesses a signing is not who signs
_CHAIR = re.compile(r"ประธาน(?:ใน|ของ)?(?:พิธี|การลงนาม)|เป็นประธาน|สักขีพยาน|เป็นพยาน|เข้าร่วม|กล่าวเปิด|\bwitness|\bpresid|\bchair|\battend|opening (?:speech|remarks)")
_PROPOSED_BY = re.compile(r"\bpropos|เสนอ")
# no fact of one agreement asked: what to do about agreements, how long a ceremony took
_NOT_ASKED = re.compile(r"what happens|responsible|รับผิดชอบ|deadline|หมดเขต|download|ดาวน์โหลด|full text|ฉบับเต็ม|"
                        r"เจรจา[^?]*ใช้เวลา|negotiat[^?]*how long|how long[^?]*negotiat|ต้องทำ(?:ยังไง|อย่างไร)|ทำ(?:ยังไง|อย่างไร)ต่อ|พิธี[^?]*ใช้เวลา|how long[^?]*\bceremony|ceremony[^?]*how long")
# money an agreement gives or lends, asked about with no agreement named ("How much is USTDA's grant for ...?")
_GIVEN_MONEY = re.compile(r"\bgrants?\b|\bloans?\b|\bfund\w*|\bbudget|\bcredit|วงเงิน|(?<!ร่า)งบ|เงินกู้|ทุน|สนับสนุน")
# "last week", "at last": no duration asked
_NOT_DURATION = re.compile(r"\blast (?:week|month|year|night|time|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|"
                           r"\bat last\b|how long did [^?]* take|ต่ออายุ")
_THAI = re.compile(r"[\u0e00-\u0e7f]")


def question_fact(query: str, events: bool = False) -> str | None:
    """The agreement fact ``query`` asks for (one of FACTS), or None. A question that asks two
    ("where was it signed, and who signed it?") is answered with the one asked first. With ``events``,
    also the date, place or term of an event a question ties to an agreement or names with none ("where
    was the senior officials' meeting on the MOU held"): a record's fact may mark where a passage
    states it (``fact_mark``), though no direct answer gives it."""
    norm = normalize_for_match(query).lower()
    if _NOT_ASKED.search(norm):
        return None   # "what happens when an MoU expires", "how long did the ceremony take": no agreement's fact
    # "how long is the training (under the MoU)", "when is the next meeting": an event's time or place, not an agreement's
    event = not events and bool(_EVENT.search(norm) and (not _AGREEMENT.search(norm) or _UNDER.search(norm))
                                and not _SIGNING.search(norm))
    first = None
    for fact, pattern in _RULES[:2]:
        if (m := pattern.search(norm)) and not (fact == "in_force" and (_HOW_LONG.search(norm) or _UNTIL.search(norm))):
            first = (fact, m)   # not "how long will it remain in effect" (its duration), "until what year does it remain in effect"
            break
    if first and event:
        return None
    asked: list[tuple[str, re.Match]] = [first] if first else []   # (fact, where the question asks it), in the rules' order
    kind = question_kind(_NOT_DURATION.sub(" ", norm))
    m = _TERM.search(norm) or (QUESTION_KINDS["duration"].search(norm) if kind == "duration" else None)
    if m:
        asked.append(("duration", m))
    asked_when = WHEN.search(norm)
    for fact, pattern in _RULES[2:]:
        m = pattern.search(norm)
        if m is None or (fact == "place" and _OTHER_PLACE.search(norm)):
            continue   # "where is the company based": not where an agreement was signed
        if fact == "amount" and (_TRADE.search(norm) or not (_ANY_AGREEMENT.search(norm) or _GIVEN_MONEY.search(norm))):
            continue   # "how much trade ...": a country's trade, not an agreement's money
        if fact == "signatory" and _CHAIR.search(norm):
            continue   # "ใครเป็นประธานในพิธีลงนาม", "who witnessed the signing": not who signed
        if fact == "parties" and _PROPOSED_BY.search(norm):
            continue   # "which agency proposed the MoU to the cabinet": not a party
        if fact == "amount" and asked_when and asked_when.start() < m.start():
            continue   # "when did the cabinet approve the budget ...": a date
        asked.append((fact, m))
    when = (asked_when or _SIGNED_WHEN.search(norm) or _APPROVED_WHEN.search(norm)
            or (QUESTION_KINDS["date"].search(norm) if kind == "date" else None))
    if when and (kind in ("date", None) or not asked):
        asked.append(("date", when))
    if not asked:
        return None
    fact, m = asked[0]
    if fact == "place" and asked_when and asked_when.start() < m.start():
        fact, m = "date", asked_when   # "when and where was it signed": the date, asked first
    for other, o in asked[1:]:
        between = norm[o.end():m.start()]
        if o.start() < m.start() and (_AND.search(between) or (between and not between.strip() and _THAI.search(norm))):
            fact, m = other, o   # "where was it inked, and who signed it?": the place, asked first
            break
    if fact in _UNTIED and (event or not events and not (_ANY_AGREEMENT.search(norm) or _SIGNING.search(norm)
                                                          or _APPROVAL.search(norm))):
        return None   # ... "when did the cabinet approve it" asks of an agreement
    if fact != "date":
        return fact
    head = norm[:m.end() + _AND.search(norm[m.end():] + ",").start()]   # the date question's own clause
    if _SIGNED_WHEN.search(head):
        return "signed_date"   # "Thailand Japan MoU signing date"
    if _APPROVED_WHEN.search(head):
        return "approved_date"   # "the cabinet resolution date for the MoU"
    if _APPROVAL.search(head) and not _SIGNING.search(_SIGN_OFF.sub(" ", head)):
        return "approved_date"
    if not _SIGNING.search(head) and not _APPROVAL.search(head) and _OTHER_EVENT.search(head):
        return None   # "when will the project under the MoU be completed": another event's date
    return "signed_date"
