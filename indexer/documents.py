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
# Limits on what a document may carry (README, "Ingesting files"). A longer text is refused;
# a metadata field over its limit is cut or ignored, and the build reports it as a note.
MAX_TEXT_CHARS = 1_000_000   # ~300k encoder tokens, minutes of embedding: split bigger files
MAX_TITLE_CHARS = 300        # the title is embedded with every chunk of the document
MAX_SOURCE_CHARS = 2_000
MAX_DATE_CHARS = 64
MAX_LANG_CHARS = 16
MAX_PARTIES = 50
MAX_PARTY_CHARS = 100
DETECTED_TITLE_CHARS = 200   # a first line used as the title
DETECT_HEAD_CHARS = 20_000   # title, source, language and countries are detected in the head
_LANG = re.compile(r"[a-z]{2}")


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
    notes: list[str] = field(default_factory=list)  # metadata that was cut or ignored, and why

    def metadata(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k not in ("text", "notes")}


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
    for line in text[:DETECT_HEAD_CHARS].splitlines():
        line = line.strip()[:DETECTED_TITLE_CHARS]
        if len(normalize_for_match(line)) >= 8:
            return line
    return ""


def cut_title(title: str) -> str:
    """One line of at most MAX_TITLE_CHARS, cut at a space when there is one near the end."""
    title = " ".join(title[:4 * MAX_TITLE_CHARS].split())
    if len(title) <= MAX_TITLE_CHARS:
        return title
    cut = title.rfind(" ", MAX_TITLE_CHARS // 2, MAX_TITLE_CHARS)
    return title[:cut if cut > 0 else MAX_TITLE_CHARS]


def clean_metadata(meta: dict) -> tuple[dict, list[str]]:
    """``meta`` with every field within its limit: (fields kept, notes on what was cut or ignored).

    The one place where metadata from front matter, sidecars, PDF/Word properties and HTML
    meta tags is bounded before anything uses it.
    """
    out, notes = {}, []
    title = meta.get("title")
    if title not in (None, ""):
        title = str(title)
        out["title"] = cut_title(title)
        if len(title) > MAX_TITLE_CHARS:
            notes.append(f"title is {len(title):,} characters, cut to {len(out['title'])}")
    date = meta.get("date")
    if date not in (None, ""):
        if len(str(date)) > MAX_DATE_CHARS:
            notes.append(f"date is {len(str(date)):,} characters, over {MAX_DATE_CHARS}: ignored")
        else:
            out["date"] = str(date)
    lang = meta.get("lang") or meta.get("language")
    if lang not in (None, ""):
        value = str(lang)[:MAX_DATE_CHARS].strip().lower()
        if len(value) <= MAX_LANG_CHARS and _LANG.fullmatch(value[:2]):  # "th", "en-GB", "English"
            out["lang"] = value[:2]
        else:
            notes.append(f"lang {str(lang)[:20]!r} is not a language code: detected instead")
    source = meta.get("source") or meta.get("url")
    if source not in (None, ""):
        source = str(source).strip()
        if len(source) > MAX_SOURCE_CHARS or "\n" in source:
            notes.append(f"source is {len(source):,} characters or several lines: ignored")
        else:
            out["source"] = source
    parties = meta.get("parties")
    if isinstance(parties, str):
        parties = [p.strip() for p in parties[:MAX_PARTIES * (MAX_PARTY_CHARS + 2)].split(",") if p.strip()]
    if parties:
        listed = parties if isinstance(parties, list) else [parties]
        kept = [" ".join(str(p).split())[:MAX_PARTY_CHARS] for p in listed[:MAX_PARTIES]]
        kept = [p for p in kept if p]
        if len(listed) > MAX_PARTIES or any(len(str(p)) > MAX_PARTY_CHARS for p in listed[:MAX_PARTIES]):
            notes.append(f"parties cut to {len(kept)} of at most {MAX_PARTY_CHARS} characters each")
        if kept:
            out["parties"] = kept
    return out, notes


def build_document(doc_id: str, body: str, meta: dict, digest: str) -> Document:
    """A document from its body and whatever metadata came with it; the rest is detected.

    Detection reads the head of the text only (DETECT_HEAD_CHARS), so its cost is bounded
    whatever the size of the file.
    """
    if len(body) > MAX_TEXT_CHARS:
        raise DocumentError(f"text is {len(body):,} characters, over the {MAX_TEXT_CHARS:,} limit "
                            "(split the file)")
    if not _WORD_CHAR.search(body):
        raise DocumentError("no extractable text")
    page = read_page_copy(body) if not meta.get("title") else None
    if page is not None:  # a saved news page: headline, date line and page furniture (page_copy)
        body = page.text
        meta = {"title": page.title, "date": page.date, **{k: v for k, v in meta.items() if v}}
    section = " ".join(page.section.split())[:MAX_TITLE_CHARS] if page is not None else ""
    meta, notes = clean_metadata(meta)
    head = body[:DETECT_HEAD_CHARS]
    date = parse_date(meta["date"]) if "date" in meta else None
    if date is None:
        found = find_dates(body[:1000])
        date = found[0].isoformat() if found else None
    return Document(
        doc_id=doc_id,
        text=body,
        title=meta.get("title") or detect_title(head),
        date=date,
        lang=meta.get("lang") or detect_lang(head),
        source=meta.get("source") or detect_source(head)[:MAX_SOURCE_CHARS],
        parties=meta.get("parties") or detect_parties(head),
        content_hash=digest,
        section=section,
        notes=notes,
    )


def read_text_document(path: Path, doc_id: str, data: bytes) -> Document:
    """A UTF-8 text or Markdown file, with optional front matter."""
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"not valid UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    meta, body = parse_front_matter(raw)
    return build_document(doc_id, body, meta, content_hash(data))
