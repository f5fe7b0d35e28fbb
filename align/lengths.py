"""Sentence lengths as the length model reads them: non-space characters, summed over spans."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from align.blocks import Blocks
from corpus.document import Side

Spans = Sequence[tuple[range, range]]  # the source and target sentences of each bead


def char_lengths(side: Side) -> np.ndarray:
    return np.array([max(1, sum(not c.isspace() for c in s)) for s in side.sentences], float)




class Lengths:
    """Both sides' lengths, summed over any window in constant time."""

    def __init__(self, src: np.ndarray, tgt: np.ndarray):
        self.src_cum = np.concatenate([[0.0], np.cumsum(src)])
        self.tgt_cum = np.concatenate([[0.0], np.cumsum(tgt)])
        self.n, self.m = len(src), len(tgt)

    @property
    def src(self) -> np.ndarray:
        return np.diff(self.src_cum)

    @property
    def tgt(self) -> np.ndarray:
        return np.diff(self.tgt_cum)

    @property
    def ratio(self) -> float:
        """Target characters per source character over the whole document."""
        return float(self.tgt_cum[-1] / max(self.src_cum[-1], 1.0))

    def windows(self, a: int, b: int, start_i: np.ndarray, start_j: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
        """Lengths of the source windows ``[start_i, +a)`` and the target ones ``[start_j, +b)``."""
        return (self.src_cum[start_i + a] - self.src_cum[start_i],
                self.tgt_cum[start_j + b] - self.tgt_cum[start_j])

    def spans(self, spans: Spans) -> tuple[np.ndarray, np.ndarray]:
        src = np.array([self.src_cum[i.stop] - self.src_cum[i.start] for i, _ in spans])
        tgt = np.array([self.tgt_cum[j.stop] - self.tgt_cum[j.start] for _, j in spans])
        return src, tgt

    def coarsen(self, blocks: Blocks) -> Lengths:
        """The lengths of blocks of consecutive sentences."""
        return Lengths(np.add.reduceat(self.src, blocks.src), np.add.reduceat(self.tgt, blocks.tgt))
