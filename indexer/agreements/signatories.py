"""Who signed an agreement: people named with their titles in a sentence that reports the signing.

A person is a name with its honorific ("นายสุทธิ สุโกศล", "พลตำรวจโท จิรภพ ภูริเดช", "Mr. Brian
Davidson") followed by a title ("ปลัดกระทรวงแรงงาน", "Minister of ..."). People joined by "และ" or a
comma share what follows them: "A ปลัดกระทรวง... และ B ผู้ว่าการ... ได้ลงนาม" makes both signatories,
"A พร้อมด้วย B ... เป็นประธานสักขีพยาน" neither. People named after "ระหว่าง"/"กับ" once the
sentence has said "ลงนาม" are the two sides ("ลงนาม ... ระหว่างนาย A รองผู้จัดการ ธ.ก.ส. กับ นาย B
ประธาน..."); those after "โดยมี" are guests. A planned or approved signing names no signatory
("ครม. อนุมัติให้ รมว. เป็นผู้ลงนาม").
"""
from __future__ import annotations

import re

from indexer.agreements import facts as F
from indexer.agreements.kinds import ANY_KIND
from indexer.agreements.parties import countries_in
from indexer.lines import line_end, start_of_line

_HONORIFIC_TH = (r"(?:นาย(?!กรัฐมนตรี|กเทศมนตรี|กสมาคม|กสภา|กองค์การ|ทหาร|ตำรวจ|อำเภอ|ช่าง|ทะเบียน|จ้าง|หน้า|ด่าน|ร้อย|พัน|สิบ)"
                 r"|นางสาว|นาง(?!งาน)|น\.ส\.|ดร\.|ศ\.|รศ\.|ผศ\.|(?:รอง|ผู้ช่วย)?ศาสตราจารย์(?:เกียรติคุณ)?|แพทย์หญิง"
                 r"|นพ\.|พญ\.|ทพ\.|ทพญ\.|สพ\.|ภก\.|ภญ\.|(?:พ|ร)\.(?:ต|ท|อ)\.(?:อ|ท|ต)?\.?|ว่าที่\s?ร้อย(?:ตรี|โท|เอก)"
                 r"|พล(?:เอก|โท|ตรี|ตำรวจ(?:เอก|โท|ตรี)|อากาศ(?:เอก|โท|ตรี)|เรือ(?:เอก|โท|ตรี))(?:หญิง)?|คุณหญิง|มิสเตอร์|มิสซิส|มาดาม|พล\.(?:อ|ท|ต|ต\.อ|ต\.ท|ต\.ต|อ\.อ|ร\.อ)\."
                 # the other commissioned ranks of the army, police, navy and air force; clergy
                 r"|(?:พัน|ร้อย)(?:ตำรวจ)?(?:เอก|โท|ตรี)|(?:นาวา|เรือ)(?:อากาศ)?(?:เอก|โท|ตรี)|ศาสนาจารย์"
                 r"|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|H\.E\.)")
_NAME_TH = re.compile(r"(?:(?<=และ)|(?<=กับ)|(?<=ระหว่าง)|(?<=โดย)|(?<=มี)|(?<=ด้วย)|(?<![\u0e00-\u0e7fA-Za-z]))(" + _HONORIFIC_TH + r"(?:\s?" + _HONORIFIC_TH + r")*\s?"
                      r"(?:[\u0e00-\u0e7f]{2,25}|[A-Z][a-z]+)(?:\s+(?:[\u0e00-\u0e7f]{2,30}(?:-[\u0e00-\u0e7f]{2,20})?|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)))")
_TITLE_TH = re.compile(
    r"\s*,?\s*((?:รักษาการ(?:ใน)?(?:ตำแหน่ง)?\s?)?(?:รอง|ผู้ช่วย)?(?:นายกรัฐมนตรี|รัฐมนตรี|ปลัด|อธิบดี|ผู้ว่าการ|ผู้ว่าราชการ|เอกอัครราชทูต|อัครราชทูต|กงสุลใหญ่|อธิการบดี|คณบดี"
    r"|เลขาธิการ|ประธาน|ผู้อำนวยการ|ผู้จัดการ|กรรมการ(?:และ)?ผู้จัดการ|กรรมการผู้อำนวยการ|กรรมการผู้มีอำนาจ|อัยการ|จเร|ผู้บัญชาการ|ผู้บริหาร|นายกเทศมนตรี|นายกองค์การ|นายกสมาคม"
    r"|นายก(?:\S{0,12}สภา|สภา)"
    r"|ผู้แทน|หัวหน้า|ผู้บัญชาการ|ผอ\.|ปล\.|ออท\.|รมว\.|รมช\.|ผวจ\.|Minister|Ambassador|President|Governor|Chairman|CEO|Dean"
    r"|Director|Secretary|Permanent Secretary)"
    r"[^\n]{0,90}?)(?=\s+(?:และ|ได้|ร่วม|เป็น|กับ|ลงนาม|พร้อม|โดย|ณ|ซึ่ง|ที่|ใน|เพื่อ|ตลอดจน|ต่าง|ทั้ง|กล่าว|เปิดเผย|ให้|มอบ|อีกทั้ง)"
    r"|\s+" + _HONORIFIC_TH + r"|\s{2,}|\s*[(,“\"]|$)")
_MORE_NAME = re.compile(r"(?:\s[\u0e00-\u0e7f]{2,25}){1,2}(?=\s)")
_JOIN = re.compile(r"^\s*(?:\([^)]{0,40}\))?\s*(?:ในฐานะ[^\s,(]{2,60}\s*(?:\([^)]{0,40}\))?)?(?:,|และ|พร้อมด้วย|\s)*\s*$")   # "A ปลัด... ในฐานะประธาน..., B ..."
# the rest of a title, its unit and organisation, before "พร้อมด้วย": "เรืออากาศเอก A รองกรรมการผู้อำนวยการใหญ่
# (สายงาน...) บริษัท ท่าอากาศยานไทย จำกัด (มหาชน) (AOT) พร้อมด้วยนาย B ... ร่วมลงนาม"
_JOIN_WITH = re.compile(r"^\s*(?:(?:\([^()]{1,60}\)|(?!\S*(?:ลงนาม|กล่าว|เปิดเผย|ว่า|ซึ่ง|โดย|เป็น|ได้|ประธาน|พยาน|เกียรติ|ต้อนรับ))"
                        r"(?:(?!พร้อมด้วย)[^\s()]){1,40}+)\s*){0,8}พร้อมด้วย\s*$")   # possessive: no backtracking
# the verb may follow the title's last word after its abbreviation: "... รองผู้จัดการ ธ.ก.ส. ( ธ.ก.ส ) สำนักงานใหญ่ เข้าร่วมลงนาม",
# "... ผู้อำนวยการ... (ส.ส.ท.) เป็นผู้ลงนาม", "... (สนว.) จึงได้ลงนาม"
_SIGN_AFTER = re.compile(r"^\s*(?:(?:\([^)]{0,80}\)\s*){1,3}(?:[^\s(]{1,20}\s+)?)?(?:ในฐานะ[^\s(]{2,60}\s*(?:\([^)]{0,40}\)\s*)?)?(?:จึง)?(?:ได้)?(?:เข้า)?(?:ร่วม)?(?:กัน)?(?:ร่วมพิธี)?(?:เป็นผู้)?ลงนาม(?!\S{0,20}ในฐานะ(?:สักขี)?พยาน)|^\s*(?:\([^)]{0,40}\)\s*)?กล่าว(?:ภาย)?หลัง(?:การ)?ลงนาม|^\s*(?:ได้)?(?:ร่วม)?เป็นผู้ลงนาม"
                         r"|^\s*เป็น(?:ตัวแทน|ผู้แทน)\S{0,30}?(?:ในการ)?ลงนาม|^\s*,?\s*(?:have\s+|has\s+)?signed\b"
                         # the title's last words before the verb: "ประธานสมาคม...  ในพระบรมราชูปถัมภ์ เป็นผู้ลงนาม"
                         # (not a speaker's "... เปิดเผยว่า กรม A ได้ร่วมลงนาม")
                         r"|^\s*(?:(?!\S*(?:กล่าว|เปิดเผย|ว่า|ประธาน|พยาน|เกียรติ|ร่วมงาน))[^\s(]{2,30}\s+){1,2}(?:ได้)?(?:ร่วม)?(?:เป็นผู้)?ลงนาม"
                         r"(?!\S{0,20}ในฐานะ(?:สักขี)?พยาน)")
# a long role the signer holds ("ในฐานะประธานกรรมการบริหาร..."), with its abbreviations, then the verb
_ROLE_THEN_SIGN = re.compile(r"^\s*(?:\([^)]{0,40}\)\s*)?ในฐานะ[^\s(]{2,120}(?:\s+[^\s(]{1,12})?\s*(?:\([^)]{0,60}\)\s*)?(?:ได้)?(?:ร่วม)?ลงนาม"
                             r"(?!\S{0,20}ในฐานะ(?:สักขี)?พยาน)")
_HELD_ROLE = re.compile(r"ในฐานะประธาน(?=กรรมการ|สมาคม|สภา|คณะ|กลุ่ม|มูลนิธิ|เจ้าหน้าที่)")
_WITNESS = re.compile(r"ประธาน|สักขีพยาน|เป็นเกียรติ|ต้อนรับ|กล่าว|เข้าร่วม|เยี่ยม|มอบ|presid|witness", re.I)


def _presides(role: str) -> bool:
    """Whether the words of a role (``ในฐานะ...``) make one a chair or a witness of the ceremony, a chair of a body the
    signer heads ("ในฐานะประธานกรรมการบริหาร...") set aside."""
    return bool(_WITNESS.search(_HELD_ROLE.sub(" ", role)))

# "ลงนาม ... ระหว่าง นาย A" and "ลงนาม ... ระหว่างกรม A โดยนาย B อธิบดี... และ กรม C โดยนาย D อธิบดี..."
# (not "ระหว่าง A กับ B โดยมี นาย C ...": those are most often the guests)
_SIDES = re.compile(r"(?:ระหว่าง|กับ|between|with)\s*$|(?:ระหว่าง|และ|กับ)\s*[^\s]{3,60}(?:\s[^\s()]{2,30}){0,4}(?:\s*\([^()]{1,20}\))?\s*โดย\s*$", re.I)
# the other side of a signing written "A โดย นาย ก ... ร่วมกับ B (บสส.) หรือ SAM โดย นาง ข ... ร่วมลงนาม": both sign
# (``_joins_sides``: "ร่วมกับ", "และ" or "กับ", then at most 8 pieces of up to 60 non-space characters
# naming the side, then "โดย"; a word holding "ลงนาม", "ประธาน", ... ends the group)
_SIDES_OPEN = re.compile(r"\s*(?:ร่วมกับ|และ|กับ)\s*")
_SIDES_BAR = re.compile(r"ลงนาม|ประธาน|พยาน|กล่าว|เกียรติ|โดยมี")
SIDE_PIECES, PIECE_CHARS = 8, 60
# "นาง ข รองกรรมการผู้จัดการ ซึ่งได้รับมอบหมายจาก นาย ค กรรมการผู้จัดการ ร่วมลงนาม": ค delegated, ข signed
_DELEGATED_BY = re.compile(r"(?:ได้รับ)?มอบ(?:หมาย|อำนาจ)(?:จาก)?\s*$|(?<!ลงนาม)แทน\s*$")
_GUESTS = re.compile(r"โดยมี|ทั้งนี้มี")
# "ได้มีพิธีลงนามบันทึกข้อตกลงความร่วมมือ<name> โดยนาย A ปลัด... ศ.ดร. B รองอธิการบดี... และนาย C นายก...": the people
# right after "โดย" that ends the signing of an agreement named after the verb sign it (not "โดยมี": guests)
_SIGNED_BY = re.compile(r"ลงนาม\S{0,12}?(?:" + ANY_KIND.pattern + r"|ความร่วมมือ|ความเข้าใจ)(?:(?!ลงนาม|โดย|ประธาน|พยาน|เกียรติ|กล่าว|ว่า|ซึ่ง|[.!?]).){0,250}\sโดย\s*$",
                        re.I)
_CHAIR_TITLE = re.compile(r"เป็นประธาน|ประธานในพิธี|สักขีพยาน|เป็นเกียรติ|เป็นพยาน")
_SIGNING = re.compile(r"ลงนาม|\bsign(?:ed|ing)\b", re.I)
_NOT_DONE = re.compile(r"จะ(?:มี|ได้)?(?:การ)?(?:ร่วม)?(?:พิธี)?ลงนาม|กำหนด\S{0,8}ลงนาม|(?:อนุมัติ|เห็นชอบ)(?:ให้|การ(?:ลงนาม|จัดทำ)|ร่าง|และ)"
                       # "มอบหมายให้ X เป็นผู้ลงนาม" is an authorisation; "ได้รับมอบหมายให้ ..." and "มอบหมายให้ X ร่วมพิธีลงนาม" report a signing
                       r"|(?<!ได้รับ)มอบหมายให้(?![^\n]{0,150}?ร่วม(?:พิธี)?ลงนาม)|มอบอำนาจ|ร่างบันทึก|ร่างความตกลง"
                       r"|\bwill\s+(?:be\s+)?sign|\bto\s+be\s+signed|\bauthori[sz]ed|\bdraft\b", re.I)
# ... but a body's head who says that today he "ได้มอบหมายให้" X to sign reports a signing made: "กล่าวว่า วันนี้
# (25 ก.พ.65) ได้มอบหมายให้ นางสาว ก ปลัดกระทรวง... ลงนามความร่วมมือ..." (not in a cabinet decision, which authorises)
_DELEGATED_TODAY = re.compile(r"วันนี้[^\n]{0,80}?ได้มอบหมายให้$")
CABINET = re.compile(r"ครม\.|คณะรัฐมนตรี|\bcabinet\b", re.I)   # also what extract reads a cabinet's decision by


def _not_done(sentence: str) -> bool:
    """Whether ``sentence`` tells of a signing still to come or only authorised (``_NOT_DONE``)."""
    for m in _NOT_DONE.finditer(sentence):
        if not (m[0] == "มอบหมายให้" and _DELEGATED_TODAY.search(sentence, 0, m.end())
                and not CABINET.search(sentence)):
            return True
    return False


# "Mr. X, Minister of ..., and Ms. Y, Ambassador ..., signed"
_SIGNATORY_EN = re.compile(
    r"\b((?:(?:Assoc\.|Asst\.)\s+)?(?:Prof\.\s+)?(?:Mr|Ms|Mrs|Dr|H\.E\.)\.?\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2}),\s+(?:the\s+)?"
    r"((?:Deputy\s+)?(?:Prime\s+)?(?:Minister|Ambassador|Permanent Secretary|Director[- ]General|President|Governor"
    r"|Secretary[- ]General|Chairman|Dean)[A-Za-z ,'’&\-]{0,80}?(?:\s*\([A-Za-z ]{2,20}\))?)(?=[,.;]|\s+and\b|\s+(?:signed|on|at|for)\b)")
MAX_SIGNATORIES = 6   # in each language
SURE = 0.75   # about 9 in 10 right on a sample of 2020-2022 articles (read by hand)


def _joins_sides(gap: str) -> bool:
    """Whether ``gap``, between two people, joins the second to the first's signing side: "A โดย
    นาย ก ... ร่วมกับ B (บสส.) หรือ SAM โดย นาง ข". The pattern
    ``^\\s*(?:ร่วมกับ|และ|กับ)\\s*(?:(?!\\S*BAR)[^\\s]{1,60}\\s*){1,8}โดย\\s*$`` as a
    function: as a regular expression it split a long run of Thai (which has no spaces) into eight
    pieces every possible way before failing (a 216-character gap ran for hours). Each word
    (white-space delimited; the last one with the "โดย" written onto it) takes ceil(length / 60)
    pieces, and none may hold a ``_SIDES_BAR`` word."""
    m = _SIDES_OPEN.match(gap)
    rest = gap[m.end():].rstrip() if m else ""
    if not rest.endswith("โดย"):
        return False
    words = rest.split()
    middle = words[:-1] + ([words[-1][:-len("โดย")]] if len(words[-1]) > len("โดย") else [])
    if not middle or any(_SIDES_BAR.search(w) for w in words):
        return False
    return sum(-(-len(w) // PIECE_CHARS) for w in middle) <= SIDE_PIECES


def _people(sentence: str) -> list[tuple[int, int, str, str]]:
    """(start, end, name, title) of every titled person in ``sentence``, in order."""
    out = []
    for m in _NAME_TH.finditer(sentence):
        if out and m.start() < out[-1][1]:
            continue
        after = sentence[m.end():]
        after = re.sub(r"^\s*\([^)]{0,80}\)", lambda x: " " * len(x[0]), after)   # "(H.E. Mr. ...)"
        t = _TITLE_TH.match(after)
        name = m[1]
        if t is None:   # a name of more words: "นายอะห์หมัด บิน สุไลมาน อัลรอยิฮี (H.E. ...) รัฐมนตรีว่าการ..."
            longer = _MORE_NAME.match(sentence, m.end())
            if re.match(r"\s*(?:,|และ)\s*(?=" + _HONORIFIC_TH + ")", sentence[m.end():]):
                # an untitled member of a list of titled people: "... พลอากาศเอก ก ข และ พลเอก ค ง ผู้อำนวยการ... ร่วมลงนาม"
                out.append((m.start(), m.end(), re.sub(r"\s+", " ", m[1]).strip(), ""))
                continue
            if longer is None or _TITLE_TH.match(longer[0].strip()):
                continue
            after = re.sub(r"^\s*\([^)]{0,80}\)", lambda x: " " * len(x[0]), sentence[longer.end():])
            t = _TITLE_TH.match(after)
            if t is None:
                continue
            name, m_end = m[1] + longer[0], longer.end()
        else:
            m_end = m.end()
        name = re.sub(r"\s+", " ", name).strip()
        out.append((m.start(), m_end + t.end(), name, t[1].strip()))
    return out


def signatories_in(sentence: str) -> list[tuple[str, str, int, int, float]]:
    """(name, title, start, end, confidence) of the people ``sentence`` says signed: 0.75 when a
    signing verb follows them or they are the sides of a signing, 0.65 for the English pattern."""
    if not _SIGNING.search(sentence) or _not_done(sentence):
        return []
    people = _people(sentence)
    groups: list[list] = []
    delegators = set()
    for p in people:   # "A ... และ B ...": one group sharing what follows its last member
        gap = sentence[groups[-1][-1][1]:p[0]] if groups else ""
        if groups and _DELEGATED_BY.search(gap) and "ลงนาม" not in gap:
            delegators.add(p)
            groups[-1].append(p)
        elif groups and (_JOIN.match(gap) or _JOIN_WITH.match(gap) or _joins_sides(gap)):
            groups[-1].append(p)
        else:
            groups.append([p])
    found = []
    for group in groups:
        start, end = group[0][0], group[-1][1]
        nxt = next((p[0] for p in people if p[0] >= end), len(sentence))
        after, before = sentence[end:nxt], sentence[:start]
        verb = _SIGN_AFTER.search(after)
        if verb:
            role = re.search(r"ในฐานะ[^\s(]*", verb[0])   # "(...) ในฐานะประธานสักขีพยานในพิธีลงนาม": presides, does not sign
            signed = not _WITNESS.search(after[:verb.start()]) and not (role and _presides(role[0]))
        elif (role := _ROLE_THEN_SIGN.match(after)) is not None:
            # "นาง B ผู้ช่วยผู้ว่าการ... (กฟผ.) ในฐานะประธานกรรมการบริหารกองทุน... กฟผ. (EGAT ... : CIF) ลงนาม": the role
            # B holds (its "ประธาน" chairs a fund, not the ceremony), then the verb
            signed = not _presides(after[:role.end()])
        else:
            # the last signing word before them: "ในพิธีลงนาม ... โดยมี นาย A ... ลงนามร่วมกับ นาย B"
            sign_before = next(reversed(list(_SIGNING.finditer(before))), None)
            signed = bool(sign_before and (_SIDES.search(before[-100:]) or _SIGNED_BY.search(before[-400:]))
                          and not _GUESTS.search(before[sign_before.end():])
                          and not _WITNESS.search(after[:60]))
        if signed and _CHAIR_TITLE.search(" ".join(p[3] for p in group)):
            signed = False   # "นายกรัฐมนตรีและรัฐมนตรีว่าการกระทรวงกลาโหมเป็นประธานในพิธี": the title ran on into the chair's role
        if signed:
            found += [(p[2], p[3], p[0], p[1], SURE) for p in group if p not in delegators]
    if found:
        found += _speaker_side(sentence, people, found)
    if not found:
        sides_only = not re.search(r"\bsigned\b", sentence, re.I)   # "witnessed the signing of ... between A, ... and B, ..."
        for m in _SIGNATORY_EN.finditer(sentence):
            if sides_only and not re.search(r"\bbetween\b", sentence[:m.start()], re.I):
                continue
            if not _WITNESS.search(sentence[m.end():m.end() + 80]):
                found.append((m[1], m[2].strip(), m.start(), m.end(), 0.65))
    return found


def _speaker_side(sentence: str, people: list, found: list) -> list[tuple[str, str, int, int, float]]:
    """The head of a body who reports that body's signing with a person already found a signatory:
    "นาย A รัฐมนตรีว่าการกระทรวง X กล่าวว่า กระทรวง X ร่วมลงนาม ... กับ ศ.ดร. B รัฐมนตรีว่าการ..." makes A
    the signer of X's side (a minister signs with a minister). Not when the body signed "โดย" one of its
    units or "ร่วมกับ" another body, or with a body rather than a person: then the speaker need not
    have signed ("กระทรวงมหาดไทย โดยกรมการพัฒนาชุมชนได้ร่วมลงนาม")."""
    signed_at = {a for _, _, a, _, _ in found}
    out = []
    for start, end, name, title in people:
        if start in signed_at or not title:
            continue
        m = _SPEAKER_SIGNED.match(sentence, end)
        if m is None or re.sub(r"\s+", "", m["body"]) not in re.sub(r"\s+", "", title):
            continue
        other = next((a for a in sorted(signed_at) if a > m.end()), None)
        if other is not None and _TO_PERSON.fullmatch(sentence[m.end():other]):
            out.append((name, title, start, end, SURE))
    return out


_SPEAKER_SIGNED = re.compile(r"\s*(?:\([^)]{0,40}\)\s*)?(?:กล่าว|เปิดเผย|เผย|แถลง)ว่า\s*"
                             r"(?P<body>(?:กระทรวง|กรม|สำนักงาน)[^\s()]{2,60})\s*(?:\([^)]{0,40}\)\s*)?(?:ได้)?(?:ร่วม)?ลงนาม")
# what lies between the verb and the person signed with: the agreement's name, then "กับ" (no unit or partner body)
_TO_PERSON = re.compile(r"(?:(?!โดย|ร่วมกับ|ประธาน|พยาน)[^\n]){0,300}?\sกับ\s*")


def signatory_facts(facts: list, text: str, sents: list, doc_id: str) -> None:
    """Signatories from the lines of ``sents`` (the sentence cutter often ends a sentence between a
    person's title and the verb that follows it)."""
    seen, lines = set(), []
    for s, e in sents:
        a = start_of_line(text, s)
        b = line_end(text, e)
        if (a, b) not in lines:
            lines.append((a, b))
    for s, e in lines:
        for name, title, a, b, confidence in signatories_in(text[s:e]):
            key = re.sub(r"\s+", "", name)
            thai = bool(re.search(r"[\u0e00-\u0e7f]", key))   # a bilingual release names its signatories twice
            if key in seen or sum(bool(re.search(r"[\u0e00-\u0e7f]", k)) == thai for k in seen) >= MAX_SIGNATORIES:
                continue
            seen.add(key)
            # "ปลัดกระทรวงเกษตรและสหกรณ์ กระทรวงพลังงาน โดยนาย ...": a ministry's head's title ends before the next ministry
            title = re.sub(r"^(\S*กระทรวง\S+)\s+กระทรวง\S+$", r"\1", title)
            countries = countries_in(title)
            value = {"name": name, "title": title, "party": countries[0][0] if countries else None}
            facts.append(F.fact("signatory", value, text[s + a:s + b], doc_id, s, e, confidence))
