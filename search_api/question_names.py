"""The names an English question spells, and whether an English document shown for it spells them too.

"When was the MOU between the Department of Empowerment of Persons with Disabilities and Siam
Makro signed?" names its agreement by its parties. An English release about OSMEP and UN Women
that ranks first for it ("Empowerment") reports another agreement, and its signing date answers
another question. A direct answer read from an English document is given only when that document,
as the results show it (the title and the passages of it among the hits), spells every name the
question spells: each capitalised word but the first, country names and their adjectives, months
and weekdays, and acronyms (a release may spell out "NSTDA" in full). A Thai document is not held
to English names: it writes them in Thai.
"""
from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9&.-]*")
# question words and the agreement's own kind: capitalised where a title-cased question writes them
_NOT_NAMES = {"when", "what", "which", "who", "whom", "where", "why", "how", "did", "does", "do", "was", "were",
              "is", "are", "will", "has", "have", "the", "a", "an", "and", "of", "on", "for", "with", "in", "to",
              "mou", "mous", "moc", "mocs", "loi", "memorandum", "memoranda", "understanding", "agreement",
              "cooperation", "letter", "intent"}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


@lru_cache(maxsize=1)
def _unnamed() -> frozenset[str]:
    """Words that name no agreement's party by themselves: countries and their adjectives, months."""
    from indexer.agreements.parties import ALL_COUNTRIES
    from indexer.dates import ENGLISH_MONTHS
    from indexer.query_translation import COUNTRY_NAMES

    words = set(_NOT_NAMES) | _WEEKDAYS | set(ENGLISH_MONTHS)
    for name, forms in [*ALL_COUNTRIES.items(), *((n, ()) for n in COUNTRY_NAMES)]:
        for form in (name, *forms):
            words.update(w.lower() for w in re.findall(r"[A-Za-z]+", form))
    return frozenset(words)


def question_names(query: str) -> tuple[str, ...]:
    """The capitalised words of an English question that name something (see module doc), in order;
    none for a question with Thai in it."""
    if re.search(r"[\u0e00-\u0e7f]", query):
        return ()
    names = []
    for m in _WORD.finditer(query):
        if m.start() == len(query) - len(query.lstrip()):
            continue   # the question's first word is capitalised as a sentence's
        for part in m.group(0).strip(".-").split("-"):   # "Thailand-China", "Mekong-Lancang"
            if not part or not part[0].isupper() or (part.isupper() and len(part) >= 2):
                continue
            if part.lower() not in _unnamed():
                names.append(part)
    return tuple(dict.fromkeys(names))


def spells(names: tuple[str, ...], shown: str) -> bool:
    """Whether ``shown`` (an English document's title and passages) has each of ``names`` at the start of
    a word, ignoring case ("Disabilities", "Makro's")."""
    low = shown.lower()
    return all(re.search(rf"\b{re.escape(n.lower())}", low) for n in names)
