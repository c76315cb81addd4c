"""One fact as the contract of agreements.json writes it."""
from __future__ import annotations

FACT_TYPES = ("kind", "name", "party", "stage", "signed_date", "approved_date", "place",
              "signatory", "authorised_signatory", "duration", "extension", "valid_until", "area", "amount")


def fact(typ: str, value, words: str, doc_id: str, start: int, end: int, confidence: float,
         computed: bool = False, evidence: list | None = None, extra: dict | None = None) -> dict:
    out = {"type": typ, "value": value, "text": words,
           "evidence": evidence if evidence is not None else [{"doc_id": doc_id, "start": start, "end": end}],
           "computed": computed, "confidence": round(confidence, 2)}
    if extra:
        out.update(extra)
    return out
