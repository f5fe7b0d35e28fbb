"""Calibration counted on the document: evidence curves and the length model."""

from __future__ import annotations

import numpy as np

from align.calibration import SignalCalibration, calibrate
from align.dp import Band
from align.encoders.base import PairFeatures
from align.lengths import Lengths


def test_a_discrete_signal_gets_one_evidence_value_per_level():
    matches = np.array([1.0] * 8 + [0.5] * 2)
    unrelated = np.array([0.0] * 30 + [0.5] * 30 + [1.0] * 20)
    curve = SignalCalibration.fit(matches, unrelated)
    assert curve.grid == (0.0, 0.5, 1.0)
    low, middle, high = curve(np.array([0.0, 0.5, 1.0]))
    assert low <= middle < 0 < high


def test_the_curve_is_monotone_and_neutral_without_evidence():
    rng = np.random.default_rng(0)
    curve = SignalCalibration.fit(rng.normal(0.7, 0.1, 200), rng.normal(0.2, 0.2, 2000))
    values = np.linspace(-0.5, 1.5, 50)
    assert np.all(np.diff(curve(values)) >= 0)
    assert curve(np.array([np.nan]))[0] == 0.0
    assert SignalCalibration.fit(np.array([1.0]), np.array([0.0, 1.0]))(np.ones(3)).tolist() == [0, 0, 0]


class DiagonalFeatures(PairFeatures):
    """1 on the diagonal, 0 elsewhere: every row's best cell is its translation."""

    def similarity(self, src_start, src_size, tgt_start, tgt_size):
        return (np.asarray(src_start) == np.asarray(tgt_start)).astype(float)[np.newaxis]

    def coarsen(self, factor):
        return self


def test_the_length_model_is_fitted_on_likely_translations():
    # Target sentences are twice as long as their sources, with no spread: the ratio is 2
    # and the variance at its floor.
    src = np.arange(10, 40, dtype=float)
    lengths = Lengths(src, 2 * src)
    calibration = calibrate(DiagonalFeatures(), lengths, Band.full(len(src), len(src)))
    assert calibration.length_ratio == 2.0
    assert calibration.length_variance == 1.0
    no_evidence, evidence = calibration.signals[0](np.array([0.0, 1.0]))
    assert no_evidence < 0 < evidence


def test_sentence_evidence_is_calibrated_for_each_window_size_opposite():
    # A sentence against two unrelated sentences shares more words by chance than against
    # one: the same coverage is weaker evidence against a wider window.
    from align.encoders.lexical import LexicalEncoder
    from align.lengths import char_lengths
    from corpus.document import Side
    from tests.align.test_aligner import EN, ZH

    zh, en = Side(ZH * 4, "zh"), Side(EN * 4, "en")
    features = LexicalEncoder().features(zh, en)
    lengths = Lengths(char_lengths(zh), char_lengths(en))
    band = Band.full(len(zh), len(en))
    narrow = calibrate(features, lengths, band)
    wide = calibrate(features, lengths, band, window_sizes=(2, 3))
    src_curves, tgt_curves = wide.sentences[0]
    assert len(src_curves) == 3 and len(tgt_curves) == 2
    assert src_curves[0] == narrow.sentences[0][0][0]  # size 1 as before
    values = np.linspace(0.05, 0.6, 12)
    assert src_curves[2](values).mean() < src_curves[0](values).mean()
    assert src_curves[2](values)[-1] < src_curves[0](values)[-1]
    # A window past the widest calibrated uses the widest curve.
    assert wide.sentence_evidence(0, values[np.newaxis], 4).tolist() == (
        wide.sentence_evidence(0, values[np.newaxis], 3).tolist())
