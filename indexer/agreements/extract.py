"""Agreement mentions of one document: segments, the facts each states, sentence evidence.

A document is cut into segments at topic headings (cabinet summaries list many topics:
``12. เรื่อง ...``, ``Title: ...``); a segment that names an agreement kind is one mention. Facts
come from its sentences by rules that fire only on unambiguous wording (precision over recall):
a date is a signing date only in a sentence that says it was signed (not "will be signed", not
"approved the signing"), a period is the agreement's term only where the sentence speaks of the
agreement or its cooperation, and so on. Each fact carries the offsets of its sentence.
"""
from __future__ import annotations

import datetime as dt
import re

from indexer.agreements import facts as F
from indexer.agreements.amounts import amount_facts
from indexer.agreements.areas import area_facts
from indexer.agreements.authorised import authorised_facts
from indexer.agreements.ministries import ministry_of
from indexer.agreements.signatories import CABINET, signatory_facts
from indexer.agreements.kinds import ANY_KIND, kind_of, name_of
from indexer.agreements.parties import countries_in, organisations_in, with_abbreviation
from indexer.agreements.timeline import durations, explicit_dates, relative_date, until_dates
from indexer.dates import THAI_MONTHS, gregorian_year
from indexer.lines import line_end, start_of_line
from indexer.sentences import SPACE_LIKE
from indexer.textnorm import THAI_DIGITS

_HEADING = re.compile(r"^[ \t]*(?:\d{1,2}\.[ \t]*เรื่อง|Title[ \t]*:|Subject[ \t]*:)", re.M)
_KIND_RANK = {"moc": 0, "mou": 0, "loi": 1, "exchange_of_letters": 1, "agreement": 2}


def _segments(text: str) -> list[tuple[int, int]]:
    starts = [m.start() for m in _HEADING.finditer(text)]
    if not starts:
        return [(0, len(text))]
    bounds = [0, *starts, len(text)] if starts[0] > 0 else [*starts, len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _sentences_of(sentences, a: int, b: int):
    return [(s, e) for s, e in sentences if s >= a and e <= b]


def extract_mentions(doc_id: str, text: str, date: str | None, lang: str,
                     sentences: list[tuple[int, int]] | None = None) -> list[dict]:
    """The agreements ``text`` reports, one dict per mention with its facts.

    ``sentences`` are the (start, end) sentence offsets the index holds for the text; computed
    with the index's splitter when not given. Offsets in the evidence are into ``text``.
    """
    if sentences is None:
        from indexer.sentences import split_sentences
        sentences = split_sentences(text)
    # the rules read a copy with no-break and zero-width spaces as plain ones ("พล.อ.ณัฐ\u200b อินทรเจริญ"): the
    # same length, so every offset found in it holds for ``text``
    text = text.translate(SPACE_LIKE)
    try:
        ref = dt.date.fromisoformat(date) if date and len(date) == 10 else None
    except ValueError:
        ref = None
    out = []
    seg_no = 0
    for a, b in _segments(text):
        for sents in _by_agreement(text, _sentences_of(sentences, a, b)):
            mention = _mention(doc_id, text, sents, ref, lang)
            if mention is not None:
                mention["segment"] = seg_no
                out.append(mention)
            seg_no += 1
    return out


# a paragraph that reports another agreement being signed or renewed ("Furthermore, Thailand has
# renewed its MoU ... with Finland" after a report of the Japan MoC): not history ("earlier")
_NEW_AGREEMENT = re.compile(r"ลงนาม|ต่ออายุ|\b(?:sign(?:ed|s)?|renew(?:ed|s)?|inked)\b", re.I)


def _by_agreement(text: str, sents: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """``sents`` of one segment cut where a line opens with a sentence that reports another
    agreement: another kind of agreement (an MoU after an MoC) signed or renewed with a country
    the part before it did not name. One report of two agreements with no heading between them
    (the bundled corpus's Japan MoC and Finland MoU) is then two mentions, each with its own
    parties, areas and stage; a Thai cabinet summary is cut by its headings already."""
    groups: list[list[tuple[int, int]]] = [[]]
    kinds: set[str] = set()
    countries: set[str] = set()
    for s, e in sents:
        sentence = text[s:e]
        found = kind_of(sentence)
        if found:
            named = {c for c, *_ in countries_in(sentence)} - {"Thailand"}
            if (groups[-1] and kinds and found[0] not in kinds and named and not named & countries
                    and not text[start_of_line(text, s):s].strip()   # it opens its line
                    and _NEW_AGREEMENT.search(sentence) and not _HISTORY.search(sentence)):
                groups.append([])
                kinds, countries = set(), set()
            kinds.add(found[0])
            countries |= named
        groups[-1].append((s, e))
    return [g for g in groups if g]


def _mention(doc_id, text, sents, ref, lang) -> dict | None:
    anchors = []
    for s, e in sents:
        sentence = text[s:e]
        found = kind_of(sentence)
        if found:
            anchors.append((s, e, found[0], found[1]))
    if not anchors:
        return None
    kinds = {k for *_, k, _m in anchors}
    kind = min(kinds, key=lambda k: (_KIND_RANK[k], [x[2] for x in anchors].index(k)))
    if kind == "moc" and "mou" in kinds and not any(
            k == "moc" and _MOC_NAMED.search(m[0]) for *_, k, m in anchors):
        kind = "mou"   # "บันทึกความร่วมมือ ..." that the article also calls an MOU: Thai news's word for an MoU
    if kind == "agreement" and not any(
            re.search(r"บันทึกข้อตกลง|ความตกลง(?:ว่าด้วย|ระหว่าง)|agreement (?:on|between|with)|signed .*agreement",
                      text[s:e], re.I) for s, e, k, _ in anchors):
        return None  # "agreement" alone is too common a word to make a mention
    facts: list[dict] = []
    first = next(x for x in anchors if x[2] == kind)
    facts.append(F.fact("kind", kind, first[3][0], doc_id, first[0], first[1],
                        0.9 if kind != "agreement" else 0.75))
    names, titled = [], []
    for s, e, _k, _m in anchors:
        name = name_of(text[s:e])
        if name and name not in names:
            names.append(name)
            facts.append(F.fact("name", name, name, doc_id, s, e, 0.8))
        about = name_of(text[s:e], subject=False)   # "ว่าด้วย ...": two of them are two agreements
        if about and about not in titled:
            titled.append(about)
    # a headline may cut the name short: a name that begins another is the same agreement
    single = len([n for n in titled if not any(o != n and o.startswith(n) for o in titled)]) <= 1
    fact_sents = sents if single else [(s, e) for s, e, _k, _m in anchors]
    _parties(facts, text, anchors, doc_id, lang, kind, sents)
    signed = _stage_facts(facts, text, fact_sents, doc_id, ref)
    signatory_facts(facts, text, fact_sents, doc_id)
    authorised_facts(facts, text, fact_sents, doc_id)
    _parties_of_signatories(facts, doc_id, lang)
    _term_facts(facts, text, fact_sents, doc_id, ref, signed)
    area_facts(facts, text, anchors, sents, doc_id, lang)
    topic = single and bool(_HEADING.match(text, start_of_line(text, sents[0][0])))   # a cabinet summary's topic
    amount_facts(facts, text, fact_sents, doc_id, single, topic)
    return {"doc_id": doc_id, "kind": kind, "name": names[0] if names else None,
            "date": ref.isoformat() if ref else None, "lang": lang, "facts": facts}


# Parties are read from the phrases that state them, next to the agreement's kind word:
# "ระหว่าง X กับ Y" / "between X and Y", "ร่วมกับ X", the pair "ไทย-เวียดนาม", the subject of
# "X และ Y ได้ลงนาม". Countries named elsewhere in the sentence (earlier agreements, free trade
# areas, lists of partners) are not parties: a cabinet summary that approves an MoU with Vietnam
# and recalls MoUs with Fiji, Korea and Japan has one foreign party, not four.
# not "ระหว่างวันที่ 13 - 15 ธันวาคม", "ระหว่างกัน", "ความสัมพันธ์ระหว่าง..." (relations between), "ความร่วมมือระหว่างประเทศ" (but "ระหว่างประเทศไทยกับ..."), "อยู่ระหว่างดำเนินการ" (in progress), "ในระหว่าง..." (during)
_PARTY_OPEN = re.compile(r"(?<!อยู่)(?<!ใน)(?<!ความสัมพันธ์)ระหว่าง(?!วัน|เดือน|ปี|กัน|ประเทศ(?!ไทย)|นี้|นั้น|ที่|ดำเนิน|รอ|พิจารณา|จัดทำ|\s*\d+\s*[-–])"
                         r"|ร่วมกับ|(?<!relations\s)\bbetween\b", re.I)
# "ลงนาม MoU ... กับ <ผู้แทน/หน่วยงาน>" after the kind word (not "ให้กับ", for: "สร้างรายได้ให้กับผู้ใช้บริการ",
# nor "สอดคล้องกับ", in line with)
_PARTY_WITH = re.compile(r"(?<!ให้)(?<!สอดคล้อง)กับ|\bwith\b", re.I)
_WITNESS = re.compile(r"ประธาน|สักขีพยาน|ให้สัมภาษณ์|นำทีม|presid|witness", re.I)
_PARTY_STOP_TH = re.compile(r"ว่าด้วย|(?<!ธนาคาร)(?<!กองทุน)(?<!มูลนิธิ)(?<!สถาบัน)(?<!ดิจิทัล)เพื่อ|ซึ่ง|ตามที่|โดยมี|ณ\s|ในวันที่|เมื่อ|ภายใต้|ที่จะ|จะมี|มีวัตถุประสงค์|และ(?:อนุมัติ|มอบ|ให้)"
                            r"|[“\"]|\((?:ร่าง)?บันทึก|(?:ร่าง)?บันทึก(?:ความ|ข้อ)|ในการ|ในด้าน|ในสาขา|ลงนาม|ได้รับเกียรติ"
                            # what someone said: "... (LH) โดยนาย ก กรรมการ โดยระบุว่า กระทรวงอุตสาหกรรมกำหนด..."
                            r"|(?:ระบุ|กล่าว|เปิดเผย|เผย|แถลง|ชี้แจง)ว่า")
# "for" ends the parties ("between A and B for ...") unless it is inside a body's name ("the Department for Transport",
# "the Organisation for Economic Co-operation and Development")
_PARTY_STOP_EN = re.compile(r"(?<!Department)(?<!Organisation)(?<!Organization)(?<!Office)(?<!Agency)(?<!Centre)(?<!Center)(?<!Institute)"
                            r"(?<!Council)(?<!Commission)(?<!Coalition)(?<!Alliance)(?<!Fund)\sfor\s(?=[a-z])|"
                            r"\s(?:on|to|regarding|concerning|which|that|in\s+the\s+(?:fields?|areas?)|under|during|at|as|was|were"
                            r"|is|are|will|has|have|had|signed|approved|aimed)\s|(?<!\bCo)(?<!\bLtd)(?<!\bInc)(?<!\bMr)(?<!\bDr)\.(?=\s|$)"
                            r"|[;:“\"]|,\s+(?:which|who|and\s+the\s+(?:MOU|agreement))", re.I)
_PAIR = re.compile(r"(?:ไทย|Thailand|Thai)\s*[-–—]\s*[^\s,()]{2,40}|[^\s,()]{2,40}?\s*[-–—]\s*(?:ไทย|Thailand)\b")
# "ความสัมพันธ์ระหว่างนักลงทุนไทย-ญี่ปุ่น", "นักท่องเที่ยวไทย-จีน": the pair names people of two countries, not parties
_PAIR_OF_PEOPLE = re.compile(r"(?:ความสัมพันธ์\S{0,10}|นักลงทุน|นักธุรกิจ|ผู้ประกอบการ|ประชาชน|นักศึกษา|นักท่องเที่ยว|แรงงาน)\s*$")
_SIGN_VERB = re.compile(r"(?<!การ)(?<!พิธี)(?<!หลัง)(?<!ก่อน)(?:ได้|จะ)?(?:ร่วม)?(?:กัน)?(?:ลงนาม|จัดทำ(?=\S{0,12}(?:บันทึก|MOU|MoU)))|\b(?:signed|inked)\b", re.I)
_JOINED = re.compile(r"\sและ|กับ|\sand\s|\swith\s", re.I)
_HISTORY = re.compile(r"ที่ผ่านมา|ก่อนหน้า(?:นี้)?|เคย|ฉบับเดิม|ฉบับแรก|\bearlier\b|\bpreviously\b|\balready\b|\bformer\b",
                      re.I)
# "เมื่อวันที่ 30 สิงหาคม 2565 ที่ผ่านมา", "เมื่อวันที่ 6 พ.ย. 65 ที่ผ่านมา": the date of this signing, "last <date>",
# not an earlier agreement
_LAST_DATE = re.compile(r"\d{1,2}\s*(?:" + "|".join(re.escape(m) for m in sorted(THAI_MONTHS, key=len, reverse=True))
                        + r")\s*(?:(?:พ\.ศ\.|ค\.ศ\.)\s*)?(?:\d{4}|\d{2})?\s*ที่ผ่านมา")


# a clause after the agreement that turns to what came before it ("ลงนาม MOU ... กับรัฐบาลกัมพูชา โดยที่ผ่านมา
# ทั้งสองประเทศได้มีความร่วมมือ ..."): the cooperation before is earlier, not the agreement
_EARLIER_CLAUSE = re.compile(r"(?:โดย|ซึ่ง)\s?(?:ที่ผ่านมา|ก่อนหน้า(?:นี้)?)|\s(?:so\s+far|in\s+the\s+past)\b", re.I)


def _history(sentence: str) -> bool:
    """The sentence speaks of an earlier agreement ("ที่ผ่านมา", "earlier"), not of a dated one; a clause
    that turns to earlier cooperation after the agreement is named does not count."""
    kind = ANY_KIND.search(sentence)
    if kind is not None:
        later = _EARLIER_CLAUSE.search(sentence, kind.end())
        sentence = sentence[:later.start()] if later else sentence
    return bool(_HISTORY.search(_LAST_DATE.sub(" ", sentence)))
_TITLE_BEFORE = re.compile(r"(?:รัฐมนตรี\S*|ปลัด|อธิบดี|ผู้ว่าการ|เลขาธิการ|ผู้อำนวยการ|ประธาน\S*|ผู้ตรวจราชการ|ผู้แทน"
                           r"|Minister\s+of|Secretary[- ]General\s+of|Director[- ]General\s+of|Governor\s+of)\s*$", re.I)
# a list of the parties announced with their number: "สถาบันการศึกษา 4 แห่ง ได้แก่", "จำนวน 23 หน่วยงาน ประกอบด้วย"
_COUNTED_LIST = re.compile(r"\d{1,2}\s*(?:แห่ง|หน่วยงาน|ธนาคาร|องค์กร|สถาบัน|ราย|ฝ่าย|บริษัท)\s*(?:\S{0,30}\s*){0,2}(?:ได้แก่|ประกอบด้วย)\s*")
# a class of bodies counted in a party phrase ("ระหว่าง กรมการจัดหางาน และสถานประกอบการชั้นนำ 7 แห่ง"), to be found
# listed where the article names its members ("... สถานประกอบการชั้นนำ จำนวน 7 แห่ง ได้แก่ บริษัท A บริษัท B ...")
_COUNTED_CLASS = re.compile(r"(\S{4,40}?)\s*(?:จำนวน\s*)?(\d{1,2})\s*(แห่ง|หน่วยงาน|องค์กร|สถาบัน|บริษัท|ธนาคาร)\s*$")
# the signing bodies listed after the signing ("มีหน่วยงานร่วมลงนาม ประกอบด้วย 2 กลุ่ม คือ 1) ... ได้แก่ กรม A กรม B ...") or
# the counted partners of a signing in a sentence of their own ("ลงนามความร่วมมือกับองค์กรภาคีเครือข่าย 10 สถาบัน ได้แก่ ...")
_SIGNERS_LIST = re.compile(r"หน่วยงาน(?:ที่)?ร่วมลงนาม\S{0,30}\s*(?:ประกอบด้วย|ได้แก่)\s*")
_SIGNED_WITH_COUNTED = re.compile(r"(?<!จะ)(?<!เพื่อ)ลงนาม\S{0,40}?(?:ร่วม)?กับ\s*\S{0,30}?\s*(?:จำนวน\s*)?\d{1,2}\s*(?:แห่ง|หน่วยงาน|องค์กร|สถาบัน|บริษัท|ธนาคาร)"
                                  r"\s*(?:ได้แก่|ประกอบด้วย)\s*")
_FAMILY_OF = {"moc": "mou"}
_MOC_NAMED = re.compile(r"\bMoC\b|memorand(?:um|a) of cooperation", re.I)
_MAX_PARTIES = 24   # a list of more bodies than this is read no further (a 23-body MoU names them all)
_MAX_FOREIGN = 2   # more foreign countries than this in one agreement's phrases: a list, not parties


# in a list announced with its count ("13 หน่วยงาน ... ได้แก่ A B C"), bodies are parted by spaces, so "เพื่อ" ends the
# list only after a space: joined to a word it is inside a name ("องค์การบริหารการพัฒนาพื้นที่พิเศษเพื่อการท่องเที่ยว...")
_LIST_STOP_TH = re.compile(_PARTY_STOP_TH.pattern.replace("(?<!ธนาคาร)(?<!กองทุน)(?<!มูลนิธิ)(?<!สถาบัน)(?<!ดิจิทัล)เพื่อ",
                                                          r"(?<=\s)เพื่อ"))


def _cut(tail: str, listed: bool = False) -> str:
    thai = _LIST_STOP_TH if listed else _PARTY_STOP_TH
    stop = (thai if re.search(r"[\u0e00-\u0e7f]", tail[:40]) else _PARTY_STOP_EN).search(tail)
    return tail[:stop.start()] if stop else tail


def _party_phrases(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """(start, end) in ``text`` of the phrases of sentence ``text[s:e]`` that name the parties of
    the agreement it names (the subject of its signing verb may begin in the sentence before,
    on the same line: "กระทรวงแรงงานไทย | และกระทรวงแรงงานสาธารณรัฐเกาหลี ได้ลงนาม...")."""
    sentence = text[s:e]
    out = []
    other_side = False   # "X ร่วมลงนาม MoU ... กับ Y": then X alone before the verb is a party
    for k in ANY_KIND.finditer(sentence):
        named = re.match(r"\s*(?:เรื่อง|ว่าด้วย)", sentence[k.end():])   # a long name may come first
        # "ระหว่าง" may open the next sentence of the line (the cutter ends a sentence at a space:
        # "... พิธีลงนามบันทึกความเข้าใจ โครงการ... | ระหว่างกรมปศุสัตว์ และธนาคาร...")
        window_end = min(line_end(text, s + k.end()), s + k.end() + (320 if named else 220))
        opened = _PARTY_OPEN.search(text, s + k.start(), min(e, window_end)) \
            or _PARTY_WITH.search(text, s + k.end(), min(e, s + k.end() + 300)) \
            or _PARTY_OPEN.search(text, e, window_end)
        # "X ลงนาม MoU ... ร่วมกับ/กับ Y": X, before the verb, is the other party
        other_side = other_side or (opened is not None and not re.match(r"ระหว่าง|between", opened[0], re.I))
        if opened:   # the list may run on past the sentence cutter's boundary, not past the line
            tail = _cut(text[opened.end():min(line_end(text, opened.end()), opened.end() + 400)])
            # "... ระหว่าง A และ B 2) การจัดทำ ... 3) ...": the summary's next item (not "ประกอบด้วย 1) A 2) B")
            item = re.compile(r"\s\d{1,2}\)\s").search(tail, 5)
            if item and not re.search(r"ประกอบด้วย|ได้แก่|คือ", tail[:item.start()]):
                tail = tail[:item.start()]
            out.append((opened.end(), opened.end() + len(tail)))
        end = line_end(text, s + k.end())
        for m in _COUNTED_LIST.finditer(text, s + k.end(), min(end, s + k.end() + 400)):
            # "สถาบันการศึกษา 4 แห่ง ได้แก่ A B C" (the list may run past the sentence cutter's boundary)
            tail = _cut(text[m.end():min(end, m.end() + 600)], listed=True)
            out.append((m.end(), m.end() + len(tail)))
        for m in _PAIR.finditer(sentence, max(0, k.start() - 80), min(len(sentence), k.end() + 120)):
            if not _PAIR_OF_PEOPLE.search(sentence, max(0, m.start() - 30), m.start()):
                out.append((s + m.start(), s + m.end()))
    verb = _SIGN_VERB.search(sentence)
    if verb and ANY_KIND.search(sentence, verb.end(), verb.end() + 80):
        line_start = start_of_line(text, s)
        lo = max(line_start, s + verb.start() - 200)
        head = text[lo:s + verb.start()]
        told = max([m.start() for m in re.finditer(r"ว่า(?!การ)", head)] + [head.rfind(" that ")])
        # "... disclosed that A, B and C have signed" ("ว่าการ" is of a minister's title)
        said = told if told >= 0 else head.rfind(", ")
        start = lo + (said + (3 if head[said:said + 3] == "ว่า" else 6 if told >= 0 else 2) if said >= 0 else 0)
        subject = text[start:s + verb.start()]
        if (other_side or _JOINED.search(subject) or _joined_bodies(subject)) and not _WITNESS.search(subject):
            out.append((start, -(s + verb.start())))   # negative end: a subject phrase
    return out


# "ธนาคารกรุงไทยและการนิคมอุตสาหกรรมแห่งประเทศไทย (กนอ.) ได้ลงนาม", "อบก.และธนาคารกรุงไทย ได้ลงนาม": two bodies
# joined by "และ" written onto them (many a Thai body's own name holds "และ", so the word alone joins nothing)
_AND_BETWEEN = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?และ\s*")


def _joined_bodies(subject: str) -> bool:
    """Whether ``subject`` names two Thai bodies with only "และ" (and the first one's abbreviation) between them."""
    orgs = sorted(organisations_in(subject, "th"), key=lambda o: o[1])
    return any(_AND_BETWEEN.fullmatch(subject[a[1] + len(a[0]):b[1]]) for a, b in zip(orgs, orgs[1:]))


# what may stand between two parties of one Thai list: connectives, abbreviations in brackets, the
# numbers of a numbered list, people and their titles ("ปลัดกระทรวงA ปลัดกระทรวงB เลขาธิการC"), words
# of a name the reader did not take ("กระทรวง วัฒนธรรม"); a run of other Thai words (a verb, a
# purpose: "... และคณะกรรมการ B สร้างโอกาสลูกค้าเข้าถึงระบบสถาบันการเงิน") ends the list
_GAP_NEUTRAL = re.compile(
    r"\([^()\n]{0,60}\)|(?:นาย|นาง(?:สาว)?|ดร\.|พล\S*|ศ\.|รศ\.|ผศ\.|นพ\.|พญ\.|Mr\.?|Ms\.?)\s?\S+\s+\S+"
    r"|และ|กับ|ร่วมกับ|รวมทั้ง|รวมถึง|ตลอดจน|พร้อมด้วย|หรือ|ได้แก่|ประกอบด้วย|คือ|จำนวน|แห่ง|หน่วยงาน|องค์กร|ในฐานะ"
    r"|รอง|ผู้ช่วย|ปลัด|อธิบดี|เลขาธิการ|ผู้อำนวยการ|ผู้บัญชาการ|ผู้ว่าการ|ผู้ว่าราชการ|ผู้แทน|รักษาราชการแทน|รักษาการ"
    r"|ผู้จัดการ|นายก|ประธาน|กรรมการ|ตำรวจ|กระทรวง|กรม|ส(?:ำ|\u0e4d\u0e32)นักงาน|จังหวัด|จำกัด|มหาชน|\d{1,2}[.)]?")
_GAP_BREAK = re.compile(r"[\u0e01-\u0e4e]{14,}")
_LEAD_CLAUSE = re.compile(r"จะ|โดย|ซึ่ง|เพื่อ|ได้|ให้|ที่")
_GAP_MORE = re.compile(r"ได้แก่|ประกอบด้วย")   # "... และสถานประกอบการภาคเอกชน จำนวน 13 แห่ง ได้แก่ บริษัท ...": the list goes on
# between the last body and the verb: a clause of its own ("... 4,919 ราย โดยการถ่ายโอนภารกิจจะลงนาม"), not a
# description of the signer ("โดย นาง ก. รองกรรมการผู้จัดการ ซึ่งได้รับมอบหมายจาก ...")
_CLAUSE_BEFORE_VERB = re.compile(r"ทั้งนี้|นอกจากนี้|อย่างไรก็ตาม|โดยการ|(?<=\s)เพื่อ|และเพื่อ|(?<![\d.])\d{1,2}\)")
# before a signing verb, a new clause or list item ends the subject ("... จัดตั้งธนาคารขยะ และ 4) บูรณาการ...
# ซึ่งกระทรวงมหาดไทยได้ลงนาม MOU")
_CLAUSE = re.compile(r"ซึ่ง|" + _CLAUSE_BEFORE_VERB.pattern)


def _listed_orgs(phrase: str, lang: str, subject: bool) -> list[tuple[str, int, int]]:
    """The organisations of a party phrase that form one list: in a Thai phrase, those up to the
    first gap that is not a connective ("ระหว่างธนาคาร A (ไอแบงก์) และคณะกรรมการ B สร้างโอกาส...
    ระบบสถาบันการเงิน": A and B); for the subject of a signing verb, those back from the verb."""
    orgs = sorted(organisations_in(phrase, lang), key=lambda o: o[1])
    if not orgs or not re.search(r"[\u0e00-\u0e7f]", phrase):
        return orgs
    masked = phrase
    for _c, x, y in countries_in(phrase):   # "(ATMB/CAAC) สาธารณรัฐประชาชนจีน และบริษัท ..."
        masked = masked[:x] + " " * (y - x) + masked[y:]
    def joined(a, b):
        gap = masked[a[1] + len(a[0]):b[1]]
        if subject:
            return _CLAUSE.search(gap) is None
        return _GAP_MORE.search(gap) is not None or _GAP_BREAK.search(_GAP_NEUTRAL.sub(" ", gap)) is None
    if subject:
        if _CLAUSE_BEFORE_VERB.search(masked[orgs[-1][1] + len(orgs[-1][0]):]):
            return []   # "... พนักงานกระทรวงสาธารณสุข 4,919 ราย โดยการถ่ายโอนภารกิจจะลงนาม": a clause of its own before the verb
        keep = [orgs[-1]]
        for o in reversed(orgs[:-1]):
            if o[1] + len(o[0]) > keep[0][1] or not joined(o, keep[0]):
                break
            keep.insert(0, o)
        return keep
    # the first party follows the opening word ("ระหว่าง", "ร่วมกับ"), not a clause later
    # ("ระหว่าง กระทรวง A โดย กรม B ...": the ministry acting by its department is no party, and no clause)
    lead = _GAP_NEUTRAL.sub(" ", re.sub(r"กระทรวง\S*\s*โดย\s*$", "", masked[:orgs[0][1]]))
    if _GAP_BREAK.search(lead) and _LEAD_CLAUSE.search(lead) and not _GAP_MORE.search(lead):
        return []   # "ระหว่าง กทพ. และ บช.ก. โดย กทพ. จะทำการเชื่อมโยง ... Data Exchange Center"
    keep = [orgs[0]]
    for o in orgs[1:]:
        if o[1] < keep[-1][1] + len(keep[-1][0]):
            keep.append(o)   # overlapping readings of one name are judged as before
            continue
        if not joined(keep[-1], o):
            break
        keep.append(o)
    return keep


_FTA = re.compile(r"ความตกลง|\bagreements?\b", re.I)


def _unabbreviated(org: str, text: str, lang: str) -> str:
    """"กระทรวงดิจิทัลฯ" as the document names it in full elsewhere ("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"),
    when exactly one name there begins the same way; else as written."""
    if not org.endswith("ฯ") or len(org) < 8:
        return org
    head = org[:-1].strip()
    full = {o for o, *_ in organisations_in(text, lang) if o.startswith(head) and not o.endswith("ฯ")}
    return full.pop() if len(full) == 1 else org


def _parties(facts, text, anchors, doc_id, lang, kind, sents=()):
    family = _FAMILY_OF.get(kind, kind)
    countries, orgs = [], []
    for s, e, k, m in anchors:
        sentence = text[s:e]
        if _history(sentence):
            continue
        if _FAMILY_OF.get(k, k) != family and _FTA.fullmatch(m[0]):
            continue   # a free-trade or other "agreement" named beside an MoU
        for a, b in _party_phrases(text, s, e):
            subject, b = b < 0, abs(b)
            phrase = text[a:b]
            for name, x, y in countries_in(phrase):
                countries.append((name, phrase[x:y], s, e))
            for org, x, _y in _listed_orgs(phrase, lang, subject):
                if not (subject and _TITLE_BEFORE.search(phrase[max(0, x - 30):x])):
                    orgs.append((org, s, e, a + x))
            counted = _COUNTED_CLASS.search(phrase)   # "กรมสรรพากร และ บริษัท ... ร่วมด้วยธนาคารอีก 11 ธนาคาร ได้ลงนาม"
            if counted and not _COUNTED_LIST.match(text, a + counted.start(2)):
                cls = re.sub(r"^(?:ร่วมด้วย|ร่วมกับ|และ|กับ)", "", counted[1])   # "ร่วมด้วยธนาคารอีก 11 ธนาคาร": "ธนาคารอีก"
                listed = re.compile(re.escape(cls) + r"\s*(?:จำนวน\s*)?" + counted[2] + r"\s*" + counted[3]
                                    + r"\s*(?:ได้แก่|ประกอบด้วย)\s*")
                for m in listed.finditer(text):
                    tail = _cut(text[m.end():min(line_end(text, m.end()), m.end() + 600)])
                    orgs += [(org, s, e, m.end() + x) for org, x, _y in _listed_orgs(tail, lang, False)]
    orgs += _listed_signers(text, sents, lang)
    foreign = {c for c, *_ in countries if c != "Thailand"}
    if foreign and "Thailand" not in {c for c, *_ in countries}:
        # a Thai ministry or department signing with a foreign party: Thailand is the other side
        thai_body = next((o for o in orgs if re.match(r"กระทรวง|กรม|สำนักงาน|รัฐบาล", o[0])), None)
        if thai_body is not None:
            countries.append(("Thailand", *thai_body[:3]))
    if len(foreign) > _MAX_FOREIGN:
        countries = []
    elif not foreign:   # "แห่งประเทศไทย" in a Thai body's name does not make Thailand a party
        countries = []
    sure = 0.85
    if not countries and not orgs:   # no phrase names the parties: the one partner country the report names
        countries, sure = _partner_named(text, anchors), PARTNER_NAMED
    seen = set()
    for name, words, s, e in countries:
        if name not in seen:
            seen.add(name)
            facts.append(F.fact("party", name, words, doc_id, s, e, sure))
    for org, s, e, at in orgs:
        full = _unabbreviated(org, text, lang)
        if full not in seen and len(full) >= 6 and len(seen) < _MAX_PARTIES:
            seen.add(full)
            value = with_abbreviation(org, text, at) if full == org else full
            facts.append(F.fact("party", value, full, doc_id, s, e, 0.7))


_SIGNED_HERE = re.compile(r"ลงนาม|เซ็น|\bsign(?:ed|s|ing)?\b|\binked\b", re.I)
PARTNER_NAMED = 0.6   # a partner country read from the sentences that name the agreement, not from a party phrase


def _partner_named(text: str, anchors) -> list[tuple[str, str, int, int]]:
    """The foreign country the sentences naming an agreement and its signing name, when they name
    exactly one and no phrase of theirs names the parties: "... เริ่มที่ลาวด้วยการจับมือเซ็น MOU กระทรวงกิจการไปรษณีย์ ...
    สปป.ลาว" and "... หารือกับทาง สปป.ลาว ... และได้ลงนามบันทึกความร่วมมือ (MOU)" are MoUs with Laos."""
    found: dict[str, tuple[str, str, int, int]] = {}
    # a report whose every such sentence tells of an earlier signing is a mention of that agreement when one gives its
    # date ("... เคยได้หารือกับทาง สปป.ลาวเอาไว้เมื่อวันที่ 15 มกราคม 2568 ที่ผ่านมาและได้ลงนามบันทึกความร่วมมือ (MOU)"):
    # that sentence names its partner ("ที่ผ่านมา กระทรวงแรงงานได้ลงนาม...กับกระทรวงแรงงานญี่ปุ่น", undated, names none)
    told = [a for a in anchors if not _history(text[a[0]:a[1]])] or \
        [a for a in anchors if _LAST_DATE.search(text[a[0]:a[1]])]
    for s, e, _k, _m in told:
        sentence = text[s:e]
        if not _SIGNED_HERE.search(sentence):
            continue   # a sentence about an MoU ("แรงงานเมียนมา ... ตาม MOU") names no party; one about its signing does
        for name, x, y in countries_in(sentence):
            if name != "Thailand":
                found.setdefault(name, (name, sentence[x:y], s, e))
    return list(found.values()) if len(found) == 1 else []


_LIST_END = re.compile(r"\s(?:โดย|ซึ่ง|เพื่อ|ทั้งนี้|ที่|ในการ|จะ)|[“\"]")


def _listed_signers(text, sents, lang) -> list[tuple[str, int, int, int]]:
    """The bodies a sentence of the mention lists as the signers ("มีหน่วยงานร่วมลงนาม ประกอบด้วย ...",
    "ลงนามความร่วมมือกับองค์กรภาคีเครือข่าย 10 สถาบัน ได้แก่ ..."), the list read to the end of its line."""
    out = []
    for s, e in sents:
        for pattern in (_SIGNERS_LIST, _SIGNED_WITH_COUNTED):
            m = pattern.search(text, s, e)
            if m is None or _history(text[s:e]):
                continue
            tail = text[m.end():min(line_end(text, m.end()), m.end() + 900)]
            end = _LIST_END.search(tail)   # "เพื่อ" may be in a name
            tail = tail[:end.start()] if end else tail
            # the list is the signers' own (no gap ends it): every body named up to the end of its clause
            out += [(org, s, e, m.end() + x) for org, x, _y in organisations_in(tail, lang)]
    return out


def _parties_of_signatories(facts, doc_id, lang):
    """When the phrases name fewer than two parties, the bodies the signatories sign for ("นาย A
    อธิบดีกรมอุตุนิยมวิทยา ... และ นาย B ประธานเจ้าหน้าที่บริหาร LINE") are the others."""
    # "กองทุนการออมแห่งชาติ (กอช.)" is had by "เลขาธิการคณะกรรมการกองทุนการออมแห่งชาติ" too: compared without its abbreviation
    have = {re.sub(r"(?:\s?\([^()]*\))+$", "", f["value"]) for f in facts if f["type"] == "party"}
    if len(have) >= 2:
        return
    for f in [f for f in facts if f["type"] == "signatory"]:
        for org, _x, _y in organisations_in(f["value"]["title"], lang):
            if org.startswith("กระทรวง") and not f["value"].get("party") and ministry_of(org) is None:
                continue   # a Thai signer's ministry misspelt and cut short: "ปลัดกระทรวงดิทัลเพื่อเศรษฐกิจ..." is no "กระทรวงดิทัล"
            if org not in have and len(org) >= 6 and not any(org in h or h in org for h in have):
                have.add(org)
                ev = f["evidence"][0]
                facts.append(F.fact("party", org, org, doc_id, ev["start"], ev["end"], 0.7))


_APPROVE = re.compile(r"เห็นชอบ|อนุมัติ|\bapproved?\b|\bendorsed?\b", re.I)
# ... "ได้ทำบันทึกความเข้าใจกับมหาวิทยาลัยเพิ่มอีก 3 แห่ง": an MoU made (not "จะทำ", to be made)
_SIGNED = re.compile(r"ลงนาม|ได้(?:ร่วม)?(?:จัด)?ทำ(?=\s*(?:บันทึก|MOU|MoU|ข้อตกลง))|\bsign(?:ed|ing)\b|\binked\b|\bentered into\b", re.I)
_FUTURE_SIGN = re.compile(
    r"(?:จะ(?:มี|ได้|ร่วม|ทำ|เป็น|จัด)?(?:การ|พิธี)?(?:ร่วม)?ลงนาม|กำหนด(?:การ)?(?:จะ)?(?:มี)?(?:การ|พิธี)?ลงนาม|เพื่อ(?:ให้)?(?:มี)?(?:การ)?ลงนาม"
    r"|(?:อนุมัติ|เห็นชอบ|อนุญาต|มอบหมาย|มอบอำนาจ)(?:\S{0,40})?(?:การ)?ลงนาม"
    # a signing prepared or talked about: "การเตรียมลงนาม MOU กับประเทศกัมพูชา", "เพื่อหารือเกี่ยวกับการลงนามMOU ..."
    r"|เตรียม(?:การ|ความพร้อม)?(?:ที่จะ|เพื่อ|สำหรับ)?(?:การ|พิธี)?ลงนาม|หารือ(?:เกี่ยวกับ|เรื่อง|ถึง|ใน)?(?:การ)?ลงนาม"
    # "ให้ ... ลงนาม" asks for a signing; "...ให้เกิดความปลอดภัยโดยในพิธีลงนาม..." (no space) reports one
    r"|ให้(?!เกียรติ)(?!\S*พิธีลงนาม)(?:\S{0,40})?(?:การ)?ลงนาม|ผู้ลงนาม|ก่อนการลงนาม|ก่อนลงนาม|ร่างบันทึก"
    r"|\bapprov\w*\s+(?:the\s+)?(?:\w+\s+and\s+)?signing\b|\bfrom\s+the\s+(?:(?:day|date)\s+(?:of|on)\s+(?:the\s+)?signing|signing\s+date)"
    r"|(?:นับ(?:แต่|จาก)|ตั้งแต่)วัน(?:ที่)?(?:มีการ)?ลงนาม|เมื่อ(?:มีการ|ได้(?:มีการ)?)?ลงนาม|^\s*(?:\d{1,2}\.\s*เรื่อง|Title\s*:|Subject\s*:)|\bwill\s+(?:be\s+)?sign|\bto\s+(?:be\s+)?sign|\bscheduled\b|\bplan(?:s|ned)?\s+to\b|\bsignatory\b|\bauthori[sz]ed?\b"
    r"|\bdraft\b|\bexpected to\b"
    # a schedule: "Both leaders will also exchange views ..., and witness the signing of MOU"
    r"|\bwill\b[^.\n]{0,160}?\bwitness(?:es)?\s+the\s+signing"
    r"|อ้างว่า)", re.I)   # a signing claimed (by a fraudster: "โดยอ้างว่าได้ทำบันทึกความเข้าใจ MOU กับ ...")
# ... also said in the words before the sentence on its line (the cutter parts them at a space): a schedule, "นายกรัฐมนตรี
# จะตรวจเยี่ยม ... | และเป็นประธานสักขีพยานในพิธีลงนาม...", or a request, "ได้ขอความร่วมมือประเทศไทย | ในการลงนามสนับสนุน MOU"
_FUTURE_LEAD = re.compile(r"จะ[^\n]{0,250}?(?<!ได้)(?:เป็น)?ประธาน(?:สักขีพยาน)?ใน(?:พิธี)?(?:การ)?ลงนาม|ขอความร่วมมือ[^\n]{0,40}?ใน(?:การ)?ลงนาม")


def _to_come(text: str, s: int, e: int) -> bool:
    """Whether the sentence ``text[s:e]`` speaks of a signing to come (or asked for), in itself or with the words
    before it on its line."""
    if _FUTURE_SIGN.search(text[s:e]):
        return True
    lo = max(start_of_line(text, s), s - 250)
    return any(m.end() > s for m in _FUTURE_LEAD.finditer(text, lo, e))


_RENEW = re.compile(r"ต่ออายุ|ฉบับใหม่แทน|\brenew(?:ed|al)?\b|extension of (?:the )?mou", re.I)
_AMEND = re.compile(r"แก้ไข(?:เพิ่มเติม)?บันทึก|แก้ไขความตกลง|\bamend(?:ed|ment)\b", re.I)
# the cabinet's standing clause "Should there be an amendment in parts that are not gist ..." amends nothing
_AMEND_BOILERPLATE = re.compile(r"should\s+there\s+be\s+(?:an\s+)?amendment|amend\S*\s+(?:the\s+draft\s+\S+\s+)?in\s+parts?\s+that"
                                r"|not\s+(?:the\s+)?gist|\bas\s+amended\b", re.I)
# an MoU still to be made or signed: "โดยจะจัดทำ MOU ร่วมกัน", "หารือการจัดทำบันทึกความเข้าใจ", "อยู่ระหว่างการจัดทำบันทึก...",
# "เพื่อลงนามใน MOU ... โดยเร็วที่สุด", "จะจัดพิธีลงนามบันทึกความเข้าใจ..." (a signing reported in the same article outranks it)
_PLANNED = re.compile(r"(?:จะ(?:มีการ|จัดพิธี)?|หารือ(?:การ)?|เจรจา(?:การ)?|อยู่ระหว่าง(?:การ)?|เพื่อ)\s*(?:จัดทำ|ลงนาม(?:ใน)?)\s*(?:ร่าง)?"
                      r"(?:บันทึก|ข้อตกลง|MOU|MoU)", re.I)
# a draft approved ("โดยเห็นชอบร่างบันทึกความเข้าใจ...") is past the proposal; asking for it ("เพื่อขอความเห็นชอบร่าง") is not
_APPROVED_DRAFT = re.compile(r"(?:เห็นชอบ|อนุมัติ)(?:ใน)?ร่าง(?:บันทึก|ความตกลง|หนังสือ)", re.I)
_ASKED = re.compile(r"ขอ|เสนอ|เพื่อ|จะ|พิจารณา|เจรจา|ประชุม")   # ... nor negotiators agreeing on a draft
_EXPIRED = re.compile(r"(?:ได้)?สิ้นสุด(?:ลง)?แล้ว|หมดอายุ(?:ลง)?แล้ว|\bexpired\b", re.I)
_PROPOSE = re.compile(r"ร่างบันทึก|ร่างความตกลง|\bdraft\b|เสนอ|\bpropos", re.I)
_PLACE_TH = re.compile(r"(?:ณ\s+|(?:(?<=[).]\s)|(?<=ลงนาม)\s?)ที่\s*(?=ห้อง|อาคาร|ตึก|โรงแรม|หอประชุม|กรม|กระทรวง|สำนักงาน|ศูนย์|(?:มหา)?วิทยาลัย))(?:บริเวณ\s*)?((?:ห้อง|ทำเนียบ|ตึก|อาคาร|กระทรวง|โรงแรม|กรุง|นคร|เมือง|จังหวัด|ศูนย์|สำนักงาน|ทำเนียบรัฐบาล|ศาลาว่าการ|หอประชุม|สถานเอกอัครราชทูต|(?:มหา)?วิทยาลัย|สถาบัน|การนิคมอุตสาหกรรม|กรม"
                       # ... a school, a hospital, an airport, a museum, a club; a floor, a company, a station,
                       # a temple, a court
                       r"|โรงเรียน|โรงพยาบาล|ท่าอากาศยาน|พิพิธภัณฑ์|สโมสร|ชั้น|บริษัท|สถานี|วัด|ศาล|หอ(?!การค้า)"
                       # ... a prison, a temple's hall, a stadium
                       r"|เรือนจำ|(?:พระ)?อุโบสถ|สนาม"
                       # a venue named in Latin letters ("ณ Siam Kempinski Hotel Bangkok")
                       r"|(?=(?:[A-Z][\w'&-]*\s){0,4}(?:Hotel|Building|Cent(?:er|re)|Hall|Tower|Plaza|Resort|Convention)\b)[A-Z])"
                       # its name, or after one space a number or a name ("ห้อง 209 อาคาร...", "โรงแรม Hotel Casa del Mar")
                       r"\s?[^\s(“]{1,60}(?:\s+(?!นาย|นาง|ดร\.|พล|ศ\.|รศ\.|ผศ\.|(?:รอง|ผู้ช่วย)?ศาสตราจารย์|นพ\.|พญ\.|แพทย์|ว่าที่|เนื่อง|ว่า|เมื่อ|โดย|ภายใต้|ตามที่|เพื่อ|และ|ซึ่ง|ใน|พร้อม|จึง|ทั้งนี้|นอกจาก|สำหรับ|ได้|ประกอบ|ร่วม|เป็น|มี|จะ|ที่|ระหว่าง)[^\s(“,]{1,60}){0,6}"
                       # ... and the room, floor or building it gives in brackets ("ณ ห้องประชุมกระทรวงเกษตรและสหกรณ์ (ห้อง 115)")
                       r"(?:\s?\((?:ห้อง|ชั้น|อาคาร)[^()\n]{1,30}\))?)")
# "signed ... in <Place>", but not an "in" of the agreement's subject or purpose ("signed the MOUs on
# Cooperation in Preventing ...", "signed an MOU with X to support entrepreneurs in AMATA Industrial Estate";
# "signed on 3 May in Bangkok" is a venue)
_TOPIC_IN = re.compile(r"\b(?:to|on\s(?!\d|\w+day\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)))\b.*\bin\s", re.S)
_NOT_VENUE = re.compile(r"(?:เอกอัครราชทูต|ประจำ|กงสุล)\s*$")
_PLACE_EN = re.compile(r"\b(?:signed|signing)\b[^.]{0,80}?\b(?:at|in)\s+(?:the\s+)?((?:[A-Z][\w'-]+\s?){1,5})"
                       # "at the Inner Santi Maitri Building, Government House, ... presided over the signing"
                       r"|\bat\s+(?:the\s+)?((?:[A-Z][\w'-]+\s+){0,5}(?:Building|Hall|Room|Hotel|House|Cent(?:re|er)|Palace"
                       r"|Headquarters|Auditorium))\b(?=[^\n]{0,200}?\b(?:signed|signing)\b)")


_TUESDAY = 1   # the cabinet meets on Tuesdays
# the English cabinet synopses' title: "The cabinet met (via a video conference) on August 2, 2022"
_MET_ON = re.compile(r"\bcabinet\s+met\s+(?:via\s+a\s+video\s+conference\s+)?on\s+([A-Z][a-z]+\s+\d{1,2},\s+\d{4})")
# an approval of earlier years ("ในปี 2534 คณะรัฐมนตรีได้มีมติเห็นชอบ", "ตามมติ ครม.") or one still asked for
# ("เสนอ ครม. เพื่อมีมติเห็นชอบ", "เพื่อขอความเห็นชอบจากคณะรัฐมนตรี")
_EARLIER_OR_ASKED = re.compile(r"ที่ผ่านมา|\bhad\b|ได้มีมติ|ตามมติ|(?:ใน|เมื่อ)ปี|เพื่อ(?:ขอ)?(?:มีมติ|ความเห็นชอบ|พิจารณา)|เสนอ|ขอความเห็นชอบ"
                               r"|\bpreviously\b|\bin\s+\d{4}\b", re.I)


# an agreement named as the framework of something else: "(ทำงาน)ตาม MOU", "ภายใต้บันทึกความเข้าใจ", "under the MoU"
_CITED = re.compile(r"(?:ตาม|ภายใต้|\bunder\s+(?:the\s+|this\s+|an?\s+)?|\baccording\s+to\s+(?:the\s+)?)\s*$", re.I)


def cited(sentence: str) -> bool:
    """Whether the sentence's first mention of an agreement names it as the framework of what the
    sentence reports (workers who came under an MoU, measures taken under it), not as its subject."""
    m = ANY_KIND.search(sentence)
    return bool(m and _CITED.search(sentence[max(0, m.start() - 30):m.start()]))


def _approval(text, s, e, ref):
    """For a sentence that reports a cabinet approval: ((iso, words, confidence) or None, start of
    the evidence); None when it reports none. The cabinet may be named in the sentence before it
    on the same line (the cutter ends a sentence at "ครม."), the date anywhere on the line before
    the verb ("วันที่ 3 พฤษภาคม 2565 ... แถลงว่า ที่ประชุม ครม.เห็นชอบ"). With no date written, a
    release dated on a Tuesday that says the cabinet approved (not "had approved" before) reports
    that day's meeting."""
    sentence = text[s:e]
    verb = _APPROVE.search(sentence)
    if verb is None:
        return None
    line_start = start_of_line(text, s)
    head = text[line_start:s]
    cabinet = CABINET.search(sentence)
    if cabinet is None and not CABINET.search(head[-60:]):
        return None
    ahead_end = e + 300 if sentence.rstrip().endswith(":") else min(s + verb.end() + 300, max(e, text.find("\n", e)))
    if not ANY_KIND.search(sentence) and not ANY_KIND.search(text, e, ahead_end):
        return None   # the cabinet approved something else (a budget, a plan, a policy on MoU workers' permits)
    if cited(sentence):
        return None   # ... or what is done under an agreement: "แรงงานที่เข้ามาทำงานตามบันทึกความเข้าใจ"
    if cabinet is not None:
        got = _date_in(sentence, ref, cabinet.start())
        if got:
            return got, s
    before = text[line_start:s + verb.start()]
    if _HISTORY.search(before) or _EARLIER_OR_ASKED.search(before + sentence[verb.start():verb.end() + 10]):
        return None, s
    dates = explicit_dates(before, ref)
    if len(dates) == 1:
        d, a, b, written = dates[0]
        return (d.isoformat(), before[a:b], 0.85 if written else 0.75), line_start
    if not dates and not explicit_dates(sentence, ref):
        met = _MET_ON.search(text, 0, 300)   # "รัฐบาลไทย-...-The cabinet met on August 2, 2022"
        met_dates = explicit_dates(met[1], ref) if met else []
        if met_dates:
            return (met_dates[0][0].isoformat(), met[0], 0.8), s
        if ref is not None and ref.weekday() == _TUESDAY:
            return (ref.isoformat(), "", 0.75), s
    return None, s


# the confidence of an event's date: its year written; its day and month written, its year the release's
# ("17 พฤศจิกายน" in a release of November 2564); relative to the release ("วันนี้", "on Monday")
DATE_WRITTEN, DATE_YEAR_FROM_ARTICLE, DATE_RELATIVE = 0.85, 0.75, 0.7
DATE_YEAR_ALONE = 0.8   # "signed in 2004": below a day written in full, which wins a record's signing date
_SINCE = re.compile(r"(?:ตั้งแต่|นับแต่|\bsince|\bstarting|ข้อมูล\s*ณ|\bas\s+of)\s*(?:วันที่|เมื่อ|on)?\s*$", re.I)


def _date_in(sentence: str, ref, after: int) -> tuple[str, str, float] | None:
    """The date of the event a sentence reports: the first explicit date after ``after`` (or the
    only one), else a relative date; (iso, words, confidence)."""
    dates = explicit_dates(sentence, ref)
    if dates:
        later = [d for d in dates if d[1] >= after - 40]
        d, a, b, written = (later or dates)[0]
        if (len(dates) > 1 and not later) or _SINCE.search(sentence[max(0, a - 16):a]):
            return None   # "ตั้งแต่วันที่ 20 ก.ย.2564 ได้รับ...": a period's first day, no event's
        return d.isoformat(), sentence[a:b], DATE_WRITTEN if written else DATE_YEAR_FROM_ARTICLE
    rel = relative_date(sentence, ref)
    if rel:
        d, a, b = rel
        return d.isoformat(), sentence[a:b], DATE_RELATIVE
    return None


def thai_venue(sentence: str) -> re.Match | None:
    """The first "ณ <venue>" of a Thai sentence (group 1: the venue, "ห้องสีงาช้าง ตึกไทยคู่ฟ้า
    ทำเนียบรัฐบาล"), not an "ambassador at <city>"; None when it names none."""
    return next((m for m in _PLACE_TH.finditer(sentence)
                 if not _NOT_VENUE.search(sentence[max(0, m.start() - 20):m.start()])), None)


_SAID = re.compile(r"(?:เปิดเผย|กล่าว|แถลง|ชี้แจง)(?:ถึง\S{0,30})?ว่า")


# where a venue's words end: a clause after it ("... สำนักงานตำรวจแห่งชาติ สอบถามรายละเอียด...", "... ภายหลังเสร็จสิ้น
# การประชุม...", "... วงเงินสัญญาจ้าง ...", "... : ศูนย์คุณธรรม"), or the city it is in ("... กรุงเทพฯ สำนักงาน คปภ.")
_VENUE_CLAUSE = re.compile(r"\s+(?:วงเงิน|สอบถาม|ภายหลัง|รัฐบาลโดย|ทั้งนี้|:)")
_VENUE_CITY = re.compile(r"(?:^|\s)(?:กรุงเทพฯ|กรุงเทพมหานคร|กทม\.|จ\.\S+)(?=\s(?!ประเทศ))")


def _venue_value(place: re.Match) -> str:
    """The venue a ``thai_venue`` or ``_PLACE_EN`` match names, up to its first comma, a clause or
    its city, without a trailing clause word."""
    value = (place[1] or place[2]).split(",")[0].strip()
    value = value[:m.start()] if (m := _VENUE_CLAUSE.search(value)) else value
    value = value[:m.end()] if (m := _VENUE_CITY.search(value)) else value
    return re.sub(r"\s+(?:ว่า|เมื่อ\S*|โดย\S*)$", "", value)


def _place(facts, text, sents, doc_id, s, e):
    """The venue of the signing: "ณ <venue>" / "signed ... at <venue>" in the signing sentence,
    or in the sentences that continue it on the same line (the cutter often ends the sentence
    before "ณ โรงแรม...")."""
    end = line_end(text, e)
    line_start = start_of_line(text, s)   # the venue may open the line ("At the ... Building, ... signed")
    for a, b in [(line_start, e)] + [(a, b) for a, b in sents if e <= a < end][:6]:
        sentence = text[a:b]
        place = thai_venue(sentence) \
            or next((m for m in _PLACE_EN.finditer(sentence) if not _TOPIC_IN.search(m[0])), None)
        said = _SAID.search(sentence, place.end()) if place else None
        if said and not re.search(r"ลงนาม|\bsign", sentence[:said.start()], re.I):
            continue   # "วันนี้ ณ กรม A นาย B เปิดเผยว่า ... ได้ลงนาม ... เมื่อวันที่ ...": where it was told
        if place:   # surer in the signing sentence, or one that speaks of the ceremony; a venue
            # later on the signing's line is the event's (about 9 in 10 on a 2020-2022 sample)
            sure = a == line_start or re.search(r"ลงนาม|พิธี|สักขีพยาน|\bsign", sentence, re.I)
            value = _venue_value(place)
            if len(value) < 4:
                return
            facts.append(F.fact("place", value, place[0], doc_id, a, b, 0.75 if sure else 0.72))
            return
    # an announcement's venue line, under the signing's or under the date line that follows it:
    # "... ระหว่างสำนักงานศาลยุติธรรมและกระทรวงยุติธรรม | ในวันพฤหัสบดีที่ ๒๑ มกราคม ๒๕๖๔ | ณ ห้องประชุมศาลอาญา ..."
    for _ in range(2):
        a = end + 1
        if a >= len(text):
            return
        end = line_end(text, a)
        place = thai_venue(text[a:end])
        if place and not text[a:a + place.start()].strip():
            value = _venue_value(place)
            if len(value) >= 4:
                facts.append(F.fact("place", value, place[0], doc_id, a, end, 0.72))
            return
        if not _DATE_OPENS.match(text, a):
            return


# the date a signing sentence's line gives after it, the signing's own ("... ร่วมลงนาม เมื่อวันที่ 16 ธันวาคม 2564"):
# within SIGNED_ON_CHARS, no other date or event before it
SIGNED_ON_CHARS = 300
_SIGNED_ON = re.compile(r"(?<!\S)เมื่อวันที่\s*[\d๐-๙]")
_SIGNED_ON_BAR = re.compile(r"จะ|ประชุม|เปิด|มอบ|เยี่ยม|กล่าว|เปิดเผย|ว่า|ต่อมา|ทั้งนี้|นอกจากนี้|ซึ่ง|ที่ผ่านมา|\d{1,2}\)")
# "วันที่ 7 ...", "ในวันพฤหัสบดีที่ ๒๑ มกราคม ๒๕๖๔" (an announcement's line under the signing line)
_DATE_OPENS = re.compile(r"\s*(?:เมื่อ|ใน)?วัน(?:จันทร์|อังคาร|พุธ|พฤหัสบดี|ศุกร์|เสาร์|อาทิตย์)?ที่\s*[\d๐-๙]|\s*on\s+(?:\w+day,?\s+)?(?:\d{1,2}\s+)?[A-Z][a-z]+\s+\d")


# "วันนี้ (20 เมษายน 2565) นายธนกร ... โฆษกประจำสำนักนายกรัฐมนตรี เผยว่า ...": the day opening a line, before a
# spokesperson tells of a signing further on, is the day it was told (not "โฆษก กห. เปิดเผยว่า เมื่อ 5 มี.ค.64 ... ลงนาม")
_TOLD = re.compile(r"โฆษก[^\n]{0,80}?(?:เผย|เปิดเผย|กล่าว|แถลง|ระบุ)ว่า")


# the year alone after a signing ("ได้มีการลงนามบันทึกความเข้าใจว่าด้วย... เมื่อปี 2564", "ลงนามไปแล้ว เมื่อปี พ.ศ. 2547",
# "signed ... in 2017"): an agreement an article recalls, dated by its year only
_SIGNED_YEAR = re.compile(r"(?<!ตั้งแต่)(?:เมื่อ|(?<!ภาย)ใน)\s?ปี\s?(?:พ\.\s?ศ\.\s?|ค\.\s?ศ\.\s?)?([0-9๐-๙]{4})(?![0-9๐-๙])"
                          r"|\bin\s+((?:19|20)\d\d)\b(?!\s*[-–/]\s*\d)")
SIGNED_YEAR_CHARS = 250   # after the signing verb


def _signed_year(sentence: str, at: int, ref) -> tuple[str, str] | None:
    """The year a signing sentence gives its signing after the verb at ``at`` (Buddhist Era
    converted), when it gives no fuller date: (year, words)."""
    m = _SIGNED_YEAR.search(sentence, at, at + SIGNED_YEAR_CHARS)
    if m is None or explicit_dates(sentence, ref):
        return None
    year = gregorian_year(int((m[1] or m[2]).translate(THAI_DIGITS)))
    if not 1950 <= year <= (ref.year if ref else 9999):
        return None
    return str(year), m[0]


def _stage_facts(facts, text, sents, doc_id, ref):
    stages = []  # (rank, stage, date, words, s, e, conf)
    signed_value = None
    signed_year = None   # (year, words, s, e) of the first signing dated by its year alone
    for s, e in sents:
        sentence = text[s:e]
        approval = _approval(text, s, e, ref)
        if approval is not None:
            got, ev_start = approval
            if got and not any(f["type"] == "approved_date" for f in facts):
                facts.append(F.fact("approved_date", got[0], got[1], doc_id, ev_start, e, got[2] - 0.05))
            stages.append((1, "approved", got[0] if got else None, s, e))
        sm = _SIGNED.search(sentence)
        future = _to_come(text, s, e)
        if sm and not future and (sm[0].startswith("ได้") or not ANY_KIND.search(sentence) and \
                re.search(r"ลงนาม(?:ความร่วมมือ|ข้อตกลง)", sentence) and not re.search(r"พิธีลงนาม|ลงนามในพิธี", sentence)):
            # "ลงนามความร่วมมือ ... ระหว่าง A และ B" in an article whose other lines name the kind, "กรม A ได้ทำบันทึก
            # ข้อตกลง ... กับ B": a signing, but the date in the sentence may be of another event ("วันนี้ (24 ก.ค.)
            # โฆษก ... เปิดเผยว่า ... นำไปสู่การลงนามความร่วมมือ"); a year right after the signing is its own
            if signed_year is None and ANY_KIND.search(sentence) and (year := _signed_year(sentence, sm.start(), ref)):
                signed_year = (*year, s, e)
            stages.append((2, "signed", None, s, e))
        elif sm and not future and (ANY_KIND.search(sentence) or
                                                           re.search(r"พิธีลงนาม|ลงนามในพิธี|ceremony", sentence, re.I)):
            got = _date_in(sentence, ref, sm.start())
            ev_start = s
            if got is None:  # "วันนี้ (7 พฤศจิกายน 2565) ... ร่วมลงนาม": the date opens the line
                line_start = start_of_line(text, s)
                line_start += len(text[line_start:s]) - len(text[line_start:s].lstrip())
                head = text[line_start:s]
                if head and len(explicit_dates(head, ref)) == 1 and not CABINET.search(head) \
                        and not _TOLD.search(head, explicit_dates(head, ref)[0][2]):
                    got = _date_in(head, ref, 0)
                    ev_start = line_start
            if got is None:
                nxt = next(((a, b) for a, b in sents if e <= a < e + 3), None)
                if nxt and _DATE_OPENS.match(text, nxt[0]) and len(explicit_dates(text[nxt[0]:nxt[1]], ref)) == 1:
                    got = _date_in(text[nxt[0]:nxt[1]], ref, 0)
            if got is None:   # "... พิธีลงนามบันทึกความเข้าใจ ... ระหว่าง A และ B | เมื่อวันที่ 27 เมษายน 2565 ณ ...": later on its line
                rest = text[e:min(line_end(text, e), e + SIGNED_ON_CHARS)]
                on = _SIGNED_ON.search(rest)
                if on and not explicit_dates(rest[:on.start()], ref) and not _SIGNED_ON_BAR.search(rest[:on.start()]):
                    got = _date_in(rest[on.start():], ref, 0)
                    ev_start = s
            if got and signed_value is None and (ref is None or got[0] <= ref.isoformat()):
                facts.append(F.fact("signed_date", got[0], got[1], doc_id, ev_start, e, got[2]))
                signed_value = got[0]
            elif got is None and signed_year is None and (year := _signed_year(sentence, sm.start(), ref)):
                signed_year = (*year, s, e)
            if not any(f["type"] == "place" for f in facts) and (got is None or got[0] == signed_value):
                _place(facts, text, sents, doc_id, s, e)   # the ceremony's venue, dated or not
            stages.append((2, "signed", got[0] if got else None, s, e))
        ahead = text[e:min(e + 60, line_end(text, e))]   # "...การต่ออายุ | บันทึกความเข้าใจ"
        if cited(sentence):
            continue   # "ครม. เห็นชอบต่ออายุใบอนุญาตทำงานของแรงงานที่เข้ามาตาม MOU": the permits are renewed, not the MoU
        if _RENEW.search(sentence) and (ANY_KIND.search(sentence) or ANY_KIND.match(ahead.lstrip())):
            stages.append((3, "renewed", None, s, e))
        # the standing clause amends nothing in any of its words ("... and inform the cabinet later of the amendment")
        if _AMEND.search(sentence) and not _AMEND_BOILERPLATE.search(sentence):
            stages.append((3, "amended", None, s, e))
        if _EXPIRED.search(sentence) and ANY_KIND.search(sentence):
            stages.append((4, "expired", None, s, e))
        if (_PROPOSE.search(sentence) or _PLANNED.search(sentence)) and ANY_KIND.search(sentence):
            stages.append((0, "proposed", None, s, e))
            approved = _APPROVED_DRAFT.search(sentence)
            if approved and not _ASKED.search(sentence[max(0, approved.start() - 60):approved.start()]):
                stages.append((1, "approved", None, s, e))   # "(รัฐบาล) เห็นชอบร่างบันทึกความเข้าใจ...": no cabinet word needed
    if not any(f["type"] == "place" for f in facts):
        _dated_venue(facts, text, sents, doc_id)
    if not any(f["type"] == "place" for f in facts) and signed_value is not None:
        _dateline_venue(facts, text, sents, doc_id, ref, signed_value)
    if signed_value is None and signed_year is not None:   # the year alone ("2004"): no validity is computed from it
        year, words, s, e = signed_year
        facts.append(F.fact("signed_date", year, words, doc_id, s, e, DATE_YEAR_ALONE))
    if stages:
        rank, stage, when, s, e = max(stages, key=lambda x: (x[0], x[2] or ""))
        facts.append(F.fact("stage", stage, text[s:e][:80], doc_id, s, e, 0.7,
                            extra={"date": when} if when else None))
    return signed_value


# "... เข้าร่วมลงนาม ในวันที่ 22 มีนาคม 2564 ณ ห้องบุรฉัตรไชยากร ชั้น 4 กระทรวงพาณิชย์": a signing, its day and its venue in
# one breath, in a sentence that does not name the agreement (a report of one agreement reads all its sentences)
_SIGNED_DATED_AT = re.compile(r"ลงนาม\S{0,12}\s*(?:ใน|เมื่อ)?วัน(?:จันทร์|อังคาร|พุธ|พฤหัสบดี|ศุกร์|เสาร์|อาทิตย์)?ที่\s*[\d๐-๙][^ณ\n]{0,40}(?=ณ)")


# the lead of a release about one event, its day, hour and venue: "วันนี้ (25 ตุลาคม 2565) ที่กรุงโซล สาธารณรัฐเกาหลี ...",
# "เมื่อวันที่ 7 ก.ย. 2565 เวลา 09.30 น. ณ ห้องประชุมชั้น 2 ..."
_DATELINE = re.compile(r"(?:วันนี้|เมื่อวันที่|เมื่อเวลา|วันที่)[^\nณ]{0,70}?(?:เวลา\s*[\d๐-๙]{1,2}[.:][\d๐-๙]{2}\s*น\.?\s*)?(?:ณ|ที่)\s*(?=\S)")


def _dateline_venue(facts, text, sents, doc_id, ref, signed_value):
    """The venue of a release's lead, when the release reports one agreement's signing on the lead's day (its
    date, or the release's own when the lead gives none): the signing is the event it reports."""
    for s, e in sents:
        if start_of_line(text, s) != s:
            continue
        m = _DATELINE.match(text, s)
        if m is None:
            continue
        dates = explicit_dates(text[s:m.end()], ref)
        day = dates[0][0].isoformat() if dates else (ref.isoformat() if ref else None)
        if day != signed_value:
            return   # the lead tells of another day's event
        place = thai_venue("ณ " + text[m.end():line_end(text, m.end())])
        if place and place.start() == 0 and len(value := _venue_value(place)) >= 4:
            # its evidence is the lead's whole line, which tells of the event it places
            facts.append(F.fact("place", value, text[m.end():m.end() + place.end() - 2], doc_id, s, line_end(text, s), 0.7,
                                extra={"lead": True}))
        return


def _dated_venue(facts, text, sents, doc_id):
    for s, e in sents:
        m = _SIGNED_DATED_AT.search(text, s, line_end(text, s))   # its day and venue may run on past the cutter
        if m is None or m.start() >= e or _to_come(text, s, e) or re.search(r"จะ\S{0,12}$", text[max(s, m.start() - 14):m.start()]):
            continue   # ... the verb is in the sentence, and not of a signing to come ("จะเข้าร่วมลงนาม")
        rest = text[m.end():line_end(text, m.end())]
        place = thai_venue(rest)
        if place and place.start() == 0 and len(value := _venue_value(place)) >= 4:
            facts.append(F.fact("place", value, place[0], doc_id, s, m.end() + place.end(), 0.72))
            return


_TERM_CONTEXT = re.compile(r"ความร่วมมือ|มีผล|บันทึก|ความตกลง|ลงนาม|\bmou\b|memorand|agreement|cooperation|"
                           r"\bsign|\bin force\b|\bvalid\b|\bmoc\b", re.I)


# a sentence that begins mid-clause: "... มีผลบังคับใช้ตั้งแต่วันที่ลงนามในบันทึกข้อตกลงความร่วมมือ | และจะสิ้นสุดในวันที่ ...",
# "... ความร่วมมือด้านพาณิชย์อิเล็กทรอนิกส์ระหว่างไทยและจีน | ภายใต้ระยะเวลา 3 ปี"
_CLAUSE_GOES_ON = re.compile(r"\s*(?:จะ|ได้|มี|(?:โดย|ซึ่ง|และ)(?:จะ|มี)|ภายใต้ระยะเวลา)")
_LEAD = 40
_PERSONS_PERIOD = re.compile(r"อนุญาต|ทำงาน|อยู่ใน(?:ราช)?อาณาจักร|พำนัก|\ballowed\s+to\b|\bpermit|\bstay\b|\bwork(?:ers?|ing)?\b", re.I)
# ... nor is the day a permit, a stay or a foreigner's papers end
_PERSONS_UNTIL = re.compile(_PERSONS_PERIOD.pattern + r"|คนต่างด้าว|เอกสาร(?:ประจำตัว|เดินทาง)", re.I)


def _term_facts(facts, text, sents, doc_id, ref, signed):
    found = []  # (sentence, [(type, value, a, b)])
    for s, e in sents:
        sentence = text[s:e]
        follows_term = bool(found) and found[-1][1] <= s and any(t == "duration" for t, *_ in found[-1][2])
        # the splitter may cut a clause from its subject: "บันทึกข้อตกลงความร่วมมือในครั้งนี้ | จะร่วมกัน
        # ดำเนินงานเป็นระยะเวลา 3 ปี": the words just before the sentence name the agreement too
        context = _TERM_CONTEXT.search(sentence) or (
            _CLAUSE_GOES_ON.match(sentence) and _TERM_CONTEXT.search(text[max(0, s - _LEAD):s]))
        if context or follows_term:
            items = [i for i in durations(sentence, "th")   # a worker's permit is not the MoU's term
                     if not _PERSONS_PERIOD.search(sentence[max(0, i[2] - 60):i[2] + 12])]
            if not _TERM_CONTEXT.search(sentence) and not follows_term:   # named just before: the period opens the clause
                items = [i for i in items if i[2] <= _LEAD]
            if not context:  # "โดยจะขยายออกไปอีก 3 ปี" after the term
                items = [i for i in items if i[0] == "extension"]
                if not items:
                    continue
            ext = [i for i in items if i[0] == "extension"]
            if ext:  # "8 ปี แบ่งเป็น ... 5 ปี โดยจะขยายออกไปอีก 3 ปี": the term just before the extension
                items.sort(key=lambda i: (i[0] != "extension", abs(ext[0][2] - i[3])))
            found.append((s, e, items))
    # "five years with an automatic extension of three years": the sentence that states both
    # gives the term; a total stated elsewhere ("for eight years") does not override it
    # (or states the term in the sentence just before the extension's)
    def _with_extension(i):
        kinds = {t for t, *_ in found[i][2]}
        nxt = {t for t, *_ in found[i + 1][2]} if i + 1 < len(found) else set()
        return kinds >= {"duration", "extension"} or ("duration" in kinds and nxt == {"extension"})
    order = sorted(range(len(found)), key=lambda i: not _with_extension(i))
    found = [found[i] for i in order]
    duration = extension = None
    for s, e, items in found:
        sentence = text[s:e]
        for typ, value, a, b in items:
            if typ == "duration" and duration is None:
                duration = value
                facts.append(F.fact("duration", value, sentence[a:b], doc_id, s, e, 0.85))
            elif typ == "extension" and extension is None:
                extension = value
                facts.append(F.fact("extension", value, sentence[a:b], doc_id, s, e, 0.85))
        for d, a, b in until_dates(sentence, ref):
            if _PERSONS_UNTIL.search(sentence[max(0, a - 120):b]):
                continue   # "... ได้รับอนุญาตให้อยู่ในราชอาณาจักร ... ถึงวันที่ 30 มิถุนายน 2563": a worker's permit ends, not the MoU
            if not any(f["type"] == "valid_until" for f in facts):
                facts.append(F.fact("valid_until", d.isoformat(), sentence[a:b], doc_id, s, e, 0.8))
    if signed and duration and "open_ended" not in duration and not any(
            f["type"] == "valid_until" for f in facts):
        from indexer.agreements.timeline import add_period
        periods = [duration] + ([extension] if extension else [])
        end = add_period(dt.date.fromisoformat(signed), *periods)
        evidence = [f["evidence"][0] for f in facts if f["type"] in ("signed_date", "duration", "extension")]
        facts.append(F.fact("valid_until", end.isoformat(), "", doc_id, 0, 0, 0.75, computed=True,
                            evidence=evidence))
