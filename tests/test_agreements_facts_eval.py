"""The facts scorer's dev-only mode reads no 2023 document and prints no test row."""
from eval import agreements_facts

ARTICLE = "รัฐบาลไทย-ข่าว-ลงนาม MOU\n\n\nวันจันทร์ที่ 7 พฤศจิกายน 2565\nวันนี้ กรม ก ลงนามบันทึกความเข้าใจกับกรม ข\n"


def test_dev_split_reads_and_scores_no_test_document(tmp_path, monkeypatch):
    for day in ("2022/11/07", "2023/11/07"):
        (tmp_path / day).mkdir(parents=True)
        (tmp_path / day / "ข่าว_1.txt").write_text(ARTICLE, encoding="utf-8")
    asked = []
    monkeypatch.setattr(agreements_facts, "read_archive", lambda root, only=None: asked.append(only) or [])
    report = agreements_facts.run(tmp_path, None, split="dev")
    assert asked == [{"2022/11/07/ข่าว_1.txt"}]
    assert "test" not in report["facts"] and "test" not in report["links"]
    assert "## Facts, test" not in agreements_facts.markdown(report)
