"""Sentence alignment: calibrate the encoder's signals on the document, then coarse-to-fine DP.

Every bead's score is a log-likelihood ratio (``align.scoring``) whose parts are calibrated
on the document itself (``align.calibration``). A long document is first aligned on blocks of
sentences, each finer level in a band around the coarser path (``align.banding``). When the
encoder can learn from a first alignment (``PairFeatures.refine``), a second pass aligns with
what it learned. Confidence = the posterior probability of the bead (forward–backward over
the band, ``align.dp``).
"""

from __future__ import annotations

import functools
import logging

from align.anchors import Anchors
from align.banding import band_around, coarse_factors
from align.blocks import Blocks
from align.config import AlignConfig
from align.dp import Band, Path, best_path
from align.encoders.base import Encoder, FirstPass, PairFeatures
from align.lengths import Lengths, Spans, char_lengths
from align.pieces import Pieces, sentence_beads
from align.scoring import BeadPriors, BeadScorer
from corpus.beads import Bead
from corpus.document import AlignedDocument, Side
from corpus.signature import Signature

logger = logging.getLogger(__name__)


def _spans(beads) -> list[tuple[range, range]]:
    return [(range(si, si + a), range(sj, sj + b)) for si, a, sj, b in beads]


class Aligner:
    """Aligns two sides with any encoder. ``align`` does the work; construction is cheap."""

    def __init__(self, encoder: Encoder, config: AlignConfig | None = None):
        self.encoder = encoder
        self.config = config or AlignConfig()

    @functools.cached_property
    def _priors(self) -> BeadPriors:
        return BeadPriors(self.config.bead_kinds())

    def signature(self, encoder: Encoder | None = None) -> Signature:
        """What produced an alignment: ``encoder`` (the one a document was aligned with, as
        ``auto`` chooses per document) or this aligner's own, and the settings."""
        encoder = encoder or self.encoder
        return Signature(encoder.name, encoder.model_id, self.config.as_settings())

    def align(self, src: Side, tgt: Side, doc_id: str = "document") -> AlignedDocument:
        config = self.config.for_document(len(src), len(tgt))
        if config is not self.config:  # max_bead chosen for this document, and signed
            return Aligner(self.encoder, config).align(src, tgt, doc_id)
        beads: tuple[Bead, ...]
        if not len(src) or not len(tgt):
            encoder = self.encoder.for_document(src, tgt)
            beads = tuple(Bead((i,), ()) for i in range(len(src))) + tuple(
                Bead((), (j,)) for j in range(len(tgt))
            )
        else:
            scored = (src.for_scoring(), tgt.for_scoring())  # the document keeps src and tgt
            # The encoder scores pieces (over-long sentences cut): ``auto`` counts those.
            src_pieces, tgt_pieces = Pieces.of(scored[0]), Pieces.of(scored[1])
            encoder = self.encoder.for_document(src_pieces.side, tgt_pieces.side)
            path = self._align_features(
                encoder.features(src_pieces.side, tgt_pieces.side),
                Lengths(char_lengths(src_pieces.side), char_lengths(tgt_pieces.side)),
                Blocks.paragraphs(src_pieces.side.paragraphs, tgt_pieces.side.paragraphs))
            beads = sentence_beads(path.beads, path.posteriors, path.corners, src_pieces,
                                   tgt_pieces)
        return AlignedDocument(doc_id, src, tgt, beads, self.signature(encoder))

    def _align_features(self, features: PairFeatures, lengths: Lengths,
                        paragraphs: Blocks) -> Path:
        scorer = BeadScorer(features, lengths, self._priors)
        band = self._band(scorer)
        path = self._solve(scorer, band, posteriors=True)
        anchors = self._paragraph_anchors(scorer, paragraphs, path)
        refined, known_beads = None, ()
        if self.config.second_pass:
            # A second pass with what the first taught: the encoder learns from its beads (a
            # document lexicon from the confident ones; hybrid embeds the unsure stretches),
            # and the length model is refitted on the whole first path.
            first = FirstPass(tuple(_spans(path.beads)), tuple(map(float, path.posteriors)))
            refined = features.refine(first)
            if refined is not None:
                del features  # the first pass's features go: memory
                scorer, known_beads = BeadScorer(refined, lengths, self._priors), first.beads
                if band.size < (lengths.n + 1) * (lengths.m + 1):
                    band = band_around(path.beads, 1, lengths.n, lengths.m,
                                       self.config.band_margin)
        temperature = self.config.confidence_temperature
        if refined is not None or anchors or temperature != 1.0:
            # The first pass's posteriors were for the steps above: the confidences come
            # from this one, at the confidence temperature.
            path = self._solve(scorer, band, posteriors=True, known_beads=known_beads,
                               anchors=anchors, temperature=temperature)
        return path

    def _paragraph_anchors(self, scorer: BeadScorer, paragraphs: Blocks, sentence_path: Path
                           ) -> Anchors | None:
        """Where both sides come in paragraphs, align the paragraphs (their whole words and
        lengths are strong evidence), and anchor the next sentence pass at the paragraph
        boundaries that pass is sure of, unless a bead the sentence pass is as sure of
        crosses one (a list that one side keeps in one paragraph and the other in several).
        One sentence a paragraph on both sides is the sentence pass itself: no anchors."""
        n, m, sure = scorer.lengths.n, scorer.lengths.m, self.config.anchor_posterior
        if sure is None or min(paragraphs.n, paragraphs.m) < 2 or (
                paragraphs.n == n and paragraphs.m == m):
            return None
        level = BeadScorer(scorer.features.coarsen(paragraphs), scorer.lengths.coarsen(paragraphs),
                           self._priors)
        path = self._solve(level, self._band(level), posteriors=True)
        anchors = Anchors.sure_corners(path, paragraphs, n, m, sure)
        sure_beads = [bead for bead, p in zip(sentence_path.beads, sentence_path.posteriors)
                      if p >= sure]
        kept = anchors.not_crossing(sure_beads)
        logger.debug("paragraphs %dx%d: %d sure boundaries, %d anchors", paragraphs.n,
                     paragraphs.m, len(anchors), len(kept))
        return kept

    def _band(self, scorer: BeadScorer) -> Band:
        """The whole grid for short documents, else a band around the path of a coarser pass
        (itself found in a band around a coarser one, up to the finest whole grid that fits).
        Each coarse level goes once solved: only its bags are built ahead."""
        config = self.config
        factors = coarse_factors(scorer.lengths.n, scorer.lengths.m, config.full_grid_cells,
                                 config.coarse_step)
        levels = [scorer]
        for factor in factors:
            finer = levels[-1]
            blocks = Blocks.uniform(finer.lengths.n, finer.lengths.m, factor)
            levels.append(BeadScorer(finer.features.coarsen(blocks), finer.lengths.coarsen(blocks),
                                     self._priors))
        band = Band.full(levels[-1].lengths.n, levels[-1].lengths.m)
        for factor in reversed(factors):
            coarse_path = self._solve(levels.pop(), band, posteriors=False)
            finer = levels[-1]
            band = band_around(coarse_path.beads, factor, finer.lengths.n, finer.lengths.m,
                               config.band_margin)
        return band

    def _solve(self, scorer: BeadScorer, band: Band, posteriors: bool,
               known_beads: Spans = (), anchors: Anchors | None = None,
               temperature: float = 1.0) -> Path:
        kinds = self.config.bead_kinds()
        scorer.calibrate(band, known_beads, (max(a for a, _ in kinds), max(b for _, b in kinds)))
        allows = None
        if anchors is not None and len(anchors):
            # Calibrated on the whole band: its unrelated cells are the ones it would search.
            anchors = anchors.within(band)
            band, allows = anchors.confine(band), anchors.allows
        edges = scorer.edges(band, kinds, allows)
        logger.debug("level %dx%d: %d cells, %s", scorer.lengths.n, scorer.lengths.m, band.size,
                     scorer.calibration)
        return best_path(band, edges, scorer.deletion_score(0, 1), posteriors=posteriors,
                         temperature=temperature)
