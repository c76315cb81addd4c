"""Amounts of money an agreement provides: "วงเงิน 8,000 ล้านบาท", "งบประมาณโครงการรวม 15.24 ล้านบาท",
"วงเงินรวม 1.49 ล้านเหรียญสหรัฐ", "เงินต้นรวม 8 พันล้านบาท", "the grant fund (USD1,360,740)",
"(budget US$406,700)", "1,000 million baht".

A release names many sums (last year's loans, a country's trade, the money a film will bring in),
so an amount is read only where the text ties it to the agreement:

- a sentence that names the agreement, or a later sentence of the paragraph that does, or a
  paragraph that opens "ภายใต้ความร่วมมือครั้งนี้" / "under the collaboration";
- a cabinet summary's topic about one agreement (the part after its heading: "Title: ... MOU ...",
  "12. เรื่อง ..."), whose budget or grant is the agreement's;
- the headline of a report of one agreement ("... แก้หนี้ SME ด้อยคุณภาพ เงินต้นรวม 8 พันล้านบาท").

In the last two only words of money given or lent count ("งบประมาณ", "วงเงิน", "ทุน", "เงินต้น",
"grant", "budget", "credit"), not a value ("มูลค่าการค้า"). Each fact keeps its words before the
number (``text``), so a question that asks for the total, the ceiling per borrower or the grant can
be answered with the amount that is that (``search_api.direct_answer``).
"""
from __future__ import annotations

import re

from indexer.agreements import facts as F
from indexer.agreements.kinds import ANY_KIND
from indexer.lines import start_of_line

_NUMBER = r"(\d[\d,]*(?:\.\d+)?)"
_MAGNITUDES = {"หมื่นล้าน": 1e10, "แสนล้าน": 1e11, "พันล้าน": 1e9, "ล้าน": 1e6, "แสน": 1e5, "หมื่น": 1e4}
_THAI_CURRENCIES = {"บาท": "THB", "เหรียญสหรัฐ": "USD", "ดอลลาร์สหรัฐ": "USD", "ดอลลาร์": "USD", "ยูโร": "EUR",
                    "เยน": "JPY", "หยวน": "CNY"}
# money given or lent; "มูลค่า" (a value) and "เป็นเงิน" (comes to) count only beside the agreement's name
_GIVEN_TH = r"วงเงิน|งบประมาณ|จำนวนเงิน|เงินต้น|ทุนสนับสนุน|เงินสนับสนุน|เงินทุน|เงินช่วยเหลือ|เงินลงทุน|ร่วมลงทุน"
_AMOUNT_TH = re.compile(
    rf"(?:({_GIVEN_TH})|((?:สนับสนุน|มอบ|บริจาค)\s?\S{{0,30}}\s?)?มูลค่า|เป็นเงิน)[^\s\d()]{{0,24}}"
    r"(?:\s*(?:รวม|ทั้งสิ้น|ประมาณ|จำนวน|กว่า|ไม่เกิน|สูงสุด))*\s*" + _NUMBER +
    r"\s*(" + "|".join(sorted(_MAGNITUDES, key=len, reverse=True)) + r")?\s*(" +
    "|".join(sorted(_THAI_CURRENCIES, key=len, reverse=True)) + r")")
_AMOUNT_EN = re.compile(
    r"(?:(THB|Bt\.?|Baht|US\$|USD|\$|€|EUR)\s?" + _NUMBER + r"(?:\s*(million|billion))?"
    r"|" + _NUMBER + r"\s*(million|billion)?\s*(baht|US dollars|dollars|euros))(?![\d,])", re.I)
_CURRENCY = {"thb": "THB", "bt": "THB", "bt.": "THB", "baht": "THB", "us$": "USD", "usd": "USD", "$": "USD",
             "us dollars": "USD", "dollars": "USD", "€": "EUR", "eur": "EUR", "euros": "EUR"}
_SCALE = {"million": 1e6, "billion": 1e9}
# English words of money given or lent, in the sentence before the amount
_GIVEN_EN = re.compile(r"\b(?:grants?|budget|fund(?:s|ing)?|credit|loans?|invest(?:s|ed|ment)?|contribut\w*|financ\w*|"
                       r"principal)\b", re.I)
# a paragraph about what the cooperation itself provides, without the agreement's kind word
_CONTEXT = re.compile(r"ภายใต้(?:กรอบ)?(?:ความร่วมมือ|บันทึก)|(?:ความร่วมมือ|บันทึก\S{0,12})(?:ใน)?(?:ครั้ง)?นี้"
                      r"|\bunder\s+the\s+(?:collaboration|cooperation|partnership|MOU|MoU|memorandum|agreement)\b")
LEAD = 40    # characters before a sentence read with it (a giving verb the splitter cut off)
NEAR = 350   # the most characters from the agreement's name, earlier in the paragraph, to an amount of it


def _thai(sentence: str, given_only: bool, lead: str = "") -> list[tuple[dict, str, int]]:
    """The Thai amounts of ``sentence``; ``lead``, the text just before it, may hold the words that
    give a value ("ได้สนับสนุน | โครงการเพชรน้ำหนึ่ง มูลค่า ...": the splitter cuts at the space)."""
    out = []
    for m in _AMOUNT_TH.finditer(lead + sentence):
        if m.start(3) < len(lead) or (given_only and not m[1]) or (m[0].startswith("มูลค่า") and not m[2]):
            continue   # a value ("มูลค่าการค้า") is the agreement's only when given ("สนับสนุน ... มูลค่า")
        value = float(m[3].replace(",", "")) * _MAGNITUDES.get(m[4] or "", 1)
        out.append(({"amount": value, "currency": _THAI_CURRENCIES[m[5]]}, m[0], m.start() - len(lead)))
    return out


def _english(sentence: str, given_only: bool) -> list[tuple[dict, str, int]]:
    out = []
    for m in _AMOUNT_EN.finditer(sentence):
        before = sentence[max(0, m.start() - 80):m.start()]
        if given_only and not _GIVEN_EN.search(before):
            continue
        cur, num, scale = (m[1], m[2], m[3]) if m[1] else (m[6], m[4], m[5])
        value = float(num.replace(",", "")) * _SCALE.get((scale or "").lower(), 1)
        if value < 1000:
            continue   # "$5" of a fee, "THB 2" of a rate: not what an agreement provides
        # the words before it, as written, from the start of their sentence or 40 characters back
        words = sentence[max(0, m.start() - 40):m.end()].rsplit(". ", 1)[-1].strip()
        out.append(({"amount": value, "currency": _CURRENCY[cur.lower()]}, words, m.start()))
    return out


def _amounts(sentence: str, given_only: bool, lead: str = "") -> list[tuple[dict, str, int]]:
    return _thai(sentence, given_only, lead) or _english(sentence, given_only)


def _named_amounts(text: str, s: int, e: int) -> list[tuple[dict, str, int]]:
    """The amounts of the sentence ``text[s:e]`` that the agreement's name ties to it: in the sentence
    that names it, in a paragraph about the cooperation, or at most ``NEAR`` characters after a name
    earlier in the paragraph."""
    sentence, line_start = text[s:e], start_of_line(text, s)
    lead = text[max(line_start, s - LEAD):s]
    if ANY_KIND.search(sentence) or _CONTEXT.search(text[line_start:e]):
        return _amounts(sentence, False, lead)
    names = [m.end() for m in ANY_KIND.finditer(text, max(line_start, s - NEAR), s)]
    return [a for a in _amounts(sentence, False, lead) if s + a[2] - names[-1] <= NEAR] if names else []


def amount_facts(facts: list[dict], text: str, sents: list[tuple[int, int]], doc_id: str,
                 single: bool, topic: bool) -> None:
    """Append the amounts of the mention whose sentences are ``sents`` to ``facts``. ``single``: they
    report one agreement, so its headline speaks of it; ``topic``: they are a cabinet summary's topic
    about that one agreement (after its heading), so its budget or grant is the agreement's."""
    seen = set()
    for s, e in sents:
        found = _named_amounts(text, s, e)
        if not found and (topic or (single and start_of_line(text, s) == 0)):
            found = _amounts(text[s:e], True)
        elif not topic:
            found = found[:1]   # the first sum of a sentence about the agreement is its own
        for value, words, _ in found:
            key = (value["amount"], value["currency"])
            if key not in seen:
                seen.add(key)
                facts.append(F.fact("amount", value, words, doc_id, s, e, 0.7))
