"""Request and response bodies of the search API, with the input limits users run into."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

MODES = ("hybrid", "dense", "lexical")
LANGS = ("th", "en")
MAX_PARTY_CHARS = 100
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def _limit(info: ValidationInfo, name: str, default: int) -> int:
    return int((info.context or {}).get(name, default))


def _check_text(value: str, what: str) -> str:
    for ch in value:
        cat = unicodedata.category(ch)
        if (cat == "Cc" and ch not in _ALLOWED_CONTROLS) or cat == "Cs":
            raise ValueError(f"{what} contains a control character (U+{ord(ch):04X}); remove it")
    return value


def _parse_date(value: str, end: bool) -> str:
    """'2017' / '2017-05' / '2017-05-03' (Buddhist Era years such as 2560 accepted) -> ISO day."""
    m = _DATE.fullmatch(value.strip())
    if not m:
        raise ValueError(f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(m[1])
    if year >= 2400:       # Buddhist Era (พ.ศ.), as Thai users write years
        year -= 543
    month = int(m[2]) if m[2] else (12 if end else 1)
    try:
        if m[3]:
            return dt.date(year, month, int(m[3])).isoformat()
        first = dt.date(year, month, 1)
    except ValueError:
        raise ValueError(f"{value!r} is not a valid date") from None
    if not end:
        return first.isoformat()
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).isoformat()


class SearchRequest(BaseModel):
    """A question and its filters. GET takes the same names as query parameters."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"q": "MoU ไทย-ลาว มีอายุกี่ปี", "k": 10},
                     {"q": "how long does the Laos MoU last", "lang": "en", "date_from": "2022"}]})

    q: str = Field(description="the question or keywords, Thai or English (at most 1000 characters)")
    k: int = Field(10, description="passages to return, 1..100")
    offset: int = Field(0, ge=0, description="passages to skip (paging)")
    mode: Literal["hybrid", "dense", "lexical"] = "hybrid"
    lang: Literal["th", "en"] | None = Field(None, description="only documents in this language")
    date_from: str | None = Field(None, description="documents dated on or after: YYYY, YYYY-MM or YYYY-MM-DD")
    date_to: str | None = Field(None, description="documents dated on or before: YYYY, YYYY-MM or YYYY-MM-DD")
    party: str | None = Field(None, description="a country party to the agreement, English or Thai name")

    @field_validator("lang", "date_from", "date_to", "party", mode="before")
    @classmethod
    def _blank_is_none(cls, value):
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("q")
    @classmethod
    def _query(cls, value: str, info: ValidationInfo) -> str:
        limit = _limit(info, "max_query_chars", 1000)
        if not value.strip():
            raise ValueError("the query is empty: type a question or some keywords")
        if len(value) > limit:
            raise ValueError(f"the query is {len(value)} characters long; the limit is {limit}")
        return _check_text(value, "the query").strip()

    @field_validator("k")
    @classmethod
    def _k(cls, value: int, info: ValidationInfo) -> int:
        limit = _limit(info, "max_k", 100)
        if not 1 <= value <= limit:
            raise ValueError(f"k must be between 1 and {limit}")
        return value

    @field_validator("offset")
    @classmethod
    def _offset(cls, value: int, info: ValidationInfo) -> int:
        limit = _limit(info, "max_offset", 1000)
        if value > limit:
            raise ValueError(f"offset must be at most {limit}")
        return value

    @field_validator("party")
    @classmethod
    def _party(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if len(value) > MAX_PARTY_CHARS:
            raise ValueError(f"party is longer than {MAX_PARTY_CHARS} characters")
        return _check_text(value, "party").strip()

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
    scores: Scores
    highlights: list[Highlight] = Field(description="words of the passage matching query terms")
    matched_terms: list[str]
    parties: list[str]
    doc_start: int = Field(description="offset of the passage in the whole document")
    doc_end: int


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


class ReadyResponse(BaseModel):
    status: Literal["ready"]
    version: str
    documents: int
    chunks: int
    encoder: dict
    built_at: str | None
    loaded_at: str
    last_reload_error: str | None


class ReloadResponse(BaseModel):
    reloaded: bool
    version: str | None
    previous_version: str | None
    message: str
