"""Row-by-row products of two matrices over many row pairs, a block of rows at a time, and the
row pairs that score each sentence of a window against the window opposite."""

from __future__ import annotations

import numpy as np
from scipy import sparse

Matrix = np.ndarray | sparse.csr_matrix

_BLOCK_ROWS = 128


def pair_products(left: Matrix, right: Matrix, left_rows: np.ndarray, right_rows: np.ndarray
                  ) -> np.ndarray:
    """``left[left_rows[k]] · right[right_rows[k]]`` for every k.

    The pairs of an alignment band lie near a diagonal, so they are taken in blocks of
    consecutive left rows: one matrix product per block (sparse or dense) covers the block's
    rectangle of the grid, which is far cheaper than gathering rows pair by pair.
    """
    result = np.zeros(len(left_rows), dtype=np.float64)
    if len(left_rows) == 0:
        return result
    order = np.argsort(left_rows, kind="stable")
    sorted_rows = left_rows[order]
    first_row, last_row = int(sorted_rows[0]), int(sorted_rows[-1])
    for block_start in range(first_row, last_row + 1, _BLOCK_ROWS):
        lo, hi = np.searchsorted(sorted_rows, [block_start, block_start + _BLOCK_ROWS])
        if lo == hi:
            continue
        picked = order[lo:hi]
        rows, cols = left_rows[picked], right_rows[picked]
        col_lo, col_hi = int(cols.min()), int(cols.max()) + 1
        block = left[block_start : block_start + _BLOCK_ROWS] @ right[col_lo:col_hi].T
        if sparse.issparse(block):
            block = block.toarray()
        result[picked] = block[rows - block_start, cols - col_lo]
    return result


def window_members(start: np.ndarray, size: int, opposite_start: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Every sentence of the windows ``[start, start + size)``, paired with its window's
    opposite start: row pairs for one product, whose result reshapes to ``(size, windows)``."""
    start = np.asarray(start, dtype=np.int64)
    rows = (start[np.newaxis, :] + np.arange(size)[:, np.newaxis]).ravel()
    return rows, np.tile(np.asarray(opposite_start, dtype=np.int64), size)
