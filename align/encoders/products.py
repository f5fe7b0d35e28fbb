"""Row-by-row products over many row pairs, the row pairs that score each sentence of a window
against the window opposite, and the table that scores every sentence against its band of
opposite windows once (``SentenceWindowTable``)."""

from __future__ import annotations

from collections.abc import Callable

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


BlockValues = Callable[[int, int, int, int, int], np.ndarray]
"""block_values(row_lo, row_hi, start_lo, start_hi, sizes) -> array of shape
``(sizes, row_hi - row_lo, start_hi - start_lo)``: rows against windows, as ``PairValues``
(several values of each pair: a first axis of planes before those)."""

# Rows computed together: a block's windows of the side opposite are built once for all.
BLOCK_ROWS = 128


def values_by_block(rows: np.ndarray, starts: np.ndarray, sizes: int,
                    block_values: BlockValues, planes: int | None = None) -> np.ndarray:
    """The values of (row, start) pairs, computed a block of ``BLOCK_ROWS`` rows at a time
    over the range of starts its pairs ask for (near a band's diagonal, a narrow range).
    With ``planes``, each block gives that many values of every pair, on a first axis."""
    result = np.empty((*_planes(planes), sizes, len(rows)), np.float32)
    block = rows // BLOCK_ROWS
    order = np.argsort(block, kind="stable")
    bounds = np.flatnonzero(np.r_[True, block[order][1:] != block[order][:-1], True])
    for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        picked = order[lo:hi]
        row_lo = int(block[picked[0]]) * BLOCK_ROWS
        start_lo, start_hi = int(starts[picked].min()), int(starts[picked].max()) + 1
        values = block_values(row_lo, min(row_lo + BLOCK_ROWS, int(rows[picked].max()) + 1),
                              start_lo, start_hi, sizes)
        result[..., picked] = values[..., rows[picked] - row_lo, starts[picked] - start_lo]
    return result


def _planes(planes: int | None) -> tuple[int, ...]:
    return () if planes is None else (planes,)


PairValues = Callable[[np.ndarray, np.ndarray, int], np.ndarray]
"""values(rows, starts, sizes) -> array of shape ``(sizes, len(rows))`` (with planes:
``(planes, sizes, len(rows))``): each row against the windows of 1 to ``sizes`` opposite rows
that begin at its start (a window that runs past the end of the side opposite: anything, as
none is asked for)."""

# Window sizes computed together (the aligner's widest bead side by default): a window's
# value grows from the next smaller one, so the smaller sizes come almost free.
TABLE_SIZES = 4
# Starts computed beyond those asked for, on either side of each row's, where a start costs
# little beside computing again: the later sentences of a bead are scored against windows
# that start in the band of earlier rows, a few columns further out.
TABLE_MARGIN = 8
# Pairs computed at a time: what a computation holds on the side stays a few MiB.
CHUNK_PAIRS = 1 << 17


class PairTable:
    """The values of one side's sentences against windows of the other side, kept for every
    (sentence, window start, window size) asked for so far: for each sentence, an interval
    of starts, for every window size up to the largest asked.

    Every bead type asks for its sentences against its windows opposite, and the types share
    most of them (a sentence against a window of two is the same in a 1-2 bead and in the
    second row of a 2-2 bead), so each is computed once. A sentence asked for a start outside
    its interval has the interval widened to it (and ``margin`` beyond), and only the new
    starts are computed. Memory follows the band.
    """

    def __init__(self, n_rows: int, n_starts: int, values: PairValues,
                 dtype: type = np.float32, margin: int = TABLE_MARGIN,
                 planes: int | None = None):
        self.n_starts = n_starts
        # With ``planes``, ``values`` gives that many values of each pair on a first axis
        # (computed together), and so does a call.
        self._planes = planes
        self._compute = values
        self._margin = margin
        self._first = np.zeros(n_rows, dtype=np.int64)  # the starts each row holds
        self._width = np.zeros(n_rows, dtype=np.int64)
        self._origin = np.zeros(n_rows, dtype=np.int64)  # where a row's start 0 would be
        # planes × sizes × held pairs, row after row (one plane without ``planes``)
        self._values = np.empty((planes or 1, 0, 0), dtype)

    def __call__(self, rows: np.ndarray, starts: np.ndarray, size: int) -> np.ndarray:
        """Row ``rows[k]`` against the window of ``size`` rows opposite from ``starts[k]``."""
        rows = np.asarray(rows, dtype=np.int64)
        starts = np.asarray(starts, dtype=np.int64)
        if size > self._sizes:
            self._add_sizes(max(size, TABLE_SIZES))
        # Held when the offset from the row's first start is below its width (compared
        # unsigned, so that a start before the first one is out too).
        held = (starts - self._first[rows]).view(np.uint64) < self._width[rows].view(np.uint64)
        if not held.all():
            self._widen(rows[~held], starts[~held])
        found = self._values[:, size - 1, self._origin[rows] + starts]
        return found if self._planes else found[0]

    @property
    def _sizes(self) -> int:
        return self._values.shape[1]

    def _computed(self, rows: np.ndarray, starts: np.ndarray, sizes: int) -> np.ndarray:
        values = self._compute(rows, starts, sizes)
        return values if self._planes else values[np.newaxis]

    def _add_sizes(self, sizes: int) -> None:
        rows = self._held_rows()
        starts = self._position_starts(rows)
        old = self._sizes
        values = np.empty((len(self._values), sizes, len(rows)), self._values.dtype)
        values[:, :old] = self._values
        if len(rows):
            values[:, old:] = self._computed(rows, starts, sizes)[:, old:]
        self._values = values

    def _held_rows(self) -> np.ndarray:
        """The row of each held position."""
        return np.repeat(np.arange(len(self._width)), self._width)

    def _position_starts(self, rows: np.ndarray) -> np.ndarray:
        """The start each held position stands for (``rows``: the row of each position)."""
        return np.arange(len(rows)) - self._origin[rows]

    def hold(self, first: np.ndarray, stop: np.ndarray) -> None:
        """Compute now, for every row, the starts ``[first, stop)`` (with those it holds)."""
        self._hold(np.arange(len(self._width)), np.maximum(first, 0),
                   np.minimum(stop, self.n_starts))

    def _widen(self, rows: np.ndarray, starts: np.ndarray) -> None:
        """Hold the starts asked for that are not, and ``margin`` beyond."""
        order = np.lexsort((starts, rows))
        rows, starts = rows[order], starts[order]
        firsts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
        lowest = starts[firsts] - self._margin
        highest = starts[np.r_[firsts[1:], len(rows)] - 1] + 1 + self._margin
        self._hold(rows[firsts], np.maximum(lowest, 0), np.minimum(highest, self.n_starts))

    def _hold(self, rows: np.ndarray, first: np.ndarray, stop: np.ndarray) -> None:
        old_first, old_stop = self._first[rows], self._first[rows] + self._width[rows]
        had = self._width[rows] > 0
        first = np.where(had, np.minimum(old_first, first), first)
        stop = np.maximum(np.where(had, np.maximum(old_stop, stop), stop), first)
        old_first, old_stop = np.where(had, old_first, first), np.where(had, old_stop, first)
        # The new starts of each row: before its old ones, and after them.
        new_rows, new_starts = _ranges(np.concatenate([rows, rows]),
                                       np.concatenate([first, old_stop]),
                                       np.concatenate([old_first, stop]))
        sizes = max(self._sizes, TABLE_SIZES)
        planes = len(self._values)
        new_values = np.empty((planes, sizes, len(new_rows)), self._values.dtype)
        for lo in range(0, len(new_rows), CHUNK_PAIRS):  # bounded temporaries
            new_values[..., lo : lo + CHUNK_PAIRS] = self._computed(
                new_rows[lo : lo + CHUNK_PAIRS], new_starts[lo : lo + CHUNK_PAIRS], sizes)
        old_rows = self._held_rows()
        old_starts = self._position_starts(old_rows)
        self._first[rows], self._width[rows] = first, stop - first
        offsets = np.concatenate([[0], np.cumsum(self._width)[:-1]])
        self._origin = offsets - self._first
        values = np.empty((planes, sizes, int(self._width.sum())), self._values.dtype)
        values[:, : self._sizes, self._origin[old_rows] + old_starts] = self._values
        values[..., self._origin[new_rows] + new_starts] = new_values
        self._values = values


def _ranges(rows: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (row, start) with ``lo <= start < hi``, for each row's ``lo`` and ``hi``."""
    counts = np.maximum(hi - lo, 0)
    owner = np.repeat(np.arange(len(rows)), counts)
    starts = np.arange(len(owner)) - np.repeat(np.cumsum(counts) - counts, counts) + lo[owner]
    return rows[owner], starts
