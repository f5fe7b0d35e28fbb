"""The speech signal: whether two windows begin and end alike (a quotation opens, one closes,
a question ends them)."""

from __future__ import annotations

import numpy as np

from align.blocks import Blocks, block_ends
from align.encoders.base import PairFeatures

_MARK_BITS = np.array([1, 2, 4], dtype=np.uint8)  # opens a quote, closes one, asks
_OPENS = np.uint8(1)
# How many of the three marks agree, for each byte of marks that differ.
_AGREEING = np.array([3 - bin(bits).count("1") for bits in range(8)], dtype=np.int64)


class SpeechFeatures(PairFeatures):
    """Whether two windows begin and end alike: opening a quotation, closing one, asking.

    Speech is cut into sentences differently in the two languages, and a bead boundary that
    falls inside a speech on one side only is the commonest one-sentence shift; a question
    stays a question in translation. The signal is the share of the three marks (the first
    sentence opens a quote; the last closes one; the last asks) on which both windows agree.
    Exclamations are left out: translators add and drop them freely.
    """

    n_signals = 1

    def __init__(self, src_marks: np.ndarray, tgt_marks: np.ndarray):
        self._src = np.asarray(src_marks, dtype=bool).reshape(-1, 3)  # sentences × marks
        self._tgt = np.asarray(tgt_marks, dtype=bool).reshape(-1, 3)
        # The three marks as the bits of one byte a sentence: one gather a window end.
        self._src_bits = self._src @ _MARK_BITS
        self._tgt_bits = self._tgt @ _MARK_BITS

    def similarity(self, src_start, src_size, tgt_start, tgt_size):
        src_start, tgt_start = np.asarray(src_start), np.asarray(tgt_start)
        opens = self._src_bits[src_start] ^ self._tgt_bits[tgt_start]
        ends = (self._src_bits[src_start + (src_size - 1)]
                ^ self._tgt_bits[tgt_start + (tgt_size - 1)])
        differ = (opens & _OPENS) | (ends & ~_OPENS)
        return (_AGREEING[differ] / 3.0)[np.newaxis, :]

    def coarsen(self, blocks: Blocks) -> SpeechFeatures:
        return SpeechFeatures(_coarsen_marks(self._src, blocks.src),
                              _coarsen_marks(self._tgt, blocks.tgt))


def _coarsen_marks(marks: np.ndarray, first: np.ndarray) -> np.ndarray:
    """A block opens as its first sentence does, and closes and asks as its last one does."""
    last = block_ends(first, len(marks)) - 1
    return np.column_stack([marks[first, 0], marks[last, 1], marks[last, 2]])
