"""Bead scores: a log-likelihood ratio (nats) of "these windows are translations" over "they
are unrelated", summed from the calibrated similarity signals, a length model in the manner of
Gale & Church, and a prior on the bead type."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import numpy as np

from align.calibration import SENTENCE_SIGNAL_WEIGHT, Calibration, calibrate
from align.dp import Allows, Band, Edges, build_edges
from align.encoders.base import PairFeatures
from align.encoders.products import PairTable
from align.lengths import Lengths, Spans

# Log prior of each bead type relative to 1-1, in nats, from the proportions reported for
# sentence-aligned corpora (Gale & Church 1993: 1-2 and 2-1 0.089, 2-2 0.011, deletions
# 0.0099 against 0.89 for 1-1; wider beads rarer still).
_PRIOR_BY_SIZE = {2: 0.0, 3: -2.3, 4: -4.6, 5: -6.0, 6: -7.5}
_PRIOR_WIDER = -9.0
_PRIOR_DELETION = -4.6
# Translations' length deltas are N(0, 1); unrelated text spreads this many times wider.
_UNRELATED_LENGTH_SPREAD = 3.0


def bead_prior(a: int, b: int) -> float:
    """Log prior of a bead type relative to 1-1."""
    if a == 0 or b == 0:
        return _PRIOR_DELETION
    return _PRIOR_BY_SIZE.get(a + b, _PRIOR_WIDER)


class BeadPriors:
    """The log probability of a bead of each type (``priors(a, b)``): the table's shares
    (``bead_prior``, relative to 1-1) made probabilities over the types the aligner allows.

    A path's prior is the sum of its beads' log probabilities, so each bead costs at least
    log P(1-1): cutting a 2-2 bead into two 1-1 ones pays it twice, as a generative model of
    beads would have it (relative to 1-1, a cut would be free).
    """

    def __init__(self, kinds: Sequence[tuple[int, int]]):
        relative = {kind: bead_prior(*kind) for kind in dict.fromkeys([(0, 1), *kinds])}
        log_total = math.log(sum(math.exp(v) for v in relative.values()))
        self._log_p = {kind: v - log_total for kind, v in relative.items()}

    def __call__(self, a: int, b: int) -> float:
        return self._log_p[(a, b)]


class BeadScorer:
    """Scores the beads of one resolution of the document (sentences, or blocks of them)
    inside a band, once calibrated on it (``edges``).

    A sentence signal scores each sentence against the window opposite, and the bead types
    share most of those (a sentence against a window of two is the same in a 1-2 bead and
    in the second row of a 2-2 one): each sentence's evidence against every window that a
    bead of the band gives it is evaluated once, kept per side (``PairTable``) while the
    edges are built, and summed into each bead.
    """

    def __init__(self, features: PairFeatures, lengths: Lengths, priors: BeadPriors):
        self.features = features
        self.lengths = lengths
        self.prior = priors
        self.calibration: Calibration | None = None

    def calibrate(self, band: Band, known_beads: Spans = (),
                  window_sizes: tuple[int, int] = (1, 1)) -> None:
        """Calibrate the signals on ``band`` (``align.calibration``)."""
        self.calibration = calibrate(self.features, self.lengths, band, known_beads, window_sizes)

    def edges(self, band: Band, kinds: Sequence[tuple[int, int]], allows: Allows | None = None
              ) -> Edges:
        """Score every bead of ``kinds`` in ``band`` (``allows``: see ``build_edges``), once
        calibrated (on this band, or on a wider one that holds it)."""
        evidence = self._sentence_evidence(band, kinds) if self.calibration.sentences else None
        return build_edges(band, kinds, functools.partial(self._score, evidence), allows)

    def _sentence_evidence(self, band: Band, kinds: Sequence[tuple[int, int]]
                           ) -> tuple[PairTable, PairTable]:
        """Each source sentence's evidence against the target windows of the band's beads,
        and each target sentence's against the source windows."""
        n, m = self.lengths.n, self.lengths.m
        src = PairTable(n, m, functools.partial(self._evidence, source=True), np.float64)
        tgt = PairTable(m, n, functools.partial(self._evidence, source=False), np.float64)
        # A bead's k-th source sentence meets the target windows that start in the band's
        # row k before it; its k-th target sentence, the source rows whose band holds the
        # column k before it (the band is monotone: its rows and columns only move right).
        rows = np.arange(n)
        earlier = np.maximum(rows - (max(a for a, _ in kinds) - 1), 0)
        src.hold(band.lo[earlier], band.hi[rows] + 1)
        cols = np.arange(m)
        earlier = np.maximum(cols - (max(b for _, b in kinds) - 1), 0)
        tgt.hold(np.searchsorted(band.hi, earlier), np.searchsorted(band.lo, cols, side="right"))
        return src, tgt

    def _evidence(self, rows: np.ndarray, starts: np.ndarray, sizes: int, source: bool
                  ) -> np.ndarray:
        """Source (or target) sentences against windows of 1 to ``sizes`` sentences
        opposite, from each start."""
        n_opposite = self.lengths.m if source else self.lengths.n
        evidence = np.full((sizes, len(rows)), np.nan)  # NaN: a window past the end
        for size in range(1, sizes + 1):
            fits = np.flatnonzero(starts + size <= n_opposite)
            if source:
                values = self.features.sentence_similarity(rows[fits], 1, starts[fits], size).src
            else:
                values = self.features.sentence_similarity(starts[fits], size, rows[fits], 1).tgt
            evidence[size - 1, fits] = self.calibration.sentence_evidence(int(not source),
                                                                           values[:, 0], size)
        return evidence

    def length_delta(self, a, b, start_i, start_j) -> np.ndarray:
        cal = self.calibration
        src, tgt = self.lengths.windows(a, b, start_i, start_j)
        expected = cal.length_ratio * src
        return (tgt - expected) / np.sqrt(cal.length_variance * (expected + tgt) / 2)

    def deletion_score(self, a: int, b: int) -> float:
        return self.prior(a, b) + self.calibration.deletion_evidence(a, b)

    def _score(self, sentence_evidence: tuple[PairTable, PairTable] | None, a: int, b: int,
               start_i: np.ndarray, start_j: np.ndarray) -> np.ndarray:
        if a == 0 or b == 0:
            return np.full(len(start_i), self.deletion_score(a, b))
        cal = self.calibration
        similarity = self.features.similarity(start_i, a, start_j, b)
        evidence = sum(
            (curve(values) for curve, values in zip(cal.signals, similarity)),
            np.zeros(len(start_i)),
        )
        if sentence_evidence is not None:
            src_evidence, tgt_evidence = sentence_evidence
            src = sum(src_evidence(start_i + k, start_j, b) for k in range(a))
            tgt = sum(tgt_evidence(start_j + k, start_i, a) for k in range(b))
            evidence = evidence + SENTENCE_SIGNAL_WEIGHT * ((0.0 + src) + tgt)
        delta = self.length_delta(a, b, start_i, start_j)
        spread = _UNRELATED_LENGTH_SPREAD
        length = math.log(spread) - 0.5 * delta**2 * (1 - 1 / spread**2)
        return evidence + length + self.prior(a, b)
