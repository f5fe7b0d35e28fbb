"""Dictionary coverage, sentence by sentence (``LexicalFeatures``).

The share (IDF-weighted) of each Chinese sentence's units whose glosses occur in the English
window opposite, and of each English sentence's terms that occur among the glosses of the
Chinese window opposite; the F1 of two sentences' coverages ranks candidate translations. A
second signal is the same share for the sentence's first and last clauses, whichever is less
(``_WindowHits``). A window's glosses are the union of its sentences', held as sparse matrices
so that many window pairs are scored at once. After a first alignment, ``refine`` adds the
lexicon learned from the document itself (``align.encoders.document_lexicon``).
"""

from __future__ import annotations

import logging
from dataclasses import replace

import numpy as np
from scipy import sparse

from align.blocks import Blocks
from align.encoders.bags import Bags, EdgeClauses
from align.encoders.base import FirstPass, PairFeatures, SentenceSimilarity
from align.encoders.document_lexicon import document_lexicon
from align.encoders.products import PairTable, values_by_block, window_members
from align.encoders.windows import clip

logger = logging.getLogger(__name__)

# The document lexicon learns from beads of at least this posterior: a lower bar learns
# from wrong beads, a higher one from too few.
LEXICON_CONFIDENCE = 0.5


class _Side:
    """One side: its sentences' weighted own terms, and the scores of each sentence against
    windows of the other side: the weight of its terms that a window's words translate, and
    with ``edges``, the coverage of its edge clauses (``_WindowHits``)."""

    def __init__(self, own: sparse.csr_matrix, opposite: sparse.csr_matrix,
                 links: sparse.csr_matrix, weights: np.ndarray, edges: EdgeClauses | None):
        own = (own @ sparse.diags(weights)).tocsr()
        self.mass = np.asarray(own.sum(axis=1)).ravel()
        self.edge_signal = edges is not None
        # Without a sentence of two clauses (text cut into pieces at spaces), nothing to score.
        self.has_edges = edges is not None and edges.bags.nnz > 0
        if self.has_edges:
            # A clause's words are its sentence's (a number cut at a comma is not).
            sentence_of = np.repeat(np.arange(own.shape[0]), 2)
            edges = edges.bags.multiply(own[sentence_of] != 0).tocsr()
            edges = (edges @ sparse.diags(weights)).tocsr()
        else:
            edges = None
        self.hits = PairTable(own.shape[0], opposite.shape[0],
                              _WindowHits(own, opposite, links, edges),
                              planes=2 if self.has_edges else None)


class _WindowHits:
    """The weight of each sentence's terms that windows of the other side match, and with
    ``edges`` (rows 2i, 2i + 1: sentence i's first and last clauses), the coverage of its
    edge clauses, whichever is less (NaN for a sentence without two).

    What a window translates is not held for the whole document (a common English word
    glosses hundreds of Chinese words, so a window of four English sentences covers thousands
    of Chinese units): for each block of sentences, only the block's own terms are looked up
    in the opposite windows (``links``: own term → the opposite terms that match it), and
    its edge clauses' words are among them.

    Where the two sides' sentence boundaries cross (a sentence's last clause translated at
    the start of the next sentence opposite, or its first clause at the end of the one
    before), cutting the bead at the sentence boundary leaves that clause wholly unmatched,
    which costs the sentence's coverage only the clause's share: the edge clauses are what
    tell a true 2-2 bead from its two 1-1 pieces.
    """

    def __init__(self, own: sparse.csr_matrix, opposite: sparse.csr_matrix,
                 links: sparse.csr_matrix, edges: sparse.csr_matrix | None = None):
        self._own, self._opposite, self._links = own, opposite, links
        self._edges = edges
        if edges is not None:
            mass = np.asarray(edges.sum(axis=1)).ravel().reshape(-1, 2)
            self._edge_mass = np.where((mass > 0).all(axis=1, keepdims=True), mass, np.nan)

    def __call__(self, rows: np.ndarray, starts: np.ndarray, sizes: int) -> np.ndarray:
        return values_by_block(rows, starts, sizes, self._block,
                               None if self._edges is None else 2)

    def _block(self, row_lo: int, row_hi: int, start_lo: int, start_hi: int,
               sizes: int) -> np.ndarray:
        own = self._own[row_lo:row_hi]
        terms, local = np.unique(own.indices, return_inverse=True)
        own = sparse.csr_matrix((own.data, local.astype(np.int32), own.indptr),
                                shape=(own.shape[0], len(terms)))
        width = start_hi - start_lo
        stop = min(start_hi + sizes - 1, self._opposite.shape[0])
        # Which of the block's terms each opposite sentence matches (terms × sentences).
        matched = np.zeros((len(terms), width + sizes - 1), np.float32)
        found = (self._links[terms] @ self._opposite[start_lo:stop].T).toarray()
        matched[:, : stop - start_lo] = found != 0
        edges = None
        if self._edges is not None:
            edges = self._edges[2 * row_lo : 2 * row_hi]
            edges = sparse.csr_matrix(
                (edges.data, np.searchsorted(terms, edges.indices).astype(np.int32),
                 edges.indptr), shape=(edges.shape[0], len(terms)))
            mass = self._edge_mass[row_lo:row_hi, :, np.newaxis]
        hits = np.empty((1 if edges is None else 2, sizes, own.shape[0], width), np.float32)
        window = matched[:, :width]
        for size in range(sizes):
            if size:  # a window one sentence longer: the union with the next sentence
                window = np.maximum(window, matched[:, size : size + width])
            hits[0, size] = own @ window
            if edges is not None:
                cover = (edges @ window).reshape(own.shape[0], 2, width) / mass
                hits[1, size] = cover.min(axis=1)
        return hits if edges is not None else hits[0]


class LexicalFeatures(PairFeatures):
    """Dictionary coverage, sentence by sentence: the IDF-weighted share of each sentence's
    words that the window opposite translates.

    Scored by sentence rather than by window, each sentence counts once however the beads
    group it: a short line that a window's other sentences leave unexplained costs that window
    the same whether the line sits in a 1-1 bead or at the end of a 1-3 one, which is what a
    one-sentence shift at a bead boundary turns on.
    """

    n_signals = 0

    def __init__(self, bags: Bags, zh_is_src: bool):
        self._bags = bags
        # Coverage, then the edge clauses' where a sentence has two clauses (blocks of
        # sentences have none; nor has text cut into pieces at spaces).
        edges = bags.zh_edges is not None and (bags.zh_edges.bags.nnz + bags.en_edges.bags.nnz) > 0
        self.n_sentence_signals = 1 + edges
        self._zh = _Side(bags.zh_units, bags.en_terms, bags.lexicon, bags.unit_idf,
                         bags.zh_edges if edges else None)
        self._en = _Side(bags.en_terms, bags.zh_units, bags.lexicon.T.tocsr(), bags.term_idf,
                         bags.en_edges if edges else None)
        self._zh_is_src = zh_is_src

    def similarity(self, src_start, src_size, tgt_start, tgt_size):
        return np.empty((0, len(src_start)))

    def sentence_similarity(self, src_start, src_size, tgt_start, tgt_size) -> SentenceSimilarity:
        src, tgt = (self._zh, self._en) if self._zh_is_src else (self._en, self._zh)
        return SentenceSimilarity(
            self._signals(src, src_start, src_size, tgt_start, tgt_size),
            self._signals(tgt, tgt_start, tgt_size, src_start, src_size),
        )

    @staticmethod
    def _signals(side: _Side, start, size, opposite_start, opposite_size) -> np.ndarray:
        """Coverage of each of ``side``'s window sentences by the window opposite, and of
        their edge clauses: (signals, size, windows)."""
        rows, opposite_rows = window_members(start, size, opposite_start)
        values = side.hits(rows, opposite_rows, opposite_size).astype(np.float64)
        hits = values[0] if side.has_edges else values
        with np.errstate(invalid="ignore", divide="ignore"):
            covers = [(hits / side.mass[rows]).reshape(size, -1)]
        if side.has_edges:
            covers.append(values[1].reshape(size, -1))
        elif side.edge_signal:
            covers.append(np.full_like(covers[0], np.nan))
        return np.stack(covers)

    def rank_similarity(self, src_rows, tgt_rows) -> np.ndarray:
        """Coverage F1 of two sentences: high only when each explains most of the other."""
        covers = self.sentence_similarity(src_rows, 1, tgt_rows, 1)
        src, tgt = covers.src[0, 0], covers.tgt[0, 0]
        with np.errstate(invalid="ignore", divide="ignore"):
            f1 = np.where((src == 0) | (tgt == 0), 0.0, 2 * src * tgt / (src + tgt))
        return np.where(np.isnan(src) | np.isnan(tgt), np.nan, f1)

    def coarsen(self, blocks: Blocks) -> LexicalFeatures:
        zh, en = (blocks.src, blocks.tgt) if self._zh_is_src else (blocks.tgt, blocks.src)
        return LexicalFeatures(self._bags.coarsen(zh, en), self._zh_is_src)

    def refine(self, first: FirstPass) -> LexicalFeatures | None:
        beads = first.confident(LEXICON_CONFIDENCE)
        if not self._zh_is_src:
            beads = [(zh, en) for en, zh in beads]
        learned = document_lexicon(self._bags, beads)
        logger.debug("document lexicon: %d pairs learned", learned.nnz)
        if not learned.nnz:
            return None
        lexicon = clip((self._bags.lexicon + learned).tocsr())
        return LexicalFeatures(replace(self._bags, lexicon=lexicon), self._zh_is_src)
