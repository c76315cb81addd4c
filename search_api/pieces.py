"""A text cut at white space into pieces that newmm segments on their own as it would the whole.

newmm (PyThaiNLP's segmenter) never puts a word across white space (spaces, tabs, line breaks),
except for the dictionary's few words that hold a space (the analyzer's dictionary, which holds
newmm's own) ("สปป. ลาว", "ดี ๆ", "กระทรวงการอุดมศึกษา
วิทยาศาสตร์ วิจัยและนวัตกรรม"): a piece reaches over those. A piece is segmented with the white
space that follows it, because newmm reads a word at the very end of a text otherwise than
before a space ("แบกเตรีย (Bactrian)"). Pieces recur across passages far more than passages do,
so their words are cached, and a piece without any query term need not be segmented at all
(``search_api.highlight``).
``python -m eval.highlight_equivalence`` checks pieces against whole passages on an index.
"""
from __future__ import annotations

import re
from functools import lru_cache

from indexer.analysis import _segmenter_dict

# newmm's white space: spaces, tabs, line breaks (a lone carriage return is not)
_BLANK = re.compile(r"(?:[ \t]|\r?\n)+")


@lru_cache(maxsize=1)
def _spaced_words() -> dict[str, list[tuple[str, str]]]:
    """The segmenter's words that hold a space ("สปป. ลาว", "ดี ๆ", "กระทรวงการอุดมศึกษา
    วิทยาศาสตร์ วิจัยและนวัตกรรม"): (the part before the first space, the word), by the
    characters either side of that space."""
    out: dict[str, list[tuple[str, str]]] = {}
    for word in _segmenter_dict():
        at = word.find(" ")
        if 0 < at < len(word) - 1:
            out.setdefault(word[at - 1] + word[at + 1], []).append((word[:at], word))
    return out


def white_space_pieces(text: str) -> list[tuple[int, int]]:
    """[start, end) of the runs of ``text`` between white space, joined where a dictionary
    word with a space is written across it (newmm could put a word across that space only)."""
    spaced = _spaced_words()
    out: list[tuple[int, int]] = []
    across: list[tuple[int, int]] = []   # the gaps a word with a space covers
    pos = 0
    for m in _BLANK.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
        for head, word in spaced.get(text[m.start() - 1:m.start()] + text[m.end():m.end() + 1], ()):
            if text.startswith(word, m.start() - len(head)):
                across.append((m.start() - len(head), m.start() - len(head) + len(word)))
    if pos < len(text):
        out.append((pos, len(text)))
    if not across:
        return out
    merged = [out[0]]
    for a, b in out[1:]:
        gap = (merged[-1][1], a)
        if any(s < gap[1] and e > gap[0] for s, e in across):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged
