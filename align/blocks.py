"""Blocks of consecutive sentences on both sides: the units a coarser pass aligns.

The coarse passes over a long document align equal blocks (``Blocks.uniform``); the
paragraph pass aligns paragraphs (``Blocks.paragraphs``). Every feature and the length model
pool their sentences into such blocks (``PairFeatures.coarsen``, ``Lengths.coarsen``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


def uniform_starts(n_rows: int, factor: int) -> np.ndarray:
    return np.arange(0, n_rows, factor, dtype=np.int64)


def paragraph_starts(paragraphs: Sequence[int]) -> np.ndarray:
    """The first sentence of each paragraph (``paragraphs[i]``: sentence i's paragraph)."""
    indices = np.asarray(paragraphs, dtype=np.int64)
    if not len(indices):
        return indices
    return np.flatnonzero(np.concatenate([[True], indices[1:] != indices[:-1]]))


def block_ends(starts: np.ndarray, n_rows: int) -> np.ndarray:
    """One past the last row of each block."""
    return np.append(starts[1:], n_rows).astype(np.int64)


def block_ranges(starts: np.ndarray, n_rows: int) -> list[range]:
    return [range(int(a), int(b)) for a, b in zip(starts, block_ends(starts, n_rows))]


@dataclass(frozen=True)
class Blocks:
    """The first sentence of every block on the source side and on the target side (each
    ascending, starting at 0; the last block runs to the end of its side)."""

    src: np.ndarray
    tgt: np.ndarray

    @classmethod
    def uniform(cls, n: int, m: int, factor: int) -> Blocks:
        """Blocks of ``factor`` sentences (the last may be shorter)."""
        return cls(uniform_starts(n, factor), uniform_starts(m, factor))

    @classmethod
    def paragraphs(cls, src_paragraphs: Sequence[int], tgt_paragraphs: Sequence[int]) -> Blocks:
        return cls(paragraph_starts(src_paragraphs), paragraph_starts(tgt_paragraphs))

    @property
    def n(self) -> int:
        return len(self.src)

    @property
    def m(self) -> int:
        return len(self.tgt)
