"""The aligner end to end on small texts, and its invariants under any input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align.aligner import AlignConfig, Aligner, SignalCalibration, _coarse_factor
from align.dp import Band, best_path, build_edges
from align.encoders.lexical import LexicalEncoder
from corpus.beads import check_partition
from corpus.document import Side
from corpus.errors import ConfigError

ZH = (
    "那天晚上我没走掉。",
    "陈清扬把我拽住，以伟大友谊的名义叫我留下来。",
    "她说我的友谊是假的。",
    "我问她：“你为什么相信我？”",
    "我们在河边建了一座新图书馆，它有三百万本书。",
    "天亮了。",
)
EN = (
    "I did not leave that night.",
    "Chen Qingyang held me back and asked me to stay in the name of our great friendship.",
    "She said my friendship was fake.",
    "I asked her: “Why do you believe me?”",
    "We built a new library by the river.",
    "It holds three million books.",
    "Day broke.",
)
GOLD = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,)), ((4,), (4, 5)), ((5,), (6,))]


def test_aligns_a_small_story_with_a_one_to_two_bead():
    doc = Aligner(LexicalEncoder()).align(Side(ZH, "zh"), Side(EN, "en"))
    assert [(b.src, b.tgt) for b in doc.beads] == GOLD
    assert all(0.0 <= b.score <= 1.0 for b in doc.beads)
    assert doc.signature.encoder == "lexical"
    assert doc.signature.model.startswith("cc-cedict-")


def test_a_short_line_goes_with_the_sentence_whose_words_it_shares():
    # "You don't know how to wrestle!" is 你不会摔跤 of the sentence before, however short
    # that sentence is beside the long one after: coverage counts sentence by sentence.
    zh = ZH[:3] + ("小宝笑道：“你不会摔跤！”", "那男孩一言不发，伸出左手打了他的肚子。") + ZH[3:4] + ZH[5:]
    en = EN[:3] + ("'You're hopeless!' cried Xiaobao with a grin.", "'You don't know how to wrestle!'",
                   "The boy said nothing.", "He stretched out his left hand and hit him in the belly.",
                   ) + EN[3:4] + EN[6:]
    doc = Aligner(LexicalEncoder()).align(Side(zh, "zh"), Side(en, "en"))
    assert [(b.src, b.tgt) for b in doc.beads][3:5] == [((3,), (3, 4)), ((4,), (5, 6))]


def test_wider_beads_when_asked_for():
    # One long Chinese sentence that the translator cut into five.
    zh = ("昨天晚上下了一场大雨。", "我今天早上去了市场，买了苹果、香蕉、橙子和葡萄，然后回家做饭。",
          "晚上我们看了电影。")
    en = ("It rained heavily last night.", "This morning I went to the market.", "I bought apples.",
          "I also bought bananas and oranges.", "And grapes.", "Then I went home to cook.",
          "In the evening we watched a film.")
    doc = Aligner(LexicalEncoder(), AlignConfig(max_size=6, max_total=7)).align(
        Side(zh, "zh"), Side(en, "en"))
    assert [(b.src, b.tgt) for b in doc.beads] == [((0,), (0,)), ((1,), (1, 2, 3, 4, 5)), ((2,), (6,))]


def test_english_first_gives_the_mirror_alignment():
    doc = Aligner(LexicalEncoder()).align(Side(EN, "en"), Side(ZH, "zh"))
    assert [(b.tgt, b.src) for b in doc.beads] == GOLD


def test_one_empty_side_gives_deletions():
    doc = Aligner(LexicalEncoder()).align(Side(ZH, "zh"), Side((), "en"))
    assert [(b.src, b.tgt) for b in doc.beads] == [((i,), ()) for i in range(len(ZH))]


def test_unknown_setting_is_rejected_with_the_valid_keys():
    with pytest.raises(ConfigError, match="valid keys: .*max_size"):
        AlignConfig.from_mapping({"max_sise": 3})


def test_dp_finds_known_path_on_a_synthetic_score_table():
    # Score 5 on the true beads (0-1 src deletion, 1-1, 1-2), -1 everywhere else.
    truth = {(1, 0, 0, 0), (1, 1, 1, 0), (1, 2, 2, 1)}  # (a, b, start_i, start_j)

    def scorer(a, b, si, sj):
        return np.array([5.0 if (a, b, i, j) in truth else -1.0 for i, j in zip(si, sj)])

    band = Band.full(3, 3)
    edges = [build_edges(band, kind, scorer) for kind in [(1, 0), (1, 1), (1, 2), (2, 1)]]
    path = best_path(band, edges, skip_tgt=-3.0)
    assert path.beads == ((0, 1, 0, 0), (1, 1, 0, 1), (2, 1, 1, 2))
    assert np.all(path.posteriors > 0.9)


sentence = st.text(
    alphabet=st.sampled_from(list("我们的书河。？！ab1 ")), min_size=0, max_size=30
).map(lambda s: " ".join(s.split()))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(sentence, max_size=12), st.lists(sentence, max_size=12))
def test_every_sentence_lands_in_exactly_one_bead(zh, en):
    zh_side, en_side = Side(tuple(zh), "zh"), Side(tuple(en), "en")
    doc = Aligner(LexicalEncoder()).align(zh_side, en_side)
    check_partition(doc.beads, len(zh), len(en))


def test_banded_coarse_to_fine_path_on_a_long_document():
    # 120 repetitions of the story: large enough to force the coarse pass with a tiny grid limit.
    zh, en = ZH * 20, EN * 20
    config = AlignConfig(full_grid_cells=2_000, coarse_step=4)
    doc = Aligner(LexicalEncoder(), config).align(Side(zh, "zh"), Side(en, "en"))
    check_partition(doc.beads, len(zh), len(en))
    one_to_one = sum(b.kind == "1-1" for b in doc.beads)
    assert one_to_one >= 0.8 * 5 * 20


def test_a_discrete_signal_gets_one_evidence_value_per_level():
    matches = np.array([1.0] * 8 + [0.5] * 2)
    unrelated = np.array([0.0] * 30 + [0.5] * 30 + [1.0] * 20)
    curve = SignalCalibration.fit(matches, unrelated)
    assert curve.grid == (0.0, 0.5, 1.0)
    low, middle, high = curve(np.array([0.0, 0.5, 1.0]))
    assert low <= middle < 0 < high


@pytest.mark.parametrize(
    ("n", "m", "factors"),
    [(6301, 5000, [4, 3]),  # the Bible: top blocks of 12 sentences, a 526 x 417 grid
     (37806, 30000, [5, 4, 4]),  # six times longer: blocks of 80, not of 512
     (600, 500, [2])],
)
def test_coarse_levels_stop_at_the_finest_grid_that_fits(n, m, factors):
    chain = []
    while (n + 1) * (m + 1) > 250_000:
        chain.append(_coarse_factor(n, m, 250_000, 8))
        n, m = -(-n // chain[-1]), -(-m // chain[-1])
    assert chain == factors
