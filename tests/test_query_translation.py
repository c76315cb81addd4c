"""English questions over Thai passages: the question's Thai form (indexer.query_translation)."""
import pytest

from indexer.analysis import analyze_query
from indexer.query_translation import thai_form


def test_thai_form_replaces_dictionary_words_and_keeps_names():
    form = thai_form("Which company did the National Savings Fund sign an MOU with in March 2022?")
    assert "บริษัท" in form and "กองทุน" in form and "การออม" in form and "มีนาคม" in form
    assert "national" in form                  # not in the dictionary: kept as written
    assert "2565" in form and "2022" in form   # 2022 CE is 2565 in the Buddhist Era


def test_longest_phrase_wins_and_plurals_match():
    form = thai_form("migrant workers and the prime minister")
    assert "แรงงานต่างด้าว" in form and "นายกรัฐมนตรี" in form
    assert "ประเทศ" not in form


def test_nothing_to_translate_gives_none():
    assert thai_form("ASEAN TELMIN 16") is None
    assert thai_form("") is None


def test_thai_form_analyzes_to_thai_units():
    units = analyze_query(thai_form("community learning centres against poverty"))[1]
    assert {"ชุมชน", "ความยากจน", "ศูนย์"} <= set(units)


@pytest.mark.model
def test_english_question_finds_the_thai_passage_through_its_thai_form(real_searcher):
    query = "community ICT learning centres to reduce poverty in Laos"
    pool = real_searcher.candidates(query, "hybrid")
    assert pool.thai_idf is not None and "ความยากจน" in pool.thai_idf
    english_only = real_searcher.index.bm25.scores(analyze_query(query)[1])[pool.rows]
    poverty = [i for i, r in enumerate(pool.rows) if "ความยากจน" in real_searcher._chunk_text(int(r))]
    assert poverty and all(pool.lexical[i] > english_only[i] for i in poverty)
    top = real_searcher.search(query, k=3).results
    assert any("ความยากจน" in h.text for h in top), [h.text[:60] for h in top]


@pytest.mark.model
def test_thai_question_has_no_thai_form(real_searcher):
    assert real_searcher.candidates("MoU ไทย-ลาว มีอายุกี่ปี", "hybrid").thai_idf is None


def test_inflected_and_possessive_words_find_their_dictionary_entry():
    form = thai_form("the health ministry's volunteers developing herbs, authorizing")
    assert "สาธารณสุข" in form and "อาสาสมัคร" in form and "พัฒนา" in form and "สมุนไพร" in form
    assert "มอบหมาย" in form          # authorizing -> authorize
    assert thai_form("needed") is None   # "need" is not in the dictionary: nothing invented
