"""The speech signal: whether two windows begin and end alike (a quotation opens, one closes,
a question ends them)."""

from __future__ import annotations

import numpy as np

from align.encoders.base import PairFeatures
from align.encoders.windows import block_starts


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

    def similarity(self, src_start, src_size, tgt_start, tgt_size):
        src_first, src_last = self._src[src_start], self._src[src_start + src_size - 1]
        tgt_first, tgt_last = self._tgt[tgt_start], self._tgt[tgt_start + tgt_size - 1]
        agree = (src_first[:, 0] == tgt_first[:, 0]) + (src_last[:, 1:] == tgt_last[:, 1:]).sum(1)
        return (agree / 3.0)[np.newaxis, :]

    def coarsen(self, factor: int) -> SpeechFeatures:
        return SpeechFeatures(_coarsen_marks(self._src, factor), _coarsen_marks(self._tgt, factor))


def _coarsen_marks(marks: np.ndarray, factor: int) -> np.ndarray:
    """A block opens as its first sentence does, and closes and asks as its last one does."""
    first = block_starts(len(marks), factor)
    last = np.minimum(first + factor, len(marks)) - 1
    return np.column_stack([marks[first, 0], marks[last, 1], marks[last, 2]])
