"""Documents of a corpus folder: text as written plus metadata (front matter, else detected)."""
from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from indexer.dates import find_dates, parse_date
from indexer.glossary import COUNTRIES
from indexer.page_copy import read_page_copy
from indexer.textnorm import detect_lang, normalize_for_match

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_SOURCE_LABEL = re.compile(r"(?:ที่มา|แหล่งที่มา|source)\s*:?\s*(https?://[^\s<>\"')\]]+)", re.I)
_WORD_CHAR = re.compile(r"[^\W_]")
METADATA_FIELDS = ("title", "date", "lang", "source", "parties")


@dataclass
class Document:
    doc_id: str            # path relative to the corpus root, POSIX, with extension
    text: str              # the body as written (front matter removed)
    title: str = ""
    date: str | None = None  # ISO 8601, Gregorian; a bare year or year-month when that is all we know
    lang: str = "en"
    source: str = ""
    parties: list[str] = field(default_factory=list)
    content_hash: str = ""
    section: str = ""        # the site section a web-page copy names in its title line

    def metadata(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k != "text"}


class DocumentError(Exception):
    """A file that cannot become a document; the message says why, for the build summary."""


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_front_matter(raw: str) -> tuple[dict, str]:
    """``key: value`` lines between ``---`` fences; values may be JSON (lists, quoted strings)."""
    m = FRONT_MATTER.match(raw)
    if not m:
        return {}, raw
    meta: dict = {}
    for line in m[1].splitlines():
        key, sep, value = line.partition(":")
        if not sep or not key.strip() or line[:1].isspace():
            continue
        value = value.strip()
        try:
            meta[key.strip().lower()] = json.loads(value)
        except ValueError:
            if value.startswith("[") and value.endswith("]"):
                meta[key.strip().lower()] = [v.strip(" '\"") for v in value[1:-1].split(",") if v.strip()]
            else:
                meta[key.strip().lower()] = value.strip("'\"")
    return meta, raw[m.end():]


PARTIES_CACHE_SIZE = 1024
_parties_cache: OrderedDict[bytes, tuple[str, ...]] = OrderedDict()
_parties_lock = threading.Lock()


def detect_parties(text: str) -> list[str]:
    """Countries named in ``text`` (English or Thai names), most mentioned first.

    Remembered by the text's digest: segmenting a whole document is most of the time it takes
    to read one, and a corpus can hold the same text under many names.
    """
    key = hashlib.sha256(text.encode("utf-8")).digest()
    with _parties_lock:
        if key in _parties_cache:
            _parties_cache.move_to_end(key)
            return list(_parties_cache[key])
    found = _detect_parties(text)
    with _parties_lock:
        _parties_cache[key] = tuple(found)
        if len(_parties_cache) > PARTIES_CACHE_SIZE:
            _parties_cache.popitem(last=False)
    return found


def _detect_parties(text: str) -> list[str]:
    from indexer.analysis import analyze

    counts: dict[str, int] = {}
    for term in analyze(text):
        if term.startswith("~country:"):
            key = term[len("~country:"):]
            counts[key] = counts.get(key, 0) + 1
    names = {name.lower().replace(" ", "_"): name for name in COUNTRIES}
    return [names[k] for k, _ in sorted(counts.items(), key=lambda kv: -kv[1])]


def detect_source(text: str) -> str:
    m = _SOURCE_LABEL.search(text)
    return m[1].rstrip(".,;") if m else ""


def detect_title(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if len(normalize_for_match(line)) >= 8:
            return line[:200]
    return ""


def build_document(doc_id: str, body: str, meta: dict, digest: str) -> Document:
    """A document from its body and whatever metadata came with it; the rest is detected."""
    if not _WORD_CHAR.search(body):
        raise DocumentError("no extractable text")
    page = read_page_copy(body) if not meta.get("title") else None
    if page is not None:  # a saved news page: headline, date line and page furniture (page_copy)
        body = page.text
        meta = {"title": page.title, "date": page.date, "section": page.section, **{
            k: v for k, v in meta.items() if v}}
    date = meta.get("date")
    date = parse_date(str(date)) if date else None
    if date is None:
        head = find_dates(body[:1000])
        date = head[0].isoformat() if head else None
    parties = meta.get("parties")
    if isinstance(parties, str):
        parties = [p.strip() for p in parties.split(",") if p.strip()]
    lang = str(meta.get("lang") or meta.get("language") or detect_lang(body)).lower()[:2]
    return Document(
        doc_id=doc_id,
        text=body,
        title=str(meta.get("title") or detect_title(body)),
        date=date,
        lang=lang,
        source=str(meta.get("source") or meta.get("url") or detect_source(body)),
        parties=list(parties) if parties else detect_parties(body),
        content_hash=digest,
        section=str(meta.get("section") or ""),
    )


def read_text_document(path: Path, doc_id: str, data: bytes) -> Document:
    """A UTF-8 text or Markdown file, with optional front matter."""
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"not valid UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    meta, body = parse_front_matter(raw)
    return build_document(doc_id, body, meta, content_hash(data))
