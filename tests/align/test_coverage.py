"""Dictionary coverage of each sentence by the window opposite, on hand-checked cases."""

from __future__ import annotations

import numpy as np
import pytest

from align.blocks import Blocks
from align.encoders.bags import chinese_edge_clauses, document_bags, english_edge_clauses
from align.encoders.coverage import LexicalFeatures

ZH = ("我们在河边建了一座新图书馆。", "它有三百万本书。", "你喜欢读书吗？")
EN = ("We built a new library by the river.", "It holds three million books.",
      "Do you like reading?")


def coverage(zh=ZH, en=EN) -> LexicalFeatures:
    return LexicalFeatures(document_bags(zh, en), zh_is_src=True)


def test_true_translation_scores_highest_in_its_row():
    rows, cols = np.meshgrid(np.arange(3), np.arange(3), indexing="ij")
    sims = coverage().rank_similarity(rows.ravel(), cols.ravel()).reshape(3, 3)
    assert list(sims.argmax(axis=1)) == [0, 1, 2]
    assert np.all((sims >= 0) & (sims <= 1))


def test_coverage_is_a_sentence_signal_only():
    features = coverage()
    # The sentence's coverage; its less covered edge clause's where a sentence has two
    # clauses (none of these; nor a coarse block).
    assert features.n_signals == 0 and features.n_sentence_signals == 1
    crossing = coverage(CROSSING_ZH, CROSSING_EN)
    assert crossing.n_sentence_signals == 2
    assert crossing.coarsen(Blocks.uniform(2, 2, 2)).n_sentence_signals == 1
    assert features.similarity(np.array([0, 1]), 1, np.array([0, 1]), 1).shape == (0, 2)


def test_each_sentence_is_scored_against_the_whole_window_opposite():
    features = coverage()
    # 我们在河边建了一座新图书馆。 against "We built a new library..." + "It holds three million books."
    covers = features.sentence_similarity(np.array([0]), 1, np.array([0]), 2)
    assert covers.src.shape == (1, 1, 1) and covers.tgt.shape == (1, 2, 1)
    alone = features.sentence_similarity(np.array([0]), 1, np.array([0]), 1)
    assert covers.src[0, 0, 0] >= alone.src[0, 0, 0] > 0.5  # a wider window explains no less
    library, books = covers.tgt[0, :, 0]
    assert library == pytest.approx(alone.tgt[0, 0, 0]) and library > 0.5
    assert books < 0.2  # the second English sentence is not this Chinese one's
    by_its_own = features.sentence_similarity(np.array([1]), 1, np.array([1]), 1).tgt[0, 0, 0]
    assert by_its_own > 0.5


def test_coarse_blocks_score_their_pooled_sentences():
    block = coverage().coarsen(Blocks.uniform(3, 3, 3)).rank_similarity(np.array([0]), np.array([0]))[0]
    assert block > 0.5


def test_sentence_without_content_is_no_evidence():
    features = coverage(("……",), ("Hello there.",))
    covers = features.sentence_similarity(np.array([0]), 1, np.array([0]), 1)
    assert np.isnan(covers.src[0, 0, 0])  # the Chinese has nothing to match
    assert covers.tgt[0, 0, 0] == 0.0  # the English has, and nothing matches it
    assert np.isnan(features.rank_similarity(np.array([0]), np.array([0]))[0])


def random_windows(bags, sizes, seed):
    """Chinese rows against English windows near them, in any order, with the units each
    window translates (by brute force over dense bags): (size, rows, starts, translated)."""
    terms, lexicon = bags.en_terms.toarray() > 0, bags.lexicon.toarray() > 0
    n_zh, n_en = bags.zh_units.shape[0], len(terms)
    rng = np.random.default_rng(seed)
    for size in sizes:
        starts = rng.integers(0, n_en - size + 1, size=60)
        rows = np.clip(starts + rng.integers(-5, 6, size=60), 0, n_zh - 1)
        window = np.array([terms[s : s + size].any(axis=0) for s in starts])
        yield size, rows, starts, (window.astype(int) @ lexicon.T.astype(int)) > 0


def test_coverage_equals_the_weight_of_the_words_the_window_translates():
    # Against a brute-force count over dense bags: 300 sentences, over more than one block,
    # windows of every size, asked in any order.
    zh, en = ZH * 100, EN * 100
    bags = document_bags(zh, en)
    features = LexicalFeatures(bags, zh_is_src=True)
    units = bags.zh_units.toarray() > 0
    for size, rows, starts, translated in random_windows(bags, (1, 2, 4), seed=2):
        weight = units[rows] * bags.unit_idf
        expected = (weight * translated).sum(axis=1) / weight.sum(axis=1)
        found = features.sentence_similarity(rows, 1, starts, size).src[0, 0]
        assert found == pytest.approx(expected, rel=1e-5, nan_ok=True)


# The first sentence's last clause (坐了下来) is translated at the start of the second English
# sentence: the sentence boundaries of the two sides cross.
CROSSING_ZH = ("他走进了房间，坐了下来。", "窗外下着大雨。")
CROSSING_EN = ("He entered the room.", "He sat down; heavy rain was falling outside the window.")


def test_an_edge_clause_left_unmatched_scores_nothing_though_its_sentence_is_half_covered():
    features = coverage(CROSSING_ZH, CROSSING_EN)
    alone = features.sentence_similarity(np.array([0]), 1, np.array([0]), 1).src[:, 0, 0]
    both = features.sentence_similarity(np.array([0]), 1, np.array([0]), 2).src[:, 0, 0]
    sentence, edges = alone
    assert 0.3 < sentence < 0.8 and edges == 0.0  # 坐了下来 is not in "He entered the room."
    # Against both English sentences: 坐 (sit) is matched; 了 and 下来 are glossed by
    # nothing in either, so the last clause is a third covered, the first two thirds.
    assert both[0] > sentence and both[1] == pytest.approx(1 / 3)
    # A sentence of one clause has no edge clauses: no evidence either way.
    one_clause = features.sentence_similarity(np.array([1]), 1, np.array([1]), 1).src[1, 0, 0]
    assert np.isnan(one_clause)
    # The English side too: the first Chinese sentence alone matches "He sat down" and
    # nothing of the clause after it; the two Chinese sentences match both clauses.
    english = features.sentence_similarity(np.array([0]), 1, np.array([1]), 1).tgt[:, 0, 0]
    assert english[0] > 0 and english[1] == 0.0
    english = features.sentence_similarity(np.array([0]), 2, np.array([1]), 1).tgt[:, 0, 0]
    assert english[1] > 0.5


def test_edge_clause_coverage_equals_the_lesser_weight_share_of_the_two_edge_clauses():
    # Against a brute-force count over dense bags, as for the sentences' coverage.
    zh, en = CROSSING_ZH * 150, CROSSING_EN * 150
    bags = document_bags(zh, en)
    features = LexicalFeatures(bags, zh_is_src=True)
    edges = bags.zh_edges.bags.toarray() > 0
    for size, rows, starts, translated in random_windows(bags, (1, 2, 3), seed=3):
        shares = []
        for clause in (2 * rows, 2 * rows + 1):
            weight = edges[clause] * bags.unit_idf
            with np.errstate(invalid="ignore"):
                shares.append((weight * translated).sum(axis=1) / weight.sum(axis=1))
        expected = np.minimum(*shares)
        found = features.sentence_similarity(rows, 1, starts, size).src[1, 0]
        assert found == pytest.approx(expected, rel=1e-5, nan_ok=True)
        assert np.isnan(found).any() and not np.isnan(found).all()


def test_edge_clauses_are_cut_at_commas_colons_and_quotes_in_either_language():
    assert chinese_edge_clauses("小玄子摇手笑道：“今天不打了，明天再来。”") == (
        ["小玄子", "摇手", "笑", "道"], ["明天", "再", "来"])
    assert chinese_edge_clauses("窗外下着大雨。") is None  # one clause: no edges
    assert english_edge_clauses("'Why fight a dummy!' he cried.") == (["fight", "dummi"], ["cri"])
    assert english_edge_clauses("'Don't worry,' said Grannie Liu, 'the girl will come.'") == (
        ["worri"], ["girl", "come"])
    assert english_edge_clauses("He didn't go.") is None  # an apostrophe cuts nothing
