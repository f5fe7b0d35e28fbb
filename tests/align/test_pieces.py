"""Over-long sentences scored as pieces, and read back whole in the output."""

from __future__ import annotations

import numpy as np

from align.aligner import Aligner
from align.encoders.lexical import LexicalEncoder
from align.pieces import LONGEST_SENTENCE, PIECE, Pieces, sentence_beads
from corpus.document import Side
from tests.align.test_aligner import EN, ZH, assert_partition


def test_only_over_long_sentences_are_cut():
    long_line = "他们一直走一直走" * 60  # 480 characters, no clause mark
    pieces = Pieces.of(Side(("天亮了。", long_line, "我们到了。"), "zh", paragraphs=(0, 1, 1)))
    assert len(long_line) > LONGEST_SENTENCE["zh"]
    assert pieces.side.sentences[0] == "天亮了。" and pieces.side.sentences[-1] == "我们到了。"
    cut = pieces.side.sentences[1:-1]
    assert "".join(cut) == long_line and max(map(len, cut)) <= PIECE["zh"]
    assert pieces.sentence.tolist() == [0] + [1] * len(cut) + [2]
    assert pieces.side.paragraphs == (0,) + (1,) * len(cut) + (1,)
    untouched = Side(ZH, "zh")
    assert Pieces.of(untouched).side is untouched


def test_beads_over_pieces_merge_around_their_sentence():
    src = Pieces(Side(("a", "b1", "b2", "b3", "c"), "en"), np.array([0, 1, 1, 1, 2]))
    tgt = Pieces(Side(("x", "y", "z", "w"), "zh"), np.arange(4))
    # a:x, then b1:y, a deletion of z inside b, b2 b3:w ... and c deleted.
    spans = ((0, 1, 0, 1), (1, 1, 1, 1), (2, 0, 2, 1), (2, 2, 3, 1), (4, 1, 4, 0))
    posteriors = np.array([0.9, 0.5, 0.4, 0.6, 0.8])
    corners = np.array([1.0, 0.95, 0.7, 0.6, 0.9, 1.0])
    beads = sentence_beads(spans, posteriors, corners, src, tgt)
    assert [(b.src, b.tgt) for b in beads] == [((0,), (0,)), ((1,), (1, 2, 3)), ((2,), ())]
    # A bead alone keeps its posterior; a merged one is as sure as its two corners.
    assert [b.score for b in beads] == [0.9, 0.9, 0.8]


def test_a_text_without_sentence_marks_aligns_whole(monkeypatch):
    # The Chinese story as one line without punctuation between two ordinary sentences,
    # with the limits lowered so that this short story counts as over-long: its pieces
    # meet the English sentences, and the output keeps every sentence once, whole.
    monkeypatch.setitem(LONGEST_SENTENCE, "zh", 60)
    monkeypatch.setitem(PIECE, "zh", 20)
    unpunctuated = "".join(c for s in ZH for c in s if c not in "。，：“”？")
    zh = ("开头。", unpunctuated, "结尾。")
    en = ("The beginning.", *EN, "The end.")
    assert len(Pieces.of(Side(zh, "zh")).side) > 5
    doc = Aligner(LexicalEncoder()).align(Side(zh, "zh"), Side(en, "en"))
    assert doc.src.sentences == zh
    assert_partition(doc.beads, len(zh), len(en))
    assert [(b.src, b.tgt) for b in doc.beads] == [
        ((0,), (0,)), ((1,), tuple(range(1, 1 + len(EN)))), ((2,), (len(en) - 1,))]
