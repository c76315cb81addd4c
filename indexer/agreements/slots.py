"""Bodies in a party slot that the head-word reader does not know, taken from the marks of a name.

``parties.organisations_in`` knows bodies by their head word (กระทรวง, กรม, มหาวิทยาลัย ...).
Articles also name bodies whose head it does not know (``สหกิจคริสเตียนแห่งประเทศไทย``,
``สมัชชาคนจน (สคจ.)``) or by their initials only (``กรมปศุสัตว์ และ ธ.ก.ส.``). Inside a phrase that
names the parties (``ระหว่าง X กับ Y``, ``ร่วมกับ X``), an item is read as a body when it carries a
name's own marks:

- its initials in brackets right after it, the letters of the initials being the first letters of
  its words in order (``การไฟฟ้านครหลวง (กฟน.)``: ก-าร ฟ-ไฟฟ้า น-นครหลวง);
- a national suffix ending it (``...แห่งประเทศไทย``, ``...แห่งชาติ``, ``...ระหว่างประเทศ``);
- or it is initials that the article, or the 2020-2022 archive (``indexer/data/agreement_initials.tsv``,
  made by ``python -m indexer.agreements.learn_initials``), binds to a name in that way.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from indexer.agreements.parties import _BARE_HEAD, organisations_in

INITIALS_FILE = Path(__file__).resolve().parent.parent / "data" / "agreement_initials.tsv"

# Thai initials: "ธ.ก.ส.", "สจล.", "อว.", "กฟผ." (letters only, at least two)
THAI_INITIALS = r"(?:[ก-ฮ]{1,3}\.){1,6}[ก-ฮ]{0,3}|[ก-ฮ]{2,6}\."
_BRACKETED = re.compile(r"\s?\((" + THAI_INITIALS + r")\)")
# prefixes the initials of a body often leave out: "(พม.)" for กระทรวงการพัฒนาสังคมและ..., "(รฟท.)" for การรถไฟแห่งประเทศไทย
_UNLETTERED = ("การ", "กระทรวง", "กรม", "สำนักงาน", "คณะกรรมการ", "คณะ", "กิจการ")
_MAX_SYLLABLES_PER_LETTER = 4   # syllables of the name the initials skip ("และ", "แห่ง", "ประเทศไทย", ...)
# words a body's name does not begin with: a subject or an activity ("ความร่วมมือระหว่างประเทศ", "การค้าระหว่างประเทศ")
_NOT_NAME_START = re.compile(r"^(?:ความ|การ(?!ไฟฟ้า|รถไฟ|ท่า|ประปา|ยาสูบ|นิคม|ท่องเที่ยว|กีฬา|เคหะ|ทาง)|ด้าน|งาน|เรื่อง|ระบบ|นโยบาย|ประเทศ|ภาค|หน่วยงาน|ทุก|ต่าง|ทั้ง"
                             r"|เพื่อ|ใน|ของ|ที่|โดย|ได้|จะ|เป็น|มี|ให้|ซึ่ง|ร่วม|ลงนาม|ตาม|กรอบ|บันทึก|ข้อตกลง|โครงการ|แผน|กิจกรรม|พิธี|นาย|นาง|ดร"
                             # a person's position ("ผู้บัญชาการตำรวจแห่งชาติ", "รองจเรตำรวจแห่งชาติ") or a class of people ("อาสาสมัคร...")
                             r"|ผู้|รอง|ปลัด|อธิบดี|เลขาธิการ|ประธาน|นายก|รัฐมนตรี|รมว|จเร|หัวหน้า|กรรมการ(?!การ)|ที่ปรึกษา|โฆษก|ผบ"
                             r"|อาสาสมัคร|เจ้าหน้าที่|เกษตรกร|ประชาชน|นักเรียน|นักศึกษา|แรงงาน|คน)")
_NATIONAL = re.compile(r"(?<![^\s(+,])(?:ร่วมกับ|กับ|และ)?([ก-ฮเแโใไ][^\s()“”\"'‘’,+]{3,50}?(?:แห่งประเทศไทย|แห่งชาติ|ระหว่างประเทศ))(?=[\s()“”\"'‘’,+]|$)")
# a Thai name glossed by its English one: "พันธมิตรเพื่อโครงสร้างพื้นฐานที่ยืดหยุ่นต่อภัยพิบัติ (Coalition for Disaster Resilient
# Infrastructure: CDRI)", "สหภาพโทรคมนาคมระหว่างประเทศ (International Telecommunication Union: ITU)"
_GLOSSED = re.compile(r"\s?\(((?:The\s+)?[A-Z][^()\n]{3,120})\)")
_EN_BODY = re.compile(r"\b(?:Organi[sz]ation|Union|Coalition|Council|Association|Alliance|Agency|Authority|Institute|Bank|Foundation"
                      r"|Federation|Commission|Society|Network|Company|Corporation|Group|University|Ministry|Department|Office|Chamber|Fund)\b")
_ACTING_BY = re.compile(r"\s*โดย\s*(?:กรม|ส(?:ำ|\u0e4d\u0e32)นักงาน|สถาบัน|องค์การ|(?:[ก-ฮ]{1,3}\.){1,6}[ก-ฮ]{0,3}|[ก-ฮ]{2,6}\.)")
_APPROVES = re.compile(r"\s*(?:ได้)?(?:มีมติ|อนุมัติ|เห็นชอบ)")
_CONNECTIVE = re.compile(r"^(?:ระหว่าง|ร่วมกับ|กับ|และ)")
_ITEM_INITIALS = re.compile(r"(?<![^\s(+,])(?:ร่วมกับ|กับ|และ)?(" + THAI_INITIALS + r"|[A-Z][A-Za-z&]*[A-Z](?:\s[A-Z][A-Za-z]+)?)(?=[\s()“”\"'‘’,+]|$)")


def _first_consonant(word: str) -> str | None:
    m = re.search(r"[ก-ฮ]", word)
    return m[0] if m else None


def _words(run: str) -> list[list[str]]:
    """The words of ``run`` (newmm; a dictionary word may be a whole name: "การท่าเรือแห่งประเทศไทย"),
    each as its syllables."""
    from pythainlp.tokenize import syllable_tokenize, word_tokenize
    return [[x for x in syllable_tokenize(w) if x.strip()] or [w]
            for w in word_tokenize(run, engine="newmm", keep_whitespace=False) if w.strip()]


def name_for_initials(run: str, initials: str) -> str | None:
    """The end of ``run`` (text written right before ``(initials)``) that the initials spell: the
    shortest end, from a word's start, whose syllables begin, in order, with the initials' letters
    (the first letter in its first word, syllables in between allowed), with the prefixes initials
    leave out (การ, กระทรวง, กรม, ...) kept; None when no end does."""
    letters = re.sub(r"[^ก-ฮ]", "", initials)
    run = run.split()[-1] if run.split() else ""
    if len(letters) < 2 or not run or not re.match(r"[ก-๎]", run[-1]):
        return None
    words = _words(run)
    for i in range(len(words) - 1, -1, -1):
        if letters[0] not in {_first_consonant(x) for x in words[i]}:
            continue
        syllables = [x for w in words[i:] for x in w]
        j = 0
        for x in syllables[[_first_consonant(x) for x in words[i]].index(letters[0]):]:
            if j < len(letters) and _first_consonant(x) == letters[j]:
                j += 1
        if j < len(letters):
            continue
        if len(syllables) > _MAX_SYLLABLES_PER_LETTER * len(letters) + 3:
            return None
        # a body's head before the shortest end the initials spell: "สภาผู้ส่งสินค้าทางเรือแห่งประเทศไทย (สรท.)", not "ส่ง..."
        longer = next((k for k in range(i - 1, max(-1, i - 3), -1) if _BARE_HEAD.match("".join(words[k]))
                       and letters[0] in {_first_consonant(x) for x in words[k]}), None)
        i = i if longer is None else longer
        while i > 0 and "".join(words[i - 1]) in _UNLETTERED:
            i -= 1
        name = "".join("".join(w) for w in words[i:])
        if len(name) < 6 or (_NOT_NAME_START.match(name) and not name.startswith(_UNLETTERED[1:])):
            return None
        return name
    return None


def bindings_in(text: str) -> dict[str, str]:
    """Initials -> name, for every ``name (initials)`` the text writes (the first reading of each)."""
    return dict(_bindings(text))


# Latin initials written after a body's name ("ธนาคารเพื่อการส่งออกและนำเข้าแห่งประเทศไทย (EXIM BANK)", "(SMBC)")
_LATIN_INITIALS = r"[A-Z][A-Za-z&]*[A-Z](?:\s[A-Z][A-Za-z]+)?"
_LATIN_BRACKETED = re.compile(r"\s?\((" + _LATIN_INITIALS + r")\)")


@functools.lru_cache(maxsize=4)
def _bindings(text: str) -> tuple[tuple[str, str], ...]:
    out: dict[str, str] = {}
    if re.search(r"[\u0e00-\u0e7f]", text):
        for name, _a, b in organisations_in(text, "th"):   # a body the head-word reader knows, then its Latin initials
            m = _LATIN_BRACKETED.match(text, b)
            if m and m[1] not in out and not re.fullmatch(r"[A-Z][a-z]+", m[1]) and not _NOT_NAME_START.match(name):
                out[m[1]] = name
    for m in _BRACKETED.finditer(text):
        if m[1] in out:
            continue
        name = name_for_initials(text[max(0, m.start() - 80):m.start()], m[1])
        if name:
            out[m[1]] = name
    return tuple(out.items())


@functools.lru_cache(maxsize=1)
def learned_initials() -> dict[str, str]:
    """Initials -> name as the 2020-2022 archive binds them (one name per initials)."""
    if not INITIALS_FILE.is_file():
        return {}
    out = {}
    for line in INITIALS_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            initials, name, *_ = line.split("\t")
            out[initials] = name
    return out


def slot_bodies(phrase: str, text: str) -> list[tuple[str, int, int, str]]:
    """Bodies of a party phrase read from the marks of their names, as (words as written, start, end
    in ``phrase``, value); initials bound to a body's name have the value ``name (initials)``."""
    out = []
    for m in _BRACKETED.finditer(phrase):   # "สมัชชาคนจน (สคจ.)"
        name = name_for_initials(phrase[max(0, m.start() - 80):m.start()], m[1])
        if name and not _NOT_NAME_START.match(name) and phrase[m.start() - len(name):m.start()] == name:
            out.append((name, m.start() - len(name), m.start(), name))
    for m in _NATIONAL.finditer(phrase):   # "สหกิจคริสเตียนแห่งประเทศไทย"
        name = re.split(r"(?<!กำ)กับ", m[1])[-1]   # "อาเซียนกับสหภาพโทรคมนาคมระหว่างประเทศ": the last of two
        if len(name) >= 8 and not _NOT_NAME_START.match(name) and "ของ" not in name:   # not "...ของกฎหมายและข้อตกลงระหว่างประเทศ"
            out.append((name, m.end(1) - len(name), m.end(1), name))
    for m in _GLOSSED.finditer(phrase):
        chunks = phrase[:m.start()].split()
        if not chunks or not _EN_BODY.search(m[1]) or not re.fullmatch(r"[ก-๎]+", chunks[-1]):
            continue
        name = _CONNECTIVE.sub("", chunks[-1])
        if name == chunks[-1] and len(chunks) > 1 and not re.search(r"(?:และ|กับ|ระหว่าง|[),])$", chunks[-2]):
            continue   # the last word of a longer name ("ธนาคารซูมิโตโม มิตซุย แบงกิ้ง คอร์ปอเรชั่น (Sumitomo ...)")
        if len(name) >= 8 and not _NOT_NAME_START.match(name):
            out.append((name, m.start() - len(name), m.start(), name))
    bound = {**learned_initials(), **bindings_in(text)}
    for m in _ITEM_INITIALS.finditer(phrase):   # "กรมปศุสัตว์ และ ธ.ก.ส. โดย..."
        name = bound.get(m[1])
        before = phrase[:m.start(1)]
        if name is None or before.count("(") > before.count(")") or _APPROVES.match(phrase, m.end(1)):
            continue   # unbound; in brackets, the initials of the name before them; the body that approves ("ครม. อนุมัติ")
        if name.startswith("กระทรวง") and _ACTING_BY.match(phrase, m.end(1)):
            continue   # "กระทรวง พม. โดย พก.": the ministry acting by its department is no party
        head = re.search(r"(?:" + "|".join(_UNLETTERED) + r")\s$", phrase[:m.start(1)])   # "กระทรวง อว."
        start = head.start() if head else m.start(1)
        out.append((phrase[start:m.end(1)], start, m.end(1), f"{name} ({m[1]})" if body_shaped(name) else m[1]))
    return out


def body_shaped(name: str) -> bool:
    """A whole name the head-word reader reads as one body, or one ending in a national suffix: a name
    to show beside its initials (a binding may keep only the end of a longer name: "คนพิการ" for "(พก.)")."""
    return bool(re.search(r"(?:แห่งประเทศไทย|แห่งชาติ)$", name)) or any(
        a == 0 and b == len(name) for _n, a, b in organisations_in(name, "th"))
