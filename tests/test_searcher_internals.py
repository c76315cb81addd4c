"""Speed-ups inside the Searcher must select exactly what the plain code selected."""
from __future__ import annotations

import numpy as np

from search_api.searcher import top_indices


def test_top_indices_is_the_stable_argsort_prefix_as_a_set():
    rng = np.random.default_rng(7)
    for trial in range(2000):
        m, n = int(rng.integers(0, 40)), int(rng.integers(0, 50))
        # Half the trials with many ties, where the cut must prefer lower indices.
        scores = (rng.integers(0, 4, size=m) if trial % 2 else rng.random(m)).astype(np.float32)
        expected = set(np.argsort(-scores, kind="stable")[:n].tolist())
        assert set(top_indices(scores, n).tolist()) == expected


def test_top_indices_ties_at_the_cut_go_to_lower_indices():
    scores = np.array([1.0, 3.0, 2.0, 2.0, 2.0, 0.5], dtype=np.float32)
    assert sorted(top_indices(scores, 3).tolist()) == [1, 2, 3]


def test_answer_kind_flags_of_chunks_are_has_answer_of_their_text(real_index):
    from indexer.answer_kinds import ANSWER_PATTERNS, has_answer
    from search_api.searcher import Searcher

    searcher = Searcher(real_index)  # its own flags, not the session searcher's
    rows = np.arange(len(searcher.index.chunks))
    for kind in ANSWER_PATTERNS:
        half = searcher._typed(kind, rows[::2])  # some rows known before the rest are asked
        assert half.tolist() == [has_answer(kind, searcher._chunk_text(int(r))) for r in rows[::2]]
        every = searcher._typed(kind, rows[::-1])
        assert every.tolist() == [has_answer(kind, searcher._chunk_text(int(r))) for r in rows[::-1]]


def test_detected_parties_are_remembered_by_text_and_handed_out_as_copies():
    from indexer.documents import _detect_parties, detect_parties

    text = "Thailand and Laos signed; ไทยและลาวลงนาม; Laos again"
    first = detect_parties(text)
    assert first == _detect_parties(text) == detect_parties(text)
    first.append("Mars")
    assert "Mars" not in detect_parties(text)


def test_best_sentence_cosine_is_each_chunks_max_and_minus_one_without_sentences():
    from search_api.searcher import _best_of

    rng = np.random.default_rng(3)
    for _ in range(300):
        parts = [rng.random(int(rng.integers(0, 4))).astype(np.float32) - 0.5
                 for _ in range(int(rng.integers(0, 12)))]
        expected = np.array([c.max() if len(c) else -1.0 for c in parts]).reshape(-1)
        assert np.array_equal(_best_of(parts), expected)


def test_a_search_running_beside_another_embeds_its_question_itself_with_the_same_results(real_index):
    """With another search running, the question is embedded on the search's own thread
    (no hand-over to an encoder thread): the vector and the ranked, marked page are the same."""
    from search_api.searcher import Searcher

    searcher = Searcher(real_index)
    questions = ["MoU ไทย-ลาว มีอายุกี่ปี", "which areas does the Finland MoU cover"]
    alone = [searcher.search(q).as_dict() for q in questions]
    vectors = [searcher.embed_query(q) for q in questions]
    searcher.forget_queries()
    searcher._running = 1          # another search is running: this one makes the count 2
    try:
        beside = [searcher.search(q).as_dict() for q in questions]
        searcher._running = 2      # as inside a search
        assert searcher._embedding("a question nobody asked").done()   # embedded here, not handed over
    finally:
        searcher._running = 0
    assert beside == alone
    assert all(np.array_equal(searcher.embed_query(q), v) for q, v in zip(questions, vectors))
