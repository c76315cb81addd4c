"""The search page in a real headless Chromium: type a Thai question, see the answer, open it.

Needs Debian's chromium (/usr/bin/chromium) and fonts-thai-tlwg; `.ci/run` installs them when it
runs as root. Set UPDATE_SCREENSHOTS=1 to refresh docs/screenshots/search-page.png.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
THAI_QUESTION = "MoU ไทย-ลาว มีอายุกี่ปี"
HOSTILE = """---
title: "<img src=x onerror=\\"window.__xss=1\\">Hostile <b>title</b>"
lang: "en"
date: "2024-05-01"
source: "javascript:window.__xss=3"
---
<img src=x onerror="window.__xss=1">Hostile <b>title</b>
The zebrafish quokka agreement says <script>window.__xss=2</script> nothing about Laos.
"""

pytestmark = pytest.mark.model


def _chromium() -> str:
    found = next((p for p in CHROMIUM_CANDIDATES if os.path.exists(p)), None) or shutil.which("chromium")
    if not found:
        pytest.skip("NO CHROMIUM FOUND (looked for /usr/bin/chromium): the browser test did NOT run; "
                    "install it with `apt-get install -y chromium fonts-thai-tlwg`")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from indexer.build import build_index
    from search_api.app import create_app
    from search_api.settings import Settings

    _chromium()
    base = tmp_path_factory.mktemp("browser")
    corpus = base / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    (corpus / "zz-hostile.md").write_text(HOSTILE, encoding="utf-8")
    build_index(corpus, base / "index")
    with serving(create_app(Settings(index_dir=base / "index"))) as url:
        yield url


@contextmanager
def serving(app, start_seconds: float = 120):
    """``app`` served by uvicorn on a free local port in a thread; yields its base URL."""
    import uvicorn

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + start_seconds
    while not srv.started:
        assert time.time() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (dev extra)")
    path = _chromium()
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="th-TH")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    yield page
    context.close()


def test_thai_question_answer_highlighted_and_document_link(server, page, tmp_path):
    page.goto(server + "/")
    assert page.evaluate("document.activeElement.id") == "q"       # the box has focus on arrival
    page.keyboard.type(THAI_QUESTION)
    page.keyboard.press("Enter")
    page.wait_for_selector(".hit mark.answer")
    assert "q=MoU" in page.url                                      # shareable URL
    # the passages whose confidence reaches the floor, in either language (not every chunk)
    api = page.request.get(server + "/api/search", params={"q": THAI_QUESTION}).json()
    hits = page.locator(".hit")
    assert hits.count() == min(api["total"], 10) and 3 <= api["total"] < 30
    assert {h["lang"] for h in api["hits"]} == {"th", "en"}
    assert page.locator(".hit mark.term").count() > 0                # query terms marked
    # Each hit marks the span the API picked as its answer (the rest of its sentence as context).
    first_answer = page.locator(".hit").first.locator("mark.answer").inner_text()
    marked = api["hits"][0].get("answer_span") or api["hits"][0]["answer"]
    assert " ".join(first_answer.split()) == " ".join(marked["text"].split())
    # The passage that answers the question (5 years + 3 years automatic extension) is among the
    # results; ranking it first is the ranking's job (tests/test_api.py), not the page's.
    hit = page.locator(".hit", has_text="ขยายเวลาอัตโนมัติ").first
    assert hit.count() == 1
    meta = hit.locator(".meta").inner_text()
    assert "2022-11-07 (7 พ.ย. พ.ศ. 2565)" in meta and "ไทย" in meta   # Gregorian + Buddhist Era
    shot = tmp_path / "search-page.png"
    page.screenshot(path=str(shot), full_page=False)
    if os.environ.get("UPDATE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, SCREENSHOTS / "search-page.png")

    hit.locator("h2 a").click()
    page.wait_for_selector("mark#passage")
    assert "/doc/" in page.url
    passage = page.locator("mark#passage")
    assert "ขยายเวลาอัตโนมัติ" in passage.inner_text()
    assert passage.locator("mark.answer").count() == 1               # the answer sentence again
    box = passage.bounding_box()
    assert box is not None and 0 <= box["y"] < 900                   # scrolled into view
    assert page.locator("#document h1").inner_text()

    page.go_back()                                                   # back to the results
    page.wait_for_selector(".hit mark.answer")
    assert page.locator("#q").input_value() == THAI_QUESTION
    assert page.locator("#document").is_hidden()
    assert not page.errors, page.errors


def test_untrusted_text_is_never_html(server, page):
    page.goto(server + "/?q=zebrafish%20quokka%20agreement")
    page.wait_for_selector(".hit")
    first = page.locator(".hit").first
    assert "<img src=x" in first.locator("h2").inner_text()
    assert page.locator("#results img, #results script, #results b").count() == 0
    assert first.locator("a.source").count() == 0                     # javascript: URL not linked
    first.locator("h2 a").click()
    page.wait_for_selector("#document h1")
    assert page.locator("#document img, #document script, #document b").count() == 0
    time.sleep(0.3)
    assert page.evaluate("window.__xss") is None


def test_filters_keyboard_paging_and_embed(server, page):
    page.goto(server + "/?q=MoU&lang=en")
    page.wait_for_selector(".hit")
    assert set(page.locator(".hit .lang").all_inner_texts()) == {"อังกฤษ · English"}
    assert page.locator("#lang").input_value() == "en"
    page.goto(server + "/?q=MoU&from=2560&to=2560")                   # Buddhist Era years work too
    page.wait_for_selector(".hit")
    assert all("2017" in t for t in page.locator(".hit .date").all_inner_texts())
    page.goto(server + "/?q=" + "x" * 1001)
    page.wait_for_selector(".status.error")
    assert "limit is 1000" in page.locator("#status").inner_text()

    page.goto(server + "/?q=MoU")
    page.wait_for_selector(".hit")
    page.locator("body").click()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    next_link = page.locator("#pager a", has_text="Next")
    if next_link.count():
        next_link.click()
        page.wait_for_selector(".hit[data-rank='11']")
        assert "page=2" in page.url
        page.go_back()
        page.wait_for_selector(".hit[data-rank='1']")

    page.set_viewport_size({"width": 380, "height": 800})            # a phone
    page.goto(server + "/?embed=1&q=ลาว")
    page.wait_for_selector(".hit")
    assert page.locator("header.site").is_hidden()
    assert page.locator(".hit h2 a").first.get_attribute("target") == "_blank"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 380, "no horizontal scrolling on a phone"
    assert not page.errors, page.errors
