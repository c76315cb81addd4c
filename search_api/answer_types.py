"""What kind of answer a question asks for (whether a text holds one: ``indexer.answer_kinds``).

"How long does the MoU last" / "มีอายุกี่ปี" asks for a duration, "when" / "เมื่อไร" for a
date, "how many" / "กี่" for a number. A passage or sentence holding an expression of the
asked-for kind is more likely to answer; ranking and answer-sentence choice give it a small
bonus. Questions of no recognised kind get no bonus at all.
"""
from __future__ import annotations

import re
from functools import lru_cache

from indexer.textnorm import normalize_for_match

QUESTION_KINDS: dict[str, re.Pattern] = {
    "duration": re.compile(r"how long|how many (?:years|months|days)|duration|\blast(?:s|ing)?\b|"
                           r"(?:what|which) (?:period|length of time)|"
                           r"valid for|กี่ปี|กี่เดือน|กี่วัน|นานเท่า|นานแค่|นานไหม|ระยะเวลา|(?<!สูง)อายุ"),   # not the elderly, "ผู้สูงอายุ"
    "date": re.compile(r"\bwhen\b|what date|which date|what year|which year|what day|"
                       r"เมื่อไร|เมื่อไหร่|เมื่อใด|วันที่เท่า|วันไหน|วันใด|ปีใด|ปีไหน|ปีอะไร|พ\.ศ\.ใด|ค\.ศ\.ใด"),
    "count": re.compile(r"how many|how much|number of|จำนวนเท่า|กี่|เท่าไร|เท่าไหร่|เท่าใด"),
}


def question_kind(query: str) -> str | None:
    """The kind of answer ``query`` asks for, or None; duration wins over date over count."""
    norm = normalize_for_match(query)
    for kind, pattern in QUESTION_KINDS.items():
        if pattern.search(norm):
            return kind
    return None


# what a count counts, read from the question (``answer_kind``)
_THAI_COUNT = re.compile(r"กี่\s*([ก-๙a-z]+)")
_ORDINAL = re.compile(r"([ก-๙]+)ที่\s*(?:เท่าไร|เท่าไหร่|เท่าใด)")
# the words an ordinal counts with ("ครั้งที่ 87", "องค์ที่ 22", "อันดับที่ 3"): not "วันที่" (a date),
# "พื้นที่" (an area) or "อยู่ที่" (a value: "ราคาขายอยู่ที่เท่าไหร่")
ORDINAL_WORDS = frozenset(("ครั้ง", "องค์", "คน", "อันดับ", "ลำดับ", "ชุด", "เล่ม", "ระดับ", "รุ่น", "สมัย", "ตอน",
                           "ฉบับ", "รัชกาล", "แทร็ก", "ภาค", "ซีซั่น", "ฤดูกาล", "ข้อ", "บท", "อัลบั้ม", "ชั้น",
                           "ขั้น", "เลข", "สาย", "ปีที่"))
_ENGLISH_COUNT = re.compile(r"how many\s+([a-z][a-z-]+)")
_MONEY = re.compile(r"ค่า|ราคา|วงเงิน|งบ|รายได้|มูลค่า|เงิน|ลงทุน|ทุน|รางวัล|บาท|\b(?:cost|costs|fee|fees|price|budget|"
                    r"worth|value|income|revenue|money|fund|funds|funding|invest\w*|pay|paid|spend|spent|loan|"
                    r"credit|insurance|cover|compensation|salary|wage|wages|baht|dollars?|euros?)\b")
_ASKS_AMOUNT = re.compile(r"เท่าไร|เท่าไหร่|เท่าใด|\bhow much\b")
CURRENCIES = ("บาท", "ดอลลาร์", "ยูโร", "เยน", "หยวน", "ปอนด์", "ริงกิต", "วอน", "baht", "dollar", "usd", "euro",
              "yen", "yuan", "pound")
PEOPLE = ("คน", "ราย", "people", "persons", "person")
_PEOPLE_WORDS = frozenset(("คน", "ราย", "people", "person", "persons", "worker", "workers", "student", "students",
                           "participant", "participants", "farmer", "farmers", "migrant", "migrants", "member",
                           "members", "volunteer", "volunteers", "employee", "employees", "resident", "residents",
                           "visitor", "visitors", "tourist", "tourists", "passenger", "passengers", "patient",
                           "patients", "victim", "victims", "labourer", "labourers", "laborer", "laborers",
                           "inhabitant", "inhabitants", "official", "officials", "officer", "officers"))
_POPULATION = re.compile(r"ประชากร|\bpopulation\b")
_NOT_COUNTED = frozenset(("of", "the", "a", "an", "are", "is", "was", "were", "do", "does", "did", "have", "has",
                          "times", "time", "more", "other", "ที่", "ครั้งที่"))


@lru_cache(maxsize=4096)
def answer_kind(query: str) -> str | None:
    """``question_kind``, a count narrowed to what it counts where the question says: "กี่คน" /
    "how many workers" -> "count:คน|ราย|..." (a number followed by one of those words answers),
    "how much does it cost" / "รายได้เท่าไร" -> a number followed by a currency, "ประชากรเท่าไร"
    -> people, "ครั้งที่เท่าไร" -> "count:^ครั้งที่" ("ครั้งที่ 87": an ordinal's word comes before
    its number; ``indexer.answer_kinds.kind_pattern``). A count of something not named stays "count"."""
    kind = question_kind(query)
    if kind != "count":
        return kind
    units = count_units(query)
    return f"count:{'|'.join(units)}" if units else kind


def count_units(query: str) -> tuple[str, ...]:
    """The words a count the question asks for is written with (see ``answer_kind``); () when it
    names none."""
    from indexer.query_translation import thai_form

    norm = normalize_for_match(query).lower()
    m = _ORDINAL.search(norm)
    if m and (word := (_words(m[1]) or [""])[-1]) in ORDINAL_WORDS:
        # an ordinal is written after its word: the unit is a prefix ("^ครั้งที่", kind_pattern)
        return (f"^{word}ที่",)
    m = _THAI_COUNT.search(norm)
    if m:
        unit = (_words(m[1]) or [""])[0]
        if unit and unit not in _NOT_COUNTED:
            return PEOPLE if unit in _PEOPLE_WORDS else (unit,)
    m = _ENGLISH_COUNT.search(norm)
    if m and m[1] not in _NOT_COUNTED:
        noun = m[1]
        if noun in _PEOPLE_WORDS:
            return PEOPLE + (noun,)
        singular = (noun[:-3] + "y" if noun.endswith("ies") else noun[:-1] if noun.endswith("s")
                    and not noun.endswith("ss") else noun)
        thai = (thai_form(singular) or "").split()
        return tuple(dict.fromkeys([noun, singular] + [w for w in thai if w != singular and not w.isascii()]))
    if _ASKS_AMOUNT.search(norm):
        if _POPULATION.search(norm):
            return PEOPLE
        if _MONEY.search(norm):
            return CURRENCIES
    return ()


def _words(text: str) -> list[str]:
    """The newmm words of ``text`` (no white space)."""
    from pythainlp.tokenize import word_tokenize

    return [w for w in word_tokenize(text, engine="newmm") if w.strip()]
