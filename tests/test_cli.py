"""The mou-search command as a user runs it: exit codes, messages, output formats."""
import json

import pytest

from search_api.cli import main


def test_missing_index_says_to_build_it(tmp_path, capsys):
    code = main(["search", "MoU", "--index", str(tmp_path / "nowhere")])
    assert code == 3
    assert "run `mou-search index` first" in capsys.readouterr().err


def test_bad_usage_exits_non_zero(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["search", "MoU", "-k", "0"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["search", "MoU", "--mode", "fuzzy"])
    assert exc.value.code == 2


def test_empty_query_is_refused(real_index, capsys):
    assert main(["search", "   ", "--index", str(real_index)]) == 2
    assert "empty" in capsys.readouterr().err


@pytest.mark.model
def test_search_json_shape(real_index, capsys):
    assert main(["search", "MoU ไทย-ลาว มีอายุกี่ปี", "-k", "2", "--json", "--index", str(real_index)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["query"] == "MoU ไทย-ลาว มีอายุกี่ปี" and data["mode"] == "hybrid"
    assert len(data["results"]) == 2
    hit = data["results"][0]
    assert set(hit) == {"rank", "score", "doc_id", "chunk_id", "title", "date", "lang", "source",
                        "text", "answer", "answer_span", "confidence", "answer_confidence", "scores",
                        "duplicates", "agreements", "span_kind", "span_confidence"}
    assert data["answer_confidence"] in ("low", "medium", "high") and data["total"] >= 2
    a = hit["answer"]
    assert hit["text"][a["start"]:a["end"]] == a["text"]
    assert "ปี" in a["text"]
    span = hit["answer_span"]
    if hit["answer_confidence"] == "low":
        assert span is None, "a span that is a guess is not given"
        assert hit["span_kind"] is None and hit["span_confidence"] is None
    else:
        assert hit["text"][span["start"]:span["end"]] == span["text"] and "ปี" in span["text"]
        # what the span is, and how sure the span model was of it
        assert hit["span_kind"] in ("span", "clause", "sentence", "fact") and 0 <= hit["span_confidence"] <= 1
        assert a["start"] <= span["start"] and span["end"] <= a["end"], "the span lies inside its sentence"


@pytest.mark.model
def test_human_output_marks_the_answer(real_index, capsys):
    assert main(["search", "how long does the Laos MoU last", "--index", str(real_index), "-k", "1"]) == 0
    out = capsys.readouterr().out
    first_hit = out[out.index("1. ["):]      # after the direct answer, when one is given
    assert "«" in first_hit and "»" in first_hit


@pytest.mark.model
def test_run_writes_trec_lines(real_index, tmp_path):
    queries = tmp_path / "q.tsv"
    queries.write_text("q1\thow long does the Laos MoU last\nq2\tความร่วมมือกับญี่ปุ่น\n", encoding="utf-8")
    for level in ("passage", "document"):
        out = tmp_path / f"{level}.trec"
        assert main(["run", "--queries", str(queries), "--output", str(out), "-k", "3",
                     "--level", level, "--index", str(real_index)]) == 0
        rows = [line.split() for line in out.read_text(encoding="utf-8").splitlines()]
        assert {r[0] for r in rows} == {"q1", "q2"}
        assert all(len(r) == 6 and r[1] == "Q0" and r[5] == "mou-search-hybrid" for r in rows)
        q1 = [r for r in rows if r[0] == "q1"]
        assert [int(r[3]) for r in q1] == [1, 2, 3]
        scores = [float(r[4]) for r in q1]
        assert scores == sorted(scores, reverse=True)
        if level == "document":
            assert len({r[2] for r in q1}) == 3 and all("#" not in r[2] for r in q1)
        else:
            assert all("#" in r[2] for r in q1)


def test_run_rejects_malformed_queries(tmp_path, real_index, capsys):
    queries = tmp_path / "q.tsv"
    queries.write_text("only-an-id\n", encoding="utf-8")
    assert main(["run", "--queries", str(queries), "--output", str(tmp_path / "r"),
                 "--index", str(real_index)]) == 2
    assert "qid<TAB>query" in capsys.readouterr().err
