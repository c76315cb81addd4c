"""Agreement records of one index version: loading, filters, lookup, and the hits they explain.

The builder (``indexer/agreements/``) writes ``agreements.json`` into an index version (shape:
docs/notes AGREEMENTS contract, see README "Agreement records"). This module only reads it. A
version without the file serves with no records: every list is empty, every lookup misses.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from indexer.textnorm import normalize_for_match

AGREEMENTS_FILE = "agreements.json"
KINDS = ("mou", "moc", "agreement", "loi", "exchange_of_letters", "other")
STAGES = ("proposed", "approved", "signed", "renewed", "amended", "expired")


class AgreementsCorrupt(ValueError):
    pass


def best_fact(record: dict, fact_type: str) -> dict | None:
    """The most confident fact of ``fact_type`` in ``record`` (first one on ties), or None."""
    best = None
    for fact in record.get("facts", ()):
        if fact.get("type") == fact_type and (best is None or
                                               fact.get("confidence", 0) > best.get("confidence", 0)):
            best = fact
    return best


def facts_of(record: dict, fact_type: str) -> list[dict]:
    return [f for f in record.get("facts", ()) if f.get("type") == fact_type]


_YEAR_ALONE = re.compile(r"(?:19|20)\d\d")


def date_value(fact: dict | None) -> str | None:
    """``iso_value``, or the year alone a signing is dated by ("signed in 2004": "2004")."""
    iso = iso_value(fact)
    if iso is None and fact is not None and _YEAR_ALONE.fullmatch(str(fact.get("value"))):
        return fact["value"]
    return iso


def iso_value(fact: dict | None) -> str | None:
    """The ISO date a date fact holds, or None (not a date, or no fact)."""
    if fact is None or not isinstance(fact.get("value"), str):
        return None
    try:
        return dt.date.fromisoformat(fact["value"][:10]).isoformat()
    except ValueError:
        return None


def is_open_ended(record: dict) -> bool:
    for t in ("duration", "valid_until"):
        for fact in facts_of(record, t):
            if isinstance(fact.get("value"), dict) and fact["value"].get("open_ended"):
                return True
    return False


def interval(record: dict) -> tuple[str | None, str | None, bool]:
    """(start, end, open_ended) of the record's validity: start is the signing date (else the
    cabinet approval is NOT used: approval is not entry into force), end the valid_until date."""
    start = iso_value(best_fact(record, "signed_date"))
    end = iso_value(best_fact(record, "valid_until"))
    return start, end, is_open_ended(record)


def in_force_on(record: dict, day: str) -> bool:
    """Whether the record is known to be in force on ``day`` (ISO): signed on or before it and
    valid until on or after it, or open-ended. An unknown end is not claimed to be in force."""
    if record.get("stage") == "expired":
        return False
    start, end, open_ended = interval(record)
    if start is None or start > day:
        return False
    if end is not None:
        return day <= end
    return open_ended


def _norm(text: str) -> str:
    return normalize_for_match(text).lower()


def canonical_parties(name: str) -> set[str]:
    """Canonical country names a party filter names (Laos = ลาว = สปป.ลาว = Lao PDR)."""
    from indexer.documents import detect_parties

    return {p.lower() for p in detect_parties(name)}


@dataclass
class AgreementFilters:
    party: str | None = None
    kind: str | None = None
    in_force_on: str | None = None      # ISO date
    signed_from: str | None = None      # ISO date, inclusive
    signed_to: str | None = None
    q: str | None = None


@dataclass
class Agreements:
    records: dict[str, dict] = field(default_factory=dict)
    by_document: dict[str, list[str]] = field(default_factory=dict)
    version: int | None = None
    # what readers derive from the records once per loaded index (``direct_answer``: the names of
    # the bodies that are parties), kept with the records they come from
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.records)

    def get(self, agreement_id: str) -> dict | None:
        return self.records.get(agreement_id) if isinstance(agreement_id, str) else None

    # -- filters -------------------------------------------------------------------------
    def filter(self, filters: AgreementFilters) -> list[dict]:
        """Records matching every given filter, latest signing first (undated last), then id."""
        party = None
        if filters.party:
            party = (canonical_parties(filters.party), _norm(filters.party))
        terms = _norm(filters.q).split() if filters.q else []
        out = []
        for record in self.records.values():
            if filters.kind and record.get("kind") != filters.kind:
                continue
            if party and not _party_matches(record, *party):
                continue
            if filters.in_force_on and not in_force_on(record, filters.in_force_on):
                continue
            if filters.signed_from or filters.signed_to:
                signed = iso_value(best_fact(record, "signed_date"))
                if signed is None or (filters.signed_from and signed < filters.signed_from) \
                        or (filters.signed_to and signed > filters.signed_to):
                    continue
            if terms and not _text_matches(record, terms):
                continue
            out.append(record)
        out.sort(key=lambda r: r["id"])
        out.sort(key=lambda r: iso_value(best_fact(r, "signed_date")) or "", reverse=True)
        return out

    # -- hits ----------------------------------------------------------------------------
    def for_passage(self, doc_id: str, start: int, end: int) -> list[str]:
        """Ids of records whose evidence lies in ``doc_id``: those with evidence overlapping
        [start, end) first, then the document's other records."""
        near = self.overlapping(doc_id, start, end)
        return near + [a for a in self.by_document.get(doc_id, []) if a not in near and a in self.records]

    def overlapping(self, doc_id: str, start: int, end: int) -> list[str]:
        """Ids of the document's records with a fact whose evidence overlaps [start, end)."""
        out = []
        for agreement_id in self.by_document.get(doc_id, []):
            record = self.records.get(agreement_id)
            if record and any(e.get("doc_id") == doc_id and e.get("start", 0) < end and start < e.get("end", 0)
                              for f in record.get("facts", ()) for e in f.get("evidence", ())):
                out.append(agreement_id)
        return out


def _party_matches(record: dict, canonical: set[str], raw: str) -> bool:
    names = [p.lower() for p in record.get("parties", ())]
    if canonical and canonical & set(names):
        return True
    return any(raw and raw in _norm(p) for p in record.get("parties", ()))


def _haystack(record: dict) -> str:
    parts = [record.get("name") or "", record.get("kind") or "", *record.get("parties", ())]
    for fact in record.get("facts", ()):
        if fact.get("type") in ("area", "name", "party"):
            value = fact.get("value")
            parts.append(value if isinstance(value, str) else "")
            parts.append(fact.get("text") or "")
    return _norm(" ".join(parts))


def _text_matches(record: dict, terms: list[str]) -> bool:
    hay = _haystack(record)
    parties = {p.lower() for p in record.get("parties", ())}
    for term in terms:
        if term in hay:
            continue
        named = canonical_parties(term)
        if named and named & parties:
            continue
        return False
    return True


def load(version_dir: Path) -> Agreements:
    """The records of an index version; none when it has no ``agreements.json``."""
    path = Path(version_dir) / AGREEMENTS_FILE
    if not path.exists():
        return Agreements()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise AgreementsCorrupt(f"{path} is not valid JSON ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("records"), list):
        raise AgreementsCorrupt(f"{path} has no list of records")
    records = {}
    for record in data["records"]:
        if not isinstance(record, dict) or not isinstance(record.get("id"), str):
            raise AgreementsCorrupt(f"{path}: a record without an id")
        record.setdefault("facts", [])
        record.setdefault("parties", [])
        record.setdefault("documents", [])
        record.setdefault("history", [])
        records[record["id"]] = record
    by_document = data.get("by_document")
    if not isinstance(by_document, dict):
        by_document = {}
        for record in records.values():
            for doc_id in record["documents"]:
                by_document.setdefault(doc_id, []).append(record["id"])
    return Agreements(records=records, by_document={k: list(v) for k, v in by_document.items()},
                      version=data.get("version"))


# -- what users see of a record (API and CLI share these) ------------------------------------
def summary(record: dict) -> dict:
    """Parties, kind, stage, signed, valid until and areas of a record (the search page's card)."""
    until = best_fact(record, "valid_until")
    return {"id": record["id"], "kind": record.get("kind") or "other", "name": record.get("name"),
            "parties": list(record.get("parties", [])), "stage": record.get("stage"),
            "signed_date": date_value(best_fact(record, "signed_date")),
            "valid_until": iso_value(until), "valid_until_computed": bool(until and until.get("computed")),
            "open_ended": is_open_ended(record),
            "areas": [str(f.get("value")) for f in facts_of(record, "area")],
            "documents": list(record.get("documents", []))}


def _document_meta(documents, doc_id: str) -> dict | None:
    try:
        return documents[doc_id]
    except KeyError:
        return None


def _links(evidence, documents) -> list[dict]:
    out = []
    for e in evidence or ():
        doc = _document_meta(documents, e.get("doc_id"))
        if doc is None:
            continue   # evidence in a document this version no longer holds
        start, end = int(e.get("start", 0)), int(e.get("end", 0))
        out.append({"doc_id": e["doc_id"], "start": start, "end": end, "title": doc.get("title", ""),
                    "date": doc.get("date"), "lang": doc.get("lang", ""), "source": doc.get("source", ""),
                    "sentence": doc["text"][start:end]})
    return out


def detail(record: dict, agreements: Agreements, documents) -> dict:
    """The whole record: every fact with its evidence links (document title, date, source and the
    sentence), the documents reporting it, and its history (summaries, oldest first)."""
    facts = []
    for fact in record.get("facts", ()):
        facts.append({"type": fact.get("type"), "value": fact.get("value"), "text": fact.get("text") or "",
                      "computed": bool(fact.get("computed")), "confidence": float(fact.get("confidence", 0)),
                      "evidence": _links(fact.get("evidence"), documents),
                      "conflicts": [{**c, "evidence": _links(c.get("evidence"), documents)}
                                    for c in fact.get("conflicts", ()) or ()]})
    linked = []
    for doc_id in record.get("documents", ()):
        doc = _document_meta(documents, doc_id)
        if doc is not None:
            linked.append({"doc_id": doc_id, "title": doc.get("title", ""), "date": doc.get("date"),
                           "lang": doc.get("lang", ""), "source": doc.get("source", "")})
    history = [summary(agreements.records[h]) for h in record.get("history", ()) if h in agreements.records]
    return {**summary(record), "facts": facts, "linked_documents": linked, "history": history}
