"""Bead scores: a log-likelihood ratio (nats) of "these windows are translations" over "they
are unrelated", summed from the calibrated similarity signals, a length model in the manner of
Gale & Church, and a prior on the bead type."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from align.calibration import SENTENCE_SIGNAL_WEIGHT, Calibration, calibrate
from align.dp import Band
from align.encoders.base import PairFeatures
from align.encoders.products import PairTable
from align.lengths import Lengths, Spans

# Log prior of each bead type relative to 1-1, in nats, from the proportions reported for
# sentence-aligned corpora (Gale & Church 1993; wider beads rarer still).
_PRIOR_BY_SIZE = {2: 0.0, 3: -2.3, 4: -4.6, 5: -6.0, 6: -7.5}
_PRIOR_WIDER = -9.0
_PRIOR_MANY_TO_MANY = -2.3
_PRIOR_DELETION = -4.6
# Translations' length deltas are N(0, 1); unrelated text spreads this many times wider.
_UNRELATED_LENGTH_SPREAD = 3.0


def bead_prior(a: int, b: int) -> float:
    if a == 0 or b == 0:
        return _PRIOR_DELETION
    many_to_many = _PRIOR_MANY_TO_MANY if min(a, b) > 1 else 0.0
    return _PRIOR_BY_SIZE.get(a + b, _PRIOR_WIDER) + many_to_many


class BeadScorer:
    """Scores beads of one resolution of the document (sentences, or blocks of them) once
    its calibration is set; the dynamic program calls ``score`` for every bead type.

    A sentence signal scores each sentence against the window opposite, and the bead types
    share most of those (a sentence against a window of two is the same in a 1-2 bead and
    in the second row of a 2-2 one): each sentence's evidence is kept, per side, for every
    window it was asked for (``PairTable``), so that the calibrated curves are evaluated
    once a sentence and window.
    """

    def __init__(self, features: PairFeatures, lengths: Lengths):
        self.features = features
        self.lengths = lengths
        self.calibration: Calibration | None = None

    def calibrate(self, band: Band, kinds: Sequence[tuple[int, int]],
                  known_beads: Spans = ()) -> None:
        """Calibrate the signals on ``band`` and evaluate the evidence of every sentence
        against the windows opposite that the beads of ``kinds`` inside it hold."""
        self.calibration = calibrate(self.features, self.lengths, band, known_beads)
        n, m = self.lengths.n, self.lengths.m
        longest_src = max(a for a, _ in kinds)
        longest_tgt = max(b for _, b in kinds)
        self._src_evidence = PairTable(n, m, self._src_sentence_evidence, np.float64)
        self._tgt_evidence = PairTable(m, n, self._tgt_sentence_evidence, np.float64)
        if not self.calibration.sentences:
            return
        # A bead's k-th source sentence meets the target windows that start in the band's
        # row k before it; its k-th target sentence, the source rows whose band holds the
        # column k before it (the band is monotone: its rows and columns only move right).
        rows = np.arange(n)
        earlier = np.maximum(rows - (longest_src - 1), 0)
        self._src_evidence.hold(band.lo[earlier], band.hi[rows] + 1)
        cols = np.arange(m)
        earlier = np.maximum(cols - (longest_tgt - 1), 0)
        self._tgt_evidence.hold(np.searchsorted(band.hi, earlier),
                                np.searchsorted(band.lo, cols, side="right"))

    def _src_sentence_evidence(self, rows: np.ndarray, starts: np.ndarray, sizes: int
                               ) -> np.ndarray:
        """Source sentences against target windows of 1 to ``sizes`` sentences."""
        return self._sentence_evidence(rows, starts, sizes, self.lengths.m, source=True)

    def _tgt_sentence_evidence(self, rows: np.ndarray, starts: np.ndarray, sizes: int
                               ) -> np.ndarray:
        """Target sentences against source windows of 1 to ``sizes`` sentences."""
        return self._sentence_evidence(rows, starts, sizes, self.lengths.n, source=False)

    def _sentence_evidence(self, rows, starts, sizes: int, n_opposite: int, source: bool
                           ) -> np.ndarray:
        evidence = np.full((sizes, len(rows)), np.nan)  # NaN: a window past the end
        for size in range(1, sizes + 1):
            fits = np.flatnonzero(starts + size <= n_opposite)
            if source:
                values = self.features.sentence_similarity(rows[fits], 1, starts[fits], size).src
            else:
                values = self.features.sentence_similarity(starts[fits], size, rows[fits], 1).tgt
            evidence[size - 1, fits] = self.calibration.sentence_evidence(int(not source),
                                                                           values[:, 0])
        return evidence

    def length_delta(self, a, b, start_i, start_j) -> np.ndarray:
        cal = self.calibration
        src, tgt = self.lengths.windows(a, b, start_i, start_j)
        expected = cal.length_ratio * src
        return (tgt - expected) / np.sqrt(cal.length_variance * (expected + tgt) / 2)

    def deletion_score(self, a: int, b: int) -> float:
        return bead_prior(a, b) + self.calibration.deletion_evidence(a, b)

    def score(self, a: int, b: int, start_i: np.ndarray, start_j: np.ndarray) -> np.ndarray:
        if a == 0 or b == 0:
            return np.full(len(start_i), self.deletion_score(a, b))
        cal = self.calibration
        similarity = self.features.similarity(start_i, a, start_j, b)
        evidence = sum(
            (curve(values) for curve, values in zip(cal.signals, similarity)),
            np.zeros(len(start_i)),
        )
        if cal.sentences:
            src = sum(self._src_evidence(start_i + k, start_j, b) for k in range(a))
            tgt = sum(self._tgt_evidence(start_j + k, start_i, a) for k in range(b))
            evidence = evidence + SENTENCE_SIGNAL_WEIGHT * ((0.0 + src) + tgt)
        delta = self.length_delta(a, b, start_i, start_j)
        spread = _UNRELATED_LENGTH_SPREAD
        length = math.log(spread) - 0.5 * delta**2 * (1 - 1 / spread**2)
        return evidence + length + bead_prior(a, b)
