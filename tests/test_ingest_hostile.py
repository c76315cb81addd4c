"""Hostile corpus files: each is indexed or skipped with a reason, within bounds.

Every build runs as a real ``mou-search index`` (test encoder) under a small wrapper process
that reports the build's peak RSS (``getrusage(RUSAGE_CHILDREN)`` of the wrapper, so only that
build and its parser children count). Bounds: < 1 GiB RSS and < 30 s per file. The time bound
is a hang detector, not a benchmark: on main these files took from minutes to hours.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_SECONDS = 30
MAX_RSS_KB = 1024 * 1024
THAI = "ความร่วมมือระหว่างประเทศไทยและสาธารณรัฐประชาธิปไตยประชาชนลาวด้านดิจิทัล"
GOOD = "Thailand and Laos signed a Memorandum of Understanding on digital cooperation.\n"

WRAPPER = """
import json, resource, subprocess, sys, time
start = time.monotonic()
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True, errors="backslashreplace")
print(json.dumps({"code": proc.returncode, "out": proc.stdout, "err": proc.stderr,
                  "seconds": time.monotonic() - start,
                  "rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def build(corpus: Path, index: Path, **env) -> dict:
    cmd = [sys.executable, "-c", WRAPPER, sys.executable, "-m", "search_api.cli", "index",
           "--corpus", str(corpus), "--index", str(index), "--encoder", "test-trigram-32", "--quiet"]
    full_env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHAINLP_OFFLINE="1", MOU_SEARCH_TEST_ENCODERS="1",
                    **env)
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=full_env, timeout=300)
    result = json.loads(done.stdout)
    assert result["rss_kb"] < MAX_RSS_KB, result
    assert result["seconds"] < MAX_SECONDS, result
    return result


def corpus_with(tmp_path: Path, name: str | bytes, data: bytes) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    path = os.path.join(os.fsencode(corpus), name if isinstance(name, bytes) else os.fsencode(name))
    with open(path, "wb") as f:
        f.write(data)
    return corpus


def skipped_lines(result: dict) -> list[str]:
    return [line for line in result["err"].splitlines() if line.startswith("skipped ")]


def test_40_mb_one_line_text_is_refused_quickly(tmp_path):
    line = b"Thailand Laos MoU " * (40 * 1024 * 1024 // 18)
    corpus = corpus_with(tmp_path, "giant.txt", line)
    result = build(corpus, tmp_path / "index")
    assert result["code"] == 4
    assert skipped_lines(result) == [f"skipped giant.txt: text is {len(line):,} characters, over the "
                                     "1,000,000 limit (split the file)"]


def test_1_mb_thai_line_without_spaces_is_indexed(tmp_path):
    text = (THAI * (1024 * 1024 // len(THAI.encode()) + 1)).encode()[:1024 * 1024]
    corpus = corpus_with(tmp_path, "thai.txt", text.decode("utf-8", "ignore").encode())
    result = build(corpus, tmp_path / "index")
    assert result["code"] == 0, result["err"]
    assert "2 added" in result["out"]


def test_html_nested_100k_deep_is_stopped_by_the_parser_limit(tmp_path):
    page = b"<html><body>" + b"<div>" * 100_000 + b"Laos" + b"</div>" * 100_000 + b"</body></html>"
    corpus = corpus_with(tmp_path, "deep.html", page)
    result = build(corpus, tmp_path / "index", MOU_SEARCH_PARSE_SECONDS="5")
    assert result["code"] == 4
    assert skipped_lines(result) == ["skipped deep.html: HTML parsing took longer than 5 s and was "
                                     "stopped (a damaged or hostile file?)"]


@pytest.mark.parametrize("name, data", [
    ("title.md", b"---\ntitle: " + b"MoU " * 262_144 + b"\n---\n" + GOOD.encode()),
    ("title.html", b"<html><head><title>" + b"MoU " * 262_144 + b"</title></head><body><p>"
     + GOOD.encode() + b"</p></body></html>"),
], ids=["markdown", "html"])
def test_giant_title_is_cut_and_noted(tmp_path, name, data):
    from search_api.searcher import Searcher

    corpus = corpus_with(tmp_path, name, data)
    result = build(corpus, tmp_path / "index")
    assert result["code"] == 0, result["err"]
    assert f"note {name}: title is 1,048,575 characters, cut to 299" in result["err"] \
        or f"note {name}: title is 1,048,576 characters, cut to 299" in result["err"]
    os.environ["MOU_SEARCH_TEST_ENCODERS"] = "1"
    assert len(Searcher(tmp_path / "index").index.documents[name]["title"]) <= 300


def test_giant_sidecar_fields_are_cut_or_ignored(tmp_path):
    corpus = corpus_with(tmp_path, "a.txt", GOOD.encode())
    (corpus / "a.meta.json").write_text(json.dumps({
        "title": "T" * 500_000, "source": "http://x/" + "y" * 100_000, "date": "2" * 100_000,
        "lang": "x" * 1000, "parties": ["Laos" * 100] * 200}), encoding="utf-8")
    result = build(corpus, tmp_path / "index")
    assert result["code"] == 0, result["err"]
    notes = [line for line in result["err"].splitlines() if line.startswith("note a.txt:")]
    assert len(notes) == 5, notes


def test_docx_zip_bomb_is_refused(tmp_path):
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:document>" + b"\0" * (300 * 1024 * 1024))
    corpus = corpus_with(tmp_path, "bomb.docx", buf.getvalue())
    result = build(corpus, tmp_path / "index")
    assert result["code"] == 4 and "zip bomb suspected" in result["err"]


# -- names and links ---------------------------------------------------------------------------

def test_newline_in_a_file_name_forges_no_output_line(tmp_path):
    forged = "x.txt\nskipped forged.txt: not real\n.txt"
    corpus = corpus_with(tmp_path, forged, b"")  # empty: skipped, so its name is printed
    (corpus / "also\nindexed.txt").write_text("Thailand and Laos: an MoU on 5G networks.", encoding="utf-8")
    result = build(corpus, tmp_path / "index")
    assert result["code"] == 4
    assert skipped_lines(result) == ["skipped x.txt\\nskipped forged.txt: not real\\n.txt: empty file"]
    queries = tmp_path / "q.tsv"
    queries.write_text("q1\tLaos MoU\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHAINLP_OFFLINE="1", MOU_SEARCH_TEST_ENCODERS="1")
    run = subprocess.run([sys.executable, "-m", "search_api.cli", "run", "--queries", str(queries),
                          "--output", "-", "--index", str(tmp_path / "index"), "--level", "document"],
                         cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == 2 and all(len(line.split()) == 6 for line in lines)
    assert "also%0Aindexed.txt" in run.stdout
    human = subprocess.run([sys.executable, "-m", "search_api.cli", "search", "5G networks", "-k", "2",
                            "--index", str(tmp_path / "index")],
                           cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert "also\\nindexed.txt" in human.stdout and "also\nindexed" not in human.stdout


def test_non_utf8_and_very_long_names(tmp_path):
    corpus = corpus_with(tmp_path, b"caf\xe9-\xff.txt", GOOD.encode())
    deep = corpus
    for _ in range(5):
        deep = deep / ("d" * 250)
        deep.mkdir()
    (deep / ("n" * 200 + ".txt")).write_text(GOOD, encoding="utf-8")
    (corpus / ("L" * 251 + ".txt")).write_text(GOOD, encoding="utf-8")  # 255 bytes: the longest
    result = build(corpus, tmp_path / "index")
    assert result["code"] == 4
    skipped = skipped_lines(result)
    assert "skipped caf\\xe9-\\xff.txt: file name is not valid UTF-8 (undecodable bytes); rename the file" in skipped
    assert any("characters long, over 1024" in line for line in skipped)
    assert "2 added" in result["out"]  # good.txt and the 255-byte name


def test_symlinks_loop_outside_and_to_a_fifo(tmp_path):
    corpus = corpus_with(tmp_path, "ok.txt", GOOD.encode())
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    (corpus / "outside.txt").symlink_to(tmp_path / "secret.txt")
    os.mkfifo(corpus / "fifo-target")
    (corpus / "fifo.txt").symlink_to(corpus / "fifo-target")
    (corpus / "dir.txt").mkdir()
    started = time.monotonic()
    result = build(corpus, tmp_path / "index")
    assert time.monotonic() - started < MAX_SECONDS
    skipped = sorted(skipped_lines(result))
    assert skipped == ["skipped fifo.txt: not a regular file",
                       "skipped loop.txt: symlink loop",
                       "skipped outside.txt: leads outside the corpus folder (symlink or path); not read"]
