"""End to end with the real bundled model on the bundled corpus: what a user asks, what they get."""
import pytest

pytestmark = pytest.mark.model

from indexer.textnorm import normalize_for_match

FIVE_PLUS_THREE = ("five years with an automatic extension of three years",
                   "ระยะเวลา 5 ปี โดยจะมีการขยายเวลาอัตโนมัติออกไปอีก 3 ปี")


def says(text: str, needle: str) -> bool:
    """``needle`` is in ``text`` up to spacing, digits and case (the Thai text has no-break spaces)."""
    return normalize_for_match(needle) in normalize_for_match(text)


def answering_rank(response, needles, k=3):
    """Rank of the first hit whose passage says one of ``needles`` (None if not in top k)."""
    for hit in response.results[:k]:
        if any(says(hit.text, n) for n in needles):
            return hit.rank
    return None


@pytest.mark.parametrize("query", ["how long does the Laos MoU last", "MoU ไทย-ลาว มีอายุกี่ปี",
                                   "บันทึกความเข้าใจกับลาวมีผลกี่ปี"])
def test_laos_mou_duration_is_in_the_top_three(real_searcher, query):
    response = real_searcher.search(query, k=3)
    assert answering_rank(response, FIVE_PLUS_THREE) is not None, [h.chunk_id for h in response.results]


@pytest.mark.parametrize("query, doc_id, needle", [
    # English question, English answer
    ("which countries signed memoranda of cooperation with Thailand on ICT",
     "001-en-thailand-japan-moc-finland-mou.md", "Japan"),
    # Thai question, Thai answer
    ("ความร่วมมือแก้ปัญหาฝุ่น PM2.5 ด้วยดาวเทียม", "003-th-thailand-laos-digital-talks-2025.md", "ดาวเทียม"),
    # English question, answer only in Thai
    ("online scam crime cooperation between Thailand and Laos",
     "003-th-thailand-laos-digital-talks-2025.md", "อาชญากรรมออนไลน์"),
    ("who proposed the first Thailand-Laos ICT memorandum",
     "004-th-thailand-laos-first-ict-mou-2017.md", "ASEAN TELMIN"),
    # Thai question, answer only in English
    ("ไทยต่ออายุ MoU กับฟินแลนด์", "001-en-thailand-japan-moc-finland-mou.md", "Finland"),
    ("ความร่วมมือกับญี่ปุ่นด้านการลดความเสี่ยงภัยพิบัติ", "001-en-thailand-japan-moc-finland-mou.md",
     "disaster risk reduction"),
])
def test_questions_across_languages(real_searcher, query, doc_id, needle):
    response = real_searcher.search(query, k=3)
    assert any(h.doc_id == doc_id and says(h.text, needle) for h in response.results), \
        [(h.doc_id, h.text[:60]) for h in response.results]


def test_answer_sentence_marks_the_duration(real_searcher):
    response = real_searcher.search("how long does the Laos MoU last", k=5)
    hit = next(h for h in response.results if says(h.text, FIVE_PLUS_THREE[0]))
    assert hit.text[hit.answer.start:hit.answer.end] == hit.answer.text
    assert FIVE_PLUS_THREE[0] in hit.answer.text


def test_hit_carries_metadata_and_scores(real_searcher):
    hit = real_searcher.search("MoU ไทย-ลาว มีอายุกี่ปี", k=1).results[0]
    assert hit.title and hit.lang in ("th", "en") and hit.chunk_id.startswith(hit.doc_id + "#")
    assert set(hit.scores) == {"dense", "lexical", "fused"}
    assert hit.score == hit.scores["fused"]


@pytest.mark.parametrize("mode", ["dense", "lexical"])
def test_single_modes_answer_a_thai_question(real_searcher, mode):
    response = real_searcher.search("ดาวเทียม ฝุ่น PM2.5", k=3, mode=mode)
    assert response.mode == mode
    assert response.results[0].doc_id == "003-th-thailand-laos-digital-talks-2025.md"
