"""Reading real agreement files: PDF (Thai repair), Word, HTML, Thai encodings, sidecars."""
from __future__ import annotations

import json

import pytest

from indexer import index_files
from indexer.build import build_index
from indexer.corpus import list_corpus, read_document
from indexer.loaders.pdf import repair_thai
from indexer.loaders.text import decode_text
from tests.ingest_files import make_docx, make_pdf

THAI_MOU = ("บันทึกความเข้าใจว่าด้วยความร่วมมือด้านเศรษฐกิจดิจิทัลระหว่างไทยกับลาว "
            "ลงนามเมื่อวันที่ ๑๐ พฤษภาคม ๒๕๖๕ มีอายุ 5 ปี")
ENGLISH_MOU = "Thailand and Japan signed a Memorandum of Cooperation on 5 May 2023 at Tokyo."


def read(path, doc_id=None):
    return read_document(path, doc_id or path.name, path.read_bytes())


# -- PDF ---------------------------------------------------------------------------------------

def test_thai_pdf_glyphs_are_mapped_back():
    # what pypdf returns for น้ำ, ปิ้ง, ญ and ฐ drawn with shifted glyphs
    drawn = "น\uf70b\u0e4d\u0e32 ป\uf701\uf706ง \uf70f \uf700าน ก\u0e48\u0e4d\u0e32"
    assert repair_thai(drawn) == "น้ำ ปิ้ง ญ ฐาน ก่ำ"


def test_thai_pdf_is_read_and_repaired(tmp_path):
    pdf = make_pdf(tmp_path / "mou.pdf", [
        "บันทึกความเข้าใจ ไทย ลาว",
        "ผู้แทนทั้งสองฝ่ายดื่มน\uf70b\u0e4d\u0e32ชา ลงนามเมื่อวันที่ ๑๐ พฤษภาคม ๒๕๖๕",
        "Thailand and Laos signed the MoU.",
    ], title="Thailand-Laos Digital MoU")
    doc = read(pdf)
    assert "น้ำชา" in doc.text
    assert not any("\uf700" <= ch <= "\uf71a" for ch in doc.text)
    assert "\u0e4d\u0e32" not in doc.text
    assert doc.title == "Thailand-Laos Digital MoU"  # from the PDF's properties
    assert doc.date == "2022-05-10"                    # Thai digits, Buddhist Era
    assert doc.lang == "th"
    assert set(doc.parties) == {"Thailand", "Laos"}


def test_english_pdf_title_detected_when_properties_are_junk(tmp_path):
    pdf = make_pdf(tmp_path / "jp.pdf", ["Memorandum of Cooperation", ENGLISH_MOU],
                   title="Microsoft Word - draft3.docx")
    doc = read(pdf)
    assert doc.title == "Memorandum of Cooperation"
    assert doc.date == "2023-05-05" and doc.lang == "en"


# -- Word --------------------------------------------------------------------------------------

def test_docx_paragraphs_and_tables_in_order(tmp_path):
    path = make_docx(tmp_path / "mou.docx", [THAI_MOU, "ข้อ 1 วัตถุประสงค์"],
                     table=[["ฝ่าย", "ผู้ลงนาม"], ["ไทย", "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"]],
                     title="MoU ไทย-ลาว")
    doc = read(path)
    lines = doc.text.splitlines()
    assert lines[0] == THAI_MOU and lines[1] == "ข้อ 1 วัตถุประสงค์"
    assert "ไทย | กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม" in lines
    assert doc.title == "MoU ไทย-ลาว" and doc.date == "2022-05-10" and doc.lang == "th"


# -- HTML --------------------------------------------------------------------------------------

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>Thailand and Japan sign MoC | Government News</title>
<meta property="article:published_time" content="2023-05-05T09:30:00+07:00">
<link rel="canonical" href="https://example.go.th/news/123">
<style>.x{color:red}</style><script>var tracking = "Laos Vietnam";</script></head>
<body><nav><a href="/">Home</a> | <a href="/laos">Laos news</a></nav>
<header>Site banner</header>
<main><h1>Thailand and Japan sign MoC</h1><p>The <b>two</b> ministries agreed to cooperate.</p>
<p>ความร่วมมือด้านดิจิทัล</p></main>
<footer>Copyright Vietnam office</footer></body></html>"""


def test_html_main_text_without_navigation_or_scripts(tmp_path):
    path = tmp_path / "news.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = read(path)
    assert doc.text.splitlines() == ["Thailand and Japan sign MoC",
                                     "The two ministries agreed to cooperate.",
                                     "ความร่วมมือด้านดิจิทัล"]
    assert doc.title == "Thailand and Japan sign MoC | Government News"
    assert doc.date == "2023-05-05"
    assert doc.source == "https://example.go.th/news/123"
    assert "Laos" not in doc.parties and "Vietnam" not in doc.parties


def test_html_title_from_h1_and_tis620_page(tmp_path):
    path = tmp_path / "old.htm"
    body = "<html><head><meta http-equiv='Content-Type' content='text/html; charset=tis-620'></head>" \
           f"<body><h1>ข่าวความร่วมมือ ไทย ลาว</h1><p>{THAI_MOU}</p></body></html>"
    path.write_bytes(body.encode("cp874"))
    doc = read(path)
    assert doc.title == "ข่าวความร่วมมือ ไทย ลาว"
    assert THAI_MOU in doc.text and doc.lang == "th"


# -- text encodings ----------------------------------------------------------------------------

@pytest.mark.parametrize("encoding,expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("cp874", "cp874"),
    ("tis-620", "cp874"),
])
def test_thai_text_in_each_encoding(encoding, expected):
    text, found = decode_text(THAI_MOU.encode(encoding))
    assert text.lstrip("\ufeff") == THAI_MOU and found == expected


def test_western_single_byte_text_is_accepted_only_when_mostly_ascii():
    text, found = decode_text("The parties\u2019 obligations are set out below.".encode("cp1252"))
    assert found == "cp1252" and "\u2019" in text


def test_tis620_text_file_indexed_with_its_metadata(tmp_path, fake_encoder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "old.txt").write_bytes(("---\ntitle: MoU เก่า\n---\n" + THAI_MOU).encode("cp874"))
    summary = build_index(corpus, tmp_path / "index", fake_encoder)
    assert summary.added == ["old.txt"] and not summary.failed
    doc = index_files.read_jsonl(index_files.current_version(tmp_path / "index") / "documents.jsonl")[0]
    assert doc["title"] == "MoU เก่า" and doc["text"] == THAI_MOU and doc["date"] == "2022-05-10"


# -- sidecar metadata --------------------------------------------------------------------------

def test_sidecar_metadata_wins_and_is_not_a_document(tmp_path, fake_encoder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_docx(corpus / "a.docx", [THAI_MOU])
    (corpus / "a.docx.meta.json").write_text(json.dumps(
        {"title": "Thailand-Laos MoU", "date": "2565-05-12", "parties": ["Thailand", "Laos"],
         "source": "https://example.go.th/a"}), encoding="utf-8")
    (corpus / "b.txt").write_text(ENGLISH_MOU, encoding="utf-8")
    (corpus / "b.meta.json").write_text('{"date": "2023-05-06", "lang": "en"}', encoding="utf-8")
    assert [d for d, _ in list_corpus(corpus)] == ["a.docx", "b.txt"]
    index = tmp_path / "index"
    summary = build_index(corpus, index, fake_encoder)
    assert summary.added == ["a.docx", "b.txt"] and not summary.failed
    docs = {d["doc_id"]: d for d in
            index_files.read_jsonl(index_files.current_version(index) / "documents.jsonl")}
    assert docs["a.docx"]["title"] == "Thailand-Laos MoU"
    assert docs["a.docx"]["date"] == "2022-05-12" and docs["a.docx"]["source"] == "https://example.go.th/a"
    assert docs["b.txt"]["date"] == "2023-05-06"
    # editing only the sidecar updates the document
    (corpus / "b.meta.json").write_text('{"date": "2023-05-07"}', encoding="utf-8")
    again = build_index(corpus, index, fake_encoder)
    assert again.updated == ["b.txt"] and again.unchanged == ["a.docx"]


def test_broken_sidecar_is_reported(tmp_path, fake_encoder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ENGLISH_MOU, encoding="utf-8")
    (corpus / "a.txt.meta.json").write_text("{title: oops", encoding="utf-8")
    summary = build_index(corpus, tmp_path / "index", fake_encoder)
    assert summary.failed and "sidecar a.txt.meta.json is not valid" in summary.failed[0][1]


# -- languages per document and per chunk ------------------------------------------------------

def test_every_chunk_records_its_language(tmp_path, fake_encoder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    english = " ".join([ENGLISH_MOU] * 12)
    thai = " ".join([THAI_MOU] * 12)
    (corpus / "mixed.md").write_text(f"{english}\n\n{thai}\n", encoding="utf-8")
    build_index(corpus, tmp_path / "index", fake_encoder)
    chunks = index_files.read_jsonl(index_files.current_version(tmp_path / "index") / "chunks.jsonl")
    assert len(chunks) >= 2
    assert chunks[0]["lang"] == "en" and chunks[-1]["lang"] == "th"


def test_mixed_corpus_of_every_format_indexes_cleanly(tmp_path, fake_encoder):
    from search_api.searcher import Filters, Searcher

    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    make_pdf(corpus / "th.pdf", [THAI_MOU])
    make_docx(corpus / "sub" / "jp.docx", [ENGLISH_MOU])
    (corpus / "news.html").write_text(PAGE, encoding="utf-8")
    (corpus / "old.txt").write_bytes(THAI_MOU.encode("cp874"))
    (corpus / "u16.txt").write_bytes(ENGLISH_MOU.encode("utf-16"))
    summary = build_index(corpus, tmp_path / "index", fake_encoder)
    assert sorted(summary.added) == ["news.html", "old.txt", "sub/jp.docx", "th.pdf", "u16.txt"]
    assert not summary.failed
    searcher = Searcher(tmp_path / "index", fake_encoder)
    hits = searcher.search("Laos", k=10, filters=Filters(lang="th", party="Laos"),
                           collapse_duplicates=False).results
    assert {h.doc_id for h in hits} == {"th.pdf", "old.txt"}  # the same text in two formats
