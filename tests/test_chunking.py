from pathlib import Path

import pytest

from indexer.chunking import chunk_text
from indexer.documents import parse_front_matter
from indexer.sentences import split_sentences

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def body(name: str) -> str:
    return parse_front_matter(CORPUS.joinpath(name).read_text(encoding="utf-8"))[1]


def words(text: str) -> int:
    return max(1, len(text) // 4)


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.md")))
def test_chunks_cover_the_document_with_exact_offsets(name):
    text = body(name)
    chunks = chunk_text(text, words, target=60, maximum=100, overlap=20)
    assert chunks[0].start == len(text) - len(text.lstrip())
    covered = set()
    for chunk in chunks:
        assert chunk.sentences[0][0] == chunk.start and chunk.sentences[-1][1] == chunk.end
        for a, b in chunk.sentences:
            assert text[a:b] == text[a:b].strip() and text[a:b]
            covered.update(range(a, b))
    # every non-space character of the body is in some chunk
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


def test_consecutive_chunks_overlap_by_whole_sentences():
    text = body("000-en-thailand-laos-digital-mou-2022.md")
    chunks = chunk_text(text, words, target=100, maximum=160, overlap=80)
    assert len(chunks) > 3
    shared = [set(a.sentences) & set(b.sentences) for a, b in zip(chunks, chunks[1:])]
    assert any(shared)
    for a, b in zip(chunks, chunks[1:]):
        assert b.start > a.start  # always moves forward


def test_thai_abbreviation_is_not_a_sentence_end():
    text = "ดีอีเอส ร่วมกับ กระทรวงเทคโนโลยีและการสื่อสารแห่งสปป.ลาว ลงนามด้านไปรษณีย์ โทรคมนาคม และไอที"
    sentences = [text[a:b] for a, b in split_sentences(text)]
    assert not any(s.endswith("สปป.") for s in sentences)
    assert not any(s.startswith("ลาว") for s in sentences)


def test_english_sentences_and_titles():
    text = "Mr Chaiwut signed the MoU. It lasts five years. Dr. Smith agreed."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Mr Chaiwut signed the MoU.", "It lasts five years.", "Dr. Smith agreed."]


def test_an_initial_or_a_title_ends_no_english_sentence():
    """A release's dateline sentence names the visitor by title and initials; cut there, the
    venue it opens with is no longer in the sentence that says who came."""
    text = ("July 10, 2022, at 1430hrs, at the Ivory Room, Thai Khu Fah Building, Government House, H.E. Mr. "
            "Antony J. Blinken, United States Secretary of State, paid a courtesy call on Prime Minister Gen. "
            "Prayut Chan-o-cha. Pol. Gen. Damrongsak Kittiprapas signed the MOU on Nov. 7. It lasts five years.")
    assert [text[a:b][:20] for a, b in split_sentences(text)] == [
        "July 10, 2022, at 14", "Pol. Gen. Damrongsak", "It lasts five years."]


def test_run_on_sentence_is_cut_below_the_limit():
    text = " ".join(["ความร่วมมือด้านดิจิทัล"] * 80)
    spans = split_sentences(text)
    assert len(spans) > 1 and all(b - a <= 600 for a, b in spans)
