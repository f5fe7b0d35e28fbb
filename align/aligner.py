"""Sentence alignment: calibrate the encoder's signals on the document, then coarse-to-fine DP.

Every bead's score is a log-likelihood ratio (nats) of "these windows are translations" over
"they are unrelated", summed from independent parts:
- each similarity signal, through a monotone density ratio counted on the document itself
  (likely matches = each row's best 1-1 cell by the main signal, unrelated = the other cells
  of the band), so the same aligner serves a dictionary coverage score, a cosine of
  embeddings and a yes/no cue. A window signal counts once a bead; a sentence signal once a
  sentence of the bead, and a deleted sentence counts as one matched by nothing (value 0);
- a length model in the manner of Gale & Church, its ratio and variance fitted on the
  document (on confident row-best pairs, then on the first pass's path);
- a prior on the bead type.
When the encoder can learn from a first alignment (``PairFeatures.refine``), a second pass
aligns with what it learned. Confidence = the posterior probability of the bead
(forward–backward over the band).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from align.dp import Band, Edges, best_path, build_edges
from align.encoders.base import Encoder, FirstPass, PairFeatures, SentenceSimilarity
from corpus.beads import Bead
from corpus.document import AlignedDocument, Side
from corpus.errors import ConfigError, reject_unknown_keys
from corpus.signature import Signature

logger = logging.getLogger(__name__)

# Log prior of each bead type relative to 1-1, in nats, from the proportions reported for
# sentence-aligned corpora (Gale & Church 1993; wider beads rarer still).
_PRIOR_BY_SIZE = {2: 0.0, 3: -2.3, 4: -4.6, 5: -6.0, 6: -7.5}
_PRIOR_DELETION = -4.6
_MIN_LENGTH_SAMPLE = 10
# A matched word pair raises the coverage of the sentences on both sides of it, and a sentence
# close to the window opposite has that window close to it; at full weight, a sentence signal
# would count each correspondence twice.
SENTENCE_SIGNAL_WEIGHT = 0.5


@dataclass(frozen=True)
class AlignConfig:
    """DP settings; recorded in every signature."""

    max_size: int = 4  # largest side of a bead: 1-4 and 4-1
    max_many: int = 2  # largest side of a many-to-many bead: 2-2 (and 2-3, 3-2 when max_total≥5)
    max_total: int = 5  # a + b at most
    full_grid_cells: int = 250_000  # documents up to this many cells get no band
    band_margin: int = 6  # sentences around the projected coarse path
    coarse_step: int = 8  # at most this many blocks of one level make a block of the next
    second_pass: bool = True  # align again with what the encoder learned from the first

    def __post_init__(self) -> None:
        if self.max_size < 1:
            raise ConfigError(f"the largest bead side (max_size, --max-bead) must be at least 1, "
                              f"not {self.max_size}")
        if not 1 <= self.max_many <= self.max_size or self.max_total < 2:
            raise ConfigError("need 1 <= max_many <= max_size and max_total >= 2")
        if self.coarse_step < 2 or self.band_margin < 1:
            raise ConfigError("coarse_step must be >= 2 and band_margin >= 1")

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> AlignConfig:
        reject_unknown_keys("aligner setting", values, cls.__dataclass_fields__)
        return cls(**values)

    def bead_kinds(self) -> list[tuple[int, int]]:
        """(1, 0) for deletions (0-1 is handled inside the DP), then every a-b bead allowed."""
        kinds = [(1, 0)]
        for a in range(1, self.max_size + 1):
            for b in range(1, self.max_size + 1):
                one_to_many = min(a, b) == 1
                many_to_many = min(a, b) <= self.max_many and max(a, b) <= self.max_many + 1
                if a + b <= self.max_total and (one_to_many or many_to_many):
                    kinds.append((a, b))
        return kinds

    def as_settings(self) -> dict[str, Any]:
        return asdict(self)


def bead_prior(a: int, b: int) -> float:
    if a == 0 or b == 0:
        return _PRIOR_DELETION
    many_to_many = -2.3 if min(a, b) > 1 else 0.0
    return _PRIOR_BY_SIZE.get(a + b, -9.0) + many_to_many


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
    sentences: tuple[tuple[SignalCalibration, SignalCalibration], ...]  # (source, target) each
    length_ratio: float
    length_variance: float

    def sentence_evidence(self, similarity: SentenceSimilarity) -> np.ndarray:
        evidence = 0.0
        for (src_curve, tgt_curve), src, tgt in zip(self.sentences, similarity.src, similarity.tgt):
            evidence = evidence + sum(src_curve(values) for values in src)
            evidence = evidence + sum(tgt_curve(values) for values in tgt)
        return SENTENCE_SIGNAL_WEIGHT * evidence

    def deletion_evidence(self, a: int, b: int) -> float:
        """A deleted sentence as one its bead leaves wholly unmatched."""
        side = 0 if a else 1
        nothing = np.zeros(1)
        return SENTENCE_SIGNAL_WEIGHT * sum(float(curves[side](nothing)[0])
                                            for curves in self.sentences)


def char_lengths(side: Side) -> np.ndarray:
    return np.array([max(1, sum(not c.isspace() for c in s)) for s in side.sentences], float)


class _Level:
    """One resolution of the problem: features, lengths, and the scorer built on them."""

    def __init__(self, features: PairFeatures, src_len: np.ndarray, tgt_len: np.ndarray):
        self.features = features
        self.src_cum = np.concatenate([[0.0], np.cumsum(src_len)])
        self.tgt_cum = np.concatenate([[0.0], np.cumsum(tgt_len)])
        self.n, self.m = len(src_len), len(tgt_len)
        self.calibration: Calibration | None = None

    def raw_similarity(self, a, b, start_i, start_j) -> np.ndarray:
        return self.features.similarity(start_i, a, start_j, b)

    def length_delta(self, a, b, start_i, start_j) -> np.ndarray:
        cal = self.calibration
        src = self.src_cum[start_i + a] - self.src_cum[start_i]
        tgt = self.tgt_cum[start_j + b] - self.tgt_cum[start_j]
        expected = cal.length_ratio * src
        return (tgt - expected) / np.sqrt(cal.length_variance * (expected + tgt) / 2)

    def deletion_score(self, a: int, b: int) -> float:
        return bead_prior(a, b) + self.calibration.deletion_evidence(a, b)

    def score(self, a: int, b: int, start_i: np.ndarray, start_j: np.ndarray) -> np.ndarray:
        if a == 0 or b == 0:
            return np.full(len(start_i), self.deletion_score(a, b))
        cal = self.calibration
        similarity = self.raw_similarity(a, b, start_i, start_j)
        evidence = sum(
            (curve(values) for curve, values in zip(cal.signals, similarity)),
            np.zeros(len(start_i)),
        )
        if cal.sentences:
            sentences = self.features.sentence_similarity(start_i, a, start_j, b)
            evidence = evidence + cal.sentence_evidence(sentences)
        delta = self.length_delta(a, b, start_i, start_j)
        # Length LLR: N(0, 1) for translations against a spread 3x wider for unrelated text.
        length = math.log(3.0) - 0.5 * delta**2 * (1 - 1 / 9)
        return evidence + length + bead_prior(a, b)


Spans = Sequence[tuple[range, range]]


def _calibrate(level: _Level, band: Band, known_beads: Spans = ()) -> Calibration:
    """Evidence curves from the band's cells; the length model from likely translations.

    The length model is fitted on ``known_beads`` (a first pass's path) when there are
    enough, else on the confident half of the row-best 1-1 cells. Row-best cells overstate
    the length variance where many sentences are split in translation: the best single match
    of a sentence that became two is about half its length.
    """
    rows, cols = band.grid
    keep = (rows < level.n) & (cols < level.m)
    rows, cols = rows[keep], cols[keep]
    # Likely translations: each row's best cell by the main signal; every signal is
    # calibrated against the same cells, so that a weak signal cannot pick its own.
    main = level.features.rank_similarity(rows, cols)
    valid = np.flatnonzero(np.isfinite(main))
    order = valid[np.lexsort((-main[valid], rows[valid]))]
    first = np.ones(len(order), bool)
    first[1:] = rows[order][1:] != rows[order][:-1]
    best = order[first]
    likely = np.zeros(len(rows), bool)
    likely[best] = True
    def fit(signal: np.ndarray) -> SignalCalibration:
        valid_signal = np.isfinite(signal)
        return SignalCalibration.fit(signal[likely & valid_signal], signal[~likely & valid_signal])

    curves = tuple(fit(signal) for signal in level.raw_similarity(1, 1, rows, cols))
    sentence_curves = ()
    if level.features.n_sentence_signals:
        sentences = level.features.sentence_similarity(rows, 1, cols, 1)
        sentence_curves = tuple(
            (fit(src[0]), fit(tgt[0])) for src, tgt in zip(sentences.src, sentences.tgt)
        )
    pairs = [(i, j) for i, j in known_beads if len(i) and len(j)]
    from_path = len(pairs) >= _MIN_LENGTH_SAMPLE
    if not from_path:
        pairs = []
        if len(best) >= _MIN_LENGTH_SAMPLE:
            confident = best[main[best] >= np.quantile(main[best], 0.5)]
            pairs = [(range(i, i + 1), range(j, j + 1))
                     for i, j in zip(rows[confident], cols[confident])]
    ratio = level.tgt_cum[-1] / max(level.src_cum[-1], 1.0)
    variance = 6.8
    if pairs:
        src, tgt = _span_lengths(level, pairs)
        if from_path:
            # Beads rather than whole sides: deleted sentences would bias the ratio.
            ratio = tgt.sum() / max(src.sum(), 1.0)
        expected = ratio * src
        observed = (tgt - expected) ** 2 / ((expected + tgt) / 2)
        # The median of a chi-square with one degree of freedom is 0.455.
        variance = float(np.clip(np.median(observed) / 0.455, 1.0, 50.0))
    return Calibration(curves, sentence_curves, float(ratio), variance)


def _span_lengths(level: _Level, pairs: Spans) -> tuple[np.ndarray, np.ndarray]:
    src = np.array([level.src_cum[i.stop] - level.src_cum[i.start] for i, _ in pairs])
    tgt = np.array([level.tgt_cum[j.stop] - level.tgt_cum[j.start] for _, j in pairs])
    return src, tgt


def _spans(beads) -> list[tuple[range, range]]:
    return [(range(si, si + a), range(sj, sj + b)) for si, a, sj, b in beads]


def _coarsen_lengths(lengths: np.ndarray, factor: int) -> np.ndarray:
    blocks = math.ceil(len(lengths) / factor)
    return np.add.reduceat(lengths, np.arange(0, blocks * factor, factor)[:blocks])


def _coarse_factor(n: int, m: int, full_grid_cells: int, step: int) -> int:
    """Block size for the next coarser level.

    The coarsest level is the finest one whose whole grid fits ``full_grid_cells``: blocks
    of hundreds of sentences share most of their words and their similarity no longer finds
    the diagonal. The levels between are spaced evenly, at most ``step`` apart.
    """
    needed = math.sqrt(n * m / full_grid_cells)  # the coarsest level's block size
    levels = max(1, math.ceil(math.log(needed) / math.log(step)))
    return max(2, math.ceil(needed ** (1 / levels)))


def _band_around(path_steps, factor: int, n: int, m: int, margin: int) -> Band:
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for si, a, sj, b in path_steps:
        i0, i1 = si * factor, min((si + a) * factor, n)
        j0, j1 = sj * factor, min((sj + b) * factor, m)
        lo[i0 : i1 + 1] = np.minimum(lo[i0 : i1 + 1], j0)
        hi[i0 : i1 + 1] = np.maximum(hi[i0 : i1 + 1], j1)
    # Widen by the margin in both directions of the grid, then keep the band monotone.
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    rows = np.arange(n + 1)
    lo_wide = np.maximum(0, lo[np.maximum(rows - margin, 0)] - margin)
    hi_wide = np.minimum(m, hi[np.minimum(rows + margin, n)] + margin)
    lo_wide[0], hi_wide[-1] = 0, m
    return Band(lo_wide.astype(np.int64), np.maximum(hi_wide, lo_wide).astype(np.int64))


class Aligner:
    """Aligns two sides with any encoder. ``align`` does the work; construction is cheap."""

    def __init__(self, encoder: Encoder, config: AlignConfig | None = None):
        self.encoder = encoder
        self.config = config or AlignConfig()

    def signature(self) -> Signature:
        return Signature(self.encoder.name, self.encoder.model_id, self.config.as_settings())

    def align(self, src: Side, tgt: Side, doc_id: str = "document") -> AlignedDocument:
        beads: tuple[Bead, ...]
        if not len(src) or not len(tgt):
            beads = tuple(Bead((i,), ()) for i in range(len(src))) + tuple(
                Bead((), (j,)) for j in range(len(tgt))
            )
        else:
            features = self.encoder.features(src, tgt)
            beads = self._align_features(features, char_lengths(src), char_lengths(tgt))
        return AlignedDocument(doc_id, src, tgt, beads, self.signature())

    def _align_features(self, features, src_len, tgt_len) -> tuple[Bead, ...]:
        level = _Level(features, src_len, tgt_len)
        band = self._band(level)
        path = self._solve(level, band, posteriors=True)
        if self.config.second_pass:
            # A second pass with what the first taught: the encoder learns from its beads (a
            # document lexicon from the confident ones; hybrid embeds the unsure stretches),
            # and the length model is refitted on the whole first path.
            first = FirstPass(tuple(_spans(path.beads)), tuple(map(float, path.posteriors)))
            refined = features.refine(first)
            if refined is not None:
                level = _Level(refined, src_len, tgt_len)
                if band.size < (level.n + 1) * (level.m + 1):
                    band = _band_around(path.beads, 1, level.n, level.m, self.config.band_margin)
                path = self._solve(level, band, posteriors=True, known_beads=first.beads)
        return tuple(
            Bead(tuple(range(si, si + a)), tuple(range(sj, sj + b)), round(float(p), 4))
            for (si, a, sj, b), p in zip(path.beads, path.posteriors)
        )

    def _band(self, level: _Level) -> Band:
        """The whole grid for short documents, else a band around a coarse pass's path."""
        config = self.config
        n, m = level.n, level.m
        if (n + 1) * (m + 1) <= config.full_grid_cells:
            return Band.full(n, m)
        factor = _coarse_factor(n, m, config.full_grid_cells, config.coarse_step)
        coarse = _Level(
            level.features.coarsen(factor),
            _coarsen_lengths(np.diff(level.src_cum), factor),
            _coarsen_lengths(np.diff(level.tgt_cum), factor),
        )
        coarse_path = self._solve(coarse, self._band(coarse), posteriors=False)
        return _band_around(coarse_path.beads, factor, n, m, config.band_margin)

    def _solve(self, level: _Level, band: Band, posteriors: bool, known_beads: Spans = ()):
        level.calibration = _calibrate(level, band, known_beads)
        logger.debug(
            "level %dx%d: %d cells, %s", level.n, level.m, band.size, level.calibration
        )
        edges: list[Edges] = [
            build_edges(band, kind, level.score) for kind in self.config.bead_kinds()
        ]
        return best_path(band, edges, level.deletion_score(0, 1), posteriors=posteriors)
