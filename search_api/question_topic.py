"""What an English question says its agreement is about, beside its parties and the fact it asks.

"When was the poverty eradication MoU between the social development, higher education and
interior ministries signed?" names three ministries, and the MoU of twelve ministries on children
has them all: only "poverty eradication" tells the two apart. ``topic_words`` are those words of
a question: its content words written in lower case that are neither asking words, agreement
words, nor words of the ministries the question names. An English report that holds none of them
but the words of its record's party names (in its title, its shown passages or the record's name
and areas: ``holds_topic``) is about another agreement (``search_api.direct_answer``). A Thai question names its
agreement's field after "ด้าน" ("MOU ความร่วมมือด้านการเกษตร"): a record whose Thai areas and name
state other fields only is another agreement (``states_other_field``).
"""
from __future__ import annotations

import re

from indexer.analysis import ENGLISH_STOPWORDS
from indexer.agreements.areas import LISTED
from indexer.textnorm import THAI_RANGE

# words every question about an agreement may use, whatever the agreement is about
_GENERIC = frozenset("""
mou mous moc memorandum memoranda understanding agreement agreements accord deal letter intent cooperation
collaboration partnership sign signed signs signing signatory signatories inked ink party parties side sides
ministry ministries minister ministers department departments office offices agency agencies government
governments cabinet approve approved approval endorse endorsed thailand thai kingdom country countries
between with long last lasts valid validity term duration year years month months date day days time
still force effect expire expires expired until where venue place held take took city when which what
whom many much ceremony organisation organisations organization organizations body bodies institution
institutions company companies bank banks university universities national royal public first second
represent represented representing behalf authorised authorized assigned designated appointed
cover covers covering areas area fields field scope include includes including amount value budget worth
extend extends extended extending extension renew renewed renewal amend amended amendment draft
""".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z']{3,}")


def _stem(word: str) -> str:
    return word.lower().removesuffix("'s")[:6]


def topic_words(query: str) -> set[str]:
    """The (6-letter stems of the) lower-case content words of an English ``query`` that are not
    generic and not in the names of the ministries the question names; empty for a Thai question.
    A record's own party names are taken out where it is checked (``holds_topic``)."""
    if THAI_RANGE.search(query):
        return set()
    from indexer.agreements.ministries import english_ministries

    ministry_words = {_stem(w) for n, _k in english_ministries(query) for w in _WORD.findall(n)}
    # words as written in lower case: a name or an acronym ("GGGI", "ONEP") a report may write otherwise
    # ("the Global Green Growth Institute") is checked as a name, if at all (``question_names``)
    return {_stem(w) for w in _WORD.findall(query)
            if w.islower() and w not in ENGLISH_STOPWORDS and w not in _GENERIC} - ministry_words


def holds_topic(words: set[str], record: dict, shown: str) -> bool:
    """Whether ``shown`` (English text) has a word beginning with one of ``words`` that is not a word
    of ``record``'s party names (none left: yes)."""
    words = words - {_stem(w) for p in record.get("parties") or () if isinstance(p, str) for w in _WORD.findall(p)}
    if not words:
        return True
    stems = {_stem(w) for w in _WORD.findall(shown)}
    return bool(words & stems)


# the field a Thai question names its agreement by: "MOU ความร่วมมือด้านการเกษตร ไทย-เนเธอร์แลนด์"
_THAI_FIELD = re.compile(r"ด้าน(?!ใด|ไหน|อะไร|ต่าง)(?:การ)?([\u0e00-\u0e7f]{3,})")
_FIELD_STEM = 4   # letters of the field compared ("เกษตร" in "การเกษตร", "เกษตรกรรม")


def thai_field(query: str) -> str | None:
    """The first letters of the field a Thai question names after "ด้าน", or None."""
    m = _THAI_FIELD.search(query)
    return m[1][:_FIELD_STEM] if m else None


def states_other_field(field: str | None, record: dict) -> bool:
    """Whether ``record`` states its fields (areas, or a name) and none of them is ``field``: the
    agriculture MoU asked about is not the record of the water-management one."""
    if not field:
        return False
    # the fields the agreement is named by ("ความร่วมมือด้าน..."), not the items of a list the article gives of
    # what it will do ("... มีจำนวน 3 เรื่อง ได้แก่ การบริหารจัดการควบคุมไฟป่า ...", ``areas.LISTED``)
    stated = [str(f.get("value")) for f in record.get("facts", ())
              if f.get("type") == "name" or f.get("type") == "area" and f.get("confidence", 0) < LISTED]
    stated = [v for v in stated if THAI_RANGE.search(v)]
    return bool(stated) and not any(field in v for v in stated)
