"""Years named in a question, and the release dates they match (search_api.query_years)."""
import numpy as np

from search_api.query_years import dated_in, years_in


def test_buddhist_and_christian_era_years():
    assert years_in("MOU ตรวจสอบสินค้าเกษตรก่อนส่งออก ปี 2565 ลงนามระหว่างใคร") == {2565 - 543}
    assert years_in("Which organisations signed the December 2021 MOU on energy crops?") == {2021}
    assert years_in("พิธีลงนาม MOU ประจำปีบัญชี ๒๕๖๔ จัดที่ไหน") == {2564 - 543}   # Thai digits
    assert years_in("ใบอนุญาตสิ้นสุดช่วง พ.ย. 2563 – ธ.ค. 2564") == {2020, 2021}
    assert years_in("การประชุม คบต. ครั้งที่ 4/2563") == {2020}
    assert years_in("the 2022-2026 MOU on lifelong human development") == {2022, 2026}


def test_amounts_and_other_numbers_are_not_years():
    assert years_in("ค่าธรรมเนียม 1,900 บาท") == frozenset()
    assert years_in("วงเงิน 2,500.50 ล้านบาท") == frozenset()
    assert years_in("room 3000 and 12345 workers") == frozenset()
    assert years_in("ประหยัดได้ 1,000 ล้านบาทต่อวัน") == frozenset()


def test_only_dated_documents_of_a_named_year_match():
    first = np.array([b"2022-09-29", b"2023-06-08", b"", b"2020-01-01"], dtype="S10")
    last = np.array([b"2022-09-29", b"2023-06-08", b"", b"2021-12-31"], dtype="S10")
    assert dated_in(first, last, years_in("ปี 2565")).tolist() == [1.0, 0.0, 0.0, 0.0]
    assert dated_in(first, last, years_in("in 2021")).tolist() == [0.0, 0.0, 0.0, 1.0]  # a range
    assert dated_in(first, last, frozenset()).tolist() == [0.0] * 4


def test_searcher_lifts_the_release_of_the_named_year_by_year_weight(real_searcher):
    # corpus/ holds Thai-Lao releases of 2017, 2022 and 2025: "ปี 2565" names 2022
    from search_api import query_years

    s = real_searcher
    query = "เอ็มโอยูไทยลาว ปี 2565 มีอายุกี่ปี"
    pool = s.candidates(query, "hybrid")
    years = s.store.docs["date_first"][s.store.chunk_doc[pool.rows]].astype("S4")
    assert pool.dated.tolist() == (years == b"2022").astype(float).tolist()
    assert 0 < pool.dated.sum() < len(pool.rows)
    fused, _ = s.rank(pool, "hybrid")
    plain = s.candidates("เอ็มโอยูไทยลาว มีอายุกี่ปี", "hybrid")
    assert plain.dated is None                                # no year named: nothing added
    assert s.candidates(query, "lexical").dated is None       # only the hybrid score reads it
    from search_api import fusion
    base = fusion.hybrid(fusion.dense_evidence(pool.chunk_cos, pool.best_sentence_cos, s.params.sentence_weight),
                         pool.lexical, pool.coverage, s.params, pool.typed)
    np.testing.assert_allclose(fused - base, query_years.YEAR_WEIGHT * pool.dated)
