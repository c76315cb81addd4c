"""The search page's agreement parts in headless Chromium: the direct answer above the results,
agreement cards beside hits, the record page with its timeline and evidence.

Seed articles with the hand-written records (tests/agreement_records.py), test encoder: this is
plumbing of the page, not retrieval quality.
"""
from __future__ import annotations

import shutil
from urllib.parse import urlencode

import pytest

from agreement_records import SEEDS, install
from test_browser import _chromium, browser, page, serving  # noqa: F401  (fixtures)

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are not here")
QUESTION = "MoU ไทย-ลาว มีอายุกี่ปี"   # hybrid with the test encoder ranks its answer passage first


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import os

    from indexer.build import build_index
    from search_api.app import create_app
    from search_api.searcher import Searcher
    from search_api.service import SearchService
    from search_api.settings import Settings

    _chromium()
    os.environ["MOU_SEARCH_TEST_ENCODERS"] = "1"
    base = tmp_path_factory.mktemp("agreement-page")
    shutil.copytree(SEEDS, base / "seeds")
    build_index(base / "seeds", base / "index", encoder="test-trigram-32")
    install(base / "index")
    service = SearchService(base / "index", searcher_factory=lambda d: Searcher(d, encoder="test-trigram-32"))
    with serving(create_app(Settings(index_dir=base / "index"), service), start_seconds=60) as url:
        yield url


def test_direct_answer_cards_and_record_page(server, page):  # noqa: F811
    api = page.request.get(server + "/api/search", params={"q": QUESTION, "k": 10}).json()
    assert api["direct_answer"] is not None
    page.goto(server + "/?" + urlencode({"q": QUESTION}))
    page.wait_for_selector(".direct-answer")
    assert page.locator(".direct-answer .answer-text").inner_text() == api["direct_answer"]["text"]
    assert page.locator(".direct-answer .cites a").count() >= 2            # evidence links + record
    page.wait_for_selector(".hit .agreement-card")
    card = page.locator(".hit .agreement-card").first.inner_text()
    assert "Laos" in card and "ลงนาม · Signed" in card

    page.locator(".direct-answer .cites a", has_text="ดูบันทึก").click()
    page.wait_for_selector("table.facts")
    assert "/agreement/agr-1a05d1617a11" in page.url
    timeline = page.locator("ol.timeline").inner_text()
    assert "2565" in timeline and "ลงนาม · Signed" in timeline and "computed" in timeline
    assert "ขยายเวลาอัตโนมัติออกไปอีก 3 ปี" in " ".join(page.locator("table.facts").inner_text().split())
    assert page.locator("#document h2", has_text="History").count() == 1

    page.locator("table.facts a").first.click()                           # an evidence sentence
    page.wait_for_selector("mark#passage")
    assert "/doc/" in page.url
    assert not page.errors, page.errors


def test_no_answer_box_when_nothing_answers(server, page):  # noqa: F811
    page.goto(server + "/?q=what+is+the+weather+like")
    page.wait_for_selector(".hit")
    assert page.locator(".direct-answer").count() == 0
    assert not page.errors, page.errors
