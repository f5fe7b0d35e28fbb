"""Anchors: the paragraph pass's sure boundaries, the band and beads they allow, and the
aligner confined by them."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from align.aligner import Aligner
from align.anchors import Anchors
from align.blocks import Blocks
from align.config import AlignConfig
from align.dp import Band, Path, best_path, build_edges
from align.encoders.lexical import LexicalEncoder
from corpus.document import Side
from corpus.errors import ConfigError
from tests.align.test_dp import KINDS, table_scorer


def anchors(*cells: tuple[int, int]) -> Anchors:
    return Anchors(np.array([i for i, _ in cells], np.int64), np.array([j for _, j in cells], np.int64))


def cells_of(path: Path) -> list[tuple[int, int]]:
    cells = [(0, 0)]
    for _, a, _, b in path.beads:
        cells.append((cells[-1][0] + a, cells[-1][1] + b))
    return cells


def test_sure_corners_of_a_paragraph_path_become_sentence_cells():
    # Paragraphs of 2, 1 and 2 source sentences; 1, 2 and 2 target ones.
    blocks = Blocks(np.array([0, 2, 3]), np.array([0, 1, 3]))
    path = Path(((0, 1, 0, 1), (1, 1, 1, 1), (2, 1, 2, 1)), np.ones(3), np.array([1.0, 0.95, 0.6, 1.0]))
    found = Anchors.sure_corners(path, blocks, 5, 5, 0.9)
    assert list(zip(found.src.tolist(), found.tgt.tolist())) == [(2, 1)]  # (0, 0) is no anchor
    assert len(Anchors.sure_corners(path, blocks, 5, 5, 0.5)) == 2


def test_confined_band_holds_the_blocks_between_anchors_only():
    band = anchors((2, 1), (3, 3)).confine(Band.full(5, 5))
    assert band.lo.tolist() == [0, 0, 0, 1, 3, 3]
    assert band.hi.tolist() == [1, 1, 3, 5, 5, 5]


def test_no_bead_crosses_an_anchor():
    found = anchors((2, 1))
    allowed = found.allows(1, 1, np.array([0, 1, 1, 2]), np.array([0, 0, 1, 1]))
    assert allowed.tolist() == [True, True, False, True]
    # A 2-1 bead over source 1 and 2 has a sentence on each side of the anchor.
    assert found.allows(2, 1, np.array([1]), np.array([0])).tolist() == [False]
    # A block with no source sentence: its target sentences can only be deleted.
    empty = anchors((1, 1), (1, 2))
    assert empty.allows(1, 1, np.array([1]), np.array([1])).tolist() == [False]
    assert empty.allows(1, 1, np.array([1]), np.array([2])).tolist() == [True]


def test_the_path_goes_through_the_anchor_even_where_a_crossing_bead_scores_higher():
    # The best path takes the 1-2 bead (1, 1) -> (2, 3); an anchor at (2, 2) forbids it.
    scorer = table_scorer({(1, 1, 0, 0), (1, 2, 1, 1), (1, 1, 1, 1), (1, 1, 2, 3)}, miss=-4.0)
    band = Band.full(3, 4)
    free = best_path(band, build_edges(band, KINDS, scorer), skip_tgt=-3.0)
    assert (2, 2) not in cells_of(free)
    anchor = anchors((2, 2))
    confined = anchor.confine(band)
    path = best_path(confined, build_edges(confined, KINDS, scorer, anchor.allows), skip_tgt=-3.0)
    assert (2, 2) in cells_of(path) and cells_of(path)[-1] == (3, 4)


def test_an_anchor_that_a_sure_bead_crosses_is_dropped():
    found = anchors((1, 1), (3, 2), (4, 4))
    # A 2-2 bead over sources 1, 2 and targets 1, 2 crosses (3, 2); beads ending at or
    # starting after an anchor do not.
    kept = found.not_crossing([(0, 1, 0, 1), (1, 2, 1, 2), (3, 1, 3, 1)])
    assert list(zip(kept.src.tolist(), kept.tgt.tolist())) == [(1, 1), (4, 4)]
    assert len(found.not_crossing([])) == 3


def test_anchors_outside_the_band_are_left_out():
    band = Band(np.array([0, 0, 1, 2]), np.array([1, 2, 3, 3]))
    kept = anchors((1, 1), (2, 0)).within(band)
    assert list(zip(kept.src.tolist(), kept.tgt.tolist())) == [(1, 1)]


# Three paragraphs on each side, sentence counts 2/1/2 and 2/2/1: the 1-2 and 2-1 beads
# sit inside them.
ZH = (("我们在河边建了一座新图书馆，它有三百万本书。", "孩子们每天下午去那里读书。"),
      ("冬天来了，河水结了冰。",),
      ("春天，农民开始种田。", "他们种了小麦和玉米。"))
EN = (("We built a new library by the river.", "It holds three million books."),
      ("Winter came.", "The river froze."),
      ("In spring the farmers began to plow; they planted wheat and corn.",))


def side(paragraphs, lang: str) -> Side:
    sentences = tuple(s for p in paragraphs for s in p)
    return Side(sentences, lang, paragraphs=tuple(k for k, p in enumerate(paragraphs) for _ in p))


def test_paragraphs_anchor_the_sentence_pass(caplog):
    zh, en = side(ZH, "zh"), side(EN, "en")
    with caplog.at_level(logging.DEBUG, logger="align.aligner"):
        doc = Aligner(LexicalEncoder()).align(zh, en)
    assert "paragraphs 3x3: 2 sure boundaries, 2 anchors" in caplog.text
    # No bead mixes the paragraphs: every one lies in one paragraph on both sides.
    for bead in doc.beads:
        assert len({zh.paragraphs[i] for i in bead.src} | {en.paragraphs[j] for j in bead.tgt}) == 1
    assert sorted(i for b in doc.beads for i in b.src) == list(range(len(zh)))
    assert sorted(j for b in doc.beads for j in b.tgt) == list(range(len(en)))
    assert doc.signature.settings["anchor_posterior"] == AlignConfig.anchor_posterior


def test_without_paragraphs_or_with_anchors_off_there_is_no_paragraph_pass(caplog):
    zh, en = side(ZH, "zh"), side(EN, "en")
    flat_zh, flat_en = Side(zh.sentences, "zh"), Side(en.sentences, "en")
    with caplog.at_level(logging.DEBUG, logger="align.aligner"):
        Aligner(LexicalEncoder()).align(flat_zh, flat_en)
        Aligner(LexicalEncoder(), AlignConfig(anchor_posterior=None)).align(zh, en)
    assert "sure boundaries" not in caplog.text
    with pytest.raises(ConfigError, match="anchor_posterior"):
        AlignConfig(anchor_posterior=1.5)
