"""Bead scores: the evidence kept per sentence adds up to what each bead's own windows give."""

from __future__ import annotations

import numpy as np
import pytest

from align.calibration import SENTENCE_SIGNAL_WEIGHT
from align.config import AlignConfig
from align.dp import Band
from align.encoders.lexical import LexicalEncoder
from align.lengths import Lengths, char_lengths
from align.scoring import _UNRELATED_LENGTH_SPREAD, BeadPriors, BeadScorer, bead_prior
from corpus.document import Side
from tests.align.test_aligner import EN, ZH


def test_bead_scores_add_each_sentences_evidence_against_the_window_opposite():
    zh, en = Side(ZH * 3, "zh"), Side(EN * 3, "en")
    features = LexicalEncoder().features(zh, en)
    kinds = AlignConfig(max_bead=4).bead_kinds()
    priors = BeadPriors(kinds)
    scorer = BeadScorer(features, Lengths(char_lengths(zh), char_lengths(en)), priors)
    lo = np.clip(np.arange(len(zh) + 1) * len(en) // len(zh) - 4, 0, len(en))
    band = Band(lo, np.clip(lo + 9, 0, len(en)))
    band.hi[-1] = len(en)
    scorer.calibrate(band, window_sizes=(4, 4))
    edges = scorer.edges(band, kinds)
    cal = scorer.calibration
    checked = 0
    for k, (a, b) in enumerate(kinds):
        if not a or not b:
            continue
        rows, cols = band.grid
        where = len(kinds) * band.offsets[:-1][rows] + k * band.widths[rows] + (
            np.arange(band.size) - band.offsets[:-1][rows])
        held = edges.src[where] < band.size
        si, sj = rows[held] - a, cols[held] - b
        # The bead's own windows, scored directly: each sentence by the curve of the window
        # size opposite.
        sentences = features.sentence_similarity(si, a, sj, b)
        src = sum(curves[0][b - 1](v) for curves, signal in zip(cal.sentences, sentences.src)
                  for v in signal)
        tgt = sum(curves[1][a - 1](v) for curves, signal in zip(cal.sentences, sentences.tgt)
                  for v in signal)
        window = cal.signals[0](features.similarity(si, a, sj, b)[0])
        delta = scorer.length_delta(a, b, si, sj)
        spread = _UNRELATED_LENGTH_SPREAD
        length = np.log(spread) - 0.5 * delta**2 * (1 - 1 / spread**2)
        direct = window + SENTENCE_SIGNAL_WEIGHT * (src + tgt) + length + priors(a, b)
        assert edges.score[where[held]] == pytest.approx(direct)
        checked += held.sum()
    assert checked > 500


def test_bead_priors_are_probabilities_with_the_tables_ratios():
    kinds = AlignConfig(max_bead=4).bead_kinds()
    priors = BeadPriors(kinds)
    assert sum(np.exp(priors(a, b)) for a, b in [(0, 1), *kinds]) == pytest.approx(1.0)
    assert priors(1, 2) - priors(1, 1) == pytest.approx(bead_prior(1, 2))
    assert priors(2, 2) - priors(1, 1) == pytest.approx(bead_prior(2, 2))
    # Each bead costs at least log P(1-1): two 1-1 beads pay it twice, one 2-2 bead once.
    assert priors(1, 1) < 0
