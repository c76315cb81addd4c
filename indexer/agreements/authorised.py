"""Who is authorised to sign an agreement: the office a cabinet decision names, before any signing.

"Minister of Agriculture and Cooperatives or a representative is authorized as signatory of the
MOU", "Minister of Transport or a representative is authorized to sign the MOU", "authorized Minister
of Commerce or a representative as signatory of the MOU", "อนุมัติให้
รัฐมนตรีว่าการกระทรวงสาธารณสุข เป็นผู้ลงนามในร่างบันทึกความเข้าใจ", "มอบหมายให้อธิบดีกรมส่งเสริมการค้า
ระหว่างประเทศหรือผู้ที่ได้รับมอบหมายเป็นผู้ลงนาม". An office, not a person, and not a signing that
happened: a fact of its own (``authorised_signatory``), never a ``signatory``.
"""
from __future__ import annotations

import re

from indexer.agreements import facts as F
from indexer.lines import line_end, start_of_line

_ROLE_EN = (r"(?:Deputy\s+)?(?:Prime\s+)?(?:Minister|Permanent\s+Secretary|Dir\w{0,3}ctor[- ]General|Secretary[- ]General"
            r"|Ambassador|Governor|President|Chairman|Director|Commissioner|Chief|Head|Dean)\b")
# the office (up to three capitalised words before its role: "Thai Ambassador to Japan ...") and "or a representative"
_OFFICE = r"((?-i:[A-Z][A-Za-z.&-]*\s+){0,3}" + _ROLE_EN + r"[A-Za-z ,'’&()\-]{0,140}?)\s+"
_OR_REPRESENTATIVE = r"(or\s+(?:a|an|his|her|the)\s+(?:[a-z\-]+\s+){0,2}representatives?\s+)?"
_EN = re.compile(r"\b" + _OFFICE + _OR_REPRESENTATIVE + r"(?:is|are|was|were|has\s+been|have\s+been)\s+(?:also\s+)?authori[sz]ed\s+"
                 r"(?:as\s+(?:the\s+|a\s+)?signator(?:y|ies)|(?:the\s+|a\s+)?signator(?:y|ies)|to\s+sign)", re.I)
# the active form of cabinet summaries: "and authorized Minister of Commerce or a representative as signatory of
# the MOU", "approved for Thai Ambassador to Japan ... as signatory", "authorized Deputy Prime Minister X ... to sign"
_EN_ACTIVE = re.compile(r"\b(?:authori[sz]ed|approved\s+for)\s+(?:the\s+)?" + _OFFICE + _OR_REPRESENTATIVE +
                        r"(?:as\s+(?:the\s+|a\s+)?signator(?:y|ies)|to\s+sign)", re.I)
_ROLE_TH = r"(?:รอง)?(?:รัฐมนตรี|ปลัด|อธิบดี|เลขาธิการ|ผู้ว่าการ|เอกอัครราชทูต|ผู้อำนวยการ|นายกรัฐมนตรี|ผู้บัญชาการ|ประธาน)"
_TH = re.compile(r"(?:อนุมัติให้|มอบหมายให้|มอบอำนาจให้(?:แก่)?|และให้)\s*(" + _ROLE_TH + r"(?:(?!หรือ)[^\s()]){0,80}(?:\s?\([^()\s]{1,20}\))?)"
                 r"\s*(หรือผู้(?:ที่)?(?:ได้รับมอบหมาย|[^\s]{0,60}?มอบหมาย(?:ให้)?))?\s*เป็นผู้ลงนาม(?:\s*(ฝ่าย[^\s]{2,20}))?")
SURE = 0.75   # each match read by hand on 2020-2022 cabinet summaries, Thai and English


def authorised_in(line: str) -> list[tuple[str, bool, int, int]]:
    """(office, "or a representative", start, end) of every authorisation to sign in ``line``."""
    out = []
    for m in _EN.finditer(line):
        role = re.sub(r"\s+", " ", m[1]).strip(" ,")
        out.append((role, bool(m[2]), m.start(1), m.end()))
    for m in _EN_ACTIVE.finditer(line):
        role = re.sub(r"\s+", " ", m[1]).strip(" ,")
        if not any(o == role for o, *_ in out):
            out.append((role, bool(m[2]), m.start(1), m.end()))
    for m in _TH.finditer(line):
        out.append((m[1].strip(), bool(m[2]), m.start(1), m.end()))
    return out


def authorised_facts(facts: list, text: str, sents: list, doc_id: str) -> None:
    """``authorised_signatory`` facts from the lines of ``sents``: value ``{office, representative}``."""
    seen = set()
    for s, e in sents:
        a, b = start_of_line(text, s), line_end(text, e)
        if (a, b) in seen:
            continue
        seen.add((a, b))
        for office, rep, x, y in authorised_in(text[a:b]):
            value = {"office": office, "representative": rep}
            if any(f["type"] == "authorised_signatory" and f["value"] == value for f in facts):
                continue
            facts.append(F.fact("authorised_signatory", value, text[a + x:a + y], doc_id, a, b, SURE))
