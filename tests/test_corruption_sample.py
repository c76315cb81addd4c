"""A fixed sample of the corruption campaign (``eval/corruption_campaign.py``, 2,000+ cases):
three kinds of damage to every file of a (format-2) version, the manifest, its digest and CURRENT, plus
odd CURRENT contents. Each case must serve the undamaged results or be refused with exit 3 /
503 and one line; never a traceback, never other results. Every fourth case also runs
``mou-search index`` over the damage, which must repair it.
"""
from __future__ import annotations

import pytest

from eval.corruption_campaign import Campaign, Case, cases_for

KINDS = {"delete", "flip", "truncate"}


@pytest.fixture(scope="module")
def campaign(tmp_path_factory):
    # The campaign sets these for its builds (an ANN file in every version); other tests must
    # not inherit them.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MOU_SEARCH_ANN_MIN_CHUNKS", "1")
        mp.setenv("MOU_SEARCH_TEST_ENCODERS", "1")
        yield Campaign(tmp_path_factory.mktemp("corruption"))


def sample(campaign) -> list[Case]:
    chosen, seen = [], set()
    for case in cases_for(campaign.index, per_file=40, seed=8):
        key = (case.target, case.kind)
        if case.kind in KINDS and key not in seen:
            seen.add(key)
            chosen.append(case)
    chosen += [Case("CURRENT", "name", "x" * 300), Case("CURRENT", "raw", "fffe0a"),
               Case("CURRENT", "directory"), Case("CURRENT", "encoding", "utf-16"),
               Case("manifest.json", "encoding", "utf-16")]
    return chosen


def test_sample_of_the_corruption_campaign(campaign):
    cases = sample(campaign)
    assert len(cases) >= 30
    # every file a format-2 version holds is damaged, the store and the ANN index included
    targets = {c.target for c in cases}
    assert {"chunks.faiss", "chunks_ann.faiss", "store_text.bin", "store_meta.bin", "store_docs.npy",
            "store_chunks.npy", "store_sentences.npy", "store_kinds.npy", "manifest.sha256", "CURRENT",
            "agreements.json"} <= targets
    rows = [campaign.run(case, api=True, repair=i % 4 == 0) for i, case in enumerate(cases)]
    bad = [r for r in rows if r["cli"] not in ("served", "refused") or r["api"] not in ("served", "refused")
           or r.get("repair", "repaired") != "repaired"]
    assert not bad, bad
    # most damage is refused with a reason; the few cases that serve served the same answers
    assert sum(r["cli"] == "refused" for r in rows) >= len(rows) - 3
