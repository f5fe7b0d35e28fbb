"""Anchors: cells of the sentence grid that the alignment passes through, and that no bead
crosses.

Paragraphs that a first pass over whole paragraphs aligns with certainty (``Aligner``'s
paragraph pass, in the manner of Gale & Church, who aligned paragraphs before sentences)
confine the sentence pass to the blocks between them: a sentence cannot be matched across
a paragraph boundary that both sides share, however alike its words are to a sentence of
the next paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from align.banding import band_around
from align.blocks import Blocks
from align.dp import Band, Path


@dataclass(frozen=True)
class Anchors:
    """Cells (src[k], tgt[k]), both ascending, strictly inside an n x m grid."""

    src: np.ndarray
    tgt: np.ndarray

    def __len__(self) -> int:
        return len(self.src)

    @classmethod
    def sure_corners(cls, path: Path, blocks: Blocks, n: int, m: int,
                     min_posterior: float) -> Anchors:
        """The corners of a path over ``blocks`` that the alignment passes through with at
        least ``min_posterior``, as cells of the sentence grid."""
        src_cell = np.append(blocks.src, n)
        tgt_cell = np.append(blocks.tgt, m)
        corners = [(int(src_cell[si]), int(tgt_cell[sj]))
                   for (si, _, sj, _), p in zip(path.beads, path.corners)
                   if p >= min_posterior]
        inside = sorted({(i, j) for i, j in corners if (i, j) != (0, 0)})
        return cls(np.array([i for i, _ in inside], np.int64),
                   np.array([j for _, j in inside], np.int64))

    def not_crossing(self, beads: Sequence[tuple[int, int, int, int]]) -> Anchors:
        """The anchors that none of ``beads`` (start and size on each side) crosses: a bead
        is compatible with an anchor it ends before or starts after, on both sides."""
        if not len(self) or not beads:
            return self
        si, a, sj, b = (np.array(column, np.int64) for column in zip(*beads))
        # The anchors form a chain: those at or before a bead's start corner are a prefix,
        # those at or after its end corner a suffix; the ones between cross the bead.
        before = np.minimum(np.searchsorted(self.src, si, side="right"),
                            np.searchsorted(self.tgt, sj, side="right"))
        after = np.maximum(np.searchsorted(self.src, si + a, side="left"),
                           np.searchsorted(self.tgt, sj + b, side="left"))
        crossed = np.zeros(len(self) + 1, np.int64)
        conflict = before < after
        np.add.at(crossed, before[conflict], 1)
        np.add.at(crossed, after[conflict], -1)
        keep = np.cumsum(crossed)[:-1] == 0
        return Anchors(self.src[keep], self.tgt[keep])

    def within(self, band: Band) -> Anchors:
        """The anchors that ``band`` holds (a coarse pass may have taken another way)."""
        keep = (self.tgt >= band.lo[self.src]) & (self.tgt <= band.hi[self.src])
        return Anchors(self.src[keep], self.tgt[keep])

    def confine(self, band: Band) -> Band:
        """The cells of ``band`` in the blocks between consecutive anchors. Every anchor must
        be in ``band`` (``within``): then the blocks' cells still join up into paths."""
        n, m = band.n, int(band.hi[-1])
        starts_i, starts_j = np.append(0, self.src), np.append(0, self.tgt)
        ends_i, ends_j = np.append(self.src, n), np.append(self.tgt, m)
        # The blocks as the steps of a path, and the band around it without a margin.
        blocks = zip(starts_i, ends_i - starts_i, starts_j, ends_j - starts_j)
        around = band_around(blocks, 1, n, m, margin=0)
        return Band(np.maximum(around.lo, band.lo), np.minimum(around.hi, band.hi))

    def allows(self, a: int, b: int, start_i: np.ndarray, start_j: np.ndarray) -> np.ndarray:
        """Whether beads [start_i, +a) x [start_j, +b) lie within one block (a deletion
        always does: the band keeps it in one)."""
        block = np.searchsorted(self.src, start_i, side="right")
        ok = block == np.searchsorted(self.src, start_i + a - 1, side="right")
        ok &= block == np.searchsorted(self.tgt, start_j, side="right")
        ok &= block == np.searchsorted(self.tgt, start_j + b - 1, side="right")
        return ok
