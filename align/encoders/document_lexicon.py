"""Word pairs a document translates that the dictionary lacks, learned from its aligned beads."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from align.encoders.bags import Bags
from align.encoders.windows import clip, pool_rows

# A 2x2 co-occurrence table whose log-likelihood ratio statistic exceeds this value is
# significant at p < 0.001 (chi-square, one degree of freedom).
_SIGNIFICANT_G2 = 10.83
# A word pair seen together once or twice is a coincidence however rare the words are.
_MIN_COOCCURRENCE = 3
_BEADS_A_BLOCK = 1024


def document_lexicon(bags: Bags, beads: Sequence[tuple[range, range]]) -> sparse.csr_matrix:
    """Word pairs the document itself translates, learned from aligned beads.

    Names and free renderings the dictionary lacks (韦小宝 → Trinket) co-occur bead after
    bead. A pair is learned for a Chinese word whose dictionary glosses are missing from the
    English of most of its beads, when each word is the other's strongest associate (Dice)
    and the association is significant (G², p < 0.001) over at least three beads.
    """
    shape = bags.lexicon.shape
    beads = [(zh, en) for zh, en in beads if len(zh) and len(en)]
    if len(beads) < 2:
        return sparse.csr_matrix(shape, dtype=np.float32)
    zh = pool_rows(bags.zh_units, [b[0] for b in beads])
    en = pool_rows(bags.en_terms, [b[1] for b in beads])
    together = (zh.T @ en).tocoo()
    unit_count = np.asarray(zh.sum(axis=0)).ravel()
    term_count = np.asarray(en.sum(axis=0)).ravel()
    rows, cols, both = together.row, together.col, together.data.astype(np.float64)
    dice = 2 * both / (unit_count[rows] + term_count[cols])
    best_for_unit = _group_max(rows, dice, shape[0])
    best_for_term = _group_max(cols, dice, shape[1])
    mutual = (dice >= best_for_unit[rows]) & (dice >= best_for_term[cols])
    g2 = _log_likelihood_ratio(both, unit_count[rows], term_count[cols], len(beads))
    # Learn only for words the dictionary leaves unexplained in most of their beads.
    unexplained = _explained_beads(zh, en, bags.lexicon)[rows] * 2 < unit_count[rows]
    keep = mutual & (both >= _MIN_COOCCURRENCE) & (g2 >= _SIGNIFICANT_G2) & unexplained
    return sparse.csr_matrix(
        (np.ones(int(keep.sum()), dtype=np.float32), (rows[keep], cols[keep])), shape=shape
    )


def _explained_beads(zh: sparse.csr_matrix, en: sparse.csr_matrix, lexicon: sparse.csr_matrix
                     ) -> np.ndarray:
    """For each Chinese unit, the beads in which a dictionary gloss of it is in the English.
    A block of beads at a time: a bead's English glosses hundreds of units it does not hold."""
    explained = np.zeros(lexicon.shape[0])
    for lo in range(0, zh.shape[0], _BEADS_A_BLOCK):
        block = slice(lo, lo + _BEADS_A_BLOCK)
        glossed = clip((en[block] @ lexicon.T).tocsr())
        explained += np.asarray(zh[block].multiply(glossed).sum(axis=0)).ravel()
    return explained


def _group_max(groups: np.ndarray, values: np.ndarray, n_groups: int) -> np.ndarray:
    result = np.zeros(n_groups)
    np.maximum.at(result, groups, values)
    return result


def _log_likelihood_ratio(both, left, right, total) -> np.ndarray:
    """Dunning's G² for the 2x2 table of two words' presence in ``total`` beads."""
    observed = np.stack([both, left - both, right - both, total - left - right + both])
    expected = np.stack([
        left * right, left * (total - right), (total - left) * right,
        (total - left) * (total - right),
    ]) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    return 2 * terms.sum(axis=0)
