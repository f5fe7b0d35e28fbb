"""The aligner end to end on small texts, and its invariants under any input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align.aligner import Aligner
from align.config import AlignConfig
from align.encoders.lexical import LexicalEncoder
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
    doc = Aligner(LexicalEncoder(), AlignConfig(max_bead=6)).align(
        Side(zh, "zh"), Side(en, "en"))
    assert [(b.src, b.tgt) for b in doc.beads] == [((0,), (0,)), ((1,), (1, 2, 3, 4, 5)), ((2,), (6,))]


def test_english_first_gives_the_mirror_alignment():
    doc = Aligner(LexicalEncoder()).align(Side(EN, "en"), Side(ZH, "zh"))
    assert [(b.tgt, b.src) for b in doc.beads] == GOLD


def test_one_empty_side_gives_deletions():
    doc = Aligner(LexicalEncoder()).align(Side(ZH, "zh"), Side((), "en"))
    assert [(b.src, b.tgt) for b in doc.beads] == [((i,), ()) for i in range(len(ZH))]


def test_unknown_setting_is_rejected_with_the_valid_keys():
    with pytest.raises(ConfigError, match="valid keys: .*max_bead"):
        AlignConfig.from_mapping({"max_sise": 3})


sentence = st.text(
    alphabet=st.sampled_from(list("我们的书河。？！ab1 ")), min_size=0, max_size=30
).map(lambda s: " ".join(s.split()))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(sentence, max_size=12), st.lists(sentence, max_size=12))
def test_every_sentence_lands_in_exactly_one_bead(zh, en):
    zh_side, en_side = Side(tuple(zh), "zh"), Side(tuple(en), "en")
    doc = Aligner(LexicalEncoder()).align(zh_side, en_side)
    assert_partition(doc.beads, len(zh), len(en))


def assert_partition(beads, n_src: int, n_tgt: int) -> None:
    """Read in order, the beads hold every sentence of each side once, and none is empty."""
    assert [i for b in beads for i in b.src] == list(range(n_src))
    assert [j for b in beads for j in b.tgt] == list(range(n_tgt))
    assert all(b.src or b.tgt for b in beads)


def test_banded_coarse_to_fine_path_on_a_long_document():
    # 120 repetitions of the story: large enough to force the coarse pass with a tiny grid limit.
    zh, en = ZH * 20, EN * 20
    config = AlignConfig(full_grid_cells=2_000, coarse_step=4)
    doc = Aligner(LexicalEncoder(), config).align(Side(zh, "zh"), Side(en, "en"))
    assert_partition(doc.beads, len(zh), len(en))
    found = {(b.src, b.tgt) for b in doc.beads}
    gold = {(tuple(i + 6 * k for i in zh_ids), tuple(j + 7 * k for j in en_ids))
            for k in range(20) for zh_ids, en_ids in GOLD}
    assert len(found & gold) >= 0.9 * len(gold)


def test_the_default_bead_width_follows_the_documents_length():
    config = AlignConfig()
    short = config.for_document(2_000, 2_000)
    long = config.for_document(6_301, 5_000)
    assert short.max_bead == 5 and (1, 5) in short.bead_kinds()
    assert long.max_bead == 4 and (1, 5) not in long.bead_kinds()
    assert AlignConfig(max_bead=3).for_document(10, 10).max_bead == 3  # as asked
    with pytest.raises(ValueError, match="for_document"):
        config.bead_kinds()
    doc = Aligner(LexicalEncoder()).align(Side(ZH, "zh"), Side(EN, "en"))
    assert doc.signature.settings["max_bead"] == 5


def _paragraphs(draw, n: int) -> tuple[int, ...]:
    """Non-decreasing paragraph indices for n sentences, starting at 0."""
    breaks = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    indices, current = [], 0
    for k, new in enumerate(breaks):
        current += int(new and k > 0)
        indices.append(current)
    return tuple(indices)


@st.composite
def paragraphed_side(draw, lang: str) -> Side:
    sentences = tuple(draw(st.lists(sentence, max_size=12)))
    return Side(sentences, lang, paragraphs=_paragraphs(draw, len(sentences)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphed_side("zh"), paragraphed_side("en"))
def test_paragraph_anchors_keep_every_sentence_once(zh, en):
    # Any paragraphs on either side, agreeing or not: the paragraph pass may anchor, and the
    # beads still partition both sides.
    doc = Aligner(LexicalEncoder()).align(zh, en)
    assert_partition(doc.beads, len(zh), len(en))
