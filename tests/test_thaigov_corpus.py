"""Saved thaigov.go.th pages (tests/data/thaigov/, real files of ../shared/data/thaigov-mou)
read as clean documents, and near-duplicate releases grouped and folded in search results."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer.corpus import read_document
from indexer.duplicates import group_documents, similarity, sketch
from indexer.page_copy import read_page_copy

DATA = Path(__file__).parent / "data" / "thaigov"


def _doc(name: str):
    path = DATA / name
    return read_document(path, name, path.read_bytes())


def test_thai_release_title_date_source_without_page_furniture():
    doc = _doc("th-cabinet-turkiye.txt")
    # first line: "รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-\u200bครม.อนุมัติ..."; the date line is Wednesday
    # 25 January 2566 (BE) = 2023; then "25/01/2566", "พิมพ์" and the headline twice.
    assert doc.title.startswith("ครม.อนุมัติร่างร่างบันทึกความเข้าใจว่าด้วยความร่วมมือด้านการอุดมศึกษาไทย – ตุรกี")
    assert not doc.title.startswith("รัฐบาลไทย") and "\u200b" not in doc.title
    assert doc.date == "2023-01-25"
    assert doc.source == "https://www.thaigov.go.th/news/contents/details/64150"
    assert doc.section == "ข่าวทำเนียบรัฐบาล"
    assert doc.lang == "th"
    # The text starts at the (last copy of the) headline: no title line, date line or "print".
    assert doc.text.lstrip("\u200b").startswith("ครม.อนุมัติ")
    assert "รัฐบาลไทย-ข่าวทำเนียบรัฐบาล" not in doc.text
    assert "พิมพ์\n" not in doc.text and "วันพุธที่ 25 มกราคม 2566\n" not in doc.text
    assert doc.text.count("ครม.อนุมัติร่างร่าง") == 1
    assert "วันที่ 25 มกราคม 2566 น.ส.ทิพานัน ศิริชนะ" in doc.text


def test_english_release_with_thai_date_line_and_html_entity():
    doc = _doc("en-uae.txt")
    assert doc.title == "Govt expects to generate 31.33 billion Baht in trade and investment value with UAE"
    assert doc.date == "2023-03-23"           # วันพฤหัสบดีที่ 23 มีนาคม 2566
    assert doc.lang == "en"
    assert doc.source == "https://www.thaigov.go.th/news/contents/details/66481"
    assert "Thailand's bid to host" in doc.text and "&#39;" not in doc.text


def test_headline_that_ends_with_the_date_is_not_cut_to_the_date():
    # The title line ends with "... ครั้งที่ 5 วันพุธที่ 30 มีนาคม 2565", which is also the date
    # line: the headline is the longest line the title line ends with.
    doc = _doc("th-bimstec-speech.txt")
    assert doc.title == "คำกล่าวนายกรัฐมนตรี สำหรับการประชุมผู้นำบิมสเทค ครั้งที่ 5 วันพุธที่ 30 มีนาคม 2565"
    assert doc.section == "ข่าวทำเนียบรัฐบาล"
    assert doc.date == "2022-03-30"


def test_other_text_is_not_taken_for_a_page_copy():
    assert read_page_copy("Annual report\n\nThe ministry signed three MoUs in 2022.\nMore text.") is None
    # A first line that only starts like the next one is not a title line with a prefix.
    assert read_page_copy("บันทึกความเข้าใจ ไทย-ลาว\nบันทึกความเข้าใจ\nเนื้อหา") is None
    front = "---\ntitle: Given title\n---\nSite-Section-Headline text here\n\nHeadline text here\nBody."
    path = DATA / "front.md"
    doc = read_document(path, "front.md", front.encode())
    assert doc.title == "Given title"        # front matter wins; the text is left as written
    assert doc.text.startswith("Site-Section-Headline")


def test_same_news_released_twice_is_one_group_and_similar_news_is_not():
    texts = {name: _doc(name).text for name in
             ("dup-a.txt", "dup-b.txt", "ghb-a.txt", "ghb-b.txt", "en-uae.txt", "th-cabinet-turkiye.txt")}
    # dup-a (20 July 2022) and dup-b (22 July 2022) are the same release under two headlines;
    # ghb-a and ghb-b are two Government Housing Bank promotions (Chiang Mai, Hat Yai) sharing
    # most of their wording, different news (Jaccard about 0.6, under the 0.8 threshold).
    assert similarity(sketch(texts["dup-a.txt"]), sketch(texts["dup-b.txt"])) >= 0.9
    assert 0.4 < similarity(sketch(texts["ghb-a.txt"]), sketch(texts["ghb-b.txt"])) < 0.8
    groups = group_documents(texts)
    assert groups["dup-a.txt"] == groups["dup-b.txt"] == "dup-a.txt"
    assert len({groups[n] for n in texts}) == 5
    assert group_documents({"x": "สั้น", "y": ""}) == {"x": "x", "y": "y"}


@pytest.fixture(scope="module")
def thaigov_index(tmp_path_factory):
    from indexer.build import build_index
    from tests.conftest import FakeEncoder

    root = tmp_path_factory.mktemp("thaigov")
    corpus = root / "corpus"
    corpus.mkdir()
    for name in ("dup-a.txt", "dup-b.txt", "ghb-a.txt", "ghb-b.txt"):
        shutil.copy(DATA / name, corpus / name)
    build_index(corpus, root / "index", FakeEncoder())
    return root / "index"


def test_search_folds_near_duplicates_into_the_best_hit(thaigov_index):
    from search_api.searcher import Searcher
    from tests.conftest import FakeEncoder

    searcher = Searcher(thaigov_index, encoder=FakeEncoder())
    assert searcher.index.documents["dup-b.txt"]["group"] == "dup-a.txt"
    # The searcher reads groups from one pass over the metadata blob: the same partition as
    # the metadata itself, including a title that spells out the group key.
    st = searcher.store
    groups = st.doc_groups()
    for a in range(st.n_docs):
        for b in range(st.n_docs):
            assert (groups[a] == groups[b]) == (st.doc_meta(a)["group"] == st.doc_meta(b)["group"])
    assert groups[st.doc_number("dup-a.txt")] == groups[st.doc_number("dup-b.txt")]
    query = "SDG Investor Map"
    folded = searcher.search(query, k=20, mode="lexical")
    plain = searcher.search(query, k=20, mode="lexical", collapse_duplicates=False)
    docs = [h.doc_id for h in folded.results]
    assert {h.doc_id for h in plain.results} >= {"dup-a.txt", "dup-b.txt"}
    assert len({"dup-a.txt", "dup-b.txt"} & set(docs)) == 1      # one of the two is shown
    shown = next(h for h in folded.results if h.doc_id in ("dup-a.txt", "dup-b.txt"))
    other = ({"dup-a.txt", "dup-b.txt"} - {shown.doc_id}).pop()
    assert shown.duplicates == [other]
    assert folded.total < plain.total
    # Different news with shared wording is not folded.
    ghb = searcher.search("ธอส. สินเชื่อบ้าน Money Expo", k=20, mode="lexical")
    assert {"ghb-a.txt", "ghb-b.txt"} <= {h.doc_id for h in ghb.results}
