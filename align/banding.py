"""Coarse-to-fine banding: how coarse the first pass over a long document is, and the band of
the sentence grid around a coarser path that the next level searches."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from align.dp import Band


def coarse_factor(n: int, m: int, full_grid_cells: int, step: int) -> int:
    """Block size for the next coarser level.

    The coarsest level is the finest one whose whole grid fits ``full_grid_cells``: blocks
    of hundreds of sentences share most of their words and their similarity no longer finds
    the diagonal. The levels between are spaced evenly, at most ``step`` apart.
    """
    needed = math.sqrt(n * m / full_grid_cells)  # the coarsest level's block size
    levels = max(1, math.ceil(math.log(needed) / math.log(step)))
    return max(2, math.ceil(needed ** (1 / levels)))


def coarse_factors(n: int, m: int, full_grid_cells: int, step: int) -> list[int]:
    """The block size of each coarser level, finest first, until a whole grid fits."""
    factors = []
    while (n + 1) * (m + 1) > full_grid_cells:
        factors.append(coarse_factor(n, m, full_grid_cells, step))
        n, m = -(-n // factors[-1]), -(-m // factors[-1])
    return factors


def band_around(path_steps: Iterable[tuple[int, int, int, int]], factor: int, n: int, m: int,
                margin: int) -> Band:
    """The cells of an n x m grid within ``margin`` of a path found on blocks of ``factor``."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for si, a, sj, b in path_steps:
        i0, i1 = si * factor, min((si + a) * factor, n)
        j0, j1 = sj * factor, min((sj + b) * factor, m)
        lo[i0 : i1 + 1] = np.minimum(lo[i0 : i1 + 1], j0)
        hi[i0 : i1 + 1] = np.maximum(hi[i0 : i1 + 1], j1)
    # Widen by the margin in both directions of the grid, then keep the band monotone.
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    rows = np.arange(n + 1)
    lo_wide = np.maximum(0, lo[np.maximum(rows - margin, 0)] - margin)
    hi_wide = np.minimum(m, hi[np.minimum(rows + margin, n)] + margin)
    lo_wide[0], hi_wide[-1] = 0, m
    return Band(lo_wide.astype(np.int64), np.maximum(hi_wide, lo_wide).astype(np.int64))
