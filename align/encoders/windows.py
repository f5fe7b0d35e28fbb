"""Windows and blocks of consecutive sentence rows, the pieces every feature scores.

Dense rows (embeddings) add up: a window's vector is the sum of its sentences', a block's
the normalised sum. Sparse binary rows (bags of words) unite: a block's bag, or a bead's, is
the union of its sentences' (``pool_rows``; a window's is built a block of sentences at a
time where it is scored, ``align.encoders.coverage``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length; zero rows stay zero."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(norms > 0, vectors / norms, 0.0).astype(np.float32)


def window_sums(rows: np.ndarray, size: int) -> np.ndarray:
    """Sums of ``size`` consecutive rows (one a window start)."""
    if size > len(rows):
        return np.zeros((0, rows.shape[1]), rows.dtype)
    cumulative = np.zeros((len(rows) + 1, rows.shape[1]), np.float64)
    np.cumsum(rows, axis=0, out=cumulative[1:])
    return cumulative[size:] - cumulative[:-size]


def block_sums(vectors: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """The normalised sum of each block's vectors (``starts``: each block's first row)."""
    if not len(vectors):
        return vectors
    return normalise(np.add.reduceat(vectors.astype(np.float64), starts, axis=0))


def blocks_all(flags: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Whether all of each block's flags are set."""
    if not len(flags):
        return flags
    return np.minimum.reduceat(flags, starts)


def clip(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """The matrix made binary again (a count becomes 1), in place."""
    matrix.data = np.minimum(matrix.data, 1.0).astype(np.float32)
    matrix.eliminate_zeros()
    return matrix


def pool_rows(matrix: sparse.csr_matrix, groups: Sequence[range]) -> sparse.csr_matrix:
    """Binary union of the rows in each group (a block of sentences, or one side of a bead)."""
    lengths = [len(g) for g in groups]
    members = np.fromiter((i for g in groups for i in g), dtype=np.int64, count=sum(lengths))
    owners = np.repeat(np.arange(len(groups)), lengths)
    pool = sparse.csr_matrix(
        (np.ones(len(members), dtype=np.float32), (owners, members)),
        shape=(len(groups), matrix.shape[0]),
    )
    return clip((pool @ matrix).tocsr())
