"""The dynamic program on hand-made score tables: best path, posteriors, bands."""

from __future__ import annotations

import numpy as np
import pytest

from align.dp import Band, best_path, build_edges

KINDS = [(1, 0), (1, 1), (1, 2), (2, 1)]


def table_scorer(truth: set[tuple[int, int, int, int]], hit: float = 5.0, miss: float = -1.0):
    """Scores ``hit`` on the beads in ``truth`` (a, b, start_i, start_j), ``miss`` elsewhere."""
    def scorer(a, b, si, sj):
        return np.array([hit if (a, b, i, j) in truth else miss for i, j in zip(si, sj)])
    return scorer


def test_finds_the_known_path_on_a_synthetic_score_table():
    # The true beads: a source deletion, a 1-1, a 1-2.
    scorer = table_scorer({(1, 0, 0, 0), (1, 1, 1, 0), (1, 2, 2, 1)})
    band = Band.full(3, 3)
    path = best_path(band, build_edges(band, KINDS, scorer), skip_tgt=-3.0)
    assert path.beads == ((0, 1, 0, 0), (1, 1, 0, 1), (2, 1, 1, 2))
    assert np.all(path.posteriors > 0.9)


def test_a_target_deletion_is_taken_when_it_pays():
    # Three 1-1 beads around an extra target sentence (target 1): skipping it costs less
    # than any bead that would swallow it.
    scorer = table_scorer({(1, 1, 0, 0), (1, 1, 1, 2), (1, 1, 2, 3)}, miss=-8.0)
    band = Band.full(3, 4)
    path = best_path(band, build_edges(band, KINDS, scorer), skip_tgt=-1.0)
    assert path.beads == ((0, 1, 0, 1), (1, 0, 1, 1), (1, 1, 2, 1), (2, 1, 3, 1))


def test_posteriors_fall_where_two_paths_score_alike():
    # A 1-2 bead and a 1-1 followed by a target deletion score the same: each gets about half.
    ones = {(1, 1, 0, 0), (1, 1, 1, 2)}
    scorer = table_scorer(ones | {(1, 2, 0, 0)}, miss=-20.0)
    band = Band.full(2, 3)
    edges = build_edges(band, KINDS, scorer)
    # skip_tgt = 0 makes "1-1 then skip" score 5 + 0, the 1-2 bead 5: a tie.
    path = best_path(band, edges, skip_tgt=0.0)
    assert 0.3 < path.posteriors[0] < 0.7
    assert path.posteriors[-1] > 0.9


def test_a_band_keeps_the_search_inside_it():
    # The best path runs along the diagonal; a band without the cell (1, 1) forces another
    # path through the allowed cells.
    scorer = table_scorer({(1, 1, 0, 0), (1, 1, 1, 1), (1, 1, 2, 2)})
    band = Band(np.array([0, 0, 2, 3]), np.array([0, 0, 3, 3]))
    path = best_path(band, build_edges(band, KINDS, scorer), skip_tgt=-3.0)
    cells = [(0, 0)]
    for _, a, _, b in path.beads:
        cells.append((cells[-1][0] + a, cells[-1][1] + b))
    assert all(band.lo[i] <= j <= band.hi[i] for i, j in cells)
    assert (1, 1) not in cells and cells[-1] == (3, 3)


def test_corners_are_as_sure_as_the_paths_through_them():
    # The tie above: "1-1 then skip" or "1-2" both reach cell (1, 2), then the last 1-1.
    ones = {(1, 1, 0, 0), (1, 1, 1, 2)}
    scorer = table_scorer(ones | {(1, 2, 0, 0)}, miss=-20.0)
    band = Band.full(2, 3)
    path = best_path(band, build_edges(band, KINDS, scorer), skip_tgt=0.0)
    cells = [(0, 0)]
    for _, a, _, b in path.beads:
        cells.append((cells[-1][0] + a, cells[-1][1] + b))
    corners = dict(zip(cells, path.corners))
    assert corners[(0, 0)] == pytest.approx(1.0) and corners[(2, 3)] == pytest.approx(1.0)
    assert corners[(1, 2)] == pytest.approx(1.0, abs=1e-6)  # both paths pass there
    assert 0.3 < corners.get((1, 1), 0.5) < 0.7  # one of the two only


def test_a_temperature_keeps_the_path_and_softens_its_posteriors():
    ones = {(1, 1, 0, 0), (1, 1, 1, 2)}
    scorer = table_scorer(ones | {(1, 2, 0, 0)}, hit=5.0, miss=-20.0)
    band = Band.full(2, 3)
    edges = build_edges(band, KINDS, scorer)
    # The 1-2 bead scores 5, "1-1 then skip" 5 - 1: the 1-2 wins with e / (1 + e).
    cold = best_path(band, edges, skip_tgt=-1.0)
    warm = best_path(band, edges, skip_tgt=-1.0, temperature=2.0)
    assert warm.beads == cold.beads
    assert cold.posteriors[0] == pytest.approx(np.e / (1 + np.e), abs=1e-3)
    assert warm.posteriors[0] == pytest.approx(np.exp(0.5) / (1 + np.exp(0.5)), abs=1e-3)
