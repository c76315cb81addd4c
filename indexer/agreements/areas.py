"""Areas of cooperation of an agreement, Thai and English, read two ways.

1. Fields named right after the agreement's kind word: "บันทึกความเข้าใจว่าด้วยความร่วมมือด้าน
   ไปรษณีย์ โทรคมนาคม และเทคโนโลยีดิจิทัล", "MoU on Cooperation in the Field of Tourism".
2. A list of areas the article announces for it: "ครอบคลุม 9 ด้าน ได้แก่ 1. ... 2. ...",
   "ความร่วมมือ 3 ด้าน ได้แก่ A, B และ C", "cooperation in 9 areas, namely, 1) ...; 2) ...".
   The list is read whole or not at all: when the article gives the count, the items found must
   number exactly that many (a list is never cut, and never runs on into the next sentence).
Each item is kept as written up to its description ("... อาทิ ...", "(...)", "ซึ่ง ...").
"""
from __future__ import annotations

import re

from pythainlp.tokenize import word_tokenize

from indexer.agreements import facts as F
from indexer.agreements.kinds import ANY_KIND
from indexer.lines import line_end, start_of_line

_AREA_TH = re.compile(r"(?:ความร่วมมือ|ร่วมมือกัน|ครอบคลุม|ขอบเขต(?:ความร่วมมือ)?)(?:\s*\((?:MOU|MoU|MOC|MoC|เอ็มโอยู)\)\s*)?(?:ใน|ทาง)?(?:สาขา|ด้าน)"
                      # "บันทึกความเข้าใจว่าด้วยความร่วมมือการจัดบริการทางการแพทย์": the cooperation's field, named without ด้าน
                      r"|(?<=ว่าด้วย)ความร่วมมือ(?=การ)"
                      # "บันทึกความเข้าใจว่าด้วยความร่วมมือทางทหารร่วมกัน": the field after "ทาง"
                      r"|(?<=ว่าด้วย)ความร่วมมือทาง(?=[\u0e00-\u0e7f])"
                      # "บันทึกความเข้าใจ เรื่อง การพัฒนาวิชาการด้านการวิจัยและการส่งเสริมการเกษตร": the field inside the name
                      r"|(?<=เรื่อง\s)[^\s]{0,30}?ด้าน(?=[\u0e00-\u0e7f])")
# "บันทึกข้อตกลงความร่วมมือ (MOU) ด้าน...", "บันทึกความเข้าใจ (MOU) ด้าน...": the field right after the kind
_KIND_THEN_FIELD = re.compile(r"(?:\)|\s*\((?:MOU|MoU|MOC|MoC|เอ็มโอยู)\))?\s*(?:สาขา|ด้าน)(?=[\u0e00-\u0e7f])")
# "บันทึกข้อตกลงความร่วมมือ (MOU) ว่าด้วยการส่งเสริมการพัฒนาบุคลากร...", "(MOU) การดำเนินงานด้านการคุ้มครองสิทธิ...":
# the subject the kind word names after "ว่าด้วย", or the field of the work it names, is the agreement's one field; a subject
# with neither ("MOU การส่งเสริมการออม") is none (not after "ความตกลง": "ความตกลงการค้าเสรี..." is a free-trade area)
_KIND_THEN_SUBJECT = re.compile(r"(?:ความร่วมมือ)?(?:\s*\((?:MOU|MoU|MOC|MoC|เอ็มโอยู)\))?\)?\s*"
                                r"(?:ว่าด้วย\s*(?=การ(?!ประชุม|ลงนาม|จัดทำ|ดำเนินการ\s))|(?=การ(?:ดำเนินงาน|ดำเนินการ|ปฏิบัติงาน)ด้านการ))")
# where that subject ends: the parties, a purpose, a bracket ("ผู้โดยสาร" is a word, not "โดย"; "ของ" stays: "การดำเนินงานของศูนย์...")
_SUBJECT_STOP = re.compile(r"ระหว่าง|(?<!ร่วม)(?<!เกี่ยว)(?<!เกี่ยวข้อง)กับ|ร่วมกับ|(?<!ผู้)โดย|เพื่อ(?!น)|ซึ่ง|ในครั้งนี้|[(“”\"]")
# a word that carries a Thai noun phrase on past a space ("... ขีดความสามารถ ในการแข่งขัน ของภาคอุตสาหกรรม")
_RUNS_ON = re.compile(r"(?:ในการ|ของ)[\u0e00-\u0e7f]")
# an item cut before its end closes on a word that needs one after it ("การส่งเสริมสิทธิและ", "... of")
_DANGLING_TH = {"และ", "หรือ", "ของ", "ใน", "ที่", "แก่", "ต่อ", "เกี่ยว", "ด้าน", "กับ", "ระหว่าง"}
_DANGLING_EN = re.compile(r"\b(?:and|or|of|the|in|for|on|with)$", re.I)
_AREA_TH_STOP = re.compile(r"\s*(?:ร่วมกับ|(?<!เกี่ยว)(?<!เกี่ยวข้อง)กับ|ศ\.|นาย|นาง|ดร\.|โดย|เพื่อ|ซึ่ง|ระหว่าง|ของ|ทั้งนี้|ตลอดจน|อันจะ|และจะ|รวมถึง|รวมทั้ง|ที่(?:มี|จะ|ได้)|เมื่อ"
                           r"|ไทย\s*[-–]|\(|“|\")")
_AREA_EN = re.compile(r"\b(?:cooperation\s+in\s+the\s+(?:fields?|areas?|sectors?)\s+of|in\s+the\s+(?:fields?|areas?|sectors?)\s+of"
                      r"|cooperation\s+(?:in|on))\s+", re.I)
# "MOU between ... on Sanitary and Phytosanitary (SPS) Cooperation": the field is the phrase as written
_ON_COOPERATION = re.compile(r"\bon\s+((?:[A-Z][\w-]*\s+(?:and\s+)?){1,6}(?:\([A-Z]{2,8}\)\s+)?Cooperation)\b")
_GENERIC_EN = re.compile(r"(?:(?:Integrated|General|Bilateral|Mutual|Strategic|Comprehensive|Further|Closer|Technical"
                         r"|Economic|International|Regional)\s+(?:and\s+)?)+Cooperation", re.I)
_AREA_EN_STOP = re.compile(r"[.;(]|\s(?:between|with|for|to|by|which|that|as|under|through|including|via|is|are|was|were|will|aims?|aimed"
                           r"|has|have)\s", re.I)
# a chunk that starts a verb phrase ends a Thai list of fields ("... ไทย-ฟินแลนด์ เล็งเพิ่มแนวทาง...")
_TH_VERB = re.compile(r"^(?:เล็ง|เพิ่ม|ขยาย|ส่งเสริม|สร้าง|ยกระดับ|ผลักดัน|มุ่ง|หารือ|ลงนาม|จับมือ|เดินหน้า|ต่อยอด|พร้อม|จะ|ได้|ให้|มี|เป็น"
                      r"|หวัง|เปิดโอกาส|สนับสนุน|เน้น|ด้วย|คือ|การร่วม)")   # "ด้านดิจิทัล และการร่วมพัฒนาดัชนี...": a joint activity, not a field   # "ด้านA หวังยกระดับ...", "ด้านA และสนับสนุนกิจกรรม..."
_NOT_AREA = re.compile(r"\d|\.|กำลัง|อยู่ใน|ร่วมกัน$|ฉบับ|ประชุม|เสนอ|ลงนาม|กระทรวง|กรม|สำนักงาน|ตามที่|ต่าง\s*ๆ|ต่างๆ|ต่าง$"
                       r"|^(?:เช่น|ได้แก่|อาทิ|ใน|เป็น|โดย|ซึ่ง|เพิ่ม|ชัดเจน|จำนวน|คือ|ด้วย|หวัง|เปิดโอกาส)|ประกอบด้วย|ข้อตกลง|ความร่วมมือ(?:ใน)?$|บันทึก|ยังได้|ได้ดำเนิน|เชิญชวน|แล้ว$|ที่ผ่านมา|มติ|เมื่อ|ผลสำเร็จ|รูปธรรม|ผ่านความร่วมมือ"
                       r"|\b(?:especially|signing|various|field|ministry|department|office|memorandum|mou|mutual)\b"
                       # the bodies a list counts ("ด้านนโยบายและข้อมูล ประกอบด้วย 8 หน่วยงาน คือ ..."); a list's own
                       # "others" item stays (its judges kept it: "36) others")
                       r"|^หน่วยงาน$", re.I)

_MEANS = re.compile(r"ในทุก|(?<!ที่)ผ่าน|โดย")
AREA_WINDOW = 120   # characters after the kind word where its fields may be named
# confidence: 47 judged areas of 2020-2022 (10 documents) read at precision 0.98, and a sample of
# the others about as well; a list whose count is met is the surer of the two readings
NAMED, LISTED = 0.7, 0.75

# "ครอบคลุม 9 ด้าน ได้แก่", "ความร่วมมือใน 2 ด้าน ได้แก่", "in 9 areas, namely,", "in the following areas:"
# ... also "กรอบการดำเนินงาน หรือกิจกรรมที่เกี่ยวข้อง 6 ด้านหลัก ประกอบด้วย ด้านที่ 1 ... ด้านที่ 6 ..."
_LIST_TH = re.compile(r"(?:(?:ความร่วมมือ|ครอบคลุม|ขอบเขต|ร่วมมือกัน)\S{0,30}?|กรอบ(?:ความร่วมมือ|การดำเนินงาน)[^\n\d]{0,40}?)"
                      r"\s*(?:ใน|ทั้ง(?:หมด)?|รวม)?\s*(\d{1,2})\s*(?:ด้าน|สาขา|เรื่อง)(?:หลัก)?"
                      r"\s*(?:ที่สำคัญ\s*)?(?:ได้แก่|คือ|ประกอบด้วย|ดังนี้)\s*:?\s*")
_LIST_EN = re.compile(r"\b(?:cooperation|collaboration|cover(?:s|ing)?|scope)\b[^.\n]{0,60}?\bin\s+(\d{1,2}|the\s+following)\s+"
                      r"(?:areas|fields|sectors)\b[^.\n:]{0,20}?(?:,\s*)?(?:namely|including|as\s+follows|:)\s*[,:]?\s*", re.I)
# "Scope of cooperation includes A, B, C, among others." / "prescribes scope of cooperation on SPS which
# includes 4 main activities: 1) ...; 2) ..." (the English cabinet synopses)
# ... also "Areas of cooperation under the Memorandum of Understanding on ... between A and B include: 1) ..., 2) ..."
_COUNT_WORDS = {w: n for n, w in enumerate("two three four five six seven eight nine ten eleven twelve".split(), 2)}
_SCOPE_EN = re.compile(r"\b(?:scope|areas?|fields?)\s+of\s+(?:the\s+)?cooperation\b[^.\n]{0,250}?\b(?:includes?|covers?|comprises?|are)\b\s*"
                       r"(?:(\d{1,2}|" + "|".join(_COUNT_WORDS) + r")\s+(?:main\s+|key\s+)?(?:areas|fields|activities|aspects|issues|sectors)\s*)?:?\s*", re.I)
# "โดยมีขอบเขตความร่วมมือของหน่วยงานทั้ง 4 หน่วยงาน ประกอบด้วย 1) ... 2) ... 3) ...": a numbered list, no count of areas
# (a list announced with its count, "ครอบคลุม 4 ด้าน ได้แก่", is read by _LIST_TH and must meet it)
# ... and "มีกรอบความร่วมมือที่สำคัญ ระหว่างกรม A กับ B คือ | 1. ... | 2. ..." (the items on the lines that follow)
_SCOPE_TH = re.compile(r"(?:ขอบเขต(?:ความร่วมมือ|การดำเนินงาน|ของความร่วมมือ)(?:(?!\d+\s*(?:ด้าน|สาขา|เรื่อง))[^\n:]){0,60}?"
                       r"(?:ประกอบด้วย|ได้แก่|ดังนี้)|กรอบความร่วมมือ(?:ที่สำคัญ)?(?:(?!\d+\s*(?:ด้าน|สาขา|เรื่อง))[^\n:]){0,120}?"
                       r"(?:ประกอบด้วย|ได้แก่|ดังนี้|คือ)(?=\s*:?\s*(?:\n|$)))\s*:?\s*()")
# "... ลงนามความร่วมมือ (MOU) กับ 8 หน่วยงาน เพื่อให้การสนับสนุนแก่ MSME ... ใน 3 ด้าน ได้แก่ ด้านA ด้านB และC": a list announced
# with its count further from the cooperation's word than _LIST_TH reads (the line must name the agreement before it)
_COUNTED_TH = re.compile(r"(?<![\u0e00-\u0e7f])(?:ใน|ทั้ง)\s*(\d{1,2})\s*(?:ด้าน|สาขา)(?:หลัก)?\s*(?:ได้แก่|คือ|ประกอบด้วย)\s*:?\s*")
# "Activities specified under the MOU are: 1) ...; 2) ...; ... and 5) other areas of cooperation.": read only as a numbered
# list (a plain one, "policy and technology cooperation, exchange of experts and representatives, ...", cannot be cut
# at its "and"s)
_ACTIVITIES_EN = re.compile(r"\bactivities\s+(?:specified\s+|set\s+out\s+)?(?:under|in)\s+the\s+(?:draft\s+)?"
                            r"(?:MOU|memorandum|agreement)\b[^.\n:]{0,60}?\b(?:are|include)\s*:?\s*()", re.I)
_OTHER_AREAS = re.compile(r"^other\s+(?:areas|fields|activities|matters)\b|^ความร่วมมือด้านอื่น|^ด้านอื่น", re.I)
# "... ความร่วมมือด้านการเกษตรในสาขาต่าง ๆ อาทิ พืช ประมง ปศุสัตว์ ดิน การจัดการน้ำ ... รวมถึงสาขาอื่น ๆ", "ความร่วมมือหลายด้าน
# ระหว่าง2ประเทศ อาทิ A B C และD", "มีจำนวน 3 เรื่อง ได้แก่ A B และ C": fields written apart by single spaces (``_spaced``)
# (the fields of the cooperation: "บริการข้อมูลในด้านต่าง ๆ อาทิ เบอร์ติดต่อฉุกเฉิน ..." lists what a service tells, not them)
_SPACED_TH = re.compile(r"(?:ความร่วมมือ[^\n\d]{0,40}?(?:สาขา|ด้าน)(?:ต่าง\s*ๆ)?|ร่วมมือ\S{0,4}หลาย(?:ด้าน|สาขา)[^\n]{0,30}?"
                        r"|จำนวน\s*(\d{1,2})\s*(?:เรื่อง|ด้าน|สาขา))\s*(?:อาทิ|เช่น|ได้แก่)\s*")
_SPACED_END = re.compile(r"\s*(?:รวมถึง|รวมทั้ง|ตลอดจน|ทั้งนี้|โดย|ซึ่ง(?!กันและกัน)|เพื่อ(?!น)|อันจะ|และจะ|เป็นต้น)|\s{2,}|\n|[(.]")
_PLAIN_MIN = 3   # an English scope list without a count is taken when it has at least this many items
_NUM = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=และ)|(?<=and\s))(?:\(?(\d{1,2})[.)]|ด้านที่\s*(\d{1,2}))\s*")
# a number whose bracket the writer forgot, between items of a list that has them: "...; 5) trade facilitation; 6 investment; ..."
_NUM_LOOSE = re.compile(r"(?<=;\s)(\d{1,2})\s+(?=[A-Za-z\u0e00-\u0e7f])")
_ITEM_END_TH = re.compile(r"\s*(?:อาทิ|เช่น(?!เดียว)|รวมถึง|รวมทั้ง|โดย|ซึ่ง|เพื่อ(?!น)|ทั้งสองฝ่าย|ระยะเวลา|(?<!ที่)ผ่าน|ด้วยการ|เป็นครั้งแรก)|\s*\(|\s{2,}|\n"
                          r"|\s+ส่วน(?!ราชการ|ร่วม|ภูมิภาค|ท้องถิ่น|บุคคล|ประกอบ)")   # ... or its means, or "ส่วน..." ("as for ...") starts another clause
_ITEM_END_EN = re.compile(r"\s*[;(]|,\s*(?:e\.g\.|i\.e\.|such as|including)|\s+(?:such as|including)\s")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_CAP = 100
LINE_CAP = 200   # an item that is a bullet line of its own: the line ends it, so it is cut later


def _dangling(item: str) -> bool:
    """Whether ``item`` ends on a word that cannot end a field (a word of Thai by ``newmm``:
    "พื้นที่" ends no item early, "...สิทธิและ" does)."""
    if _DANGLING_EN.search(item):
        return True
    tail = re.search(r"[\u0e00-\u0e7f]+$", item)
    return bool(tail) and word_tokenize(tail[0][-30:], engine="newmm")[-1] in _DANGLING_TH


def _trim(item: str, thai: bool, cap: int = _CAP) -> str:
    item = item.strip(" ,;:")
    end = (_ITEM_END_TH if thai else _ITEM_END_EN).search(item, 6)
    item = item[:end.start()] if end else item
    if len(item) > cap:   # as written, cut at a space so that it stays a prefix of the item
        cut = item.rfind(" ", 0, cap)
        item = item[:cut] if cut > 20 else item[:cap]
    return re.sub(r"^(?:และ|and\s+|the\s+)", "", item.strip(" ,;:“”\"'"), flags=re.I).strip()


def _numbered(rest: str, thai: bool, count: int | None) -> list[str] | None:
    """Items of "1. A 2. B และ 3. C" / "1) A; 2) B; and 3) C" at the start of ``rest``: up to
    ``count`` items (they may run onto the next lines), else those of the first line."""
    marks = []
    first_break = rest.find("\n")
    if count is None and rest[:first_break + 1].strip() == "" and first_break >= 0:
        first_break = -1   # "ดังนี้ | 1. ... | 2. ...": a list that opens the next line runs on its lines
    loose = list(_NUM_LOOSE.finditer(rest)) if count else []
    for m in sorted([*_NUM.finditer(rest), *loose], key=lambda x: x.start()):
        if count is None and 0 <= first_break < m.start():
            break
        if int(m[1] or m[2]) == len(marks) + 1:
            marks.append(m)
            if len(marks) == count:
                break
    if not marks or len(rest[:marks[0].start()].strip()) > 0 and marks[0].start() > 3:
        return None
    items = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(rest)
        chunk = rest[m.end():end]
        if i + 1 == len(marks):   # the last item ends with its sentence or line
            stop = re.search(r"\n|(?<![A-Z])\.(?:\s|$)" if not thai else r"\n|\s{2,}", chunk)
            chunk = chunk[:stop.start()] if stop else chunk
        chunk = re.sub(r"\s*(?:และ|and)\s*$", "", chunk)
        items.append(_trim(chunk, thai))
    return items


_BULLET = re.compile(r"^[ \t]*[•●▪◦\-*–][ \t]*(.+)$", re.M)


def _bulleted(rest: str, thai: bool, count: int) -> list[str] | None:
    """The items of a bulleted list on the lines right after ``rest``'s first line ("... will cover
    nine areas: | • Policies and regulations ...; | • Development of ..."), when there are exactly
    ``count`` of them before the next line that is no item."""
    items = []
    lines = rest.split("\n")[1:]
    for line in lines:
        if not line.strip():
            if items:
                break
            continue
        m = _BULLET.match(line)
        if not m:
            break
        items.append(_trim(m[1].rstrip(" ."), thai, LINE_CAP))
    return items if len(items) == count else None


def _plain(rest: str, thai: bool) -> list[str]:
    """Items of "A, B และ C" / "A, B and C" up to the end of the sentence or line."""
    stop = re.search(r"\n|\s{2,}" if thai else r"\n|\.(?:\s|$)", rest)
    rest = rest[:stop.start()] if stop else rest
    parts = re.split(r",\s*|\s+และ\s*" if thai else r",\s*(?:and\s+)?|\s+and\s+", rest)
    return [_trim(p, thai) for p in parts if p.strip()]


def _counted(rest: str, count: int) -> list[str] | None:
    """The ``count`` items of a Thai list "ด้านA ด้านB และC ..." that runs on into the sentence after it: the
    item after "และ" is the last, and it ends at the first space; None unless exactly that many are there."""
    items, at = [], 0
    for sep in re.finditer(r",\s*|\s+และ\s*|\s+(?=ด้าน[\u0e00-\u0e7f])|\s{2,}|\n", rest):
        if "\n" in sep[0] or (sep[0].isspace() and len(sep[0]) >= 2):
            return None   # the line or the phrase ended before the list did
        items.append(rest[at:sep.start()])
        at = sep.end()
        if "และ" in sep[0]:
            items.append(re.split(r"\s", rest[at:], 1)[0])
            break
        if len(items) >= count:
            return None
    else:
        return None
    items = [re.sub(r"^ด้าน(?=[\u0e00-\u0e7f])", "", _trim(i, True)) for i in items if i.strip()]
    return items if len(items) == count else None


def _spaced(rest: str, count: int | None) -> list[str] | None:
    """Items of a Thai list written apart by single spaces, "A B C และD" (or "... และ D"): up to the item after
    "และ", or to a word that opens another clause; at least three, or exactly ``count``; None otherwise."""
    stop = _SPACED_END.search(rest)
    head = rest[:stop.start()] if stop else rest
    joined = re.search(r"\s+และ\s*(\S+)", head)
    if joined:
        head = head[:joined.end()]
    items = [i for i in re.split(r"\s+และ\s*|,\s*|\s+", head) if i]
    if count is not None and len(items) != count or count is None and len(items) < _PLAIN_MIN:
        return None
    if not all(2 <= len(i) <= 60 and _THAI.match(i) and not _dangling(i) for i in items):
        return None
    return items


# the announcements of a list of areas, in the order they are tried, each with whether its items are Thai
_LIST_PATTERNS = ((_LIST_TH, True), (_LIST_EN, False), (_SCOPE_EN, False), (_SCOPE_TH, True), (_COUNTED_TH, True),
                  (_ACTIVITIES_EN, False), (_SPACED_TH, True))


def _listed(sentence_line: str, after: str) -> list[str]:
    """The areas of a list announced in ``sentence_line`` (the line of a sentence; ``after`` is
    the text that follows the line), or []."""
    for pattern, thai in _LIST_PATTERNS:
        for m in pattern.finditer(sentence_line):
            head = sentence_line[:m.end()]   # ("Areas of cooperation under the MOU on ... include:")
            if not (ANY_KIND.search(head) or re.search(r"ลงนาม|\bsign", head, re.I)):
                continue   # the list must be the agreement's: named before it on the same line
            rest = (sentence_line + after)[m.end():m.end() + 1500]
            count = int(m[1]) if m[1] and m[1].isdigit() else _COUNT_WORDS.get((m[1] or "").lower())
            if pattern is _SPACED_TH:
                items = _spaced(rest, count)   # Thai items only
                if items is None:
                    continue
                return items
            items = _numbered(rest, thai, count)
            if pattern is _ACTIVITIES_EN:
                if items is None:
                    continue
                items = [i for i in items if not _OTHER_AREAS.search(i)]   # "5) other areas of cooperation"
            if items is None and count is not None:
                items = _bulleted(rest, thai, count)
            if items is None and thai and count is not None:
                items = _counted(rest, count)
            if items is None:
                items = _plain(re.sub(r",?\s+(?:among\s+others|etc\.?|and\s+so\s+on)(?=[.\s]|$)", "", rest), thai)
                scope_list = pattern is _SCOPE_EN and count is None and len(items) >= _PLAIN_MIN \
                    and all(len(i.split()) <= 6 for i in items)
                if not scope_list and (count is None or len(items) != count):
                    continue   # an unnumbered list is taken only when its count is stated and met
            elif count is not None and len(items) != count:
                continue
            if len(items) > 1 and all(3 <= len(i) for i in items) and (not thai or all(_THAI.search(i) for i in items)):
                return items
    return []


# "The draft MOU ... is aimed to promote bilateral cooperation in agriculture, horticulture, ..., and agricultural
# policies, as well as ...", "The draft MOU ... prescribes promotion of cooperation between Thailand and Japan on
# healthcare, such as medical services, ...": the fields after a cue to cooperate, in a sentence that names the agreement
_CUE_EN = re.compile(r"\b(?:promot\w*|enhanc\w*|strengthen\w*|foster\w*|expand\w*|deepen\w*|promotion\s+of)\s+"
                     r"(?:(?:the|bilateral|mutual|closer|further|international|development|economic|technical)\s+)*"
                     r"(?:cooperation|collaboration)\s+(?:between\s+[^,.;:]{3,80}?\s+)?(?:in|on)\s+(?!the\s+(?:fields?|areas?)\b)", re.I)
_CUE_STOP = re.compile(r",?\s+(?:as\s+well\s+as|among\s+others|etc\b|and\s+other|particularly|especially|in\s+order|to|which|that"
                       r"|for|between|with|under|through|by|including)\b|[.;:()]", re.I)
_CUE_ITEM = re.compile(r"[A-Za-z][A-Za-z/&-]*(?:\s+[A-Za-z/&-]+){0,4}")


def _cued(sentence: str) -> list[str]:
    """The fields a sentence naming the agreement lists after a cue to cooperate: at least three, or
    one field and the examples after its "such as"."""
    for m in _CUE_EN.finditer(sentence):
        if not ANY_KIND.search(sentence, 0, m.start()):
            continue
        rest = sentence[m.end():m.end() + 400]
        such = re.search(r",?\s+such\s+as\s+", rest)
        head, rest = (rest[:such.start()], rest[such.end():]) if such else ("", rest)
        stop = _CUE_STOP.search(rest)
        rest = re.sub(r",?\s*(?:and)?\s*$", "", rest[:stop.start()] if stop else rest)
        items = re.split(r",\s*(?:and\s+)?", rest)
        if not re.search(r",\s*and\s", rest) and " and " in items[-1] and len(items) > 1:
            items[-1:] = items[-1].rsplit(" and ", 1)   # "A, B and C"
        items = ([head] if head else []) + [i.strip() for i in items]
        if len(items) >= (2 if head else 3) and all(_CUE_ITEM.fullmatch(i) for i in items):
            return items
    return []


def _named(sentence: str, kind_match, line_rest: str = "") -> tuple[list[str], bool]:
    """Fields named after the kind word; ``line_rest`` is the text after the sentence up to the
    end of its line (the sentence cutter may end a sentence inside a list of fields)."""
    # "Memorandum of Understanding between the Government of A and the Government of B regarding Cooperation on
    # ...": the parties' phrase stands between the kind and its field
    between = re.match(r"\s*(?:\([^()]{1,20}\)\s*)?between\b", sentence[kind_match.end():], re.I)
    window = (kind_match.start(), kind_match.end() + AREA_WINDOW)
    thai = True
    # "บันทึกข้อตกลงความร่วมมือ (MOU) ด้านการส่งเสริมการออม", "MOU ด้านแรงงาน": the field right after the kind
    m = _KIND_THEN_FIELD.match(sentence, kind_match.end()) or _AREA_TH.search(sentence, *window)
    if not m and not re.match(r"ความตกลง|agreement", kind_match[0], re.I):
        subject = _KIND_THEN_SUBJECT.match(sentence, kind_match.end())
        if subject:
            rest = (sentence + line_rest)[subject.end():subject.end() + 300]
            words = rest.split()
            chunk = words[:1]
            for word in words[1:]:   # "ว่าด้วยการยกระดับขีดความสามารถ ในการแข่งขันของ...": the phrase runs on
                if _SUBJECT_STOP.search(chunk[0], 4) or not _RUNS_ON.match(word):
                    break
                chunk[0] += word
            stop = chunk and _SUBJECT_STOP.search(chunk[0], 4)
            chunk = [chunk[0][:stop.start()]] if stop else chunk
            # "(MOU) การดำเนินงานด้านการคุ้มครองสิทธิ...": the work's field is what follows its "ด้าน"
            return [re.sub(r"^การ(?:ดำเนินงาน|ดำเนินการ|ปฏิบัติงาน)ด้าน(?=การ)", "", c) for c in chunk], True
    if not m:
        m, thai = _AREA_EN.search(sentence, *window), False
    if not m:
        on = _ON_COOPERATION.search(sentence[:window[1] + 100], window[0])   # it may end past the window
        if on and (on.start() >= window[1] or _GENERIC_EN.fullmatch(on[1])):
            on = None   # "MOU on Integrated Cooperation": no field named
        if on or not between:
            return ([on[1]] if on else []), False
        m = _AREA_EN.search(sentence, window[1], window[1] + 130)
        if not m:
            return [], False
    rest = (sentence + line_rest)[m.end():m.end() + 300]
    stop = (_AREA_TH_STOP if thai else _AREA_EN_STOP).search(rest)
    rest = rest[:stop.start()] if stop else rest
    if not thai:
        return re.split(r",\s*(?:and\s+)?|\s+and\s+", rest), thai
    # "ด้านA B และC": the chunks up to the one that opens with "และ"; a verb ends the list
    chunks = []
    for c in re.split(r"\s+", rest.replace("ต่าง ๆ", "ต่างๆ")):
        if chunks and re.fullmatch(r"[A-Za-z][\w&-]*", c):
            chunks[-1] += " " + c   # "การปราบปรามแก๊ง Call Center": English words of a Thai item
        elif c:
            chunks.append(c)
    if m[0] == "ความร่วมมือ" and chunks:   # "ว่าด้วยความร่วมมือการ...": the name's one field, not a list
        return chunks[:1], thai
    closing = next((i for i, c in enumerate(chunks) if i and c.startswith("และ")), None)
    if closing is None and stop is not None and len(chunks) <= 6:
        closing = len(chunks) - 1   # "ด้านA B C กับ ...": the list ends where its phrase does
    items = []
    for i, chunk in enumerate(chunks):
        if i and _TH_VERB.match(re.sub(r"^และ", "", chunk)):
            break
        means = _MEANS.search(chunk, 2)
        if means:   # "ด้านวัฒนธรรมในทุกระดับผ่านความร่วมมือในการแลกเปลี่ยนบุคลากร การสัมมนา ...": what follows is how, not fields
            items += [p for p in re.split(r"และ(?=ด้าน)|(?<=\S)ด้าน", chunk[:means.start()]) if p]
            break
        if i and closing is None and not chunk.startswith("ด้าน"):
            break   # no closing "และ": only chunks that open with "ด้าน" continue the list
        items += [p for p in re.split(r"และ(?=ด้าน)|(?<=\S)ด้าน", chunk) if p]
        if i == closing:
            break
    return items, thai


def area_facts(facts: list, text: str, anchors: list, sents: list, doc_id: str, lang: str) -> None:
    seen = set()

    def add(item, s, e, conf):
        item = re.sub(r"^(?:ด้าน|และ|the\s+)", "", item.strip(" ,"), flags=re.I).strip().replace("\u0e4d\u0e32", "\u0e33")
        if _THAI.match(item):
            item = item.strip("“”\"'")   # "(MOU) ด้านการจัดทำแผน...ระดับภูมิภาค”": the name's closing quote
        item = re.sub(r"(?<=[\u0e00-\u0e7f]{2})เป็นครั้งแรก$", "", item)   # "ด้านการประกันภัยเป็นครั้งแรก": "for the first time"
        item = re.sub(r"(?<=[\u0e00-\u0e7f]{2})ร่วมกัน$", "", item)   # "ทหารร่วมกัน": the field, not "together"
        item = re.sub(r"(?<=[A-Za-z])\s+(?:19|20)\d\d$", "", item)   # "... in the Lao PDR 2022": the year of the agreement's name
        thai = bool(_THAI.search(item))
        if _NOT_AREA.search(item) or _dangling(item) or (not thai and not re.match(r"[a-zA-Z]", item)) or \
                (lang == "th" and not thai and len(item) < 4):
            return
        if 3 <= len(item) <= _CAP and item.lower() not in seen:
            seen.add(item.lower())
            facts.append(F.fact("area", item, item, doc_id, s, e, conf))

    for s, e, _k, kind_match in anchors:
        items, thai = _named(text[s:e], kind_match, text[e:line_end(text, e)])
        if len(items) <= 12:
            for item in items:
                add(item, s, e, NAMED)
    for s, e in sents:   # the list may run on past the sentence cutter's boundary, not past the line
        for item in _cued(text[s:line_end(text, s)]):
            add(item, s, e, NAMED)
    for s, e in sents:   # a list runs on past the sentence cutter's boundary, not past the line
        line_start = start_of_line(text, s)
        end = line_end(text, s)
        line = text[line_start:end]
        if not any(pattern.search(text, s, e) for pattern, _ in _LIST_PATTERNS):
            continue
        for item in _listed(line, text[end:end + 1500]):
            if not _NOT_AREA.search(re.sub(r"\d", "", item)) or len(item) > 20:
                key = item.lower()
                if key not in seen and len(seen) < 40:
                    seen.add(key)
                    facts.append(F.fact("area", item, item, doc_id, s, e, LISTED))
