"""`mou-search eval` end to end on the seed corpus with the real bundled model."""
import json

import pytest

from eval.metrics import mean, per_query
from eval.trec import as_scored, read_qrels, read_run
from search_api.cli import main


@pytest.mark.model
def test_eval_agreements_end_to_end(real_index, tmp_path, capsys):
    reports = tmp_path / "reports"
    code = main(["eval", "--dataset", "agreements", "--index", str(real_index),
                 "--cache-dir", str(tmp_path / "cache"), "--reports", str(reports), "-q"])
    assert code == 0, capsys.readouterr().err
    out = reports / "agreements"
    data = json.loads((out / "report.json").read_text())
    # by default the learned hybrid is compared with the same search without the models
    assert [c["name"] for c in data["configurations"]] == ["hybrid", "hybrid-hand", "dense", "lexical"]
    assert data["baseline"] == "hybrid"
    qrels = data["qrels"]
    assert list(qrels.values())[0]["passage_queries"] == 102 and list(qrels.values())[0]["problems"] == []
    for name in ("hybrid", "dense", "lexical"):
        groups = data["results"][name]
        assert set(groups) == {"all", "th->th", "en->th", "th->en", "en->en"}
        assert groups["all"]["passage/ndcg@10"]["n"] == 102
        assert sum(groups[p]["passage/ndcg@10"]["n"] for p in ("th->th", "en->th", "th->en", "en->en")) == 102
        assert 0.2 < groups["all"]["passage/ndcg@10"]["mean"] <= 1
        assert 0 < groups["all"]["answer/answer@1"]["mean"] <= 1
        # the TREC files on disk give the same numbers as the report
        run = read_run(out / "runs" / f"{name}.passage.trec")
        key = data["configurations"][0]["index"]
        again = per_query(read_qrels(out / "qrels" / f"{key}.passage.txt"), as_scored(run), ["mrr@10"])
        assert mean(again["mrr@10"]) == pytest.approx(groups["all"]["passage/mrr@10"]["mean"])
    assert "p_randomization" in data["results"]["dense"]["all"]["passage/ndcg@10"]["vs_baseline"]
    md = (out / "report.md").read_text()
    assert md.splitlines()[2].startswith("Regenerate with `mou-search eval --dataset agreements")
    assert "## en->th (n = 27)" in md and "| hybrid | hybrid |" in md
    assert (out / "chart.png").read_bytes()[:4] == b"\x89PNG"


def test_eval_rejects_bad_configurations(tmp_path, capsys):
    assert main(["eval", "--config", "x:mode=fuzzy", "--reports", str(tmp_path)]) == 2
    assert "unknown mode" in capsys.readouterr().err
    assert main(["eval", "--dataset", str(tmp_path / "nowhere"), "--reports", str(tmp_path)]) == 2
    assert "unknown dataset" in capsys.readouterr().err
    assert main(["eval", "--modes", "dense", "--baseline", "hybrid", "--reports", str(tmp_path)]) == 2


def test_export_beir_command(tmp_path, capsys):
    assert main(["eval", "export-beir", "--dataset", "agreements", "--output", str(tmp_path / "b")]) == 0
    assert "102 queries" in capsys.readouterr().out
    assert len((tmp_path / "b" / "corpus.jsonl").read_text().splitlines()) == 5
