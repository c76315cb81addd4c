"""Our BM25 against the bm25s reference implementation (same Lucene formula)."""
import numpy as np
import pytest

from indexer.analysis import analyze
from indexer.bm25 import BM25

DOCS = [
    "บันทึกความเข้าใจมีผลบังคับใช้เป็นระยะเวลา 5 ปี โดยจะมีการขยายเวลาอัตโนมัติออกไปอีก 3 ปี",
    "The agreement lasts five years with an automatic extension of three years.",
    "ความร่วมมือด้านการใช้เทคโนโลยีดาวเทียม แก้ไขปัญหาฝุ่น PM2.5",
    "Thailand renewed its MoU with Finland on digital technology.",
    "กระทรวงดีอี พร้อมผลักดันความร่วมมือกับ สปป.ลาว ในการพัฒนาด้านเทคโนโลยีดิจิทัล",
]


def test_scores_match_bm25s_lucene():
    bm25s = pytest.importorskip("bm25s")
    corpus = [analyze(d) for d in DOCS]
    ours = BM25.build(corpus)
    ref = bm25s.BM25(method="lucene", k1=1.2, b=0.75)
    ref.index(bm25s.tokenization.Tokenized(
        ids=[[ours.vocab[t] for t in doc] for doc in corpus],
        vocab=ours.vocab), show_progress=False)
    for query in ("MoU ลาว 5 ปี", "satellite dust", "ความร่วมมือ ดิจิทัล"):
        terms = [t for t in analyze(query) if t in ours.vocab]
        expected = ref.get_scores([ours.vocab[t] for t in dict.fromkeys(terms)])
        # bm25s's Lucene variant leaves out the constant (k1 + 1) of the numerator
        assert np.allclose(ours.scores(terms) / (1.2 + 1), expected, rtol=1e-5, atol=1e-6), query


def test_idf_arithmetic_and_unknown_terms():
    index = BM25.build([["a", "b"], ["a"], ["c"]])
    assert index.term_idf("a") == pytest.approx(np.log(1 + (3 - 2 + 0.5) / (2 + 0.5)))
    assert index.term_idf("zzz") == pytest.approx(np.log(1 + 3.5 / 0.5))
    assert index.scores(["zzz"]).tolist() == [0.0, 0.0, 0.0]
    masks = index.contains(["a", "c", "zzz"], np.array([2, 0]))
    assert masks["a"].tolist() == [False, True]
    assert masks["c"].tolist() == [True, False]
    assert masks["zzz"].tolist() == [False, False]


def test_memory_mapped_postings_are_read_by_offset_and_score_the_same(tmp_path):
    docs = [["บันทึก", "ความ", "เข้าใจ", "ลาว"], ["mou", "laos", "ลาว"], ["mou", "finland"], []] * 50
    built = BM25.build(docs)
    for name, write in built.writers().items():
        write(tmp_path / name)
    mapped = BM25.load(tmp_path, mmap=True)
    assert mapped._rows.__name__ == "read"       # pread: the postings stay out of the server's RSS
    terms = ["ลาว", "mou", "finland", "absent"]
    assert np.array_equal(mapped.scores(terms), built.scores(terms))
    rows = np.arange(0, len(docs), 3)
    assert all(np.array_equal(mapped.contains(terms, rows)[t], built.contains(terms, rows)[t]) for t in terms)
