"""Documents as IDF-weighted vectors of English terms, and the candidate pairs an inverted
index over each document's rarest terms finds, so that not every pair is scored.

Weights: ``log(1 + count) × idf``, the IDF counted over every document of both sides; vectors
have unit length, so a pair's dot product is its cosine. A document is indexed under its
``INDEXED_TERMS`` heaviest terms (translated names, numbers, Latin-script words and rare
content words weigh most); a term indexed by more than ``MAX_POSTINGS`` documents of a side is
left out of the index (it cannot tell documents apart). A pair becomes a candidate when it
shares indexed terms, and each document keeps its ``CANDIDATES`` best by those terms alone.
Cost: each posting list is at most ``MAX_POSTINGS`` long, so the pairs looked at grow as the
number of documents, not as its square.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from align.match.profiles import Profile

INDEXED_TERMS = 40
MAX_POSTINGS = 200
CANDIDATES = 8


@dataclass(frozen=True)
class Vectors:
    """Unit tf-idf rows of the source and target documents over one vocabulary."""

    src: sparse.csr_matrix
    tgt: sparse.csr_matrix


def vectors(src: Sequence[Profile], tgt: Sequence[Profile]) -> Vectors:
    """The documents' unit vectors over the terms both sides use (a term only one side has,
    such as a gloss no English document uses, cannot make a pair)."""
    on_both = set().union(*(p.terms for p in src)) & set().union(*(p.terms for p in tgt))
    vocabulary = {term: k for k, term in enumerate(sorted(on_both))}
    indices, counts, indptr = [], [], [0]
    for profile in (*src, *tgt):
        kept = [(vocabulary[t], c) for t, c in profile.terms.items() if t in vocabulary]
        indices += [k for k, _ in kept]
        counts += [c for _, c in kept]
        indptr.append(len(indices))
    matrix = sparse.csr_matrix((np.log1p(np.array(counts, dtype=np.float64)),
                                np.array(indices, dtype=np.int64), indptr),
                               shape=(len(indptr) - 1, len(vocabulary)))
    df = np.bincount(matrix.indices, minlength=len(vocabulary))
    idf = np.log((matrix.shape[0] + 1) / (df + 0.5))
    matrix = sparse.csr_matrix(matrix.multiply(idf[np.newaxis, :]))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    matrix = sparse.csr_matrix(sparse.diags(1 / np.maximum(norms, 1e-12)) @ matrix)
    return Vectors(matrix[: len(src)], matrix[len(src):])


def _heaviest(matrix: sparse.csr_matrix, keep: int) -> sparse.csr_matrix:
    """Each row with its ``keep`` largest entries only."""
    data, indices, indptr = [], [], [0]
    for row in range(matrix.shape[0]):
        lo, hi = matrix.indptr[row], matrix.indptr[row + 1]
        values = matrix.data[lo:hi]
        top = np.argpartition(-values, keep - 1)[:keep] if len(values) > keep else slice(None)
        data.append(values[top])
        indices.append(matrix.indices[lo:hi][top])
        indptr.append(indptr[-1] + len(data[-1]))
    return sparse.csr_matrix((np.concatenate(data) if data else [],
                              np.concatenate(indices) if indices else [], indptr),
                             shape=matrix.shape)


def _index(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    heaviest = _heaviest(matrix, INDEXED_TERMS)
    postings = np.bincount(heaviest.indices, minlength=matrix.shape[1])
    keep = postings <= MAX_POSTINGS
    return sparse.csr_matrix(heaviest.multiply(keep[np.newaxis, :]))


def _best_per_row(overlap: sparse.csr_matrix, keep: int) -> set[tuple[int, int]]:
    pairs = set()
    for row in range(overlap.shape[0]):
        lo, hi = overlap.indptr[row], overlap.indptr[row + 1]
        values = overlap.data[lo:hi]
        top = np.argpartition(-values, keep - 1)[:keep] if len(values) > keep else range(len(values))
        pairs.update((row, int(overlap.indices[lo + k])) for k in top)
    return pairs


def candidate_pairs(vecs: Vectors) -> np.ndarray:
    """(source row, target row) pairs worth scoring, each document's best by the index."""
    if not vecs.src.shape[0] or not vecs.tgt.shape[0]:
        return np.zeros((0, 2), dtype=np.int64)
    overlap = sparse.csr_matrix(_index(vecs.src) @ _index(vecs.tgt).T)
    pairs = _best_per_row(overlap, CANDIDATES)
    pairs |= {(i, j) for j, i in _best_per_row(sparse.csr_matrix(overlap.T), CANDIDATES)}
    return np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)


def cosines(vecs: Vectors, pairs: np.ndarray) -> np.ndarray:
    """The full cosine of each pair."""
    if not len(pairs):
        return np.zeros(0)
    products = vecs.src[pairs[:, 0]].multiply(vecs.tgt[pairs[:, 1]])
    return np.asarray(products.sum(axis=1)).ravel()
