"""Agreements as records: facts extracted from document text by rules, linked across documents.

``extract_mentions`` finds the agreements one document reports and their facts, each with the
character offsets of the sentence it came from; ``link`` merges the mentions of all documents
into records (``agreements.json`` of an index version, see docs in README "Agreement records").
Bump ``EXTRACTION_VERSION`` whenever a rule changes: the builder then re-extracts (and only
that) on the next build.
"""
from __future__ import annotations

EXTRACTION_VERSION = 40   # 40: a term after the day it takes effect ("มีผลตั้งแต่วันที่ ... เป็นต้นไป เป็นเวลา 5 ปี"), an English "5-year extension"; 39: two Thai bodies joined by a "และ" written onto them are the subject of a signing ("ธนาคารกรุงไทยและการนิคมอุตสาหกรรมแห่งประเทศไทย (กนอ.) ได้ลงนาม"); 38: signatories whose title ends in two bracketed names ("จำกัด (มหาชน) (AMATA) ลงนาม"), or in one before "กล่าวหลังลงนาม"; 37: a venue keeps the room, floor or building it gives in brackets ("(ห้อง 115)"); 36: a venue stops before a professor's or doctor's title; 35: a venue told before a speaker's "เปิดเผยว่า" that reports the signing is where it was told, not signed; 34: a court is an organisation ("ศาลเยาวชนและครอบครัวกลาง"), a party name ends before "ร่วมมือ", "ร่วมบูรณาการ" ..., a venue runs to 7 words; 33: a venue after "ณ" may be a floor, company, station, temple or court, a number or name may follow its word after a space ("ห้อง 209", "โรงแรม Hotel ..."), "ลงนาม ที่โรงแรม...", and an announcement's venue line under the signing's or its date line; 32: a school, hospital, airport, museum or club is a venue after "ณ"; 31: signatories before "เป็นผู้ลงนาม" or "จึงได้ลงนาม" after their titles abbreviation; 30: signatories with a hyphenated surname or a long role they hold before the verb, not one presiding "ในฐานะประธานสักขีพยาน"; 29: a signing on a schedule or asked for is to come ("will ... witness the signing", "จะ ... | เป็นประธานสักขีพยานในพิธีลงนาม", "ขอความร่วมมือ ... | ในการลงนาม"); 28: a term or end date in a clause cut from its agreement ("| และจะสิ้นสุดในวันที่ ..."); 27: a Thai name is also the kind word then the work it names ("บันทึกความร่วมมือ (MOU) การพัฒนา..."); 26: the rules read no-break and zero-width spaces as spaces; 25: a ministry read with its abbreviation ("กระทรวงอุตสาหกรรม (MOI)") is still that ministry to linking and direct answers; 24: "ให้กับ" opens no party phrase, relations between peoples name no parties, a class of all bodies is none, "จะจัดพิธีลงนาม" is to come, "กรกฏาคม"; 23: parties of a counted list past a joined "เพื่อ", abbreviations written at another mention, a signing not made earlier by a later "โดยที่ผ่านมา" clause, fields after "ว่าด้วยความร่วมมือทาง"; 22: a report of two agreements is cut into two mentions; bulleted lists of areas (20 had the party-slot reader, reverted)

from indexer.agreements.extract import extract_mentions  # noqa: E402
from indexer.agreements.link import build_agreements, link  # noqa: E402

__all__ = ["EXTRACTION_VERSION", "extract_mentions", "link", "build_agreements"]
