"""Dynamic programming over beads inside a band of the sentence grid.

Cell (i, j) means "the first i source and j target sentences are aligned". A bead of type
(a, b) leads from (i - a, j - b) to (i, j) with a score (a log-likelihood ratio in nats).
The band gives, for every i, the allowed range ``lo[i] <= j <= hi[i]``; work and memory grow
with the number of cells in it, so a narrow band around a coarse path keeps the cost linear
in document length.

Two sweeps share one engine: Viterbi (max) for the best path, and forward–backward
(log-sum-exp) for the posterior probability of each bead on it — the confidence. The edges
are laid out row by row and, within a row, bead type by bead type, so that a sweep takes a
whole row of every type with a few array operations (a Python step per row, not per cell).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

Scorer = Callable[[int, int, np.ndarray, np.ndarray], np.ndarray]
"""scorer(a, b, start_i, start_j) -> scores of beads [start_i, +a) x [start_j, +b)."""
Allows = Callable[[int, int, np.ndarray, np.ndarray], np.ndarray]
"""allows(a, b, start_i, start_j) -> whether each of those beads may be taken."""

# Tolerance of the Viterbi target-deletion test: subtracting and re-adding the deletion
# ramp is not exact in floating point.
_RAMP_TOLERANCE = 1e-9
# Beads scored at a time: the scorer's arrays for them stay a few MiB.
_CHUNK_CELLS = 1 << 17


@dataclass(frozen=True)
class Band:
    lo: np.ndarray  # int64, length n + 1
    hi: np.ndarray  # int64, length n + 1 (inclusive)

    @property
    def n(self) -> int:
        return len(self.lo) - 1

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        return cls(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64))

    @cached_property
    def widths(self) -> np.ndarray:
        return self.hi - self.lo + 1

    @cached_property
    def offsets(self) -> np.ndarray:
        return np.concatenate([[0], np.cumsum(self.widths)])

    @property
    def size(self) -> int:
        return int(self.offsets[-1])

    @cached_property
    def grid(self) -> tuple[np.ndarray, np.ndarray]:
        """Row and column of every cell, in flat-index order."""
        rows = np.repeat(np.arange(self.n + 1), self.widths)
        cols = np.arange(self.size) - self.offsets[:-1][rows] + self.lo[rows]
        return rows, cols


@dataclass(frozen=True)
class Edges:
    """Every bead of every type inside the band, row by row.

    The beads ending in row i hold positions ``[K * offsets[i], K * offsets[i + 1])`` of
    ``src`` and ``score`` (K types): type by type, one a cell of the row. Where a type cannot
    end in a cell, its bead starts at the sentinel cell ``band.size``, which no sweep reaches.
    """

    kinds: tuple[tuple[int, int], ...]
    src: np.ndarray  # int32: the flat cell each bead starts in
    score: np.ndarray  # float32: sums run in float64 (MAC-Dev and Bible confidences unchanged)

    def position(self, row_start: int, width: int, kind: int, col: int) -> int:
        """Where the bead of type ``kind`` ending in cell ``col`` of a row is stored."""
        return len(self.kinds) * row_start + kind * width + col


def _positions(band: Band, n_kinds: int) -> tuple[np.ndarray, np.ndarray]:
    """Where the bead of the first type ending in each cell is stored, and the step to the
    next type (the cell's row width), as int32: the layout of ``Edges``."""
    rows = band.grid[0]
    first = (n_kinds - 1) * band.offsets[:-1][rows] + np.arange(band.size)
    return first.astype(np.int32), band.widths[rows].astype(np.int32)


def build_edges(band: Band, kinds: Sequence[tuple[int, int]], scorer: Scorer,
                allows: Allows | None = None) -> Edges:
    """Every bead of ``kinds`` in the band, scored; ``allows`` may forbid some that are in it."""
    rows, cols = band.grid
    n_kinds = len(kinds)
    first, step = _positions(band, n_kinds)
    src = np.full(n_kinds * band.size, band.size, dtype=np.int32)
    score = np.zeros(n_kinds * band.size, np.float32)
    for k, (a, b) in enumerate(kinds):
        start_i, start_j = rows - a, cols - b
        ok = (start_i >= 0) & (start_j >= 0)
        ok[ok] &= (start_j[ok] >= band.lo[start_i[ok]]) & (start_j[ok] <= band.hi[start_i[ok]])
        if allows is not None and a and b:
            ok[ok] &= allows(a, b, start_i[ok], start_j[ok])
        si, sj = start_i[ok], start_j[ok]
        where = first[ok] + k * step[ok]
        src[where] = band.offsets[si] + sj - band.lo[si]
        for lo in range(0, len(where), _CHUNK_CELLS):  # the scorer's arrays stay small
            chunk = slice(lo, lo + _CHUNK_CELLS)
            score[where[chunk]] = scorer(a, b, si[chunk], sj[chunk])
    return Edges(tuple(kinds), src, score)


def _sweep(band: Band, edges: Edges, skip_tgt: float, viterbi: bool, scale: float = 1.0):
    """Fill the table row by row; returns (table, best incoming bead type per cell or None).
    Bead scores count ``scale`` times (``skip_tgt`` is given as it counts).

    Target deletions (0-1) stay in the row: row[j] = best(row[j], row[j-1] + skip), solved
    for the whole row at once with a cumulative max / log-sum-exp. Their type is K.
    """
    n_kinds = len(edges.kinds)
    table = np.full(band.size + 1, -np.inf)  # the last cell is the sentinel
    table[0] = 0.0
    choice = np.full(band.size, -1, dtype=np.int8) if viterbi else None
    offsets, widths = band.offsets.tolist(), band.widths.tolist()
    ramp_all = skip_tgt * np.arange(max(widths))
    columns = np.arange(max(widths))
    accumulate = np.maximum.accumulate if viterbi else np.logaddexp.accumulate
    src, score = edges.src, edges.score
    for i in range(band.n + 1):
        start, stop, width = offsets[i], offsets[i + 1], widths[i]
        if i:
            candidates = table[src[n_kinds * start : n_kinds * stop]]
            if scale == 1.0:
                candidates += score[n_kinds * start : n_kinds * stop]
            else:
                candidates += scale * score[n_kinds * start : n_kinds * stop]
            candidates = candidates.reshape(n_kinds, width)
            if viterbi:
                best = candidates.argmax(axis=0)  # the first type of equal scores wins
                row = candidates[best, columns[:width]]
            else:
                row = np.logaddexp.reduce(candidates, axis=0)
        else:
            row = table[start:stop].copy()
        ramp = ramp_all[:width]
        accumulated = accumulate(row - ramp)
        accumulated += ramp
        if viterbi:
            from_left = accumulated > row + _RAMP_TOLERANCE
            if i:
                best[from_left] = n_kinds
                choice[start:stop] = best
            else:
                choice[start:stop][from_left] = n_kinds
        table[start:stop] = accumulated
    return table, choice


@dataclass(frozen=True)
class Path:
    beads: tuple[tuple[int, int, int, int], ...]  # (src start, src size, tgt start, tgt size)
    posteriors: np.ndarray | None  # posterior probability of each bead, when computed
    # The probability that the alignment passes through the corner before each bead, and
    # the end (one more than the beads), when posteriors are computed.
    corners: np.ndarray | None = None


def best_path(band: Band, edges: Edges, skip_tgt: float, posteriors: bool = True,
              temperature: float = 1.0) -> Path:
    """The best path, and with ``posteriors`` each bead's posterior probability, from
    forward–backward over the scores divided by ``temperature`` (the path is the same at any
    temperature; above 1 the posteriors are less sure)."""
    table, choice = _sweep(band, edges, skip_tgt, viterbi=True)
    n_kinds = len(edges.kinds)
    m = int(band.hi[-1])
    cell = band.size - 1
    if not np.isfinite(table[cell]) or band.lo[-1] > m:
        raise RuntimeError("no path through the band")  # a bug, not a user error
    offsets, lo, widths = band.offsets, band.lo, band.widths
    steps = []
    taken = []  # per bead: its position in ``edges`` (None for a target deletion), its cell
    i, j = band.n, m
    while (i, j) != (0, 0):
        t = int(choice[cell])
        if t == n_kinds:
            a, b, where = 0, 1, None
        else:
            a, b = edges.kinds[t]
            where = edges.position(int(offsets[i]), int(widths[i]), t, j - int(lo[i]))
        steps.append((i - a, a, j - b, b))
        taken.append((where, cell))
        i, j = i - a, j - b
        cell = int(offsets[i] + j - lo[i])
    steps.reverse()
    taken.reverse()
    if not posteriors:
        return Path(tuple(steps), None)
    return Path(tuple(steps), *_posteriors(band, edges, skip_tgt, taken, 1.0 / temperature))


def _posteriors(band: Band, edges: Edges, skip_tgt: float, taken, scale: float
                ) -> tuple[np.ndarray, np.ndarray]:
    """The posterior of each bead taken, and of the corners between them, with every score
    counted ``scale`` times."""
    skip_tgt *= scale
    forward, _ = _sweep(band, edges, skip_tgt, viterbi=False, scale=scale)
    backward = _backward(band, edges, skip_tgt, scale)
    total = forward[band.size - 1]
    result = []
    for where, cell in taken:
        if where is None:
            result.append(forward[cell - 1] + skip_tgt + backward[cell] - total)
        else:
            result.append(forward[edges.src[where]] + scale * float(edges.score[where])
                          + backward[cell] - total)
    cells = np.array([0] + [cell for _, cell in taken], dtype=np.int64)
    corners = forward[cells] + backward[cells] - total
    return (np.clip(np.exp(np.array(result)), 0.0, 1.0),
            np.clip(np.exp(corners), 0.0, 1.0))


def _backward(band: Band, edges: Edges, skip_tgt: float, scale: float = 1.0) -> np.ndarray:
    """Backward log-sums: the forward sweep on the mirrored grid (rows and columns read from
    the end), whose beads are the same beads read from their ends."""
    n, m = band.n, int(band.hi[-1])
    mirrored = Band(m - band.hi[::-1].copy(), m - band.lo[::-1].copy())
    rows, cols = band.grid
    mirror_index = (mirrored.offsets[:-1][n - rows] + (m - cols) - mirrored.lo[n - rows]
                    ).astype(np.int32)
    # Each bead of the original is stored where the mirrored sweep looks for it: under its
    # own type at its start cell, read as the mirrored end.
    n_kinds = len(edges.kinds)
    first, step = _positions(band, n_kinds)
    mirrored_first, mirrored_step = _positions(mirrored, n_kinds)
    # Indexed by original cell: where the mirrored image of that cell stores its beads.
    order = np.argsort(mirror_index)
    mirrored_first, mirrored_step = mirrored_first[order], mirrored_step[order]
    src = np.full(n_kinds * band.size, band.size, dtype=np.int32)
    score = np.zeros(n_kinds * band.size, np.float32)
    for k in range(n_kinds):
        where = first + k * step  # the beads of type k, by the cell they end in
        starts = edges.src[where]
        ok = starts < band.size
        starts = starts[ok]
        target = mirrored_first[starts] + k * mirrored_step[starts]
        src[target] = mirror_index[ok]
        score[target] = edges.score[where[ok]]
    table, _ = _sweep(mirrored, Edges(edges.kinds, src, score), skip_tgt, viterbi=False,
                      scale=scale)
    return table[mirror_index]
