"""The fact a question asks for, marked where an agreement record's evidence states it.

"MoU ไทย-ลาว มีอายุกี่ปี" asks for a duration; a hit whose passage holds the evidence sentence of
the duration of a record it reports ("... มีผลบังคับใช้เป็นระยะเวลา 5 ปี ...") marks that unit,
and the duration's own words in it as the span (``span_kind`` "fact"). The facts are the ones a
direct answer would give from that record (``direct_answer.fact_answer``: a side's signer when
the question names the side, an office when it asks who is authorised to sign, no countries when
it asks which agencies), each located in its evidence sentence by its text as extracted (the
signer with title, "ณ <place>", the amount, the date) or its value, or where the passage restates
it (the same text, or a duration or date of the same value). For a list (parties, areas,
signatories) the span runs from the first item located in one unit to the last; the unit holding
most items wins. Only questions about an agreement or its signing are marked this way, and no
counts; a record whose parties leave out a country or body the question names is not used. No
fact found in the passage (or in a sentence its end cuts): no mark, and the answer model's
choice stands (``answer_choice.choose``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from indexer.agreements.timeline import durations, explicit_dates
from indexer.textnorm import normalize_for_match
from search_api.agreements import Agreements, canonical_parties
from search_api.answer_span import match_key
from search_api.direct_answer import MIN_CONFIDENCE, fact_answer, names_parties, question_bodies, question_partners
from search_api.question_fact import ASKS_PLACE, WHEN, question_fact

# the facts of a direct answer that are marked (a duration's answer also reads the signing date,
# which says nothing of how long: only the duration and its extension are marked)
MARKED = {
    "duration": ("duration", "extension"),
    "valid_until": ("valid_until", "duration", "extension"),
    "signed_date": ("signed_date",),
    "approved_date": ("approved_date",),
    "signatory": ("signatory", "authorised_signatory"),
    "place": ("place",),
    "parties": ("party",),
    "area": ("area",),
    "amount": ("amount",),
}
# a question about an agreement or its signing: the records answer no other (the date of a visit,
# the venue of a conference, the country that hosts it are no fact of an agreement the report names)
_AGREEMENT = re.compile(r"\bsign|agree|mou|\bmoc\b|\bloi\b|memorand|\baccord\b|letter of intent|ลงนาม|เซ็น|บันทึก|ข้อตกลง|"
                        r"ความตกลง|ความร่วมมือ|หนังสือแสดงเจตจำนง", re.IGNORECASE)
_THAI = re.compile(r"[\u0e00-\u0e7f]")
# the side a question asks the signer of, named after "for", "on behalf of", "ฝ่าย", "ฝั่ง", "แทน"
_SIDE = re.compile(r"(?:\b(?:for|on behalf of|representing)\s+(?:the\s+)?|ฝ่าย\s?|ฝั่ง\s?|แทน\s?)(\S+(?:\s[A-Z]\w+)?)",
                   re.IGNORECASE)
# a question that asks for a count ("how many ministries signed", "กี่หน่วยงาน")
_COUNT = re.compile(r"\bhow many\b|กี่(?!ปี|เดือน|วัน)")
# the places an English venue lies in, written after it: "at the Ivory Room, Thai Khu Fah Building,
# Government House" (the extractor reads the first name only)
_VENUE_TAIL = re.compile(r",\s*(?:[A-Z][\w'-]*\s){0,4}(?:Building|House|Hall|Room|Hotel|Cent(?:re|er)|Palace|Complex|"
                         r"Tower|Campus|Province|Bangkok)\b")
# a Thai body written with the ministry it belongs to ("กรมวิชาการเกษตร กระทรวงเกษตรและสหกรณ์")
_PARENT_MINISTRY = re.compile(r"\s*กระทรวง[^\s,()]+")
_ARTICLE = re.compile(r"\b[Tt]he\s$")   # "the Thai Meteorological Department": the name's article is its own
# ... and an English one with its country ("Ministry of Post and Telecommunications of the Kingdom of Cambodia")
_OF_COUNTRY = re.compile(r"\s+of\s+the\s+(?:[A-Z][\w'’-]*\s+){0,3}(?:Kingdom|Republic|Federation|State|Union)"
                         r"(?:\s+of(?:\s+[A-Z][\w'’-]*)+)?")
_MINISTRY_LEVEL = re.compile(r"กระทรวง|สำนักนายกรัฐมนตรี")
_SPACES = re.compile(r"\s+")
ECHO_MIN_CHARS = 8   # a fact's text this long found in another unit of the passage is the fact
RUN_ON_CHARS = 300   # how far past the passage's end a fact of a sentence it cuts may lie
_PERIOD = ("years", "months", "days")
_DATES = ("signed_date", "approved_date", "valid_until")
_NAMES = ("party", "place", "signatory", "authorised_signatory")


@dataclass(frozen=True)
class FactMark:
    unit: int           # index of the marked unit among the passage's units
    start: int          # the span, document offsets
    end: int
    confidence: float   # the lowest confidence of the facts marked
    items: int          # facts located in the unit (list items, or a duration and its extension)


@lru_cache(maxsize=4096)
def asked_facts(query: str) -> tuple[str, ...]:
    """The facts ``query`` asks for that a record's evidence can mark (of ``MARKED``): the one
    ``question_fact`` reads, and the signing's place or date too when it asks "when and where";
    none when the question is not about an agreement or asks for a count."""
    fact = question_fact(query, events=True)   # an event's venue or day may be the answer a passage states
    norm = normalize_for_match(query).lower()
    if fact not in MARKED or not _AGREEMENT.search(norm):
        return ()   # a question about another event (a visit's date, a conference's venue or host)
    if _COUNT.search(norm) and fact not in ("duration", "amount"):
        return ()   # a count ("how many ministries signed", "how many areas does it cover")
    other = {"signed_date": ("place", ASKS_PLACE), "place": ("signed_date", WHEN)}.get(fact)
    return (fact, other[0]) if other and other[1].search(norm) else (fact,)


@lru_cache(maxsize=4096)
def _pattern(needle: str) -> re.Pattern | None:
    words = match_key(needle).split()
    return re.compile(r"\s*".join(map(re.escape, words))) if words else None


def _forms(fact: dict) -> list[str]:
    """What a fact may be written as: its text as extracted, then its value's words."""
    forms = [fact.get("text") or ""]
    value = fact.get("value")
    if isinstance(value, str):
        forms.append(value)
    elif isinstance(value, dict):
        forms += [str(value.get(k) or "") for k in ("name", "office")]
    if fact.get("type") == "authorised_signatory":   # its text goes on: "... or a representative as signatory"
        forms.reverse()
    return [f for f in forms if len(f.strip()) >= 2]


def locate(fact: dict, doc_text: str, start: int, end: int) -> tuple[int, int] | None:
    """Document offsets of the first of the fact's forms found in ``doc_text[start:end]``; a
    place runs on over the places it lies in, a party over the ministry or country it belongs
    to, a name over the bracket it opens and back over its article ("the")."""
    key = match_key(doc_text[start:end])
    for form in _forms(fact):
        pattern = _pattern(form)
        m = pattern.search(key) if pattern is not None else None
        if m:
            stop = m.end()
            tails = {"place": [_VENUE_TAIL], "party": [_OF_COUNTRY, _PARENT_MINISTRY]}.get(fact.get("type"), [])
            if _MINISTRY_LEVEL.match(key, m.start()):
                tails = [t for t in tails if t is not _PARENT_MINISTRY]   # the ministry after a ministry is another party
            while more := next((x for t in tails if (x := t.match(doc_text, start + stop, end))), None):
                stop = more.end() - start
            a, b = start + m.start(), start + stop
            article = _ARTICLE.search(doc_text, max(0, a - 5), a) if fact.get("type") in _NAMES else None
            return (article.start() if article else a), _closed(doc_text, a, b)
    return None


def signing_side(query: str) -> set[str]:
    """The countries a question asks the signer of ("who signed for Thailand", "ใครลงนามฝ่ายลาว")."""
    m = _SIDE.search(query)
    return canonical_parties(m[1]) if m else set()


def _closed(doc_text: str, a: int, b: int) -> int:
    """The end of ``doc_text[a:b]``, past the bracket it opens and leaves open ("Co., Ltd. (Foxconn
    Technology Group" + ")")."""
    return b + 1 if doc_text.count("(", a, b) > doc_text.count(")", a, b) and doc_text.startswith(")", b) else b


def _named_in(fact: dict, query: str) -> bool:
    """Whether the question names the party ``fact`` is (by its text or value)."""
    q = _SPACES.sub("", match_key(query))
    return any(len(form) >= 3 and _SPACES.sub("", match_key(form)) in q for form in _forms(fact))


def _unit_of(units: list[tuple[int, int]], at: int) -> int | None:
    for j, (a, b) in enumerate(units):
        if a <= at < b:
            return j
    return None


def _cut_off(units: list[tuple[int, int]], evidence: tuple[int, int], at: tuple[int, int]) -> int | None:
    """The passage's last unit of an evidence sentence the passage's end cuts, when the fact's
    words lie past that end (by at most ``RUN_ON_CHARS``): the sentence runs on to them."""
    end = units[-1][1]
    if not 0 <= at[0] - end <= RUN_ON_CHARS or not evidence[0] < end < evidence[1]:
        return None
    inside = [j for j, (a, b) in enumerate(units) if a < evidence[1] and evidence[0] < b]
    return inside[-1] if inside else None


def _echoes(fact: dict, doc_text: str, units: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where the passage's units restate the fact: its text, when long enough not to occur by
    chance (a fact read from the headline is often repeated in the body); a duration or a date of
    the same value, in whatever words (a record links the Thai and English reports of one
    agreement, and a fact's evidence may be in the other one)."""
    kind, value = fact.get("type"), fact.get("value")
    out = []
    if kind in ("duration", "extension") and isinstance(value, dict):
        want = tuple(value.get(k) or 0 for k in _PERIOD)
        for a, b in units:
            out += [(a + s, a + e) for k, v, s, e in durations(doc_text[a:b], "")
                    if k == kind and tuple(v.get(k) or 0 for k in _PERIOD) == want and any(want)]
    elif kind in _DATES and isinstance(value, str):
        for a, b in units:
            out += [(a + s, a + e) for d, s, e, written in explicit_dates(doc_text[a:b], None)
                    if written and d.isoformat() == value[:10]]
    elif len((fact.get("text") or "").strip()) >= ECHO_MIN_CHARS:
        out += [at for a, b in units if (at := locate(fact, doc_text, a, b)) is not None]
    return out


def question_reading(query: str, agreements: Agreements) -> tuple[set[str], set[str], set[str]]:
    """(countries, bodies, signing side) the question names: one reading serves every hit of a
    page (``Searcher`` reads it once per search and passes it to ``fact_marks``)."""
    return question_partners(query), question_bodies(query, agreements), signing_side(query)


def fact_marks(query: str, agreements: Agreements, doc_id: str, doc_text: str,
               units: list[tuple[int, int]], passage: tuple[int, int],
               reading: tuple[set[str], set[str], set[str]] | None = None) -> list[FactMark]:
    """The units and spans to mark in a passage (``units``: its units, document offsets) where a
    record it reports states the fact ``query`` asks for, best first (inside the passage before
    past its end, in a sentence the passage cuts; then most facts of a list in one unit, then the
    units of the facts' evidence before those that only repeat their text, then the most
    confident); empty when there is none. ``reading``: ``question_reading(query, agreements)``,
    when the caller has it."""
    asked = asked_facts(query)
    if not asked or not units or not agreements.records:
        return []
    ids = agreements.overlapping(doc_id, *passage)
    if not ids:
        return []
    partners, bodies, side = reading if reading is not None else question_reading(query, agreements)
    thai = bool(_THAI.search(query))
    # unit -> id(fact) -> (start, end, confidence, in the fact's evidence)
    found: dict[int, dict[int, tuple[int, int, float, bool]]] = {}
    wanted = 0   # the facts a list answer holds
    for agreement_id in ids:
        record = agreements.get(agreement_id)
        if record is None or not names_parties(record, partners, bodies):
            continue
        used = []
        for fact in asked:
            answer = fact_answer(record, fact, thai, partners, docs={doc_id}, query=query)
            used += [f for f in answer[2] if f.get("type") in MARKED[fact]
                     and f.get("confidence", 0) >= MIN_CONFIDENCE] if answer else []
        if asked[0] == "parties":   # "X signed with whom": the other parties answer
            used = [f for f in used if not _named_in(f, query)] or used
        if side:   # "who signed for Thailand": not a signer known to sign for another country
            used = [f for f in used if f.get("type") != "signatory" or not isinstance(f.get("value"), dict)
                    or not f["value"].get("party") or str(f["value"]["party"]).lower() in side]
        wanted = max(wanted, len(used))
        for f in used:
            places = []
            for e in f.get("evidence", ()):
                evidence = int(e.get("start", 0)), int(e.get("end", 0))
                if e.get("doc_id") == doc_id and (at := locate(f, doc_text, *evidence)):
                    places.append((at, True, evidence))
            places += [(at, False, None) for at in _echoes(f, doc_text, units)]
            for at, evidenced, evidence in places:
                j = _unit_of(units, at[0])
                if j is None and evidence is not None:
                    j = _cut_off(units, evidence, at)
                if j is not None:
                    old = found.setdefault(j, {}).get(id(f))
                    if old is None or (evidenced and not old[3]):
                        found[j][id(f)] = (*at, float(f["confidence"]), evidenced)
    if asked[0] == "parties" and wanted > 1:
        # one party alone is no answer to "between whom" when the record names others
        found = {j: items for j, items in found.items() if len(items) > 1}

    def rank(j: int):
        items = found[j].values()
        return (any(a >= units[-1][1] for a, *_ in items), -len(items), not any(e for *_, e in items),
                -min(c for _, _, c, _ in items), j)

    marks = []
    for j in sorted(found, key=rank):
        items = list(found[j].values())
        a = min(a for a, *_ in items)
        marks.append(FactMark(j, a, _closed(doc_text, a, max(b for _, b, *_ in items)),
                              min(c for _, _, c, _ in items), len(items)))
    return marks
