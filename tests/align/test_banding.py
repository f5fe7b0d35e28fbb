"""Coarse-to-fine banding: the coarse levels chosen, and the band around a path."""

from __future__ import annotations

import numpy as np
import pytest

from align.banding import band_around, coarse_factors


@pytest.mark.parametrize(
    ("n", "m", "factors"),
    [(6301, 5000, [4, 3]),  # the Bible: top blocks of 12 sentences, a 526 x 417 grid
     (37806, 30000, [5, 4, 4]),  # six times longer: blocks of 80, not of 512
     (600, 500, [2]),
     (400, 400, [])],  # a whole grid that fits needs no coarse level
)
def test_coarse_levels_stop_at_the_finest_grid_that_fits(n, m, factors):
    assert coarse_factors(n, m, 250_000, 8) == factors


def test_the_band_covers_the_coarse_path_widened_by_the_margin():
    # Two blocks of 2 sentences each way, the path on the block diagonal.
    band = band_around([(0, 1, 0, 1), (1, 1, 1, 1)], factor=2, n=4, m=4, margin=1)
    assert band.lo.tolist() == [0, 0, 0, 0, 1]
    assert band.hi.tolist() == [3, 4, 4, 4, 4]
    assert np.all(np.diff(band.lo) >= 0) and np.all(np.diff(band.hi) >= 0)
