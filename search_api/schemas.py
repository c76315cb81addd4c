"""Request and response bodies of the search API, with the input limits users run into."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator, model_validator

from indexer.dates import gregorian_year

MODES = ("hybrid", "dense", "lexical")
LANGS = ("th", "en")
MAX_PARTY_CHARS = 100

# Character classes shared by the validators and the OpenAPI patterns, written as \uXXXX so
# that the same text is a Python and an ECMA (JSON Schema) regular expression.
# Control characters other than tab, newline and carriage return (category Cc):
_CONTROL = r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f"
# What str.strip() removes (every character with str.isspace()):
_SPACE = (r"\u0009-\u000d\u001c-\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f"
          r"\u205f\u3000")
# Text with no control character and at least one visible character (the query):
QUERY_PATTERN = rf"^[^{_CONTROL}]*[^{_CONTROL}{_SPACE}][^{_CONTROL}]*$"
# Text with no control character (the party filter; blank means no filter):
TEXT_PATTERN = rf"^[^{_CONTROL}]*$"
# YYYY, YYYY-MM or YYYY-MM-DD (ASCII or Thai digits, a day that exists in its month; 29
# February of a common year means the 28th), with spaces around, or only spaces (no filter;
# the validator treats only U+0020 as blank, so other white space is refused by both):
_D = "[0-9\u0e50-\u0e59]"
_YEAR = f"{_D}{{4}}"
_MONTH = "(?:0?[1-9]|1[0-2])"
_DAY = (f"(?:(?:0?[13578]|1[02])-(?:0?[1-9]|[12]{_D}|3[01])"
        f"|(?:0?[469]|11)-(?:0?[1-9]|[12]{_D}|30)"
        f"|0?2-(?:0?[1-9]|1{_D}|2{_D}))")
DATE_PATTERN = f"^(?: *| *{_YEAR}(?:-{_MONTH}|-{_DAY})? *)$"
_DATE_SHAPE = re.compile(f" *({_D}{{4}})(?:-({_D}{{1,2}})(?:-({_D}{{1,2}}))?)? *")
_DATE_VALID = re.compile(DATE_PATTERN)
_CONTROL_RE = re.compile(f"[{_CONTROL}\ud800-\udfff]")


@dataclass(frozen=True)
class Limits:
    """The configured input limits; they are both enforced and written into the OpenAPI schema."""

    max_query_chars: int = 1000
    max_k: int = 100
    max_offset: int = 1000


def _check_text(value: str, what: str) -> str:
    bad = _CONTROL_RE.search(value)
    if bad:
        raise ValueError(f"{what} contains a control character (U+{ord(bad[0]):04X}); remove it")
    return value


def _parse_date(value: str, end: bool) -> str:
    """'2017' / '2017-05' / '2017-05-03' (Buddhist Era years such as 2560 accepted) -> ISO day."""
    m = _DATE_SHAPE.fullmatch(value)
    if not m:
        raise ValueError(f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    if not _DATE_VALID.fullmatch(value):
        raise ValueError(f"{value!r} is not a valid date")
    year = gregorian_year(int(m[1]))   # Buddhist Era (พ.ศ.), as Thai users write years, read too
    year = max(year, 1)    # year 0000: the first day there is
    month = int(m[2]) if m[2] else (12 if end else 1)
    last = calendar.monthrange(year, month)[1]
    day = min(int(m[3]), last) if m[3] else (last if end else 1)
    return dt.date(year, month, day).isoformat()


def _party_value(value: str | None) -> str | None:
    """The party filter: at most MAX_PARTY_CHARS, no control character, stripped."""
    if value is None:
        return None
    if len(value) > MAX_PARTY_CHARS:
        raise ValueError(f"party is longer than {MAX_PARTY_CHARS} characters")
    return _check_text(value, "party").strip()


def _integer(value, what: str):
    """JSON integers only: a boolean is not one (Python's bool is an int subclass)."""
    if isinstance(value, bool):
        raise ValueError(f"{what} must be an integer, not {str(value).lower()}")
    return value


def _between(value: int, name: str, low: int, high: int) -> int:
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}")
    return value


class SearchRequest(BaseModel):
    """A question and its filters. GET takes the same names as query parameters.

    The limits depend on the settings: ``search_models(limits)`` makes the classes a server
    validates with and documents. Beyond what the schema says, only an inverted date range
    (``date_from`` after ``date_to``) is refused with 422.
    """

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"q": "MoU ไทย-ลาว มีอายุกี่ปี", "k": 10},
                     {"q": "how long does the Laos MoU last", "lang": "en", "date_from": "2022"}]})
    LIMITS: ClassVar[Limits] = Limits()

    q: str = Field(description="the question or keywords, Thai or English; not blank, no control "
                               "characters (tab and newline are fine)")
    k: int = Field(10, description="passages to return")
    offset: int = Field(0, description="passages to skip (paging)")
    mode: Literal["hybrid", "dense", "lexical"] = "hybrid"
    lang: Literal["th", "en", ""] | None = Field(
        None, description="only documents in this language; empty: any language")
    date_from: str | None = Field(
        None, description="documents dated on or after: YYYY, YYYY-MM or YYYY-MM-DD (a Buddhist "
                          "Era year such as 2560 is accepted); blank: no limit",
        json_schema_extra={"pattern": DATE_PATTERN})
    date_to: str | None = Field(
        None, description="documents dated on or before, as date_from; must not be before date_from",
        json_schema_extra={"pattern": DATE_PATTERN})
    party: str | None = Field(
        None, description="a country party to the agreement, English or Thai name; blank: any",
        json_schema_extra={"maxLength": MAX_PARTY_CHARS, "pattern": TEXT_PATTERN})

    @field_validator("party", mode="before")
    @classmethod
    def _blank_is_none(cls, value):
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("date_from", "date_to", mode="before")
    @classmethod
    def _spaces_are_none(cls, value):  # as DATE_PATTERN: only spaces around a date, or nothing
        return None if isinstance(value, str) and not value.strip(" ") else value

    @field_validator("lang", mode="before")
    @classmethod
    def _lang(cls, value):
        if value is None or value == "":
            return None
        if value not in LANGS:
            raise ValueError(f"lang must be 'th' or 'en' (or empty: any language), not {value!r:.40}")
        return value

    @field_validator("q")
    @classmethod
    def _query(cls, value: str) -> str:
        limit = cls.LIMITS.max_query_chars
        if len(value) > limit:
            raise ValueError(f"the query is {len(value)} characters long; the limit is {limit}")
        _check_text(value, "the query")
        if not value.strip():
            raise ValueError("the query is empty: type a question or some keywords")
        return value.strip()

    @field_validator("k", mode="before")
    @classmethod
    def _k_type(cls, value):
        return _integer(value, "k")

    @field_validator("offset", mode="before")
    @classmethod
    def _offset_type(cls, value):
        return _integer(value, "offset")

    @field_validator("k")
    @classmethod
    def _k(cls, value: int) -> int:
        return _between(value, "k", 1, cls.LIMITS.max_k)

    @field_validator("offset")
    @classmethod
    def _offset(cls, value: int) -> int:
        if value < 0:
            raise ValueError("offset must be greater than or equal to 0")
        limit = cls.LIMITS.max_offset
        if value > limit:
            raise ValueError(f"offset must be at most {limit}")
        return value

    @field_validator("party")
    @classmethod
    def _party(cls, value: str | None) -> str | None:
        return _party_value(value)

    @field_validator("date_from")
    @classmethod
    def _from(cls, value: str | None) -> str | None:
        return None if value is None else _parse_date(value, end=False)

    @field_validator("date_to")
    @classmethod
    def _to(cls, value: str | None) -> str | None:
        return None if value is None else _parse_date(value, end=True)

    @model_validator(mode="after")
    def _range(self) -> "SearchRequest":
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"date_from ({self.date_from}) is after date_to ({self.date_to})")
        return self


def search_models(limits: Limits) -> tuple[type[SearchRequest], type[SearchRequest]]:
    """The POST body and the GET query model for ``limits``, with the limits in their schema.

    The body forbids unknown fields; the query ignores unknown parameters (links carry others).
    """
    bounds = {
        "q": {"minLength": 1, "maxLength": limits.max_query_chars, "pattern": QUERY_PATTERN},
        "k": {"minimum": 1, "maximum": limits.max_k},
        "offset": {"minimum": 0, "maximum": limits.max_offset},
    }
    fields = {}
    for name, extra in bounds.items():
        info = SearchRequest.model_fields[name]
        default = ... if info.is_required() else info.default
        fields[name] = (info.annotation, Field(default, description=info.description,
                                               json_schema_extra=extra))
    body = create_model("SearchRequest", __base__=SearchRequest, __doc__=SearchRequest.__doc__,
                        **fields)
    body.LIMITS = limits

    class SearchQuery(body):
        __doc__ = SearchRequest.__doc__
        model_config = ConfigDict(extra="ignore")

    return body, SearchQuery


class ErrorResponse(BaseModel):
    """Every 4xx/5xx answer of the API."""

    error: str = Field(description="a code: invalid_request, body_too_large, overloaded, timeout, "
                                   "not_ready, not_found, method_not_allowed, ...")
    message: str = Field(description="one line saying what is wrong and what to do")
    detail: list[dict] | None = Field(None, description="422: one entry per invalid field")


class Answer(BaseModel):
    text: str
    start: int = Field(description="offset of the answer sentence in the passage text")
    end: int


class Scores(BaseModel):
    dense: float
    lexical: float
    fused: float


class Highlight(BaseModel):
    term: str = Field(description="the query term the word matched")
    start: int = Field(description="offset in the passage text")
    end: int


class SearchHit(BaseModel):
    rank: int
    score: float
    doc_id: str
    chunk_id: str
    title: str
    date: str | None = Field(description="ISO date, possibly partial ('2017', '2017-05')")
    lang: str
    source: str
    text: str = Field(description="the passage exactly as in the document")
    answer: Answer = Field(description="the sentence that states the answer (context of answer_span)")
    answer_span: Answer | None = Field(
        None, description="the shortest span that answers (a date, duration, amount, name, place or a "
                          "whole list), offsets in the passage text; null when no learned model is "
                          "loaded or when this hit's answer confidence is low (nothing is marked as a guess)")
    confidence: float | None = Field(
        None, description="calibrated probability that the passage holds the answer (hybrid mode)")
    answer_confidence: str | None = Field(None, description="low | medium | high: how likely answer_span answers")
    span_kind: str | None = Field(
        None, description="what answer_span is: span (the shortest that answers), clause (the clause "
                          "around it: the span's edges were not sure), sentence (the span was not sure "
                          "at all), list, venue (the \"ณ <venue>\" a Thai release states, for a question that asks where), "
                          "or fact (the value of the agreement fact the question asks for, "
                          "where the record's evidence states it: a duration, date, signer with title, "
                          "place, amount, or the whole list of parties or areas); null with answer_span")
    span_confidence: float | None = Field(
        None, description="the span model's probability for the span it found (null for a list; "
                          "for a fact, the fact's confidence)")
    scores: Scores
    highlights: list[Highlight] = Field(description="words of the passage matching query terms")
    matched_terms: list[str]
    parties: list[str]
    doc_start: int = Field(description="offset of the passage in the whole document")
    doc_end: int
    duplicates: list[str] = Field(default_factory=list,
                                  description="near-duplicate documents folded into this hit")
    agreements: list[str] = Field(default_factory=list,
                                  description="ids of the agreement records this document reports "
                                              "(GET /api/agreements/{id}); those with evidence in "
                                              "this passage first")


class EvidenceSpan(BaseModel):
    doc_id: str
    start: int = Field(description="offset of the evidence sentence in the document text")
    end: int


class DirectAnswer(BaseModel):
    """One fact of one agreement record, answering the question (see README)."""

    text: str = Field(description="the answer, in the question's language")
    fact: str = Field(description="in_force, valid_until, duration, signatory, signed_date, "
                                  "approved_date, place, parties, area or amount")
    value: Any = Field(None, description="the normalised value (ISO date, {years, months, days}, ...)")
    agreement_id: str
    evidence: list[EvidenceSpan]
    confidence: float = Field(description="0..1")


class SearchResponse(BaseModel):
    query: str
    mode: str
    total: int = Field(description="passages relevant enough to list (confidence at or above the floor "
                                   "in hybrid mode; at least the best one), before paging")
    answer_confidence: str | None = Field(
        None, description="low | medium | high for the rank-1 answer; low means nothing answers well")
    offset: int
    k: int
    took_ms: float
    direct_answer: DirectAnswer | None = Field(
        None, description="the fact asked for, from the one agreement record the top results point "
                          "to; null when no record answers with confidence (and on pages after the first)")
    hits: list[SearchHit]


class DocumentChunk(BaseModel):
    chunk_id: str
    start: int
    end: int


class DocumentResponse(BaseModel):
    doc_id: str
    title: str
    date: str | None
    lang: str
    source: str
    parties: list[str]
    text: str
    chunks: list[DocumentChunk]


class HealthResponse(BaseModel):
    status: Literal["ok"]


class ReloadStatus(BaseModel):
    last_reload_error: str | None = Field(
        description="why the last reload failed (CURRENT unreadable, a version that does not "
                    "load, ...), one line; null once a version loads or CURRENT is sound again")
    last_reload_error_at: str | None = Field(description="when that happened (ISO, UTC)")
    reload_poll_seconds: float = Field(description="how often CURRENT is checked; 0: not watched")
    last_reload_check_at: str | None = Field(description="the watcher's last look at CURRENT")


class ReadyResponse(ReloadStatus):
    status: Literal["ready"]
    version: str
    documents: int
    chunks: int
    encoder: dict
    built_at: str | None
    loaded_at: str


class NotReadyResponse(ReloadStatus):
    error: Literal["not_ready"]
    status: Literal["loading"]
    message: str


class MetricsResponse(BaseModel):
    """Admission of searches since the server started (see MOU_SEARCH_MAX_CONCURRENT)."""

    in_flight: int = Field(description="searches holding a slot now")
    queued: int = Field(description="searches waiting for a slot now")
    max_concurrent: int
    max_queue: int
    timeout_ms: int = Field(description="deadline of every search, queueing included")
    accepted: int = Field(description="searches given a slot")
    rejected: int = Field(description="refused at once with 503: every slot busy, queue full")
    timed_out: int = Field(description="answered 503 at their deadline (queued or computing)")
    completed: int = Field(description="answered within their deadline")
    failed: int = Field(description="searches that raised an error")


class ReloadResponse(BaseModel):
    reloaded: bool
    version: str | None
    previous_version: str | None
    message: str


# -- agreement records -------------------------------------------------------------------------
AGREEMENT_KINDS = ("mou", "moc", "agreement", "loi", "exchange_of_letters", "other")
DAY_PATTERN = f"^ *(?:{_YEAR}-{_DAY})? *$"   # or blank: no filter
_DAY_VALID = re.compile(DAY_PATTERN)
DEFAULT_AGREEMENTS_K = 20


class AgreementsRequest(BaseModel):
    """Filters of GET /api/agreements; every one optional, blank means no filter.

    ``agreements_model(limits)`` makes the class the server validates with. Beyond what the
    schema says, an inverted signing range (``signed_from`` after ``signed_to``) is refused."""

    model_config = ConfigDict(extra="ignore")
    LIMITS: ClassVar[Limits] = Limits()

    party: str | None = Field(None, description="a party: a country in any name form (Laos, ลาว, "
                                                "สปป.ลาว, Lao PDR) or part of an organisation's name",
                              json_schema_extra={"maxLength": MAX_PARTY_CHARS, "pattern": TEXT_PATTERN})
    kind: Literal["mou", "moc", "agreement", "loi", "exchange_of_letters", "other", ""] | None = Field(
        None, description="kind of agreement; empty: any")
    in_force_on: str | None = Field(
        None, description="only records known to be in force on this day (YYYY-MM-DD; Buddhist Era "
                          "year accepted): signed on or before it and valid until on or after it, or "
                          "open-ended. A record with no known end is not claimed to be in force",
        json_schema_extra={"pattern": DAY_PATTERN})
    signed_from: str | None = Field(None, description="signed on or after: YYYY, YYYY-MM or YYYY-MM-DD",
                                    json_schema_extra={"pattern": DATE_PATTERN})
    signed_to: str | None = Field(None, description="signed on or before, as signed_from",
                                  json_schema_extra={"pattern": DATE_PATTERN})
    q: str | None = Field(None, description="words that must all occur in the record's name, parties "
                                            "or areas (Thai or English)")
    k: int = Field(DEFAULT_AGREEMENTS_K, description="records to return")
    offset: int = Field(0, description="records to skip (paging)")

    @field_validator("party", "q", "kind", mode="before")
    @classmethod
    def _blank_is_none(cls, value):
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("in_force_on", "signed_from", "signed_to", mode="before")
    @classmethod
    def _spaces_are_none(cls, value):
        return None if isinstance(value, str) and not value.strip(" ") else value

    @field_validator("party")
    @classmethod
    def _party(cls, value):
        return _party_value(value)

    @field_validator("q")
    @classmethod
    def _q(cls, value):
        if value is None:
            return None
        limit = cls.LIMITS.max_query_chars
        if len(value) > limit:
            raise ValueError(f"q is {len(value)} characters long; the limit is {limit}")
        return _check_text(value, "q").strip()

    @field_validator("in_force_on")
    @classmethod
    def _day(cls, value):
        if value is None:
            return None
        if not _DAY_VALID.fullmatch(value):
            raise ValueError(f"{value!r:.40} is not a day: use YYYY-MM-DD")
        return _parse_date(value, end=False)

    @field_validator("signed_from")
    @classmethod
    def _from(cls, value):
        return None if value is None else _parse_date(value, end=False)

    @field_validator("signed_to")
    @classmethod
    def _to(cls, value):
        return None if value is None else _parse_date(value, end=True)

    @field_validator("k", "offset", mode="before")
    @classmethod
    def _int_type(cls, value, info):
        return _integer(value, info.field_name)

    @field_validator("k", "offset")
    @classmethod
    def _bounds(cls, value, info):
        low, high = (1, cls.LIMITS.max_k) if info.field_name == "k" else (0, cls.LIMITS.max_offset)
        return _between(value, info.field_name, low, high)

    @model_validator(mode="after")
    def _range(self):
        if self.signed_from and self.signed_to and self.signed_from > self.signed_to:
            raise ValueError(f"signed_from ({self.signed_from}) is after signed_to ({self.signed_to})")
        return self


def agreements_model(limits: Limits) -> type[AgreementsRequest]:
    """The GET query model of /api/agreements for ``limits``, with the limits in its schema."""
    bounds = {"q": {"maxLength": limits.max_query_chars, "pattern": TEXT_PATTERN},
              "k": {"minimum": 1, "maximum": limits.max_k},
              "offset": {"minimum": 0, "maximum": limits.max_offset}}
    fields = {}
    for name, extra in bounds.items():
        info = AgreementsRequest.model_fields[name]
        fields[name] = (info.annotation, Field(info.default, description=info.description,
                                               json_schema_extra=extra))
    model = create_model("AgreementsRequest", __base__=AgreementsRequest,
                         __doc__=AgreementsRequest.__doc__, **fields)
    model.LIMITS = limits
    return model


class EvidenceLink(EvidenceSpan):
    title: str = Field(description="the document's title")
    date: str | None
    lang: str
    source: str
    sentence: str = Field(description="the evidence sentence, text[start:end] of the document")


class AgreementFact(BaseModel):
    type: str
    value: Any = Field(description="ISO date, {years, months, days}, {open_ended: true}, "
                                   "{amount, currency}, {name, title, party} or text")
    text: str = Field(description="the words of the source the value came from")
    computed: bool = Field(False, description="derived (valid_until from signing + duration), not stated")
    confidence: float
    evidence: list[EvidenceLink]
    conflicts: list[dict] = Field(default_factory=list, description="other values seen for this fact")


class AgreementSummary(BaseModel):
    id: str
    kind: str
    name: str | None
    parties: list[str]
    stage: str | None
    signed_date: str | None
    valid_until: str | None
    valid_until_computed: bool = False
    open_ended: bool = False
    areas: list[str]
    documents: list[str]


class AgreementsResponse(BaseModel):
    total: int = Field(description="records that match (before paging)")
    offset: int
    k: int
    agreements: list[AgreementSummary]


class LinkedDocument(BaseModel):
    doc_id: str
    title: str
    date: str | None
    lang: str
    source: str


class AgreementDetail(AgreementSummary):
    facts: list[AgreementFact]
    linked_documents: list[LinkedDocument]
    history: list[AgreementSummary] = Field(description="records of the same partners and topic, oldest first")
