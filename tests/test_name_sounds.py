"""English names found in Thai script (``indexer.name_sounds``), on the bundled releases."""
from pathlib import Path

from indexer.name_sounds import best_spellings, english_skeleton, find_names, name_words, thai_skeleton

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


def test_an_english_question_reads_the_names_its_thai_passage_spells(real_searcher, monkeypatch):
    """Over the Thai release, the answer models read an English question's Thai form with the
    names the release spells in Thai."""
    import search_api.searcher as searcher_module

    seen: list[str] = []
    real_choose = searcher_module.choose

    def spy(models, doc_text, spans, *args, **kwargs):
        seen.append(args[2])
        return real_choose(models, doc_text, spans, *args, **kwargs)

    monkeypatch.setattr(searcher_module, "choose", spy)
    q = "What is the title of Boviengkham Vongdara?"
    response = real_searcher.search(q, k=3, filters=searcher_module.Filters(lang="th"))
    assert response.results and seen
    assert all("บ่อเวียงคำ" in asked and "วงดาลา" in asked for asked in seen)
