"""Mentions of all documents linked into agreement records (the shape of agreements.json).

Two mentions are the same agreement when they have the same kind family and the same foreign
parties (countries other than Thailand; organisations when no country is named), and their
dates are compatible: signing dates within a week of each other, or otherwise the mentions'
event dates (signing, approval, article) within ``LINK_DAYS``; named mentions in the same
language must share most of their name. Ids hash the canonical parties, kind and the earliest
event month of the record's own mentions, so documents about other agreements never change them.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re

from indexer.agreements.facts import FACT_TYPES
from indexer.agreements.ministries import ministries
from indexer.agreements.parties import ALL_COUNTRIES, foreign_countries
from indexer.time_limit import TimeLimitExceeded, time_limit

LINK_DAYS = 120
SAME_SIGNING_DAYS = 7
SAME_BODY_DAYS = 30
CONTESTED = 0.8   # the confidence of a fact other reports of the record contradict is multiplied by it
_FAMILY = {"mou": "mou", "moc": "mou", "loi": "loi", "exchange_of_letters": "eol", "agreement": "agreement"}
_STAGE_RANK = {"proposed": 0, "approved": 1, "signed": 2, "renewed": 3, "amended": 3, "expired": 4}


def _values(mention, typ):
    return [f["value"] for f in mention["facts"] if f["type"] == typ]


def _key(mention) -> tuple:
    foreign = foreign_countries(sorted({p for p in _values(mention, "party") if isinstance(p, str)}))
    if foreign:
        return (_FAMILY[mention["kind"]], tuple(foreign))
    # between Thai bodies (or with companies): one group per kind, linked only by a shared body
    return (_FAMILY[mention["kind"]], ("",) if _orgs(mention) else ())


def _orgs(mention) -> set[str]:
    return {re.sub(r"[\s.,()]+", "", p.lower()) for p in _values(mention, "party")
            if isinstance(p, str) and p not in ALL_COUNTRIES and len(p) >= 6}


def _share_body(a, b) -> bool:
    """More than half the bodies of the smaller side are among the other's (one ministry in common
    is not enough: a ministry signs many MoUs in a week, with one university and then another)."""
    oa, ob = _orgs(a), _orgs(b)
    if len(oa) < 2 or len(ob) < 2:
        return False   # one body known on a side: it may sign many MoUs a month
    small, big = (oa, ob) if len(oa) <= len(ob) else (ob, oa)
    shared = sum(any(x in y or y in x for y in big) for x in small)
    return shared / len(small) > 0.5


def _event_date(mention) -> str | None:
    for typ in ("signed_date", "approved_date"):
        got = _values(mention, typ)
        if got:
            return got[0]
    return mention.get("date")


def _signed_apart(a: str, b: str) -> bool:
    """Two signing dates that cannot be one signing: more than ``SAME_SIGNING_DAYS`` apart, or, where
    one is a year alone ("2004"), in different years."""
    if len(a) < 10 or len(b) < 10:
        return a[:4] != b[:4]
    return (_days(a, b) or 0) > SAME_SIGNING_DAYS


def _days(a: str | None, b: str | None) -> int | None:
    if not a or not b or len(a) < 10 or len(b) < 10:
        return None
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)


def _grams(name: str) -> set[str]:
    s = re.sub(r"\s+", "", name.lower())
    return {s[i:i + 3] for i in range(max(1, len(s) - 2))}


# the words every agreement's name shares ("บันทึกความเข้าใจว่าด้วยความร่วมมือด้าน...", "Memorandum of
# Understanding on Cooperation in the Field of ..."): two names are compared by what is left, their subject
_NAME_FRAME = re.compile(
    r"(?:ร่าง)?บันทึก(?:ความเข้าใจ|ข้อตกลง|ความตกลง|ความร่วมมือ)|ความตกลง|ข้อตกลง|หนังสือแสดงเจตจำนง|ความร่วมมือ|ว่าด้วย"
    r"|(?:ใน)?(?:ด้าน|สาขา)|ระหว่าง.*|การ|เรื่อง|MOU|MoU|MOC|\(|\)"
    r"|\b(?:draft|memorandum|of|understanding|agreement|letter|intent|cooperation|co-operation|collaboration|on|in|the"
    r"|fields?|areas?|between.*|and|for|regarding)\b", re.I)


def _subject(name: str | None) -> str:
    return re.sub(r"[\s\W_]+", "", _NAME_FRAME.sub(" ", name or "")).lower()


def _alike(x: str, y: str) -> bool:
    gx, gy = _grams(x), _grams(y)
    return len(gx & gy) / max(1, min(len(gx), len(gy))) >= 0.6


def _names_compatible(a, b) -> bool:
    """Named in one language, the names' subjects agree (or one has none: "บันทึกความเข้าใจว่าด้วย
    ความร่วมมือ" alone names nothing); the fields a mention states count as its subject too."""
    if a["lang"] != b["lang"]:
        return True
    sa, sb = _subject(a.get("name")), _subject(b.get("name"))
    if len(sa) >= 4 and len(sb) >= 4 and not _alike(sa, sb):
        return False
    fa, fb = _fields(a, sa), _fields(b, sb)
    return not fa or not fb or any(_alike(x, y) for x in fa for y in fb)


def _fields(mention, name_subject: str) -> set[str]:
    """The subjects a mention states: its areas' and its name's (``name_subject``), each of 4+ letters."""
    areas = (_subject(v) for v in _values(mention, "area") if isinstance(v, str))
    return {x for x in (*areas, name_subject) if len(x) >= 4}


def _same(a, b) -> bool:
    if _key(a)[1] == ("",):   # no country: the same body, signing within a week or reports a month apart
        if not _share_body(a, b):
            return False
        sa, sb = _values(a, "signed_date"), _values(b, "signed_date")
        if sa and sb:
            return _same_signing(sa[0], sb[0]) and _names_compatible(a, b)
        gap = _days(_event_date(a), _event_date(b))
        return gap is not None and gap <= SAME_BODY_DAYS and _names_compatible(a, b)
    oa, ob = _orgs(a), _orgs(b)
    if oa and ob and a["lang"] == b["lang"] and not any(x in y or y in x for x in oa for y in ob):
        return False   # same partner country, different signing bodies (named in one language)
    sa, sb = _values(a, "signed_date"), _values(b, "signed_date")
    if sa and sb:
        return _same_signing(sa[0], sb[0]) and _names_compatible(a, b)
    gap = _days(_event_date(a), _event_date(b))
    return gap is not None and gap <= LINK_DAYS and _names_compatible(a, b)


def _same_signing(a: str, b: str) -> bool:
    """Signing dates of one signing: within ``SAME_SIGNING_DAYS``; a year alone only the same year alone
    (an article recalling "the MoU signed in 2021" names no day to link it by)."""
    if len(a) < 10 or len(b) < 10:
        return a == b
    return not _signed_apart(a, b)


def _signed_by(mention) -> list[str]:
    """The day a mention's agreement was signed, or the latest it can have been: a report that tells of
    the signing and gives no date was written after it."""
    signed = _values(mention, "signed_date")
    if not signed and "signed" in _values(mention, "stage") and mention.get("date"):
        return [mention["date"]]
    return signed


def _conflict(a, b) -> bool:
    """Two mentions that cannot be one agreement: signed on dates more than a week apart, approved
    by cabinet meetings more than a week apart, approved more than a month after the other's signing,
    signed by different bodies (both named in one language, or different Thai ministries named in
    two), or named for different subjects in one language."""
    sa, sb = _values(a, "signed_date"), _values(b, "signed_date")
    if sa and sb and _signed_apart(sa[0], sb[0]):
        return True
    aa, ab = _values(a, "approved_date"), _values(b, "approved_date")
    if aa and ab and (_days(aa[0], ab[0]) or 0) > SAME_SIGNING_DAYS:
        return True
    for signed, approved in ((_signed_by(a), ab), (_signed_by(b), aa)):
        if signed and approved and len(signed[0]) == 10 and len(approved[0]) == 10 \
                and (dt.date.fromisoformat(approved[0]) - dt.date.fromisoformat(signed[0])).days > SAME_BODY_DAYS:
            return True   # the cabinet approves a signing before it, not a month after
    oa, ob = _orgs(a), _orgs(b)
    if oa and ob and a["lang"] == b["lang"] and not any(x in y or y in x for x in oa for y in ob):
        return True
    if a["lang"] != b["lang"]:   # named in two languages: Thai ministries are still comparable, and fields
        ma, mb = ministries(_values(a, "party")), ministries(_values(b, "party"))
        if ma and mb and ma.isdisjoint(mb):
            return True
        return _fields_apart(a, b) if a["lang"] == "en" else _fields_apart(b, a)
    return not _names_compatible(a, b)


def _fields_apart(english, thai) -> bool:
    """An English report's areas, read in Thai by the query translator's vocabulary, name none of
    the fields a Thai report states (its areas and its name's subject): the MoU on "combating
    transnational crime, ..., narcotics" is not "บันทึกความเข้าใจว่าด้วยความร่วมมือด้านการสื่อสารและ
    เทคโนโลยีสารสนเทศ". Areas the vocabulary cannot read decide nothing."""
    from indexer.query_translation import reading_form

    fields = "".join(_fields(thai, _subject(thai.get("name"))))
    if not fields:
        return False
    # each Thai word as ``_subject`` writes a field (no marks, no frame words: "ความร่วมมือ" says nothing)
    words = {_subject(w) for v in _values(english, "area") if isinstance(v, str)
             for w in (reading_form(v.lower()) or "").split() if _THAI_WORD.fullmatch(w)} - {""}
    return bool(words) and not any(w in fields for w in words)


_THAI_WORD = re.compile(r"[\u0e00-\u0e7f]{2,}")


def link(mentions: list[dict]) -> dict:
    """Records (see the module doc) from the mentions of every document."""
    groups: dict[tuple, list[list[dict]]] = {}
    singles: list[list[dict]] = []
    for m in sorted(mentions, key=lambda m: (_event_date(m) or "", m["doc_id"], m["segment"])):
        key = _key(m)
        if not key[1]:
            singles.append([m])  # no party to link by: a record of its own
            continue
        clusters = groups.setdefault(key, [])
        for cluster in clusters:   # like every member (no chains of a partner's MoUs months apart), at odds with none
            if all(_same(m, other) for other in cluster) and not any(_conflict(m, o) for o in cluster):
                cluster.append(m)
                break
        else:
            clusters.append([m])
    clusters = [(key, c) for key, cs in groups.items() for c in cs] + [(_key(c[0]), c) for c in singles]
    clusters = _joined_by_name(clusters)
    records = [_record(c, key) for key, c in clusters]
    _dedupe_ids(records)
    by_partner: dict[tuple, list[dict]] = {}
    for r in records:
        if r["_key"][1] and r["_key"][1] != ("",):
            by_partner.setdefault(r["_key"][1], []).append(r)
    for r in records:
        related = sorted(by_partner.get(r["_key"][1], []), key=lambda x: (x["_date"] or "", x["id"]))
        r["history"] = [x["id"] for x in related if x is not r]
    records.sort(key=lambda r: r["id"])
    by_document: dict[str, list[str]] = {}
    for r in records:
        for d in r["documents"]:
            by_document.setdefault(d, []).append(r["id"])
        del r["_key"], r["_date"]
    return {"records": records, "by_document": {d: sorted(set(v)) for d, v in sorted(by_document.items())}}


NAME_LINK_CHARS = 15   # the subject of a name (its letters past the frame words) that links a report naming too few parties
SAME_DAY = 1           # days between such a report and a record of Thai bodies it joins


def _join_days(key: tuple) -> int:
    """How near (days) a report naming too few parties must be to the event of a record of ``key``:
    a week to one that names no party, a month to a partner country's, the same day to one of Thai
    bodies only (a department signs MoUs of one name with one partner after another:
    "ด้านการส่งเสริมสิทธิและเสรีภาพ" with a school group, then a foundation)."""
    if not key[1]:
        return SAME_SIGNING_DAYS
    return SAME_DAY if key[1] == ("",) else SAME_BODY_DAYS


def _unanchored(key: tuple, cluster: list[dict]) -> bool:
    """A record of one mention that no party could link: no partner country and fewer than two
    bodies (the BIMSTEC grid MoU in a speech; one ministry's own report of a twelve-ministry MoU)."""
    return len(cluster) == 1 and (not key[1] or (key[1] == ("",) and len(_orgs(cluster[0])) < 2))


def _joined_by_name(clusters: list[tuple[tuple, list[dict]]]) -> list[tuple[tuple, list[dict]]]:
    """Each unanchored record joined to the one other record of its kind family whose mentions give
    the same name (a subject of ``NAME_LINK_CHARS`` letters or more, ``_alike``) and an event near it
    (``_join_days``), at odds with none of them; kept apart when no record or more than one does
    (one body's MoUs of one name with several partners)."""
    out = list(clusters)
    subjects: dict[int, str] = {}   # each mention's name subject, read once (id of the mention)

    def subject_of(m) -> str:
        if id(m) not in subjects:
            subjects[id(m)] = _subject(m.get("name"))
        return subjects[id(m)]

    def same_name(m, o, days) -> bool:
        other = subject_of(o)
        if len(other) < NAME_LINK_CHARS:
            return False
        gap = _days(_event_date(m), _event_date(o))
        return gap is not None and gap <= days and _alike(subject_of(m), other)

    for key, cluster in sorted(clusters, key=lambda kc: (_event_date(kc[1][0]) or "", kc[1][0]["doc_id"])):
        if not _unanchored(key, cluster) or len(subject_of(cluster[0])) < NAME_LINK_CHARS:
            continue
        m = cluster[0]
        matches = [i for i, (k, c) in enumerate(out) if c is not cluster and k[0] == key[0]
                   and any(same_name(m, o, _join_days(k)) for o in c) and not any(_conflict(m, o) for o in c)]
        if len(matches) != 1:
            continue
        target_key, target = out[matches[0]]
        target.append(m)
        # the joined record keeps its key, or takes the body the joining report names when it had none
        joined_key = key if not target_key[1] and key[1] else target_key
        out = [((joined_key if c is target else k), c) for k, c in out if c is not cluster]
    return out


def _record(cluster: list[dict], key: tuple) -> dict:
    dates = sorted(d for d in (_event_date(m) for m in cluster) if d)
    anchor = dates[0][:7] if dates else (cluster[0]["name"] or cluster[0]["doc_id"])
    if key[1] == ("",):   # Thai bodies: the record's first mention
        first = min(cluster, key=lambda m: (_event_date(m) or "", m["doc_id"], m["segment"]))
        basis = "|".join([key[0], "bodies", first["doc_id"], str(first["segment"])])
    elif key[1]:
        basis = "|".join([key[0], *key[1], anchor])
    else:  # no parties: the mention itself
        basis = "|".join([key[0], cluster[0]["doc_id"], str(cluster[0]["segment"])])
    rid = "agr-" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:12]
    facts = _reconcile(cluster)
    stage = max((f for f in facts if f["type"] == "stage"), key=lambda f: _STAGE_RANK[f["value"]],
                default=None)
    names = [f["value"] for f in facts if f["type"] == "name"]
    return {
        "id": rid, "kind": min((m["kind"] for m in cluster), key=lambda k: k == "agreement"),
        "name": names[0] if names else None,
        "parties": sorted({f["value"] for f in facts if f["type"] == "party"}),
        "documents": sorted({m["doc_id"] for m in cluster}),
        "stage": stage["value"] if stage else None,
        "facts": facts, "history": [], "_key": key, "_date": dates[0] if dates else None,
    }


_MULTI = {"party", "area", "signatory", "authorised_signatory", "name", "stage"}


def _reconcile(cluster: list[dict]) -> list[dict]:
    """One fact per single-valued type (the best-evidenced value wins, the others are kept as
    conflicts); every distinct value for list-like types, their evidence merged."""
    by_type: dict[str, dict[str, list[dict]]] = {}
    for m in cluster:
        for f in m["facts"]:
            if f["type"] == "kind":
                continue
            key = repr(f["value"]) if not isinstance(f["value"], str) else f["value"].lower()
            by_type.setdefault(f["type"], {}).setdefault(key, []).append(f)
    out = []
    for typ in FACT_TYPES:
        values = by_type.get(typ)
        if not values:
            continue
        merged = [_merge(fs) for fs in values.values()]
        if typ == "duration" and len(merged) > 1:
            merged = _without_totals(merged, by_type.get("extension", {}))
        if typ in _MULTI:
            out.extend(merged)
            continue
        merged.sort(key=lambda f: (-f.pop("_support"), -f["confidence"], f["computed"]))
        best = merged[0]
        if len(merged) > 1:
            best["conflicts"] = [{"value": f["value"], "text": f["text"], "evidence": f["evidence"]}
                                 for f in merged[1:]]
            best["confidence"] = round(best["confidence"] * CONTESTED, 2)
        out.append(best)
    for f in out:
        f.pop("_support", None)
    kinds = [f for m in cluster for f in m["facts"] if f["type"] == "kind"]
    best_kind = max(kinds, key=lambda f: f["confidence"])
    return [_merge([f for f in kinds if f["value"] == best_kind["value"]])] + out


def _span(value) -> int | None:
    if not isinstance(value, dict) or value.get("open_ended"):
        return None
    return (value.get("years") or 0) * 12 + (value.get("months") or 0)


def _without_totals(durations: list[dict], extensions: dict) -> list[dict]:
    """"8 ปี" in a headline and "5 ปี ... ขยายอัตโนมัติอีก 3 ปี" in the body: the 8 years are the
    term plus its extension, not a rival term."""
    ext = [_span(f["value"]) for fs in extensions.values() for f in fs]
    terms = [_span(f["value"]) for f in durations]
    keep = [f for f in durations
            if not any(_span(f["value"]) == t + x for t in terms if t for x in ext if x)]
    return keep or durations


def _merge(facts: list[dict]) -> dict:
    best = dict(max(facts, key=lambda f: f["confidence"]))
    evidence, seen = [], set()
    for f in facts:
        for ev in f["evidence"]:
            k = (ev["doc_id"], ev["start"], ev["end"])
            if k not in seen:
                seen.add(k)
                evidence.append(ev)
    best["evidence"] = evidence
    docs = {ev["doc_id"] for ev in evidence}
    best["_support"] = len(docs)
    if len(docs) > 1:  # reported by several documents
        best["confidence"] = round(min(0.98, best["confidence"] + 0.05), 2)
    return best


def _dedupe_ids(records: list[dict]) -> None:
    seen: dict[str, int] = {}
    for r in sorted(records, key=lambda r: (r["id"], r["documents"])):
        n = seen.get(r["id"], 0)
        seen[r["id"]] = n + 1
        if n:
            r["id"] = f"{r['id']}-{n + 1}"


# a document's extraction that takes longer than this per EXTRACTION_CHARS of its text (at least
# this) is stopped and the document gives no records (the slowest of the 1,170 archive documents
# takes 0.3 s; the loader admits texts of up to 1,000,000 characters)
EXTRACTION_SECONDS = 20.0
EXTRACTION_CHARS = 100_000


def build_agreements(documents, version: int, stopped: list[tuple[str, str]] | None = None,
                     seconds: float | None = None) -> dict:
    """agreements.json for documents given as dicts with doc_id, text, date, lang, sentences.
    A document whose extraction runs past ``seconds`` (default: ``EXTRACTION_SECONDS`` per
    ``EXTRACTION_CHARS`` of its text, at least ``EXTRACTION_SECONDS``; ``indexer.time_limit``: a
    rule that ran away on an unusual line) gives no mentions; its id is added to ``stopped`` with
    the reason."""
    from indexer.agreements.extract import extract_mentions
    mentions = []
    for doc in documents:
        limit = seconds if seconds is not None else EXTRACTION_SECONDS * max(1.0, len(doc["text"]) / EXTRACTION_CHARS)
        try:
            with time_limit(limit):
                found = extract_mentions(doc["doc_id"], doc["text"], doc.get("date"),
                                         doc.get("lang") or "th", doc.get("sentences"))
        except TimeLimitExceeded as exc:
            if stopped is not None:
                stopped.append((doc["doc_id"], str(exc)))
            continue
        mentions.extend(found)
    return {"version": version, **link(mentions)}
