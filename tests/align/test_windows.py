"""Windows and blocks of consecutive rows: dense sums, sparse unions."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from align.blocks import uniform_starts
from align.encoders.windows import (
    block_sums,
    blocks_all,
    normalise,
    pool_rows,
    window_sums,
)

ROWS = np.array([[1, 0, 0], [0, 2, 0], [0, 0, 3], [1, 1, 0]], dtype=np.float64)


def test_window_sums_one_a_start():
    assert window_sums(ROWS, 2).tolist() == [[1, 2, 0], [0, 2, 3], [1, 1, 3]]
    assert window_sums(ROWS, 5).shape == (0, 3)  # longer than the side: no window


def test_normalise_leaves_zero_rows_zero():
    unit = normalise(np.array([[3.0, 4.0], [0.0, 0.0]]))
    assert unit.dtype == np.float32 and np.allclose(unit, [[0.6, 0.8], [0.0, 0.0]])


def test_blocks_of_rows_the_last_one_shorter():
    assert np.allclose(block_sums(ROWS[:3], uniform_starts(3, 2)),
                       [[1 / np.sqrt(5), 2 / np.sqrt(5), 0], [0, 0, 1]])
    flags = np.array([True, False, True, True, True])
    assert blocks_all(flags, uniform_starts(5, 2)).tolist() == [False, True, True]
    assert blocks_all(flags, np.array([0, 2])).tolist() == [False, True]  # blocks of any size


def test_pooled_rows_stay_binary():
    bags = sparse.csr_matrix(np.array([[1, 0, 0], [1, 1, 0], [0, 0, 1]], dtype=np.float32))
    pooled = pool_rows(bags, [range(0, 2), range(1, 3)])
    assert pooled.toarray().tolist() == [[1, 1, 0], [1, 1, 1]]  # a union, not a count
