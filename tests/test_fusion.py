import numpy as np
import pytest

from search_api import fusion


def test_minmax_scales_over_the_pool():
    assert fusion.minmax(np.array([2.0, 4.0, 3.0])).tolist() == [0.0, 1.0, 0.5]
    assert fusion.minmax(np.array([0.8, 0.8])).tolist() == [1.0, 1.0]
    assert fusion.minmax(np.array([0.0, 0.0])).tolist() == [0.0, 0.0]


def test_minmax_stretches_a_small_spread_over_the_least_spread_only():
    # spread 0.04 < 0.16: scaled by 0.16 from the top, so the values stay 0.125 apart
    assert fusion.minmax(np.array([0.80, 0.82, 0.84]), least_spread=0.16).tolist() == \
        pytest.approx([1 - 0.04 / 0.16, 1 - 0.02 / 0.16, 1.0])
    # spread 0.4 >= 0.16: plain min-max
    assert fusion.minmax(np.array([0.5, 0.9]), least_spread=0.16).tolist() == [0.0, 1.0]


def test_near_equal_cosines_do_not_outvote_the_lexical_match():
    # A Thai question and two passages: a Thai one a little closer in the embedding, an English
    # one that holds the question's glossary concepts (coverage 0.32, the best in the pool).
    dense = np.array([0.857, 0.827])
    lexical = np.array([0.70, 4.59])
    cov = np.array([0.04, 0.32])
    share = 0.7 * 0.32                                    # lexical_weight * coverage ** 1.0
    lex_norm = [0.0, 1.0]                                 # after scaling by cov / 0.32
    spread = fusion.FusionParams(lexical_weight=0.7, coverage_power=1.0)  # default dense_spread 0.15
    fused = fusion.hybrid(dense, lexical, cov, spread)
    dense_norm = [1.0, 1 - 0.03 / 0.15]
    assert fused.tolist() == pytest.approx([(1 - share) * d + share * x for d, x in zip(dense_norm, lex_norm)])
    assert np.argmax(fused) == 1
    # plain min-max turns the 0.03 of cosine into the whole dense range: the Thai passage wins
    plain = fusion.hybrid(dense, lexical, cov, fusion.FusionParams(lexical_weight=0.7, coverage_power=1.0,
                                                                   dense_spread=0.0))
    assert np.argmax(plain) == 0


def test_coverage_is_the_matched_share_of_idf_mass():
    idf = {"ลาว": 2.0, "mou": 1.0, "อายุ": 1.0}
    assert fusion.coverage(idf, {"ลาว", "mou"}) == pytest.approx(3.0 / 4.0)
    assert fusion.coverage(idf, set()) == 0.0
    assert fusion.coverage({}, {"x"}) == 0.0


def test_grouped_coverage_counts_alternative_words_once():
    # An English question's Thai form: "approved" -> อนุมัติ / เห็นชอบ, "MOU" (a concept) alone.
    # A Thai passage says one of the two words; it should not miss half of "approved".
    idf = {"อนุมัติ": 2.0, "เห็นชอบ": 3.0, "~mou": 1.0}
    masks = {"อนุมัติ": np.array([True, False, False, True]),
             "เห็นชอบ": np.array([False, True, False, True]),
             "~mou": np.array([True, True, True, False])}
    grouped = fusion.grouped_coverages(idf, [frozenset({"อนุมัติ", "เห็นชอบ"})], masks.__getitem__)
    # the group weighs its largest idf, 3: total mass 3 + 1 = 4
    assert grouped.tolist() == pytest.approx([(3 + 1) / 4, (3 + 1) / 4, 1 / 4, 3 / 4])
    plain = fusion.coverages(idf, masks.__getitem__)
    assert plain.tolist() == pytest.approx([(2 + 1) / 6, (3 + 1) / 6, 1 / 6, 5 / 6])
    # no groups: the plain coverage
    assert fusion.grouped_coverages(idf, [], masks.__getitem__).tolist() == pytest.approx(plain.tolist())


def test_lexical_share_falls_with_coverage():
    full = fusion.lexical_share(1.0, weight=0.6, power=2.0)
    half = fusion.lexical_share(0.5, weight=0.6, power=2.0)
    assert full == pytest.approx(0.6)
    assert half == pytest.approx(0.6 * 0.25)
    assert fusion.lexical_share(0.0) == 0.0


def test_fuse_is_a_convex_mix_of_normalised_scores():
    dense = np.array([0.80, 0.90, 0.85])      # normalised: 0, 1, 0.5
    lexical = np.array([10.0, 0.0, 5.0])      # normalised: 1, 0, 0.5
    fused = fusion.fuse(dense, lexical, share=0.25)
    assert fused.tolist() == pytest.approx([0.75 * 0 + 0.25 * 1, 0.75 * 1 + 0, 0.75 * 0.5 + 0.25 * 0.5])


def test_no_lexical_evidence_leaves_the_dense_order():
    dense = np.array([0.7, 0.9, 0.8])
    fused = fusion.fuse(dense, np.array([3.0, 1.0, 2.0]), share=0.0)
    assert np.argsort(-fused).tolist() == [1, 2, 0]


def test_dense_evidence_mixes_chunk_and_best_sentence():
    mixed = fusion.dense_evidence(np.array([0.8]), np.array([0.9]), sentence_weight=0.25)
    assert mixed[0] == pytest.approx(0.75 * 0.8 + 0.25 * 0.9)


def test_rrf_arithmetic():
    scores = fusion.rrf([[1, 2], [2, 3]], k=60)
    assert scores[2] == pytest.approx(1 / (60 + 2) + 1 / (60 + 1))
    assert scores[1] == pytest.approx(1 / 61) and scores[3] == pytest.approx(1 / 62)
