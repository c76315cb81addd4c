from indexer.analysis import analyze, term_spans
from indexer.textnorm import detect_lang, normalize_for_match


def test_spaces_digits_case_and_zero_width_fold_to_one_key():
    written = "ระยะเวลา\u00a0๕\u00a0ปี MoU"
    typed = "ระยะเวลา 5 ปี mou"
    assert normalize_for_match(written) == normalize_for_match(typed) == "ระยะเวลา 5 ปี mou"
    assert normalize_for_match("ไป\u200bรษณีย์") == "ไปรษณีย์"


def test_sara_am_survives_nfkc():
    # NFKC alone turns ำ (U+0E33) into ํ + า; the key must keep the single character
    assert normalize_for_match("ทำเนียบ") == "ทำเนียบ"
    assert "\u0e4d" not in normalize_for_match("กำหนด")


def test_repeated_and_misordered_marks_are_repaired():
    assert normalize_for_match("เเละ") == "และ"       # two SARA E typed for SARA AE
    assert normalize_for_match("กาาร") == normalize_for_match("การ")


def test_thai_acronyms_and_names_stay_whole():
    terms = analyze("ดีอีเอส ร่วมกับ สปป.ลาว")
    assert "ดีอีเอส" in terms and "สปป.ลาว" in terms
    assert "ดี" not in terms


def test_glossary_terms_cross_languages():
    thai = set(analyze("ลงนามบันทึกความเข้าใจกับ สปป.ลาว"))
    english = set(analyze("signed a memorandum of understanding with Laos"))
    assert {"~mou", "~sign", "~country:laos"} <= thai & english


def test_query_and_document_analyze_the_same_way():
    assert analyze("ระยะเวลา\u00a05\u00a0ปี") == analyze("ระยะเวลา 5 ปี")


def test_term_spans_point_into_the_text_as_written():
    text = "มีผลบังคับใช้เป็นระยะเวลา\u00a05\u00a0ปี กับ สปป.ลาว"
    spans = term_spans(text, set(analyze("ลาว 5 ปี")))
    assert [text[a:b] for a, b in spans] == ["5", "ปี", "สปป.ลาว"]


def test_language_detection():
    assert detect_lang("บันทึกความเข้าใจ (MoU) ว่าด้วยความร่วมมือ") == "th"
    assert detect_lang("The MoU with Laos (ลาว) lasts five years") == "en"


def test_thai_digits_and_every_invisible_character_are_handled_wherever_they_occur():
    text = "\ufeffMoU ปี ๒๕๖๖\u00ad ลง\u200cนาม\u2060 ๑ ฉบับ\u200d"
    assert normalize_for_match(text) == "mou ปี 2566 ลงนาม 1 ฉบับ"
    assert normalize_for_match("ไม่มีเลขไทย 12") == "ไม่มีเลขไทย 12"


def test_sara_am_kept_whole_gives_what_plain_nfkc_then_rejoining_gives():
    import unicodedata

    from indexer.textnorm import _nfkc_keeping_sara_am

    for text in ("น้ำ ทำ กำหนด", "ก\u0e4d\u0e32 ทำ\u0301", "ﬁ Ａ ตำ\u00a0ปี", "\ufdd0 คำ", "ລຳ ທຳ", "e\u0301 ำ\u0e48"):
        expected = unicodedata.normalize("NFKC", text).replace("\u0e4d\u0e32", "\u0e33")
        assert _nfkc_keeping_sara_am(text).replace("\u0e4d\u0e32", "\u0e33") == expected


def test_normalize_skipped_where_it_changes_nothing_gives_what_pythainlp_gives():
    """``thai_normalize_fast`` runs PyThaiNLP's ~30 substitutions only where one could match:
    on real Thai lines and on random strings of Thai letters, marks, digits and spaces its result
    is PyThaiNLP's, white space aside (``normalize_for_match`` collapses it either way)."""
    import random

    from pythainlp.util import normalize

    from indexer.textnorm import _SPACES, thai_normalize_fast
    from tests.conftest import CORPUS

    def same(text):
        return _SPACES.sub(" ", thai_normalize_fast(text)).strip() == _SPACES.sub(" ", normalize(text)).strip()

    lines = [line for f in sorted(CORPUS.glob("*.md")) for line in f.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 50
    repairs = ["ผู้เเทนไทย", "เศรษฐกิจเเละสังคม", "นานาาา", "ดีีีี", "พ ุ่มดอกไม้", "คำ ่ที่สอง",
              "๊ก", "กํา", "ไม่่"]
    assert all(same(line) for line in lines + repairs + ["ก้ำ", "ฤๅษี"])
    assert all(thai_normalize_fast(text) != text for text in repairs)
    rng = random.Random(7)
    alphabet = [chr(c) for c in range(0x0E01, 0x0E5C)] + [" ", "  ", "\n", "\u200b", "\u200c", "a", "1"]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10)))
        assert same(text), repr(text)
    # and the fast path is the common one: most real Thai lines need no repair
    assert sum(thai_normalize_fast(line) is line for line in lines) > 0.8 * len(lines)
