"""Row-pair products, block by block, against the plain row-by-row answer."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from align.encoders.products import pair_products, window_members


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
