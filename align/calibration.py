"""Per-document calibration: what each similarity value is worth as evidence, and the length
model, both counted on the document itself so that no constant is fitted to a corpus.

Likely translations are each row's best 1-1 cell of the band by the main signal
(``PairFeatures.rank_similarity``); unrelated pairs are the other cells. Every signal is
calibrated against the same cells, so that a weak signal cannot pick its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from align.dp import Band
from align.encoders.base import PairFeatures
from align.lengths import Lengths, Spans

_MIN_LENGTH_SAMPLE = 10
# Unrelated windows sampled for each window size wider than one.
_WINDOW_SAMPLE = 20_000
# The length variance before any pair is seen (Gale & Church's estimate for their corpus).
_PRIOR_LENGTH_VARIANCE = 6.8
# A matched word pair raises the coverage of the sentences on both sides of it, and a sentence
# close to the window opposite has that window close to it; at full weight, a sentence signal
# would count each correspondence twice.
SENTENCE_SIGNAL_WEIGHT = 0.5


@dataclass(frozen=True)
class SignalCalibration:
    """Evidence (nats) of a similarity value, as a monotone curve over a grid of values.

    evidence(s) = log p(s | translation) - log p(s | unrelated), both densities counted in
    quantile bins on the document itself (translations ≈ each row's best 1-1 cell, unrelated
    = the other cells), so the curve needs no constants fitted to a corpus and is the same
    code for a coverage score and for a cosine. Binning with add-half smoothing bounds the
    penalty of weak similarity: short lines often share no dictionary word.
    """

    grid: tuple[float, ...]
    evidence: tuple[float, ...]

    def __call__(self, values: np.ndarray) -> np.ndarray:
        if not self.grid:
            return np.zeros_like(values)
        curve = np.interp(values, self.grid, self.evidence)
        return np.where(np.isfinite(values), curve, 0.0)

    @classmethod
    def fit(cls, matches: np.ndarray, unrelated: np.ndarray, bins: int = 24):
        if len(matches) < 2 or len(unrelated) < 2:
            return cls((), ())
        pooled = np.concatenate([matches, unrelated])
        values = np.unique(pooled)
        if len(values) < 2:
            return cls((), ())
        if len(values) <= bins:  # a discrete signal: one bin per value
            centres = values
            edges = np.concatenate([[values[0] - 1], (values[:-1] + values[1:]) / 2, [values[-1] + 1]])
        else:
            edges = np.unique(np.quantile(pooled, np.linspace(0, 1, bins + 1)))
            centres = (edges[:-1] + edges[1:]) / 2
        def density(sample: np.ndarray) -> np.ndarray:
            counts = np.histogram(sample, edges)[0] + 0.5
            return counts / counts.sum()
        evidence = np.log(density(matches)) - np.log(density(unrelated))
        # More similar is never less likely a translation: force the curve to be monotone.
        evidence = np.maximum.accumulate(evidence)
        return cls(tuple(centres.tolist()), tuple(evidence.tolist()))


@dataclass(frozen=True)
class Calibration:
    """Per-document constants behind the bead scores."""

    signals: tuple[SignalCalibration, ...]  # window signals
    # Per sentence signal, (source, target) curves by window size opposite (index size - 1).
    sentences: tuple[tuple[tuple[SignalCalibration, ...], tuple[SignalCalibration, ...]], ...]
    length_ratio: float
    length_variance: float

    def sentence_evidence(self, side: int, similarity: np.ndarray, size: int = 1) -> np.ndarray:
        """The evidence of sentences against their windows of ``size`` opposite, summed over
        the sentence signals (before ``SENTENCE_SIGNAL_WEIGHT``): ``similarity`` holds each
        signal's values (signals × sentences); ``side`` is 0 for source sentences, 1 for
        target ones."""
        return sum(curves[side][min(size, len(curves[side])) - 1](values)
                   for curves, values in zip(self.sentences, similarity))

    def deletion_evidence(self, a: int, b: int) -> float:
        """A deleted sentence as one its bead leaves wholly unmatched."""
        side = 0 if a else 1
        nothing = np.zeros(1)
        return SENTENCE_SIGNAL_WEIGHT * sum(float(curves[side][0](nothing)[0])
                                            for curves in self.sentences)


def calibrate(features: PairFeatures, lengths: Lengths, band: Band,
              known_beads: Spans = (), window_sizes: tuple[int, int] = (1, 1)) -> Calibration:
    """Evidence curves from the band's cells; the length model from likely translations.

    Sentence signals get a curve for each window size opposite, up to ``window_sizes``
    (the widest source and target sides of the beads): a sentence shares more words by
    chance with two unrelated sentences than with one, so against a window of k the
    unrelated density is counted on windows of k that hold none of its likely translation
    (``_window_curves``). The density of translations stays the 1-1 one.

    The length model is fitted on ``known_beads`` (a first pass's path) when there are
    enough, else on the confident half of the row-best 1-1 cells. Row-best cells overstate
    the length variance where many sentences are split in translation: the best single match
    of a sentence that became two is about half its length.
    """
    rows, cols = band.grid
    keep = (rows < lengths.n) & (cols < lengths.m)
    rows, cols = rows[keep], cols[keep]
    main = features.rank_similarity(rows, cols)
    best = _row_best(main, rows)
    likely = np.zeros(len(rows), bool)
    likely[best] = True
    curves = tuple(_fit_valid(signal[likely], signal[~likely])
                   for signal in features.similarity(rows, 1, cols, 1))
    sentence_curves = ()
    if features.n_sentence_signals:
        best_col = np.full(lengths.n, -1, np.int64)
        best_col[rows[best]] = cols[best]
        sentence_curves = _window_curves(features, lengths, rows, cols, likely, best_col,
                                         window_sizes)
    ratio, variance = _length_model(lengths, known_beads, rows, cols, main, best)
    return Calibration(curves, sentence_curves, ratio, variance)


def _window_curves(features: PairFeatures, lengths: Lengths, rows: np.ndarray,
                   cols: np.ndarray, likely: np.ndarray, best_col: np.ndarray,
                   window_sizes: tuple[int, int]) -> tuple:
    """Per sentence signal, (source curves, target curves) by window size opposite."""
    ones = features.sentence_similarity(rows, 1, cols, 1)
    src_curves = [[_fit_valid(v[0][likely], v[0][~likely])] for v in ones.src]
    tgt_curves = [[_fit_valid(v[0][likely], v[0][~likely])] for v in ones.tgt]
    # Unrelated windows start at an evenly spaced sample of the unrelated cells.
    sample = np.flatnonzero(~likely)
    sample = sample[:: max(1, len(sample) // _WINDOW_SAMPLE)]
    row, col = rows[sample], cols[sample]
    for size in range(2, window_sizes[1] + 1):  # source sentences, target windows
        ok = (col + size <= lengths.m) & ~((best_col[row] >= col) & (best_col[row] < col + size))
        windows = features.sentence_similarity(row[ok], 1, col[ok], size).src
        for curves, one, window in zip(src_curves, ones.src, windows):
            curves.append(_fit_valid(one[0][likely], window[0]))
    for size in range(2, window_sizes[0] + 1):  # target sentences, source windows
        ok = row + size <= lengths.n
        for k in range(size):
            ok &= best_col[np.minimum(row + k, lengths.n - 1)] != col
        windows = features.sentence_similarity(row[ok], size, col[ok], 1).tgt
        for curves, one, window in zip(tgt_curves, ones.tgt, windows):
            curves.append(_fit_valid(one[0][likely], window[0]))
    return tuple((tuple(s), tuple(t)) for s, t in zip(src_curves, tgt_curves))


def _fit_valid(matches: np.ndarray, unrelated: np.ndarray) -> SignalCalibration:
    """The curve of the finite values (a NaN is no evidence either way)."""
    return SignalCalibration.fit(matches[np.isfinite(matches)], unrelated[np.isfinite(unrelated)])


def _row_best(main: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Index of each row's best cell by the main signal (rows without evidence have none)."""
    valid = np.flatnonzero(np.isfinite(main))
    order = valid[np.lexsort((-main[valid], rows[valid]))]
    first = np.ones(len(order), bool)
    first[1:] = rows[order][1:] != rows[order][:-1]
    return order[first]


def _length_model(lengths: Lengths, known_beads: Spans, rows: np.ndarray, cols: np.ndarray,
                  main: np.ndarray, best: np.ndarray) -> tuple[float, float]:
    """Length ratio and variance, from the known beads or the confident row-best cells."""
    pairs = [(i, j) for i, j in known_beads if len(i) and len(j)]
    from_path = len(pairs) >= _MIN_LENGTH_SAMPLE
    if not from_path:
        pairs = []
        if len(best) >= _MIN_LENGTH_SAMPLE:
            confident = best[main[best] >= np.quantile(main[best], 0.5)]
            pairs = [(range(i, i + 1), range(j, j + 1))
                     for i, j in zip(rows[confident], cols[confident])]
    ratio = lengths.ratio
    variance = _PRIOR_LENGTH_VARIANCE
    if pairs:
        src, tgt = lengths.spans(pairs)
        if from_path:
            # Beads rather than whole sides: deleted sentences would bias the ratio.
            ratio = tgt.sum() / max(src.sum(), 1.0)
        expected = ratio * src
        observed = (tgt - expected) ** 2 / ((expected + tgt) / 2)
        # The median of a chi-square with one degree of freedom is 0.455.
        variance = float(np.clip(np.median(observed) / 0.455, 1.0, 50.0))
    return float(ratio), variance
