"""A list of parties the sentence cutter split: "... ระหว่างสำนักงานปลัดกระทรวง ก" | "สำนักงาน ข
สำนักงาน ค และสำนักงาน ง ...".

The CRF cutter reads the space between two Thai names as a sentence end, so the parties of an
agreement ("between A, B, C and D") often land in two pieces, and the piece a question about the
parties is answered from holds only some of them. :func:`continues_list` says when a piece goes
on with the list the piece before it opened: the one before names a first party right after
"ระหว่าง" (between) and has not closed the list ("และ" / "กับ" after a space, or what follows a
list: "ว่าด้วย", "เพื่อ", "ในการ"), and the next one starts with a party, or "และ" and a party,
and closes the list within ``LIST_END_CHARS``. Rules written on the 2020-2022 releases of the
thaigov archive (23 joins there, all of them split party or signatory lists).
"""
from __future__ import annotations

import re

# what a party or its signer starts with: a body, a title, a person's honorific
_PARTY = (r"(?:สำนักงาน|สำนัก|กระทรวง|กรม|มหาวิทยาลัย|บริษัท|บมจ\.|สถาบัน|ธนาคาร|องค์การ|องค์กร|สมาคม|สภา|"
          r"การไฟฟ้า|การประปา|การท่า|การรถไฟ|การกีฬา|ศูนย์|มูลนิธิ|คณะ|จังหวัด|เทศบาล|กองทัพ|กองบัญชาการ|"
          r"ราชวิทยาลัย|โรงพยาบาล|โรงเรียน|หน่วยงาน|รัฐบาล|กลุ่ม|ตลาด|สหกรณ์|วิทยาลัย|กองทุน|ปลัด|รองปลัด|"
          r"อธิบดี|ผู้อำนวยการ|เลขาธิการ|ผู้ว่า|นาย|นาง|ดร\.|พล\.)")
_OPENS = re.compile(r"ระหว่าง\s?" + _PARTY)
_CLOSED = re.compile(r"\s(?:และ|กับ|รวมทั้ง|รวมถึง)\s?\S|ว่าด้วย|เพื่อ|ในการ|โดยมี(?!\s*$)")
_GOES_ON = re.compile(r"(?:และ\s?)?" + _PARTY)
_LAST_ITEM = re.compile(r"\s(?:และ|กับ)\s?" + _PARTY)
OPEN_TAIL_CHARS = 160    # the first party(ies) after "ระหว่าง", at most this long
LIST_END_CHARS = 300     # the next piece closes the list within this many characters


def continues_list(doc_text: str, start: int, end: int, next_start: int, next_end: int) -> bool:
    """Whether the piece ``next_start..next_end`` of ``doc_text`` goes on with a list of parties
    the piece (or unit) ``start..end`` opened and left open."""
    tail_from = max(start, end - OPEN_TAIL_CHARS - len("ระหว่าง") - 2)
    opened = None
    for opened in _OPENS.finditer(doc_text, tail_from, end):
        pass
    if opened is None or _CLOSED.search(doc_text, opened.start() + len("ระหว่าง"), end):
        return False
    if not _GOES_ON.match(doc_text, next_start, next_end):
        return False
    return (doc_text.startswith("และ", next_start)
            or _LAST_ITEM.search(doc_text, next_start, min(next_end, next_start + LIST_END_CHARS)) is not None)
