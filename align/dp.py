"""Dynamic programming over beads inside a band of the sentence grid.

Cell (i, j) means "the first i source and j target sentences are aligned". A bead of type
(a, b) leads from (i - a, j - b) to (i, j) with a score (a log-likelihood ratio in nats).
The band gives, for every i, the allowed range ``lo[i] <= j <= hi[i]``; work and memory grow
with the number of cells in it, so a narrow band around a coarse path keeps the cost linear
in document length.

Two sweeps share one engine: Viterbi (max) for the best path, and forward–backward
(log-sum-exp) for the posterior probability of each bead on it — the confidence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np

Scorer = Callable[[int, int, np.ndarray, np.ndarray], np.ndarray]
"""scorer(a, b, start_i, start_j) -> scores of beads [start_i, +a) x [start_j, +b)."""


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
    def offsets(self) -> np.ndarray:
        return np.concatenate([[0], np.cumsum(self.hi - self.lo + 1)])

    @property
    def size(self) -> int:
        return int(self.offsets[-1])

    @cached_property
    def grid(self) -> tuple[np.ndarray, np.ndarray]:
        """Row and column of every cell, in flat-index order."""
        widths = self.hi - self.lo + 1
        rows = np.repeat(np.arange(self.n + 1), widths)
        cols = np.arange(self.size) - np.repeat(self.offsets[:-1], widths) + self.lo[rows]
        return rows, cols


@dataclass(frozen=True)
class Edges:
    """All beads of one type inside the band, grouped by the row they end in."""

    kind: tuple[int, int]
    dst: np.ndarray  # flat cell index where the bead ends
    src: np.ndarray  # flat cell index where it starts
    score: np.ndarray
    row_bounds: np.ndarray  # edges ending in row i are [row_bounds[i], row_bounds[i+1])


def build_edges(band: Band, kind: tuple[int, int], scorer: Scorer) -> Edges:
    a, b = kind
    rows, cols = band.grid
    start_i, start_j = rows - a, cols - b
    ok = (start_i >= 0) & (start_j >= 0)
    ok[ok] &= (start_j[ok] >= band.lo[start_i[ok]]) & (start_j[ok] <= band.hi[start_i[ok]])
    dst = np.flatnonzero(ok)
    si, sj = start_i[ok], start_j[ok]
    src = band.offsets[si] + sj - band.lo[si]
    score = np.asarray(scorer(a, b, si, sj), dtype=np.float64)
    bounds = np.searchsorted(rows[dst], np.arange(band.n + 2))
    return Edges(kind, dst, src, score, bounds)


def _sweep(band: Band, edges: list[Edges], skip_tgt: float, semiring: str):
    """Fill the table row by row; returns (table, best incoming edge type per cell or None)."""
    table = np.full(band.size, -np.inf)
    table[0] = 0.0
    offsets = band.offsets
    viterbi = semiring == "max"
    choice = np.full(band.size, -1, dtype=np.int8) if viterbi else None
    for i in range(band.n + 1):
        start, stop = offsets[i], offsets[i + 1]
        row = table[start:stop]
        for t, edge in enumerate(edges):
            lo, hi = edge.row_bounds[i], edge.row_bounds[i + 1]
            if lo == hi:
                continue
            dst = edge.dst[lo:hi] - start
            candidate = table[edge.src[lo:hi]] + edge.score[lo:hi]
            if viterbi:
                better = candidate > row[dst]
                row[dst[better]] = candidate[better]
                choice[start + dst[better]] = t
            else:
                row[dst] = np.logaddexp(row[dst], candidate)
        # Target deletions (0-1) stay in the row: row[j] = best(row[j], row[j-1] + skip),
        # solved for the whole row at once with a cumulative max / log-sum-exp.
        ramp = skip_tgt * np.arange(len(row))
        shifted = row - ramp
        accumulated = (np.maximum if viterbi else np.logaddexp).accumulate(shifted) + ramp
        if viterbi:
            # Tolerance: subtracting and re-adding the ramp is not exact in floating point.
            from_left = accumulated > row + 1e-9
            choice[start + np.flatnonzero(from_left)] = len(edges)
        row[:] = accumulated
    return table, choice


@dataclass(frozen=True)
class Path:
    beads: tuple[tuple[int, int, int, int], ...]  # (src start, src size, tgt start, tgt size)
    posteriors: np.ndarray | None  # posterior probability of each bead, when computed


def best_path(
    band: Band, edges: list[Edges], skip_tgt: float, posteriors: bool = True
) -> Path:
    table, choice = _sweep(band, edges, skip_tgt, "max")
    m = int(band.hi[-1])
    cell = band.size - 1
    if not np.isfinite(table[cell]) or band.lo[-1] > m:
        raise RuntimeError("no path through the band")  # a bug, not a user error
    offsets, lo = band.offsets, band.lo
    steps = []
    i, j = band.n, m
    taken = []
    while (i, j) != (0, 0):
        t = int(choice[cell])
        if t == len(edges):
            a, b, edge_index = 0, 1, -1
        else:
            a, b = edges[t].kind
            edge_index = int(np.searchsorted(edges[t].dst, cell))  # dst is sorted
        steps.append((i - a, a, j - b, b))
        taken.append((t, edge_index, cell))
        i, j = i - a, j - b
        cell = int(offsets[i] + j - lo[i])
    steps.reverse()
    taken.reverse()
    probabilities = None
    if posteriors:
        probabilities = _posteriors(band, edges, skip_tgt, taken)
    return Path(tuple(steps), probabilities)


def _posteriors(band: Band, edges: list[Edges], skip_tgt: float, taken) -> np.ndarray:
    forward, _ = _sweep(band, edges, skip_tgt, "sum")
    backward = _backward(band, edges, skip_tgt)
    total = forward[-1]
    result = []
    for t, edge_index, cell in taken:
        if t == len(edges):
            start_cell = cell - 1
            score = skip_tgt
        else:
            start_cell = int(edges[t].src[edge_index])
            score = edges[t].score[edge_index]
        result.append(forward[start_cell] + score + backward[cell] - total)
    return np.clip(np.exp(np.array(result)), 0.0, 1.0)


def _backward(band: Band, edges: list[Edges], skip_tgt: float) -> np.ndarray:
    """Backward log-sums, by running the forward sweep on the mirrored grid."""
    n, m = band.n, int(band.hi[-1])
    mirrored = Band(m - band.hi[::-1].copy(), m - band.lo[::-1].copy())
    rows, cols = band.grid
    mirror_index = mirrored.offsets[n - rows] + (m - cols) - mirrored.lo[n - rows]
    mirrored_edges = []
    for edge in edges:
        dst, src = mirror_index[edge.src], mirror_index[edge.dst]
        order = np.argsort(dst, kind="stable")
        mirrored_rows = n - rows[edge.src[order]]
        bounds = np.searchsorted(mirrored_rows, np.arange(n + 2))
        mirrored_edges.append(Edges(edge.kind, dst[order], src[order], edge.score[order], bounds))
    table, _ = _sweep(mirrored, mirrored_edges, skip_tgt, "sum")
    return table[mirror_index]
