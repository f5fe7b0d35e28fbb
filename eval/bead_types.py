"""Bead types as evaluators group them: the kind of a bead and the many-to-many class.

A kind is written as ``corpus.beads.bead_kind`` writes it, source count first ("2-1"). Kinds
are listed as the literature lists them: 1-1, then by size (1-2, 2-1, 1-3, 2-2, …), with
deletions (1-0, 0-1) last. Many-to-many beads are those both of whose sides hold at least two
sentences, or one side at least five: the beads an aligner that cuts into small pieces misses.
"""

from __future__ import annotations

from corpus.beads import bead_kind

Link = tuple[tuple[int, ...], tuple[int, ...]]

MANY_TO_MANY = "many-to-many"
_BOTH_SIDES_AT_LEAST = 2
_ONE_SIDE_AT_LEAST = 5


def kind_of(link: Link) -> str:
    return bead_kind(len(link[0]), len(link[1]))


def kind_order(kind: str) -> tuple[bool, int, int]:
    """Sort key: deletions last, then by bead size, then by source count."""
    n_src, n_tgt = (int(n) for n in kind.split("-"))
    return (n_src == 0 or n_tgt == 0, n_src + n_tgt, n_src)


def is_many_to_many(link: Link) -> bool:
    sizes = (len(link[0]), len(link[1]))
    return min(sizes) >= _BOTH_SIDES_AT_LEAST or (min(sizes) > 0 and max(sizes) >= _ONE_SIDE_AT_LEAST)
