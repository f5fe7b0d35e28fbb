"""Row-pair products, block by block, against the plain row-by-row answer."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from align.encoders.products import PairTable, pair_products, values_by_block, window_members


@pytest.mark.parametrize("as_sparse", [False, True])
def test_pair_products_equal_row_by_row_dot_products(as_sparse):
    rng = np.random.default_rng(3)
    left, right = rng.random((300, 5)), rng.random((280, 5))
    left_rows = rng.integers(0, 300, size=500)  # over more than one block of rows
    right_rows = rng.integers(0, 280, size=500)
    expected = np.einsum("ij,ij->i", left[left_rows], right[right_rows])
    if as_sparse:
        left, right = sparse.csr_matrix(left), sparse.csr_matrix(right)
    assert np.allclose(pair_products(left, right, left_rows, right_rows), expected)
    assert pair_products(left, right, left_rows[:0], right_rows[:0]).shape == (0,)


def test_window_members_pair_each_sentence_with_its_windows_opposite_start():
    rows, opposite = window_members(np.array([0, 5]), 3, np.array([10, 20]))
    assert rows.reshape(3, -1).tolist() == [[0, 5], [1, 6], [2, 7]]
    assert opposite.reshape(3, -1).tolist() == [[10, 20], [10, 20], [10, 20]]


class CountingValues:
    """A known function of (row, start, size), counting the pairs it is asked for."""

    def __init__(self):
        self.pairs = 0

    def __call__(self, rows, starts, sizes):
        self.pairs += len(rows)
        return np.array([rows * 1000.0 + starts * 10.0 + size for size in range(1, sizes + 1)])


def test_a_pair_table_gives_each_value_and_computes_each_pair_once():
    values = CountingValues()
    table = PairTable(50, 40, values)
    rows = np.arange(50).repeat(3)
    starts = np.clip(rows * 0.8 + np.tile([0, 1, 2], 50), 0, 39).astype(int)
    assert table(rows, starts, 1).tolist() == (rows * 1000.0 + starts * 10 + 1).tolist()
    computed = values.pairs
    assert table(rows, starts, 3).tolist() == (rows * 1000.0 + starts * 10 + 3).tolist()
    assert values.pairs == computed  # sizes up to TABLE_SIZES come with the first
    # A start far from those held widens its row only.
    assert table(np.array([7]), np.array([39]), 2).tolist() == [7000.0 + 390 + 2]
    assert values.pairs > computed
    computed = values.pairs
    # Earlier values survive the widening, and a size beyond those held is computed.
    assert table(rows[::-1], starts[::-1], 5).tolist() == (rows * 1000.0 + starts * 10 + 5)[::-1].tolist()
    assert table(rows, starts, 2).tolist() == (rows * 1000.0 + starts * 10 + 2).tolist()


def test_held_starts_are_computed_at_once():
    values = CountingValues()
    table = PairTable(3, 10, values, margin=0)
    table.hold(np.array([0, 2, 5]), np.array([3, 12, 6]))  # the last start is clipped to 9
    assert values.pairs == 3 + 8 + 1
    assert table(np.array([1, 1, 2]), np.array([2, 9, 5]), 4).tolist() == [1024.0, 1094.0, 2054.0]
    assert values.pairs == 3 + 8 + 1


def test_values_by_block_equal_the_pairwise_values():
    rng = np.random.default_rng(5)
    rows = rng.integers(0, 300, size=400)  # over more than one block of rows
    starts = rng.integers(0, 50, size=400)

    def rectangle(row_lo, row_hi, start_lo, start_hi, sizes):
        r = np.arange(row_lo, row_hi)[:, np.newaxis]
        s = np.arange(start_lo, start_hi)[np.newaxis, :]
        return np.array([r * 1000.0 + s * 10 + size for size in range(1, sizes + 1)])

    found = values_by_block(rows, starts, 2, rectangle)
    assert found.tolist() == [(rows * 1000.0 + starts * 10 + size).tolist() for size in (1, 2)]
