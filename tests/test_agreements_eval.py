"""The direct-answer scorer: gold values, abstention, per split and language pair."""
from eval.agreements_direct import is_correct, load_questions, score


def test_questions_file_is_sound():
    rows = load_questions()
    assert len(rows) >= 80
    assert len({r["id"] for r in rows}) == len(rows)
    assert {r["pair"] for r in rows} == {"th->th", "en->th", "en->en", "th->en"}
    assert {r["split"] for r in rows} == {"dev", "test"}
    assert sum(r["answer"] is None for r in rows) >= 10          # abstention is measured
    assert sum(r["answer"] is not None for r in rows) >= 80
    for r in rows:
        assert r["question"].strip() and r["fact"]
        if not r["doc_ids"]:   # an agreement the archive does not hold (dev6): nothing can answer it
            assert r["answer"] is None and r["split"] == "dev", r["id"]
            continue
        year = int(r["doc_ids"][0][:4])
        assert r["split"] == ("test" if year == 2023 else "dev"), r["id"]


def test_is_correct():
    assert is_correct({"value": "2022-11-07", "text": ""}, "2022-11")
    assert not is_correct({"value": "2022-10-07", "text": ""}, "2022-11")
    assert is_correct({"value": {"years": 5, "months": 0, "days": 0, "extension": {"years": 3}}},
                      {"years": 5, "extension": {"years": 3}})
    assert not is_correct({"value": {"years": 5, "months": 0, "days": 0}}, {"years": 5, "extension": {"years": 3}})
    assert not is_correct({"value": {"years": 4}}, {"years": 5})
    assert is_correct({"text": "นายสมัย ลี้สกุล (Thailand)"}, ["สมัย"])
    assert is_correct({"text": "London, United Kingdom"}, ["London|ลอนดอน"])
    assert not is_correct({"text": "Paris"}, ["London|ลอนดอน"])
    assert is_correct({"value": {"amount": 8500000, "currency": "THB"}}, {"amount": 8500000, "currency": "THB"})
    assert not is_correct({"value": "2022-11-07"}, None)          # an answer where none exists
    assert is_correct({"value": False, "text": "No, no longer in force"}, False)   # "still in force?"
    assert not is_correct({"value": True, "text": "Yes, in force"}, False)


def test_score_counts_coverage_accuracy_and_confident_errors():
    qs = [{"id": "a", "split": "test", "pair": "th->th", "answer": "2023-01-02"},
          {"id": "b", "split": "test", "pair": "th->th", "answer": {"years": 3}},
          {"id": "c", "split": "test", "pair": "en->th", "answer": None},
          {"id": "d", "split": "test", "pair": "en->th", "answer": None}]
    answers = {"a": {"value": "2023-01-02", "confidence": 0.9}, "b": None,
               "c": {"value": "2023-01-02", "text": "", "confidence": 0.85}, "d": None}
    g = score(qs, answers)
    assert g["test th->th"]["coverage"] == 0.5 and g["test th->th"]["accuracy"] == 1.0
    assert g["test en->th"]["answered_no_record"] == 1 and g["test en->th"]["wrong_confident"] == 1
    assert g["test all"]["asked"] == 2 and g["test all"]["accuracy"] == 0.5


def test_question_years_rule_out_records_of_other_years():
    from search_api.direct_answer import _dated_in
    from search_api.query_years import years_in
    assert years_in("MOU อาเซียนกับ OECD ปี 2565 จะลงนามที่ไหน") == {2022}
    assert years_in("the 2021 MOU on Thai herbs, 2,500 million baht") == {2021}
    signed_2023 = {"facts": [{"type": "signed_date", "value": "2023-04-04"}]}
    assert not _dated_in(signed_2023, {2021}) and _dated_in(signed_2023, {2023})
    assert _dated_in({"facts": []}, {2021})   # no date known: not ruled out
