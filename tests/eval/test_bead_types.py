"""Bead types: the order evaluators list them in, and which beads are many-to-many."""

from __future__ import annotations

import pytest

from eval.bead_types import is_many_to_many, kind_of, kind_order


def test_kinds_are_listed_by_size_with_deletions_last():
    kinds = ["0-1", "2-2", "1-0", "1-3", "2-1", "1-1", "3-1", "1-2"]
    assert sorted(kinds, key=kind_order) == ["1-1", "1-2", "2-1", "1-3", "2-2", "3-1", "0-1", "1-0"]


def test_the_kind_counts_source_sentences_first():
    assert kind_of(((4, 5), (7,))) == "2-1"


@pytest.mark.parametrize(
    ("n_src", "n_tgt", "many"),
    [
        (1, 1, False),
        (2, 1, False),
        (1, 4, False),  # one sentence against four is still one-to-many
        (2, 2, True),
        (3, 2, True),
        (1, 5, True),  # a side of five counts however small the other
        (6, 1, True),
        (5, 0, False),  # a deletion is no many-to-many bead
    ],
)
def test_many_to_many(n_src, n_tgt, many):
    assert is_many_to_many((tuple(range(n_src)), tuple(range(n_tgt)))) is many
