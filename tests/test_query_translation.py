"""English questions over Thai passages: the question's Thai form (indexer.query_translation)."""
import re

import pytest

from indexer.analysis import analyze_query
from indexer.query_translation import (ENGLISH_TO_THAI, mined_words, reading_form, thai_alternatives, thai_form,
                                       untranslated)


def test_thai_form_replaces_dictionary_words_and_keeps_names():
    form = thai_form("Which company did the National Savings Fund sign an MOU with Bangchak in March 2022?")
    assert "บริษัท" in form and "กองทุน" in form and "การออม" in form and "แห่งชาติ" in form
    assert "มีนาคม" in form
    assert "bangchak" in form                  # not in the dictionary: kept as written
    assert "2565" in form and "2022" in form   # 2022 CE is 2565 in the Buddhist Era


def test_longest_phrase_wins_and_plurals_match():
    form = thai_form("migrant workers and the prime minister")
    assert "แรงงานต่างด้าว" in form and "นายกรัฐมนตรี" in form
    assert "ประเทศ" not in form


def test_common_words_are_read_over_thai_passages_but_not_searched_for():
    """The common words' Thai forms are in too many passages to search with; the answer models
    read them (``reading_form``)."""
    q = "Who won the best actress award?"
    assert "ชนะ" in reading_form(q) and "ดีที่สุด" in reading_form(q)
    assert "ชนะ" not in thai_form(q) and "won" in thai_form(q)
    assert "รางวัล" in thai_form(q) and "รางวัล" in reading_form(q)   # the general vocabulary: both


def test_question_idioms_are_read_in_the_sense_a_question_means():
    """A question's idiom is not the sum of its words: "how old" asks an age (not "เก่า"), a fish's
    "family" is a taxon ("วงศ์", not a household), what a thing is "like" is its "ลักษณะ" (not
    "ชอบ", to be fond of), "took place" is "เกิดขึ้น"."""
    age = reading_form("How old is the owner of the restaurant?")
    assert "อายุ" in age and "เก่า" not in age
    taxon = reading_form("Chinese carps are all fish of which family?")
    assert "วงศ์" in taxon and "ครอบครัว" not in taxon
    assert "วงศ์" in reading_form("Which plant family does garlic belong to?")
    assert "ครอบครัว" in thai_form("How many families received aid?")   # a household stays one
    looks = reading_form("What are the flowers of the kapho khao chan like?")
    assert "ลักษณะ" in looks and "ชอบ" not in looks
    assert "เกิดขึ้น" in thai_form("When did the Cold War take place?") and "สงครามเย็น" in thai_form(
        "When did the Cold War take place?")
    assert "ประสูติ" in thai_form("Where was the princess born?")   # a royal birth is written so


def test_loanwords_reach_the_thai_spelling_and_keep_the_latin_one():
    """A word no vocabulary has but Thai writes as a loanword is searched both ways (PyThaiNLP's
    transliteration dictionary); a preposition the dictionary also spells ("between" -> "บิทวีน")
    is not a loanword."""
    form = thai_form("How many podcasts did the campaign publish?")
    assert "พอดแคสต์" in form and "podcast" in form
    assert "ซีอีโอ" in thai_form("Who is the CEO of the company?")
    assert "บิทวีน" not in (thai_form("the MoU between the two ministries") or "")
    assert "ครอบครัว" in thai_form("family")   # a word a vocabulary has keeps its translation
    assert "นิวส์" not in (thai_form("the new MoU on digital trade") or "")   # "news" stems to "new"
    assert "ฟิสิกส์" in thai_form("Which branch of physics is it?")
    assert "แบง" not in (thai_form("Which province is Bang Chak Subdistrict Municipality in?") or "")   # RTGS บาง


def test_a_capitalised_common_word_inside_a_name_is_not_translated():
    assert "สีดำ" in reading_form("What colour is the flag, black or white?")
    assert "สีดำ" not in reading_form("Which label is the band Black Eyed Peas signed to?")


def test_an_inflected_word_is_not_read_as_an_acronym():
    """The public bodies' table knows PEA (the Provincial Electricity Authority); "Peas" is not
    it, while PEA and a hyphenated acronym are read as ever."""
    assert "กฟภ." not in (thai_form("Which label is the band Black Eyed Peas signed to?") or "")
    assert "กฟภ." in thai_form("What did the PEA sign with EGAT?")
    assert "สกพอ." in thai_form("What did the EECO-KOTRA MoU cover?")


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


def test_training_is_not_a_train():
    """Stripping "-ing" found "train" (รถไฟ) for "training": an inflection the dictionary has
    its own sense for is looked up whole."""
    assert "รถไฟ" not in thai_form("caregiver training MOU") and "อบรม" in thai_form("caregiver training MOU")
    assert "รถไฟ" not in thai_form("who trained the officials")
    assert "รถไฟ" in thai_form("by train to Laos")


def _units(text: str) -> set[str]:
    return set(analyze_query(text)[1])


def test_dates_reach_the_months_and_years_thai_releases_write():
    # a release dates itself "วันนี้ (1 ธ.ค. 64)" as often as "1 ธันวาคม 2564"
    form = thai_form("What is the fee for MoU workers whose term ends in Nov 2020 - Dec 2021?")
    assert {"พฤศจิกายน", "2563", "ธันวาคม", "2564"} <= _units(form)
    assert _units("ตั้งแต่วันที่ 1 ธ.ค. 64 เป็นต้นมา") & _units(form) == {"ธ.ค.", "64"}
    assert _units("ลงนามเมื่อวันที่ 22 กันยายน 2563") & _units(thai_form("signed in September 2020")) \
        >= {"กันยายน", "2563"}


def test_a_year_also_in_the_short_buddhist_era_form_of_dates():
    # "วันนี้ (22 ก.ย. 63)": 2020 CE is 2563 BE, written 63 beside an abbreviated month
    form = thai_form("Which offices signed the MOU in September 2020?")
    assert {"ก.ย.", "63"} <= _units("วันนี้ (22 ก.ย. 63) ณ ทำเนียบรัฐบาล") & _units(form)
    assert ("2563", "63", "2020") in thai_alternatives("in September 2020")


def test_may_is_a_month_only_next_to_a_number():
    assert "พฤษภาคม" in thai_form("The MOU was signed on 10 May 2022")
    assert "พฤษภาคม" in thai_form("signed in May 2022")
    assert thai_form("Who may sign the MOU?") is None


def test_press_release_vocabulary_and_money():
    form = thai_form("What minimum insurance cover must migrant workers hold, in US dollars?")
    passage = "ต้องมีประกันภัยโควิด-19 ครอบคลุมความคุ้มครอง ในวงเงินไม่น้อยกว่า 4,000 ดอลลาร์สหรัฐ"
    assert {"ประกันภัย", "ครอบคลุม", "ดอลลาร์สหรัฐ"} <= _units(form) & _units(passage)
    form = thai_form("How much is the visa fee for workers brought in under the MoU?")
    assert {"วีซ่า", "ค่าธรรมเนียม", "แรงงาน"} <= _units(form)
    assert _units("งบประมาณ 5 ล้านบาท") <= _units(thai_form("a budget of 5 million baht"))


def test_places_countries_and_nationalities():
    form = thai_form("Who presided over the MOU signing with Spain in Pathum Thani and Chiang Mai?")
    assert "สเปน" in form and "ปทุมธานี" in form and "เชียงใหม่" in form and "ประธาน" in form
    assert "กัมพูชา" in thai_form("the Cambodian side")


def test_a_ministry_is_also_named_by_its_thai_acronym():
    # headlines name ministries by acronym: "พม. จับมือบริษัท ... ลงนาม MOU"
    assert "พม." in thai_form("the social development ministry's MOU with Bangchak")
    assert "พม." not in thai_form("social development in rural areas")


def test_hyphenated_words_are_read_word_by_word_unless_the_dictionary_has_them():
    assert "4" in thai_form("a four-year employment term").split()
    assert "อธิบดี" in thai_form("the director-general")
    assert "โควิด-19" in thai_form("covid-19 insurance")


def test_latin_acronyms_stay_beside_their_thai_names():
    form = thai_form("Which agencies signed the MOU on herbs in the EEC?")
    assert "eec" in form and "สมุนไพร" in form


def test_alternatives_are_the_forms_put_for_one_word():
    alternatives = thai_alternatives("The cabinet approved the MOU on migrant workers in 2022")
    assert ("อนุมัติ", "เห็นชอบ") in alternatives
    assert ("แรงงานต่างด้าว", "แรงงานข้ามชาติ") in alternatives
    assert ("2565", "65", "2022") in alternatives
    assert thai_alternatives("rice exports") == ()   # one form each: nothing to group


def test_units_that_stand_for_one_english_word_are_grouped():
    from search_api.searcher import _thai_groups

    groups = _thai_groups("From what date could employers apply to bring in migrant workers?")
    assert frozenset({"ต่างด้าว", "ข้ามชาติ"}) in groups   # แรงงานต่างด้าว / แรงงานข้ามชาติ
    assert frozenset({"ยื่น", "ยื่นคำร้อง", "คำขอ"}) in groups
    assert not any("แรงงาน" in g for g in groups)         # both forms say it: it counts alone
    assert _thai_groups("rice exports") == ()


@pytest.mark.model
def test_the_thai_form_embedded_lifts_thai_passages_only(real_searcher):
    import numpy as np

    query = "community ICT learning centres to reduce poverty in Laos"
    pool = real_searcher.candidates(query, "hybrid")
    qvec = real_searcher.embed_query(query)
    plain = real_searcher.index.chunk_vectors[pool.rows] @ qvec
    thai = real_searcher.store.chunks["lang"][pool.rows] == b"th"
    assert thai.any() and (~thai).any()
    assert np.allclose(pool.chunk_cos[~thai], plain[~thai], atol=1e-5)   # English passages: as before
    assert (pool.chunk_cos[thai] >= plain[thai] - 1e-5).all()
    assert (pool.chunk_cos[thai] > plain[thai] + 1e-3).any()               # some Thai passage is nearer
    # the answer sentence of an English passage is chosen by the question's own cosines; a Thai
    # passage's sentences are never lowered by its Thai form (``SENTENCE_LIFT``)
    sentences = real_searcher._sentence_cos(pool.rows, qvec)
    assert all(np.allclose(a, b) for a, b, t in zip(pool.sentence_cos, sentences, thai) if not t)
    assert all((a >= b - 1e-6).all() for a, b, t in zip(pool.sentence_cos, sentences, thai) if t)
    # a Thai question is embedded once, as written
    thai_pool = real_searcher.candidates("MoU ไทย-ลาว มีอายุกี่ปี", "hybrid")
    tvec = real_searcher.embed_query("MoU ไทย-ลาว มีอายุกี่ปี")
    assert np.allclose(thai_pool.chunk_cos, real_searcher.index.chunk_vectors[thai_pool.rows] @ tvec, atol=1e-5)


def test_untranslated_words_are_what_the_form_kept():
    assert untranslated("Which company did the National Savings Fund sign with Bangchak?") == (
        "which", "did", "the", "sign", "with", "bangchak")


def test_mined_words_translate_what_the_hand_vocabulary_lacks():
    mined = mined_words()
    assert mined["purchase"] == ("ซื้อ",) and mined["hotel"] == ("โรงแรม",)
    form = thai_form("How much safety equipment was purchased for the hotel?")
    assert {"ความปลอดภัย", "อุปกรณ์", "ซื้อ", "โรงแรม"} <= set(form.split())   # purchased -> purchase


def test_the_hand_vocabulary_wins_over_a_mined_word():
    assert "passport" in ENGLISH_TO_THAI
    assert thai_form("passport") == "หนังสือเดินทาง"


def test_glossary_words_are_left_to_the_glossary():
    # "understanding" is part of "memorandum of understanding", which the analyzer bridges already
    assert "understanding" not in mined_words() and "digital" not in mined_words()


def test_mutual_nearest_neighbours_with_a_margin():
    import numpy as np

    from indexer.mine_lexicon import align

    e = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    t = np.array([[0.8, 0.6], [0.6, 0.8], [0.0, 1.0]], dtype=np.float32)
    pairs = align(["a", "b"], ["x", "y", "z"], e, t, k=1)
    # a -> x (0.8), x -> a (0.8 > 0.6): kept, margin 0.8 - max(a's next 0.6, x's next 0.6) = 0.2;
    # b -> z (1.0), z -> b (1.0 > 0.0): kept, margin 1.0 - max(b's next 0.8, z's next 0.0) = 0.2
    assert [(en, th) for en, th, _, _ in pairs] == [("a", "x"), ("b", "z")]
    assert [round(m, 6) for _, _, _, m in pairs] == [0.2, 0.2]


def test_a_mined_word_capitalised_inside_a_question_is_part_of_a_name():
    # "line" was mined in its common sense (the LINE app is ไลน์ in Thai releases); "LINE ALERT"
    # and "LINE Thailand" are names, so they stay as written, while a hand entry still applies
    assert "ไลน์" in thai_form("Which line was the hotel on?")
    form = thai_form("Which agencies signed the LINE ALERT disaster alert MOU with LINE Thailand?")
    assert "ไลน์" not in form and "หน่วยงาน" in form


def test_glosses_give_thai_terms_for_english_phrases():
    # "รัฐบาลดิจิทัล (Digital Government)" in 2020-2022 releases
    assert mined_words()["digital government"] == ("รัฐบาลดิจิทัล",)
    assert "รัฐบาลดิจิทัล" in thai_form("What does the Digital Government plan include?")


def test_the_miner_reads_only_releases_dated_2020_to_2022(tmp_path):
    from indexer.mine_lexicon import read_releases

    def write(path, date, text):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(f"---\ntitle: t\ndate: {date}\n---\n{text}\n", encoding="utf-8")

    write("2021/05/a.md", "2021-05-03", "กระทรวงสาธารณสุขลงนามบันทึกความเข้าใจกับโรงพยาบาล")
    write("2022/12/b.md", "2023-01-04", "ข่าวที่ลงวันที่ปี 2566 แม้อยู่ในโฟลเดอร์ 2022")
    write("2022/03/c.md", "2022-03-01", "The ministry signed a memorandum of understanding on tourism.")
    write("2023/02/d.md", "2023-02-01", "A 2023 release is never read.")
    english, thai = read_releases(tmp_path)
    assert len(thai) == 1 and "โรงพยาบาล" in thai[0]
    assert len(english) == 1 and "tourism" in english[0]


def test_public_bodies_are_named_as_thai_releases_name_them():
    from indexer.query_translation import agency_names

    thai = re.compile("[\u0e00-\u0e7f]")
    names = agency_names()
    assert len(names) > 500
    assert all(forms and len(forms) <= 3 and all(thai.search(f) for f in forms) for forms in names.values())
    form = thai_form("Which universities did the Tobacco Authority of Thailand sign an MOU with?")
    assert "การยาสูบแห่งประเทศไทย" in form and "ยสท." in form and "tobacco" not in form
    # the longest name wins over the general words inside it ("department" -> กรม)
    assert "กรมราชทัณฑ์" in thai_form("the Department of Corrections and the Treasury Department")
    assert "กรมธนารักษ์" in thai_form("the Department of Corrections and the Treasury Department")
    # an acronym written in capitals is kept beside the Thai names (Thai text often keeps it)
    assert thai_form("when did EGAT sign").split()[-3:-1] == ["กฟผ.", "egat"]


def test_a_general_entry_wins_over_a_body_of_the_same_spelling():
    from indexer.query_translation import agency_names, hand_vocabulary

    shared = set(agency_names()) & set(ENGLISH_TO_THAI)
    assert shared, "the test needs a spelling both tables have"
    assert all(hand_vocabulary()[w] == ENGLISH_TO_THAI[w] for w in shared)


def test_the_words_of_government_news_by_topic():
    from indexer.query_translation import ENGLISH_TO_THAI, press_words

    words = press_words()
    assert words and not set(words) & set(ENGLISH_TO_THAI)    # written apart from the vocabulary above
    form = thai_form("an MoU on wastewater and african swine fever")
    assert all(words[w][0] in form for w in ("wastewater", "african swine fever"))
    assert "african" not in form    # the phrase, not its words
