"""English names and Thai words in Latin letters found in Thai script (``indexer.name_sounds``),
and English questions over Thai pages."""
import shutil
from pathlib import Path

import pytest

from indexer.name_sounds import (MAX_NAMES, best_spellings, english_skeleton, find_names, name_runs,
                                 name_words, reads_as_thai, spell_runs, thai_skeleton)

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
THAI_2022 = (CORPUS / "002-th-thailand-laos-mou-2022.md").read_text(encoding="utf-8")
THAI_2017 = (CORPUS / "004-th-thailand-laos-first-ict-mou-2017.md").read_text(encoding="utf-8")


def test_the_ministers_english_releases_name_are_found_in_the_thai_release():
    """The English releases of the 2022 Laos MoU name the two ministers in Latin letters, the Thai
    one in Thai: each name is found as the Thai release spells it."""
    names = ("Chaiwut", "Thanakamanusorn", "Boviengkham", "Vongdara")
    assert best_spellings(names, [THAI_2022]) == {
        "Chaiwut": "ชัยวุฒิ", "Thanakamanusorn": "ธนาคมานุสรณ์",
        "Boviengkham": "บ่อเวียงคำ", "Vongdara": "วงดาลา"}


def test_a_name_a_text_does_not_spell_is_not_found():
    """The 2017 release names other people: the 2022 ministers are not found in it, nor are
    words whose consonants are too few to tell ("Zuma")."""
    assert "ชัยวุฒิ" not in THAI_2017
    assert best_spellings(("Chaiwut", "Thanakamanusorn", "Boviengkham"), [THAI_2017]) == {}
    assert find_names(("Zuma",), "เจคอบ ซูมา") == {}


def test_skeletons_keep_the_consonants_both_scripts_sound():
    """Vowels, h and silenced letters are dropped; letters Thai uses for one English sound share a
    class; a doubled class counts once."""
    assert english_skeleton("Bunnag") == thai_skeleton("บุนนาค") == "PNK"
    assert english_skeleton("Khruarat") == thai_skeleton("เครือรัตน์") == "KLT"   # น์ silenced
    assert english_skeleton("Kashmir") == thai_skeleton("แคชเมียร์")   # silent r, ย of เ-ีย
    assert thai_skeleton("เอ็ดมันด์") == "TMN"                           # ด์ silenced


def test_spellings_end_on_the_name_not_on_the_next_word():
    assert find_names(("Galib", "Jafarov"), "กาลิบเป็นต้น ยาฟารอฟ") == {"Galib": ["กาลิบ"], "Jafarov": ["ยาฟารอฟ"]}
    assert find_names(("Edmund",), "ของเอ็ดมันด์เป็นต้น") == {"Edmund": ["เอ็ดมันด์"]}


def test_name_words_are_the_capitalised_words_no_dictionary_knows():
    assert name_words("Where was Rabil Bunnag born?") == ("Rabil", "Bunnag")
    assert name_words("What is Surak Suksawi's occupation?") == ("Surak", "Suksawi")
    # countries and MoU are the glossary's concepts; "Who" opens the question
    assert name_words("Who signed the MoU between Thailand and Laos?") == ()
    # a flood of capitalised words is looked for no further than MAX_NAMES of them
    flood = "Who " + " ".join(f"Kalip{chr(97 + i)}x" for i in range(26))
    assert name_words(flood) == tuple(f"Kalip{chr(97 + i)}x" for i in range(MAX_NAMES))


@pytest.fixture(scope="module")
def thai_only_searcher(tmp_path_factory):
    """The three Thai releases of the bundled corpus indexed with the real bundled model: no
    English release writes the ministers' names there."""
    from indexer.build import build_index
    from search_api.searcher import Searcher

    corpus = tmp_path_factory.mktemp("thai-only")
    for path in CORPUS.glob("*-th-*.md"):
        shutil.copy(path, corpus / path.name)
    index = corpus.parent / (corpus.name + "-index")
    build_index(corpus, index)
    return Searcher(index)


def _asked(searcher, monkeypatch, query: str) -> list[str]:
    """The questions the answer models read for each hit of ``query`` over Thai passages."""
    import search_api.searcher as searcher_module

    seen: list[str] = []
    real_choose = searcher_module.choose

    def spy(models, doc_text, spans, *args, **kwargs):
        seen.append(args[2])
        return real_choose(models, doc_text, spans, *args, **kwargs)

    monkeypatch.setattr(searcher_module, "choose", spy)
    response = searcher.search(query, k=3, filters=searcher_module.Filters(lang="th"))
    assert response.results and seen
    return seen


def test_an_english_question_reads_the_names_its_thai_passage_spells(thai_only_searcher, monkeypatch):
    """Over the Thai releases, the answer models read an English question's Thai form with the
    names the releases spell in Thai."""
    asked = _asked(thai_only_searcher, monkeypatch, "What is the title of Boviengkham Vongdara?")
    assert all("บ่อเวียงคำ" in q and "วงดาลา" in q for q in asked)


def test_a_name_an_english_release_writes_is_searched_as_written(real_searcher, monkeypatch):
    """With the English release of the same news in the index, which writes the names, they are
    not spelled in Thai: that would lift the Thai report over the English one."""
    asked = _asked(real_searcher, monkeypatch, "What is the title of Boviengkham Vongdara?")
    assert all("บ่อเวียงคำ" not in q and "Boviengkham".lower() in q.lower() for q in asked)


def test_thai_words_written_in_rtgs_are_told_from_english_words():
    """Lower-case words RTGS could have written ("pla kraben pak laem") are Thai words to look
    for; English words it could not ("stingray", "climbing") are not."""
    assert all(reads_as_thai(w) for w in ("kraben", "laem", "sangkhat", "khruea", "saiyasat", "Sa-nga"))
    assert not any(reads_as_thai(w) for w in ("stingray", "climbing", "typeface", "browser", "slender"))


def test_name_runs_keep_adjacent_words_together():
    def words(query):
        return tuple(tuple(w for w, _ in run) for run in name_runs(query))
    assert words("Which band does the song Khon Kap Khwai belong to?") == (("Khon", "Kap", "Khwai"),)
    # lower-case words the common-word list translates ("like") are English
    assert words("What does kot kak kra (crab's claw) taste like?") == (("kot", "kak", "kra"),)
    assert words("Where was Rabil Bunnag born?") == (("Rabil", "Bunnag"),)
    # a word the dictionary knows that reads as Thai joins its run but is not looked for alone:
    # "pla" is ปลา; "stingray" is English
    assert name_runs("What is the scientific name of the pla kraben pak laem stingray?") == (
        (("pla", False), ("kraben", True), ("pak", True), ("laem", True)),)
    assert name_runs("What is the scientific name of the pla bua fish?") == ((("pla", False), ("bua", True)),)


SUAN_LUANG = ("เขตสวนหลวง เป็นเขตหนึ่งของกรุงเทพมหานคร อยู่ทางฝั่งตะวันออกของพระนคร "
              "ทิศตะวันออกติดต่อกับเขตประเวศ มีคลองประเวศบุรีรมย์เป็นเส้นแบ่งเขต")


def test_a_thai_name_written_syllable_by_syllable_is_found_whole():
    """RTGS cuts a Thai name into syllables, Thai writes it as one word: the run is tried joined
    ("SuanLuang" สวนหลวง), where its parts alone are too short to tell ("Suan", "Luang")."""
    assert spell_runs(((("Suan", True), ("Luang", True)),), [SUAN_LUANG]) == ["สวนหลวง"]
    assert best_spellings(("Suan", "Luang"), [SUAN_LUANG]) == {}
    kot_kak_kra = ((("kot", True), ("kak", True), ("kra", True)),)
    assert spell_runs(kot_kak_kra, ["โกฐกักกรา (Crab's claw) เป็นเครื่องยาชนิดหนึ่ง"]) == ["โกฐกักกรา"]
    # "bua" alone is too short to tell (one consonant class); with the ปลา its run holds, it is
    pla_bua = ((("pla", False), ("bua", True)),)
    assert spell_runs(pla_bua, ["ปลาบัว เป็นปลาน้ำจืดชนิดหนึ่ง"]) == ["ปลาบัว"]
    assert spell_runs(((("pla", False),),), ["ปลาบัว เป็นปลาน้ำจืดชนิดหนึ่ง"]) == []
    # the closed -ว- is the vowel ua, the ห before ล only a tone: the skeletons agree
    assert thai_skeleton("สวนหลวง") == english_skeleton("SuanLuang") == "SNLN"


@pytest.fixture(scope="module")
def thai_pages_searcher(tmp_path_factory):
    """Short Thai pages on three Bangkok districts and on glass, indexed with the real bundled
    model."""
    from indexer.build import build_index
    from search_api.searcher import Searcher

    corpus = tmp_path_factory.mktemp("districts")
    (corpus / "suan-luang.md").write_text("# เขตสวนหลวง\n\n" + SUAN_LUANG + "\n", encoding="utf-8")
    (corpus / "bang-kapi.md").write_text(
        "# เขตบางกะปิ\n\nเขตบางกะปิ เป็นเขตหนึ่งของกรุงเทพมหานคร ทิศตะวันออกติดต่อกับเขตสะพานสูงและ"
        "เขตบึงกุ่ม ทิศเหนือติดต่อกับเขตลาดพร้าว\n", encoding="utf-8")
    (corpus / "min-buri.md").write_text(
        "# เขตมีนบุรี\n\nเขตมีนบุรี เป็นเขตหนึ่งของกรุงเทพมหานคร ทิศตะวันออกติดต่อกับเขตหนองจอก "
        "ทิศใต้ติดต่อกับเขตลาดกระบัง\n", encoding="utf-8")
    (corpus / "glass.md").write_text(
        "# แก้ว\n\nแก้วเป็นของแข็งใส ทำจากทรายซิลิกาหลอมที่อุณหภูมิสูงแล้วทำให้เย็นตัวลงอย่างรวดเร็ว "
        "ใช้ทำขวด หน้าต่าง และภาชนะ\n", encoding="utf-8")
    index = corpus.parent / (corpus.name + "-index")
    build_index(corpus, index)
    return Searcher(index)


def test_a_question_of_common_words_only_is_searched_in_thai(thai_pages_searcher):
    """"glass" is one of the common words the answer models read in Thai, not one of the
    vocabulary's: a question with nothing else to translate is searched with them, so that
    even the words alone (lexical mode) find the page on glass."""
    hits = thai_pages_searcher.search("What is glass?", k=1, mode="lexical").results
    assert hits and hits[0].doc_id.endswith("glass.md")


def test_an_english_question_finds_the_district_it_names_in_rtgs(thai_pages_searcher, monkeypatch):
    """"Suan Luang" is no word the dictionary knows: spelled สวนหลวง from the pages, it finds the
    page on that district first, and the answer models read it."""
    question = "Which district borders Suan Luang District to the east?"
    asked = _asked(thai_pages_searcher, monkeypatch, question)
    assert all("สวนหลวง" in q for q in asked)
    top = thai_pages_searcher.search(question, k=1).results[0]
    assert top.doc_id.endswith("suan-luang.md") and "ประเวศ" in top.text


def test_an_english_question_weighs_a_thai_sentence_by_its_thai_form_too(thai_pages_searcher):
    """The answer models choose among a Thai passage's sentences by their cosines with an English
    question lifted most of the way (``SENTENCE_LIFT``) towards their cosines with its Thai form,
    never lowered; a Thai question's are its own."""
    import numpy as np

    from search_api import searcher as searcher_module

    s = thai_pages_searcher
    question = "Which district borders Suan Luang District to the east?"
    pool = s.candidates(question)
    own = s._sentence_cos(pool.rows, s._embedding(question).result())
    thai = s._sentence_cos(pool.rows, s._embedding(searcher_module._thai_form(question)).result())
    lift = searcher_module.SENTENCE_LIFT
    assert 0 < lift <= 1
    for got, q, t in zip(pool.sentence_cos, own, thai):
        assert np.allclose(got, np.maximum(q, q + lift * (t - q)), atol=1e-6)
    assert any((t > q).any() for q, t in zip(own, thai))   # the lift lifts something here
    thai_question = "เขตใดอยู่ทางทิศตะวันออกของเขตสวนหลวง"
    pool = s.candidates(thai_question)
    own = s._sentence_cos(pool.rows, s._embedding(thai_question).result())
    assert all(np.allclose(got, q) for got, q in zip(pool.sentence_cos, own))


def test_a_long_word_of_ambiguous_syllables_is_read_at_once():
    """ "aeae...": every syllable "ae" or "a" + "e"; a regular expression over the syllables
    would try every split (2^19 here) before saying no. The reading is position by position."""
    assert reads_as_thai("ae" * 19)
    assert not reads_as_thai("ae" * 19 + "x")
    assert not reads_as_thai("ae" * 30)   # longer than any RTGS word
