"""Bead scores: a log-likelihood ratio (nats) of "these windows are translations" over "they
are unrelated", summed from the calibrated similarity signals, a length model in the manner of
Gale & Church, and a prior on the bead type."""

from __future__ import annotations

import math

import numpy as np

from align.calibration import Calibration
from align.encoders.base import PairFeatures
from align.lengths import Lengths

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
    its calibration is set; the dynamic program calls ``score`` for every bead type."""

    def __init__(self, features: PairFeatures, lengths: Lengths):
        self.features = features
        self.lengths = lengths
        self.calibration: Calibration | None = None

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
            sentences = self.features.sentence_similarity(start_i, a, start_j, b)
            evidence = evidence + cal.sentence_evidence(sentences)
        delta = self.length_delta(a, b, start_i, start_j)
        spread = _UNRELATED_LENGTH_SPREAD
        length = math.log(spread) - 0.5 * delta**2 * (1 - 1 / spread**2)
        return evidence + length + bead_prior(a, b)
