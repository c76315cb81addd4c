"""Highlighting segments only the pieces of a passage that can hold a query term: the spans
must be those of segmenting the whole passage (what users saw before), on real text."""
from pathlib import Path

import pytest

from indexer.analysis import query_analysis
from search_api import highlight

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def whole(text: str, terms: set[str]) -> list[tuple[int, int, str]]:
    """The spans of the whole passage segmented at once."""
    spans = []
    for start, end, word_terms in highlight._segmented(text):
        common = word_terms & terms
        if common:
            plain = sorted(t for t in common if not t.startswith("~"))
            spans.append((start, end, plain[0] if plain else sorted(common)[0]))
    return spans


QUESTIONS = [
    "MoU ไทย-ลาว มีอายุกี่ปี",
    "how long does the Laos MoU last",
    "กระทรวงดีอีลงนามบันทึกความร่วมมือด้านการไปรษณีย์กับ สปป. ลาว เมื่อไร",
    "which areas does the Finland MoU cover",
    "ใครลงนามในบันทึกความเข้าใจด้านเทคโนโลยีดิจิทัล",
    "what policies and agreements did the ministries sign",
]


@pytest.mark.parametrize("doc", sorted(p.name for p in CORPUS.glob("*.md")))
def test_spans_are_those_of_the_whole_passage(doc):
    text = (CORPUS / doc).read_text(encoding="utf-8")
    found = 0
    for question in QUESTIONS:
        terms = set(query_analysis(question)[0])
        spans = highlight.highlights(text, terms)
        assert spans == whole(text, terms), question
        found += len(spans)
    assert found > 0


@pytest.mark.parametrize("text, question, marked", [
    # a dictionary word with a space: the piece reaches over it ("สปป. ลาว" is one word)
    ("การหารือร่วมกับ สปป. ลาว ในครั้งนี้", "สปป. ลาว", "สปป. ลาว"),
    # "ดี ๆ" is one word too: "โอกาสดี" must not come out of a piece cut at its space
    ("เพื่อเป็นการมอบโอกาสดี ๆให้แก่ลูกค้า", "โอกาส", "โอกาส"),
    # a word at the end of a piece is read as before a space, not as at the end of a text
    ("อินเดียและแบกเตรีย (Bactrian) และตั้งแต่", "แบกเตรีย", None),
    # the S-stemmer: "policies" is the term "policy", which "policies" does not hold
    ("Both sides reviewed their policies on data.", "policy", "policies"),
])
def test_pieces_keep_the_whole_passage_words(text, question, marked):
    terms = set(query_analysis(question)[0])
    spans = highlight.highlights(text, terms)
    assert spans == whole(text, terms)
    if marked is not None:
        assert marked in [text[a:b] for a, b, _ in spans]


def test_passage_without_any_query_term_is_not_segmented(monkeypatch):
    calls = []
    real = highlight._segmented
    monkeypatch.setattr(highlight, "_segmented", lambda t: calls.append(t) or real(t))
    text = "รัฐมนตรีว่าการกระทรวงการต่างประเทศเดินทางเยือนญี่ปุ่นอย่างเป็นทางการ 3 วัน"
    assert highlight.highlights(text, set(query_analysis("อายุของบันทึกความเข้าใจ")[0])) == []
    assert calls == []
